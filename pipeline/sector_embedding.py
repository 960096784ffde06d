"""navec vectors for the SECTOR embedding fallback: sector centroids and nearest sector.

navec is the embedding natasha's taggers already hold in memory (pipeline.models.taggers), so
this costs no extra load: a word's vector is rebuilt from its product-quantisation codes. A
sector's centroid is the mean of the unit vectors of its vocabulary (a multi-word term counts
as the mean of its words); a phrase is assigned to the sector whose centroid is closest, if the
cosine similarity reaches the threshold.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np


class Vectors:
    """Word -> unit vector lookups on navec's quantised table (None for unknown words)."""

    def __init__(self, vocab, indexes: np.ndarray, codes: np.ndarray) -> None:
        self._vocab = vocab
        self._indexes = indexes
        self._codes = codes
        self._rows = np.arange(codes.shape[0])

    @classmethod
    def from_taggers(cls) -> Vectors:
        from pipeline.models import taggers, word_embedding

        morph = taggers()[0]
        emb = word_embedding(morph)
        return cls(morph.infer.encoder.words_vocab, emb.indexes.array, emb.codes.array)

    def word(self, word: str) -> np.ndarray | None:
        index = self._vocab.encode(word)
        if index == self._vocab.unk_id or index >= len(self._indexes):
            return None
        vector = self._codes[self._rows, self._indexes[index]].reshape(-1)
        norm = np.linalg.norm(vector)
        return vector / norm if norm else None

    def phrase(self, words: Iterable[str], forms: Iterable[str] = ()) -> np.ndarray | None:
        """Mean unit vector of the words; a word navec lacks as a lemma is looked up in the
        form it has in the text (`forms`, same order), which navec's news vocabulary often
        holds."""
        forms = list(forms)
        found = []
        for i, word in enumerate(words):
            vector = self.word(word)
            if vector is None and i < len(forms):
                vector = self.word(forms[i])
            if vector is not None:
                found.append(vector)
        if not found:
            return None
        mean = np.mean(found, axis=0)
        norm = np.linalg.norm(mean)
        return mean / norm if norm else None


@dataclass
class Nearest:
    sector: str
    similarity: float


class Centroids:
    def __init__(
        self, vectors: Vectors, vocabulary: Mapping[str, Iterable[str]], knn: bool = False
    ) -> None:
        """`vocabulary`: sector id -> its terms (lemma strings, words separated by spaces).
        With `knn` every term keeps its own row (nearest term, not nearest centroid)."""
        self.vectors = vectors
        ids, rows = [], []
        for sector_id, terms in vocabulary.items():
            found = [v for v in (vectors.phrase(t.split()) for t in terms) if v is not None]
            if found and knn:
                ids += [sector_id] * len(found)
                rows += found
            elif found:
                mean = np.mean(found, axis=0)
                ids.append(sector_id)
                rows.append(mean / np.linalg.norm(mean))
        self.ids = ids
        self.matrix = np.vstack(rows) if rows else np.zeros((0, 300), dtype=np.float32)

    def nearest(self, words: Iterable[str], forms: Iterable[str] = ()) -> Nearest | None:
        return self.nearest_to(self.vectors.phrase(words, forms))

    def nearest_to(self, vector: np.ndarray | None) -> Nearest | None:
        """The nearest row to a unit vector already built (by `Vectors.phrase`): a caller
        that asks two tables about one phrase builds its vector once."""
        if vector is None or not self.ids:
            return None
        sims = self.matrix @ vector
        best = int(np.argmax(sims))
        return Nearest(self.ids[best], float(sims[best]))
