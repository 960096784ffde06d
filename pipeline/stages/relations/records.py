"""What the relation stage produces: a link between two mentions, and a fact (one trigger with the
mentions it links).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Span


@dataclass(frozen=True)
class Relation:
    type: str
    head: Span
    tail: Span
    trigger: str | None = None
    trigger_i: int | None = None  # token of the trigger word: relations of one fact share it
    stage: str = "relation_rules"


@dataclass
class Fact:
    """One trigger with the mentions it links; any of them may be missing. A money amount the
    relations link with no trigger word ("состояние оценивалось в X в 2019 году") is a fact
    too: `trigger` is None and `trigger_i` is the amount's own word (it places the fact in its
    sentence; decision 132)."""

    trigger: str | None
    trigger_i: int
    polarity: str = "positive"
    modality: str = "done"
    agent: Span | None = None
    counterpart: Span | None = None
    amount: Span | None = None
    date: Span | None = None
    sector: Span | None = None
    location: Span | None = None
    relations: list[Relation] = field(default_factory=list)


def with_stage(relation: Relation, stage: str) -> Relation:
    return Relation(relation.type, relation.head, relation.tail, relation.trigger,
                    relation.trigger_i, stage)  # fmt: skip


def unique(relations: Iterable[Relation]) -> list[Relation]:
    seen, out = set(), []
    for r in relations:
        key = (r.type, span_key(r.head), span_key(r.tail))
        if key not in seen and span_key(r.head) != span_key(r.tail):
            seen.add(key)
            out.append(r)
    return out


def span_key(span: Span) -> tuple[int, int, str]:
    return span.start_char, span.end_char, span.label_
