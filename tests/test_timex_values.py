"""Optional: value accuracy on the hand-made NEREL set (corpora/gold/timex_values.jsonl).

Skips without the shared corpora ($SHARED_DIR, else ../shared; the NEREL texts are not in the
repo). The floor is the figure in docs/evaluation.md, so a change that loses values fails here.
"""

from pathlib import Path

import pytest

from pipeline.config import shared_dir
from tests.conftest import load_script

ROOT = Path(__file__).resolve().parents[1]
stv = load_script("score_timex_values")

SHARED = shared_dir()  # $SHARED_DIR, else ../shared
FLOOR = 0.95  # end to end, missed mentions counted wrong (docs/evaluation.md: 0.991)


def test_gold_file_is_well_formed():
    rows = stv.load_gold(stv.GOLD)
    assert len(rows) >= 100
    for row in rows:
        assert "text" not in row  # NEREL text never goes into the repo
        assert len(row["sha1"]) == 40 and row["start"] < row["end"]
        assert row["category"] in ("duration", "set", "anaphoric")
        if "out_of_scope" in row:  # kept with its hand values, and says which decision
            assert row["out_of_scope"].startswith("decision ")


def test_out_of_scope_rows_are_not_scored():
    row = {"corpus": "c", "doc_id": "d", "start": 0, "end": 3, "category": "duration"}
    row |= {"timex_type": "DURATION", "timex": "P1Y"}
    result = stv.score([row | {"out_of_scope": "decision 64"}, row], {("c", "d"): []})
    assert sum(result.total.values()) == 1 and result.accuracy() == 0.0
    assert result.out_of_scope == ["d 0: decision 64"]


@pytest.mark.skipif(not (SHARED / "corpora" / "nerel").is_dir(), reason="no shared NEREL")
def test_value_accuracy():
    gold = stv.load_gold(stv.GOLD)
    result = stv.score(gold, stv.predictions(stv.load_texts(SHARED, gold)))
    assert result.accuracy() >= FLOOR
