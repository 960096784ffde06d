"""Bundled models, loaded once per process: natasha's navec embedding and slovnet taggers,
and pymorphy3's analyzer. Nothing is downloaded: the weights ship inside the wheels."""

from __future__ import annotations

from functools import lru_cache
from types import SimpleNamespace

import pymorphy3
from threadpoolctl import threadpool_limits

from pipeline import slovnet_exec

# Cache bounds, from the calls each cache sees over the 840 NEREL texts (hits simulated for
# each size; docs/performance.md, "Memory"). Most repeats of a word are answered by
# morphology's caches in front of `parses`: at 10,000 entries it answered 9 % of its calls,
# ~1 KB each (10 MB); at 1,000 it makes 3,300 more pymorphy3 calls (~0.07 s of ~28 s).
PARSES_CACHE = 1_000
# word -> (word id, shape id) for the taggers (slovnet_exec.WordIds), ~200 bytes and a 2 µs
# call each; bounded like slovnet's word -> shape cache before it (20,000 entries miss 13 %
# more than 50,000).
SHAPE_CACHE = 20_000


@lru_cache(maxsize=1)
def single_threaded_blas() -> None:
    """slovnet multiplies small matrices: extra BLAS threads only fight each other (and other
    worker processes) for the cores. Parallelism comes from processes instead (batch)."""
    threadpool_limits(limits=1, user_api="blas")


@lru_cache(maxsize=1)
def taggers() -> tuple:
    """natasha's news morphology and NER taggers on one navec embedding."""
    from natasha import NewsMorphTagger, NewsNERTagger

    single_threaded_blas()
    # Both taggers encode every word occurrence in Python (lowercase, shape, two lookups):
    # slovnet_exec.accelerate remembers each word's ids, in one cache of SHAPE_CACHE words.
    embedding = news_embedding()
    morph, ner = NewsMorphTagger(embedding), NewsNERTagger(embedding)
    _share_vocabulary(ner, morph)
    for tagger in (morph, ner):
        slovnet_exec.accelerate(tagger, SHAPE_CACHE)
    return morph, ner


def news_embedding() -> SimpleNamespace:
    """natasha's NewsEmbedding as the taggers use it: its id and quantised vectors. Its word
    list (a third copy of the taggers' vocabulary) and the similarity tables navec precomputes
    on load are never used here, and skipping them saves a fifth of a second per process."""
    import numpy as np
    from natasha.data import NEWS_EMBEDDING
    from navec.meta import Meta
    from navec.navec import META, PQ_
    from navec.tar import Tar

    with Tar(NEWS_EMBEDDING) as tar:
        meta = Meta.from_file(tar.load(META))
        Meta.check_protocol(meta.protocol)
        file = tar.load(PQ_)  # the layout of navec's PQ.from_file
        vectors, _, qdim, centroids = np.frombuffer(file.read(16), np.uint32)
        indexes = np.frombuffer(file.read(int(vectors * qdim)), np.uint8).reshape(vectors, qdim)
        codes = np.frombuffer(file.read(), np.float32).reshape(qdim, centroids, -1)
    return SimpleNamespace(meta=meta, pq=SimpleNamespace(indexes=indexes, codes=codes))


def morph_tagger():
    return taggers()[0]


def ner_tagger():
    return taggers()[1]


def _share_vocabulary(tagger, other) -> None:
    """natasha's news taggers each load their own copy of the same 250,000-word vocabulary
    (a list and a dict, ~40 MB): keep one, so each worker process stays small."""
    mine, theirs = tagger.infer.encoder, other.infer.encoder
    for name in ("words_vocab", "shapes_vocab"):
        if getattr(mine, name).items == getattr(theirs, name).items:
            setattr(mine, name, getattr(theirs, name))


@lru_cache(maxsize=1)
def analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=PARSES_CACHE)
def parses(word: str) -> tuple:
    """pymorphy3 parses of a word. Cached because news repeats its vocabulary heavily; the
    bound keeps a worker's memory flat (parses are heavy objects, and the common words that
    matter for speed fit easily)."""
    return tuple(analyzer().parse(word))


@lru_cache(maxsize=1)
def syntax_parser():
    """natasha's news dependency parser (slovnet), on the taggers' embedding and vocabulary,
    with the same faster encoder. Loaded only by the syntax stage."""
    from natasha import NewsSyntaxParser

    morph, _ = taggers()
    parser = NewsSyntaxParser(_embedding_of(morph))
    _share_vocabulary(parser, morph)
    slovnet_exec.accelerate(parser, SHAPE_CACHE)
    return parser


def word_embedding(tagger):
    """A loaded tagger's navec word embedding (slovnet's, under slovnet_exec's
    DistinctEmbedding when accelerated)."""
    emb = tagger.infer.model.emb
    return getattr(emb, "emb", emb).word


def _embedding_of(tagger) -> SimpleNamespace:
    """The navec arrays a loaded tagger already holds, so a third model adds no copy."""
    word = word_embedding(tagger)
    meta = SimpleNamespace(id=word.id)
    return SimpleNamespace(
        meta=meta, pq=SimpleNamespace(indexes=word.indexes.array, codes=word.codes.array)
    )
