"""`python -m pipeline batch` over real files: every input accounted for, fixed schemas,
deterministic tables, clear exit statuses, fault isolation, and a killed run resumed.

Unreadable inputs: tests run as root, where chmod 000 does not stop reading, so the corpus
uses a broken symlink, a symlink loop and a FIFO (which would block a naive reader forever);
chmod 000 is added only when the tests run as an ordinary user.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from spacy.language import Language

from pipeline.batch import table_schemas
from pipeline.schema import DOCUMENT_COLUMNS, MENTION_COLUMNS
from tests.conftest import ROOT, SEED, run_cli

RUSSIAN = (
    "Компания «Газпром» сообщила в понедельник, что Алексей Миллер провёл переговоры "
    "в Москве с представителями Сбербанка. Стороны обсудили проекты в Сибири.\n"
)
EXPECTED_OK = {
    "2025-12-21-tokayev-japan",
    "news/cp1251",
    "news/bom",
    "news/latin",
    "feed-1",
    "feed/3",
}
EXPECTED_ERRORS = {
    "bad/empty": "empty article",
    "bad/blank": "empty article",
    "bad/nul": "binary content",
    "bad/invalid": "undecodable",
    "bad/big": "file too large",
    "bad/broken-link": "unreadable: No such file",
    "bad/loop": "unreadable: Too many levels of symbolic links",
    "bad/fifo": "not a regular file",
    "feed/2": "malformed JSON line",
}


def make_corpus(root: Path) -> dict[str, str]:
    """Every kind of input the issue lists; returns the expected error reason by doc_id."""
    (root / "news").mkdir(parents=True)
    (root / "bad").mkdir()
    (root / "loops").mkdir()
    (root / SEED.name).write_bytes(SEED.read_bytes())
    (root / "news" / "cp1251.txt").write_bytes(RUSSIAN.encode("cp1251"))
    (root / "news" / "bom.txt").write_bytes(b"\xef\xbb\xbf" + RUSSIAN.encode("utf-8"))
    (root / "news" / "latin.txt").write_text("Apple and Microsoft reported results on Monday.\n")
    feed = [
        json.dumps({"id": "feed-1", "text": RUSSIAN}, ensure_ascii=False),
        '{"id": "broken", "text": "Газпром',
        json.dumps({"text": "Сбербанк открыл офис в Казани."}, ensure_ascii=False),
    ]
    (root / "feed.jsonl").write_text("\n".join(feed) + "\n", encoding="utf-8")
    (root / "bad" / "empty.txt").write_bytes(b"")
    (root / "bad" / "blank.txt").write_text("  \n\t \n")
    (root / "bad" / "nul.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (root / "bad" / "invalid.txt").write_bytes(bytes(range(0x80, 0xC0)) * 4)
    (root / "bad" / "big.txt").write_bytes(RUSSIAN.encode("utf-8") * (6 * 1024 * 1024 // 200))
    (root / "bad" / "broken-link.txt").symlink_to(root / "nowhere.txt")
    (root / "bad" / "loop.txt").symlink_to("loop.txt")
    os.mkfifo(root / "bad" / "fifo.txt")
    (root / "loops" / "back").symlink_to("..", target_is_directory=True)  # folder loop
    (root / ".hidden.txt").write_text(RUSSIAN)  # ignored, like .git and editor files
    (root / "notes.md").write_text(RUSSIAN)  # not an article suffix
    expected = dict(EXPECTED_ERRORS)
    if os.geteuid() != 0:
        (root / "bad" / "secret.txt").write_text(RUSSIAN)
        (root / "bad" / "secret.txt").chmod(0)
        expected["bad/secret"] = "unreadable: Permission denied"
    return expected


def batch(corpus: Path, out: Path, *extra: object) -> subprocess.CompletedProcess:
    result = run_cli("batch", corpus, "--out", out, "--no-progress", *extra)
    assert result.returncode == 0, result.stderr
    return result


def read_tables(out: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    mentions = pd.read_parquet(out / "mentions").sort_values(["doc_id", "mention_id"])
    documents = pd.read_parquet(out / "documents").sort_values("doc_id")
    errors = pd.read_csv(out / "errors.csv", dtype=str, keep_default_na=False)
    return (
        mentions.reset_index(drop=True),
        documents.reset_index(drop=True),
        errors.reset_index(drop=True),
    )


def assert_same_tables(a: Path, b: Path) -> None:
    for left, right in zip(read_tables(a), read_tables(b), strict=True):
        pd.testing.assert_frame_equal(left, right)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("corpus")
    return root, make_corpus(root)


@pytest.fixture(scope="module")
def run_a(corpus, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("run") / "a"
    return out, batch(corpus[0], out, "--workers", "2", "--part-size", "4")


def test_every_input_ends_in_a_table_or_errors_csv(corpus, run_a):
    _, expected_errors = corpus
    out, result = run_a
    _, documents, errors = read_tables(out)
    assert set(documents["doc_id"]) == EXPECTED_OK
    assert set(errors["doc_id"]) == set(expected_errors)
    for row in errors.itertuples():
        assert expected_errors[row.doc_id] in row.reason, row
    assert errors.loc[errors["doc_id"] == "feed/2", "line"].tolist() == ["2"]
    manifest = json.loads((out / "manifest.json").read_text())
    counts = manifest["counts"]
    assert (
        counts["documents"]
        == counts["ok"] + counts["failed"]
        == len(EXPECTED_OK) + len(expected_errors)
    )
    assert counts["documents_rows"] == counts["ok"] == len(documents)
    assert manifest["inputs"]["files_committed"] == manifest["inputs"]["files_discovered"]
    assert manifest["config"]["sha256"] and manifest["versions"]["spacy"]
    summary = result.stdout.strip().splitlines()
    assert len(summary) == 1 and f"{counts['failed']} failed" in summary[0]
    assert "docs/s" in summary[0]


def test_failed_inputs_are_named_on_stderr(corpus, run_a):
    """Each failed input by path (and line) with its reason, as errors.csv has it: the user
    sees what failed without opening errors.csv (stdout keeps its one summary line)."""
    out, result = run_a
    _, _, errors = read_tables(out)
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert len(failed) == len(errors) > 0
    for row in errors.itertuples():
        line = f":{row.line}" if row.line else ""
        assert f"failed: {corpus[0] / row.path}{line}: {row.reason}" in failed


def test_encodings_are_detected(run_a):
    _, documents, _ = read_tables(run_a[0])
    encoding = dict(zip(documents["doc_id"], documents["encoding"], strict=True))
    assert encoding["news/cp1251"] == "cp1251"
    assert encoding["news/bom"] == "utf-8-sig"
    source = dict(zip(documents["doc_id"], documents["source"], strict=True))
    assert source["news/bom"] == "news/bom.txt"  # relative to CORPUS_DIR


def test_every_part_has_the_fixed_schema(run_a):
    out = run_a[0]
    schemas = table_schemas()
    for table in ("mentions", "documents"):
        parts = sorted((out / table).glob("part-*.parquet"))
        assert len(parts) > 1
        for part in parts:
            schema = pq.read_schema(part)
            assert schema.remove_metadata() == schemas[table].remove_metadata(), part
    # Some part holds no mention of some type (or no mention at all): still the same types.
    sizes = [pq.ParquetFile(p).metadata.num_rows for p in (out / "mentions").glob("*.parquet")]
    assert 0 in sizes
    mentions = pd.read_parquet(out / "mentions")
    assert {c: str(t) for c, t in mentions.dtypes.items()} == MENTION_COLUMNS
    documents = pd.read_parquet(out / "documents")
    assert {c: str(t) for c, t in documents.dtypes.items()} == DOCUMENT_COLUMNS
    assert not list(out.rglob(".*.tmp"))


def test_mentions_equal_extract(run_a, nlp):
    from pipeline.reader import read_documents
    from pipeline.runner import process
    from pipeline.tables import mentions_table

    mentions, _, _ = read_tables(run_a[0])
    ours = mentions[mentions["doc_id"] == SEED.stem].reset_index(drop=True)
    expected = mentions_table(process(read_documents(SEED), nlp))
    expected = expected.sort_values(["doc_id", "mention_id"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(ours, expected)


def test_second_run_gives_identical_tables_and_parts(corpus, run_a, tmp_path):
    out = tmp_path / "b"
    batch(corpus[0], out, "--workers", "1", "--part-size", "4")
    assert_same_tables(run_a[0], out)
    for table in ("mentions", "documents", "ledger"):
        names = sorted(p.name for p in (out / table).iterdir())
        assert names == sorted(p.name for p in (run_a[0] / table).iterdir())


def test_partitioning_does_not_change_tables(corpus, run_a, tmp_path):
    out = tmp_path / "c"
    batch(corpus[0], out, "--part-size", "32", "--batch-size", "2")
    assert_same_tables(run_a[0], out)


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["{tmp}/missing", "--out", "{tmp}/o"], 1, "no such folder"),
        (["{seed}", "--out", "{tmp}/o"], 1, "not a folder"),
        (["{corpus}", "--out", "{seed}"], 1, "cannot create the output folder"),
        (["{corpus}", "--out", "{tmp}/o", "--workers", "0"], 2, "--workers"),
        (["{corpus}", "--out", "{tmp}/o", "--max-bytes", "lots"], 2, "--max-bytes"),
        (["{corpus}", "--out", "{tmp}/o", "--resume", "--overwrite"], 2, "not allowed"),
    ],
)
def test_run_that_cannot_start_is_one_line(corpus, tmp_path, args, status, message):
    values = {"tmp": tmp_path, "seed": SEED, "corpus": corpus[0]}
    result = run_cli("batch", *(a.format(**values) for a in args))
    assert result.returncode == status
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr


def test_previous_run_needs_resume_or_overwrite(corpus, run_a, tmp_path):
    out = tmp_path / "again"
    out.mkdir()
    (out / "manifest.json").write_text("{}")
    (out / "keep.txt").write_text("the user's")
    result = run_cli("batch", corpus[0] / "news", "--out", out)
    assert result.returncode == 1 and "--resume" in result.stderr
    result = run_cli("batch", corpus[0] / "news", "--out", out, "--overwrite", "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert "docs/s" in result.stderr  # the progress bar
    assert (out / "keep.txt").read_text() == "the user's"
    assert len(pd.read_parquet(out / "documents")) == 3


def test_output_not_writable(corpus, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_cli("batch", corpus[0] / "news", "--out", blocker / "out")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1


# ------------------------------------------------------------------ faults inside the pipeline

FAULT_RAISE, FAULT_CRASH, FAULT_VALUE = "ВЗРЫВ", "КРАХ", "ТАБЛИЦА"


@Language.factory("test_batch_faults")
def make_faults(nlp: Language, name: str):
    """Raises on one marker, kills its process on another (a segfault or the OOM killer), and
    on the third gives a mention a value that does not fit the table's Float64 column."""
    from spacy.tokens import SpanGroup

    from pipeline.schema import AmountValue

    def faults(doc):
        if FAULT_RAISE in doc.text:
            raise RuntimeError("test fault: marker found")
        if FAULT_CRASH in doc.text:
            os._exit(3)
        if FAULT_VALUE in doc.text:
            span = doc[0:1]
            span._.value = AmountValue(kind="money", value="not a number")
            doc.spans["AMOUNT"] = SpanGroup(doc, name="AMOUNT", spans=[span])
        return doc

    return faults


FAULTY_CONFIG = """
[pipeline]
stages = ["faults", "morphology", "ner"]

[stages.faults]
module = "tests.test_batch"
factory = "test_batch_faults"

[stages.morphology]
module = "pipeline.stages.morphology"
factory = "ru_morphology"

[stages.ner]
module = "pipeline.stages.ner"
factory = "slovnet_ner"
"""


@pytest.mark.slow
def test_faulty_documents_are_isolated(tmp_path):
    config = tmp_path / "faulty.toml"
    config.write_text(FAULTY_CONFIG, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = {
        "a-ok": RUSSIAN,
        "b-raise": RUSSIAN + FAULT_RAISE,
        "c-value": RUSSIAN + FAULT_VALUE,
        "c-ok": RUSSIAN,
        "d-crash": RUSSIAN + FAULT_CRASH,
        "e-ok": RUSSIAN,
    }
    for name, text in texts.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    batch(corpus, out, "--workers", "1", "--part-size", "4", "--config", config)
    _, documents, errors = read_tables(out)
    assert sorted(documents["doc_id"]) == ["a-ok", "c-ok", "e-ok"]
    reasons = dict(zip(errors["doc_id"], errors["reason"], strict=True))
    assert reasons.keys() == {"b-raise", "c-value", "d-crash"}
    assert "RuntimeError: test fault: marker found" in reasons["b-raise"]
    assert reasons["c-value"].startswith("table error:")
    assert "worker process died" in reasons["d-crash"]


# ------------------------------------------------------------------ a killed run, resumed


def small_corpus(root: Path, n: int = 24) -> Path:
    root.mkdir()
    (root / SEED.name).write_bytes(SEED.read_bytes())
    for i in range(n):
        text = f"{RUSSIAN}Выпуск номер {i}: «Роснефть» и ВТБ подписали соглашение в Казани.\n"
        (root / f"{i:03d}.txt").write_text(text * (1 + i % 3), encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    return root


def wait_for_ledgers(out: Path, process: subprocess.Popen, at_least: int) -> int:
    deadline = time.monotonic() + 300  # a guard against a hang, not a timing assertion
    while time.monotonic() < deadline and process.poll() is None:
        ledgers = list((out / "ledger").glob("*.json")) if (out / "ledger").is_dir() else []
        if len(ledgers) >= at_least:
            return len(ledgers)
        time.sleep(0.01)
    raise AssertionError("the run ended (or hung) before committing any part")


@pytest.mark.slow
def test_killed_run_resumes_to_the_same_tables(tmp_path):
    corpus = small_corpus(tmp_path / "corpus")
    reference = tmp_path / "reference"
    batch(corpus, reference)

    out = tmp_path / "killed"
    command = [sys.executable, "-m", "pipeline", "batch", corpus, "--out", out]
    args = [*map(str, command), "--workers", "1", "--part-size", "1", "--no-progress"]
    process = subprocess.Popen(
        args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        wait_for_ledgers(out, process, at_least=2)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the driver and its workers: a hard crash
        process.wait()
    committed = len(list((out / "ledger").glob("*.json")))
    assert not (out / "manifest.json").exists() and 0 < committed < 26

    result = batch(corpus, out, "--resume", "--workers", "1", "--part-size", "1")
    assert "committed before" in result.stdout
    assert_same_tables(reference, out)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["inputs"]["files_skipped_committed"] >= committed
    assert manifest["counts"]["documents"] == 26 == manifest["counts"]["documents_rows"] + 1
    assert not list(out.rglob(".*.tmp"))


def test_resume_refuses_a_changed_config(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(RUSSIAN, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "run.json").write_text(
        json.dumps({"corpus": str(corpus.resolve()), "config_sha256": "old", "max_bytes": 1})
    )
    result = run_cli("batch", corpus, "--out", out, "--resume")
    assert result.returncode == 1
    assert "cannot resume" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_worker_rebuilds_its_pipeline_without_changing_results(tmp_path, monkeypatch):
    from pipeline.batch import Task, WorkerSettings
    from pipeline.batch import worker as engine  # RECYCLE_DOCS and _WORKER live there

    corpus = small_corpus(tmp_path / "corpus", n=2)
    out = tmp_path / "out"
    settings = WorkerSettings(str(corpus), str(out), None, 10**6, 16)
    monkeypatch.setattr(engine, "RECYCLE_DOCS", 1)
    task = Task.of(["000.txt", "001.txt"])
    part = out / "mentions" / f"part-{task.part}.parquet"
    engine.process_task(task, settings)
    assert engine._WORKER["nlp"] is None  # recycled: the next part builds a fresh pipeline
    assert gc.get_freeze_count() == 0  # the old pipeline's cycles are collectable again
    before = pd.read_parquet(part)
    engine.process_task(task, settings)
    pd.testing.assert_frame_equal(pd.read_parquet(part), before)
    assert set(before["doc_id"]) == {"000", "001"}


def test_a_load_freezes_what_it_leaves_alive_and_recycling_thaws_it():
    from pipeline.memory import freeze_loaded, unfreeze_loaded

    freeze_loaded()
    assert gc.get_freeze_count() > 0
    unfreeze_loaded()
    assert gc.get_freeze_count() == 0


def test_resume_after_the_corpus_grew_adds_only_the_new_files(tmp_path):
    corpus = small_corpus(tmp_path / "corpus", n=3)
    out = tmp_path / "out"
    batch(corpus, out, "--workers", "1", "--part-size", "2")
    first_parts = sorted(p.name for p in (out / "ledger").iterdir())
    (corpus / "new.txt").write_text(RUSSIAN, encoding="utf-8")
    result = batch(corpus, out, "--resume", "--workers", "1", "--part-size", "3")
    assert "(5 committed before)" in result.stdout
    _, documents, errors = read_tables(out)
    assert documents["doc_id"].is_unique and "new" in set(documents["doc_id"])
    assert set(first_parts) < {p.name for p in (out / "ledger").iterdir()}
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["documents"] == 6 == len(documents) + len(errors)


def test_one_run_per_output_folder(tmp_path):
    import fcntl

    corpus = small_corpus(tmp_path / "corpus", n=1)
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".batch.lock", "w") as held:  # as a running batch holds it
        fcntl.flock(held, fcntl.LOCK_EX)
        result = run_cli("batch", corpus, "--out", out)
    assert result.returncode == 1
    assert "another batch run" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_shared_doc_ids_are_kept_and_reported(tmp_path):
    """ "a.txt", "a.json" and a JSONL line with id "a" all get doc_id "a": nothing is dropped,
    the run warns and the manifest counts it."""
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "a.txt").write_text(RUSSIAN, encoding="utf-8")
    (corpus / "a.json").write_text(json.dumps({"text": RUSSIAN}, ensure_ascii=False))
    lines = [{"id": "a", "text": RUSSIAN}, {"id": "b", "text": RUSSIAN}]
    (corpus / "feed.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    result = batch(corpus, out, "--workers", "1", "--part-size", "1")
    _, documents, _ = read_tables(out)
    assert sorted(documents["doc_id"]) == ["a", "a", "a", "b"]
    assert sorted(documents["source"]) == ["a.json", "a.txt", "feed.jsonl", "feed.jsonl"]
    counts = json.loads((out / "manifest.json").read_text())["counts"]
    assert counts["duplicate_doc_ids"] == 1 and counts["duplicate_doc_id_examples"] == ["a"]
    assert "1 doc_id(s) belong to more than one document (a)" in result.stderr


def test_distinct_doc_ids_give_no_warning(run_a):
    out, result = run_a
    assert "doc_id(s)" not in result.stderr
    assert json.loads((out / "manifest.json").read_text())["counts"]["duplicate_doc_ids"] == 0
