"""PART_OF and HEADQUARTERED_IN links lost only to their mention ends, by shape.

A gold link the relation stage would read (both mentions overlap predicted ones, or one end
is missing) but that strict scoring loses because an end's bounds differ, and a predicted link
lost the same way, are listed with the gold end against the nearest predicted ORG/LOC:
`longer` (ours runs past NEREL's), `shorter`, `shifted`, `split` (NEREL's end covers two or
more of ours), `missing` (no predicted mention overlaps it). Each is given a shape read off
the words that differ (a genitive parent or place folded in or cut off, a legal form "ОАО",
a bracketed abbreviation, a quoted name with its descriptor, a state body named by a common
word, an embassy) so the classes can be compared with docs/guideline.md.

    python scripts/end_errors.py ../shared/corpora/nerel/dev.jsonl --cache /tmp/me/dev.pkl \
        [--show SHAPE] [--limit N]

The cache is scripts/relation_errors.py's (tagged Docs, the relation stage rerun; both in
pipeline/evaluation/relation_runs.py). Prints NEREL text to the terminal only: never paste its
output into the repository.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.evaluation.model import Mention, Relation  # noqa: E402
from pipeline.evaluation.relation_runs import (  # noqa: E402
    by_document,
    predictions,
    rerun_relations,
    tagged_docs,
    unmatched,
    window,
)

TYPES = ("PART_OF", "HEADQUARTERED_IN")
LEGAL = re.compile(r"^(ОАО|ЗАО|ООО|ПАО|АО|НКО|ФГУП|ГУП|МУП|ОО|АНО|НП|ГК|ФК|ХК|ПФК|ЧОП)\b")
QUOTE = re.compile(r"[«»\"“”„']")
STATE_WORDS = {
    "министерство",
    "министерства",
    "министерству",
    "министерством",
    "министерстве",
    "правительство",
    "правительства",
    "правительству",
    "правительством",
    "правительстве",
    "мэрия",
    "мэрии",
    "мэрию",
    "мэрией",
    "администрация",
    "администрации",
    "администрацию",
    "администрацией",
    "парламент",
    "парламента",
    "парламенте",
    "парламенту",
    "прокуратура",
    "прокуратуры",
    "прокуратуре",
    "прокуратуру",
    "полиция",
    "полиции",
    "полицию",
    "полицией",
    "суд",
    "суда",
    "суде",
    "суду",
    "судом",
    "власти",
    "властей",
    "властям",
    "минобороны",
    "мвд",
    "мид",
    "госдума",
    "госдумы",
    "госдуме",
    "госдуму",
    "дума",
    "думы",
    "думе",
    "совет",
    "совета",
    "совете",
    "комитет",
    "комитета",
    "комитете",
    "служба",
    "службы",
    "службе",
    "ведомство",
    "ведомства",
    "кабинет",
    "кабмин",
    "кабмина",
    "сенат",
    "сената",
    "сенате",
    "конгресс",
    "конгресса",
    "конгрессе",
    "армия",
    "армии",
    "силы",
    "сил",
    "силам",
    "войска",
    "войск",
    "управление",
    "управления",
    "департамент",
    "департамента",
    "агентство",
    "агентства",
    "генпрокуратура",
    "генпрокуратуры",
}
MISSION = re.compile(r"^(посольств|консульств|генконсульств|представительств|постпредств)", re.I)


@dataclass(frozen=True)
class End:
    role: str  # head / tail
    kind: str  # longer / shorter / shifted / split / missing
    gold: str
    ours: str
    shape: str


def nearest(gold: Mention, found: list[Mention]) -> list[Mention]:
    return sorted(
        (m for m in found if m.type == gold.type and m.overlaps(gold)),
        key=lambda m: abs(m.start - gold.start) + abs(m.end - gold.end),
    )


def compare(text: str, gold: Mention, found: list[Mention], role: str) -> End | None:
    """How our mentions differ from one gold end (None when one matches it exactly)."""
    near = nearest(gold, found)
    g_text = text[gold.start : gold.end]
    if any((m.start, m.end) == (gold.start, gold.end) for m in near):
        return None
    if not near:
        return End(role, "missing", g_text, "", shape_missing(text, gold))
    inside = [m for m in near if gold.start <= m.start and m.end <= gold.end]
    if len(inside) >= 2 and not any(m.start <= gold.start and gold.end <= m.end for m in near):
        ours = " | ".join(text[m.start : m.end] for m in sorted(inside, key=lambda m: m.start))
        return End(role, "split", g_text, ours, "split: " + differ_shape(g_text, ""))
    m = near[0]
    ours = text[m.start : m.end]
    if m.start <= gold.start and gold.end <= m.end:
        kind = "longer"
        extra_left, extra_right = text[m.start : gold.start], text[gold.end : m.end]
    elif gold.start <= m.start and m.end <= gold.end:
        kind = "shorter"
        extra_left, extra_right = text[gold.start : m.start], text[m.end : gold.end]
    else:
        return End(role, "shifted", g_text, ours, "shifted")
    return End(role, kind, g_text, ours, f"{kind}: " + differ_shape(extra_left, extra_right))


def differ_shape(left: str, right: str) -> str:
    """A shape for the words by which two spans differ (left of the shorter one, right)."""
    left, right = left.strip(), right.strip()
    parts = []
    if left:
        parts.append("left " + word_shape(left, at_left=True))
    if right:
        parts.append("right " + word_shape(right, at_left=False))
    return ", ".join(parts) or "-"


def word_shape(words: str, at_left: bool) -> str:
    first = words.split()[0]
    if QUOTE.fullmatch(words.strip()):
        return "quote only"
    if words.startswith("(") or words.endswith(")"):
        return "bracket"
    if LEGAL.match(words):
        return "legal form"
    if at_left and first.lower().rstrip(",") in STATE_WORDS:
        return "state-body word"
    if at_left and QUOTE.search(words) and first[0].islower():
        return "descriptor before quoted name"
    if at_left and first[0].islower():
        return "lowercase words"
    if at_left:
        return "capitalised words"
    if words.startswith(("по ", "при ", "имени", "им.")):
        return "complement " + words.split()[0]
    if words.startswith(("в ", "во ", "на ")):
        return "place after preposition"
    if first[0].isupper() or QUOTE.match(first):
        return "genitive name/place"
    return "lowercase words"


def shape_missing(text: str, gold: Mention) -> str:
    g = text[gold.start : gold.end]
    first = g.split()[0] if g.split() else g
    if gold.type == "LOC":
        return "missing place" + (" (adjective)" if first[0].islower() else "")
    if MISSION.match(first):
        return "missing mission"
    if LEGAL.match(g):
        return "missing legal-form name"
    if first.lower() in STATE_WORDS:
        return "missing state body" + (" (common word)" if first[0].islower() else "")
    if first[0].islower():
        return "missing lowercase body"
    if QUOTE.search(g):
        return "missing quoted name"
    if re.fullmatch(r"[A-ZА-ЯЁ]{2,}", g):
        return "missing abbreviation"
    if re.search(r"[A-Za-z]", g):
        return "missing Latin name"
    return "missing capitalised name"


def bucket(end: End) -> str:
    """A coarse class of an end's shape, for the summary table."""
    shape = end.shape
    if shape.startswith("missing place"):
        return "place missing"
    if shape.startswith("missing"):
        return "ORG missing"
    if "legal form" in shape or "quote only" in shape:
        return "legal form / quote"
    if "place after preposition" in shape:
        return "в + place (NEREL inside)"
    if shape.startswith("longer: right genitive"):
        return "genitive place/name (ours inside)"
    if shape.startswith("longer"):
        return "ours longer, other words"
    if shape.startswith("shorter: left"):
        return "ours starts later"
    if shape.startswith("shorter"):
        return "ours ends earlier"
    return shape.split(":")[0]


def lost_to_ends(corpus, relations: list[Relation], mentions: list[Mention]) -> list:
    """(doc, side, relation, [End]) for gold links missed and predicted links spurious
    strictly whose ends differ from the other side's mentions."""
    found, pred_of = by_document(mentions, relations, TYPES)
    out = []
    for doc in corpus.documents:
        gold = [r for r in doc.relations if r.type in TYPES]
        pred = pred_of.get(doc.doc_id, [])
        missed, spurious = unmatched(gold, pred, "strict")
        ours = found.get(doc.doc_id, [])
        for r in missed:
            ends = [
                compare(doc.text, m, ours, role) for role, m in (("head", r.head), ("tail", r.tail))
            ]
            ends = [e for e in ends if e is not None]
            if ends:
                out.append((doc, "MISS", r, ends))
        gold_mentions = [*doc.gold, *(e for r in gold for e in (r.head, r.tail))]
        for r in spurious:
            partner = [
                g
                for g in gold
                if g.type == r.type and g.head.overlaps(r.head) and g.tail.overlaps(r.tail)
            ]
            if not partner:
                continue  # a link NEREL does not make at all: not an end's loss
            ends = [
                compare(doc.text, m, gold_mentions, role)
                for role, m in (("head", r.head), ("tail", r.tail))
            ]
            ends = [e for e in ends if e is not None]
            if ends:
                out.append((doc, "SPUR", r, ends))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--show", default="", help="print the cases whose shape starts so")
    parser.add_argument("--limit", type=int, default=40)
    args = parser.parse_args()
    from pipeline.evaluation.readers import read_gold

    corpus = read_gold(args.corpus)
    run = predictions(rerun_relations(tagged_docs(corpus, args.cache)))
    mentions, relations = run.mentions, run.relations
    rows = lost_to_ends(corpus, relations, mentions)
    table: Counter = Counter()
    for _doc, side, r, ends in rows:
        for e in ends:
            table[(r.type, side, e.role, e.shape)] += 1
    groups: Counter = Counter()
    for _doc, side, r, ends in rows:
        for e in ends:
            groups[(r.type, side, bucket(e))] += 1
    print(f"{'type':17s} {'side':4s} {'n':>3s}  class")
    for (kind, side, name), n in sorted(groups.items(), key=lambda x: (x[0][0], x[0][1], -x[1])):
        print(f"{kind:17s} {side:4s} {n:3d}  {name}")
    print()
    print(f"{'type':17s} {'side':4s} {'end':4s} {'n':>3s}  shape")
    for (kind, side, role, shape), n in sorted(table.items(), key=lambda x: (x[0][0], -x[1])):
        print(f"{kind:17s} {side:4s} {role:4s} {n:3d}  {shape}")
    shown = 0
    for doc, side, r, ends in rows:
        for e in ends:
            if (
                args.show
                and (args.show == "all" or e.shape.startswith(args.show))
                and shown < args.limit
            ):
                shown += 1
                print(f"\n{r.type} {side} {e.role} {e.shape}: gold «{e.gold}» ours «{e.ours}»")
                print("   ", " ".join(window(doc.text, r, 80, 60).split()))


if __name__ == "__main__":
    main()
