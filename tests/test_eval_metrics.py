"""Metric arithmetic on hand-built cases."""

from __future__ import annotations

import pytest

from pipeline.evaluation.metrics import Counts, evaluate, match_partial, match_strict
from pipeline.evaluation.model import Document, GoldCorpus, Mention, values_equal

TEXT = "x" * 200


def m(start: int, end: int, type_: str = "ORG", doc: str = "d", **attrs) -> Mention:
    return Mention(doc, start, end, type_, attrs)


def corpus(gold: list[Mention], ignored: list[Mention] = (), **kwargs) -> GoldCorpus:
    doc = Document("d", TEXT, gold=list(gold), ignored=list(ignored))
    types = kwargs.pop("types", tuple(dict.fromkeys(g.type for g in gold)))
    return GoldCorpus("mem", "test", [doc], types, **kwargs)


def counts(result, mode: str, type_: str = "ORG") -> tuple[int, int, int]:
    c = result.counts[mode][type_]
    return c.tp, c.fp, c.fn


def test_counts_precision_recall_f1():
    c = Counts(tp=3, fp=1, fn=2)
    assert c.precision == pytest.approx(0.75)
    assert c.recall == pytest.approx(0.6)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_zero_division_convention():
    assert (Counts().precision, Counts().recall, Counts().f1) == (1.0, 1.0, 1.0)
    nothing_found = Counts(fn=4)
    assert (nothing_found.precision, nothing_found.recall, nothing_found.f1) == (0, 0, 0)
    nothing_to_find = Counts(fp=2)
    assert (nothing_to_find.precision, nothing_to_find.recall, nothing_to_find.f1) == (0, 0, 0)


def test_strict_needs_same_start_end_and_type():
    gold = [m(0, 5), m(10, 15), m(20, 25, "PER")]
    pred = [m(0, 5), m(10, 14), m(20, 25, "ORG")]
    result = evaluate(corpus(gold, types=("ORG", "PER")), pred)
    assert counts(result, "strict", "ORG") == (1, 2, 1)
    assert counts(result, "strict", "PER") == (0, 0, 1)
    assert counts(result, "partial", "ORG") == (2, 1, 0)  # 10-14 overlaps 10-15


def test_nested_gold():
    # "Банк Японии" (ORG) containing another ORG span: each gold needs its own prediction.
    gold = [m(0, 20), m(10, 20)]
    result = evaluate(corpus(gold), [m(10, 20)])
    assert counts(result, "strict") == (1, 0, 1)
    assert counts(result, "partial") == (1, 0, 1)
    result = evaluate(corpus(gold), [m(0, 20), m(10, 20)])
    assert counts(result, "strict") == (2, 0, 0)


def test_duplicate_predictions_count_once():
    result = evaluate(corpus([m(0, 5)]), [m(0, 5), m(0, 5), m(1, 4)])
    assert counts(result, "strict") == (1, 2, 0)
    assert counts(result, "partial") == (1, 2, 0)


def test_partial_is_one_to_one():
    # One long prediction covering two gold spans matches only one of them.
    result = evaluate(corpus([m(0, 5), m(6, 10)]), [m(0, 10)])
    assert counts(result, "partial") == (1, 0, 1)
    # Two predictions inside one gold span: one match, one false positive.
    result = evaluate(corpus([m(0, 10)]), [m(0, 4), m(5, 10)])
    assert counts(result, "partial") == (1, 1, 0)


def test_partial_finds_the_maximum_matching():
    # Greedy largest-overlap-first would pair pred 0-8 with gold 0-10 and strand pred 1-2.
    gold = [m(0, 10), m(6, 12)]
    pred = [m(0, 8), m(1, 2)]
    pairs = match_partial(gold, pred)
    assert len(pairs) == 2
    assert sorted(pairs) == [(0, 1), (1, 0)]


def test_partial_keeps_exact_pairs_when_free():
    gold = [m(0, 5), m(3, 9)]
    pred = [m(3, 9), m(0, 5)]
    assert match_partial(gold, pred) == [(0, 1), (1, 0)]
    assert match_strict(gold, pred) == [(0, 1), (1, 0)]


def test_partial_never_below_strict():
    gold = [m(0, 5), m(4, 10), m(20, 30), m(22, 24)]
    pred = [m(0, 5), m(1, 2), m(22, 24), m(20, 29)]
    result = evaluate(corpus(gold), pred)
    assert result.counts["partial"]["ORG"].tp >= result.counts["strict"]["ORG"].tp
    assert counts(result, "partial") == (4, 0, 0)


def test_empty_predictions():
    result = evaluate(corpus([m(0, 5), m(6, 9, "DATE")]), [])
    assert counts(result, "strict") == (0, 0, 1)
    assert result.micro("strict").f1 == 0.0
    assert result.macro("strict")["f1"] == 0.0


def test_empty_gold():
    empty = GoldCorpus("mem", "test", [Document("d", TEXT)], ("ORG",))
    result = evaluate(empty, [m(0, 5)])
    assert counts(result, "strict") == (0, 1, 0)
    assert result.counts["strict"]["ORG"].f1 == 0.0
    result = evaluate(empty, [])
    assert result.counts["strict"]["ORG"].f1 == 1.0


def test_micro_and_macro():
    gold = [m(0, 5), m(10, 15), m(20, 25, "DATE")]
    pred = [m(0, 5), m(20, 25, "DATE"), m(30, 35, "DATE")]
    result = evaluate(corpus(gold), pred)
    micro = result.micro("strict")
    assert (micro.tp, micro.fp, micro.fn) == (2, 1, 1)
    org, date = result.counts["strict"]["ORG"], result.counts["strict"]["DATE"]
    assert result.macro("strict")["f1"] == pytest.approx((org.f1 + date.f1) / 2)
    assert org.f1 == pytest.approx(2 / 3)
    assert date.f1 == pytest.approx(2 / 3)


def test_only_requested_types_scored():
    gold = [m(0, 5), m(10, 15, "DATE")]
    result = evaluate(corpus(gold), [m(30, 40, "SECTOR"), m(0, 5)], types=("ORG",))
    assert result.types == ("ORG",)
    assert result.micro("strict").fp == 0


def test_scored_kinds_drop_other_amount_kinds():
    gold = [m(0, 5, "AMOUNT", kind="money")]
    pred = [
        m(0, 5, "AMOUNT", kind="money"),
        m(10, 15, "AMOUNT", kind="count"),
        m(20, 25, "AMOUNT", kind="percent"),
    ]
    gc = corpus(gold, scored_kinds={"AMOUNT": frozenset({"money", "percent"})})
    result = evaluate(gc, pred)
    assert counts(result, "strict", "AMOUNT") == (1, 1, 0)
    assert result.dropped_kinds == 1


def test_ignored_gold_neither_rewards_nor_punishes():
    gold = [m(0, 12)]
    ignored = [m(6, 12, "LOC"), m(40, 50)]
    pred = [m(0, 12), m(6, 12), m(40, 50), m(60, 70)]
    result = evaluate(corpus(gold, ignored), pred)
    assert counts(result, "strict") == (1, 1, 0)  # only 60-70 is a false positive
    assert result.ignored == 2
    assert len(result.alignments["d"].ignored) == 2


def test_predictions_for_unknown_documents_are_reported_not_scored():
    result = evaluate(corpus([m(0, 5)]), [m(0, 5, doc="other")])
    assert result.unknown_docs == {"other"}
    assert counts(result, "strict") == (0, 0, 1)


def test_attribute_accuracy_over_partial_pairs_and_stated_fields():
    gold = [
        m(0, 5, "AMOUNT", kind="money", value=5.0, value_max=None),
        m(10, 15, "AMOUNT", kind="count"),  # value not annotated: not scored
    ]
    pred = [
        m(0, 4, "AMOUNT", kind="money", value=5.0000000001, value_max=None),
        m(10, 15, "AMOUNT", kind="money", value=7.0),
    ]
    result = evaluate(corpus(gold), pred)
    tallies = result.attributes["AMOUNT"]
    assert (tallies["kind"].correct, tallies["kind"].total) == (1, 2)
    assert (tallies["value"].correct, tallies["value"].total) == (1, 1)
    assert (tallies["value_max"].correct, tallies["value_max"].total) == (1, 1)
    assert tallies["unit"].total == 0 and tallies["unit"].accuracy is None
    errors = [(e.error, e.field) for e in result.errors()]
    assert ("boundary", None) in errors
    assert ("attribute", "kind") in errors


def test_values_equal_rules():
    assert values_equal("okved", "64.19;K", "K; 64.19")
    assert values_equal("normal", "Объединённые нации", "объединенные  нации")
    assert not values_equal("timex", "2025", "2025-12")
    assert values_equal("value_max", None, None)
    assert not values_equal("value", 1.0, None)
    assert values_equal("relative", True, True)
