"""Value accuracy of durations, sets and anaphoric dates on the hand-made NEREL set.

corpora/gold/timex_values.jsonl holds, for each hand-annotated mention, the NEREL document id,
the sha1 of its text, the character offsets and the expected TIMEX3 values — never the text,
which is read from the shared NEREL files (../shared/corpora/nerel). The pipeline runs on each
document with no article date (NEREL has none); the predicted DATE mention that overlaps the gold
offsets most is compared with the gold values.

    python scripts/score_timex_values.py [--shared ../shared] [--misses]

A mention counts as correct when timex_type and timex match, and the quant of a SET and the
anchor of an anaphoric DATE match too; the qualifier of a DURATION is scored on its own line.
A row with `out_of_scope` (the guideline decision that leaves the expression out of DATE, e.g.
"decision 64") keeps its hand values but is counted apart, not scored.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.config import shared_dir  # noqa: E402 (after the sys.path line)
from pipeline.errors import InputError  # noqa: E402
from pipeline.evaluation.offset_gold import TextRef, shared_texts  # noqa: E402

GOLD = ROOT / "corpora" / "gold" / "timex_values.jsonl"
EXTRA = {"set": "quant", "anaphoric": "anchor"}


@dataclass
class Score:
    total: Counter
    found: Counter
    correct: Counter
    qualifier: list[int]  # [correct, total] over durations found
    misses: list[str]
    out_of_scope: list[str] = field(default_factory=list)

    def accuracy(self, category: str | None = None) -> float:
        keys = [category] if category else list(self.total)
        total = sum(self.total[k] for k in keys)
        return sum(self.correct[k] for k in keys) / total if total else 0.0


def load_gold(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_texts(shared: Path, gold: list[dict], path: Path = GOLD) -> dict[tuple[str, str], str]:
    """The texts of the documents the gold names, checked against their sha1."""
    refs = [TextRef(r["corpus"], r["doc_id"], r["sha1"], n) for n, r in enumerate(gold, 1)]
    try:
        return shared_texts(path, refs, shared)
    except InputError as exc:
        raise SystemExit(str(exc)) from None


def predictions(texts: dict[tuple[str, str], str]) -> dict[tuple[str, str], list]:
    from pipeline.runner import load_pipeline

    nlp = load_pipeline()
    found = {}
    for key, text in texts.items():
        doc = nlp.make_doc(text)
        doc._.article_date = None
        doc = nlp(doc)
        found[key] = [(s.start_char, s.end_char, s._.value) for s in doc.spans.get("DATE", [])]
    return found


def score(gold: list[dict], found: dict[tuple[str, str], list]) -> Score:
    result = Score(Counter(), Counter(), Counter(), [0, 0], [])
    for row in gold:
        if row.get("out_of_scope"):
            result.out_of_scope.append(f"{row['doc_id']} {row['start']}: {row['out_of_scope']}")
            continue
        category = row["category"]
        result.total[category] += 1
        value = _best(row, found[(row["corpus"], row["doc_id"])])
        if value is None:
            result.misses.append(f"{row['doc_id']} {row['start']}: not found")
            continue
        result.found[category] += 1
        got = (value.timex_type, value.timex)
        want = (row["timex_type"], row["timex"])
        extra = EXTRA.get(category)
        if extra:
            got, want = (*got, getattr(value, extra)), (*want, row[extra])
        if got == want:
            result.correct[category] += 1
        else:
            result.misses.append(f"{row['doc_id']} {row['start']}: want {want}, got {got}")
        if category == "duration" and value.timex_type == "DURATION":
            result.qualifier[1] += 1
            result.qualifier[0] += (value.qualifier or "eq") == row.get("qualifier", "eq")
    return result


def _best(row: dict, spans: list):
    best, overlap = None, 0
    for start, end, value in spans:
        shared = min(end, row["end"]) - max(start, row["start"])
        if shared > overlap and value is not None:
            best, overlap = value, shared
    return best


def report(result: Score) -> str:
    lines = ["| category | mentions | found | correct | accuracy |", "|---|---|---|---|---|"]
    for category in ("duration", "set", "anaphoric"):
        total, got = result.total[category], result.correct[category]
        lines.append(
            f"| {category} | {total} | {result.found[category]} | {got} | "
            f"{result.accuracy(category):.3f} |"
        )
    total = sum(result.total.values())
    lines.append(
        f"| all | {total} | {sum(result.found.values())} | {sum(result.correct.values())} | "
        f"{result.accuracy():.3f} |"
    )
    right, seen = result.qualifier
    lines.append(f"\nDuration qualifier (where a duration was found): {right}/{seen}")
    if result.out_of_scope:
        lines.append(f"Out of scope by the guideline, not scored: {len(result.out_of_scope)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=shared_dir())
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--misses", action="store_true", help="list the wrong and missed ones")
    args = parser.parse_args(argv)
    if not (args.shared / "corpora" / "nerel").is_dir():
        print(f"{args.shared}: no corpora/nerel here; nothing to score", file=sys.stderr)
        return 2
    gold = load_gold(args.gold)
    result = score(gold, predictions(load_texts(args.shared, gold, args.gold)))
    print(report(result))
    if args.misses:
        print("\n".join(result.misses + result.out_of_scope))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
