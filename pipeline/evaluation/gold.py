"""The project's gold format (corpora/gold/*.jsonl) and its validator.

One document per line: {"id", "text", "date", "entities": [{"start", "end", "type", "text",
...attributes}]}. An attribute key that is absent means "not annotated" (not scored); a key
present with null means "stated empty" (scored: the prediction must be empty too).
"""

from __future__ import annotations

import json
import math
import re
from datetime import date
from pathlib import Path
from typing import Any

from pipeline.errors import InputError
from pipeline.evaluation.model import ATTRIBUTE_FIELDS, Document, GoldCorpus, Mention, present_types
from pipeline.evaluation.relations import check_ids, link
from pipeline.evaluation.sources import check_span, iter_jsonl, require
from pipeline.schema import MENTION_COLUMNS, MENTION_TYPES, RELATION_TYPES

ENUMS: dict[str, tuple[str, ...]] = {
    "kind": ("money", "count", "percent"),
    "qualifier": ("eq", "gt", "ge", "lt", "le", "approx", "range"),
    "granularity": ("day", "month", "year", "decade", "century", "present"),
}
NULLABLE = frozenset({"value", "value_max", "unit", "timex", "date_start", "date_end"})
# Free-form keys an annotator may add to any entity without them being scored.
EXTRA_KEYS = frozenset({"id", "mention_id", "parent_id", "comment", "note"})
ENTITY_KEYS = frozenset({"start", "end", "type", "text"})

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# ОКВЭД 2: a section letter or a code 01, 01.1, 01.11, 01.11.1, 01.11.11; several joined by ";".
_OKVED_CODE = r"(?:[A-U]|\d{2}(?:\.\d{1,2}){0,2})"
_OKVED = re.compile(rf"{_OKVED_CODE}(?:\s*;\s*{_OKVED_CODE})*")


def load_gold(path: str | Path) -> GoldCorpus:
    """Read and validate a gold JSONL file; the first fault raises InputError naming its line."""
    path = Path(path)
    documents: list[Document] = []
    first_line: dict[str, int] = {}
    relations_stated = False
    for line, obj in iter_jsonl(path):
        relations_stated |= "relations" in obj
        doc = parse_document(path, line, obj)
        if doc.doc_id in first_line:
            raise InputError(
                path,
                f"field 'id': {doc.doc_id!r} already used on line {first_line[doc.doc_id]}",
                line=line,
            )
        first_line[doc.doc_id] = line
        documents.append(doc)
    if not documents:
        raise InputError(path, "no documents")
    return GoldCorpus(
        path=str(path),
        format="gold",
        documents=documents,
        types=present_types(documents, MENTION_TYPES),
        # A gold that states relations states all of this project's types (none may be absent).
        relation_types=RELATION_TYPES if relations_stated else (),
    )


def parse_document(path: Path, line: int, obj: dict[str, Any]) -> Document:
    doc_id = require(path, line, obj, "id", str)
    if not doc_id.strip():
        raise InputError(path, "field 'id': empty", line=line)
    text = require(path, line, obj, "text", str)
    article_date = obj.get("date")
    if article_date is not None:
        _check_iso(path, line, "field 'date'", article_date)
    entities = require(path, line, obj, "entities", list)
    mentions: list[Mention] = []
    by_id: dict[str, Mention] = {}
    seen: dict[tuple[int, int, str], int] = {}
    for index, entity in enumerate(entities):
        where = f"entity {index}"
        if not isinstance(entity, dict):
            raise InputError(path, f"{where}: expected a JSON object", line=line)
        mention = parse_entity(path, line, where, doc_id, text, entity)
        key = (mention.start, mention.end, mention.type)
        if key in seen:
            # One-to-one matching would count the copy as a miss no system can avoid.
            raise InputError(
                path, f"{where}: duplicates entity {seen[key]} (same start, end, type)", line=line
            )
        seen[key] = index
        mentions.append(mention)
        if isinstance(entity.get("id"), str):
            by_id[entity["id"]] = mention
    doc = Document(doc_id=doc_id, text=text, date=article_date, gold=mentions)
    raw = obj.get("relations")
    if raw is not None:
        if not isinstance(raw, list):
            raise InputError(path, "field 'relations': expected a list", line=line)
        check_ids(raw, set(by_id), (path, line))
        for index, record in enumerate(raw):
            if isinstance(record, dict) and record.get("type") not in RELATION_TYPES:
                raise InputError(
                    path,
                    f"relation {index}: unknown type {record.get('type')!r} "
                    f"(known: {', '.join(RELATION_TYPES)})",
                    line=line,
                )
        doc.relations = link(doc_id, raw, by_id, RELATION_TYPES, (path, line))
    return doc


def parse_entity(
    path: Path, line: int, where: str, doc_id: str, text: str, entity: dict[str, Any]
) -> Mention:
    start = require(path, line, entity, "start", int, where)
    end = require(path, line, entity, "end", int, where)
    kind = require(path, line, entity, "type", str, where)
    if kind not in MENTION_TYPES:
        raise InputError(
            path,
            f"{where} field 'type': unknown type {kind!r} (known: {', '.join(MENTION_TYPES)})",
            line=line,
        )
    stated = require(path, line, entity, "text", str, where)
    check_span(path, line, where, text, start, end, stated)
    allowed = ATTRIBUTE_FIELDS[kind]
    attrs: dict[str, Any] = {}
    for key, value in entity.items():
        if key in ENTITY_KEYS or key in EXTRA_KEYS:
            continue
        if key not in allowed:
            raise InputError(
                path,
                f"{where} field '{key}': not an attribute of {kind} "
                f"(allowed: {', '.join(allowed)})",
                line=line,
            )
        attrs[key] = check_attribute(path, line, f"{where} field '{key}'", key, value)
    _check_consistency(path, line, where, attrs)
    return Mention(doc_id, start, end, kind, attrs, stated)


def check_attribute(path: Path, line: int, where: str, key: str, value: Any) -> Any:
    """Validate one attribute value against the mention table's column type; return it."""

    def fail(reason: str) -> InputError:
        return InputError(path, f"{where}: {reason}, got {json.dumps(value)[:40]}", line=line)

    if value is None:
        if key in NULLABLE:
            return None
        raise fail("must not be null")
    dtype = MENTION_COLUMNS[key]
    if dtype == "Float64":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise fail("expected a number")
        if not math.isfinite(value):
            raise fail("expected a finite number")
        return float(value)
    if dtype == "boolean":
        if not isinstance(value, bool):
            raise fail("expected true or false")
        return value
    if not isinstance(value, str) or not value.strip():
        raise fail("expected a non-empty string")
    if key in ENUMS and value not in ENUMS[key]:
        raise fail(f"expected one of {'|'.join(ENUMS[key])}")
    if key in ("date_start", "date_end"):
        _check_iso(path, line, where, value)
    if key == "okved" and not _OKVED.fullmatch(value):
        raise fail("expected ОКВЭД 2 code(s) like '64.19' or 'K;64.19', ';'-separated")
    return value


def _check_iso(path: Path, line: int, where: str, value: Any) -> None:
    ok = isinstance(value, str) and _ISO_DATE.fullmatch(value)
    if ok:
        try:
            date.fromisoformat(value)
        except ValueError:
            ok = False
    if not ok:
        raise InputError(
            path, f"{where}: expected an ISO date YYYY-MM-DD, got {json.dumps(value)}", line=line
        )


def _check_consistency(path: Path, line: int, where: str, attrs: dict[str, Any]) -> None:
    low, high = attrs.get("value"), attrs.get("value_max")
    if low is not None and high is not None and high < low:
        raise InputError(
            path, f"{where} field 'value_max': {high:g} is below value {low:g}", line=line
        )
    first, last = attrs.get("date_start"), attrs.get("date_end")
    if first is not None and last is not None and last < first:
        raise InputError(
            path, f"{where} field 'date_end': {last} is before date_start {first}", line=line
        )
