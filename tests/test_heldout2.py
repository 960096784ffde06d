"""The second held-out gold (corpora/gold/nerel_heldout2.jsonl, docs/evaluation.md "Held-out
slice 2"): SECTOR mentions, SECTOR_OF, and DATE_OF/AMOUNT_OF of every money amount on 30 NEREL
articles outside every other NEREL gold of the project, first held-out slice included. The
selection script reproduces them and each record's sha1 matches its NEREL text (this part needs
the shared folder and skips without it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import shared_dir
from tests.conftest import (
    check_offset_gold_row,
    check_slice_reproduces_gold,
    jsonl_rows,
    load_script,
)

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpora" / "gold" / "nerel_heldout2.jsonl"
SHARED = shared_dir()
HAVE_SHARED = (SHARED / "corpora" / "nerel" / "train.jsonl").exists()


def test_gold_is_30_articles_outside_every_other_nerel_gold() -> None:
    module = load_script("heldout_sector_slice")
    ids = [r["id"] for r in jsonl_rows(GOLD)]
    assert len(ids) == len(set(ids)) == 30
    assert "nerel_sector_heldout.jsonl" in module.SLICE2_USED
    assert not set(ids) & module.used_ids(module.SLICE2_USED)


def test_gold_holds_offsets_only_and_relations_join_their_types() -> None:
    for row in jsonl_rows(GOLD):
        check_offset_gold_row(row)


@pytest.mark.parametrize(
    ("entities", "text", "expected"),
    [
        ([{"type": "MONEY"}], "погода в Москве", True),
        ([], "выручка компании на рынке", True),
        ([], "компания и ещё одна компания", False),
        ([], "акция протеста, делегация прибыла", False),
        ([{"type": "ORGANIZATION"}] * 5, "экспорт", False),
        ([], "", False),
    ],
)
def test_second_selection_criterion(entities: list[dict], text: str, expected: bool) -> None:
    assert (
        load_script("heldout_sector_slice").eligible2({"entities": entities, "text": text})
        is expected
    )


def test_first_slice_keeps_its_criterion() -> None:
    module = load_script("heldout_sector_slice")
    assert module.SLICES[1] == (module.USED, module.eligible, 20268, 20, module.NEREL)


@pytest.mark.skipif(not HAVE_SHARED, reason="needs the NEREL corpora in the shared folder")
def test_selection_reproduces_the_gold_and_texts_match_their_sha1() -> None:
    check_slice_reproduces_gold(2, GOLD)
