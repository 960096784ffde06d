"""`extract ARTICLE... [--out DIR]`: tables and an annotated page for each article file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.config import PROJECT_ROOT
from pipeline.errors import InputError
from pipeline.output import write_table, write_text
from pipeline.reader import parse_iso_date, read_documents


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="run the pipeline on article files and write tables and an annotated page",
        description="Run the pipeline on article files (.txt in UTF-8, UTF-8 with BOM or "
        "cp1251; .json/.jsonl with fields id, text, date, title). Writes mentions.csv/.parquet, "
        "documents.csv/.parquet, relations.csv/.parquet, facts.csv/.parquet and annotated.html "
        "to DIR (default outputs/<doc_id>/).",
    )
    parser.add_argument("articles", nargs="+", type=Path, metavar="ARTICLE")
    parser.add_argument("--out", type=Path, metavar="DIR", help="output folder (one article)")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="article date (overrides dateline)")
    parser.add_argument("--config", type=Path, help="pipeline config (configs/pipeline.toml)")
    parser.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress bar (it is shown on a terminal only, on stderr)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.out and len(args.articles) > 1:
        raise InputError(args.out, "--out takes one ARTICLE; omit it to write outputs/<doc_id>/")
    when = parse_iso_date(args.date, "--date", what="--date") if args.date else None
    # Read and check every input before loading models: a typo fails fast.
    inputs = [(path, read_documents(path, when)) for path in args.articles]
    from tqdm import tqdm

    from pipeline.pages.article import facts_by_document
    from pipeline.render import render_page
    from pipeline.runner import load_pipeline, process
    from pipeline.tables import documents_table, facts_table, mentions_table, relations_table

    nlp = load_pipeline(str(args.config) if args.config else None)
    total = sum(len(documents) for _, documents in inputs)
    # disable=None: a bar on a terminal only, so piped output and logs stay clean.
    bar = tqdm(total=total, unit="doc", disable=True if args.no_progress else None)
    for path, documents in inputs:
        docs = []
        for doc in process(documents, nlp):
            docs.append(doc)
            bar.update()
        out = args.out or PROJECT_ROOT / "outputs" / path.stem
        mentions = mentions_table(docs)
        write_table(documents_table(docs), out, "documents")
        write_table(relations_table(docs), out, "relations")
        facts = facts_table(docs)
        write_table(facts, out, "facts")
        page_facts = facts_by_document(facts.to_dict("records"))
        write_text(out / "annotated.html", render_page(docs, facts=page_facts))
        write_table(mentions, out, "mentions")  # last: Make tracks mentions.csv
        counts = mentions["type"].value_counts().to_dict()
        summary = ", ".join(f"{t} {n}" for t, n in sorted(counts.items())) or "no mentions"
        bar.write(f"{path}: {len(docs)} document(s), {summary} -> {out}", file=sys.stdout)
    bar.close()
    return 0
