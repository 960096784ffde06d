"""Stage 5 — tables: the one place Docs become pandas DataFrames (mentions and documents)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, fields
from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import IS_SPACE, SENT_START
from spacy.tokens import Doc, Span

from pipeline.compact_rows import CompactRows
from pipeline.entity_sectors import SectorLink, article_fields, links_by_entity
from pipeline.extensions import span_attrs
from pipeline.schema import (
    DOCUMENT_COLUMNS,
    FACT_COLUMNS,
    MENTION_COLUMNS,
    MENTION_TYPES,
    RELATION_COLUMNS,
    TABLE_MENTION_TYPES,
)

if TYPE_CHECKING:
    import pandas as pd


def typed_frame(rows: Sequence[dict], columns: dict[str, str]) -> pd.DataFrame:
    """A frame with exactly the schema's columns and dtypes, even when empty. Compact rows
    go in column by column, never as dicts. pandas (and the pyarrow it loads) is imported
    here, not with the module: the row path (`doc_rows`) never needs it, and a process that
    only makes rows (the bench's one-process and scaling runs, `memory_probe`) stays ~10 MB
    and ~0.4 s smaller."""
    import pandas as pd

    if isinstance(rows, CompactRows):
        frame = pd.DataFrame({c: rows.column(c) for c in columns}, columns=list(columns))
    else:
        frame = pd.DataFrame(rows, columns=list(columns))
    return frame.astype(columns)


def doc_mentions(doc: Doc, types: Iterable[str] = TABLE_MENTION_TYPES) -> list[Span]:
    spans = [s for t in types if t in doc.spans for s in doc.spans[t]]
    order = {t: i for i, t in enumerate(MENTION_TYPES)}
    return sorted(spans, key=lambda s: (s.start_char, -s.end_char, order.get(s.label_, 99)))


def doc_rows(doc: Doc) -> tuple[list[dict], dict, list[dict], list[dict]]:
    """(mention rows, document row, relation rows, fact rows) of a Doc: the mentions are
    ordered and numbered once for all three tables."""
    spans = doc_mentions(doc)
    keys = [(s.start_char, s.end_char, s.label_) for s in spans]
    ids = _numbered(keys)
    sentence_of = _sentence_index(doc)
    return (
        _mention_rows(doc, spans, keys, ids, sentence_of),
        document_row(doc),
        relation_rows(doc, ids, sentence_of),
        fact_rows(doc, ids, sentence_of),
    )


def _numbered(keys: list[tuple]) -> dict[tuple, str]:
    return {key: f"M{i + 1}" for i, key in enumerate(keys)}


def mention_rows(doc: Doc) -> list[dict]:
    spans = doc_mentions(doc)
    keys = [(s.start_char, s.end_char, s.label_) for s in spans]
    return _mention_rows(doc, spans, keys, _numbered(keys), _sentence_index(doc))


def _mention_rows(
    doc: Doc, spans: list[Span], keys: list[tuple], ids: dict, sentence_of: list[int]
) -> list[dict]:
    parents = enclosing(keys)
    doc_id = doc._.doc_id
    rows = []
    for span, key, parent in zip(spans, keys, parents, strict=True):
        normal, entity_id, stage, value, name_kind = span_attrs(span, _ROW_ATTRS)
        text = span.text
        row = {
            "doc_id": doc_id,
            "mention_id": ids[key],
            "type": key[2],
            "start": key[0],
            "end": key[1],
            "text": text,
            "normal": normal or text,
            "entity_id": entity_id or _default_entity(span),
            "parent_id": ids[parent] if parent is not None else None,
            "sentence": sentence_of[span.start],
            "stage": stage,
        }
        if value is not None:
            row.update(_value_fields(value))
        if key[2] == "ORG":
            row["name_kind"] = name_kind
        rows.append(row)
    return rows


_ROW_ATTRS = ("normal", "entity_id", "stage", "value", "name_kind")
_PLAIN = (str, int, float, bool, Decimal)
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _value_fields(value) -> dict:
    """`dataclasses.asdict` of a mention's value without its deep copy, which is the same
    dict when every field is a plain immutable value (all of schema's values are)."""
    names = _FIELD_NAMES.get(type(value))
    if names is None:
        names = _FIELD_NAMES[type(value)] = tuple(f.name for f in fields(value))
    found = {name: getattr(value, name) for name in names}
    if all(v is None or type(v) in _PLAIN for v in found.values()):
        return found
    return asdict(value)


def _default_entity(span: Span) -> str | None:
    if span.label_ in ("ORG", "PER", "LOC"):
        return f"{span.label_}:{(span._.normal or span.text).lower()}"
    return None


def enclosing(keys: list[tuple]) -> list[tuple | None]:
    """For each mention, the smallest other mention that contains it (the first such in table
    order on a tie): nested ORG chains read as a tree. Keys are (start_char, end_char, ...)
    in table order (start ascending, end descending), so only earlier mentions can contain a
    later one; a sweep keeps those still open, and a mention is compared with the few
    mentions open around it rather than with all of the document's."""
    found: list[tuple | None] = []
    open_: list[tuple] = []
    for key in keys:
        start, end = key[0], key[1]
        open_ = [other for other in open_ if other[1] >= start]  # closed ones leave
        best = None
        for other in open_:
            if other[1] >= end and (other[0], other[1]) != (start, end):
                if best is None or other[1] - other[0] < best[1] - best[0]:
                    best = other
        found.append(best)
        open_.append(key)
    return found


def _sentence_index(doc: Doc) -> list[int]:
    """The sentence number of each token (as doc.sents counts them), from one array."""
    return (np.cumsum(_sentence_starts(doc)) - 1).tolist()


def _sentence_starts(doc: Doc) -> np.ndarray:
    """True where a sentence begins, as doc.sents has it (the first token always does)."""
    starts = doc.to_array(SENT_START) == 1
    if len(starts):
        starts[0] = True
    return starts


def mentions_table(docs: Iterable[Doc]) -> pd.DataFrame:
    rows = [row for doc in docs for row in mention_rows(doc)]
    return typed_frame(rows, MENTION_COLUMNS)


def document_row(doc: Doc) -> dict:
    counts = {t: len(doc.spans[t]) if t in doc.spans else 0 for t in MENTION_TYPES}
    when = doc._.article_date
    return {
        "doc_id": doc._.doc_id,
        "source": doc._.source,
        "encoding": doc._.encoding,
        "title": doc._.title,
        "date": when.isoformat() if when else None,
        "characters": _characters(doc),
        "sentences": int(_sentence_starts(doc).sum()),
        "tokens": len(doc) - int(doc.to_array(IS_SPACE).sum()),
        **{f"n_{t.lower()}": n for t, n in counts.items()},
        "sectors": sector_profile(doc),
    }


def sector_profile(doc: Doc) -> str | None:
    """ "id:count;..." of the document's SECTOR mentions, most frequent first (ties: first
    mentioned first), so a corpus can be filtered by sector."""
    counts = Counter(s._.value.sector for s in doc.spans.get("SECTOR", []) if s._.value)
    return ";".join(f"{k}:{n}" for k, n in counts.most_common()) or None


def _characters(doc: Doc) -> int:
    """len(doc.text) without building the text (spaCy joins every token to make it)."""
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


def documents_table(docs: Iterable[Doc]) -> pd.DataFrame:
    return typed_frame([document_row(d) for d in docs], DOCUMENT_COLUMNS)


def mention_ids(doc: Doc) -> dict[tuple[int, int, str], str]:
    """(start_char, end_char, label) -> mention_id, derived exactly as mention_rows does."""
    return _numbered([(s.start_char, s.end_char, s.label_) for s in doc_mentions(doc)])


def _span_id(span: Span | None, ids: dict) -> str | None:
    return None if span is None else ids.get((span.start_char, span.end_char, span.label_))


def relation_rows(
    doc: Doc, ids: dict | None = None, sentence_of: list[int] | None = None
) -> list[dict]:
    """The relation stage's links (doc._.relations), one row each."""
    relations = getattr(doc._, "relations", None) if Doc.has_extension("relations") else None
    if not relations:
        return []
    ids = ids if ids is not None else mention_ids(doc)
    sentence_of = sentence_of if sentence_of is not None else _sentence_index(doc)
    rows = []
    for number, relation in enumerate(relations, 1):
        head, tail = _span_id(relation.head, ids), _span_id(relation.tail, ids)
        if head is None or tail is None:  # a mention a later stage dropped
            continue
        rows.append(
            {
                "doc_id": doc._.doc_id,
                "relation_id": f"R{number}",
                "type": relation.type,
                "head_mention_id": head,
                "tail_mention_id": tail,
                "sentence": sentence_of[relation.head.start],
                "trigger": relation.trigger,
                "stage": relation.stage,
            }
        )
    return rows


def fact_rows(
    doc: Doc, ids: dict | None = None, sentence_of: list[int] | None = None
) -> list[dict]:
    """One row per fact of doc._.facts (a trigger with a money AMOUNT or a SECTOR)."""
    facts = getattr(doc._, "facts", None) if Doc.has_extension("facts") else None
    if not facts:
        return []
    ids = ids if ids is not None else mention_ids(doc)
    sentence_of = sentence_of if sentence_of is not None else _sentence_index(doc)
    links = _sector_links(doc, ids, sentence_of)
    return [_fact_row(doc, n, fact, ids, sentence_of, links) for n, fact in enumerate(facts, 1)]


def _sector_links(doc: Doc, ids: dict, sentence_of: list[int]) -> dict[str, list[SectorLink]]:
    """The document's SECTOR_OF links by the entity id of their ORG (guideline 309): one pass
    over doc._.relations."""
    pairs = []
    for relation in doc._.relations or ():
        if relation.type != "SECTOR_OF" or relation.tail._.value is None:
            continue
        mention_id = _span_id(relation.tail, ids)
        if mention_id is None:  # a mention a later stage dropped
            continue
        value = relation.tail._.value
        link = SectorLink(sentence_of[relation.head.start], value.sector, value.okved, mention_id)
        pairs.append((_entity(relation.head), link))
    return links_by_entity(pairs)


def _entity(span: Span | None) -> str | None:
    """The entity id the mentions table gives a span."""
    return None if span is None else span._.entity_id or _default_entity(span)


def _fact_row(doc: Doc, number: int, fact, ids: dict, sentence_of: list[int], links: dict) -> dict:
    amount = fact.amount._.value if fact.amount is not None else None
    date = fact.date._.value if fact.date is not None else None
    sector = fact.sector._.value if fact.sector is not None else None
    agent = fact.agent
    sentence = sentence_of[fact.trigger_i]
    parties = {"agent": _entity(agent), "counterpart": _entity(fact.counterpart)}
    return {
        "doc_id": doc._.doc_id,
        "fact_id": f"F{number}",
        "sentence": sentence,
        "trigger": fact.trigger,
        "polarity": fact.polarity,
        "modality": fact.modality,
        "agent": _normal(agent),
        "agent_id": parties["agent"],
        "counterpart": _normal(fact.counterpart),
        "amount_value": getattr(amount, "value", None),
        "amount_unit": getattr(amount, "unit", None),
        "amount_kind": getattr(amount, "kind", None),
        "qualifier": getattr(amount, "qualifier", None),
        "date_start": getattr(date, "date_start", None),
        "date_end": getattr(date, "date_end", None),
        "date_timex": getattr(date, "timex", None),
        "sector": getattr(sector, "sector", None),
        "okved": getattr(sector, "okved", None),
        "location": _normal(fact.location),
        **{
            f"{role}_mention_id": _span_id(getattr(fact, role), ids)
            for role in ("agent", "counterpart", "amount", "date", "sector", "location")
        },
        **article_fields(sentence, parties, links),
    }


def _normal(span: Span | None) -> str | None:
    return None if span is None else span._.normal or span.text


def relations_table(docs: Iterable[Doc]) -> pd.DataFrame:
    return typed_frame([r for doc in docs for r in relation_rows(doc)], RELATION_COLUMNS)


def facts_table(docs: Iterable[Doc]) -> pd.DataFrame:
    return typed_frame([r for doc in docs for r in fact_rows(doc)], FACT_COLUMNS)


def sentence_facts(doc: Doc) -> dict[int, list[dict]]:
    """sentence number -> its fact rows (as the facts table has them): what a page shows
    under each sentence."""
    by_sentence: dict[int, list[dict]] = {}
    for row in fact_rows(doc):
        by_sentence.setdefault(row["sentence"], []).append(row)
    return by_sentence
