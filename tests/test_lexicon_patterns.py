"""Lexicon phrase patterns are NORM ids handed to spaCy's PhraseMatcher as they are: they
must match exactly what the pattern Docs they replace matched."""

from __future__ import annotations

import pytest
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from pipeline.stages.rules.lexicon import lemma_key, norm_doc, positions, positions_of

PHRASES = ["Япония", "премьер-министр", "Казахстан", "визит", "официальный визит", "нет такого"]


def _as_doc(vocab, lemmas: tuple[str, ...]) -> Doc:
    """The old pattern: a Doc whose tokens carry the lemmas as NORM."""
    doc = Doc(vocab, words=list(lemmas))
    for token, lemma in zip(doc, lemmas, strict=True):
        token.norm_ = lemma
    return doc


def test_norm_id_patterns_match_as_pattern_docs(nlp, seed_doc) -> None:
    keys = [lemma_key(p) for p in PHRASES]
    by_ids, by_docs = PhraseMatcher(nlp.vocab, attr="NORM"), PhraseMatcher(nlp.vocab, attr="NORM")
    by_ids.add("X", [norm_doc(nlp.vocab, k) for k in keys])
    by_docs.add("X", [_as_doc(nlp.vocab, k) for k in keys])
    found = by_ids(seed_doc)
    assert found == by_docs(seed_doc)
    assert len({seed_doc[s:e].text for _, s, e in found}) >= 3


def test_norm_id_patterns_keep_their_strings(nlp) -> None:
    ids = norm_doc(nlp.vocab, ("совсем-новое-слово-для-теста",))
    assert nlp.vocab.strings[ids[0]] == "совсем-новое-слово-для-теста"


@pytest.mark.parametrize("lemmas", [(), ("",)])
def test_empty_patterns_are_harmless(nlp, lemmas) -> None:
    matcher = PhraseMatcher(nlp.vocab, attr="NORM")
    matcher.add("X", [norm_doc(nlp.vocab, lemmas)])
    assert matcher(nlp.make_doc("Слово.")) == []


@pytest.mark.parametrize(
    "lists",
    [
        (frozenset({"визит", "япония"}), frozenset({"казахстан"}), frozenset({"визит"})),
        (frozenset(), frozenset({"нет такого слова"})),  # empty and unmatched lists
        (),
    ],
)
def test_positions_of_is_positions_of_each_list(seed_doc, lists) -> None:
    """The one shared pass roles.py takes finds each list's words where `positions` does."""
    assert positions_of(seed_doc, lists) == [positions(seed_doc, words) for words in lists]
