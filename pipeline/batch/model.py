"""The plain data of a batch run: file and folder names, limits, options, tasks, the
summaries workers send back, and the error rows and messages every stage writes."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.reader import DEFAULT_MAX_BYTES

MENTIONS_DIR, DOCUMENTS_DIR, LEDGER_DIR = "mentions", "documents", "ledger"
RELATIONS_DIR, FACTS_DIR = "relations", "facts"
ERRORS_FILE, MANIFEST_FILE, RUN_FILE = "errors.csv", "manifest.json", "run.json"
LOCK_FILE = ".batch.lock"  # hidden: never read as an article, skipped by pyarrow
PART_FILES = 32  # input files per part: small enough to balance two workers on ~800 articles
PART_BYTES = 2 * 1024 * 1024  # ... and a cap on their bytes, which bounds a worker's memory
PIPE_BATCH = 64  # the taggers sort a batch's sentences by length: bigger batches pad less
ERROR_COLUMNS = ("path", "line", "doc_id", "stage", "reason")
DUPLICATE_EXAMPLES = 10  # doc_ids named in the warning and the manifest
PACKAGES = (
    "ru-news-extract",
    "spacy",
    "natasha",
    "slovnet",
    "navec",
    "razdel",
    "pymorphy3",
    "pymorphy3-dicts-ru",
    "yargy",
    "numpy",
    "pandas",
    "pyarrow",
    "dask",
    "distributed",
)
WORKER_DIED = "worker process died while processing this file (crash or out of memory)"


class RunError(Exception):
    """The run itself cannot go on (pipeline does not load, results cannot be written)."""


@dataclass(frozen=True)
class BatchOptions:
    corpus: Path
    out: Path
    workers: int | None = None  # None: all cores
    scheduler: str | None = None  # tcp://host:port of a Dask scheduler
    resume: bool = False
    overwrite: bool = False
    max_bytes: int | None = DEFAULT_MAX_BYTES
    part_size: int = PART_FILES
    batch_size: int = PIPE_BATCH
    config: Path | None = None
    progress: bool = True
    connect_timeout: float = 5.0
    html: bool = False  # also write each document's annotated page to OUT/pages/


@dataclass(frozen=True)
class WorkerSettings:
    """Everything a worker needs, picklable, with absolute paths (workers may be elsewhere)."""

    corpus: str
    out: str
    config: str | None
    max_bytes: int | None
    batch_size: int
    html: bool = False


@dataclass(frozen=True)
class Task:
    part: str
    files: tuple[str, ...]

    @classmethod
    def of(cls, files: Iterable[str]) -> Task:
        files = tuple(files)
        # Named after its content: the same files always make the same part file.
        digest = hashlib.sha1("\0".join(files).encode("utf-8")).hexdigest()[:20]
        return cls(digest, files)


@dataclass
class PartSummary:
    """What a worker sends back: counts only, never rows."""

    part: str
    files: int
    ok: int
    failed: int
    characters: int
    mentions: dict[str, int]
    worker: str
    load_s: float | None
    peak_rss_mb: float
    busy_s: float


@dataclass
class Totals:
    files: int = 0
    ok: int = 0
    failed: int = 0
    characters: int = 0
    parts: int = 0
    mentions: Counter = field(default_factory=Counter)
    errors: list[dict] = field(default_factory=list)
    duplicates: int = 0  # doc_ids that more than one committed document has
    duplicate_examples: list[str] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return self.ok + self.failed


@dataclass
class BatchReport:
    out: Path
    totals: Totals
    processed_files: int
    skipped_files: int
    seconds: float
    manifest: dict


def error_row(rel: str, doc_id: str, stage: str, reason: str, line: int | None = None) -> dict:
    return {"path": rel, "line": line, "doc_id": doc_id, "stage": stage, "reason": reason}


def one_line(exc: BaseException) -> str:
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {message}"[:500] if message else type(exc).__name__
