"""`python -m pipeline evaluate`: score predicted mentions against annotated gold."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.errors import InputError
from pipeline.evaluation.model import BASELINES, HEADLINE_TYPES
from pipeline.evaluation.readers import GOLD_FORMATS, read_gold
from pipeline.evaluation.report import summary, write_reports
from pipeline.evaluation.run import Run
from pipeline.evaluation.scoring import score_systems
from pipeline.schema import MENTION_TYPES

# Distinct from 1 (bad input) and 2 (bad arguments): CI can tell "scores dropped" apart.
EXIT_BELOW_THRESHOLD = 3


def _types(value: str) -> list[str]:
    types = [t.strip().upper() for t in value.split(",") if t.strip()]
    unknown = [t for t in types if t not in MENTION_TYPES]
    if unknown or not types:
        raise argparse.ArgumentTypeError(
            f"expected a comma-separated subset of {','.join(MENTION_TYPES)}, got {value!r}"
        )
    return types


def _fraction(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"expected an F1 between 0 and 1, got {value!r}")
    return number


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "evaluate",
        help="score predicted mentions against annotated gold",
        description="Score predicted mentions against annotated gold: P/R/F1 per type "
        "(strict and partial matching) and attribute accuracy, with error lists and a "
        "side-by-side HTML page. Exits 0 whenever the reports were written, "
        f"{EXIT_BELOW_THRESHOLD} if --fail-under is not met, 1 on bad input (one line "
        "naming the file and line).",
        epilog="""examples:
  python -m pipeline evaluate --gold corpora/gold/2025-12-21-tokayev-japan.jsonl
  python -m pipeline evaluate --gold corpora/gold/2025-12-21-tokayev-japan.jsonl \\
      --pred outputs/2025-12-21-tokayev-japan --out /tmp/eval --baseline natasha
  python -m pipeline evaluate --gold dev.jsonl --types ORG,DATE --fail-under 0.6""",
    )
    parser.add_argument(
        "--gold",
        required=True,
        metavar="GOLD",
        help="project gold JSONL (corpora/gold/), a NEREL or factRuEval JSONL, or BRAT .txt+.ann",
    )
    parser.add_argument(
        "--gold-format",
        choices=GOLD_FORMATS,
        default="auto",
        help="reader for GOLD (default: guessed from the path and the entity types)",
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--pred",
        metavar="PRED",
        help="mentions table: .csv/.parquet, an extract output folder, or a batch output "
        "folder of Parquet parts",
    )
    source.add_argument(
        "--pred-from-pipeline",
        action="store_true",
        help="run the project's pipeline on the gold texts (the default without --pred)",
    )
    parser.add_argument(
        "--out", default="outputs/eval", metavar="DIR", help="report folder (default: %(default)s)"
    )
    parser.add_argument(
        "--baseline",
        choices=BASELINES,
        help="also run this system on the gold texts and report it side by side",
    )
    parser.add_argument(
        "--types",
        type=_types,
        metavar="T,T",
        help="score only these types (of those the gold annotates), e.g. ORG,DATE",
    )
    parser.add_argument(
        "--fail-under",
        type=_fraction,
        metavar="F1",
        help=f"exit {EXIT_BELOW_THRESHOLD} if a headline type ({', '.join(HEADLINE_TYPES)}) "
        "in the gold has a strict F1 below this (0..1)",
    )
    parser.add_argument(
        "--html-docs",
        type=int,
        default=20,
        metavar="N",
        help="documents shown in report.html (default: %(default)s)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: they load pandas, which every other command would pay for at start-up.
    from pipeline.evaluation.predictions import load_predictions, mentions_from_frame
    from pipeline.evaluation.systems import (
        SystemUnavailable,
        baseline_frame,
        pipeline_frame,
        pipeline_frames,
    )

    corpus = read_gold(args.gold, args.gold_format)
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # checked before the (long) pipeline run, one line naming it
        raise InputError(out, f"cannot create the report folder: {exc.strerror or exc}") from None
    warnings: list[str] = []
    systems = {}
    relation_frames = None
    try:
        if args.pred:
            mentions, notes = load_predictions(args.pred)
            warnings += notes
            systems["pipeline"] = (mentions, f"`{args.pred}`")
            if corpus.relation_types:
                relation_frames = _relation_frames(args.pred, warnings)
        else:
            print("evaluate: running the pipeline on the gold texts", file=sys.stderr)
            if corpus.relation_types:  # one run gives both tables
                frame, relations = pipeline_frames(corpus)
                relation_frames = (frame, relations)
            else:
                frame = pipeline_frame(corpus)
            frame.to_parquet(out / "predictions.parquet", index=False)
            systems["pipeline"] = (mentions_from_frame(frame)[0], "pipeline run on the gold texts")
        if args.baseline:
            frame = baseline_frame(args.baseline, corpus)
            frame.to_parquet(out / f"baseline-{args.baseline}.parquet", index=False)
            systems[args.baseline] = (
                mentions_from_frame(frame)[0],
                f"{args.baseline} baseline run on the gold texts",
            )
    except SystemUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    result = score_systems(corpus, systems, args.types)
    result.warnings[:0] = warnings
    written = write_reports(result, out, html_docs=args.html_docs)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(summary(result))
    if corpus.relation_types and relation_frames is not None:
        written += _score_relations(corpus, relation_frames, out)
    print(f"reports: {', '.join(str(p) for p in written)}")
    return _threshold_status(result, args.fail_under)


def _relation_frames(pred: str, warnings: list[str]):
    """The predicted mentions and relations tables of an extract or batch output, or None
    (with a warning) when it has no relations table."""
    from pipeline.evaluation.predictions import read_mentions_table
    from pipeline.evaluation.relations import read_relations_table

    relations = read_relations_table(pred)
    if relations is None:
        warnings.append(f"{pred}: no relations table beside the mentions, relations not scored")
        return None
    return read_mentions_table(pred), relations


def _score_relations(corpus, frames, out: Path) -> list[Path]:
    from pipeline.evaluation import relations as rel
    from pipeline.evaluation.predictions import mentions_from_frame

    predicted = rel.relations_from_tables(*frames)
    result = rel.score_relations(corpus, predicted, mentions_from_frame(frames[0])[0])
    print(rel.summary(result))
    return rel.write_relation_reports(result, corpus, out)


def _threshold_status(result: Run, threshold: float | None) -> int:
    if threshold is None:
        return 0
    primary = result.primary
    checked = [t for t in HEADLINE_TYPES if t in primary.types]
    below = [
        (t, primary.counts["strict"][t].f1)
        for t in checked
        if primary.counts["strict"][t].f1 < threshold
    ]
    if not checked:
        print("fail-under: no headline type in the gold, nothing checked", file=sys.stderr)
    for kind, f1 in below:
        print(f"fail-under: {kind} strict F1 {f1:.3f} < {threshold:.3f}", file=sys.stderr)
    return EXIT_BELOW_THRESHOLD if below else 0
