"""The third held-out gold (corpora/gold/factrueval_heldout3.jsonl, docs/evaluation.md "Held-out
slice 3"): SECTOR mentions, SECTOR_OF, and DATE_OF/AMOUNT_OF of every money amount on 30
factRuEval-2016 dev articles (NEREL has no eligible article left). Stored like the NEREL
held-out golds, as source + id + sha1 + offsets, so one reader serves all. The selection
script reproduces them, each record's sha1 matches its text and the offset-gold reader loads
the file (these parts need the shared folder and skip without it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import shared_dir
from pipeline.evaluation.offset_gold import load_offset_gold
from tests.conftest import (
    check_offset_gold_row,
    check_slice_reproduces_gold,
    jsonl_rows,
    load_script,
)

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpora" / "gold" / "factrueval_heldout3.jsonl"
SOURCE = "corpora/factrueval/dev.jsonl"
SHARED = shared_dir()
HAVE_SHARED = (SHARED / SOURCE).exists()


def test_gold_is_30_factrueval_articles() -> None:
    rows = jsonl_rows(GOLD)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)) == 30
    assert {r["source"] for r in rows} == {SOURCE}
    assert ids == sorted(ids)


def test_gold_holds_offsets_only_and_relations_join_their_types() -> None:
    for row in jsonl_rows(GOLD):
        check_offset_gold_row(row)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("выручка компании на рынке", True),
        ("заплатит около 100 млн долларов", True),
        ("стоимость составит 1000 рублей", True),
        ("штраф в $70 млн", True),
        ("компания и ещё одна компания", False),
        ("акция протеста, делегация прибыла", False),
        ("Евросоюз и евроинтеграция", False),
        ("", False),
    ],
)
def test_third_selection_criterion(text: str, expected: bool) -> None:
    module = load_script("heldout_sector_slice")
    assert module.eligible3({"entities": [], "text": text}) is expected


def test_third_slice_reads_factrueval_alone() -> None:
    module = load_script("heldout_sector_slice")
    spec = module.SLICES[3]
    assert (spec.used, spec.seed, spec.size, spec.sources) == ((), 20270, 30, module.FACTRUEVAL)


@pytest.mark.skipif(not HAVE_SHARED, reason="needs factRuEval dev in the shared folder")
def test_selection_reproduces_the_gold_and_texts_match_their_sha1() -> None:
    assert check_slice_reproduces_gold(3, GOLD) == 44
    assert {row["source"] for row in jsonl_rows(GOLD)} == {SOURCE}


@pytest.mark.skipif(not HAVE_SHARED, reason="needs factRuEval dev in the shared folder")
def test_offset_reader_scores_sector_and_the_three_relations() -> None:
    corpus = load_offset_gold(GOLD, SHARED)
    assert corpus.types == ("SECTOR",)
    assert corpus.relation_types == ("SECTOR_OF", "DATE_OF", "AMOUNT_OF")
    assert len(corpus.documents) == 30
