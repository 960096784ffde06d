"""HEADQUARTERED_IN errors by class against a NEREL corpus, and the strict / partial /
given-mentions figures of all relation types, from the pipeline's own Docs.

A missed gold link is classed by what the pipeline lacks: the ORG (not found, or found with
other bounds), the place (not found, other bounds, an adjective or a Latin name outside the
gazetteers), or, with both mentions found, the link itself by where the place stands (inside
the ORG, Cyrillic or Latin; after or before it in its sentence; in another sentence). A
spurious link is classed by the mechanism (trigger) that made it and by whether NEREL has its
two mentions at all.

    python scripts/hq_error_classes.py ../shared/corpora/nerel/train.jsonl \
        --show "place after, same sentence" --limit 40 --cache /tmp/train.pkl

With --cache the tagged Docs are kept as scripts/relation_errors.py keeps them (delete the
file after changing a mention rule). --by-kind classes the spurious links instead by what
NEREL tags over the ORG mention (ORGANIZATION, FACILITY, EVENT, PRODUCT, nothing) and the
word before it: a kind noun ("центре", "поезда") heading a name NEREL does not call an ORG.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.evaluation.corpora import NEREL, load_corpus  # noqa: E402
from pipeline.evaluation.model import Mention, Relation  # noqa: E402
from pipeline.evaluation.relation_runs import (  # noqa: E402
    predictions,
    rerun_relations,
    run_docs,
    tagged_docs,
    window,
)
from pipeline.evaluation.relations import as_argument, score_relations  # noqa: E402

HQ = "HEADQUARTERED_IN"
LATIN = re.compile(r"[A-Za-z]")
ADJECTIVE_END = re.compile(r"(ий|ый|ой|ая|яя|ое|ее|ие|ые|ого|его|ому|ему|ым|им|ых|их|ую|юю|ой|ей)$")


def nerel_kinds(corpus_path: Path) -> dict[str, list[tuple[int, int, str]]]:
    """Every NEREL entity of each document as (start, end, NEREL type)."""
    import json

    out: dict[str, list[tuple[int, int, str]]] = {}
    with corpus_path.open(encoding="utf-8") as handle:
        for line in handle:
            obj = json.loads(line)
            spans = [(e["start"], e["end"], e["type"]) for e in obj["entities"] if "start" in e]
            out[str(obj["id"])] = spans
    return out


def org_kind(r: Relation, kinds: list[tuple[int, int, str]], text: str) -> str:
    """What NEREL tags over the ORG mention (exact span, else the smallest covering one,
    else one inside it) and the word before the mention, lowercased."""
    head = r.head
    exact = sorted({t for s, e, t in kinds if (s, e) == (head.start, head.end)})
    covering = sorted((e - s, t) for s, e, t in kinds if s <= head.start and head.end <= e)
    inside = sorted({t for s, e, t in kinds if head.start <= s and e <= head.end})
    if exact:
        tag = "=" + "+".join(exact)
    elif covering:
        tag = "in " + covering[0][1]
    elif inside:
        tag = "over " + "+".join(inside)
    else:
        tag = "untagged"
    before = re.findall(r"[\w-]+", text[max(0, head.start - 40) : head.start])
    return f"{tag} | {before[-1].lower() if before else '-'}"


def predicted(docs: list) -> tuple[list[Relation], list[Mention], dict]:
    """Relations and mentions as the evaluator reads them; triggers by relation."""
    run = predictions(docs)
    return run.relations, [as_argument(m) for m in run.mentions], run.triggers


def sentence_of(text: str, offset: int) -> tuple[int, int]:
    """Rough sentence bounds around an offset (for showing and classing only)."""
    start = max(text.rfind(". ", 0, offset), text.rfind("\n", 0, offset))
    end_dot, end_nl = text.find(". ", offset), text.find("\n", offset)
    ends = [e for e in (end_dot, end_nl) if e >= 0]
    return (start + 1 if start >= 0 else 0), (min(ends) if ends else len(text))


def classify_missed(r: Relation, found: dict, text: str, linked_to: dict) -> str:
    head, tail = r.head, r.tail
    orgs, places = found.get(("ORG", r.doc_id), set()), found.get(("LOC", r.doc_id), set())
    tail_text = text[tail.start : tail.end]
    if (head.start, head.end) not in orgs:
        near = [(s, e) for s, e in orgs if s < head.end and head.start < e]
        if not near:
            return "ORG not found"
        s, e = min(near, key=lambda b: abs(b[0] - head.start) + abs(b[1] - head.end))
        start = "" if s == head.start else ("starts before" if s < head.start else "starts after")
        end = "" if e == head.end else ("ends after" if e > head.end else "ends before")
        return f"ORG bounds: ours {start}{' and ' if start and end else ''}{end}"
    if (tail.start, tail.end) not in places:
        if head.start <= tail.start and tail.end <= head.end and LATIN.search(tail_text):
            return "Latin place in Latin ORG not found"
        if any(s < tail.end and tail.start < e for s, e in places):
            return "place bounds"
        if tail_text[:1].islower() or ADJECTIVE_END.search(tail_text.lower()):
            return "place adjective not found"
        return "place not found"
    linked = [h for h in linked_to.get((r.doc_id, tail.start, tail.end), []) if h != head]
    if linked:
        return "place linked to another ORG"
    if head.start <= tail.start and tail.end <= head.end:
        return "Latin nested, both found" if LATIN.search(tail_text) else "nested, both found"
    if sentence_of(text, head.start) != sentence_of(text, tail.start):
        return "place in another sentence"
    side = "after" if tail.start > head.start else "before"
    return f"place {side}, same sentence"


def classify_spurious(r: Relation, gold_mentions: set, trigger: str | None) -> str:
    head_gold = ("ORG", r.head.start, r.head.end) in gold_mentions
    tail_gold = ("LOC", r.tail.start, r.tail.end) in gold_mentions
    given = "both gold" if head_gold and tail_gold else "place not gold"
    if not head_gold:
        given = "ORG not gold"
    return f"{trigger or '?'} / {given}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a NEREL JSONL file")
    parser.add_argument(
        "--show", action="append", default=[], help="print the errors (or rights) of this class"
    )
    parser.add_argument("--limit", type=int, default=30)
    parser.add_argument("--cache", type=Path, help="pickle of the tagged Docs (made if absent)")
    parser.add_argument(
        "--by-kind", action="store_true", help="class spurious links by NEREL's tag of the ORG"
    )
    args = parser.parse_args()

    corpus = load_corpus(args.corpus, NEREL)
    if args.cache:
        docs = rerun_relations(tagged_docs(corpus, args.cache))
    else:
        docs = run_docs(corpus)
    raw_kinds = nerel_kinds(args.corpus) if args.by_kind else {}
    relations, mentions, triggers = predicted(docs)
    result = score_relations(corpus, relations, mentions)
    for mode, by_type in result.counts.items():
        cells = [
            f"{t} {c.f1:.3f} ({c.tp}/{c.fp}/{c.fn})"
            for t, c in by_type.items()
            if t in ("money", "PART_OF", HQ)
        ]
        print(f"{mode:15s} " + "  ".join(cells))
    text_of = {d.doc_id: d.text for d in corpus.documents}
    found: dict = {}
    for m in mentions:
        found.setdefault((m.type, m.doc_id), set()).add((m.start, m.end))
    gold_mentions = {d.doc_id: {(m.type, m.start, m.end) for m in d.gold} for d in corpus.documents}
    errors: dict[str, list[str]] = {}
    linked_to: dict = {}  # (doc, place start, end) -> the ORGs the pipeline seats there
    for r in relations:
        if r.type == HQ:
            linked_to.setdefault((r.doc_id, r.tail.start, r.tail.end), []).append(r.head)
    right: dict[str, list[str]] = {}
    for r in result.missed:
        if r.type == HQ:
            text = text_of[r.doc_id]
            line = _line(text, r)
            kind = "missed: " + classify_missed(r, found, text, linked_to)
            errors.setdefault(kind, []).append(line)
    for r in result.spurious:
        if r.type == HQ:
            text = text_of[r.doc_id]
            line = _line(text, r)
            kind = classify_spurious(r, gold_mentions[r.doc_id], triggers.get(r))
            if args.by_kind:
                kind = org_kind(r, raw_kinds[r.doc_id], text)
            errors.setdefault("spurious: " + kind, []).append(line)
    spurious = {r for r in result.spurious if r.type == HQ}
    made = Counter((triggers.get(r), r in spurious) for r in relations if r.type == HQ)
    for trigger in sorted({t for t, _ in made}, key=str):
        good, wrong = made[(trigger, False)], made[(trigger, True)]
        print(f"trigger {trigger!s:16s} right {good:5d}  spurious {wrong:4d}")
    for r in relations:
        if r.type == HQ and r not in spurious:
            text = text_of[r.doc_id]
            line = _line(text, r)
            right.setdefault(f"right: {triggers.get(r)}", []).append(line)
    counts = Counter({k: len(v) for k, v in errors.items()})
    for kind, n in sorted(counts.items()):
        print(f"{n:5d}  {kind}")
    for wanted in args.show:
        for kind, lines in [*errors.items(), *right.items()]:
            if wanted in kind:
                print(f"\n## {kind}")
                print("\n".join(lines[: args.limit]))


def _line(text: str, r: Relation) -> str:
    head, tail = text[r.head.start : r.head.end], text[r.tail.start : r.tail.end]
    context = window(text, r, 60, 40).replace("\n", " ")
    return f"{r.doc_id}: {head!r} -> {tail!r} | {context}"


if __name__ == "__main__":
    main()
