"""The held-out SECTOR gold (corpora/gold/nerel_sector_heldout.jsonl, docs/evaluation.md
"Held-out SECTOR slice (session 8)"): its articles are outside every other NEREL gold, the
selection script reproduces them, and each record's sha1 matches its NEREL text (this part
needs the shared folder and skips without it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import shared_dir
from tests.conftest import check_slice_reproduces_gold, jsonl_rows, load_script

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpora" / "gold" / "nerel_sector_heldout.jsonl"
SHARED = shared_dir()
HAVE_SHARED = (SHARED / "corpora" / "nerel" / "train.jsonl").exists()


def test_gold_is_twenty_articles_outside_the_other_golds() -> None:
    ids = [r["id"] for r in jsonl_rows(GOLD)]
    assert len(ids) == len(set(ids)) == 20
    assert not set(ids) & load_script("heldout_sector_slice").used_ids()


def test_gold_holds_offsets_only_and_sector_of_links_org_to_sector() -> None:
    for row in jsonl_rows(GOLD):
        assert "text" not in row
        for relation in row["relations"]:
            assert relation["type"] == "SECTOR_OF"
            assert (relation["head"]["type"], relation["tail"]["type"]) == ("ORG", "SECTOR")
        for mention in row["mentions"]:
            assert 0 <= mention["start"] < mention["end"]


@pytest.mark.parametrize(
    ("entities", "text", "expected"),
    [
        ([{"type": "MONEY"}], "рынок нефти", True),
        ([{"type": "ORGANIZATION"}] * 3, "выручка компании", True),
        ([{"type": "ORGANIZATION"}] * 2, "выручка компании", False),
        ([{"type": "MONEY"}], "погода в Москве", False),
        ([], "", False),
    ],
)
def test_selection_criterion(entities: list[dict], text: str, expected: bool) -> None:
    assert (
        load_script("heldout_sector_slice").eligible({"entities": entities, "text": text})
        is expected
    )


@pytest.mark.skipif(not HAVE_SHARED, reason="needs the NEREL corpora in the shared folder")
def test_selection_reproduces_the_gold_and_texts_match_their_sha1() -> None:
    check_slice_reproduces_gold(1, GOLD)
