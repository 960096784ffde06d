"""Batch runs over a corpus folder: the same pipeline as `extract`, on many processes or a cluster.

Work is cut into parts: a part is a short, deterministic list of input files. A worker reads
them, streams their documents through `nlp.pipe`, writes one Parquet file per table and part
(atomically) and finally a small JSON ledger naming the files and doc_ids it committed. The
ledger is the commit record: `--resume` skips every file a ledger names. The driver only plans
parts and collects small summaries, so memory stays bounded whatever the corpus size.
"""

from pipeline.batch.backends import available_cores
from pipeline.batch.discovery import discover, doc_id_for, file_size, plan_tasks
from pipeline.batch.driver import run_batch
from pipeline.batch.manifest import build_manifest, summary_line
from pipeline.batch.model import (
    BatchOptions,
    BatchReport,
    PartSummary,
    RunError,
    Task,
    Totals,
    WorkerSettings,
)
from pipeline.batch.parts import duplicates_warning, failure_lines, table_schemas
from pipeline.batch.worker import process_task, worker_init

__all__ = [
    "BatchOptions",
    "BatchReport",
    "PartSummary",
    "RunError",
    "Task",
    "Totals",
    "WorkerSettings",
    "available_cores",
    "build_manifest",
    "discover",
    "doc_id_for",
    "duplicates_warning",
    "failure_lines",
    "file_size",
    "plan_tasks",
    "process_task",
    "run_batch",
    "summary_line",
    "table_schemas",
    "worker_init",
]
