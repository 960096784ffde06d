"""PART_OF errors by class against a gold corpus with relations (NEREL, the money gold).

Runs the pipeline on the gold texts (or reads the frames a previous run cached) and sorts
every strict PART_OF miss and spurious link into classes:

- bounds: a partial match (both arguments overlap), with which argument's bound differs;
- mention missed: an argument of a missed link is no predicted ORG (end to end only);
- given miss: both arguments found, no link — nested (one inside the other), coordinated
  ("А и Б X"), apart in one sentence, or in another sentence;
- spurious: an argument the gold has no ORG for; a chain link the gold skips (the gold links
  the head further up: transitive) or links the other way; both arguments gold ORGs, no link.

    python scripts/part_of_errors.py --gold ../shared/corpora/nerel/train.jsonl \
        --cache /tmp/me/train [--show CLASS] [--limit N]

Prints NEREL text to the terminal only: never paste its output into the repository.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.evaluation.model import Mention, Relation  # noqa: E402
from pipeline.evaluation.readers import read_gold  # noqa: E402
from pipeline.evaluation.relation_runs import (  # noqa: E402
    by_document,
    predictions,
    rerun_relations,
    tagged_docs,
    window,
)

TYPE = "PART_OF"


def frames(corpus, cache: Path | None):
    import pandas as pd

    if cache is not None and (cache / "mentions.parquet").exists():
        return pd.read_parquet(cache / "mentions.parquet"), pd.read_parquet(
            cache / "relations.parquet"
        )
    from pipeline.evaluation.systems import pipeline_frames

    mentions, relations = pipeline_frames(corpus)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        mentions.to_parquet(cache / "mentions.parquet", index=False)
        relations.to_parquet(cache / "relations.parquet", index=False)
    return mentions, relations


def predicted(corpus, args) -> tuple[list[Relation], list[Mention]]:
    """The predicted relations and ORG mentions, from the cached Docs (the relation stage run
    now) or from the frames of a whole run."""
    if args.docs is not None:
        run = predictions(rerun_relations(tagged_docs(corpus, args.docs)))
        return run.relations, [m for m in run.mentions if m.type == "ORG"]
    from pipeline.evaluation.relations import relations_from_tables

    mentions, relations = frames(corpus, args.cache)
    orgs = [
        Mention(str(row.doc_id), int(row.start), int(row.end), "ORG")
        for row in mentions.itertuples(index=False)
        if row.type == "ORG"
    ]
    return relations_from_tables(mentions, relations), orgs


def key(m: Mention) -> tuple[int, int]:
    return m.start, m.end


def inside(a: Mention, b: Mention) -> bool:
    return b.start <= a.start and a.end <= b.end and key(a) != key(b)


def classify_doc(text: str, gold: list[Relation], pred: list[Relation], orgs: list[Mention],
                 gold_orgs: list[Mention]) -> list[tuple[str, Relation]]:  # fmt: skip
    out = []
    gkeys = {(key(r.head), key(r.tail)) for r in gold}
    pkeys = {(key(r.head), key(r.tail)) for r in pred}
    gold_left = [r for r in gold if (key(r.head), key(r.tail)) not in pkeys]
    pred_left = [r for r in pred if (key(r.head), key(r.tail)) not in gkeys]
    used = set()
    for g in gold_left:
        partner = next(
            (p for p in pred_left if id(p) not in used
             and p.head.overlaps(g.head) and p.tail.overlaps(g.tail)), None,
        )  # fmt: skip
        if partner is not None:
            used.add(id(partner))
            which = [
                n
                for n, a, b in (("head", g.head, partner.head), ("tail", g.tail, partner.tail))
                if key(a) != key(b)
            ]  # noqa: E501
            out.append(("bounds:" + "+".join(which), g, partner))
            continue
        found = [any(o.overlaps(arg) for o in orgs) for arg in (g.head, g.tail)]
        if not all(found):
            out.append(("miss:mention " + ("head" if not found[0] else "tail"), g, None))
            continue
        exact = [any(key(o) == key(arg) for o in orgs) for arg in (g.head, g.tail)]
        state = {(True, True): "", (False, True): " (head bounds)", (True, False): " (tail bounds)"}
        out.append((miss_kind(text, g) + state.get(tuple(exact), " (both bounds)"), g, None))
    for p in pred_left:
        if id(p) in used:
            continue
        out.append((spurious_kind(p, gold, gold_orgs), p, None))
    return out


def miss_kind(text: str, g: Relation) -> str:
    if inside(g.tail, g.head):
        return "miss:nested"
    if inside(g.head, g.tail):
        return "miss:part inside parent"
    lo, hi = sorted((g.head, g.tail), key=key)
    gap = text[lo.end : hi.start]
    if any(c in gap for c in ".!?\n") and len(gap) > 3:
        return "miss:other sentence"
    if " и " in f" {gap} " or "," in gap:
        return "miss:coordinated/listed"
    return "miss:apart"


def spurious_kind(p: Relation, gold: list[Relation], gold_orgs: list[Mention]) -> str:
    have = [any(key(o) == key(arg) for o in gold_orgs) for arg in (p.head, p.tail)]
    near = [any(o.overlaps(arg) for o in gold_orgs) for arg in (p.head, p.tail)]
    if not all(near):
        return "spurious:arg not gold ORG " + ("head" if not near[0] else "tail")
    if not all(have):
        return "spurious:arg bounds " + ("head" if not have[0] else "tail")
    heads = [r for r in gold if key(r.head) == key(p.head)]
    if any(key(r.head) == key(p.tail) and key(r.tail) == key(p.head) for r in gold):
        return "spurious:reversed"
    if heads:
        return "spurious:head linked elsewhere"
    tails = [r for r in gold if key(r.tail) == key(p.tail)]
    if tails:
        return "spurious:tail has other parts"
    return "spurious:no gold link"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", required=True)
    parser.add_argument("--cache", type=Path, help="folder for the pipeline's frames")
    parser.add_argument(
        "--docs",
        type=Path,
        help="pickle of tagged Docs (scripts/relation_errors.py --cache): reruns only the "
        "relation stage of the current code, in seconds",
    )
    parser.add_argument("--show", default="", help="print the cases of classes starting so")
    parser.add_argument("--limit", type=int, default=40)
    args = parser.parse_args(argv)
    corpus = read_gold(args.gold)
    pred, orgs = predicted(corpus, args)
    orgs_of, by_doc = by_document(orgs, pred, (TYPE,))
    counts: Counter = Counter()
    shown = 0
    for doc in corpus.documents:
        gold = [r for r in doc.relations if r.type == TYPE]
        gold_orgs = [m for m in doc.gold if m.type == "ORG"]
        for cls, r, partner in classify_doc(
            doc.text, gold, by_doc.get(doc.doc_id, []), orgs_of.get(doc.doc_id, []), gold_orgs
        ):  # noqa: E501
            counts[cls] += 1
            if args.show and cls.startswith(args.show) and shown < args.limit:
                shown += 1
                print(show(doc, cls, r, partner))
                near = [
                    doc.text[o.start : o.end]
                    for o in orgs_of.get(doc.doc_id, [])
                    if o.overlaps(r.head) or o.overlaps(r.tail)
                ]  # noqa: E501
                print("      predicted ORGs:", near)
    total_gold = sum(1 for d in corpus.documents for r in d.relations if r.type == TYPE)
    print(f"gold {total_gold}, predicted {sum(len(v) for v in by_doc.values())}")
    for cls, n in sorted(counts.items()):
        print(f"{n:5d}  {cls}")
    return 0


def show(doc, cls: str, r: Relation, partner: Relation | None) -> str:
    t = doc.text

    def pair(rel: Relation) -> str:
        return f"{t[rel.head.start : rel.head.end]!r} -> {t[rel.tail.start : rel.tail.end]!r}"

    line = f"[{cls}] {doc.doc_id}: {pair(r)}"
    if partner is not None:
        line += f"  PRED {pair(partner)}"
    return line + "\n      " + window(t, r, 60, 40).replace("\n", " / ")


if __name__ == "__main__":
    raise SystemExit(main())
