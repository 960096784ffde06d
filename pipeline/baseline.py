"""natasha's own NER, DatesExtractor and MoneyExtractor as a mentions table: the baseline that
evaluation reports and the benchmark measure the pipeline against.
"""

from __future__ import annotations

import calendar
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pipeline.schema import MENTION_COLUMNS

STAGE = "natasha"


@dataclass(frozen=True)
class _Models:
    segmenter: Any
    ner: Any
    morph: Any
    syntax: Any
    vocab: Any
    dates: Any
    money: Any


_models: _Models | None = None
_lock = threading.Lock()


def models() -> _Models:
    """Load natasha's models once per process (about a second and 100+ MB each time)."""
    global _models
    with _lock:
        if _models is None:
            from natasha import (
                DatesExtractor,
                MoneyExtractor,
                MorphVocab,
                NewsEmbedding,
                NewsMorphTagger,
                NewsNERTagger,
                NewsSyntaxParser,
                Segmenter,
            )

            embedding = NewsEmbedding()
            vocab = MorphVocab()
            _models = _Models(
                segmenter=Segmenter(),
                ner=NewsNERTagger(embedding),
                morph=NewsMorphTagger(embedding),
                syntax=NewsSyntaxParser(embedding),
                vocab=vocab,
                dates=DatesExtractor(vocab),
                money=MoneyExtractor(vocab),
            )
    return _models


def natasha_mentions(docs: Iterable[tuple[str, str]], normalize: bool = False) -> pd.DataFrame:
    """Mentions table (MENTION_COLUMNS, stage "natasha") for (doc_id, text) pairs.

    NER gives PER/LOC/ORG, DatesExtractor DATE, MoneyExtractor AMOUNT (kind money).
    normalize=True also fills `normal` with natasha's lemmatised span (needs the morphology
    tagger and, for ORG, the syntax parser: roughly three times slower, so off for benchmarks).
    """
    rows: list[dict[str, Any]] = []
    for doc_id, text in docs:
        rows.extend(_document_rows(doc_id, text, normalize))
    frame = pd.DataFrame(rows, columns=list(MENTION_COLUMNS))
    return frame.astype(MENTION_COLUMNS) if len(frame) else _typed_empty()


def _typed_empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in MENTION_COLUMNS.items()})


def _document_rows(doc_id: str, text: str, normalize: bool) -> list[dict[str, Any]]:
    from natasha import Doc

    m = models()
    doc = Doc(text)
    doc.segment(m.segmenter)
    sentence_starts = [s.start for s in doc.sents]
    found: list[dict[str, Any]] = []
    if text.strip():
        doc.tag_ner(m.ner)
        if normalize and doc.spans:
            doc.tag_morph(m.morph)
            doc.parse_syntax(m.syntax)
        for span in doc.spans:
            normal = None
            if normalize:
                span.normalize(m.vocab)
                normal = span.normal
            found.append(_row(span.start, span.stop, span.type, text, normal=normal))
        for match in m.dates(text):
            found.append(_row(match.start, match.stop, "DATE", text, **_date_fields(match.fact)))
        for match in m.money(text):
            fact = match.fact
            found.append(
                _row(
                    match.start,
                    match.stop,
                    "AMOUNT",
                    text,
                    kind="money",
                    value=float(fact.amount),
                    unit=fact.currency,
                    qualifier="eq",
                )
            )
    found.sort(key=lambda r: (r["start"], -r["end"], r["type"]))
    for index, row in enumerate(found):
        row["doc_id"] = doc_id
        row["mention_id"] = f"{doc_id}:natasha:{index}"
        row["sentence"] = _sentence_of(row["start"], sentence_starts)
    return found


def _row(start: int, end: int, mention_type: str, text: str, **fields: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(MENTION_COLUMNS)
    row.update(type=mention_type, start=start, end=end, text=text[start:end], stage=STAGE, **fields)
    return row


def _sentence_of(start: int, sentence_starts: list[int]) -> int | None:
    index = None
    for i, first in enumerate(sentence_starts):
        if first > start:
            break
        index = i
    return index


def _date_fields(fact: Any) -> dict[str, Any]:
    """TIMEX-style value and ISO bounds from natasha's Date(year, month, day).

    natasha does not resolve a missing year from the article date, so "21 декабря" stays
    XXXX-12-21 with no bounds: that is the baseline's real output.
    """
    year, month, day = fact.year, fact.month, fact.day
    granularity = "day" if day else "month" if month else "year"
    parts = [f"{year:04d}" if year else "XXXX"]
    if month or day:
        parts.append(f"{month:02d}" if month else "XX")
    if day:
        parts.append(f"{day:02d}")
    start = end = None
    if year:
        try:
            if day and month:
                start = end = f"{year:04d}-{month:02d}-{day:02d}"
                calendar.weekday(year, month, day)  # rejects 31 February
            elif month:
                last = calendar.monthrange(year, month)[1]
                start, end = f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
            elif not day:
                start, end = f"{year:04d}-01-01", f"{year:04d}-12-31"
        except ValueError:
            start = end = None
    return {
        "timex": "-".join(parts),
        "date_start": start,
        "date_end": end,
        "granularity": granularity,
        "relative": False,
    }
