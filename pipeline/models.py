"""Bundled models, loaded once per process: natasha's navec embedding and slovnet taggers,
and pymorphy3's analyzer. Nothing is downloaded: the weights ship inside the wheels."""

from __future__ import annotations

import hashlib
import importlib.util
from functools import lru_cache
from pathlib import Path
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
    single_threaded_blas()
    # Both taggers encode every word occurrence in Python (lowercase, shape, two lookups):
    # slovnet_exec.accelerate remembers each word's ids, in one cache of SHAPE_CACHE words.
    embedding = news_embedding()
    morph, ner = load_slovnet("morph", embedding), load_slovnet("ner", embedding)
    for tagger in (morph, ner):
        slovnet_exec.accelerate(tagger, SHAPE_CACHE)
    return morph, ner


def natasha_data() -> Path:
    """natasha's bundled model files (natasha.data), found without importing natasha: its
    package imports pymorphy2, yargy and its grammars, ipymarkup (~0.1 s), and the pipeline
    only reads its model files."""
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("natasha is not installed", name="natasha")
    return Path(spec.submodule_search_locations[0]) / "data"


# natasha's news models (natasha.data.NEWS_MORPH, NEWS_NER, NEWS_SYNTAX): file, then the
# names of slovnet's API and model class (the same name), encoder, decoder and inference
# classes, and the vocabulary the decoder reads.
SLOVNET_MODELS = {
    "morph": ("slovnet_morph_news_v1.tar", "Morph", "TagEncoder", "TagDecoder", "MorphInfer"),
    "ner": ("slovnet_ner_news_v1.tar", "NER", "TagEncoder", "TagDecoder", "NERInfer"),
    "syntax": (
        "slovnet_syntax_news_v1.tar",
        "Syntax",
        "SyntaxEncoder",
        "SyntaxDecoder",
        "SyntaxInfer",
    ),
}
LABELS = {"morph": "tag", "ner": "tag", "syntax": "rel"}


def load_slovnet(kind: str, embedding):
    """One of natasha's news models as slovnet's `API.load` + `.navec` build it (an object
    with slovnet's `infer`, which is all the stages use), except that a vocabulary equal to
    one already loaded is that object: the three models ship the same 250,000-word list, and
    building its dict took ~0.1 s per model (and ~40 MB per extra copy, dropped after)."""
    from slovnet import api
    from slovnet.exec import encoders, infer, model
    from slovnet.exec.pack import Pack

    name, model_class, encoder, decoder, inference = SLOVNET_MODELS[kind]
    with Pack(str(natasha_data() / "model" / name)) as pack:
        pack.load_meta().check_protocol()
        weights = pack.load_model(getattr(model, model_class))
        arrays = dict(pack.load_arrays(weights.weights))
        words, shapes, labels = (
            _vocabulary(pack, part) for part in ("word", "shape", LABELS[kind])
        )
    tagger = getattr(api, model_class)(
        getattr(infer, inference)(
            weights.inject_arrays(arrays),
            getattr(encoders, encoder)(words, shapes, SLOVNET_BATCH),
            getattr(infer, decoder)(labels),
        ),
        SLOVNET_BATCH,
    )
    return tagger.navec(embedding)


SLOVNET_BATCH = 8  # slovnet's own default; the stages set each batch's size themselves


def _vocabulary(pack, part: str):
    """A model's vocabulary (slovnet's `Pack.load_vocab`), one object per distinct content
    (the packs' gzip headers differ, their contents do not)."""
    from gzip import decompress

    from slovnet.exec.pack import bytes_vocab, vocab_name

    data = pack.read(vocab_name(part))
    key = hashlib.sha256(decompress(data)).digest()
    if key not in _VOCABULARIES:
        _VOCABULARIES[key] = bytes_vocab(data)
    return _VOCABULARIES[key]


_VOCABULARIES: dict[bytes, object] = {}  # sha256 of a vocabulary's text -> slovnet Vocab


def news_embedding() -> SimpleNamespace:
    """natasha's NewsEmbedding as the taggers use it: its id and quantised vectors. Its word
    list (a third copy of the taggers' vocabulary) and the similarity tables navec precomputes
    on load are never used here, and skipping them saves a fifth of a second per process."""
    import numpy as np
    from navec.meta import Meta
    from navec.navec import META, PQ_
    from navec.tar import Tar

    with Tar(str(natasha_data() / "emb" / NEWS_EMBEDDING)) as tar:
        meta = Meta.from_file(tar.load(META))
        Meta.check_protocol(meta.protocol)
        file = tar.load(PQ_)  # the layout of navec's PQ.from_file
        vectors, _, qdim, centroids = np.frombuffer(file.read(16), np.uint32)
        indexes = np.frombuffer(file.read(int(vectors * qdim)), np.uint8).reshape(vectors, qdim)
        codes = np.frombuffer(file.read(), np.float32).reshape(qdim, centroids, -1)
    return SimpleNamespace(meta=meta, pq=SimpleNamespace(indexes=indexes, codes=codes))


NEWS_EMBEDDING = "navec_news_v1_1B_250K_300d_100q.tar"  # natasha.data.NEWS_EMBEDDING


def morph_tagger():
    return taggers()[0]


def ner_tagger():
    return taggers()[1]


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
    morph, _ = taggers()
    parser = load_slovnet("syntax", _embedding_of(morph))
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
