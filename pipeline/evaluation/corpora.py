"""Readers for the public annotated corpora (NEREL, factRuEval JSONL) mapped onto our types.

Each scheme states which of its types mean which of ours, which entities are not scored, and
the "scored kinds" rule: the AMOUNT kinds its gold annotates. NEREL tags MONEY and PERCENT but
not counts, so AMOUNT predictions of kind `count` are dropped before scoring it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import InputError
from pipeline.evaluation.model import Document, GoldCorpus, Mention, present_types
from pipeline.evaluation.relations import NEREL_RELATION_TYPES, link
from pipeline.evaluation.sources import check_span, iter_jsonl, require
from pipeline.schema import MENTION_TYPES


@dataclass(frozen=True)
class Scheme:
    name: str
    # corpus type -> (our type, AMOUNT kind or None)
    types: dict[str, tuple[str, str | None]]
    # Entities to neither reward nor punish: predictions overlapping them are not scored.
    ignore: Callable[[dict[str, Any]], bool] = lambda entity: False
    scored_kinds: dict[str, frozenset[str]] = field(default_factory=dict)
    relation_types: tuple[str, ...] = ()  # relation names read from "relations"


NEREL = Scheme(
    name="nerel",
    types={
        "ORGANIZATION": ("ORG", None),
        "PERSON": ("PER", None),
        "COUNTRY": ("LOC", None),
        "CITY": ("LOC", None),
        "STATE_OR_PROVINCE": ("LOC", None),
        "LOCATION": ("LOC", None),
        "DISTRICT": ("LOC", None),
        "DATE": ("DATE", None),
        "MONEY": ("AMOUNT", "money"),
        "PERCENT": ("AMOUNT", "percent"),
    },
    # A discontinuous entity has no single span to match, yet its text is annotated, so a
    # prediction over it is not a false positive either.
    ignore=lambda entity: bool(entity.get("discontinuous")),
    scored_kinds={"AMOUNT": frozenset({"money", "percent"})},
    relation_types=NEREL_RELATION_TYPES,
)

FACTRUEVAL = Scheme(
    name="factrueval",
    types={
        "Org": ("ORG", None),
        "Person": ("PER", None),
        "Location": ("LOC", None),
        "LocOrg": ("LOC", None),
    },
    # The official task-1 scorer skips these (descriptor-only or embedded mentions).
    ignore=lambda entity: bool(entity.get("ignored_in_eval")),
)

SCHEMES = {scheme.name: scheme for scheme in (NEREL, FACTRUEVAL)}


def load_corpus(path: str | Path, scheme: Scheme) -> GoldCorpus:
    """Read a NEREL- or factRuEval-style JSONL corpus, keeping the entities the scheme maps."""
    path = Path(path)
    documents: list[Document] = []
    for line, obj in iter_jsonl(path):
        doc_id = str(require(path, line, obj, "id", str))
        text = require(path, line, obj, "text", str)
        doc = Document(doc_id=doc_id, text=text, date=obj.get("date"))
        # Several source types map onto one of ours (COUNTRY and LOCATION on the same span):
        # keep one, or one-to-one matching would count the copy as a miss.
        seen: set[tuple[int, int, str, bool]] = set()
        by_ann: dict[str, Mention] = {}
        for index, entity in enumerate(require(path, line, obj, "entities", list)):
            where = f"entity {index}"
            if not isinstance(entity, dict):
                raise InputError(path, f"{where}: expected a JSON object", line=line)
            source_type = require(path, line, entity, "type", str, where)
            start = require(path, line, entity, "start", int, where)
            end = require(path, line, entity, "end", int, where)
            stated = entity.get("text")
            check_span(path, line, where, text, start, end, stated)
            mapped = scheme.types.get(source_type)
            if mapped is None:
                continue
            our_type, kind = mapped
            ignored = scheme.ignore(entity)
            if not ignored and isinstance(entity.get("ann_id"), str):
                by_ann[entity["ann_id"]] = Mention(doc_id, start, end, our_type)
            if (start, end, our_type, ignored) in seen:
                continue
            seen.add((start, end, our_type, ignored))
            attrs = {"kind": kind} if kind else {}
            mention = Mention(doc_id, start, end, our_type, attrs, text[start:end])
            (doc.ignored if ignored else doc.gold).append(mention)
        relation_types = scheme.relation_types
        doc.relations = link(doc_id, obj.get("relations"), by_ann, relation_types, (path, line))
        documents.append(doc)
    if not documents:
        raise InputError(path, "no documents")
    return GoldCorpus(
        path=str(path),
        format=scheme.name,
        documents=documents,
        types=present_types(documents, MENTION_TYPES),
        scored_kinds=dict(scheme.scored_kinds),
        relation_types=_present_relations(documents, scheme.relation_types),
    )


def _present_relations(documents: list[Document], types: tuple[str, ...]) -> tuple[str, ...]:
    seen = {r.type for d in documents for r in d.relations}
    return tuple(t for t in types if t in seen)


def guess_scheme(path: Path, sample_lines: int = 50) -> Scheme | None:
    """NEREL or factRuEval from the first lines' entities; None for our gold or anything else.

    Their id keys decide first (ann_id, obj_id); then the type names, and a file using any of
    our own names (DATE aside, which NEREL shares) is ours, so a typo there is reported by the
    gold validator rather than read as another scheme.
    """
    types: set[str] = set()
    keys: set[str] = set()
    try:
        for line, obj in iter_jsonl(path):
            for entity in obj.get("entities") or []:
                if isinstance(entity, dict):
                    types.add(str(entity.get("type")))
                    keys.update(entity)
            if line >= sample_lines:
                break
    except InputError:
        return None  # the gold reader reports the fault with its own checks
    if keys & {"ignored_in_eval", "obj_id"}:
        return FACTRUEVAL
    if "ann_id" in keys:
        return NEREL
    if types & (set(MENTION_TYPES) - {"DATE"}):
        return None
    if types and types <= set(FACTRUEVAL.types):
        return FACTRUEVAL
    if types & set(NEREL.types):
        return NEREL
    return None
