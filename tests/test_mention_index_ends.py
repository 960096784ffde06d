"""MentionIndex.by_end: the span of a label ending at a token, shortest or longest."""

import spacy
from spacy.tokens import Span

from pipeline.stages.relations.mentions import MentionIndex


def _doc():
    doc = spacy.blank("ru")("служба банка Вектор сообщила , Иван Петров")
    doc.spans["ORG"] = [Span(doc, 0, 3, "ORG"), Span(doc, 1, 3, "ORG"), Span(doc, 2, 3, "ORG")]
    doc.spans["PER"] = [Span(doc, 5, 7, "PER")]
    doc.spans["LOC"] = [Span(doc, 6, 7, "LOC")]
    return doc


def test_shortest_and_longest_ending_at_a_token() -> None:
    index = MentionIndex(_doc(), frozenset())
    assert index.by_end("ORG")[3].text == "Вектор"
    assert index.by_end("ORG", longest=True)[3].text == "служба банка Вектор"


def test_later_labels_win_at_a_shared_end() -> None:
    index = MentionIndex(_doc(), frozenset())
    assert index.by_end("LOC", "PER")[7].label_ == "PER"
    assert index.by_end("PER", "LOC")[7].label_ == "LOC"


def test_built_once_per_labels() -> None:
    index = MentionIndex(_doc(), frozenset())
    assert index.by_end("ORG") is index.by_end("ORG")
    assert index.by_end("ORG") is not index.by_end("ORG", longest=True)
