"""The annotated page: the article with every mention highlighted, normalised values beside it."""

from __future__ import annotations

import html
import warnings
from collections.abc import Iterable

import pandas as pd
from spacy import displacy
from spacy.tokens import Doc, SpanGroup

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


def render_doc(doc: Doc) -> str:
    key = "_all_mentions"
    doc.spans[key] = SpanGroup(doc, name=key, spans=doc_mentions(doc))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # displaCy warns about a doc without mentions
            article = displacy.render(
                doc, style="span", page=False, options={"spans_key": key, "colors": COLORS}
            )
    finally:
        del doc.spans[key]
    rows = pd.DataFrame(mention_rows(doc), columns=_VALUE_COLUMNS).dropna(axis=1, how="all")
    table = rows.to_html(index=False, na_rep="", escape=True)
    title = html.escape(doc._.title or doc._.doc_id or "")
    return (
        f"<h2>{title}</h2><p>doc_id: {html.escape(str(doc._.doc_id))}, date: "
        f"{doc._.article_date or 'unknown'}</p><div class='layout'><div class='article'>"
        f"{article}</div><div class='values'>{table}</div></div>"
    )


def render_page(docs: Iterable[Doc]) -> str:
    legend = "".join(f"<span style='background:{c}'>{t}</span>" for t, c in COLORS.items())
    body = "<hr>".join(render_doc(d) for d in docs)
    return (
        "<!DOCTYPE html><html lang='ru'><head><meta charset='utf-8'><title>Annotated articles"
        f"</title><style>{_STYLE}</style></head><body><p class='legend'>{legend}</p>{body}"
        "</body></html>"
    )


__all__ = ["render_page", "render_doc", "COLORS", "MENTION_TYPES"]
