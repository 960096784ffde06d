"""Stage 5 — tables: the one place Docs become pandas DataFrames (mentions and documents)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict

import numpy as np
import pandas as pd
from spacy.attrs import IS_SPACE, SENT_START
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
    keys = [(s.start_char, s.end_char, s.label_) for s in spans]
    ids = {key: f"M{i + 1}" for i, key in enumerate(keys)}
    parents = enclosing(keys)
    rows = []
    for span, key, parent in zip(spans, keys, parents, strict=True):
        row = {
            "doc_id": doc._.doc_id,
            "mention_id": ids[key],
            "type": span.label_,
            "start": span.start_char,
            "end": span.end_char,
            "text": span.text,
            "normal": span._.normal or span.text,
            "entity_id": span._.entity_id or _default_entity(span),
            "parent_id": ids[parent] if parent is not None else None,
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
    }


def _characters(doc: Doc) -> int:
    """len(doc.text) without building the text (spaCy joins every token to make it)."""
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


def documents_table(docs: Iterable[Doc]) -> pd.DataFrame:
    return typed_frame([document_row(d) for d in docs], DOCUMENT_COLUMNS)
