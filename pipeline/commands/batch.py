"""`batch CORPUS_DIR --out OUT_DIR`: the pipeline over a whole corpus, on all cores or a cluster."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from pipeline.reader import DEFAULT_MAX_BYTES

_SIZE = re.compile(r"\A(\d+)\s*([kmg]?)i?b?\Z", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def byte_size(value: str) -> int:
    """`5000000`, `5MB`, `512k`: a positive number of bytes."""
    match = _SIZE.match(value.strip())
    if not match or int(match.group(1)) == 0:
        raise argparse.ArgumentTypeError(f"expected a size such as 5MB or 800000, got '{value}'")
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


def positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got '{value}'")
    return int(value)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "batch",
        help="run the pipeline over a corpus folder into Parquet datasets",
        description="Run the pipeline over every .txt/.json/.jsonl file under CORPUS_DIR "
        "(recursively). Writes OUT_DIR/mentions/ and OUT_DIR/documents/ (Parquet datasets), "
        "OUT_DIR/errors.csv (inputs that could not be processed, with the reason), "
        "OUT_DIR/manifest.json and OUT_DIR/report.html (an overview page; --no-report skips "
        "it). Exit status 0 when the run completed, even if some inputs failed. See "
        "docs/batch.md.",
        epilog="""examples:
  python -m pipeline batch corpora/articles --out outputs/batch
  python -m pipeline batch news/ --out /data/news-out --workers 4 --html
  python -m pipeline batch news/ --out /data/news-out --resume     # after Ctrl-C or new files
  python -m pipeline batch news/ --out /data/news-out --overwrite  # start again""",
    )
    parser.add_argument(
        "corpus",
        type=Path,
        metavar="CORPUS_DIR",
        help="folder of .txt/.json/.jsonl articles, read recursively (other files are ignored)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="OUT_DIR",
        help="output folder (required; created if missing; a folder holding a previous run "
        "needs --resume or --overwrite)",
    )
    parser.add_argument(
        "--workers", type=positive_int, metavar="N", help="worker processes (default: all cores)"
    )
    parser.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="run on this Dask distributed cluster instead of local processes",
    )
    again = parser.add_mutually_exclusive_group()
    again.add_argument(
        "--resume", action="store_true", help="continue an interrupted run into the same OUT_DIR"
    )
    again.add_argument(
        "--overwrite", action="store_true", help="replace the results of a previous run in OUT_DIR"
    )
    parser.add_argument(
        "--max-bytes",
        type=byte_size,
        default=DEFAULT_MAX_BYTES,
        metavar="SIZE",
        help="skip (and report) files larger than this (default 5MB)",
    )
    parser.add_argument(
        "--part-size",
        type=positive_int,
        default=32,
        metavar="N",
        help="input files per part, the unit of work and of --resume (default: %(default)s)",
    )
    parser.add_argument(
        "--batch-size",
        type=positive_int,
        default=16,
        metavar="N",
        help="documents per nlp.pipe batch (default: %(default)s)",
    )
    parser.add_argument(
        "--config",
        type=Path,
        help="pipeline config: stages and their settings (default: configs/pipeline.toml)",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    parser.add_argument(
        "--html",
        action="store_true",
        help="also write each document's annotated page to OUT_DIR/pages/ (linked from the report)",
    )
    parser.add_argument(
        "--no-report",
        action="store_true",
        help="do not build OUT_DIR/report.html at the end (build it later with `report OUT_DIR`)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pipeline.batch import (
        BatchOptions,
        duplicates_warning,
        failure_lines,
        run_batch,
        summary_line,
    )
    from pipeline.reader import SUFFIXES

    if args.scheduler and args.workers:
        sys.stderr.write("note: --workers is ignored with --scheduler (the cluster decides)\n")
    options = BatchOptions(
        corpus=args.corpus,
        out=args.out,
        workers=args.workers,
        scheduler=args.scheduler,
        resume=args.resume,
        overwrite=args.overwrite,
        max_bytes=args.max_bytes,
        part_size=args.part_size,
        batch_size=args.batch_size,
        config=args.config,
        progress=not args.no_progress,
        html=args.html,
    )
    try:
        report = run_batch(options)
    except KeyboardInterrupt:
        sys.stderr.write(
            f"interrupted: committed parts are kept in {args.out}; "
            "run the same command with --resume to finish\n"
        )
        return 130
    sys.stdout.write(summary_line(report) + "\n")
    # stderr: what failed, by name and reason (errors.csv holds them all), or why nothing ran.
    for line in failure_lines(args.corpus, report.totals.errors):
        sys.stderr.write(line + "\n")
    if not report.processed_files and not report.skipped_files:
        sys.stderr.write(
            f"note: no {', '.join(SUFFIXES)} files under {args.corpus} (other files are not read)\n"
        )
    if report.totals.duplicates:
        sys.stderr.write(duplicates_warning(report.totals) + "\n")
    if not args.no_report:
        from pipeline.pages.report import build_report

        # stderr: stdout stays the one summary line that scripts read.
        sys.stderr.write(f"report: {build_report(args.out)}\n")
    return 0
