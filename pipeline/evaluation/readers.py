"""One entry point for every gold format: picks the reader from the path and its content."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import InputError
from pipeline.evaluation.brat import load_brat
from pipeline.evaluation.corpora import SCHEMES, guess_scheme, load_corpus
from pipeline.evaluation.gold import load_gold
from pipeline.evaluation.model import GoldCorpus

GOLD_FORMATS = ("auto", "gold", "nerel", "factrueval", "brat")


def detect_format(path: Path) -> str:
    if not path.exists():
        raise InputError(path, "no such file or folder")
    if path.is_dir() or path.suffix == ".ann":
        return "brat"
    if path.suffix == ".txt" and path.with_suffix(".ann").exists():
        return "brat"
    scheme = guess_scheme(path)
    return scheme.name if scheme else "gold"


def read_gold(path: str | Path, fmt: str = "auto") -> GoldCorpus:
    """Load annotated documents: project gold JSONL, NEREL/factRuEval JSONL or BRAT."""
    path = Path(path)
    if fmt not in GOLD_FORMATS:
        raise ValueError(f"unknown gold format {fmt!r}")
    if fmt == "auto":
        fmt = detect_format(path)
    if fmt == "gold":
        return load_gold(path)
    if fmt == "brat":
        return load_brat(path)
    return load_corpus(path, SCHEMES[fmt])
