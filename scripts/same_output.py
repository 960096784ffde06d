"""Dump every table the pipeline makes (mentions, documents, relations, facts) for fixed
corpora, and compare two dumps: a speed change must leave them identical.

    python scripts/same_output.py dump /tmp/before.json        # on the old code
    python scripts/same_output.py dump /tmp/after.json         # on the new code
    python scripts/same_output.py compare /tmp/before.json /tmp/after.json

Default corpora: the seed article (corpora/articles), and when ../shared is there NEREL
train + dev and factRuEval dev (JSONL, read through pipeline.reader as `extract` reads them).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def default_inputs() -> list[Path]:
    from pipeline.config import shared_dir

    inputs = sorted((ROOT / "corpora" / "articles").glob("*.txt"))
    corpora = shared_dir() / "corpora"
    inputs += [
        corpora / "nerel" / "dev.jsonl",
        corpora / "nerel" / "train.jsonl",
        corpora / "factrueval" / "dev.jsonl",
    ]
    return [path for path in inputs if path.exists()]


def dump(inputs: list[Path], out: Path) -> int:
    from pipeline.reader import read_documents
    from pipeline.runner import load_pipeline, table_rows

    nlp = load_pipeline()
    tables: dict[str, list] = {"mentions": [], "documents": [], "relations": [], "facts": []}
    for path in inputs:
        documents = read_documents(path)
        for mentions, document, relations, facts in table_rows(documents, nlp):
            tables["mentions"].extend(dict(row) for row in mentions)
            tables["documents"].append(_tree_relative(document))
            tables["relations"].extend(relations)
            tables["facts"].extend(facts)
    out.write_text(json.dumps(tables, ensure_ascii=False, default=str, indent=0), "utf-8")
    print(", ".join(f"{name} {len(rows)}" for name, rows in tables.items()), "->", out)
    return 0


def _tree_relative(document: dict) -> dict:
    """The source path relative to the tree when it lies inside: two checkouts of the project
    dump the same rows for their own copies of the seed article."""
    source = Path(str(document.get("source", "")))
    if source.is_absolute() and source.is_relative_to(ROOT):
        return {**document, "source": source.relative_to(ROOT).as_posix()}
    return document


def compare(before: Path, after: Path) -> int:
    old = json.loads(before.read_text("utf-8"))
    new = json.loads(after.read_text("utf-8"))
    differ = 0
    for name in sorted(set(old) | set(new)):
        a, b = old.get(name, []), new.get(name, [])
        if a == b:
            print(f"{name}: {len(a)} rows, identical")
            continue
        differ += 1
        first = next(
            (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
        )
        print(f"{name}: DIFFER ({len(a)} vs {len(b)} rows; first at row {first})")
        print("  before:", a[first] if first < len(a) else None)
        print("  after: ", b[first] if first < len(b) else None)
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="run the pipeline and write its tables as JSON")
    d.add_argument("out", type=Path)
    d.add_argument("inputs", nargs="*", type=Path, help="files to read (default: see above)")
    c = sub.add_parser("compare", help="exit 1 unless two dumps are identical")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        return dump(args.inputs or default_inputs(), args.out)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
