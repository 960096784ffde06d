"""One entry point for every gold format: picks the reader from the path and its content."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.errors import InputError
from pipeline.evaluation.brat import load_brat
from pipeline.evaluation.corpora import SCHEMES, guess_scheme, load_corpus
from pipeline.evaluation.gold import load_gold
from pipeline.evaluation.model import GoldCorpus
from pipeline.evaluation.offset_gold import load_offset_gold
from pipeline.evaluation.sectors import load_sector_corpus

GOLD_FORMATS = ("auto", "gold", "nerel", "factrueval", "brat", "offsets", "sectors")


def detect_format(path: Path) -> str:
    if not path.exists():
        raise InputError(path, "no such file or folder")
    if path.is_dir() or path.suffix == ".ann":
        return "brat"
    if path.suffix == ".txt" and path.with_suffix(".ann").exists():
        return "brat"
    first = _first_record(path)
    if "sha1" in first and "text" not in first:
        # ids + sha1 + offsets over ../shared: SECTOR spans with their ids (sectors_dev), or
        # relations with their mentions (load_offset_gold)
        return "sectors" if "entities" in first and "relations" not in first else "offsets"
    scheme = guess_scheme(path)
    return scheme.name if scheme else "gold"


def _first_record(path: Path) -> dict:
    try:
        with path.open(encoding="utf-8") as handle:
            first = json.loads(handle.readline() or "{}")
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    return first if isinstance(first, dict) else {}


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
    if fmt == "offsets":
        return load_offset_gold(path)
    if fmt == "sectors":
        return load_sector_corpus(path)
    return load_corpus(path, SCHEMES[fmt])
