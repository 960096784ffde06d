"""part_of._described reads the names before and after the parent in the document's ORG list
in place: it finds what the list sliced around the parent finds (the slices were copied once
per name near a part-of word), on apposition, linking words, dashes and nested names."""

from __future__ import annotations

import itertools

import pytest
import spacy
from spacy.tokens import Span

from pipeline.stages.relations.part_of import LINKS, _described, _next_to

WORDS = "А , дочерняя компания Б — В « Г » и Д входит в Е".split()
DOC = spacy.blank("ru")(" ".join(WORDS))
VERBS = frozenset()  # blank Docs have no lemmas: the links are marks only


def sliced(doc, parent, word, before, after):
    """The reading before the change, on copied slices."""
    for span in reversed(before):
        if span.end < word - 5:
            break
        gap = doc[span.end : word]
        if span.end <= word and len(gap) <= 5 and any(t.text in LINKS for t in gap):
            return span
    end = parent.end + (parent.end < len(doc) and doc[parent.end].text in "«»\"'")
    for span in after:
        if span.start > end + 2:
            break
        if span.start < end:
            continue
        if _next_to([t.text for t in doc[end : span.start]]):
            return span
    return None


NAMES = [(0, 1), (3, 5), (4, 5), (6, 7), (7, 10), (8, 9), (11, 12), (14, 15)]


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_in_place_is_the_slices(count) -> None:
    for chosen in itertools.combinations(NAMES, count):
        orgs = [Span(DOC, a, b, label="ORG") for a, b in chosen]
        for k, word in itertools.product(range(len(orgs)), range(len(DOC))):
            expected = sliced(DOC, orgs[k], word, orgs[:k], orgs[k + 1 :])
            assert _described(DOC, orgs, k, word, VERBS) is expected, (chosen, k, word)


def test_apposition_before_and_dash_after() -> None:
    orgs = [Span(DOC, 0, 1, label="ORG"), Span(DOC, 4, 5, label="ORG")]
    assert _described(DOC, orgs, 1, 2, VERBS) is orgs[0]  # "А , дочерняя компания Б"
    orgs = [Span(DOC, 4, 5, label="ORG"), Span(DOC, 6, 7, label="ORG")]
    assert _described(DOC, orgs, 0, 3, VERBS) is orgs[1]  # "компания Б — В"
    assert _described(DOC, orgs[:1], 0, 3, VERBS) is None
