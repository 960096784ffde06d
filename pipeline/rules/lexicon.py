"""Turning lexicon words into lemma sequences, the form every rule matches on."""

from __future__ import annotations

from collections.abc import Iterable

from razdel import tokenize
from spacy.tokens import Doc

from pipeline.morphology import lemmatize


def lemma_key(phrase: str) -> tuple[str, ...]:
    """Lemmas of a phrase's words; ё is folded so "зеленой" and "зелёный" meet."""
    return tuple(fold(lemmatize(t.text)) for t in tokenize(phrase))


def fold(lemma: str) -> str:
    return lemma.lower().replace("ё", "е")


def lemma_set(words: Iterable[str]) -> frozenset[str]:
    """Single-word lexicon entries as a set of folded lemmas."""
    return frozenset(fold(lemmatize(w)) for w in words)


def token_lemma(token) -> str:
    return fold(token.lemma_ or token.text)


def norm_doc(vocab, lemmas: tuple[str, ...]) -> Doc:
    """A PhraseMatcher pattern matching on folded lemmas (see set_lemma_norms)."""
    doc = Doc(vocab, words=list(lemmas))
    for token, lemma in zip(doc, lemmas, strict=True):
        token.norm_ = lemma
    return doc


def set_lemma_norms(doc: Doc) -> None:
    """NORM is otherwise unused here, so it carries the folded lemma for PhraseMatchers."""
    for token in doc:
        token.norm_ = token_lemma(token)
