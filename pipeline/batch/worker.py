"""The worker side: load the pipeline once per process, then read, process and commit
parts (`worker_init` and `process_task` are what the pool or the Dask cluster runs)."""

from __future__ import annotations

import atexit
import os
import signal
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.batch.discovery import doc_id_for
from pipeline.batch.model import (
    PartSummary,
    RunError,
    Task,
    WorkerSettings,
    error_row,
    one_line,
)
from pipeline.batch.parts import PartRows, commit_part
from pipeline.errors import InputError
from pipeline.reader import Document, iter_records

if TYPE_CHECKING:  # the driver imports this module and never spaCy
    from spacy.tokens import Doc

# A long-lived pipeline grows with the corpus vocabulary (spaCy's StringStore, the pymorphy3
# parse cache): a worker rebuilds it after this many documents, which keeps its memory bounded.
RECYCLE_DOCS = 5_000

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
    from pipeline.memory import unfreeze_loaded
    from pipeline.runner import load_pipeline

    load_pipeline.cache_clear()
    unfreeze_loaded()  # the old pipeline's reference cycles can be collected again
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
                _run_chunk(nlp, chunk, rows, settings.batch_size, settings)
                chunk = []
        else:
            rows.errors.append(record)
    if chunk:
        _run_chunk(nlp, chunk, rows, settings.batch_size, settings)
    try:
        commit_part(Path(settings.out), task, rows)
    except OSError as exc:
        raise RunError(f"cannot write results to {settings.out}: {exc.strerror or exc}") from None
    _count_and_recycle(len(rows.documents) + len(rows.errors))
    return rows.summary(task, time.perf_counter() - started, _WORKER["load_s"])


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


def _run_chunk(
    nlp,
    documents: list[Document],
    rows: PartRows,
    batch_size: int,
    settings: WorkerSettings | None = None,
) -> None:
    """Process a chunk through nlp.pipe; if anything in it raises, isolate the culprit."""
    from pipeline.runner import page_size, table_rows

    html = settings is not None and settings.html
    ends: dict[int, Sequence[int]] = {}
    seen = _sentence_ends_into(ends) if html else None
    pieced = _piece_ends_into(ends) if html else None
    try:
        rows_of = table_rows(documents, nlp, batch_size, seen, pieced)
        results = list(zip(documents, rows_of, strict=True))
    except Exception:
        results = []
        for document in documents:
            try:
                results.extend((document, r) for r in table_rows([document], nlp, 1, seen, pieced))
            except Exception as exc:
                reason = f"pipeline error: {one_line(exc)}"
                rows.errors.append(error_row(document.source, document.doc_id, "pipeline", reason))
    for source, (mentions, document, relations, facts) in results:
        rows.mentions.extend(mentions)
        rows.documents.append(document)
        rows.relations.extend(relations)
        rows.facts.extend(facts)
        if html:
            page_ends = ends.get(id(source)) if facts or relations else None
            out, size = Path(settings.out), page_size(nlp)
            _write_page(source, mentions, facts, out, page_ends, size, relations)


def _sentence_ends_into(ends: dict[int, Sequence[int]]) -> Callable[[Document, Doc], None]:
    """A `table_rows` hook keeping where each sentence of a document with facts or links ends
    (by the document's id()), read from the worker's own Doc: the facts and relations tables
    number sentences by the tokenizer's boundaries, which later stages keep."""

    def keep(document: Document, doc: Doc) -> None:
        if doc._.facts or doc._.relations:
            ends[id(document)] = [sentence.end_char for sentence in doc.sents]

    return keep


def _piece_ends_into(ends: dict[int, Sequence[int]]) -> Callable[[Document, Sequence[int]], None]:
    """The same for a document run in pieces: its sentence ends joined over the pieces
    (`pieces.Joined.sentence_ends`), numbered as its facts table numbers sentences."""

    def keep(document: Document, sentence_ends: Sequence[int]) -> None:
        ends[id(document)] = sentence_ends

    return keep


def _write_page(
    document: Document,
    mentions: list[dict],
    facts: list[dict],
    out: Path,
    sentence_ends: Sequence[int] | None,
    page_chars: int,
    relations: Sequence[dict] = (),
) -> None:
    """The document's annotated page (batch --html), with its facts under their sentences,
    streamed to disk; a book-length document's page shows its first `page_chars` characters,
    as extract's does. A page that cannot be made is reported on stderr and skipped: the
    document's rows matter more than its page."""
    from pipeline.output import write_chunks
    from pipeline.pages import ArticleInput
    from pipeline.pages.article import first_part, page_chunks, page_heading
    from pipeline.pages.paths import page_relpath

    try:
        article = ArticleInput.from_document(document, mentions, facts, sentence_ends, relations)
        article = first_part(article, page_chars)
        chunks = page_chunks([article], page_heading([article]), True)
        write_chunks(out / page_relpath(document.doc_id), chunks)
    except Exception as exc:
        sys.stderr.write(f"warning: no page for {document.doc_id}: {one_line(exc)}\n")
