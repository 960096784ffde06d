"""The annotated page: the article with every mention highlighted, normalised values beside it."""

from __future__ import annotations

import html
import warnings
from collections.abc import Iterable

import pandas as pd
from spacy import displacy
from spacy.tokens import Doc, Span, SpanGroup

from pipeline.schema import MENTION_TYPES
from pipeline.tables import doc_mentions, mention_rows

COLORS = {
    "ORG": "#7aecec",
    "PER": "#aa9cfc",
    "LOC": "#ff9561",
    "AMOUNT": "#e4e7d2",
    "DATE": "#bfe1d9",
    "SECTOR": "#feca74",
}
_VALUE_COLUMNS = (
    ["mention_id", "type", "text", "normal", "entity_id"]
    + ["kind", "value", "value_max", "unit", "qualifier"]
    + ["timex", "date_start", "date_end", "granularity", "relative", "sector", "okved"]
)
_STYLE = """
body { font-family: sans-serif; margin: 1em 2em; }
.layout { display: flex; gap: 2em; align-items: flex-start; }
.article { flex: 3; } .values { flex: 2; font-size: 12px; max-height: 95vh; overflow: auto; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 2px 4px; }
.legend span { padding: 2px 6px; margin-right: 4px; border-radius: 3px; }
"""


_PARAGRAPH = "\u2029"  # stands in for a line break while displaCy lays out the text


# displaCy's span renderer compares every token with every span: past this many tokens a
# document is marked up by `_linear_article` instead (a stop-gap until the Jinja2 page).
DISPLACY_MAX_TOKENS = 5_000


def render_doc(doc: Doc) -> str:
    rows = mention_rows(doc)
    if len(doc) > DISPLACY_MAX_TOKENS:
        article = _linear_article(doc.text, rows)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # displaCy warns about a doc without mentions
            article = displacy.render(
                _display_copy(doc), style="span", page=False, options={"colors": COLORS}
            )
        article = article.replace(_PARAGRAPH, "<br>")
    return _section(doc._.title, doc._.doc_id, doc._.article_date, article, rows)


def render_rows(document, rows: list[dict]) -> str:
    """A document known by its rows only (one processed in pieces), marked up linearly."""
    article = _linear_article(document.text, rows)
    return _section(document.title, document.doc_id, document.date, article, rows)


def _section(title, doc_id, when, article: str, rows: list[dict]) -> str:
    frame = pd.DataFrame(rows, columns=_VALUE_COLUMNS).dropna(axis=1, how="all")
    table = frame.to_html(index=False, na_rep="", escape=True)
    title = html.escape(title or doc_id or "")
    return (
        f"<h2>{title}</h2><p>doc_id: {html.escape(str(doc_id))}, date: "
        f"{when or 'unknown'}</p><div class='layout'><div class='article'>"
        f"{article}</div><div class='values'>{table}</div></div>"
    )


def _linear_article(text: str, rows: list[dict]) -> str:
    """The text with each mention in a coloured <mark>, in one pass over the offsets. Marks
    must nest in HTML: a mention crossing an open one is left to the table beside."""
    parts, cursor, open_ends = [], 0, []

    def upto(position: int) -> None:
        nonlocal cursor
        parts.append(html.escape(text[cursor:position]).replace("\n", "<br>"))
        cursor = position

    for row in rows:  # table order: start ascending, the longer of two first
        start, end = row["start"], row["end"]
        while open_ends and open_ends[-1] <= start:
            upto(open_ends.pop())
            parts.append("</mark>")
        if open_ends and end > open_ends[-1]:
            continue
        upto(start)
        color = COLORS.get(row["type"], "#ddd")
        label = html.escape(f"{row['type']} {row['mention_id']}", quote=True)
        parts.append(f"<mark style='background:{color}' title='{label}'>")
        open_ends.append(end)
    while open_ends:
        upto(open_ends.pop())
        parts.append("</mark>")
    upto(len(text))
    return "".join(parts)


def render_page(docs: Iterable[Doc]) -> str:
    return page(render_doc(d) for d in docs)


def page(sections: Iterable[str]) -> str:
    """The HTML page around rendered documents (render_doc, render_rows)."""
    legend = "".join(f"<span style='background:{c}'>{t}</span>" for t, c in COLORS.items())
    body = "<hr>".join(sections)
    return (
        "<!DOCTYPE html><html lang='ru'><head><meta charset='utf-8'><title>Annotated articles"
        f"</title><style>{_STYLE}</style></head><body><p class='legend'>{legend}</p>{body}"
        "</body></html>"
    )


def _display_copy(doc: Doc) -> Doc:
    """The same tokens and mentions, with line breaks made visible: displaCy prints a
    whitespace token as plain text, so paragraphs would run together."""
    words = [_PARAGRAPH * t.text.count("\n") if "\n" in t.text else t.text for t in doc]
    view = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
    spans = [Span(view, s.start, s.end, label=s.label_) for s in doc_mentions(doc)]
    view.spans["sc"] = SpanGroup(view, name="sc", spans=spans)
    return view


__all__ = ["page", "render_page", "render_doc", "render_rows", "COLORS", "MENTION_TYPES"]
