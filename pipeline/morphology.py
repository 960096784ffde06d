"""Stage 2 — morphology: slovnet POS and features in context, pymorphy3 lemmas and grammemes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import minibatch

from pipeline import extensions, models

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


class Morphology:
    """Tags sentences of many documents at once, shortest first: slovnet pads each batch to its
    longest sentence, so sorting by length halves the tagging time."""

    def __init__(self, nlp: Language, name: str, batch_size: int = 16) -> None:
        self.name = name
        self.batch_size = batch_size
        extensions.register()
        self.tagger = models.morph_tagger()

    def __call__(self, doc: Doc) -> Doc:
        self._tag([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 16) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            self._tag(batch)
            yield from batch

    def _tag(self, docs: list[Doc]) -> None:
        sentences = [
            words
            for doc in docs
            for sent in doc.sents
            if (words := [t for t in sent if not t.is_space])
        ]
        sentences.sort(key=len)
        self.tagger.batch_size = self.tagger.infer.encoder.batch_size = self.batch_size
        markups = self.tagger.map([[t.text for t in s] for s in sentences])
        for tokens, markup in zip(sentences, markups, strict=True):
            for token, tagged in zip(tokens, markup.tokens, strict=True):
                _annotate(token, tagged.pos, tagged.feats)
        for doc in docs:
            for token in doc:
                if token.is_space:
                    token.pos_ = "SPACE"
                    token.lemma_ = token.text


def _annotate(token: Token, pos: str, feats: dict) -> None:
    token.pos_ = pos
    token.set_morph(_feats_string(tuple(sorted(feats.items()))))
    parse = _choose_parse(token.text, pos, feats.get("Case", ""))
    token.lemma_ = parse.normal_form if parse else token.lower_
    # NORM carries the folded lemma (lowercase, ё -> е): what every rule and PhraseMatcher
    # compares, computed once here instead of in each rule.
    token.norm_ = fold(token.lemma_)


def fold(lemma: str) -> str:
    """Lowercase, ё -> е: so "зеленой" (as written) and "зелёный" (dictionary) meet."""
    return lemma.lower().replace("ё", "е")


@lru_cache(maxsize=4096)
def _feats_string(feats: tuple[tuple[str, str], ...]) -> str | None:
    return "|".join(f"{k}={v}" for k, v in feats) or None


@Language.factory("ru_morphology", default_config={"batch_size": 16})
def make_morphology(nlp: Language, name: str, batch_size: int) -> Morphology:
    return Morphology(nlp, name, batch_size)
