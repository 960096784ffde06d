from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.config import shared_dir

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
