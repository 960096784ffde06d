"""The second blind annotation of held-out slice 4 (corpora/gold/heldout4_second.jsonl: SECTOR
mentions, SECTOR_OF, DATE_OF/AMOUNT_OF of money amounts on the 30 articles of
`scripts/heldout_sector_slice.py --slice 4`, 26 NEREL train and 4 factRuEval-2016 dev). The rows
hold offsets only (no NEREL text in the repository); the checks against the texts need the shared
folder and skip without it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from pipeline.config import shared_dir
from tests.conftest import check_offset_gold_row, jsonl_rows, load_script

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpora" / "gold" / "heldout4_second.jsonl"
SHARED = shared_dir()
SOURCES = {"corpora/nerel/train.jsonl", "corpora/factrueval/dev.jsonl"}
HAVE_SHARED = all((SHARED / source).exists() for source in SOURCES)


def test_gold_is_30_articles_as_offsets() -> None:
    rows = jsonl_rows(GOLD)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)) == 30
    assert {r["source"] for r in rows} == SOURCES
    for row in rows:
        check_offset_gold_row(row)


def test_an_article_without_a_mention_says_why() -> None:
    # slice 4 admits general news with one economic word: an empty row is a valid gold row,
    # but only with the annotator's note on what was read and left out
    for row in jsonl_rows(GOLD):
        if not row["mentions"]:
            assert row.get("notes"), row["id"]


@pytest.mark.skipif(not HAVE_SHARED, reason="needs NEREL train and factRuEval dev in ../shared")
def test_gold_matches_the_selection_and_its_texts() -> None:
    picked, _ = load_script("heldout_sector_slice").select(SHARED, 4)
    rows = jsonl_rows(GOLD)
    assert [(r["source"], r["id"], r["sha1"]) for r in rows] == [
        (p["source"], p["id"], p["sha1"]) for p in picked
    ]
    texts: dict[tuple[str, str], str] = {}
    for source in SOURCES:
        for line in (SHARED / source).read_text("utf-8").splitlines():
            doc = json.loads(line)
            texts[(source, doc["id"])] = doc["text"]
    for row in rows:
        text = texts[(row["source"], row["id"])]
        assert hashlib.sha1(text.encode("utf-8")).hexdigest() == row["sha1"]
        for m in row["mentions"]:
            words = text[m["start"] : m["end"]]
            assert words == words.strip() and words, (row["id"], m)
