"""Reading primitives the gold and corpus readers share: JSONL lines and span checks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.errors import InputError


def iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (1-based line number, object) for each non-blank line."""
    try:
        handle = path.open(encoding="utf-8-sig")  # tolerate a BOM from Windows editors
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(
                        path, f"invalid JSON: {exc.msg} (column {exc.colno})", line=number
                    ) from None
                if not isinstance(obj, dict):
                    raise InputError(
                        path, f"expected a JSON object, got {type(obj).__name__}", line=number
                    )
                yield number, obj
        except UnicodeDecodeError as exc:
            raise InputError(path, f"not UTF-8: {exc.reason} at byte {exc.start}") from None


def require(
    path: Path, line: int, obj: dict[str, Any], key: str, kind: type, where: str = ""
) -> Any:
    """obj[key], which must exist and be of `kind`; errors name `where` and the field."""
    prefix = f"{where} " if where else ""
    if key not in obj:
        raise InputError(path, f"{prefix}field '{key}': missing", line=line)
    value = obj[key]
    # bool is an int subclass, and true/false as an offset is always a mistake.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise InputError(
            path,
            f"{prefix}field '{key}': expected {kind.__name__}, got {json.dumps(value)[:40]}",
            line=line,
        )
    return value


def check_span(
    path: Path,
    line: int | None,
    where: str,
    text: str,
    start: int,
    end: int,
    stated: str | None,
) -> None:
    """Offsets inside the text and text[start:end] equal to the stated text."""
    if not 0 <= start < len(text):
        raise InputError(
            path, f"{where} field 'start': {start} outside the text (0..{len(text) - 1})", line=line
        )
    if not start < end <= len(text):
        raise InputError(
            path,
            f"{where} field 'end': {end} must be > start ({start}) and <= text length "
            f"({len(text)})",
            line=line,
        )
    if stated is not None and text[start:end] != stated:
        raise InputError(
            path,
            f"{where} field 'text': {stated!r} differs from text[{start}:{end}] = "
            f"{text[start:end]!r}",
            line=line,
        )
