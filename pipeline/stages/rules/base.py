"""What every rule component shares: lexicon loading, span writing, candidate filtering.

A rule component is a spaCy component whose __init__ compiles its matchers once per process and
whose __call__ adds spans to doc.spans[LABEL] with `_.stage`, `_.value` and `_.normal` set.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Doc, Span, SpanGroup

from pipeline.errors import InputError
from pipeline.extensions import set_span_attrs


def load_lexicon(path: str | Path) -> dict:
    path = Path(path)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(path, f"cannot read lexicon: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, f"malformed TOML: {exc}") from None


def word_list(raw: dict, table: str, key: str, path: str | Path) -> list[str]:
    """`[table] key` of a lexicon, a list of strings (none when absent); anything else — a
    bare string would be read letter by letter — is an InputError naming the file and list."""
    value = raw.get(table, {}).get(key, [])
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise InputError(path, f"[{table}] {key}: expected a list of words, got {value!r}")
    return value


def make_span(
    doc: Doc,
    start: int,
    end: int,
    label: str,
    stage: str,
    value: object = None,
    normal: str | None = None,
) -> Span:
    """A labelled span with its attributes. Whitespace tokens at its edges (left there when a
    rule drops a quote or a bracket next to a space) are never part of a mention."""
    while end - start > 1 and doc[end - 1].is_space:
        end -= 1
    while end - start > 1 and doc[start].is_space:
        start += 1
    span = Span(doc, start, end, label=label)
    set_span_attrs(span, stage=stage, value=value, normal=normal)
    return span


def set_group(doc: Doc, label: str, spans: Iterable[Span]) -> None:
    """Replace a span group, ordered by position, dropping exact duplicates."""
    seen, unique = set(), []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        key = (span.start, span.end, span.label_)
        if key not in seen:
            seen.add(key)
            unique.append(span)
    doc.spans[label] = SpanGroup(doc, name=label, spans=unique)


def add_spans(doc: Doc, label: str, spans: Iterable[Span]) -> None:
    existing = list(doc.spans[label]) if label in doc.spans else []
    set_group(doc, label, existing + list(spans))


def drop_overlapping(spans: list[Span]) -> list[Span]:
    """Keep the longest of overlapping candidates (earliest wins ties), as spaCy's filter_spans."""
    from spacy.util import filter_spans

    return filter_spans(spans)
