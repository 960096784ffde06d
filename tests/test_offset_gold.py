"""The one reader of gold stored as id + sha1 + offsets over shared corpora texts
(pipeline/evaluation/offset_gold.py), and the three golds that read through it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.evaluation.offset_gold import (
    SharedMissing,
    TextRef,
    corpus_path,
    sha1,
    shared_documents,
    shared_texts,
)
from pipeline.evaluation.sectors import load_sector_gold
from tests.conftest import load_script

ROOT = Path(__file__).resolve().parents[1]
TEXTS = {"a": "Компания купила завод.", "b": "Банк открыл отделение в Казани."}


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "shared" / "corpora" / "nerel"
    folder.mkdir(parents=True)
    lines = [json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in TEXTS.items()]
    (folder / "dev.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path / "shared"


@pytest.mark.parametrize(
    ("source", "path"),
    [
        ("nerel/dev", "corpora/nerel/dev.jsonl"),
        ("factrueval/dev", "corpora/factrueval/dev.jsonl"),
        ("corpora/nerel/dev.jsonl", "corpora/nerel/dev.jsonl"),
    ],
)
def test_corpus_path(source: str, path: str) -> None:
    assert corpus_path(source) == path


@pytest.mark.parametrize("source", ["nerel/dev", "corpora/nerel/dev.jsonl"])
def test_texts_are_read_and_keyed_by_the_source_as_given(shared: Path, source: str) -> None:
    refs = [TextRef(source, i, sha1(t), n) for n, (i, t) in enumerate(TEXTS.items(), 1)]
    assert shared_texts(Path("gold.jsonl"), refs, shared) == {
        (source, i): t for i, t in TEXTS.items()
    }


@pytest.mark.parametrize(
    ("ref", "error", "message"),
    [
        (TextRef("nerel/dev", "a", "0" * 40, 7), InputError, "gold.jsonl:7: a: .*sha1 differs"),
        (TextRef("nerel/dev", "zz", sha1("x"), 3), InputError, "gold.jsonl:3: .*'zz' is not in"),
        (TextRef("nerel/train", "a", sha1(TEXTS["a"]), 2), SharedMissing, "gold.jsonl:2: needs"),
    ],
    ids=["changed text", "unknown document", "corpus missing"],
)
def test_errors_name_the_gold_file_and_line(
    shared: Path, ref: TextRef, error: type, message: str
) -> None:
    with pytest.raises(error, match=message):
        shared_texts(Path("gold.jsonl"), [ref], shared)


def test_shared_missing_is_an_input_error(tmp_path: Path) -> None:
    """Callers that can do without ../shared catch SharedMissing; the CLI prints any
    InputError on one line."""
    with pytest.raises(InputError, match="set SHARED_DIR"):
        shared_texts(Path("g.jsonl"), [TextRef("nerel/dev", "a", "x", 1)], tmp_path)


def test_shared_dir_comes_from_the_environment(shared: Path, monkeypatch) -> None:
    monkeypatch.setenv("SHARED_DIR", str(shared))
    refs = [TextRef("nerel/dev", "b", sha1(TEXTS["b"]), 1)]
    assert shared_texts(Path("g.jsonl"), refs) == {("nerel/dev", "b"): TEXTS["b"]}


def test_each_corpus_file_is_read_once_for_the_wanted_ids(shared: Path) -> None:
    calls = []

    def read(file: Path, wanted: set[str]) -> dict[str, str]:
        calls.append((file.name, sorted(wanted)))
        return {i: TEXTS[i] for i in wanted}

    refs = [TextRef("nerel/dev", i, sha1(t)) for i, t in TEXTS.items()] * 2
    found = shared_documents(Path("g.jsonl"), refs, read, lambda text: text, shared)
    assert calls == [("dev.jsonl", ["a", "b"])] and len(found) == 2


def test_sector_gold_reads_nerel_texts_through_it(shared: Path, tmp_path: Path) -> None:
    record = {
        "id": "b",
        "source": "nerel/dev",
        "sha1": sha1(TEXTS["b"]),
        "entities": [{"start": 0, "end": 4, "type": "SECTOR", "sector": "finance.banking"}],
    }
    gold = tmp_path / "sectors.jsonl"
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (doc,) = load_sector_gold(gold, shared)
    assert doc.text[0:4] == "Банк"
    gold.write_text(json.dumps({**record, "sha1": "1" * 40}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"sectors.jsonl:1: b: .*sha1 differs"):
        load_sector_gold(gold, shared)


def test_timex_value_set_reads_texts_through_it(shared: Path, tmp_path: Path) -> None:
    stv = load_script("score_timex_values")
    row = {"corpus": "nerel/dev", "doc_id": "a", "sha1": sha1(TEXTS["a"]), "start": 0, "end": 8}
    assert stv.load_texts(shared, [row]) == {("nerel/dev", "a"): TEXTS["a"]}
    gold = tmp_path / "timex.jsonl"
    with pytest.raises(SystemExit, match=r"timex.jsonl:2: a: .*sha1 differs"):
        stv.load_texts(shared, [row, {**row, "sha1": "2" * 40}], gold)
