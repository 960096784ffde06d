"""The fallback's phrase vector is built once (session 13, tidy): `Centroids.nearest_to` takes
a vector already built, and the stage's `_nearest_sector` builds the phrase's vector once for
both the taxonomy centroids and the caption goods nouns. Three-dimensional fake vectors, no
navec."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from pipeline.sector_embedding import Centroids
from pipeline.stages.rules.sector import SectorRules
from tests.test_sector_mechanisms import FakeVectors


class CountingVectors(FakeVectors):
    """The mechanisms' fake vectors, counting the phrases they are asked to build."""

    def __init__(self) -> None:
        self.phrases: list[tuple[str, ...]] = []

    def phrase(self, words, forms=()):
        words = tuple(words)
        self.phrases.append(words)
        return super().phrase(words, forms)


@pytest.mark.parametrize("words", [["гречиха"], ["дружба"], ["нефть", "пшеница"], ["нечто"]])
def test_nearest_to_agrees_with_nearest(words: list[str]) -> None:
    centroids = Centroids(CountingVectors(), {"crops": ["пшеница", "ячмень"], "oil": ["нефть"]})
    by_words = centroids.nearest(words)
    by_vector = centroids.nearest_to(centroids.vectors.phrase(words))
    assert by_words == by_vector
    assert (by_words is None) == (words == ["нечто"])


def test_nearest_to_empty_table() -> None:
    assert Centroids(CountingVectors(), {}).nearest_to(np.array([1.0, 0.0, 0.0])) is None


def _stage(threshold: float, goods_floor: float) -> tuple[SectorRules, CountingVectors]:
    """A bare stage holding only what `_nearest_sector` reads, over one fake vector table."""
    vectors = CountingVectors()
    stage = SectorRules.__new__(SectorRules)
    stage.activities = {}
    stage.threshold = threshold
    stage.goods_floor = goods_floor
    stage.caption_goods = {"пшеница": "agriculture.crops", "нефть": "mining.oil"}
    centroids = Centroids(vectors, {"agriculture": ["пшеница", "ячмень"], "mining": ["нефть"]})
    goods = Centroids(vectors, {noun: [noun] for noun in stage.caption_goods}, knn=True)
    stage._centroids, stage._goods_vectors = centroids, goods
    vectors.phrases.clear()  # count only the phrases of the lookup
    return stage, vectors


@pytest.mark.parametrize(
    ("word", "threshold", "goods_floor", "sector"),
    [
        ("гречиха", 0.9, 0.5, "agriculture"),  # the centroid is close enough
        ("гречиха", 0.999999, 0.5, "agriculture.crops"),  # too far: the nearest goods noun
        ("гречиха", 0.999999, 0.999, None),  # too far from both
        ("дружба", 0.9, 0.5, None),  # far from everything
        ("нечто", 0.9, 0.5, None),  # no vector at all
        ("гречиха", 2.0, 0.5, "agriculture.crops"),  # centroids off: goods only
    ],
)
def test_phrase_vector_built_once(word, threshold, goods_floor, sector) -> None:
    stage, vectors = _stage(threshold, goods_floor)
    phrase = [SimpleNamespace(lower_=word)]
    assert stage._nearest_sector("производство", phrase, [word]) == sector
    assert vectors.phrases == [(word,)]
