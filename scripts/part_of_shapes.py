"""PART_OF given-mentions errors by the shape that joins the two ORGs (guideline 231-233).

Reads the tagged Docs cached by scripts/relation_errors.py (the relation stage is rerun on
them) and sorts every given-mentions miss and spurious PART_OF link: first whether the link's
two ends have mentions of their own (a nested gold pair counts as "given" when one predicted
mention overlaps both ends; such a link is lost to a mention, not to the reading), then by
the words between the ends (nested chain, "при", a part-of word, "входит в", "в составе",
apposition, coordination, another sentence), and for a spurious link NEREL's own type for the
pair (FOUNDED_BY, OWNER_OF, MEMBER_OF ...) or a reversed PART_OF. Articles of the blind slice
(/work/wt/pool4.jsonl, or --skip FILE) are left out.

    python scripts/part_of_shapes.py ../shared/corpora/nerel/train.jsonl --cache /tmp/x.pkl \
        [--show CLASS]

Prints NEREL text to the terminal only: never paste its output into the repository.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from relation_errors import given_errors, predicted, tagged_docs  # noqa: E402

PART_WORDS = re.compile(r"дочерн|дочк|подразделен|филиал|отделени|структур", re.I)
ENTER_WORDS = re.compile(r"вход|вошл|вошё|войд|вступ", re.I)
SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")
APPOSITION = ("", ",", "—", "–", "-", "(", ":", "«", '"')


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def inside(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def nerel_organisations(path: Path) -> tuple[dict, dict]:
    """Per document: NEREL's ORGANIZATION spans and its ORG-ORG relations of every type."""
    spans, links = {}, {}
    for line in path.open(encoding="utf-8"):
        doc = json.loads(line)
        ents = {
            e["ann_id"]: (e["start"], e["end"])
            for e in doc["entities"]
            if "start" in e and e["type"] == "ORGANIZATION"
        }
        spans[doc["id"]] = list(ents.values())
        links[doc["id"]] = [
            (r["type"], ents[r["head"]], ents[r["tail"]])
            for r in doc["relations"]
            if r["head"] in ents and r["tail"] in ents
        ]
    return spans, links


def shape(text: str, head: tuple[int, int], tail: tuple[int, int]) -> str:
    if inside(tail, head):
        before = text[head[0] : tail[0]].lower()
        if re.search(r"\bпри\s*$", before):
            return "nested: при"
        return "nested: part-of word" if PART_WORDS.search(before) else "nested: genitive chain"
    if inside(head, tail):
        return "nested: part inside parent"
    lo, hi = sorted((head, tail))
    gap = text[lo[1] : hi[0]]
    if SENTENCE_BREAK.search(gap):
        return "another sentence"
    if ENTER_WORDS.search(gap):
        return "входит в"
    if "состав" in gap.lower():
        return "в составе"
    if PART_WORDS.search(gap):
        return "part-of word between"
    if gap.strip() in APPOSITION:
        return "apposition / adjacent"
    if re.search(r"\sи\s|,", gap):
        return "coordinated / listed"
    return "apart in the sentence"


def own_ends(head, tail, spans) -> str:
    """'' when both ends have a span of their own, else which end shares the other's."""
    own_h = [m for m in spans if overlap(m, head) and not inside(m, tail)]
    own_t = [m for m in spans if overlap(m, tail) and not inside(head, m)]
    missing = [n for n, found in (("head", own_h), ("tail", own_t)) if not found]
    return " ".join(missing)


def classify(label, doc, r, predicted_orgs, nerel_spans, nerel_links) -> str:
    head, tail = (r.head.start, r.head.end), (r.tail.start, r.tail.end)
    where = shape(doc.text, head, tail)
    if label == "MISS":
        missing = own_ends(head, tail, predicted_orgs)
        return f"MISS no mention of its own ({missing}): {where}" if missing else f"MISS {where}"
    missing = own_ends(head, tail, nerel_spans)
    if missing:
        return f"SPUR no NEREL ORG of its own ({missing}): {where}"
    types = set()
    for kind, h, t in nerel_links:
        if overlap(h, head) and overlap(t, tail) and h != t:
            types.add(kind)
        if overlap(h, tail) and overlap(t, head) and h != t:
            types.add("reversed " + kind)
    types.discard("PART_OF")
    if "reversed PART_OF" in types:
        return f"SPUR NEREL links it the other way: {where}"
    if types:
        return f"SPUR NEREL types it {','.join(sorted(types))}: {where}"
    return f"SPUR no NEREL link: {where}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="NEREL JSONL")
    parser.add_argument("--cache", type=Path, required=True, help="relation_errors.py cache")
    parser.add_argument("--skip", type=Path, default=Path("/work/wt/pool4.jsonl"))
    parser.add_argument("--show", default="", help="print the cases of classes containing this")
    args = parser.parse_args()

    from pipeline.evaluation.readers import read_gold

    skip = set()
    if args.skip.exists():
        skip = {json.loads(line)["id"] for line in args.skip.open(encoding="utf-8")}
    corpus = read_gold(args.gold)
    mentions, relations = predicted(tagged_docs(corpus, args.cache))
    orgs: dict[str, list] = {}
    for m in mentions:
        if m.type == "ORG":
            orgs.setdefault(m.doc_id, []).append((m.start, m.end))
    nerel_spans, nerel_links = nerel_organisations(args.gold)
    counts: Counter = Counter()
    for label, doc, r in given_errors(corpus, relations, mentions, ("PART_OF",)):
        if label == "NOMENTION" or doc.doc_id in skip:
            continue
        cls = classify(
            label,
            doc,
            r,
            orgs.get(doc.doc_id, []),
            nerel_spans.get(doc.doc_id, []),
            nerel_links.get(doc.doc_id, []),
        )
        counts[cls] += 1
        if args.show and args.show in cls:
            head, tail = doc.text[r.head.start : r.head.end], doc.text[r.tail.start : r.tail.end]
            print(f"{cls} {doc.doc_id}: [{head}] -> [{tail}]")
    for cls, n in sorted(counts.items()):
        print(f"{n:5d}  {cls}")


if __name__ == "__main__":
    main()
