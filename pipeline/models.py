"""Bundled models, loaded once per process: natasha's navec embedding and slovnet taggers,
and pymorphy3's analyzer. Nothing is downloaded: the weights ship inside the wheels."""

from __future__ import annotations

from functools import lru_cache

import pymorphy3
from threadpoolctl import threadpool_limits


@lru_cache(maxsize=1)
def single_threaded_blas() -> None:
    """slovnet multiplies small matrices: extra BLAS threads only fight each other (and other
    worker processes) for the cores. Parallelism comes from processes instead (batch)."""
    threadpool_limits(limits=1, user_api="blas")


@lru_cache(maxsize=1)
def embedding():
    from natasha import NewsEmbedding

    single_threaded_blas()
    return NewsEmbedding()


@lru_cache(maxsize=1)
def morph_tagger():
    from natasha import NewsMorphTagger

    return NewsMorphTagger(embedding())


@lru_cache(maxsize=1)
def ner_tagger():
    from natasha import NewsNERTagger

    return NewsNERTagger(embedding())


@lru_cache(maxsize=1)
def analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=10_000)
def parses(word: str) -> tuple:
    """pymorphy3 parses of a word. Cached because news repeats its vocabulary heavily; the
    bound keeps a worker's memory flat (parses are heavy objects, and the common words that
    matter for speed fit easily)."""
    return tuple(analyzer().parse(word))
