"""The article's HTML markup: the text exactly as written, mentions as nested elements.

One sweep over the sorted span boundaries builds it, so a multi-megabyte article costs time
linear in its length (times the nesting depth at a crossing, which is a handful). Mentions
may nest (an ORG inside an ORG) and, rarely, cross; a crossing one is closed and re-opened
around the boundary, its pieces sharing one `data-m` id so hover and selection still work.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    """One highlighted stretch [start, end) of the text; `key` names its row in the table."""

    start: int
    end: int
    key: str
    label: str


@dataclass(frozen=True)
class Insert:
    """HTML placed at a text offset, outside every mention (facts under a sentence)."""

    at: int
    html: str


def markup(
    text: str,
    marks: Iterable[Mark],
    lo: int = 0,
    hi: int | None = None,
    inserts: Sequence[Insert] = (),
    open_tag: Callable[[Mark, bool], str] | None = None,
) -> str:
    """HTML for text[lo:hi] with every mark wrapped in an element (clipped to [lo, hi))."""
    return "".join(markup_chunks(text, marks, lo, hi, inserts, open_tag))


# Pieces of HTML joined into one chunk: a book's markup goes to disk a chunk at a time.
CHUNK_PIECES = 4096


def markup_chunks(
    text: str,
    marks: Iterable[Mark],
    lo: int = 0,
    hi: int | None = None,
    inserts: Sequence[Insert] = (),
    open_tag: Callable[[Mark, bool], str] | None = None,
) -> Iterator[str]:
    """`markup` as consecutive chunks of HTML, never the whole of it at once."""
    hi = len(text) if hi is None else hi
    opener = open_tag or _default_open
    # Ordered as the tables order mentions: by start, the longer (outer) one first.
    spans = sorted(
        (Mark(max(m.start, lo), min(m.end, hi), m.key, m.label) for m in marks),
        key=lambda m: (m.start, -m.end),
    )
    spans = [m for m in spans if m.start < m.end]
    ends = sorted(set(m.end for m in spans) | {i.at for i in inserts if lo <= i.at <= hi})
    out: list[str] = []
    stack: list[Mark] = []
    pos, si, ei = lo, 0, 0
    inserts_at: dict[int, list[str]] = {}
    for insert in inserts:
        inserts_at.setdefault(insert.at, []).append(insert.html)
    while si < len(spans) or ei < len(ends):
        next_start = spans[si].start if si < len(spans) else hi + 1
        next_end = ends[ei] if ei < len(ends) else hi + 1
        at = min(next_start, next_end)
        out.append(_escape(text[pos:at]))
        pos = at
        if next_end <= next_start:  # close before opening at the same offset
            _close_at(at, stack, out, opener, inserts_at.get(at, ()))
            ei += 1
        else:
            mark = spans[si]
            stack.append(mark)
            out.append(opener(mark, False))
            si += 1
        if len(out) >= CHUNK_PIECES:
            yield "".join(out)
            out.clear()
    out.append(_escape(text[pos:hi]))
    out.extend("</mark>" for _ in stack)
    yield "".join(out)


def _close_at(
    at: int,
    stack: list[Mark],
    out: list[str],
    opener: Callable[[Mark, bool], str],
    inserts: Sequence[str],
) -> None:
    """Close the marks ending at `at`; marks opened inside them but ending later (crossing)
    are closed first and re-opened after. An insert closes and re-opens everything open."""
    if inserts:
        keep = [m for m in stack if m.end > at]
    else:
        first = next((i for i, m in enumerate(stack) if m.end == at), None)
        if first is None:
            return
        keep = [m for m in stack[first:] if m.end > at]
        out.extend("</mark>" for _ in stack[first:])
        del stack[first:]
    if inserts:
        out.extend("</mark>" for _ in stack)
        stack.clear()
        out.extend(inserts)
    for mark in keep:
        stack.append(mark)
        out.append(opener(mark, True))


def _escape(chunk: str) -> str:
    """Text as HTML that reads back unchanged: the HTML parser folds CR LF into LF, so a
    carriage return (Windows line ends, common in cp1251 files) is written as a reference."""
    return html.escape(chunk, quote=False).replace("\r", "&#13;")


def _default_open(mark: Mark, continued: bool) -> str:
    extra = " cont" if continued else ""
    key = html.escape(mark.key)
    return f'<mark class="m t-{html.escape(mark.label)}{extra}" data-m="{key}">'
