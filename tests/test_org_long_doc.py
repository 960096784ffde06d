"""org_rules on one long Doc: the indexed queries (`Intervals.straddle`, `starting_in`) answer
as the scans of every mention they replaced, org_rules makes the same ORGs with them as with
those scans, and its work grows in proportion to the document (counted, not timed)."""

from __future__ import annotations

import json
import random
import sys

import pytest

from pipeline.config import shared_dir
from pipeline.extensions import make_doc
from pipeline.intervals import Intervals
from pipeline.reader import Document
from pipeline.stages.rules import org
from pipeline.stages.rules.entities import UNITS_KEY

NEREL_DEV = shared_dir() / "corpora" / "nerel" / "dev.jsonl"


def old_crosses_or_inside(start: int, end: int, a: int, b: int) -> bool:
    """org._crosses_or_inside (strict) before the index: [a, b) overlaps [start, end) without
    lying inside it."""
    return a < end and start < b and not (start <= a and b <= end)


class ScanIntervals(Intervals):
    """Intervals answered by a scan of every pair: the old way, for comparison."""

    def contain(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.pairs)

    def overlap(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self.pairs)

    def straddle(self, start: int, end: int) -> bool:
        return any(old_crosses_or_inside(start, end, a, b) for a, b in self.pairs)

    def starting_in(self, start: int, end: int) -> list[tuple[int, int]]:
        return [(a, b) for a, b in self.pairs if start <= a < end]


@pytest.mark.parametrize("seed", range(40))
def test_straddle_and_starting_in_equal_scanning_all(seed: int) -> None:
    rng = random.Random(seed)
    pairs = [(s, s + rng.randrange(0, 8)) for s in rng.choices(range(60), k=rng.randrange(30))]
    fast, scan = Intervals(pairs), ScanIntervals(pairs)
    for _ in range(60):
        start = rng.randrange(-2, 62)
        end = start + rng.randrange(1, 10)
        assert fast.straddle(start, end) == scan.straddle(start, end), (pairs, start, end)
        assert fast.starting_in(start, end) == scan.starting_in(start, end)


def before_org_rules(nlp, text: str):
    """The Doc as org_rules receives it: the stages before it run, org_rules not."""
    doc = make_doc(nlp, Document("long", text, "<test>", "utf-8"))
    for name, stage in nlp.pipeline:
        if name == "org_rules":
            return doc
        doc = stage(doc)
    raise AssertionError("no org_rules stage in the pipeline")


def org_output(doc) -> tuple:
    orgs = [
        (s.start, s.end, s._.stage, s._.name_kind)
        for s in sorted(doc.spans["ORG"], key=lambda s: (s.start, s.end))
    ]
    units = sorted(doc.user_data.get(UNITS_KEY, ()))
    canonical = sorted(doc.user_data.get(org.CANONICAL_KEY, {}).items())
    return orgs, units, canonical


def same_as_scanning(nlp, text: str, monkeypatch) -> None:
    stage = nlp.get_pipe("org_rules")
    indexed = org_output(stage(before_org_rules(nlp, text)))
    with monkeypatch.context() as patch:
        patch.setattr(org, "Intervals", ScanIntervals)
        scanned = org_output(stage(before_org_rules(nlp, text)))
    assert indexed[0], "no ORG found: the comparison would prove nothing"
    assert indexed == scanned


def test_long_doc_same_orgs_as_scanning(nlp, seed_text, monkeypatch) -> None:
    same_as_scanning(nlp, "\n\n".join([seed_text] * 8), monkeypatch)


@pytest.mark.skipif(not NEREL_DEV.exists(), reason="needs ../shared (SHARED_DIR)")
def test_long_nerel_doc_same_orgs_as_scanning(nlp, monkeypatch) -> None:
    texts = [json.loads(line)["text"] for line in NEREL_DEV.read_text("utf-8").splitlines()]
    joined = "\n\n".join(texts[:90])
    assert len(joined) > 100_000
    same_as_scanning(nlp, joined[:120_000], monkeypatch)


def traced_lines(run) -> int:
    """Python lines executed by run(): a count of work that load on the machine cannot
    change (C loops, such as `in` over a list, go uncounted)."""
    count = 0

    def tracer(frame, event, arg) -> object:
        nonlocal count
        count += 1
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        run()
    finally:
        sys.settrace(previous)
    return count


def copies(text: str, n: int) -> str:
    return "\n\n".join([text] * n)


def test_org_rules_work_grows_with_the_document(nlp, seed_text) -> None:
    """Eight copies of the seed cost at most eight times one: a scan of every mention per
    candidate or per ORG (the old _grammar_spans and _name_kind) made it 17 times."""
    stage = nlp.get_pipe("org_rules")
    one, eight = (before_org_rules(nlp, copies(seed_text, n)) for n in (1, 8))
    work_one = traced_lines(lambda: stage(one))
    work_eight = traced_lines(lambda: stage(eight))
    assert len(eight.spans["ORG"]) == 8 * len(one.spans["ORG"]) > 0
    assert work_eight <= 8 * work_one, (work_one, work_eight)
