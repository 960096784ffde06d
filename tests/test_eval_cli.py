"""`python -m pipeline evaluate` through the real entry point."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "eval"
REPORTS = (
    "metrics.json",
    "metrics.csv",
    "attributes.csv",
    "errors.csv",
    "report.md",
    "report.html",
)


def evaluate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "evaluate", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_reports_and_exit_zero(tmp_path):
    out = tmp_path / "eval"
    done = evaluate(
        "--gold", FIXTURES / "gold.jsonl", "--pred", FIXTURES / "mentions.csv", "--out", out
    )
    assert done.returncode == 0, done.stderr
    for name in REPORTS:
        assert (out / name).stat().st_size > 0, name
    assert "micro" in done.stdout and "ORG" in done.stdout
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    strict = metrics["systems"]["pipeline"]["strict"]
    assert strict["LOC"]["tp"] == 2 and strict["LOC"]["fp"] == 1 and strict["LOC"]["fn"] == 1
    assert strict["DATE"]["tp"] == 1
    assert metrics["systems"]["pipeline"]["partial"]["DATE"]["tp"] == 2
    errors = pd.read_csv(out / "errors.csv")
    assert set(errors["error"]) == {"false_positive", "false_negative", "boundary", "attribute"}
    assert errors["context"].str.contains("⟦").all()
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count('<section class="doc">') == 2


def test_fail_under(tmp_path):
    args = ["--gold", FIXTURES / "gold.jsonl", "--pred", FIXTURES / "mentions.parquet"]
    done = evaluate(*args, "--out", tmp_path / "a", "--fail-under", "0.9")
    assert done.returncode == 3
    assert "DATE strict F1 0.500 < 0.900" in done.stderr
    assert (tmp_path / "a" / "report.md").exists()  # reports are written either way
    done = evaluate(*args, "--out", tmp_path / "b", "--fail-under", "0.4")
    assert done.returncode == 0, done.stderr
    # PER (0.667) is not a headline type, so it cannot fail the run.
    done = evaluate(*args, "--out", tmp_path / "c", "--fail-under", "0.6", "--types", "PER,ORG")
    assert done.returncode == 0, done.stderr


def test_bad_gold_is_one_line_exit_one(tmp_path):
    done = evaluate(
        "--gold",
        FIXTURES / "bad_qualifier.jsonl",
        "--pred",
        FIXTURES / "mentions.csv",
        "--out",
        tmp_path,
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "bad_qualifier.jsonl:2: entity 0 field 'qualifier'" in done.stderr
    assert "Traceback" not in done.stderr


def test_bad_arguments_exit_two(tmp_path):
    done = evaluate("--gold", FIXTURES / "gold.jsonl", "--fail-under", "80")
    assert done.returncode == 2
    done = evaluate("--gold", FIXTURES / "gold.jsonl", "--types", "ORGANIZATION")
    assert done.returncode == 2


def test_batch_folder_types_and_nerel_scored_kinds(tmp_path):
    done = evaluate(
        "--gold",
        FIXTURES / "gold.jsonl",
        "--pred",
        FIXTURES / "batch",
        "--out",
        tmp_path,
        "--types",
        "ORG,DATE",
    )
    assert done.returncode == 0, done.stderr
    metrics = json.loads((tmp_path / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["gold"]["scored_types"] == ["ORG", "DATE"]
    assert set(metrics["systems"]["pipeline"]["strict"]) == {"ORG", "DATE", "micro", "macro"}


def test_nerel_drops_count_predictions(tmp_path):
    gold = json.loads((FIXTURES / "nerel.jsonl").read_text(encoding="utf-8"))
    text = gold["text"]

    def row(part: str, kind: str) -> dict:
        start = text.index(part)
        return {
            "doc_id": "n1",
            "type": "AMOUNT",
            "start": start,
            "end": start + len(part),
            "text": part,
            "kind": kind,
        }

    pred = tmp_path / "mentions.csv"
    pd.DataFrame([row("8,1 млн долларов", "money"), row("12 рабочих", "count")]).to_csv(
        pred, index=False
    )
    done = evaluate("--gold", FIXTURES / "nerel.jsonl", "--pred", pred, "--out", tmp_path / "o")
    assert done.returncode == 0, done.stderr
    metrics = json.loads((tmp_path / "o" / "metrics.json").read_text(encoding="utf-8"))
    amount = metrics["systems"]["pipeline"]["strict"]["AMOUNT"]
    assert (amount["tp"], amount["fp"], amount["fn"]) == (1, 0, 1)
    assert metrics["systems"]["pipeline"]["dropped_unscored_kinds"] == 1
    assert metrics["gold"]["scored_kinds"] == {"AMOUNT": ["money", "percent"]}


def test_single_document_with_other_id_is_aligned(tmp_path):
    frame = pd.read_csv(FIXTURES / "mentions.csv", dtype=str)
    frame = frame[frame.doc_id == "d2"].assign(doc_id="2025-xx")
    pred = tmp_path / "mentions.csv"
    frame.to_csv(pred, index=False)
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        (FIXTURES / "gold.jsonl").read_text(encoding="utf-8").splitlines()[1] + "\n", "utf-8"
    )
    done = evaluate("--gold", gold, "--pred", pred, "--out", tmp_path / "o")
    assert done.returncode == 0, done.stderr
    assert "predictions are for doc_id '2025-xx'" in done.stderr
    metrics = json.loads((tmp_path / "o" / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["systems"]["pipeline"]["strict"]["ORG"]["tp"] == 1


def test_baseline_side_by_side(tmp_path):
    done = evaluate(
        "--gold",
        FIXTURES / "gold.jsonl",
        "--pred",
        FIXTURES / "mentions.csv",
        "--out",
        tmp_path,
        "--baseline",
        "natasha",
        "--html-docs",
        "1",
    )
    assert done.returncode == 0, done.stderr
    metrics = json.loads((tmp_path / "metrics.json").read_text(encoding="utf-8"))
    assert list(metrics["systems"]) == ["pipeline", "natasha"]
    assert metrics["systems"]["natasha"]["strict"]["ORG"]["tp"] >= 1
    assert "ΔF1 vs natasha" in (tmp_path / "report.md").read_text(encoding="utf-8")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.count('<section class="doc">') == 1
    assert "first 1 of 2 documents" in html
    assert (tmp_path / "baseline-natasha.parquet").exists()


def test_pred_from_pipeline(tmp_path, monkeypatch, capsys):
    seen = []

    def extract_texts(items, done=None):
        items = list(items)
        seen.extend(items)
        frame = pd.read_csv(FIXTURES / "mentions.csv", dtype=str)
        return frame[frame.doc_id.isin([doc_id for doc_id, _, _ in items])]

    runner = types.ModuleType("pipeline.runner")
    runner.extract_texts = extract_texts
    monkeypatch.setitem(sys.modules, "pipeline.runner", runner)
    code = main(["evaluate", "--gold", str(FIXTURES / "gold.jsonl"), "--out", str(tmp_path)])
    assert code == 0
    assert [(d, str(when)) for d, _, when in seen] == [("d1", "2025-12-21"), ("d2", "2025-12-22")]
    assert (tmp_path / "predictions.parquet").exists()
    assert "micro" in capsys.readouterr().out


def test_pred_from_pipeline_without_runner(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "pipeline.runner", None)  # import fails like a missing file
    code = main(
        [
            "evaluate",
            "--gold",
            str(FIXTURES / "gold.jsonl"),
            "--pred-from-pipeline",
            "--out",
            str(tmp_path),
        ]
    )
    assert code == 1
    assert "pipeline.runner.extract_texts is not available" in capsys.readouterr().err


@pytest.mark.parametrize("gold", ["factrueval.jsonl", "brat"])
def test_other_gold_formats_run(tmp_path, gold):
    done = evaluate(
        "--gold", FIXTURES / gold, "--pred", FIXTURES / "mentions.csv", "--out", tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "not in the gold" in done.stderr  # the fixture predictions are for d1/d2
