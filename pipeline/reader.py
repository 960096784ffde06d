"""Reading articles: encodings, datelines, JSON documents, and clear errors for bad input."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipeline.errors import InputError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
TEXT_SUFFIXES = (".txt",)
JSON_SUFFIXES = (".json", ".jsonl")
SUFFIXES = TEXT_SUFFIXES + JSON_SUFFIXES

# A dateline is the first word "date" followed by something date-like; anything date-like that
# is not a valid ISO date is an error rather than silently becoming text.
_DATELINE = re.compile(r"\A\s*date\s+(\S+)[ \t]*([^\n]*)")
_DATE_LIKE = re.compile(r"\A[\d.\-/]+\Z")
_ISO_DATE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")
# Typography a Russian text has; cp1251 encodes all but ₽ ¥ £ and the thin spaces (a list of
# 70 bullets • in a 2,400-character factRuEval article must not make it "undecodable").
_EXTRA_OK = set("«»„“”‘’—–…№°€₽¥£$§•·©®™±\u00a0\u2009\u202f")


@dataclass(frozen=True)
class Document:
    doc_id: str
    text: str
    source: str
    encoding: str
    date: date | None = None
    title: str | None = None


def parse_iso_date(value: str, path: object, line: int | None = None, what: str = "date") -> date:
    if not _ISO_DATE.match(value):
        raise InputError(path, f"malformed {what} '{value}' (expected YYYY-MM-DD)", line)
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(path, f"malformed {what} '{value}': {exc}", line) from None


def decode(data: bytes, path: object) -> tuple[str, str]:
    """Return (text, encoding name) or raise InputError for binary or undecodable content."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM (Windows "Unicode")
        return _utf16(data, path), "utf-16"
    if b"\x00" in data:
        raise InputError(path, "binary content (NUL bytes), expected a text article")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise InputError(path, f"undecodable text after UTF-8 BOM: {exc.reason}") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1251", errors="replace")
    if _looks_like_russian(text):
        return _cp1251_or_koi8(data, text)
    raise InputError(path, "undecodable text: neither UTF-8 nor cp1251 Russian")


# The ten most frequent Russian letters: 0.62-0.71 of the letters of a NEREL dev text, 0.31-0.38
# of those of its KOI8-R bytes read as cp1251 (both code pages put Cyrillic in 0xC0-0xFF,
# permuted).
_FREQUENT = set("оеаинтсрвл")


def _frequent_share(text: str) -> float:
    letters = [ch for ch in text.lower() if _BASIC_CYRILLIC(ch)]
    return sum(ch in _FREQUENT for ch in letters) / max(len(letters), 1)


def _cp1251_or_koi8(data: bytes, text: str) -> tuple[str, str]:
    """cp1251, unless the bytes read as KOI8-R give a far more Russian letter mix: both decode
    any byte, so a KOI8-R file would otherwise pass as cp1251 mojibake (ЛПНРБОЙС for Компания)."""
    koi8 = data.decode("koi8_r", errors="replace")
    # Margin 0.1: on 60-character windows of NEREL dev, no cp1251 one read as KOI8-R.
    if _frequent_share(koi8) > _frequent_share(text) + 0.1 and _looks_like_russian(koi8):
        return koi8, "koi8-r"
    return text, "cp1251"


def _utf16(data: bytes, path: object) -> str:
    # Its NUL bytes are the encoding's, not a binary file's; a decoded NUL still is binary.
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"undecodable text after UTF-16 BOM: {exc.reason}") from None
    if "\x00" in text:
        raise InputError(path, "binary content (NUL characters), expected a text article")
    return text


def _looks_like_russian(text: str) -> bool:
    # cp1251 maps almost every byte to something, so judge the result instead of the decode:
    # Russian text is basic Cyrillic, ASCII and a little typography, nothing else.
    letters = sum(1 for ch in text if ch.isalpha())
    cyrillic = sum(1 for ch in text if _BASIC_CYRILLIC(ch))
    odd = sum(1 for ch in text if not _plain_char(ch))
    return letters > 0 and cyrillic / letters >= 0.3 and odd / max(len(text), 1) < 0.02


def _BASIC_CYRILLIC(ch: str) -> bool:  # noqa: N802 - reads as a character class
    return "\u0410" <= ch <= "\u044f" or ch in "Ёё"


def _plain_char(ch: str) -> bool:
    if ch.isascii():
        return ch.isprintable() or ch in "\t\n\r"
    return _BASIC_CYRILLIC(ch) or ch in _EXTRA_OK


def dateline_match(text: str) -> re.Match | None:
    """The leading `date YYYY-MM-DD Title` line's match (group 1 the date, 2 the title), if
    the text starts with one; pages use its offsets to show the line as a header."""
    match = _DATELINE.match(text)
    return match if match and _DATE_LIKE.match(match.group(1)) else None


def split_dateline(text: str, path: object) -> tuple[date | None, str | None]:
    """Article date and title from a leading `date YYYY-MM-DD Title` line, if there is one."""
    match = _DATELINE.match(text)
    if not match or not _DATE_LIKE.match(match.group(1)):
        return None, None
    when = parse_iso_date(match.group(1), path, line=1, what="dateline")
    return when, match.group(2).strip() or None


def _check_text(text: str, path: object, line: int | None = None) -> None:
    if not text.strip():
        raise InputError(path, "empty article (no text)", line)
    if "\x00" in text:
        raise InputError(path, "binary content (NUL characters)", line)


def _text_document(path: Path, data: bytes, doc_id: str, date_override: date | None) -> Document:
    text, encoding = decode(data, path)
    _check_text(text, path)
    when, title = split_dateline(text, path)
    return Document(doc_id, text, str(path), encoding, date_override or when, title)


def _json_document(obj: object, path: Path, line: int | None, default_id: str) -> Document:
    if not isinstance(obj, dict):
        raise InputError(path, "expected a JSON object with fields id, text", line)
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError(path, "field 'text' missing or not a string", line)
    _check_text(text, path, line)
    doc_id = str(obj.get("id") or default_id)
    raw_date = obj.get("date")
    when = None
    if raw_date not in (None, ""):
        when = parse_iso_date(str(raw_date)[:10], path, line, what="field 'date'")
    else:
        when, _ = split_dateline(text, path)
    title = obj.get("title")
    return Document(
        doc_id, text, str(path), "utf-8", when, title if isinstance(title, str) else None
    )


def read_bytes(path: Path, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    if not path.exists() and not path.is_symlink():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory, expected an article file")
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise InputError(path, f"file too large ({size} bytes > limit {max_bytes})")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"unreadable: {exc.strerror or exc}") from None


def iter_records(
    path: Path,
    doc_id: str | None = None,
    date_override: date | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Iterator[Document | InputError]:
    """Each document of a file, or an InputError in its place: one bad line hides nothing."""
    path = Path(path)
    stem = doc_id or path.stem
    try:
        data = read_bytes(path, max_bytes)
        if path.suffix.lower() not in JSON_SUFFIXES:
            yield _text_document(path, data, stem, date_override)
            return
        text, _ = decode(data, path)
    except InputError as exc:
        yield exc
        return
    if path.suffix.lower() == ".json":
        yield from _json_records(text, path, stem, date_override)
    else:
        yield from _jsonl_records(text, path, stem, date_override)


def _json_records(
    text: str, path: Path, stem: str, date_override: date | None
) -> Iterator[Document | InputError]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError(path, f"malformed JSON: {exc.msg}", exc.lineno)
        return
    objs = obj if isinstance(obj, list) else [obj]
    for i, item in enumerate(objs):
        record = _safe_json_document(
            item, path, None, stem if len(objs) == 1 else f"{stem}/{i}", date_override
        )
        if isinstance(record, InputError) and isinstance(obj, list):
            record = InputError(path, f"[{i}]: {record.reason}")  # which item of the array
        yield record


def _jsonl_records(
    text: str, path: Path, stem: str, date_override: date | None
) -> Iterator[Document | InputError]:
    for lineno, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield InputError(path, f"malformed JSON line: {exc.msg}", lineno)
            continue
        yield _safe_json_document(obj, path, lineno, f"{stem}/{lineno}", date_override)


def _safe_json_document(
    obj: object, path: Path, line: int | None, default_id: str, date_override: date | None
) -> Document | InputError:
    try:
        document = _json_document(obj, path, line, default_id)
    except InputError as exc:
        return exc
    if date_override:
        document = Document(**{**document.__dict__, "date": date_override})
    return document


def read_documents(path: Path, date_override: date | None = None) -> list[Document]:
    """All documents of one file; the first bad record raises InputError."""
    documents = []
    for record in iter_records(Path(path), date_override=date_override, max_bytes=None):
        if isinstance(record, InputError):
            raise record
        documents.append(record)
    return documents
