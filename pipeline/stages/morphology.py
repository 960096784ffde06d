"""Stage 2 — morphology: slovnet POS and features in context, pymorphy3 lemmas and grammemes."""

from __future__ import annotations

from functools import lru_cache

from spacy.attrs import LEMMA, MORPH, NORM, POS
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc

from pipeline import extensions, models
from pipeline.batching import BatchTagger, doc_words
from pipeline.readings import agreeing_parse, choose_parse

# (word, POS, case) -> lemma; readings.CHOICE_CACHE says how the bounds were chosen.
LEMMA_CACHE = 20_000


def lemmatize(word: str, pos: str | None = None, feats: dict | None = None) -> str:
    parse = choose_parse(word, pos, feats)
    return parse.normal_form if parse else word.lower()


class Morphology(BatchTagger):
    """Tags sentences of many documents at once, shortest first: slovnet pads each batch to its
    longest sentence, so sorting by length halves the tagging time. Reads and writes the Docs
    through arrays (`to_array`/`from_array`): a Token object per word and attribute costs more
    than the tagging of that word."""

    def __init__(self, nlp: Language, name: str, batch_size: int = 16) -> None:
        self.name = name
        self.batch_size = batch_size
        extensions.register()
        self.tagger = models.morph_tagger()
        self._tag_keys: dict[str, tuple[int, int, str, str]] = {}

    def _tag(self, docs: list[Doc]) -> None:
        per_doc = [doc_words(doc, keep=True) for doc in docs]  # NER reads the same words
        sentences = [(d, *sentence) for d, w in enumerate(per_doc) for sentence in w.sentences()]
        sentences.sort(key=lambda item: len(item[1]))
        infer = self.tagger.infer
        infer.encoder.batch_size = self.batch_size
        # slovnet's own decoder gives CoNLL tag strings; reading them here (cached, a few
        # hundred distinct tags) skips building a record object per token.
        tags = infer.decoder(infer.process(infer.encoder([words for _, _, words in sentences])))
        arrays = [doc.to_array(WRITTEN) for doc in docs]
        for (d, positions, words), sentence_tags in zip(sentences, tags, strict=True):
            strings, rows = docs[d].vocab.strings, arrays[d]
            for i, word, tag in zip(positions, words, sentence_tags, strict=True):
                pos_id, morph_key, pos, case = self._keys(docs[d], tag)
                lemma, norm = _lemma(word, pos, case)
                # NORM carries the folded lemma (lowercase, ё -> е): what every rule and
                # PhraseMatcher compares, computed once here instead of in each rule.
                rows[i] = (pos_id, morph_key, strings.add(lemma), strings.add(norm))
        for doc, w, rows in zip(docs, per_doc, arrays, strict=True):
            for i in w.spaces:
                rows[i, 0] = SPACE_ID
                rows[i, 2] = doc.vocab.strings.add(doc[i].text)
            doc.from_array(WRITTEN, rows)

    def _keys(self, doc: Doc, tag: str) -> tuple[int, int, str, str]:
        """(POS id, MORPH key, POS, case) of a slovnet tag, remembered per component."""
        keys = self._tag_keys.get(tag)
        if keys is None:
            pos, feats, case = _read_tag(tag)
            morph_key = doc.vocab.morphology.add(feats) if feats else 0
            keys = self._tag_keys[tag] = (POS_IDS[pos], morph_key, pos, case)
        return keys


WRITTEN = [POS, MORPH, LEMMA, NORM]
SPACE_ID = POS_IDS["SPACE"]


@lru_cache(maxsize=4096)
def _read_tag(tag: str) -> tuple[str, str | None, str]:
    """ "NOUN|Case=Gen|Number=Sing" -> ("NOUN", "Case=Gen|Number=Sing", "Gen")."""
    pos, _, feats = tag.partition("|")
    case = next((f[5:] for f in feats.split("|") if f.startswith("Case=")), "")
    return pos, feats or None, case


@lru_cache(maxsize=LEMMA_CACHE)
def _lemma(word: str, pos: str, case: str) -> tuple[str, str]:
    parse = agreeing_parse(word, pos, case)
    lemma = parse.normal_form if parse else word.lower()
    return lemma, fold(lemma)


def fold(lemma: str) -> str:
    """Lowercase, ё -> е: so "зеленой" (as written) and "зелёный" (dictionary) meet."""
    return lemma.lower().replace("ё", "е")


@Language.factory("ru_morphology", default_config={"batch_size": 16})
def make_morphology(nlp: Language, name: str, batch_size: int) -> Morphology:
    return Morphology(nlp, name, batch_size)
