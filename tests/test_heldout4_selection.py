"""Slice 4's selection (scripts/heldout_sector_slice.py --slice 4): one economic word family or
a money word admits an article, from NEREL and factRuEval, never one an earlier gold holds. The
selection is fixed before any annotation; its gold is tested in test_heldout4.py once it exists."""

from __future__ import annotations

import pytest

from pipeline.config import shared_dir
from tests.conftest import load_script

SHARED = shared_dir()
HAVE_SHARED = (SHARED / "corpora/nerel/train.jsonl").exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("компания открыла офис", True),
        ("выручка выросла", True),
        ("заплатит около 100 млн долларов", True),
        ("штраф в $70 млн", True),
        ("акция протеста, делегация прибыла", False),
        ("Евросоюз и евроинтеграция", False),
        ("", False),
    ],
)
def test_fourth_selection_criterion(text: str, expected: bool) -> None:
    module = load_script("heldout_sector_slice")
    assert module.eligible4({"entities": [], "text": text}) is expected


def test_fourth_slice_excludes_every_earlier_gold() -> None:
    module = load_script("heldout_sector_slice")
    spec = module.SLICES[4]
    assert set(module.SLICE2_USED) < set(spec.used)
    assert {"nerel_heldout2.jsonl", "factrueval_heldout3.jsonl"} < set(spec.used)
    assert spec.sources == module.NEREL + module.FACTRUEVAL
    assert (spec.seed, spec.size) == (20271, 30)


@pytest.mark.skipif(not HAVE_SHARED, reason="needs NEREL and factRuEval in the shared folder")
def test_fourth_selection_is_disjoint_from_the_earlier_golds() -> None:
    module = load_script("heldout_sector_slice")
    picked, eligible = module.select(SHARED, 4)
    assert len(picked) == 30 and eligible == 135
    assert not {r["id"] for r in picked} & module.used_ids(module.SLICES[4].used)
