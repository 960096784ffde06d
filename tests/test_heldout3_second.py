"""The second blind annotation of held-out slice 3 (corpora/gold/factrueval_heldout3_second.jsonl:
SECTOR mentions, SECTOR_OF, DATE_OF/AMOUNT_OF of money amounts on 30 factRuEval-2016 dev
articles, `scripts/heldout_sector_slice.py --slice 3`), and the agreement of two such offset
files per type (`scripts/fact_agreement.py agree --first A --second B`), on invented rows.
The gold checks against the texts need the shared folder and skip without it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from pipeline.config import shared_dir
from tests.conftest import check_offset_gold_row, jsonl_rows, load_script

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpora" / "gold" / "factrueval_heldout3_second.jsonl"
SHARED = shared_dir()
HAVE_SHARED = (SHARED / "corpora" / "factrueval" / "dev.jsonl").exists()
AGREE = load_script("fact_agreement")


def test_gold_is_the_30_articles_of_slice_3_as_offsets() -> None:
    rows = jsonl_rows(GOLD)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)) == 30
    assert {r["source"] for r in rows} == {"corpora/factrueval/dev.jsonl"}
    for row in rows:
        check_offset_gold_row(row)


@pytest.mark.skipif(not HAVE_SHARED, reason="needs factRuEval dev in the shared folder")
def test_gold_matches_the_selection_and_its_texts() -> None:
    picked, _ = load_script("heldout_sector_slice").select(SHARED, 3)
    rows = jsonl_rows(GOLD)
    assert [(r["source"], r["id"], r["sha1"]) for r in rows] == [
        (p["source"], p["id"], p["sha1"]) for p in picked
    ]
    texts = {}
    for line in (SHARED / "corpora" / "factrueval" / "dev.jsonl").read_text("utf-8").splitlines():
        doc = json.loads(line)
        texts[doc["id"]] = doc["text"]
    for row in rows:
        text = texts[row["id"]]
        assert hashlib.sha1(text.encode("utf-8")).hexdigest() == row["sha1"]
        for m in row["mentions"]:
            words = text[m["start"] : m["end"]]
            assert words == words.strip() and words, (row["id"], m)


# Invented offsets: "Вектор — нефтяная компания …" with one ORG, a sector phrase and its head
# word, a second sector, a money amount and two dates.
ORG = {"start": 0, "end": 6, "type": "ORG"}
WIDE = {"start": 9, "end": 26, "type": "SECTOR"}
NARROW = {"start": 18, "end": 26, "type": "SECTOR"}
OTHER = {"start": 30, "end": 38, "type": "SECTOR"}
MONEY = {"start": 40, "end": 52, "type": "AMOUNT"}
YEAR = {"start": 53, "end": 64, "type": "DATE"}
MONTH = {"start": 66, "end": 75, "type": "DATE"}


def _row(doc_id: str, relations: list[tuple], sectors: list[dict] = (), sha1: str = "0" * 40):
    ends = [end for _, head, tail in relations for end in (head, tail)]
    mentions = {(m["start"], m["end"], m["type"]): m for m in [*sectors, *ends]}
    return {
        "source": "corpora/factrueval/dev.jsonl",
        "id": doc_id,
        "sha1": sha1,
        "mentions": list(mentions.values()),
        "relations": [{"type": t, "head": h, "tail": e} for t, h, e in relations],
    }


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def _tallies(tmp_path: Path, first: list[dict], second: list[dict]) -> dict:
    tallies, _, _ = AGREE.compare(
        _write(tmp_path / "a.jsonl", first), _write(tmp_path / "b.jsonl", second)
    )
    return {key: (t.tp, t.fp, t.fn) for key, t in tallies.items()}


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # the same annotation: every item agrees
        (
            [_row("d1", [("SECTOR_OF", ORG, WIDE), ("DATE_OF", MONEY, YEAR)], [OTHER])],
            [_row("d1", [("SECTOR_OF", ORG, WIDE), ("DATE_OF", MONEY, YEAR)], [OTHER])],
            {
                "SECTOR strict": (2, 0, 0),
                "SECTOR_OF strict": (1, 0, 0),
                "DATE_OF strict": (1, 0, 0),
                "AMOUNT_OF strict": (0, 0, 0),
            },
        ),
        # a sector bound differs: strict counts a miss and a spurious item, partial agrees
        (
            [_row("d1", [("SECTOR_OF", ORG, WIDE)])],
            [_row("d1", [("SECTOR_OF", ORG, NARROW)])],
            {
                "SECTOR strict": (0, 1, 1),
                "SECTOR partial": (1, 0, 0),
                "SECTOR_OF strict": (0, 1, 1),
                "SECTOR_OF partial": (1, 0, 0),
            },
        ),
        # the same ends under another type agree in neither type
        (
            [_row("d1", [("AMOUNT_OF", MONEY, OTHER)])],
            [_row("d1", [("SECTOR_OF", ORG, OTHER)])],
            {"AMOUNT_OF partial": (0, 0, 1), "SECTOR_OF partial": (0, 1, 0)},
        ),
        # another date of the same amount: no partial match (dates do not overlap)
        (
            [_row("d1", [("DATE_OF", MONEY, YEAR)])],
            [_row("d1", [("DATE_OF", MONEY, MONTH)])],
            {"DATE_OF strict": (0, 1, 1), "DATE_OF partial": (0, 1, 1)},
        ),
        # items are compared within a document only
        (
            [_row("d1", [("DATE_OF", MONEY, YEAR)]), _row("d2", [])],
            [_row("d1", []), _row("d2", [("DATE_OF", MONEY, YEAR)])],
            {"DATE_OF strict": (0, 1, 1)},
        ),
    ],
)
def test_agreement_of_two_files(tmp_path: Path, first, second, expected) -> None:
    tallies = _tallies(tmp_path, first, second)
    for key, counts in expected.items():
        assert tallies[key] == counts, key


def test_a_type_neither_annotation_has_reads_as_undefined_not_zero() -> None:
    empty, disagreeing = AGREE.Tally(), AGREE.Tally(tp=0, fp=1, fn=1)
    assert empty.row("AMOUNT_OF strict").endswith("| 0 | 0 | 0 | — | — | — |")
    assert disagreeing.row("DATE_OF strict").endswith("| 0.000 | 0.000 | 0.000 |")


def test_documents_the_second_lacks_are_counted_as_left_out(tmp_path: Path) -> None:
    first = _write(tmp_path / "a.jsonl", [_row("d1", []), _row("d2", [])])
    second = _write(tmp_path / "b.jsonl", [_row("d2", [])])
    _, compared, left_out = AGREE.compare(first, second)
    assert (compared, left_out) == (1, 1)


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ([_row("d1", [])], [_row("d9", [])], "documents not in the first annotation"),
        ([_row("d1", [])], [_row("d1", [], sha1="1" * 40)], "d1 annotated on another text"),
        (None, [_row("d1", [])], "no such gold file"),
    ],
)
def test_files_that_cannot_be_compared_are_refused(tmp_path, first, second, message) -> None:
    a = tmp_path / "a.jsonl" if first is None else _write(tmp_path / "a.jsonl", first)
    b = _write(tmp_path / "b.jsonl", second)
    with pytest.raises(AGREE.AgreementError, match=message):
        AGREE.compare(a, b)
