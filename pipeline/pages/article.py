"""The annotated article page: the text as written, mentions highlighted, values on hover,
and the mentions table below it. Built from the text and the mentions table's rows, so a
batch worker (which keeps rows, not Docs) renders the same page as `extract`."""

from __future__ import annotations

import csv
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.config import PROJECT_ROOT
from pipeline.pages.links import LinkRow, link_rows, sentences_with_links
from pipeline.pages.markup import Insert, Mark, markup, markup_chunks
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
# What each type's chip means, spelled out in the legend for a reader new to the labels.
TYPE_NAMES = {
    "ORG": "organisation",
    "PER": "person",
    "LOC": "place",
    "AMOUNT": "amount",
    "DATE": "date",
    "SECTOR": "sector",
    "PLACE_ADJ": "place adjective",
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
    note: str | None = None  # shown under the header (a long document's page is a part of it)
    # Sentences with facts beyond a first part's cut: their anchors stand on the note, so a
    # link to one (report.html's facts table) lands on the note saying where the facts are.
    sentences_beyond: Sequence[int] = ()
    # The relations table's rows of the document: the page's links (`pages.links`). Their
    # sentences are placed by `sentence_ends` too.
    relations: Sequence[Row] = ()

    @classmethod
    def from_doc(
        cls,
        doc: Doc,
        facts: Mapping[int, Sequence[Row]] | None = None,
        rows: list[Row] | None = None,
        relations: Sequence[Row] | None = None,
    ) -> ArticleInput:
        """`rows`, `relations`: the Doc's mention and relation rows when the caller has them
        already (else read off the Doc)."""
        from pipeline.tables import mention_rows, relation_rows

        when = doc._.article_date
        relations = relation_rows(doc) if relations is None else relations
        return cls(
            doc_id=str(doc._.doc_id or ""),
            text=doc.text,
            rows=rows if rows is not None else mention_rows(doc),
            title=doc._.title,
            date=when.isoformat() if when else None,
            sentence_ends=[s.end_char for s in doc.sents] if facts or relations else None,
            facts=facts,
            relations=relations,
        )

    @classmethod
    def from_document(
        cls,
        document: Document,
        rows: list[Row],
        facts: Iterable[Row] = (),
        sentence_ends: Sequence[int] | None = None,
        relations: Sequence[Row] = (),
    ) -> ArticleInput:
        """From a read document and its table rows, for callers that keep rows, not Docs
        (batch workers, long documents run in pieces). Facts show only with `sentence_ends`;
        links show without them, but lead to their sentence only with them."""
        when = document.date.isoformat() if document.date else None
        by_sentence = facts_by_sentence(facts) if sentence_ends is not None else None
        return cls(
            document.doc_id,
            document.text,
            rows,
            document.title,
            when,
            sentence_ends=sentence_ends if by_sentence or relations else None,
            facts=by_sentence or None,
            relations=relations,
        )


def article_section(article: ArticleInput, element_id: str = "article") -> str:
    """One article's section (header, text, mentions table); the page wraps sections."""
    return "".join(section_chunks(article, element_id))


# Where the streamed parts go in a rendered section: user text in a template is escaped, so
# no article can contain these (a raw "<").
_BODY, _DATA, _TABLE = "<!--@body@-->", "<!--@data@-->", "<!--@table@-->"
JSON_ROWS = 1000  # table rows per chunk of a section's JSON
# Up to this many rows are cleaned once and kept as dicts (a news article's few hundred);
# more are cleaned again on each pass (a book's tens of thousands never held as dicts).
CLEAN_ONCE = 5_000


def section_chunks(article: ArticleInput, element_id: str = "article") -> Iterator[str]:
    """`article_section` as consecutive chunks: the text's markup and the table's JSON are
    made a slice at a time and a long document's rows are cleaned as they are read, so a
    book-length section is never held whole, nor its rows as dicts (compact rows stay so)."""
    text, rows = article.text, article.rows
    clean = [clean_row(r) for r in rows] if len(rows) <= CLEAN_ONCE else _CleanRows(rows)
    marks = [
        Mark(int(r["start"]), int(r["end"]), str(r["mention_id"]), str(r["type"])) for r in rows
    ]
    head = _head_parts(article, marks)
    names = sector_names(rows) if article.facts else {}
    links = link_rows(article.relations, rows) if article.relations else []
    where = _sector_hrefs(links, article, element_id) if article.facts else {}
    inserts = _sentence_inserts(article, element_id, head.body_start, names, links, where)
    columns = table_columns(clean)
    counts = Counter(str(r["type"]) for r in rows)
    facts = _fact_summary(article, element_id, names, where)
    frame = (
        environment()
        .get_template("article_section.html.j2")
        .render(
            element_id=element_id,
            doc_id=article.doc_id,
            title_html=head.title_html,
            date_html=head.date_html,
            note_html=_note_html(article.note, article.sentences_beyond, element_id),
            facts=facts,
            article_sectors=shows_article_sectors(f.cells for f in facts),
            fact_columns=FACT_HEADINGS,
            facts_beyond=bool(article.sentences_beyond),
            links=_link_lines(links, article, element_id),
            body_html=_BODY,
            columns=columns,
            numeric=[c in NUMERIC_COLUMNS for c in columns],
            n_rows=len(rows),
            counts={t: counts.get(t, 0) for t in TABLE_MENTION_TYPES},
            colors=COLORS,
            type_names=TYPE_NAMES,
            data=_DATA,
            table=_TABLE,
        )
    )
    before_body, rest = frame.split(_BODY)
    before_data, rest = rest.split(_DATA)
    before_table, after = rest.split(_TABLE)
    yield before_body
    yield from markup_chunks(text, marks, head.body_start, len(text), inserts, _open_tag)
    yield before_data
    # The table's cells travel once, as JSON, for the table and the tooltips alike (the
    # tooltip columns are indexes into them), and the page's script lays them out: a long
    # article's page stays a few times the article's size, and builds fast.
    yield _json(tip_columns(columns))
    yield before_table
    yield from _json_chunks([display(r.get(c)) for c in columns] for r in clean)
    yield after


class _CleanRows:
    """Rows cleaned as they are read, on every pass over them (never held as dicts)."""

    def __init__(self, rows: Sequence[Row]) -> None:
        self.rows = rows

    def __iter__(self) -> Iterator[dict]:
        return map(clean_row, self.rows)


def _json_chunks(items: Iterable) -> Iterator[str]:
    """A JSON array of `items`, JSON_ROWS items a chunk: together the text json.dumps gives
    for the whole of it."""
    yield "["
    batch: list = []
    lead = ""
    for item in items:
        batch.append(item)
        if len(batch) >= JSON_ROWS:
            yield lead + _json(batch)[1:-1]
            batch, lead = [], ", "
    if batch:
        yield lead + _json(batch)[1:-1]
    yield "]"


def _note_html(note: str | None, sentences: Sequence[int] = (), element_id: str = "") -> str:
    from html import escape

    if not note:
        return ""
    anchors = "".join(
        f'<span class="anchor" id="{sentence_anchor(s, element_id)}"></span>' for s in sentences
    )
    return f'\n<p class="meta note" role="note">{anchors}{escape(note, quote=False)}</p>'


def article_page(articles: Iterable[ArticleInput], title: str | None = None) -> str:
    """The whole self-contained page (styles and script inline, no network)."""
    articles = list(articles)
    return "".join(page_chunks(articles, page_heading(articles, title), len(articles) == 1))


def page_heading(articles: Sequence, title: str | None = None) -> str:
    """The page's title: `title`, else the one article's title or id. `articles` may be the
    read documents (same `title` and `doc_id`), so a streamed page knows it before they run."""
    single = len(articles) == 1
    return title or (articles[0].title or articles[0].doc_id if single else "Annotated articles")


def page_chunks(articles: Iterable[ArticleInput], heading: str, single: bool) -> Iterator[str]:
    """The page as consecutive chunks; each article's section is made when its turn comes
    (`articles` may be a generator that runs the pipeline), so a page is written to disk as
    it is made (`output.write_chunks`) and never held whole."""
    template = environment().get_template("article.html.j2")
    frame = template.render(page_title=heading, sections=[_BODY, _DATA], colors=COLORS)
    head, rest = frame.split(_BODY)
    between, tail = rest.split(_DATA)
    count = 0
    for article in articles:
        yield head if count == 0 else between
        yield from section_chunks(article, "article" if single else f"article-{count + 1}")
        count += 1
    yield tail if count else template.render(page_title=heading, sections=[], colors=COLORS)


def first_part(article: ArticleInput, size: int) -> ArticleInput:
    """A book-length article's page input: its first `size` characters (cut at a paragraph,
    else a line, sentence or space, as pieces are) with the mentions inside them, and a note
    saying so; the tables keep the whole document. A page of millions of characters and tens
    of thousands of mentions is more than a browser opens comfortably (52 MB for 4 M)."""
    from pipeline.compact_rows import CompactRows
    from pipeline.pieces import piece_bounds

    text = article.text
    if len(text) <= size:
        return article
    cut = piece_bounds(text[: size + 1], size)[0][1]
    shown = CompactRows(r for r in article.rows if r["end"] <= cut)
    part = _facts_before(article, cut)
    note = (
        f"This page shows the first {cut:,} of the document's {len(text):,} characters, with "
        f"their {len(shown):,} of its {len(article.rows):,} mentions; the tables (mentions, "
        "relations, facts, documents) hold the whole document."
    )
    if part.n_beyond:
        note += (
            f" {part.n_beyond:,} of its {part.n_shown + part.n_beyond:,} facts are in "
            "sentences beyond this part: facts.csv lists them all."
        )
    note += " [long_documents] page_chars in the pipeline config sets how much a page shows."
    return replace(
        article,
        text=text[:cut],
        rows=shown,
        note=note,
        facts=part.facts or None,
        sentence_ends=part.sentence_ends if part.facts or article.relations else None,
        sentences_beyond=part.sentences_beyond,
    )


@dataclass
class _FactPart:
    """The facts of a first part, and those beyond its cut."""

    facts: dict[int, Sequence[Row]]
    sentence_ends: Sequence[int] | None
    sentences_beyond: list[int]
    n_shown: int
    n_beyond: int


def _facts_before(article: ArticleInput, cut: int) -> _FactPart:
    """Facts of the sentences that end by `cut` (shown whole on the page), and the sentences
    with facts after it; one binary search over the sentence ends, then a pass over the facts."""
    from bisect import bisect_right

    facts, ends = article.facts or {}, article.sentence_ends
    if ends is None:
        n_facts = sum(len(rows) for rows in facts.values())
        return _FactPart({}, None, [], 0, n_facts)
    whole = bisect_right(ends, cut)  # sentences 0 .. whole-1 end by the cut
    shown = {s: rows for s, rows in facts.items() if s < whole}  # links: by their mentions
    beyond = sorted(s for s in facts if s >= whole)
    return _FactPart(
        shown,
        ends[:whole],
        beyond,
        sum(len(rows) for rows in shown.values()),
        sum(len(facts[s]) for s in beyond),
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


def _sentence_inserts(
    article: ArticleInput,
    element_id: str,
    body_start: int,
    names: Mapping[str, str],
    links: Sequence[LinkRow] = (),
    where: Mapping[str, str] | None = None,
) -> list[Insert]:
    """Each sentence with facts or links gets an anchor where it starts (the summaries at the
    top link to it) and its facts' table where it ends; built in sentence order, so at an
    offset where one sentence ends and the next starts the facts come before the next
    anchor (an empty end mark comes first). A headline's facts (its sentence is in the
    header) stand at the top of the text.
    Links stay in their table at the top: under the sentences they broke the text up
    (docs/architecture.md, the Links row)."""
    facts, ends = article.facts or {}, article.sentence_ends
    linked = set(sentences_with_links(links))
    if not (facts or linked) or ends is None:
        return []
    template = environment().get_template("facts.html.j2")
    inserts = []
    for sentence in sorted(set(facts) | linked):
        rows = facts.get(sentence, ())
        if not (0 <= sentence < len(ends)) or not (rows or sentence in linked):
            continue
        end = max(ends[sentence], body_start)
        start = min(max(ends[sentence - 1] if sentence else 0, body_start), end)
        key = sentence_anchor(sentence, element_id)
        inserts.append(Insert(start, f'<span class="anchor" id="{key}"></span>'))
        # Where it ends, so the page's script can light the whole sentence a link leads to.
        inserts.append(Insert(end, f'<span class="s-end" data-s="{key}"></span>'))
        if rows:
            cells = [fact_cells(clean_row(f), names, where) for f in rows]
            html = template.render(sentence=sentence, columns=FACT_HEADINGS, rows=cells)
            inserts.append(Insert(end, html))
    return inserts


@dataclass
class LinkLine:
    """One link in the table at the top: its row and its sentence's anchor ("" if none)."""

    link: LinkRow
    anchor: str


def _link_lines(links: Sequence[LinkRow], article: ArticleInput, element_id: str) -> list[LinkLine]:
    """The links table's lines; a line leads to its sentence when the page anchors it."""
    n_sentences = len(article.sentence_ends or ())

    def anchor(sentence: int) -> str:
        return sentence_anchor(sentence, element_id) if 0 <= sentence < n_sentences else ""

    return [LinkLine(r, anchor(r.sentence)) for r in links]


def _sector_hrefs(
    links: Sequence[LinkRow], article: ArticleInput, element_id: str
) -> dict[str, str]:
    """SECTOR mention id -> the href of the sentence of its SECTOR_OF link (the page anchors
    every linked sentence), for a fact's sectors from elsewhere in the article (309)."""
    n_sentences = len(article.sentence_ends or ())
    return {
        r.tail.mention_id: "#" + sentence_anchor(r.sentence, element_id)
        for r in links
        if r.type == "SECTOR_OF" and 0 <= r.sentence < n_sentences
    }


@dataclass
class FactLine:
    """One fact in the summary at the top of a page: its cells and the sentence it is in."""

    sentence: int
    anchor: str
    cells: list[str]


def _fact_summary(
    article: ArticleInput,
    element_id: str,
    names: Mapping[str, str],
    where: Mapping[str, str] | None = None,
) -> list[FactLine]:
    """Every fact of the page in sentence order, each linking to its sentence: who got how
    much, when and in which sector, read before the text. Linear in the number of facts."""
    if not article.facts or article.sentence_ends is None:
        return []
    n_sentences = len(article.sentence_ends)
    return [
        FactLine(
            sentence,
            sentence_anchor(sentence, element_id),
            fact_cells(clean_row(f), names, where),
        )
        for sentence, rows in sorted(article.facts.items())
        if 0 <= sentence < n_sentences
        for f in rows
    ]


def sentence_anchor(sentence: int, element_id: str = "article") -> str:
    """The id of a sentence's anchor on its page (`article-s7`): the report links to it."""
    return f"{element_id}-s{sentence}"


def sector_names(rows: Iterable[Row]) -> dict[str, str]:
    """sector id -> the name its SECTOR mentions carry (the taxonomy's name_ru)."""
    names: dict[str, str] = {}
    for row in rows:
        if row.get("type") == "SECTOR" and row.get("sector") and row.get("normal"):
            names.setdefault(str(row["sector"]), str(row["normal"]))
    return names


# A fact reads as one line under its sentence: who, how much, when, which sector, where.
FACT_HEADINGS = (
    "fact",
    "who",
    "with whom",
    "how much",
    "when",
    "sector · ОКВЭД",
    "where",
    "status",
)
NO_TRIGGER = "—"  # a dated or held amount no trigger word carries (decision 132)
_QUALIFIER_SIGNS = {"gt": "> ", "ge": "≥ ", "lt": "< ", "le": "≤ ", "approx": "≈ "}
_SCALES = ((1e12, " tn"), (1e9, " bn"), (1e6, " mn"), (1e3, " K"))
_TIMEX_DATE = re.compile(r"\d{4}(?:-\d{2}){0,2}")


def fact_cells(
    row: Row, names: Mapping[str, str] | None = None, where: Mapping[str, str] | None = None
) -> list[str]:
    """One fact row as the page's columns (FACT_HEADINGS), values spelled out for reading;
    a value the sentence does not give is "" (the page shows it as a dash). The sector cell
    adds the sectors the article gives the agent or counterpart elsewhere (guideline 309),
    marked so; `where` maps a SECTOR mention id to the href of its sentence on the page."""
    names = names or {}
    sector = sector_text(row.get("sector"), row.get("okved"), names)
    elsewhere = article_sectors(row, names, where or {})
    return [
        display(row.get("trigger")) or NO_TRIGGER,
        display(row.get("agent")),
        display(row.get("counterpart")),
        _amount_text(row),
        _date_text(row),
        with_article_sectors(sector, elsewhere) if elsewhere else sector,
        display(row.get("location")),
        fact_status(row),
    ]


ARTICLE_MARK = "по статье"  # a sector read off another SECTOR_OF of the party, not the sentence


@dataclass(frozen=True)
class ArticleSector:
    """A sector the article gives a fact's party elsewhere: its text ("Банки (по статье)")
    and the href of the sentence whose SECTOR_OF says it ("" when the page has none)."""

    text: str
    href: str
    title: str


def article_sectors(
    row: Row, names: Mapping[str, str], where: Mapping[str, str]
) -> list[ArticleSector]:
    """The agent's and the counterpart's sectors from elsewhere in the article that the
    sentence's own sector does not already say; the counterpart's name the party."""
    shown = {str(row.get("sector") or "")}
    found = []
    for role in ("agent", "counterpart"):
        sectors = str(row.get(f"{role}_sector") or "").split(";")
        mentions = str(row.get(f"{role}_sector_mention_id") or "").split(";")
        party = display(row.get(role))
        for sector, mention in zip(sectors, mentions, strict=False):
            if not sector or sector in shown:
                continue
            shown.add(sector)
            lead = f"{party}: " if role == "counterpart" and party else ""
            text = f"{lead}{names.get(sector) or sector} ({ARTICLE_MARK})"
            title = f"the article links {party or role} to this sector (SECTOR_OF), not this fact"
            found.append(ArticleSector(text, where.get(mention, ""), title))
    return found


def shows_article_sectors(rows: Iterable[Sequence[Any]]) -> bool:
    """Whether any fact row's cells carry a sector "(по статье)": the tables' note then says
    what the mark means (a phone or paper has no hover title to say it)."""
    return any(getattr(cell, "elsewhere", None) for cells in rows for cell in cells)


def with_article_sectors(sector: str, elsewhere: list[ArticleSector]) -> SectorText:
    """The sentence's sector cell ("" when it has none) carrying the article's sectors."""
    cell = SectorText(str(sector), getattr(sector, "caption", None))
    cell.elsewhere = elsewhere
    return cell


def fact_status(row: Row) -> str:
    """ "done", or what makes the fact less than done: "negated", "planned" or both."""
    status = ["negated"] if row.get("polarity") == "negative" else []
    if row.get("modality") and row.get("modality") != "done":
        status.append(str(row["modality"]))
    return ", ".join(status) or "done"


def sector_text(sector: Any, okved: Any, names: Mapping[str, str]) -> str:
    """A sector as a reader names it: its name and main ОКВЭД code ("Телекоммуникации · 61"),
    else the code's caption, never the taxonomy's internal id alone."""
    if not sector:
        return ""
    code = str(okved or "").split(";")[0].strip()
    name = names.get(str(sector))
    if name:
        return SectorText(f"{name} · {code}", okved_caption(code)) if code else name
    return (okved_caption(code) if code else None) or str(sector)


class SectorText(str):
    """A sector's cell ("Банки · 64") that knows its code's caption: the page shows the
    caption on hover and in print, since a bare "64" tells a reader nothing."""

    caption: str | None
    elsewhere: list[ArticleSector]  # sectors of the fact's parties from other sentences

    def __new__(cls, text: str, caption: str | None) -> SectorText:
        cell = super().__new__(cls, text)
        cell.caption = caption
        cell.elsewhere = []
        return cell


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
    """The TIMEX value when it is a plain date ("2013-12" reads better than its two ends)."""
    start, end, timex = row.get("date_start"), row.get("date_end"), row.get("date_timex")
    if timex and _TIMEX_DATE.fullmatch(str(timex)):
        return str(timex)
    if start and end and start != end:
        return f"{start} – {end}"
    if not start and timex and _TIMEX_DURATION.fullmatch(str(timex)):
        return duration_text(str(timex))
    return display(start or timex)


_TIMEX_DURATION = re.compile(r"PT?(\d+(?:\.\d+)?|X)([YQMWDH])")
_DURATION_UNITS = {"Y": "year", "Q": "quarter", "M": "month", "W": "week", "D": "day", "H": "hour"}


def duration_text(timex: str) -> str:
    """A TIMEX duration as words ("P1Y" -> "1 year", "P3M" -> "3 months", "PXY" -> "years"):
    a fact's "when" that is a span without ends ("за год") reads as one, not as a code."""
    match = _TIMEX_DURATION.fullmatch(timex)
    if not match:
        return timex
    count, unit = match.groups()
    if timex.startswith("PT") and unit == "M":
        unit = "minute"
    else:
        unit = _DURATION_UNITS[unit]
    if count == "X":
        return f"{unit}s"
    return f"{count} {unit}" if count == "1" else f"{count} {unit}s"


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


def table_columns(rows: Iterable[Row], hidden: Sequence[str] = HIDDEN_COLUMNS) -> list[str]:
    """The schema's columns first, then any other the rows carry; empty ones are left out.
    One pass over the rows (they may be made as they are read)."""
    known = [c for c in MENTION_COLUMNS if c not in hidden]
    extra: list[str] = []
    filled: set[str] = set()
    for row in rows:
        extra.extend(k for k in row if k not in known and k not in extra and k not in hidden)
        filled.update(k for k, v in row.items() if v not in (None, ""))
    if "okved_caption" in extra:  # beside the codes it explains
        extra.remove("okved_caption")
        known.insert(known.index("okved") + 1, "okved_caption")
    return [c for c in known + extra if c in filled]


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


def tip_columns(columns: Sequence[str]) -> list[int]:
    """Which of the table's columns a mention's tooltip shows, in its order (indexes)."""
    order = [c for c in _TIP_FIRST if c in columns]
    order += [c for c in columns if c not in _TIP_FIRST and c not in _TIP_LAST]
    order += [c for c in _TIP_LAST if c in columns]
    return [columns.index(c) for c in order]


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
