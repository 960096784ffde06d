"""Stage 5 — tables: the one place Docs become pandas DataFrames (mentions and documents)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict

import pandas as pd
from spacy.tokens import Doc, Span

from pipeline.schema import DOCUMENT_COLUMNS, MENTION_COLUMNS, MENTION_TYPES


def typed_frame(rows: list[dict], columns: dict[str, str]) -> pd.DataFrame:
    """A frame with exactly the schema's columns and dtypes, even when empty."""
    frame = pd.DataFrame(rows, columns=list(columns))
    return frame.astype(columns)


def doc_mentions(doc: Doc, types: Iterable[str] = MENTION_TYPES) -> list[Span]:
    spans = [s for t in types if t in doc.spans for s in doc.spans[t]]
    order = {t: i for i, t in enumerate(MENTION_TYPES)}
    return sorted(spans, key=lambda s: (s.start_char, -s.end_char, order.get(s.label_, 99)))


def mention_rows(doc: Doc) -> list[dict]:
    spans = doc_mentions(doc)
    sentence_of = _sentence_index(doc)
    ids = {(s.start_char, s.end_char, s.label_): f"M{i + 1}" for i, s in enumerate(spans)}
    rows = []
    for span in spans:
        row = {
            "doc_id": doc._.doc_id,
            "mention_id": ids[(span.start_char, span.end_char, span.label_)],
            "type": span.label_,
            "start": span.start_char,
            "end": span.end_char,
            "text": span.text,
            "normal": span._.normal or span.text,
            "entity_id": span._.entity_id or _default_entity(span),
            "parent_id": _parent(span, spans, ids),
            "sentence": sentence_of[span.start],
            "stage": span._.stage,
        }
        if span._.value is not None:
            row.update(asdict(span._.value))
        rows.append(row)
    return rows


def _default_entity(span: Span) -> str | None:
    if span.label_ in ("ORG", "PER", "LOC"):
        return f"{span.label_}:{(span._.normal or span.text).lower()}"
    return None


def _parent(span: Span, spans: list[Span], ids: dict) -> str | None:
    """The smallest other mention that contains this one: nested ORG chains read as a tree."""
    best = None
    for other in spans:
        if other is span or (other.start_char, other.end_char) == (span.start_char, span.end_char):
            continue
        if other.start_char <= span.start_char and span.end_char <= other.end_char:
            if best is None or len(other.text) < len(best.text):
                best = other
    return ids[(best.start_char, best.end_char, best.label_)] if best is not None else None


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for number, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = number
    return index


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
        "characters": len(doc.text),
        "sentences": sum(1 for _ in doc.sents),
        "tokens": sum(1 for t in doc if not t.is_space),
        **{f"n_{t.lower()}": n for t, n in counts.items()},
    }


def documents_table(docs: Iterable[Doc]) -> pd.DataFrame:
    return typed_frame([document_row(d) for d in docs], DOCUMENT_COLUMNS)
