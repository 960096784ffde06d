"""Turning lexicon words into lemma sequences, the form every rule matches on."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from razdel import tokenize
from spacy.attrs import NORM
from spacy.strings import hash_string
from spacy.tokens import Doc

from pipeline.stages.morphology import fold, lemmatize


def lemma_key(phrase: str) -> tuple[str, ...]:
    """Lemmas of a phrase's words; ё is folded so "зеленой" and "зелёный" meet."""
    return tuple(fold(lemmatize(t.text)) for t in tokenize(phrase))


def lemma_set(words: Iterable[str]) -> frozenset[str]:
    """Single-word lexicon entries as a set of folded lemmas."""
    return frozenset(fold(lemmatize(w)) for w in words)


def token_lemma(token) -> str:
    """The folded lemma the morphology stage left in NORM (see pipeline.stages.morphology)."""
    return token.norm_


def norm_doc(vocab, lemmas: tuple[str, ...]) -> tuple[int, ...]:
    """A PhraseMatcher(attr="NORM") pattern: NORM holds folded lemmas on real docs too. The
    pattern is the lemmas' NORM ids, which `PhraseMatcher.add` takes as they are: what it
    would read from a pattern Doc, without making ~3,000 Docs and a lexeme per new word at
    load (a tenth of the load; tests/test_lexicon_patterns.py matches both ways)."""
    add = vocab.strings.add
    return tuple(add(lemma) for lemma in lemmas)


def positions(doc: Doc, lemmas: frozenset[str]) -> list[int]:
    """Indices of the tokens whose folded lemma is in `lemmas`, found on the NORM array in one
    pass: looping over Token objects costs more than the rules themselves."""
    wanted = _hashes(lemmas)
    return [i for i, norm in enumerate(doc.to_array(NORM).tolist()) if norm in wanted]


def positions_of(doc: Doc, lists: tuple[frozenset[str], ...]) -> list[list[int]]:
    """`positions` of several lemma sets from one pass over the NORM array: a reader family
    that starts from five word lists pays one pass where most sentences hold none of them."""
    wanted = [_hashes(lemmas) for lemmas in lists]
    union = _union(tuple(wanted))
    hits = [(i, norm) for i, norm in enumerate(doc.to_array(NORM).tolist()) if norm in union]
    return [[i for i, norm in hits if norm in hashes] for hashes in wanted]


@lru_cache(maxsize=64)
def _union(sets: tuple[frozenset[int], ...]) -> frozenset[int]:
    return frozenset().union(*sets)


@lru_cache(maxsize=256)
def _hashes(lemmas: frozenset[str]) -> frozenset[int]:
    """The 64-bit string hashes of a lemma set (spaCy's NORM ids), computed once per set."""
    return frozenset(hash_string(w) for w in lemmas)
