"""The driver: check the corpus and OUT_DIR, plan the parts, keep workers busy, collect
their summaries and re-run crashed parts file by file (`run_batch` is the whole run)."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.batch.backends import DaskBackend, LocalBackend, available_cores
from pipeline.batch.discovery import doc_id_for
from pipeline.batch.manifest import build_manifest, config_digest, utc_now
from pipeline.batch.model import (
    DOCUMENTS_DIR,
    ERRORS_FILE,
    FACTS_DIR,
    LEDGER_DIR,
    LOCK_FILE,
    MANIFEST_FILE,
    MENTIONS_DIR,
    RELATIONS_DIR,
    RUN_FILE,
    WORKER_DIED,
    BatchOptions,
    BatchReport,
    PartSummary,
    RunError,
    Task,
    WorkerSettings,
    error_row,
    one_line,
)
from pipeline.batch.parts import (
    PartRows,
    commit_part,
    remove_uncommitted,
    sum_ledgers,
    write_errors,
    write_json,
)
from pipeline.batch.plan import Plan
from pipeline.batch.session import Progress, Session
from pipeline.config import load_config
from pipeline.errors import InputError


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
    started_at, started = utc_now(), time.perf_counter()
    corpus, out = _check_corpus(options.corpus), options.out.resolve()
    if out == corpus:  # OUT_DIR is skipped as input: the run would read nothing
        raise InputError(options.out, "is the corpus folder itself: give --out another folder")
    config = load_config(options.config)  # a broken config fails here, before any worker
    run_info = {
        "corpus": str(corpus),
        "config_sha256": config_digest(config),
        "max_bytes": options.max_bytes,
        "part_size": options.part_size,
    }
    settings = WorkerSettings(
        str(corpus), str(out), str(config.path), options.max_bytes, options.batch_size, options.html
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
            manifest["timings"].update(finished_at=utc_now(), wall_s=round(seconds, 3))
            write_json(out / MANIFEST_FILE, manifest)  # last: its presence means "completed"
    finally:
        backend.close()
    return BatchReport(out, totals, plan.count, len(plan.done_files), seconds, manifest)


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
        for folder in (MENTIONS_DIR, DOCUMENTS_DIR, LEDGER_DIR, RELATIONS_DIR, FACTS_DIR):
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
    for folder in (MENTIONS_DIR, DOCUMENTS_DIR, LEDGER_DIR, RELATIONS_DIR, FACTS_DIR):
        shutil.rmtree(out / folder, ignore_errors=True)
    for name in (ERRORS_FILE, MANIFEST_FILE, RUN_FILE):
        (out / name).unlink(missing_ok=True)
    shutil.rmtree(out / "pages", ignore_errors=True)  # --html pages and the report
    (out / "report.html").unlink(missing_ok=True)
