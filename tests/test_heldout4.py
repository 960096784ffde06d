"""The fourth held-out gold (corpora/gold/heldout4.jsonl, docs/evaluation.md "Held-out slice 4"):
SECTOR mentions, SECTOR_OF, and DATE_OF/AMOUNT_OF of every money amount on 30 articles (26 NEREL
train, 4 factRuEval-2016 dev) that hold one economic word family or a money word and are in none
of the earlier golds (scripts/heldout_sector_slice.py --slice 4). Stored as source + id + sha1 +
offsets, no text, like the other held-out slices. An article with no mention is a record with a
note saying why. The selection reproduces the gold, each text matches its sha1 and the offset
reader loads the file (these parts need the shared folder and skip without it)."""

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
GOLD = ROOT / "corpora" / "gold" / "heldout4.jsonl"
NEREL_TRAIN = "corpora/nerel/train.jsonl"
FACTRUEVAL = "corpora/factrueval/dev.jsonl"
SHARED = shared_dir()
HAVE_SHARED = all((SHARED / source).exists() for source in (NEREL_TRAIN, FACTRUEVAL))


def test_gold_is_26_nerel_and_4_factrueval_articles_outside_every_earlier_gold() -> None:
    rows = jsonl_rows(GOLD)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)) == 30
    sources = [r["source"] for r in rows]
    assert (sources.count(NEREL_TRAIN), sources.count(FACTRUEVAL)) == (26, 4)
    assert ids == sorted(ids)
    module = load_script("heldout_sector_slice")
    assert not set(ids) & module.used_ids(module.SLICES[4].used)


def test_gold_holds_offsets_only_and_relations_join_their_types() -> None:
    for row in jsonl_rows(GOLD):
        check_offset_gold_row(row)


def test_a_record_without_a_mention_says_why() -> None:
    for row in jsonl_rows(GOLD):
        if not row["mentions"]:
            assert row["relations"] == []
            assert row.get("notes"), row["id"]


def test_notes_on_nerel_texts_are_the_annotators_words_not_quotes() -> None:
    """No NEREL text in the repository: notes on a NEREL article quote none of it."""
    for row in jsonl_rows(GOLD):
        if row["source"] != NEREL_TRAIN:
            continue
        notes = row.get("notes", []) + [r.get("note", "") for r in row["relations"]]
        assert not any("«" in note or '"' in note for note in notes), row["id"]


@pytest.mark.skipif(
    not HAVE_SHARED, reason="needs NEREL train and factRuEval dev in the shared folder"
)
def test_selection_reproduces_the_gold_and_texts_match_their_sha1() -> None:
    assert check_slice_reproduces_gold(4, GOLD) == 135


@pytest.mark.skipif(
    not HAVE_SHARED, reason="needs NEREL train and factRuEval dev in the shared folder"
)
def test_offset_reader_scores_sector_and_the_links_the_gold_has() -> None:
    corpus = load_offset_gold(GOLD, SHARED)
    assert "SECTOR" in corpus.types
    assert corpus.relation_types == ("SECTOR_OF", "AMOUNT_OF")
    assert len(corpus.documents) == 30


def test_gold_is_the_adjudicated_one() -> None:
    """The adjudication (docs/evaluation.md "Held-out slice 4, adjudicated", guideline 235-236)
    replaced the first annotation in place: its counts, and a note on each settled article."""
    rows = jsonl_rows(GOLD)
    sectors = sum(m["type"] == "SECTOR" for r in rows for m in r["mentions"])
    links = [rel["type"] for r in rows for rel in r["relations"]]
    counts = (sectors, links.count("SECTOR_OF"), links.count("DATE_OF"), links.count("AMOUNT_OF"))
    assert counts == (34, 7, 0, 1)
    settled = {r["id"] for r in rows if any(n.startswith("adjudicated (") for n in r["notes"])}
    assert settled == {"12154_text", "158389_text"}
