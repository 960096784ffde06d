"""The run's record: manifest.json (inputs, counts, versions, timings, workers) and the
one-line summary printed at the end."""

from __future__ import annotations

import hashlib
import sys
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from pipeline.batch.backends import available_cores
from pipeline.batch.model import (
    DOCUMENTS_DIR,
    ERRORS_FILE,
    FACTS_DIR,
    MENTIONS_DIR,
    PACKAGES,
    RELATIONS_DIR,
    BatchOptions,
    BatchReport,
    Totals,
    one_line,
)
from pipeline.batch.parts import parquet_rows
from pipeline.batch.plan import Plan
from pipeline.batch.session import Session
from pipeline.config import PATH_KEYS, PipelineConfig
from pipeline.schema import MENTION_TYPES


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
    return {
        "command": "batch",
        "corpus": run_info["corpus"],
        "out": str(out),
        "options": _options(options, run_info),
        "config": {
            "path": str(config.path),
            "sha256": run_info["config_sha256"],
            "stages": [s.name for s in config.stages],
        },
        "versions": package_versions(),
        "inputs": {**inputs, "files_committed": totals.files, "documents": totals.documents},
        "counts": _counts(totals, out),
        "timings": _timings(timings, session),
        "workers": _workers(session),
    }


def _options(options: BatchOptions, run_info: dict) -> dict:
    return {
        "workers": None if options.scheduler else options.workers or available_cores(),
        "scheduler": options.scheduler,
        "resume": options.resume,
        "max_bytes": options.max_bytes,
        "part_size": run_info["part_size"],
        "batch_size": options.batch_size,
    }


def _counts(totals: Totals, out: Path) -> dict:
    """Documents and mentions counted by the workers, and the rows the tables hold on disk."""
    return {
        "documents": totals.documents,
        "ok": totals.ok,
        "failed": totals.failed,
        "parts": totals.parts,
        "characters": totals.characters,
        "mentions": {t: totals.mentions.get(t, 0) for t in MENTION_TYPES},
        "documents_rows": parquet_rows(out / DOCUMENTS_DIR),
        "mentions_rows": parquet_rows(out / MENTIONS_DIR),
        "relations_rows": parquet_rows(out / RELATIONS_DIR),
        "facts_rows": parquet_rows(out / FACTS_DIR),
        "duplicate_doc_ids": totals.duplicates,
        "duplicate_doc_id_examples": totals.duplicate_examples,
    }


def _timings(timings: dict, session: Session) -> dict:
    seconds = max(timings["processing_s"], 1e-9)
    return {
        **timings,
        "documents_this_run": session.documents,
        "docs_per_s": round(session.documents / seconds, 2),
        "chars_per_s": round(session.characters / seconds, 1),
    }


def _workers(session: Session) -> list[dict]:
    return [
        {
            "worker": name,
            "model_load_s": None if s.load_s is None else round(s.load_s, 3),
            "peak_rss_mb": round(s.peak_rss_mb, 1),
            "parts": s.parts,
            "documents": s.documents,
            "busy_s": round(s.busy_s, 3),
        }
        for name, s in sorted(session.workers.items())
    ]


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


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
