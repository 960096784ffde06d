"""Plain records shared by the readers, the metrics and the reports."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pipeline.schema import (
    MENTION_COLUMNS,
    MENTION_TYPES,
    VALUE_FIELDS,
    AmountValue,
    DateValue,
    SectorValue,
)

ENTITY_FIELDS = ("normal", "entity_id")

# Attributes a gold mention of each type may carry: the mention table's columns for that type.
ATTRIBUTE_FIELDS: dict[str, tuple[str, ...]] = {
    "ORG": ENTITY_FIELDS,
    "PER": ENTITY_FIELDS,
    "LOC": ENTITY_FIELDS,
    "AMOUNT": VALUE_FIELDS[AmountValue],
    "DATE": VALUE_FIELDS[DateValue],
    "SECTOR": VALUE_FIELDS[SectorValue],
}

# entity_id is a cluster label local to each annotation, so equal ids across systems mean nothing.
SCORED_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    **{t: ("normal",) for t in ("ORG", "PER", "LOC")},
    "AMOUNT": VALUE_FIELDS[AmountValue],
    "DATE": VALUE_FIELDS[DateValue],
    "SECTOR": VALUE_FIELDS[SectorValue],
}

HEADLINE_TYPES = ("ORG", "AMOUNT", "DATE", "SECTOR")
BASELINES = ("natasha",)  # systems a run can be compared with (evaluation/systems.py)

assert set(ATTRIBUTE_FIELDS) == set(MENTION_TYPES)


@dataclass(frozen=True, slots=True)
class Mention:
    """One annotated or predicted span; `attrs` holds only the attributes actually stated."""

    doc_id: str
    start: int
    end: int
    type: str
    attrs: Mapping[str, Any] = field(default_factory=dict, compare=False)
    text: str | None = field(default=None, compare=False)

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Relation:
    """A link between two mentions of one document (gold or predicted)."""

    doc_id: str
    type: str
    head: Mention
    tail: Mention


@dataclass(slots=True)
class Document:
    doc_id: str
    text: str
    date: str | None = None
    gold: list[Mention] = field(default_factory=list)
    # Spans the gold marks as "don't score": predictions overlapping them are neither right nor
    # wrong (factRuEval ignored_in_eval, discontinuous NEREL/BRAT entities).
    ignored: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


@dataclass(slots=True)
class GoldCorpus:
    path: str
    format: str
    documents: list[Document]
    # Types the scheme annotates *and* that occur in this corpus; only these are scored.
    types: tuple[str, ...]
    # type -> the `kind`s the gold annotates; predictions of other kinds are dropped, e.g.
    # NEREL has MONEY and PERCENT but no counts, so AMOUNT/count predictions cannot be judged.
    scored_kinds: dict[str, frozenset[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # Relation types the gold annotates (scored only when not empty).
    relation_types: tuple[str, ...] = ()
    _by_id: dict[str, Document] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id = {d.doc_id: d for d in self.documents}

    def document(self, doc_id: str) -> Document | None:
        return self._by_id.get(doc_id)


def present_types(documents: list[Document], scheme: tuple[str, ...]) -> tuple[str, ...]:
    seen = {m.type for d in documents for m in d.gold}
    return tuple(t for t in scheme if t in seen)


def _norm_text(value: str) -> str:
    return " ".join(value.replace("ё", "е").replace("Ё", "Е").casefold().split())


def values_equal(field_name: str, gold: Any, pred: Any) -> bool:
    """Compare one normalised attribute; None means "stated empty" on either side."""
    if gold is None or pred is None:
        return gold is None and pred is None
    dtype = MENTION_COLUMNS.get(field_name)
    if dtype == "Float64":
        try:
            return math.isclose(float(gold), float(pred), rel_tol=1e-6, abs_tol=1e-9)
        except (TypeError, ValueError):
            return False
    if dtype == "boolean":
        return bool(gold) == bool(pred)
    if field_name == "okved":  # a ";"-separated set of codes, order carries no meaning
        return _codes(gold) == _codes(pred)
    if field_name == "normal":
        return _norm_text(str(gold)) == _norm_text(str(pred))
    return str(gold).strip() == str(pred).strip()


def _codes(value: Any) -> frozenset[str]:
    return frozenset(c.strip() for c in str(value).split(";") if c.strip())
