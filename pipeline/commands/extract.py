"""`extract ARTICLE... [--out DIR]`: tables and an annotated page for each article file."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from pipeline.config import PROJECT_ROOT
from pipeline.errors import InputError
from pipeline.reader import parse_iso_date, read_documents


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="run the pipeline on article files and write tables and an annotated page",
        description="Run the pipeline on article files (.txt in UTF-8, UTF-8 or UTF-16 with "
        "BOM, cp1251 or KOI8-R; .json/.jsonl with fields id, text, date, title). Writes "
        "mentions.csv/.parquet, documents.csv/.parquet, relations.csv/.parquet, "
        "facts.csv/.parquet and annotated.html to DIR (default outputs/<file name>/). A .txt "
        "article may start with a dateline `date YYYY-MM-DD Title`: the date anchors relative "
        "dates (в прошлом году). Bad input stops with one line naming the file (and line), "
        "before anything is written.",
        epilog="""examples:
  python -m pipeline extract corpora/articles/2025-12-21-tokayev-japan.txt
  python -m pipeline extract my-article.txt --out /tmp/mine --date 2025-12-21
  python -m pipeline extract a.txt b.txt feed.jsonl         # -> outputs/a/, outputs/b/, ...
For a folder of articles use `batch`.""",
    )
    parser.add_argument(
        "articles",
        nargs="+",
        type=Path,
        metavar="ARTICLE",
        help="article file: .txt (UTF-8, UTF-8 or UTF-16 with BOM, cp1251, KOI8-R), or "
        ".json/.jsonl",
    )
    parser.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="output folder, with one ARTICLE only (default: outputs/<file name>/ in the "
        "project folder)",
    )
    parser.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="article date for every ARTICLE (default: each file's dateline or JSON 'date' "
        "field, which this overrides)",
    )
    parser.add_argument(
        "--config",
        type=Path,
        help="pipeline config: stages and their settings (default: configs/pipeline.toml)",
    )
    parser.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress bar (it is shown on a terminal only, on stderr)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.out and len(args.articles) > 1:
        raise InputError(args.out, "--out takes one ARTICLE; omit it to write outputs/<doc_id>/")
    _check_distinct_outputs(args.articles)
    when = parse_iso_date(args.date, "--date", what="--date") if args.date else None
    # Read and check every input before loading models: a typo fails fast.
    inputs = [(path, _read(path, when)) for path in args.articles]
    for path in args.articles:  # and where the results go, before the models load
        _check_writable(args.out or PROJECT_ROOT / "outputs" / path.stem)
    from tqdm import tqdm

    from pipeline.runner import load_pipeline

    try:
        nlp = load_pipeline(str(args.config) if args.config else None)
    except InputError:
        raise
    except Exception as exc:  # a broken stage or model: one line, not a traceback
        raise InputError(
            args.config or "configs/pipeline.toml", f"cannot load: {_one_line(exc)}"
        ) from None
    total = sum(len(d.text) for _, documents in inputs for d in documents)
    # In characters, not documents: one long article moves the bar a piece at a time instead
    # of holding it at 0/1 for minutes. disable=None: a bar on a terminal only, so piped
    # output and logs stay clean.
    bar = tqdm(
        total=total,
        unit="char",
        unit_scale=True,
        dynamic_ncols=True,
        disable=True if args.no_progress else None,
    )
    for path, documents in inputs:
        _note_undated(path, documents, bar)
        out = args.out or PROJECT_ROOT / "outputs" / path.stem
        try:
            summary = _extract_file(nlp, documents, out, bar)
        except InputError:
            raise
        except OSError as exc:
            raise InputError(out, f"cannot write results: {exc.strerror or exc}") from None
        except Exception as exc:  # a pipeline bug on this input: name the file, no traceback
            raise InputError(path, f"pipeline error: {_one_line(exc)}") from None
        bar.write(f"{path}: {len(documents)} document(s), {summary} -> {out}", file=sys.stdout)
    bar.close()
    return 0


def _check_distinct_outputs(articles: list[Path]) -> None:
    """Two articles of one name (a/x.txt, b/x.txt) would write one outputs/x/, the second
    replacing the first: refuse before anything runs."""
    first: dict[str, Path] = {}
    for path in articles:
        if path.stem in first and path != first[path.stem]:
            raise InputError(
                path,
                f"would replace the results of {first[path.stem]} in outputs/{path.stem}/ "
                "(same file name): extract them one at a time with --out",
            )
        first.setdefault(path.stem, path)


def _check_writable(out: Path) -> None:
    """The output folder, or the nearest of its parents that exists, must be a writable
    folder: otherwise the run would end, after all its work, in `cannot write results`."""
    for folder in (out, *out.parents):
        if not folder.exists():
            continue
        if not folder.is_dir():
            raise InputError(out, f"cannot write results: {folder} is not a folder")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise InputError(out, f"cannot write results: {folder} is not writable")
        return


def _read(path: Path, when) -> list:
    try:
        return read_documents(path, when)
    except InputError:
        raise
    except Exception as exc:  # a reader bug: still one line naming the file
        raise InputError(path, f"read error: {_one_line(exc)}") from None


def _note_undated(path: Path, documents: list, bar) -> None:
    """One note per file whose documents have no date: their relative dates (в прошлом году)
    stay unresolved, which a user would otherwise find only as empty date columns."""
    undated = sum(1 for d in documents if d.date is None)
    if undated:
        which = "" if len(documents) == 1 else f"{undated} of {len(documents)} documents: "
        bar.write(
            f"note: {path}: {which}no article date (no 'date YYYY-MM-DD' first line, no "
            "--date), relative dates such as 'в прошлом году' are left unresolved",
            file=sys.stderr,
        )


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _extract_file(nlp, documents: list, out: Path, bar) -> str:
    """Tables and page of one input file; the summary line of its mention counts. The rows
    take the batch path: held as a part's (`PartRows`: a long document's mentions compact)
    and written a slice at a time (`batch.parts.write_table_files`); the page goes to disk a
    section at a time while the documents run, so a book never sits in memory as a page."""
    from pipeline.batch.parts import PartRows, write_table_files
    from pipeline.output import write_chunks
    from pipeline.pages.article import page_chunks, page_heading

    rows = PartRows()
    articles = _articles(nlp, documents, rows, bar)
    pages = page_chunks(articles, page_heading(documents), len(documents) == 1)
    write_chunks(out / "annotated.html", pages)
    counts = Counter(rows.mentions.column("type"))
    tables = {"documents": rows.documents, "relations": rows.relations, "facts": rows.facts}
    for name, table_rows in tables.items():
        write_table_files(out, name, table_rows)
    write_table_files(out, "mentions", rows.mentions)  # last: Make tracks mentions.csv
    return ", ".join(f"{t} {n}" for t, n in sorted(counts.items())) or "no mentions"


def _articles(nlp, documents: list, rows, bar) -> Iterator:
    """Run the documents, keep each one's rows in `rows` (a `PartRows`), and yield its page
    input. A document longer than the piece size runs in pieces; its page shows at most the
    first `[long_documents] page_chars` characters (`pages.article.first_part`)."""
    from pipeline.pages import ArticleInput
    from pipeline.pages.article import facts_by_sentence, first_part
    from pipeline.pieces import run_pieces
    from pipeline.runner import page_size, piece_size, process_each
    from pipeline.tables import doc_rows

    for document, doc in process_each(documents, nlp):
        if doc is None:
            joined = run_pieces(document, nlp, piece_size(nlp), bar.update)
            mentions, row, relations, facts = joined.rows()
            whole = ArticleInput.from_document(
                document, mentions, facts, joined.sentence_ends, relations
            )
            article = first_part(whole, page_size(nlp))
        else:
            mentions, row, relations, facts = doc_rows(doc)
            article = ArticleInput.from_doc(doc, facts_by_sentence(facts), mentions, relations)
            bar.update(len(document.text))
        rows.mentions.extend(mentions)
        rows.documents.append(row)
        rows.relations.extend(relations)
        rows.facts.extend(facts)
        yield article
