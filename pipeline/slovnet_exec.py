"""Faster numpy execution of slovnet's CNN taggers: the same weights, the same arithmetic,
fewer copies.

slovnet's own `Conv1d` builds a (windows x channels*kernel) copy of its input for every layer
and works channels-first, so each layer also transposes twice; its CRF backtracks token by
token in Python. Here a layer is one matrix product over the padded sequence, channels-last
throughout, with the kernel taps added as shifted views, and the Viterbi backtrack runs over
the whole batch at once. Tests check that tags and activations agree with slovnet's own code.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from slovnet.shape import word_shape


@dataclass(frozen=True)
class _Layer:
    weight: np.ndarray  # channels x (kernel * filters): every tap in one product
    bias: np.ndarray
    kernel: int
    filters: int
    padding: int
    mean: np.ndarray
    std: np.ndarray
    scale: np.ndarray
    shift: np.ndarray


@dataclass(frozen=True)
class Distinct:
    """A batch's embeddings as its distinct (word, shape) rows and where each token's row is:
    words repeat (and padding repeats a lot), so the first layer multiplies each distinct
    row once."""

    rows: np.ndarray  # distinct x dim
    index: np.ndarray  # batch x seq: each token's row in `rows`


class DistinctEmbedding:
    """Drop-in for slovnet's `WordShapeEmbedding` that hands the encoder `Distinct` rows."""

    def __init__(self, emb) -> None:
        self.emb = emb
        codes = emb.word.codes.array  # navec's product quantisation: qdim x centroids x chunk
        qdim, centroids, chunk = codes.shape
        self._codes = codes.reshape(qdim * centroids, chunk)  # a view, no copy
        self._offsets = np.arange(qdim, dtype=np.intp) * centroids

    def __call__(self, word_id: np.ndarray, shape_id: np.ndarray) -> Distinct:
        pairs = word_id.astype(np.int64) * (int(shape_id.max(initial=0)) + 1) + shape_id
        unique, first, index = np.unique(pairs, return_index=True, return_inverse=True)
        words = word_id.reshape(-1)[first]
        shapes = shape_id.reshape(-1)[first]
        return Distinct(self._rows(words, shapes), index.reshape(word_id.shape))

    def _rows(self, words: np.ndarray, shapes: np.ndarray) -> np.ndarray:
        """slovnet's word vectors (navec's `codes[qdims, indexes]`, a fancy index per chunk)
        as one `np.take` of whole rows from the flattened codes: the same floats, five times
        faster; the shape vectors beside them, as slovnet concatenates them."""
        chunks = self.emb.word.indexes.array[words].astype(np.intp)
        chunks += self._offsets
        vectors = np.take(self._codes, chunks, axis=0).reshape(len(words), -1)
        return np.concatenate((vectors, self.emb.shape(shapes)), axis=-1)


class CNNEncoder:
    """Drop-in for `slovnet.exec.model.CNNEncoder`: (batch x seq x dim, pad mask) -> same;
    the input may also be `Distinct` rows."""

    def __init__(self, encoder) -> None:
        self.layers = [_layer(layer) for layer in encoder.layers]

    def __call__(self, input: np.ndarray | Distinct, mask: np.ndarray) -> np.ndarray:
        x = input
        for layer in self.layers:
            x = _conv_relu_norm(x, layer)
            x[mask] = 0
        return x


def _layer(layer) -> _Layer:
    conv, norm = layer.conv, layer.norm
    filters, channels, kernel = conv.weight.shape
    weight = conv.weight.array.transpose(1, 2, 0).reshape(channels, kernel * filters)
    return _Layer(
        weight=np.ascontiguousarray(weight),
        bias=conv.bias.array,
        kernel=kernel,
        filters=filters,
        padding=conv.padding,
        mean=norm.mean.array,
        std=norm.std.array,
        scale=norm.weight.array,
        shift=norm.bias.array,
    )


def _taps(x: np.ndarray, layer: _Layer) -> np.ndarray:
    """Every kernel tap of every position, zero at the layer's padding:
    batch x (seq + 2 * padding) x kernel x filters."""
    pad = layer.padding
    batch, length, channels = x.shape
    padded = np.zeros((batch, length + 2 * pad, channels), dtype=x.dtype)
    padded[:, pad : pad + length] = x
    taps = padded.reshape(-1, channels) @ layer.weight
    return taps.reshape(batch, length + 2 * pad, layer.kernel, layer.filters)


def _distinct_taps(x: Distinct, layer: _Layer) -> Iterator[np.ndarray]:
    """Per kernel tap, its product at every output position (batch x seq x filters), read
    straight from the distinct rows' products: no batch x seq x kernel x filters copy of
    them all. The layer's padding reads a zero row appended last."""
    pad, kernel, filters = layer.padding, layer.kernel, layer.filters
    products = np.empty((len(x.rows) + 1, kernel * filters), dtype=np.result_type(x.rows))
    np.matmul(x.rows, layer.weight, out=products[:-1])
    products[-1] = 0
    index = np.pad(x.index, ((0, 0), (pad, pad)), constant_values=len(x.rows))
    windows = index.shape[1] - kernel + 1
    for k in range(kernel):
        yield products[:, k * filters : (k + 1) * filters][index[:, k : k + windows]]


def _conv_relu_norm(x: np.ndarray | Distinct, layer: _Layer) -> np.ndarray:
    if isinstance(x, Distinct):
        taps = _distinct_taps(x, layer)
    else:
        full = _taps(x, layer)
        windows = full.shape[1] - layer.kernel + 1
        taps = (full[:, k : k + windows, k] for k in range(layer.kernel))
    out = next(taps) + layer.bias
    for tap in taps:
        out += tap
    np.maximum(out, 0, out=out)
    # BatchNorm in slovnet's order of operations, in place.
    out -= layer.mean
    out /= layer.std
    out *= layer.scale
    out += layer.shift
    return out


class CRF:
    """Drop-in for `slovnet.exec.model.CRF` (decode only)."""

    def __init__(self, crf) -> None:
        self.transitions = crf.transitions.array

    def decode(self, emissions: np.ndarray, mask: np.ndarray) -> list[np.ndarray]:
        return viterbi(emissions, mask, self.transitions)


def viterbi(emissions: np.ndarray, mask: np.ndarray, transitions: np.ndarray) -> list[np.ndarray]:
    """Best tag path per sequence: emissions batch x seq x tags, mask True on real tokens.

    Each step is a few numpy calls on batch x tags x tags, whose per-call overhead, not the
    arithmetic, is the cost. So every step's candidates are kept (seq x batch x tags x tags,
    under a MB for the NER's 3,000-token batches) and their back-pointers found in one argmax
    after the loop; the masked update is skipped where every sequence is still running."""
    batch, length, tags_count = emissions.shape
    score = emissions[:, 0].copy()
    steps = np.ascontiguousarray(emissions.transpose(1, 0, 2))[:, :, None, :]  # seq first
    running = mask.all(0).tolist()
    dtype = np.result_type(score, transitions, emissions)
    candidates = np.empty((max(length - 1, 0), batch, tags_count, tags_count), dtype=dtype)
    best = np.empty((batch, tags_count), dtype=dtype)
    # The best score is the maximum itself: one reduction instead of gathering at the argmax
    # (the same float either way); the additions in slovnet's order.
    for t in range(1, length):
        step = candidates[t - 1]
        np.add(score[:, :, None], transitions, out=step)
        step += steps[t]
        if running[t]:
            step.max(1, out=score)
        else:
            step.max(1, out=best)
            np.copyto(score, best, where=mask[:, t, None])
    # Backwards, per sequence in plain Python from its own last tag: a few thousand list
    # lookups cost less than a numpy gather per step. One flat list of back-pointers (ints,
    # which the garbage collector does not track; nested lists would be ~100,000 per batch).
    back = candidates.argmax(2).ravel().tolist()
    step = batch * tags_count
    paths = []
    sizes, lasts = (mask.sum(1) - 1).tolist(), score.argmax(1).tolist()
    for i, (size, tag) in enumerate(zip(sizes, lasts, strict=True)):
        path, row = [tag], i * tags_count
        for t in range(size - 1, -1, -1):
            tag = back[t * step + row + tag]
            path.append(tag)
        path.reverse()
        paths.append(np.array(path[: size + 1], dtype=np.int64))
    return paths


class WordIds:
    """Drop-in for slovnet's `WordShapeEncoder.item`: (word ids, shape ids) of a sentence,
    each word's pair remembered (bounded LRU). slovnet lowercases the word, computes its shape
    in Python and looks both up for every occurrence; news repeats its words, and the
    morphology and NER taggers (one vocabulary) read the same words again."""

    def __init__(self, words_vocab, shapes_vocab, size: int) -> None:
        self.words_vocab, self.shapes_vocab = words_vocab, shapes_vocab
        encode_word, encode_shape = words_vocab.encode, shapes_vocab.encode
        self.ids = lru_cache(maxsize=size)(
            lambda word: (encode_word(word.lower()), encode_shape(word_shape(word)))
        )

    def __call__(self, words: list[str]) -> tuple[list[int], list[int]]:
        ids = self.ids
        pairs = [ids(word) for word in words]
        return [pair[0] for pair in pairs], [pair[1] for pair in pairs]


# One WordIds per (words vocabulary, shapes vocabulary): taggers that share their
# vocabularies (models.load_slovnet) share the cache too.
_WORD_IDS: list[WordIds] = []
WORD_IDS_CACHE = 20_000


def word_ids(encoder, size: int = WORD_IDS_CACHE) -> WordIds:
    for known in _WORD_IDS:
        if known.words_vocab is encoder.words_vocab and known.shapes_vocab is encoder.shapes_vocab:
            return known
    _WORD_IDS.append(WordIds(encoder.words_vocab, encoder.shapes_vocab, size))
    return _WORD_IDS[-1]


def word_ids_caches() -> list:
    """The lru caches of every WordIds made in this process (memory probes, tests)."""
    return [known.ids for known in _WORD_IDS]


def accelerate(tagger, cache: int = WORD_IDS_CACHE) -> None:
    """Swap a natasha news tagger's encoder (and CRF, for NER) for the versions above, and its
    input encoding for cached word ids."""
    tagger.infer.encoder.item = word_ids(tagger.infer.encoder, cache)
    model = tagger.infer.model
    model.emb = DistinctEmbedding(model.emb)
    model.encoder = CNNEncoder(model.encoder)
    crf = getattr(model.head, "crf", None)
    if crf is not None:
        model.head.crf = CRF(crf)
