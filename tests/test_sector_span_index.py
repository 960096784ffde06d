"""sector.py's ORG lookup per match (`_SpanIndex.overlapping`): the spans a bisection finds
are exactly those a scan of every span finds, nested, touching and long spans included."""

from __future__ import annotations

import itertools

import pytest
import spacy
from spacy.tokens import Span

from pipeline.stages.rules.sector import _overlaps, _SpanIndex

DOC = spacy.blank("ru")(" ".join(f"w{i}" for i in range(14)))

BOUNDS = [
    [],
    [(2, 4)],
    [(0, 12), (3, 4), (5, 7)],  # a long span hiding short ones after it
    [(1, 3), (3, 5), (5, 6), (9, 13)],  # touching spans share no token
    [(2, 6), (2, 3), (4, 5), (4, 9), (11, 12)],  # same starts, nested
]


@pytest.mark.parametrize("bounds", BOUNDS)
def test_overlapping_is_the_scan(bounds) -> None:
    spans = [Span(DOC, a, b, label="ORG") for a, b in bounds]
    index = _SpanIndex(spans)
    for start, end in itertools.combinations(range(15), 2):
        found = {(s.start, s.end) for s in index.overlapping(start, end)}
        scanned = {(s.start, s.end) for s in spans if s.start < end and start < s.end}
        assert found == scanned, (start, end)
        assert bool(found) == _overlaps(Span(DOC, start, end), spans)
