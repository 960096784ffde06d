"""Stage 2 — morphology: slovnet POS and features in context, pymorphy3 lemmas and grammemes."""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from pipeline import extensions, models
from pipeline.batching import BatchTagger

# slovnet speaks Universal Dependencies, pymorphy3 OpenCorpora: this aligns the two so the
# lemma comes from the dictionary reading that agrees with the tagger's choice in context.
UD_TO_OC_POS = {
    "NOUN": {"NOUN"},
    "PROPN": {"NOUN"},
    "ADJ": {"ADJF", "ADJS", "COMP"},
    "VERB": {"VERB", "INFN", "PRTF", "PRTS", "GRND"},
    "AUX": {"VERB", "INFN"},
    "NUM": {"NUMR", "NUMB"},
    "ADV": {"ADVB", "COMP", "PRED"},
    "PRON": {"NPRO"},
    "DET": {"ADJF", "NPRO"},
    "ADP": {"PREP"},
    "CCONJ": {"CONJ"},
    "SCONJ": {"CONJ"},
    "PART": {"PRCL"},
    "INTJ": {"INTJ"},
}
UD_TO_OC_CASE = {
    "Nom": "nomn",
    "Gen": "gent",
    "Dat": "datv",
    "Acc": "accs",
    "Ins": "ablt",
    "Loc": "loct",
}


def choose_parse(word: str, pos: str | None = None, feats: dict | None = None):
    """The pymorphy3 parse of `word` that best agrees with the contextual POS and case."""
    return _choose_parse(word, pos or "", (feats or {}).get("Case", ""))


@lru_cache(maxsize=20_000)
def _choose_parse(word: str, pos: str, case: str):
    # Cached on what decides the choice: news repeats words with the same tags all the time.
    candidates = models.parses(word)
    if not candidates:
        return None
    wanted_pos = UD_TO_OC_POS.get(pos)
    wanted_case = UD_TO_OC_CASE.get(case)

    def score(item):
        index, parse = item
        s = 0
        if wanted_pos and parse.tag.POS in wanted_pos:
            s += 2
        if wanted_case and wanted_case in parse.tag:
            s += 1
        return (s, -index)

    return max(enumerate(candidates), key=score)[1]


def lemmatize(word: str, pos: str | None = None, feats: dict | None = None) -> str:
    parse = choose_parse(word, pos, feats)
    return parse.normal_form if parse else word.lower()


class Morphology(BatchTagger):
    """Tags sentences of many documents at once, shortest first: slovnet pads each batch to its
    longest sentence, so sorting by length halves the tagging time."""

    def __init__(self, nlp: Language, name: str, batch_size: int = 16) -> None:
        self.name = name
        self.batch_size = batch_size
        extensions.register()
        self.tagger = models.morph_tagger()

    def _tag(self, docs: list[Doc]) -> None:
        sentences = [
            words
            for doc in docs
            for sent in doc.sents
            if (words := [t for t in sent if not t.is_space])
        ]
        sentences.sort(key=len)
        infer = self.tagger.infer
        infer.encoder.batch_size = self.batch_size
        # slovnet's own decoder gives CoNLL tag strings; reading them here (cached, a few
        # hundred distinct tags) skips building a record object per token.
        tags = infer.decoder(infer.process(infer.encoder([[t.text for t in s] for s in sentences])))
        for tokens, sentence_tags in zip(sentences, tags, strict=True):
            for token, tag in zip(tokens, sentence_tags, strict=True):
                _annotate(token, *_read_tag(tag))
        for doc in docs:
            for token in doc:
                if token.is_space:
                    token.pos_ = "SPACE"
                    token.lemma_ = token.text


@lru_cache(maxsize=4096)
def _read_tag(tag: str) -> tuple[str, str | None, str]:
    """ "NOUN|Case=Gen|Number=Sing" -> ("NOUN", "Case=Gen|Number=Sing", "Gen")."""
    pos, _, feats = tag.partition("|")
    case = next((f[5:] for f in feats.split("|") if f.startswith("Case=")), "")
    return pos, feats or None, case


def _annotate(token: Token, pos: str, feats: str | None, case: str) -> None:
    token.pos_ = pos
    token.set_morph(feats)
    # NORM carries the folded lemma (lowercase, ё -> е): what every rule and PhraseMatcher
    # compares, computed once here instead of in each rule.
    token.lemma_, token.norm_ = _lemma(token.text, pos, case)


@lru_cache(maxsize=20_000)
def _lemma(word: str, pos: str, case: str) -> tuple[str, str]:
    parse = _choose_parse(word, pos, case)
    lemma = parse.normal_form if parse else word.lower()
    return lemma, fold(lemma)


def fold(lemma: str) -> str:
    """Lowercase, ё -> е: so "зеленой" (as written) and "зелёный" (dictionary) meet."""
    return lemma.lower().replace("ё", "е")


@Language.factory("ru_morphology", default_config={"batch_size": 16})
def make_morphology(nlp: Language, name: str, batch_size: int) -> Morphology:
    return Morphology(nlp, name, batch_size)
