from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

import pytest

from pipeline.config import shared_dir
from pipeline.schema import FACT_RELATION_ENDS

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "articles" / "2025-12-21-tokayev-japan.txt"
SEED_GOLD = ROOT / "corpora" / "gold" / "2025-12-21-tokayev-japan.jsonl"
SHARED = shared_dir()  # $SHARED_DIR, else ../shared


@pytest.fixture(scope="session")
def nlp():
    from pipeline.runner import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(nlp):
    from pipeline.reader import read_documents
    from pipeline.runner import process

    return next(process(read_documents(SEED), nlp))


@pytest.fixture(scope="session")
def taxonomy():
    from pipeline.sector_taxonomy import DEFAULT_PATH, Taxonomy

    return Taxonomy.load(DEFAULT_PATH)


def links(doc, types: Iterable[str] | None = None) -> set[tuple[str, str, str]]:
    """(type, head text, tail text) of a Doc's relations; only those of `types` when given."""
    return {
        (r.type, r.head.text, r.tail.text)
        for r in doc._.relations
        if types is None or r.type in types
    }


def pairs(doc, kind: str) -> set[tuple[str, str]]:
    """(head text, tail text) of a Doc's relations of one type."""
    return {(r.head.text, r.tail.text) for r in doc._.relations if r.type == kind}


def process_text(nlp, text: str):
    """The Doc that `process` makes of `text` read as one document, as `extract` runs it."""
    from pipeline.reader import Document
    from pipeline.runner import process

    return next(process([Document("t", text, "<test>", "utf-8")], nlp))


def sector_pairs(nlp, text: str) -> list[tuple[str, str]]:
    """(text, sector) of the SECTOR mentions the pipeline finds in `text`, in span-group order."""
    doc = nlp(text)  # a span group needs its Doc alive
    return [(s.text, s._.value.sector) for s in doc.spans.get("SECTOR", [])]


def span_texts(doc, label: str) -> list[str]:
    """The texts of a Doc's mentions of one type, in span-group order."""
    return [s.text for s in doc.spans.get(label, [])]


def run_cli(*args: object, **kwargs) -> subprocess.CompletedProcess:
    """The real entry point, `python -m pipeline ...`, in a subprocess from the project root."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        **kwargs,
    )


@functools.cache
def load_script(name: str) -> ModuleType:
    """scripts/<name>.py as a module (the scripts are no package), loaded once per test run and
    registered in sys.modules, where dataclasses look their module up while it loads."""
    spec = importlib.util.spec_from_file_location(
        f"{name}_under_test", ROOT / "scripts" / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def jsonl_rows(path: Path) -> list[dict]:
    """The records of a JSON-lines file, blank lines skipped."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


# The argument types of the fact relations in the offset golds (guideline 112-115): the one
# table in pipeline/schema.py, under the name the gold tests use.
FACT_ENDS = FACT_RELATION_ENDS


def check_slice_reproduces_gold(number: int, gold_path: Path) -> int:
    """Held-out slice `number` drawn again from the shared corpora is the gold's articles in
    the gold's order, and each text still has the gold's sha1 and holds its offsets. Returns
    how many articles were eligible for the draw."""
    picked, eligible = load_script("heldout_sector_slice").select(SHARED, number)
    gold = jsonl_rows(gold_path)
    assert [(r["source"], r["id"], r["sha1"]) for r in picked] == [
        (r["source"], r["id"], r["sha1"]) for r in gold
    ]
    texts = {}
    for source in {row["source"] for row in gold}:
        for line in (SHARED / source).open(encoding="utf-8"):
            doc = json.loads(line)
            texts[(source, doc["id"])] = doc["text"]
    for row in gold:
        text = texts[(row["source"], row["id"])]
        assert hashlib.sha1(text.encode("utf-8")).hexdigest() == row["sha1"]
        assert all(m["end"] <= len(text) for m in row["mentions"])
    return eligible


def check_offset_gold_row(row: dict) -> None:
    """An offset gold row holds no text, its spans are non-empty, and every relation joins two
    of its mentions of the types FACT_ENDS gives."""
    assert "text" not in row
    spans = {(m["start"], m["end"], m["type"]) for m in row["mentions"]}
    for relation in row["relations"]:
        head_type, tail_types = FACT_ENDS[relation["type"]]
        assert relation["head"]["type"] == head_type
        assert relation["tail"]["type"] in tail_types
        for end in (relation["head"], relation["tail"]):
            assert (end["start"], end["end"], end["type"]) in spans
    for mention in row["mentions"]:
        assert 0 <= mention["start"] < mention["end"]
