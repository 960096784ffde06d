"""`report OUT_DIR`: the corpus overview page, OUT_DIR/report.html, from a run's tables."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="build OUT_DIR/report.html, an overview of a batch or extract output folder",
        description="Build an overview page of a batch output folder (mentions/ and documents/ "
        "Parquet datasets, errors.csv, manifest.json) or of an extract output folder (one "
        "sub-folder per article): documents, mentions per type, failed inputs, top "
        "organisations, sectors with ОКВЭД sections, money by currency and sector, timelines, "
        "and a searchable table of documents linking to their annotated pages. One "
        "self-contained HTML file (charts are inline SVG).",
        epilog="""examples:
  python -m pipeline report outputs/batch          # -> outputs/batch/report.html
  python -m pipeline report outputs                # every extract output under outputs/
  python -m pipeline report outputs/batch --output /tmp/overview.html""",
    )
    parser.add_argument(
        "out",
        type=Path,
        metavar="OUT_DIR",
        help="a batch --out folder, or a folder of extract outputs (such as outputs/)",
    )
    parser.add_argument(
        "--output", type=Path, metavar="FILE", help="where to write (default OUT_DIR/report.html)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pipeline.pages.report import build_report

    path = build_report(args.out, args.output)
    sys.stdout.write(f"report: {path}\n")
    return 0
