"""report.html: each article with the gold and every system's mentions side by side.

Spans are coloured by type; the outline says how the mention fared under partial matching
(exact, boundary, missed / false positive, excluded from scoring). Hover for offsets and
attributes. Large corpora show only the first N documents.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from pipeline.evaluation.metrics import Alignment, Counts, attribute_mismatches
from pipeline.evaluation.model import Document, Mention
from pipeline.evaluation.run import Run, score_table

COLOURS = {
    "ORG": "#cfe2ff",
    "PER": "#d4f2d4",
    "LOC": "#ffe3b3",
    "AMOUNT": "#e4d4ff",
    "DATE": "#c4eeee",
    "SECTOR": "#ffd3e6",
}
STATUS_TITLES = {
    "exact": "exact match",
    "boundary": "overlaps gold of the same type, different boundaries",
    "missed": "missed by {system}",
    "fp": "false positive",
    "excluded": "excluded from scoring",
}

CSS = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; margin: .5em 0 1em; }
td, th { border: 1px solid #ccc; padding: 2px 8px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.cols { display: grid; gap: 1em; }
.col { min-width: 0; }
.col h3 { margin: .2em 0; font-size: 14px; }
.text { white-space: pre-wrap; border: 1px solid #ddd; padding: .6em; background: #fcfcfc; }
mark { padding: 0 1px; border-radius: 3px; color: inherit; }
mark.exact { box-shadow: inset 0 -2px #2a8a4a; }
mark.boundary { outline: 2px dashed #e08a00; }
mark.missed, mark.fp { outline: 2px solid #d33; }
mark.excluded { background: #eee !important; outline: 1px dotted #888; }
mark.attr { text-decoration: underline wavy #c0392b; }
mark::after { content: attr(data-t); font-size: 8px; color: #666; vertical-align: super; }
.legend span { display: inline-block; margin: 0 .6em .3em 0; }
section.doc { margin-top: 2em; border-top: 2px solid #999; }
"""


def write_html(run: Run, path: Path, max_docs: int = 20) -> Path:
    corpus = run.corpus
    shown = corpus.documents[: max(0, max_docs)]
    parts = [
        "<!doctype html>",
        '<html lang="ru"><head><meta charset="utf-8">',
        f"<title>Evaluation: {escape(Path(corpus.path).name)}</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>Evaluation report</h1>",
        f"<p>Gold: <code>{escape(corpus.path)}</code> ({escape(corpus.format)}, "
        f"{len(corpus.documents)} document(s)). "
        + "; ".join(f"{escape(n)}: {escape(s)}" for n, s in run.sources.items())
        + "</p>",
        "<h2>Strict scores</h2>",
        _markdown_table_html(score_table(run, "strict")),
        _legend(run),
    ]
    if len(shown) < len(corpus.documents):
        parts.append(
            f"<p>Showing the first {len(shown)} of {len(corpus.documents)} documents "
            "(--html-docs).</p>"
        )
    for doc in shown:
        parts.append(_document(run, doc))
    parts.append("</body></html>")
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return path


def _legend(run: Run) -> str:
    chips = "".join(
        f'<span><mark style="background:{c}">{t}</mark></span>'
        for t, c in COLOURS.items()
        if t in run.primary.types
    )
    states = (
        '<span><mark class="exact">exact</mark></span>'
        '<span><mark class="boundary">boundary</mark></span>'
        f'<span><mark class="missed">missed by {escape(run.primary.system)} / '
        "false positive</mark></span>"
        '<span><mark class="excluded">excluded from scoring</mark></span>'
        '<span><mark class="attr">wrong attribute</mark></span>'
    )
    return f'<p class="legend">{chips}<br>{states}</p>'


def _markdown_table_html(lines: list[str]) -> str:
    rows = [[c.strip().strip("*") for c in line.strip("|").split(" | ")] for line in lines]
    head, body = rows[0], rows[2:]
    html = ["<table><tr>" + "".join(f"<th>{escape(c)}</th>" for c in head) + "</tr>"]
    html += ["<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in body]
    return "".join(html) + "</table>"


def _document(run: Run, doc: Document) -> str:
    primary = run.primary
    columns = [_gold_column(doc, primary.alignments.get(doc.doc_id), primary.system)]
    for name, result in run.results.items():
        alignment = result.alignments.get(doc.doc_id) or Alignment()
        columns.append(_system_column(doc, name, alignment))
    title = escape(doc.doc_id) + (f" · {escape(doc.date)}" if doc.date else "")
    return (
        f'<section class="doc"><h2>{title}</h2>'
        f'<div class="cols" style="grid-template-columns: repeat({len(columns)}, 1fr)">'
        + "".join(columns)
        + "</div></section>"
    )


def _gold_column(doc: Document, alignment: Alignment | None, system: str) -> str:
    missed = {id(m) for m in alignment.missed} if alignment else set()
    spans = []
    for m in doc.gold:
        status = "missed" if id(m) in missed else ""
        note = STATUS_TITLES["missed"].format(system=system) if status else ""
        spans.append((m, status, _tooltip(m, note)))
    for m in doc.ignored:
        spans.append((m, "excluded", _tooltip(m, STATUS_TITLES["excluded"])))
    head = f"Gold ({len(doc.gold)})"
    return _column(head, doc.text, spans)


def _system_column(doc: Document, name: str, alignment: Alignment) -> str:
    spans = []
    for gold, pred in alignment.pairs:
        exact = (gold.start, gold.end) == (pred.start, pred.end)
        status = "exact" if exact else "boundary"
        notes = [STATUS_TITLES[status]]
        if not exact:
            notes.append(f"gold [{gold.start}:{gold.end}] {doc.text[gold.start : gold.end]!r}")
        mismatches = attribute_mismatches(gold, pred)
        for field, want, got in mismatches:
            notes.append(f"✗ {field}: gold {want!r}, predicted {got!r}")
        if mismatches:
            status += " attr"
        spans.append((pred, status, _tooltip(pred, "\n".join(notes))))
    for pred in alignment.spurious:
        spans.append((pred, "fp", _tooltip(pred, STATUS_TITLES["fp"])))
    for pred in alignment.ignored:
        spans.append((pred, "excluded", _tooltip(pred, STATUS_TITLES["excluded"])))
    exact = sum((g.start, g.end) == (p.start, p.end) for g, p in alignment.pairs)
    strict = Counts(
        tp=exact,
        fp=len(alignment.spurious) + len(alignment.pairs) - exact,
        fn=len(alignment.missed) + len(alignment.pairs) - exact,
    )
    head = (
        f"{name} ({len(alignment.pairs) + len(alignment.spurious)}; "
        f"strict F1 {strict.f1:.2f}; {len(alignment.missed)} missed, "
        f"{len(alignment.spurious)} false positive(s), {len(alignment.pairs) - exact} boundary)"
    )
    return _column(head, doc.text, spans)


def _tooltip(m: Mention, note: str) -> str:
    lines = [f"{m.type} [{m.start}:{m.end}]"]
    lines += [f"{k}: {v}" for k, v in m.attrs.items() if v is not None]
    if note:
        lines.append(note)
    return "\n".join(lines)


def _column(head: str, text: str, spans: list[tuple[Mention, str, str]]) -> str:
    return (
        f'<div class="col"><h3>{escape(head)}</h3>'
        f'<div class="text">{render(text, spans)}</div></div>'
    )


def render(text: str, spans: list[tuple[Mention, str, str]]) -> str:
    """HTML of `text` with nested <mark>s; a span crossing its parent is clipped to it."""
    ordered = sorted(spans, key=lambda s: (s[0].start, -s[0].end))
    out: list[str] = []
    pos = 0
    stack: list[int] = []  # end offsets of the open marks, innermost last

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1] <= limit:
            end = stack.pop()
            out.append(escape(text[pos:end]))
            out.append("</mark>")
            pos = end

    for mention, status, title in ordered:
        close_until(mention.start)
        out.append(escape(text[pos : mention.start]))
        pos = mention.start
        end = min(mention.end, stack[-1]) if stack else mention.end
        out.append(_open(mention, status, title))
        stack.append(end)
    close_until(len(text))
    out.append(escape(text[pos:]))
    return "".join(out)


def _open(m: Mention, status: str, title: str) -> str:
    colour = COLOURS.get(m.type, "#eee")
    attrs: dict[str, Any] = {
        "class": f"t-{m.type} {status}".strip(),
        "data-t": m.type,  # shown by CSS, so copying the text does not copy the labels
        "style": f"background:{colour}",
        "title": title,
    }
    return "<mark " + " ".join(f'{k}="{escape(str(v))}"' for k, v in attrs.items()) + ">"
