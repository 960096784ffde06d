"""End to end: the pipeline's output for the seed article against the hand-made gold.

The bars are the rule-extraction issue's: strict F1 >= 0.95 for ORG, AMOUNT, DATE and SECTOR,
>= 0.9 for PER and LOC, and every normalised column of a matched AMOUNT or DATE equal to gold.
"""

from __future__ import annotations

import pytest

from pipeline.evaluation.gold import load_gold
from pipeline.evaluation.metrics import evaluate
from pipeline.evaluation.predictions import mentions_from_frame
from pipeline.evaluation.systems import pipeline_frame
from tests.conftest import SEED_GOLD

BARS = {"ORG": 0.95, "AMOUNT": 0.95, "DATE": 0.95, "SECTOR": 0.95, "PER": 0.9, "LOC": 0.9}


@pytest.fixture(scope="module")
def evaluation(nlp):
    corpus = load_gold(SEED_GOLD)
    mentions, _ = mentions_from_frame(pipeline_frame(corpus))
    return evaluate(corpus, mentions)


@pytest.mark.parametrize("kind", sorted(BARS))
def test_strict_f1_meets_bar(evaluation, kind):
    counts = evaluation.counts["strict"][kind]
    assert counts.f1 >= BARS[kind], f"{kind}: {counts.as_dict()}"


@pytest.mark.parametrize("kind", ["AMOUNT", "DATE"])
def test_normalised_columns_equal_gold(evaluation, kind):
    wrong = {
        name: (tally.correct, tally.total)
        for name, tally in evaluation.attributes[kind].items()
        if tally.total and tally.correct != tally.total
    }
    assert not wrong, [e for e in evaluation.errors() if e.type == kind and e.error == "attribute"]
