"""Batch runs over a corpus folder: the same pipeline as `extract`, on many processes or a cluster.

Work is cut into parts: a part is a short, deterministic list of input files. A worker reads
them, streams their documents through `nlp.pipe`, writes one Parquet file per table and part
(atomically) and finally a small JSON ledger naming the files and doc_ids it committed. The
ledger is the commit record: `--resume` skips every file a ledger names. The driver only plans
parts and collects small summaries, so memory stays bounded whatever the corpus size.
"""

from __future__ import annotations

import atexit
import csv
import hashlib
import json
import os
import resource
import shutil
import signal
import socket
import stat
import sys
import time
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache
from importlib import metadata
from pathlib import Path, PurePosixPath

from pipeline.config import PATH_KEYS, PipelineConfig, load_config
from pipeline.errors import InputError
from pipeline.output import atomic_write
from pipeline.reader import DEFAULT_MAX_BYTES, SUFFIXES, Document, iter_records
from pipeline.schema import MENTION_TYPES

MENTIONS_DIR, DOCUMENTS_DIR, LEDGER_DIR = "mentions", "documents", "ledger"
ERRORS_FILE, MANIFEST_FILE, RUN_FILE = "errors.csv", "manifest.json", "run.json"
LOCK_FILE = ".batch.lock"  # hidden: never read as an article, skipped by pyarrow
PART_FILES = 32  # input files per part: small enough to balance two workers on ~800 articles
PART_BYTES = 2 * 1024 * 1024  # ... and a cap on their bytes, which bounds a worker's memory
PIPE_BATCH = 64  # the taggers sort a batch's sentences by length: bigger batches pad less
# A long-lived pipeline grows with the corpus vocabulary (spaCy's StringStore, the pymorphy3
# parse cache): a worker rebuilds it after this many documents, which keeps its memory bounded.
RECYCLE_DOCS = 5_000
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


# --------------------------------------------------------------------------- plain data


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


@dataclass(frozen=True)
class WorkerSettings:
    """Everything a worker needs, picklable, with absolute paths (workers may be elsewhere)."""

    corpus: str
    out: str
    config: str | None
    max_bytes: int | None
    batch_size: int


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


# --------------------------------------------------------------------------- discovery


def discover(
    corpus: Path, exclude: Path | None = None, errors: list | None = None
) -> Iterator[str]:
    """Article files under `corpus` (relative POSIX paths) in a stable, sorted order.

    Symlinked folders are followed once (a folder reached twice, e.g. through a loop, is
    skipped); names starting with "." are ignored, and so is `exclude` (an OUT_DIR inside the
    corpus). Symlinked or special files are yielded: reading them reports their problem.
    """
    seen: set[str] = set()
    skip = os.path.realpath(exclude) if exclude else None
    onerror = errors.append if errors is not None else None
    for root, dirs, files in os.walk(corpus, followlinks=True, onerror=onerror):
        real = os.path.realpath(root)
        if real in seen or real == skip:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = PurePosixPath(Path(root).relative_to(corpus).as_posix())
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                yield str(base / name) if str(base) != "." else name


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def plan_tasks(
    files: Iterable[tuple[str, int]], part_size: int = PART_FILES, part_bytes: int = PART_BYTES
) -> Iterator[Task]:
    """Consecutive files grouped into parts of at most `part_size` files and `part_bytes`."""
    group: list[str] = []
    size = 0
    for rel, nbytes in files:
        if group and (len(group) >= part_size or size + nbytes > part_bytes):
            yield Task.of(group)
            group, size = [], 0
        group.append(rel)
        size += nbytes
    if group:
        yield Task.of(group)


def doc_id_for(rel: str) -> str:
    """The doc_id of a file: its path relative to the corpus, without the suffix."""
    return str(PurePosixPath(rel).with_suffix(""))


# --------------------------------------------------------------------------- worker side

_WORKER: dict = {"nlp": None, "config": None, "load_s": None, "error": None, "docs": 0}


def worker_init(config: str | None, ignore_sigint: bool = True) -> None:
    """Pool initializer: load the pipeline once per process, remember a failure to report."""
    if ignore_sigint:  # Ctrl-C reaches the whole process group; the driver decides what stops
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    atexit.register(_exit_at_once)
    try:
        _worker_pipeline(config)
    except RunError:
        pass  # kept in _WORKER["error"], raised by the first task so the driver sees it


def _exit_at_once() -> None:
    """A pool worker holds a few hundred MB of small Python objects, and the interpreter's
    orderly teardown frees them one by one for half a second while the driver waits to join
    it. By the time it exits, its parts are committed and its last result sent."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _worker_pipeline(config: str | None):
    if _WORKER["error"] is not None:
        raise RunError(_WORKER["error"])
    if _WORKER["nlp"] is None or _WORKER["config"] != config:
        started = time.perf_counter()
        try:
            from pipeline.runner import load_pipeline

            _WORKER["nlp"] = load_pipeline(config)
        except Exception as exc:
            _WORKER["error"] = f"cannot load the pipeline on a worker: {one_line(exc)}"
            raise RunError(_WORKER["error"]) from None
        _WORKER["config"], _WORKER["docs"] = config, 0
        _WORKER["load_s"] = _WORKER["load_s"] or time.perf_counter() - started  # the first load
    return _WORKER["nlp"]


def _count_and_recycle(documents: int) -> None:
    """After RECYCLE_DOCS documents, drop the pipeline and caches; the next part rebuilds it
    (a fraction of a second: the model weights themselves stay loaded)."""
    _WORKER["docs"] += documents
    if _WORKER["docs"] < RECYCLE_DOCS:
        return
    from pipeline import models
    from pipeline.runner import load_pipeline

    load_pipeline.cache_clear()
    cached_parses = getattr(models, "parses", None)
    if hasattr(cached_parses, "cache_clear"):
        cached_parses.cache_clear()
    _WORKER["nlp"] = None


def process_task(task: Task, settings: WorkerSettings) -> PartSummary:
    """Read, process and commit one part; only RunError escapes (the run cannot go on)."""
    nlp = _worker_pipeline(settings.config)
    started = time.perf_counter()
    rows = PartRows()
    chunk: list[Document] = []
    for record in _records(task.files, settings):
        if isinstance(record, Document):
            chunk.append(record)
            if len(chunk) >= settings.batch_size:
                _run_chunk(nlp, chunk, rows, settings.batch_size)
                chunk = []
        else:
            rows.errors.append(record)
    if chunk:
        _run_chunk(nlp, chunk, rows, settings.batch_size)
    try:
        commit_part(Path(settings.out), task, rows)
    except OSError as exc:
        raise RunError(f"cannot write results to {settings.out}: {exc.strerror or exc}") from None
    _count_and_recycle(len(rows.documents) + len(rows.errors))
    return rows.summary(task, time.perf_counter() - started)


@dataclass
class PartRows:
    mentions: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)

    def summary(self, task: Task, busy_s: float) -> PartSummary:
        counts = {t: sum(d[f"n_{t.lower()}"] for d in self.documents) for t in MENTION_TYPES}
        return PartSummary(
            part=task.part,
            files=len(task.files),
            ok=len(self.documents),
            failed=len(self.errors),
            characters=sum(d["characters"] for d in self.documents),
            mentions=counts,
            worker=f"{socket.gethostname()}:{os.getpid()}",
            load_s=_WORKER["load_s"],
            peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            busy_s=busy_s,
        )


def error_row(rel: str, doc_id: str, stage: str, reason: str, line: int | None = None) -> dict:
    return {"path": rel, "line": line, "doc_id": doc_id, "stage": stage, "reason": reason}


def _records(files: Iterable[str], settings: WorkerSettings) -> Iterator[Document | dict]:
    for rel in files:
        yield from _file_records(rel, settings)


def _file_records(rel: str, settings: WorkerSettings) -> Iterator[Document | dict]:
    """The documents of one file, or error rows in place of the ones that cannot be read."""
    path, base = Path(settings.corpus) / rel, doc_id_for(rel)
    try:
        check_regular_file(path)
        for record in iter_records(path, doc_id=base, max_bytes=settings.max_bytes):
            if isinstance(record, InputError):
                line = record.line
                doc_id = f"{base}/{line}" if line is not None and rel.endswith(".jsonl") else base
                yield error_row(rel, doc_id, "read", record.reason, line)
            else:
                # Relative source: tables do not depend on where the corpus is mounted.
                yield replace(record, source=rel)
    except InputError as exc:
        yield error_row(rel, base, "read", exc.reason, exc.line)
    except Exception as exc:  # a reader bug must not lose the file: report it instead
        yield error_row(rel, base, "read", f"read error: {one_line(exc)}")


def check_regular_file(path: Path) -> None:
    """Refuse what `read_bytes` cannot read safely: a FIFO would block the worker forever."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise InputError(path, f"unreadable: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise InputError(path, "is a directory, expected an article file")
    if not stat.S_ISREG(mode):
        raise InputError(path, "not a regular file (FIFO, socket or device), cannot be read")


def _run_chunk(nlp, documents: list[Document], rows: PartRows, batch_size: int) -> None:
    """Process a chunk through nlp.pipe; if anything in it raises, isolate the culprit."""
    from pipeline.runner import table_rows

    try:
        results = table_rows(documents, nlp, batch_size)
    except Exception:
        results = []
        for document in documents:
            try:
                results.extend(table_rows([document], nlp, 1))
            except Exception as exc:
                reason = f"pipeline error: {one_line(exc)}"
                rows.errors.append(error_row(document.source, document.doc_id, "pipeline", reason))
    for mentions, document in results:
        rows.mentions.extend(mentions)
        rows.documents.append(document)


def one_line(exc: BaseException) -> str:
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {message}"[:500] if message else type(exc).__name__


# --------------------------------------------------------------------------- parts and ledgers


@lru_cache(maxsize=1)
def table_schemas() -> dict:
    """The fixed Arrow schema of each table, taken from the typed (empty) pandas frames."""
    import pyarrow as pa

    from pipeline.schema import DOCUMENT_COLUMNS, MENTION_COLUMNS
    from pipeline.tables import typed_frame

    return {
        name: pa.Schema.from_pandas(typed_frame([], columns), preserve_index=False)
        for name, columns in ((MENTIONS_DIR, MENTION_COLUMNS), (DOCUMENTS_DIR, DOCUMENT_COLUMNS))
    }


def arrow_tables(rows: PartRows) -> dict:
    """Both tables in their fixed schema. A document whose rows do not fit it (a stage put a
    word where a number belongs) moves to the errors instead of failing the whole part."""
    try:
        return _arrow_tables(rows.mentions, rows.documents)
    except Exception:
        _drop_untypable(rows)
        return _arrow_tables(rows.mentions, rows.documents)


def _arrow_tables(mentions: list[dict], documents: list[dict]) -> dict:
    import pyarrow as pa

    from pipeline.schema import DOCUMENT_COLUMNS, MENTION_COLUMNS
    from pipeline.tables import typed_frame

    schemas = table_schemas()
    return {
        name: pa.Table.from_pandas(
            typed_frame(table_rows, columns), schema=schemas[name], preserve_index=False
        )
        for name, table_rows, columns in (
            (MENTIONS_DIR, mentions, MENTION_COLUMNS),
            (DOCUMENTS_DIR, documents, DOCUMENT_COLUMNS),
        )
    }


def _drop_untypable(rows: PartRows) -> None:
    by_doc: dict[str, list[dict]] = {}
    for mention in rows.mentions:
        by_doc.setdefault(mention["doc_id"], []).append(mention)
    mentions, documents = [], []
    for document in rows.documents:
        own = by_doc.get(document["doc_id"], [])
        try:
            _arrow_tables(own, [document])
        except Exception as exc:
            reason = f"table error: {one_line(exc)}"
            rows.errors.append(error_row(document["source"], document["doc_id"], "tables", reason))
            continue
        mentions.extend(own)
        documents.append(document)
    rows.mentions, rows.documents = mentions, documents


def commit_part(out: Path, task: Task, rows: PartRows) -> None:
    """Both tables first, the ledger last: a part without a ledger was never committed."""
    import pyarrow.parquet as pq

    for table, arrow in arrow_tables(rows).items():
        path = out / table / f"part-{task.part}.parquet"
        atomic_write(path, lambda p, arrow=arrow: pq.write_table(arrow, p))
    ledger = {
        "part": task.part,
        "files": list(task.files),
        "ok": [d["doc_id"] for d in rows.documents],
        "errors": rows.errors,
        "characters": sum(d["characters"] for d in rows.documents),
        "mentions": {t: sum(d[f"n_{t.lower()}"] for d in rows.documents) for t in MENTION_TYPES},
    }
    text = json.dumps(ledger, ensure_ascii=False, indent=1)
    atomic_write(out / LEDGER_DIR / f"{task.part}.json", lambda p: p.write_text(text, "utf-8"))


def read_ledgers(out: Path) -> Iterator[dict]:
    for path in sorted((out / LEDGER_DIR).glob("*.json")):
        yield json.loads(path.read_text(encoding="utf-8"))


def committed(out: Path) -> tuple[set[str], set[str]]:
    """The files and the part names that ledgers record as committed."""
    files: set[str] = set()
    parts: set[str] = set()
    for ledger in read_ledgers(out):
        files.update(ledger["files"])
        parts.add(ledger["part"])
    return files, parts


def remove_uncommitted(out: Path) -> int:
    """Delete temporary files and parts without a ledger, left by a killed run."""
    ledgers = {p.stem for p in (out / LEDGER_DIR).glob("*.json")}
    removed = 0
    for folder in (MENTIONS_DIR, DOCUMENTS_DIR, LEDGER_DIR):
        for path in (out / folder).glob(".*.tmp"):
            path.unlink(missing_ok=True)
            removed += 1
        for path in (out / folder).glob("part-*.parquet"):
            if path.stem.removeprefix("part-") not in ledgers:
                path.unlink(missing_ok=True)
                removed += 1
    return removed


def sum_ledgers(out: Path) -> Totals:
    totals = Totals()
    digests = array("Q")  # 8 bytes per document, whatever the corpus size
    for ledger in read_ledgers(out):
        totals.parts += 1
        totals.files += len(ledger["files"])
        totals.ok += len(ledger["ok"])
        totals.failed += len(ledger["errors"])
        totals.characters += ledger["characters"]
        totals.mentions.update(ledger["mentions"])
        totals.errors.extend(ledger["errors"])
        digests.extend(_digest(doc_id) for doc_id in ledger["ok"])
    repeated = _repeated(digests)
    if repeated:
        names = Counter(
            d for ledger in read_ledgers(out) for d in ledger["ok"] if _digest(d) in repeated
        )
        dupes = sorted(name for name, n in names.items() if n > 1)
        totals.duplicates, totals.duplicate_examples = len(dupes), dupes[:DUPLICATE_EXAMPLES]
    return totals


def _digest(doc_id: str) -> int:
    return int.from_bytes(hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).digest(), "big")


def _repeated(digests: array) -> set[int]:
    """Digests that occur more than once (found by sorting, not by a set of all of them)."""
    import numpy as np

    ordered = np.sort(np.frombuffer(digests, dtype=np.uint64))
    return set(ordered[1:][ordered[1:] == ordered[:-1]].tolist())


def duplicates_warning(totals: Totals) -> str:
    """doc_ids shared by several documents ("a.txt" and "a.json", a repeated JSON id): their
    rows stay in the tables, told apart by the documents table's `source` column."""
    shown = ", ".join(totals.duplicate_examples)
    more = ", ..." if totals.duplicates > len(totals.duplicate_examples) else ""
    return (
        f"warning: {totals.duplicates} doc_id(s) belong to more than one document ({shown}{more});"
        " their rows are all kept, the documents table's `source` column tells them apart"
    )


def parquet_rows(folder: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(p).metadata.num_rows for p in sorted(folder.glob("part-*.parquet")))


def write_errors(out: Path, errors: list[dict]) -> None:
    """errors.csv sorted by path, line, doc_id (missing values first), empty cells for None.
    Plain csv, not pandas: importing pandas here would add a quarter second to every run."""

    def order(row: dict) -> tuple:
        values = [row.get(k) for k in ("path", "line", "doc_id")]
        return tuple((v is not None, v if v is not None else 0) for v in values)

    def write(path: Path) -> None:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(ERROR_COLUMNS)
            for row in sorted(errors, key=order):
                writer.writerow(["" if row.get(k) is None else row[k] for k in ERROR_COLUMNS])

    atomic_write(out / ERRORS_FILE, write)


def write_json(path: Path, data: dict) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    atomic_write(path, lambda p: p.write_text(text, encoding="utf-8"))


# --------------------------------------------------------------------------- backends


class LocalBackend:
    """A process pool on this machine; its initializer loads the pipeline once per process."""

    def __init__(self, workers: int, settings: WorkerSettings) -> None:
        self.workers, self.settings = workers, settings
        # One BLAS thread per worker: N workers already use the N cores.
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(var, "1")
        self._pool = self._new_pool()

    def _new_pool(self):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),  # nothing inherited from the driver
            initializer=worker_init,
            initargs=(self.settings.config,),
        )

    @property
    def slots(self) -> int:
        return self.workers

    def submit(self, task: Task):
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._pool.submit(process_task, task, self.settings)
        except BrokenProcessPool:  # a worker died earlier: carry on with a fresh pool
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new_pool()
            return self._pool.submit(process_task, task, self.settings)

    def wait_first(self, futures: list) -> set:
        from concurrent.futures import FIRST_COMPLETED, wait

        return wait(futures, return_when=FIRST_COMPLETED).done

    @staticmethod
    def is_crash(exc: BaseException) -> bool:
        from concurrent.futures.process import BrokenProcessPool

        return isinstance(exc, BrokenProcessPool)

    def isolated(self) -> LocalBackend:
        return LocalBackend(1, self.settings)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskBackend:
    """An existing Dask distributed cluster; workers load the pipeline on their first part."""

    def __init__(self, address: str, settings: WorkerSettings, timeout: float) -> None:
        from distributed import Client

        self.settings = settings
        check_reachable(address, timeout)
        try:
            self.client = Client(address, timeout=f"{timeout}s", set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise InputError(address, f"cannot reach the Dask scheduler: {one_line(exc)}") from None
        try:
            self.client.wait_for_workers(1, timeout=max(30.0, timeout))
        except (OSError, TimeoutError):
            self.client.close()
            raise InputError(address, "no Dask worker connected to the scheduler") from None
        self._nonce = os.urandom(4).hex()

    @property
    def slots(self) -> int:
        return max(1, sum(w["nthreads"] for w in self.client.scheduler_info()["workers"].values()))

    def submit(self, task: Task):
        key = f"ru-news-part-{task.part}-{self._nonce}"  # unique per run on a shared cluster
        return self.client.submit(process_task, task, self.settings, key=key, pure=False)

    def wait_first(self, futures: list) -> set:
        from distributed import wait

        with self.client.as_current():  # the client is not the process default
            return set(wait(futures, return_when="FIRST_COMPLETED").done)

    @staticmethod
    def is_crash(exc: BaseException) -> bool:
        from distributed import KilledWorker

        return isinstance(exc, KilledWorker)

    def isolated(self) -> _Borrowed:
        return _Borrowed(self)

    def close(self) -> None:
        self.client.close()


class _Borrowed:
    """The same cluster for the crash re-runs: closing it leaves the client open."""

    def __init__(self, backend: DaskBackend) -> None:
        self._backend = backend

    def __getattr__(self, name: str):
        return getattr(self._backend, name)

    def close(self) -> None:
        pass


def check_reachable(address: str, timeout: float) -> None:
    """Fail at once on a refused connection (Dask itself retries until its timeout)."""
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in ("tcp", "tls") or not parts.hostname or not parts.port:
        return  # other transports (ucx, inproc): let Dask judge
    try:
        socket.create_connection((parts.hostname, parts.port), timeout=timeout).close()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(address, f"cannot reach the Dask scheduler: {reason}") from None


# --------------------------------------------------------------------------- driver


@dataclass
class Progress:
    """The tqdm bar over files, with documents and documents/s alongside."""

    total: int
    enabled: bool
    started: float = field(default_factory=time.perf_counter)
    docs: int = 0
    bar: object = None

    def __post_init__(self) -> None:
        if self.enabled:
            from tqdm import tqdm

            self.bar = tqdm(
                total=self.total, unit="file", file=sys.stderr, dynamic_ncols=True, smoothing=0.1
            )

    def update(self, summary: PartSummary) -> None:
        self.docs += summary.ok + summary.failed
        if self.bar is not None:
            rate = self.docs / max(time.perf_counter() - self.started, 1e-9)
            self.bar.set_postfix_str(f"{self.docs} docs, {rate:.1f} docs/s", refresh=False)
            self.bar.update(summary.files)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@dataclass
class WorkerStats:
    load_s: float | None = None
    peak_rss_mb: float = 0.0
    parts: int = 0
    documents: int = 0
    characters: int = 0
    busy_s: float = 0.0

    def add(self, summary: PartSummary) -> None:
        self.load_s = summary.load_s if summary.load_s is not None else self.load_s
        self.peak_rss_mb = max(self.peak_rss_mb, summary.peak_rss_mb)
        self.parts += 1
        self.documents += summary.ok + summary.failed
        self.characters += summary.characters
        self.busy_s += summary.busy_s


@dataclass
class Session:
    """What this invocation processed (a resumed run's earlier parts are in the ledgers)."""

    progress: Progress
    workers: dict[str, WorkerStats] = field(default_factory=dict)

    def on_done(self, summary: PartSummary) -> None:
        self.workers.setdefault(summary.worker, WorkerStats()).add(summary)
        self.progress.update(summary)

    @property
    def documents(self) -> int:
        return sum(s.documents for s in self.workers.values())

    @property
    def characters(self) -> int:
        return sum(s.characters for s in self.workers.values())


def drive(
    backend,
    tasks: Iterator[Task],
    on_done: Callable[[PartSummary], None],
    in_flight_limit: int,
) -> list[Task]:
    """Keep a bounded number of parts in flight; return the parts whose worker crashed."""
    in_flight: dict = {}
    crashed: list[Task] = []
    exhausted = False
    try:
        while True:
            while not exhausted and len(in_flight) < in_flight_limit:
                task = next(tasks, None)
                if task is None:
                    exhausted = True
                else:
                    in_flight[backend.submit(task)] = task
            if not in_flight:
                return crashed
            for future in backend.wait_first(list(in_flight)):
                task = in_flight.pop(future)
                summary = _result(backend, future)
                if summary is None:
                    crashed.append(task)
                else:
                    on_done(summary)
    finally:
        for future in in_flight:
            future.cancel()


def _result(backend, future) -> PartSummary | None:
    try:
        return future.result()
    except RunError as exc:
        raise InputError(backend.settings.out, str(exc)) from None
    except Exception as exc:
        if backend.is_crash(exc):
            return None
        raise InputError(backend.settings.out, f"a worker failed: {one_line(exc)}") from None


def isolate_crashes(backend, crashed: list[Task], on_done: Callable[[PartSummary], None]) -> None:
    """Re-run crashed parts one file at a time on one worker; a file that still kills its
    worker is recorded in errors.csv instead of stopping (or endlessly restarting) the run."""
    singles = iter([Task.of([rel]) for task in crashed for rel in task.files])
    alone = backend.isolated()
    try:
        for task in drive(alone, singles, on_done, in_flight_limit=1):
            rows = PartRows(
                errors=[
                    error_row(rel, doc_id_for(rel), "worker", WORKER_DIED) for rel in task.files
                ]
            )
            commit_part(Path(backend.settings.out), task, rows)
            on_done(rows.summary(task, 0.0))
    finally:
        alone.close()


def run_batch(options: BatchOptions) -> BatchReport:
    """The whole run: check, connect, plan, process, then summarise from the ledgers."""
    started_at, started = _now(), time.perf_counter()
    corpus, out = _check_corpus(options.corpus), options.out.resolve()
    config = load_config(options.config)  # a broken config fails here, before any worker
    run_info = {
        "corpus": str(corpus),
        "config_sha256": config_digest(config),
        "max_bytes": options.max_bytes,
        "part_size": options.part_size,
    }
    settings = WorkerSettings(
        str(corpus), str(out), str(config.path), options.max_bytes, options.batch_size
    )
    backend = _backend(options, settings)  # an unreachable cluster fails before OUT_DIR changes
    try:
        make_out_dir(out)
        with exclusive(out):
            run_info = prepare_out(out, options, run_info)
            plan = Plan.make(corpus, out, run_info["part_size"], options.resume)
            session = Session(Progress(plan.count, options.progress))
            processing = time.perf_counter()
            try:
                _process(backend, plan.tasks(), session)
            finally:
                backend.close()
            timings = {
                "started_at": started_at,
                "processing_s": round(time.perf_counter() - processing, 3),
            }
            totals = sum_ledgers(out)
            manifest = build_manifest(options, run_info, config, totals, plan, timings, session)
            write_errors(out, totals.errors)
            seconds = time.perf_counter() - started
            manifest["timings"].update(finished_at=_now(), wall_s=round(seconds, 3))
            write_json(out / MANIFEST_FILE, manifest)  # last: its presence means "completed"
    finally:
        backend.close()
    return BatchReport(out, totals, plan.count, len(plan.done_files), seconds, manifest)


@dataclass
class Plan:
    """Which parts to run. The partition covers the whole corpus, as in the first run, so a
    resumed part has the name it would have had: if a worker orphaned by a crash commits it
    late, it overwrites the same part with the same rows instead of adding a duplicate."""

    corpus: Path
    out: Path
    part_size: int
    done_files: set[str]
    done_parts: set[str]
    count: int = 0
    nbytes: int = 0
    scan_errors: list = field(default_factory=list)

    @classmethod
    def make(cls, corpus: Path, out: Path, part_size: int, resume: bool) -> Plan:
        files, parts = committed(out) if resume else (set(), set())
        plan = cls(corpus, out, part_size, files, parts)
        for rel in discover(corpus, out, plan.scan_errors):  # a cheap first pass: the totals
            if rel not in files:
                plan.count += 1
                plan.nbytes += file_size(corpus / rel)
        return plan

    def tasks(self) -> Iterator[Task]:
        files = ((rel, file_size(self.corpus / rel)) for rel in discover(self.corpus, self.out))
        for task in plan_tasks(files, self.part_size):
            if task.part in self.done_parts:
                continue
            rest = [rel for rel in task.files if rel not in self.done_files]
            if len(rest) == len(task.files):
                yield task
            elif rest:  # the corpus changed since the first run: run what is left
                yield Task.of(rest)


def _process(backend, tasks: Iterator[Task], session: Session) -> None:
    try:
        crashed = drive(backend, tasks, session.on_done, in_flight_limit=2 * backend.slots)
        if crashed:
            isolate_crashes(backend, crashed, session.on_done)
    finally:
        session.progress.close()


def _backend(options: BatchOptions, settings: WorkerSettings):
    if options.scheduler:
        return DaskBackend(options.scheduler, settings, options.connect_timeout)
    return LocalBackend(options.workers or available_cores(), settings)


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _check_corpus(corpus: Path) -> Path:
    if not corpus.exists():
        raise InputError(corpus, "no such folder")
    if not corpus.is_dir():
        raise InputError(
            corpus, "not a folder (batch reads a corpus folder; use extract for files)"
        )
    return corpus.resolve()


def make_out_dir(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(out, f"cannot create the output folder: {exc.strerror or exc}") from None


@contextmanager
def exclusive(out: Path) -> Iterator[None]:
    """One run per OUT_DIR at a time; the lock goes with the process, even on SIGKILL."""
    import fcntl

    try:
        fd = os.open(out / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise InputError(out, f"output folder not writable: {exc.strerror or exc}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise InputError(out, "another batch run is writing to this folder") from None
    try:
        yield
    finally:
        os.close(fd)


def prepare_out(out: Path, options: BatchOptions, run_info: dict) -> dict:
    """Refuse to mix runs silently; record (and return) what a later --resume must match."""
    previous = _read_run_info(out)
    has_results = previous is not None or any(
        (out / name).exists() for name in (LEDGER_DIR, MANIFEST_FILE, MENTIONS_DIR)
    )
    if options.resume:
        _check_resumable(out, previous, run_info)
        remove_uncommitted(out)
        (out / MANIFEST_FILE).unlink(missing_ok=True)  # written again when this run completes
        # The first run's partition, whatever --part-size says now (see Plan).
        first = (previous or {}).get("part_size", run_info["part_size"])
        run_info = {**run_info, "part_size": first}
    elif has_results and not options.overwrite:
        raise InputError(
            out, "holds a previous run: pass --resume to continue it or --overwrite to replace it"
        )
    elif has_results:
        clear_results(out)
    try:
        write_json(out / RUN_FILE, run_info)
        for folder in (MENTIONS_DIR, DOCUMENTS_DIR, LEDGER_DIR):
            (out / folder).mkdir(exist_ok=True)
    except OSError as exc:
        raise InputError(out, f"output folder not writable: {exc.strerror or exc}") from None
    return run_info


def _read_run_info(out: Path) -> dict | None:
    try:
        return json.loads((out / RUN_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise InputError(out / RUN_FILE, f"unreadable run record: {one_line(exc)}") from None


def _check_resumable(out: Path, previous: dict | None, run_info: dict) -> None:
    if previous is None:
        return  # nothing to resume: a fresh run
    for key, what in (
        ("corpus", "corpus folder"),
        ("config_sha256", "pipeline config or lexicons"),
        ("max_bytes", "--max-bytes"),
    ):
        if key in previous and previous[key] != run_info[key]:
            raise InputError(
                out, f"cannot resume: the {what} changed since that run (use --overwrite)"
            )


def clear_results(out: Path) -> None:
    """Remove only what a batch run writes: other files in OUT_DIR are the user's."""
    for folder in (MENTIONS_DIR, DOCUMENTS_DIR, LEDGER_DIR):
        shutil.rmtree(out / folder, ignore_errors=True)
    for name in (ERRORS_FILE, MANIFEST_FILE, RUN_FILE):
        (out / name).unlink(missing_ok=True)


# --------------------------------------------------------------------------- manifest


def config_digest(config: PipelineConfig) -> str:
    """sha256 of the config file and every file its stages point at (lexicons, taxonomy)."""
    digest = hashlib.sha256(config.path.read_bytes())
    for stage in config.stages:
        for key in PATH_KEYS:
            value = stage.settings.get(key)
            if isinstance(value, str):
                for path in _files_under(Path(value)):
                    digest.update(path.as_posix().encode())
                    digest.update(path.read_bytes())
    return digest.hexdigest()


def _files_under(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file())
    return [path] if path.is_file() else []


def package_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {"python": sys.version.split()[0]}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def build_manifest(
    options: BatchOptions,
    run_info: dict,
    config: PipelineConfig,
    totals: Totals,
    plan: Plan,
    timings: dict,
    session: Session,
) -> dict:
    out = options.out.resolve()
    inputs = {
        "files_discovered": plan.count + len(plan.done_files),
        "files_processed": plan.count,
        "files_skipped_committed": len(plan.done_files),
        "bytes_processed": plan.nbytes,
        "unreadable_folders": [one_line(e) for e in plan.scan_errors],
    }
    seconds = max(timings["processing_s"], 1e-9)
    return {
        "command": "batch",
        "corpus": run_info["corpus"],
        "out": str(out),
        "options": {
            "workers": None if options.scheduler else options.workers or available_cores(),
            "scheduler": options.scheduler,
            "resume": options.resume,
            "max_bytes": options.max_bytes,
            "part_size": run_info["part_size"],
            "batch_size": options.batch_size,
        },
        "config": {
            "path": str(config.path),
            "sha256": run_info["config_sha256"],
            "stages": [s.name for s in config.stages],
        },
        "versions": package_versions(),
        "inputs": {**inputs, "files_committed": totals.files, "documents": totals.documents},
        "counts": {
            "documents": totals.documents,
            "ok": totals.ok,
            "failed": totals.failed,
            "parts": totals.parts,
            "characters": totals.characters,
            "mentions": {t: totals.mentions.get(t, 0) for t in MENTION_TYPES},
            "documents_rows": parquet_rows(out / DOCUMENTS_DIR),
            "mentions_rows": parquet_rows(out / MENTIONS_DIR),
            "duplicate_doc_ids": totals.duplicates,
            "duplicate_doc_id_examples": totals.duplicate_examples,
        },
        "timings": {
            **timings,
            "documents_this_run": session.documents,
            "docs_per_s": round(session.documents / seconds, 2),
            "chars_per_s": round(session.characters / seconds, 1),
        },
        "workers": [
            {
                "worker": name,
                "model_load_s": None if s.load_s is None else round(s.load_s, 3),
                "peak_rss_mb": round(s.peak_rss_mb, 1),
                "parts": s.parts,
                "documents": s.documents,
                "busy_s": round(s.busy_s, 3),
            }
            for name, s in sorted(session.workers.items())
        ],
    }


def summary_line(report: BatchReport) -> str:
    t, timings = report.totals, report.manifest["timings"]
    mentions = ", ".join(f"{k} {t.mentions.get(k, 0)}" for k in MENTION_TYPES)
    errors = f" (see {report.out / ERRORS_FILE})" if t.failed else ""
    resumed = f" ({report.skipped_files} committed before)" if report.skipped_files else ""
    return (
        f"batch: {t.documents} documents, {t.ok} ok, {t.failed} failed{errors}; "
        f"mentions {mentions}; {report.processed_files} files{resumed} in {report.seconds:.1f} s, "
        f"{timings['docs_per_s']:.1f} docs/s, {timings['chars_per_s']:,.0f} chars/s "
        f"-> {report.out}"
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
