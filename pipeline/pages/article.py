"""The annotated article page: the text as written, mentions highlighted, values on hover,
and the mentions table below it. Built from the text and the mentions table's rows, so a
batch worker (which keeps rows, not Docs) renders the same page as `extract`."""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.config import PROJECT_ROOT
from pipeline.pages.markup import Insert, Mark, markup
from pipeline.pages.templating import environment
from pipeline.reader import dateline_match
from pipeline.schema import MENTION_COLUMNS, TABLE_MENTION_TYPES

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from pipeline.reader import Document

# displaCy's span colours: readers of spaCy's pages know them.
COLORS = {
    "ORG": "#7aecec",
    "PER": "#aa9cfc",
    "LOC": "#ff9561",
    "AMOUNT": "#e4e7d2",
    "DATE": "#bfe1d9",
    "SECTOR": "#feca74",
    "PLACE_ADJ": "#c887fb",  # displaCy's NORP: nationalities and the like
}
OKVED_CSV = PROJECT_ROOT / "configs" / "okved2_used.csv"
HIDDEN_COLUMNS = ("doc_id",)  # the same for every row of a page
NUMERIC_COLUMNS = ("start", "end", "sentence", "value", "value_max")
Row = Mapping[str, Any]


@dataclass
class ArticleInput:
    """Everything one article's page shows. `facts` maps a sentence number (the mentions
    table's `sentence`) to rows shown under that sentence; it needs `sentence_ends`, the
    character offset where each sentence ends."""

    doc_id: str
    text: str
    rows: list[Row]
    title: str | None = None
    date: str | None = None
    sentence_ends: Sequence[int] | None = None
    facts: Mapping[int, Sequence[Row]] | None = None
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_doc(
        cls,
        doc: Doc,
        facts: Mapping[int, Sequence[Row]] | None = None,
        rows: list[Row] | None = None,
    ) -> ArticleInput:
        """`rows`: the Doc's mention rows when the caller has them already."""
        from pipeline.tables import mention_rows

        when = doc._.article_date
        return cls(
            doc_id=str(doc._.doc_id or ""),
            text=doc.text,
            rows=rows if rows is not None else mention_rows(doc),
            title=doc._.title,
            date=when.isoformat() if when else None,
            sentence_ends=[s.end_char for s in doc.sents] if facts else None,
            facts=facts,
        )

    @classmethod
    def from_document(
        cls,
        document: Document,
        rows: list[Row],
        facts: Iterable[Row] = (),
        sentence_ends: Sequence[int] | None = None,
    ) -> ArticleInput:
        """From a read document and its table rows, for callers that keep rows, not Docs
        (batch workers, long documents run in pieces). Facts show only with `sentence_ends`."""
        when = document.date.isoformat() if document.date else None
        by_sentence = facts_by_sentence(facts) if sentence_ends is not None else None
        return cls(
            document.doc_id,
            document.text,
            rows,
            document.title,
            when,
            sentence_ends=sentence_ends if by_sentence else None,
            facts=by_sentence or None,
        )


def article_section(article: ArticleInput, element_id: str = "article") -> str:
    """One article's section (header, text, mentions table); the page wraps sections."""
    text, rows = article.text, [clean_row(r) for r in article.rows]
    marks = [
        Mark(int(r["start"]), int(r["end"]), str(r["mention_id"]), str(r["type"])) for r in rows
    ]
    head = _head_parts(article, marks)
    inserts = _fact_inserts(article)
    body = markup(text, marks, head.body_start, len(text), inserts, _open_tag)
    columns = table_columns(rows)
    return (
        environment()
        .get_template("article_section.html.j2")
        .render(
            element_id=element_id,
            doc_id=article.doc_id,
            title_html=head.title_html,
            date_html=head.date_html,
            body_html=body,
            columns=columns,
            numeric=[c in NUMERIC_COLUMNS for c in columns],
            n_rows=len(rows),
            counts={t: sum(1 for r in rows if r["type"] == t) for t in TABLE_MENTION_TYPES},
            colors=COLORS,
            data=_json({str(r["mention_id"]): _tip_values(r) for r in rows}),
            # The table's cells travel once, as JSON, and the page's script lays them out:
            # a long article's page stays a few times the article's size, and builds fast.
            table=_json([[display(r.get(c)) for c in columns] for r in rows]),
        )
    )


def article_page(articles: Iterable[ArticleInput], title: str | None = None) -> str:
    """The whole self-contained page (styles and script inline, no network)."""
    articles = list(articles)
    single = len(articles) == 1
    sections = [
        article_section(a, "article" if single else f"article-{i + 1}")
        for i, a in enumerate(articles)
    ]
    heading = title or (articles[0].title or articles[0].doc_id if single else "Annotated articles")
    return (
        environment()
        .get_template("article.html.j2")
        .render(page_title=heading, sections=sections, colors=COLORS)
    )


def render_doc(doc: Doc, facts: Mapping[int, Sequence[Row]] | None = None) -> str:
    """One Doc's section (the page's building block; `render_page` makes the page)."""
    return article_section(ArticleInput.from_doc(doc, facts))


def render_page(
    docs: Iterable[Doc], facts: Mapping[str, Mapping[int, Sequence[Row]]] | None = None
) -> str:
    """The annotated page for Docs (one section each); `facts` is keyed by doc_id."""
    facts = facts or {}
    return article_page(ArticleInput.from_doc(d, facts.get(d._.doc_id)) for d in docs)


def facts_by_document(rows: Iterable[Row]) -> dict[str, dict[int, list[Row]]]:
    """Fact rows with `doc_id` and `sentence` columns (e.g. a facts DataFrame's
    `.to_dict("records")`) grouped as `render_page(docs, facts=...)` takes them."""
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        grouped.setdefault(str(row["doc_id"]), []).append(row)
    return {doc_id: facts_by_sentence(facts) for doc_id, facts in grouped.items()}


def facts_by_sentence(rows: Iterable[Row]) -> dict[int, list[Row]]:
    """Group fact rows (dicts or a DataFrame's records with a `sentence` column)."""
    grouped: dict[int, list[Row]] = {}
    for row in rows:
        grouped.setdefault(int(row["sentence"]), []).append(row)
    return grouped


# --------------------------------------------------------------------------- pieces


@dataclass
class _Head:
    title_html: str
    date_html: str
    body_start: int


def _head_parts(article: ArticleInput, marks: list[Mark]) -> _Head:
    """Title and date for the header; from the dateline with its mentions when there is one."""
    from html import escape

    text = article.text
    match = dateline_match(text)
    if match is None:
        return _Head(escape(article.title or ""), escape(article.date or ""), 0)
    line_end = text.find("\n", match.end())
    body_start = len(text) if line_end < 0 else line_end + 1
    date_html = markup(text, marks, match.start(1), match.end(1), (), _open_tag)
    title_lo, title_hi = match.start(2), match.end(2)
    title = text[title_lo:title_hi].strip()
    if title and (not article.title or title == article.title.strip()):
        title_lo += len(text[title_lo:title_hi]) - len(text[title_lo:title_hi].lstrip())
        title_html = markup(text, marks, title_lo, title_lo + len(title), (), _open_tag)
    else:
        title_html = escape(article.title or "")
    return _Head(title_html, date_html, body_start)


def _fact_inserts(article: ArticleInput) -> list[Insert]:
    if not article.facts or article.sentence_ends is None:
        return []
    template = environment().get_template("facts.html.j2")
    inserts = []
    for sentence, facts in sorted(article.facts.items()):
        if 0 <= sentence < len(article.sentence_ends) and facts:
            cells = [fact_cells(clean_row(f)) for f in facts]
            html = template.render(sentence=sentence, columns=FACT_HEADINGS, rows=cells)
            inserts.append(Insert(article.sentence_ends[sentence], html))
    return inserts


# A fact reads as one line under its sentence: who, how much, when, which sector, where.
FACT_HEADINGS = ("fact", "who", "with whom", "how much", "when", "sector", "where", "status")
_QUALIFIER_SIGNS = {"gt": "> ", "ge": "≥ ", "lt": "< ", "le": "≤ ", "approx": "≈ "}
_SCALES = ((1e9, " bn"), (1e6, " mn"), (1e3, " K"))


def fact_cells(row: Row) -> list[str]:
    """One fact row as the page's columns (FACT_HEADINGS), values spelled out for reading."""
    status = [v for v in (row.get("modality"), row.get("polarity")) if v and v != "positive"]
    return [
        display(row.get("trigger")),
        display(row.get("agent")),
        display(row.get("counterpart")),
        _amount_text(row),
        _date_text(row),
        " ".join(display(v) for v in (row.get("sector"), row.get("okved")) if v),
        display(row.get("location")),
        ", ".join(status) or "done",
    ]


def _amount_text(row: Row) -> str:
    value = row.get("amount_value")
    if value is None:
        return ""
    number = float(value)
    for scale, suffix in _SCALES:
        if abs(number) >= scale:
            number, unit_scale = number / scale, suffix
            break
    else:
        unit_scale = ""
    sign = _QUALIFIER_SIGNS.get(row.get("qualifier") or "", "")
    return f"{sign}{number:g}{unit_scale} {display(row.get('amount_unit'))}".strip()


def _date_text(row: Row) -> str:
    start, end = row.get("date_start"), row.get("date_end")
    if start and end and start != end:
        return f"{start} – {end}"
    return display(start or row.get("date_timex"))


def _open_tag(mark: Mark, continued: bool) -> str:
    """A mention element: focusable (the first piece of a crossing one only)."""
    from html import escape

    key, label = escape(mark.key), escape(mark.label)
    if continued:
        return f'<mark class="m t-{label} cont" data-m="{key}">'
    return (
        f'<mark class="m t-{label}" data-m="{key}" tabindex="0" role="button" '
        f'aria-label="{label} {key}">'
    )


def _json(value: object) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def clean_row(row: Row) -> dict:
    """Plain Python values: pandas' NA/NaN become None, numpy scalars become numbers."""
    clean = {}
    for key, value in dict(row).items():
        if hasattr(value, "item") and not isinstance(value, (str, bytes)):
            value = value.item()
        if value is None or (isinstance(value, float) and math.isnan(value)):
            value = None
        elif type(value).__name__ == "NAType":
            value = None
        clean[key] = value
    if clean.get("okved"):
        clean.setdefault("okved_caption", okved_caption(str(clean["okved"])))
    return clean


def table_columns(rows: Sequence[Row], hidden: Sequence[str] = HIDDEN_COLUMNS) -> list[str]:
    """The schema's columns first, then any other the rows carry; empty ones are left out."""
    known = [c for c in MENTION_COLUMNS if c not in hidden]
    extra: list[str] = []
    for row in rows:
        extra.extend(k for k in row if k not in known and k not in extra and k not in hidden)
    if "okved_caption" in extra:  # beside the codes it explains
        extra.remove("okved_caption")
        known.insert(known.index("okved") + 1, "okved_caption")
    return [c for c in known + extra if any(r.get(c) not in (None, "") for r in rows)]


def display(value: Any) -> str:
    """A cell as a reader wants it: 3700000000.0 -> '3 700 000 000', None -> ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e18:
            return f"{int(value):,}".replace(",", "\u202f")
        return f"{value:,.6g}".replace(",", "\u202f")
    if isinstance(value, int):
        return str(value)
    return str(value)


# The tooltip leads with what the mention means, then where it sits; other columns follow.
_TIP_FIRST = ("type", "text", "normal", "kind", "value", "value_max", "unit", "qualifier")
_TIP_FIRST += ("timex", "date_start", "date_end", "granularity", "relative", "sector")
_TIP_FIRST += ("okved", "okved_caption", "entity_id", "parent_id")
_TIP_LAST = ("mention_id", "sentence", "start", "end", "stage")


def _tip_values(row: dict) -> dict[str, str]:
    values = {k: v for k, v in row.items() if k not in HIDDEN_COLUMNS and v not in (None, "")}
    order = [k for k in _TIP_FIRST if k in values]
    order += [k for k in values if k not in _TIP_FIRST and k not in _TIP_LAST]
    order += [k for k in _TIP_LAST if k in values]
    return {k: display(values[k]) for k in order}


@lru_cache(maxsize=1)
def okved_rows(path: Path = OKVED_CSV) -> dict[str, dict[str, str]]:
    """code -> its row of the ОКВЭД 2 codes the taxonomy uses (caption, section), read once."""
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return {row["code"]: row for row in csv.DictReader(lines)}


_CODE = re.compile(r"[A-Z]|\d{2}(?:\.\d{1,2}){0,3}")


def okved_caption(okved: str) -> str | None:
    """The caption of the first (main) ОКВЭД code of a `;`-separated list."""
    rows = okved_rows()
    for code in okved.split(";"):
        code = code.strip()
        if _CODE.fullmatch(code) and code in rows:
            return f"{code} {rows[code]['caption']}"
    return None
