"""ORG errors by class, from the errors.csv files `python -m pipeline evaluate` writes.

Classes: named body missed, descriptor missed (a body named by its common word, guideline 50),
boundary, false positive. A missed mention is a descriptor when its first word is in lower
case, or is a descriptor head / place adjective of configs/lexicons/orgs.toml with every other
word in lower case ("Правительство", "Российские власти"); otherwise it is a named body.

    python scripts/org_error_classes.py before=/tmp/eval/nerel_dev after=/tmp/eval2/nerel_dev
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.stages.rules.base import load_lexicon  # noqa: E402
from pipeline.stages.rules.lexicon import lemma_set  # noqa: E402

CLASSES = ("named body missed", "descriptor missed", "boundary", "false positive")


def descriptor_words() -> frozenset[str]:
    grammar = load_lexicon(ROOT / "configs" / "lexicons" / "orgs.toml")["grammar"]
    return lemma_set(grammar["bodies"] + grammar["heads"] + grammar["place_bodies"])


def is_descriptor(text: str, heads: frozenset[str]) -> bool:
    words = [w for w in text.replace("«", " «").split() if any(c.isalpha() for c in w)]
    if not words:
        return False
    first, rest = words[0], words[1:]
    if first[0].islower():
        return True
    lemma = next(iter(lemma_set([first])))
    head_like = lemma in heads or lemma.endswith(("ский", "цкий"))
    return head_like and not first.isupper() and all(w[0].islower() for w in rest)


def classify(row: dict, heads: frozenset[str]) -> str | None:
    if row["type"] != "ORG":
        return None
    if row["error"] == "false_positive":
        return "false positive"
    if row["error"] == "boundary":
        return "boundary"
    if row["error"] == "false_negative":
        descriptor = is_descriptor(row["gold_text"], heads)
        return "descriptor missed" if descriptor else "named body missed"
    return None


def count(folder: Path, heads: frozenset[str]) -> Counter:
    with (folder / "errors.csv").open(encoding="utf-8") as handle:
        return Counter(c for row in csv.DictReader(handle) if (c := classify(row, heads)))


def table(runs: dict[str, Counter]) -> str:
    names = list(runs)
    lines = ["| class | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for cls in CLASSES:
        lines.append(f"| {cls} | " + " | ".join(str(runs[n][cls]) for n in names) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("runs", nargs="+", help="NAME=FOLDER with an errors.csv, in order")
    args = parser.parse_args(argv)
    heads = descriptor_words()
    runs = {}
    for item in args.runs:
        name, _, folder = item.partition("=")
        path = Path(folder or name)
        if not (path / "errors.csv").is_file():
            parser.error(f"{path / 'errors.csv'}: no such file")
        runs[name if folder else path.name] = count(path, heads)
    print(table(runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
