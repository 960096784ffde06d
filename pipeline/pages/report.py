"""The corpus overview (`python -m pipeline report OUT`): OUT/report.html from the tables.

Reads a batch output folder (Parquet datasets mentions/ and documents/, errors.csv,
manifest.json) or an extract output folder (one sub-folder per input file). Aggregation runs
in Arrow (group_by, joins) over the columns it needs, so 100,000 documents and millions of
mentions never become Python objects; only the small aggregated tables do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.errors import InputError
from pipeline.pages import charts
from pipeline.pages.article import (
    COLORS,
    FACT_HEADINGS,
    clean_row,
    fact_cells,
    okved_rows,
    sentence_anchor,
    shows_article_sectors,
)
from pipeline.pages.paths import PAGES_DIR, REPORT_FILE, page_relpath
from pipeline.pages.templating import environment
from pipeline.schema import DOCUMENT_COLUMNS, MENTION_TYPES, TABLE_MENTION_TYPES

MENTION_FIELDS = ("doc_id", "type", "normal", "entity_id", "sentence")
MENTION_FIELDS += ("kind", "value", "unit", "date_start", "granularity", "sector", "okved")
TOP = 25  # rows in the "top" tables and charts
DATED = ("day", "month", "year")  # granularities precise enough for a year timeline
NO_SECTOR = "(no sector in the sentence)"
# The facts table's columns a report shows (the id columns behind them stay in the table).
FACT_FIELDS = ("doc_id", "fact_id", "sentence", "trigger", "polarity", "modality", "agent")
FACT_FIELDS += ("counterpart", "amount_value", "amount_unit", "qualifier", "date_start")
FACT_FIELDS += ("date_end", "date_timex", "sector", "okved", "location")
# The parties' sectors from elsewhere in the article (guideline 309): shown "(по статье)" in
# the facts tables' sector cell, unlinked here (the page's anchors of SECTOR_OF sentences are
# the page's); an older output without them reads as nulls.
FACT_FIELDS += ("agent_sector", "agent_sector_mention_id")
FACT_FIELDS += ("counterpart_sector", "counterpart_sector_mention_id")
FACTS_SHOWN = 1000  # rows of the report's facts table; the facts table holds them all
LARGEST, CURRENCIES = 5, 4  # the largest sums shown per currency, of the most named currencies


@dataclass
class Output:
    """The tables of one output folder: mentions as a Parquet dataset scanned per type (only
    that type's rows and columns are ever in memory), documents as an Arrow table with a
    `page` column (the annotated page's relative link, when there is one)."""

    folder: Path
    layout: str  # "batch" or "extract"
    mentions: MentionSource
    documents: pa.Table
    errors: list[dict] = field(default_factory=list)
    manifest: dict | None = None
    facts: pa.Table | None = None  # FACT_FIELDS; None for an output written without facts


# The columns each aggregate reads, by mention type.
TYPE_FIELDS = {
    "ORG": ("doc_id", "normal", "entity_id"),
    "SECTOR": ("doc_id", "sentence", "normal", "sector", "okved"),
    "AMOUNT": ("doc_id", "sentence", "kind", "value", "unit"),
    "DATE": ("doc_id", "date_start", "granularity"),
}


class MentionSource:
    """The mentions table of an output folder, read a type at a time."""

    def __init__(self, paths: Path | list[Path]) -> None:
        import pyarrow.dataset as ds

        from pipeline.batch.parts import table_schemas

        schema = table_schemas()["mentions"]
        # An explicit schema: parts written before a column existed read it as nulls.
        schema = pa.schema([schema.field(name) for name in MENTION_FIELDS])
        source = paths if isinstance(paths, list) else str(paths)
        try:
            self.dataset = ds.dataset(source, format="parquet", schema=schema)
            self.counts = self.dataset.to_table(columns=["type", "doc_id"])
        except (OSError, pa.ArrowException) as exc:
            raise InputError(paths, f"unreadable Parquet: {exc}") from None
        self.paths = paths
        self._types: dict[str, pa.Table] = {}  # each type is scanned once

    def __len__(self) -> int:
        return len(self.counts)

    def of_type(self, kind: str) -> pa.Table:
        import pyarrow.dataset as ds

        if kind not in self._types:
            columns = list(TYPE_FIELDS.get(kind, ("doc_id",)))
            try:
                table = self.dataset.to_table(columns=columns, filter=ds.field("type") == kind)
            except (OSError, pa.ArrowException) as exc:
                raise InputError(self.paths, f"unreadable Parquet: {exc}") from None
            self._types[kind] = table
        return self._types[kind]


def load_output(folder: Path) -> Output:
    folder = Path(folder)
    if not folder.is_dir():
        what = "not a folder (give a batch --out folder or a folder of extract outputs)"
        raise InputError(folder, what if folder.exists() else "no such output folder")
    if (folder / "mentions").is_dir() and (folder / "documents").is_dir():
        return _load_batch(folder)
    subfolders = sorted(p.parent for p in folder.glob("*/mentions.parquet"))
    subfolders = [p for p in subfolders if (p / "documents.parquet").exists()]
    if not subfolders:
        raise InputError(
            folder,
            "no tables found (expected a batch output with mentions/ and documents/, "
            "or extract outputs with */mentions.parquet)",
        )
    return _load_extract(folder, subfolders)


def _read_parquet(path: Path, columns: tuple[str, ...], table_name: str) -> pa.Table:
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path) if path.is_file() else _dataset_schema(path)
        present = [c for c in columns if c in schema.names]
        table = pq.read_table(path, columns=present)
    except (OSError, pa.ArrowException) as exc:
        raise InputError(path, f"unreadable Parquet: {exc}") from None
    typed = _known_types(table_name)
    for name in columns:  # an older output without a column, or a run with no parts at all
        if name not in table.column_names:  # (empty corpus): nulls of the column's own type
            table = table.append_column(name, pa.nulls(len(table), typed.get(name, pa.string())))
    return table.select(list(columns))


def _known_types(table_name: str) -> dict[str, pa.DataType]:
    """Each column's Arrow type in the table's fixed schema (`batch.parts.table_schemas`)."""
    from pipeline.batch.parts import table_schemas

    return {field.name: field.type for field in table_schemas()[table_name]}


def _dataset_schema(path: Path) -> pa.Schema:
    import pyarrow.dataset as ds

    return ds.dataset(path, format="parquet").schema


def _load_batch(folder: Path) -> Output:
    mentions = MentionSource(folder / "mentions")
    documents = _read_parquet(folder / "documents", tuple(DOCUMENT_COLUMNS), "documents")
    if (folder / PAGES_DIR).is_dir():
        pages = [page_relpath(d) for d in documents.column("doc_id").to_pylist()]
    else:
        pages = [None] * len(documents)
    documents = documents.append_column("page", pa.array(pages, pa.string()))
    errors = _read_errors(folder / "errors.csv")
    manifest = None
    if (folder / "manifest.json").exists():
        try:
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            manifest = None
    facts = _read_facts([folder / "facts"]) if (folder / "facts").is_dir() else None
    return Output(folder, "batch", mentions, documents, errors, manifest, facts)


def _load_extract(folder: Path, subfolders: list[Path]) -> Output:
    documents = []
    for sub in subfolders:
        table = _read_parquet(sub / "documents.parquet", tuple(DOCUMENT_COLUMNS), "documents")
        # a link, not a path: a '#', '%' or space in the folder's name would cut or bend it
        page = f"{quote(sub.name)}/annotated.html" if (sub / "annotated.html").exists() else None
        # One page holds the file's documents as sections article-1, article-2, ...
        if page and len(table) > 1:
            page_ids = [f"{page}#article-{i + 1}" for i in range(len(table))]
        else:
            page_ids = [page] * len(table)
        documents.append(table.append_column("page", pa.array(page_ids, pa.string())))
    return Output(
        folder,
        "extract",
        MentionSource([sub / "mentions.parquet" for sub in subfolders]),
        pa.concat_tables(documents, promote_options="permissive"),
        facts=_read_facts([sub / "facts.parquet" for sub in subfolders]),
    )


def _read_facts(paths: list[Path]) -> pa.Table | None:
    """The facts of an output (FACT_FIELDS), or None when it has no facts table at all
    (written before facts existed)."""
    tables = [
        _read_parquet(p, FACT_FIELDS, "facts")
        for p in paths
        if p.is_file() or (p.is_dir() and any(p.rglob("*.parquet")))
    ]
    if not tables:
        return None
    return pa.concat_tables(tables, promote_options="permissive")


def _read_errors(path: Path) -> list[dict]:
    if not path.exists():
        return []
    import pandas as pd

    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frame.to_dict("records")


# --------------------------------------------------------------------------- aggregates


def _records(table: pa.Table) -> list[dict]:
    return table.to_pylist()


def type_counts(mentions: MentionSource | pa.Table) -> list[dict]:
    """Mentions and documents per type, in the schema's order of types."""
    table = mentions.counts if isinstance(mentions, MentionSource) else mentions
    grouped = table.group_by("type").aggregate([("doc_id", "count"), ("doc_id", "count_distinct")])
    found = {r["type"]: r for r in _records(grouped)}
    return [
        {
            "type": t,
            "mentions": found.get(t, {}).get("doc_id_count", 0),
            "documents": found.get(t, {}).get("doc_id_count_distinct", 0),
        }
        for t in TABLE_MENTION_TYPES
    ]


def _of_type(mentions: MentionSource | pa.Table, kind: str) -> pa.Table:
    if isinstance(mentions, MentionSource):
        return mentions.of_type(kind)
    return mentions.filter(pc.equal(mentions.column("type"), kind))


def _most_common(table: pa.Table, key: str, label: str) -> dict:
    """For each key, its most frequent label (the name shown for an entity or a sector)."""
    pairs = table.group_by([key, label]).aggregate([(label, "count")])
    pairs = pairs.sort_by([(f"{label}_count", "descending"), (label, "ascending")])
    best: dict = {}
    for k, v in zip(pairs.column(key).to_pylist(), pairs.column(label).to_pylist(), strict=True):
        best.setdefault(k, v)
    return best


def top_organisations(mentions: pa.Table, top: int = TOP) -> list[dict]:
    """Organisations by documents, then mentions: one row per entity (its normal form when
    the linker gave it no id), named by its most frequent normal form."""
    orgs = _of_type(mentions, "ORG")
    if not len(orgs):
        return []
    key = pc.coalesce(orgs.column("entity_id"), orgs.column("normal"))
    # A mention with neither names no entity: leaving it out keeps the table (and the
    # chart's labels) free of empty names.
    orgs = orgs.append_column("key", key).filter(pc.is_valid(key))
    if not len(orgs):
        return []
    grouped = orgs.group_by("key").aggregate([("doc_id", "count_distinct"), ("doc_id", "count")])
    grouped = grouped.sort_by(
        [
            ("doc_id_count_distinct", "descending"),
            ("doc_id_count", "descending"),
            ("key", "ascending"),
        ]
    ).slice(0, top)
    keep = orgs.filter(pc.is_in(orgs.column("key"), grouped.column("key")))
    names = _most_common(keep, "key", "normal")
    return [
        {
            "name": names.get(r["key"]) or r["key"],
            "entity": r["key"],
            "documents": r["doc_id_count_distinct"],
            "mentions": r["doc_id_count"],
        }
        for r in _records(grouped)
    ]


def sector_table(mentions: pa.Table) -> list[dict]:
    """Sectors by documents and mentions, with the ОКВЭД section of their main code."""
    sectors = _of_type(mentions, "SECTOR")
    sectors = sectors.filter(pc.is_valid(sectors.column("sector")))
    if not len(sectors):
        return []
    grouped = sectors.group_by("sector").aggregate(
        [("doc_id", "count_distinct"), ("doc_id", "count")]
    )
    grouped = grouped.sort_by(
        [
            ("doc_id_count_distinct", "descending"),
            ("doc_id_count", "descending"),
            ("sector", "ascending"),
        ]
    )
    names = _most_common(sectors, "sector", "normal")
    codes = _most_common(sectors.filter(pc.is_valid(sectors.column("okved"))), "sector", "okved")
    return [
        {
            "sector": r["sector"],
            "name": names.get(r["sector"]) or r["sector"],
            "okved": codes.get(r["sector"]) or "",
            **okved_section(codes.get(r["sector"]) or ""),
            "documents": r["doc_id_count_distinct"],
            "mentions": r["doc_id_count"],
        }
        for r in _records(grouped)
    ]


def okved_section(okved: str) -> dict[str, str]:
    """The ОКВЭД 2 section (letter and caption) of the first code in a `;` list."""
    rows = okved_rows()
    for code in okved.split(";"):
        code = code.strip()
        section = code if code.isalpha() else rows.get(code, {}).get("section")
        if section:
            return {"section": section, "section_caption": rows.get(section, {}).get("caption", "")}
    return {"section": "", "section_caption": ""}


def section_table(sectors: list[dict]) -> list[dict]:
    """Sector rows summed by ОКВЭД section (mentions add up; documents are an upper bound
    when one document names two sectors of a section, so they are not summed)."""
    by_section: dict[str, dict] = {}
    for row in sectors:
        key = row["section"] or "—"
        entry = by_section.setdefault(
            key, {"section": key, "caption": row["section_caption"], "sectors": 0, "mentions": 0}
        )
        entry["sectors"] += 1
        entry["mentions"] += row["mentions"]
    return sorted(by_section.values(), key=lambda e: (-e["mentions"], e["section"]))


def _money(mentions: pa.Table) -> pa.Table:
    amounts = _of_type(mentions, "AMOUNT")
    money = amounts.filter(
        pc.and_(pc.equal(amounts.column("kind"), "money"), pc.is_valid(amounts.column("value")))
    )
    return money.filter(pc.is_valid(money.column("unit")))


def money_by_currency(mentions: pa.Table) -> list[dict]:
    money = _money(mentions)
    if not len(money):
        return []
    grouped = money.group_by("unit").aggregate(
        [("value", "sum"), ("value", "count"), ("doc_id", "count_distinct")]
    )
    grouped = grouped.sort_by([("value_count", "descending"), ("unit", "ascending")])
    return [
        {
            "currency": r["unit"],
            "total": r["value_sum"],
            "amounts": r["value_count"],
            "documents": r["doc_id_count_distinct"],
        }
        for r in _records(grouped)
    ]


def money_by_sector(mentions: pa.Table, top: int = TOP) -> list[dict]:
    """Money amounts summed by the sectors named in the same sentence (an amount counts once
    for each distinct sector there); amounts in a sentence without a sector form one row."""
    money = _money(mentions).select(["doc_id", "sentence", "unit", "value"])
    if not len(money):
        return []
    sectors = _of_type(mentions, "SECTOR")
    sectors = sectors.filter(pc.is_valid(sectors.column("sector")))
    keys = (
        sectors.select(["doc_id", "sentence", "sector"])
        .group_by(["doc_id", "sentence", "sector"])
        .aggregate([])
    )
    joined = money.join(keys, keys=["doc_id", "sentence"], join_type="left outer")
    sector = pc.fill_null(joined.column("sector"), NO_SECTOR)
    joined = joined.set_column(joined.schema.get_field_index("sector"), "sector", sector)
    grouped = joined.group_by(["sector", "unit"]).aggregate([("value", "sum"), ("value", "count")])
    grouped = grouped.sort_by([("value_count", "descending"), ("sector", "ascending")])
    names = _most_common(sectors, "sector", "normal") if len(sectors) else {}
    rows = [
        {
            "sector": r["sector"],
            "name": names.get(r["sector"]) or r["sector"],
            "currency": r["unit"],
            "total": r["value_sum"],
            "amounts": r["value_count"],
        }
        for r in _records(grouped)
    ]
    return rows[:top]


def money_with_article_sectors(facts: pa.Table | None) -> int:
    """Money facts whose sentence names no sector but whose party the article gives one in
    another sentence (guideline 309): "money by sector" leaves them out (it counts an
    amount's own sentence), and the report says how many, so a reader knows where to look."""
    if facts is None or not len(facts) or "agent_sector" not in facts.column_names:
        return 0
    party = pc.or_(_filled(facts, "agent_sector"), _filled(facts, "counterpart_sector"))
    money = pc.and_(pc.is_valid(facts.column("amount_value")), pc.invert(_filled(facts, "sector")))
    return int(pc.sum(pc.and_(money, party)).as_py() or 0)


def _filled(table: pa.Table, column: str) -> pa.Array:
    """True where a text column holds something (null and "" are empty)."""
    values = pc.fill_null(pc.cast(table.column(column), pa.string()), "")
    return pc.not_equal(values, "")


def article_months(documents: pa.Table, most: int = 120) -> list[tuple[str, int]]:
    """Articles per month, every month between the first and the last present (a real
    timeline); per year when that would be more than `most` bars."""
    dates = documents.column("date").drop_null()
    months = pc.utf8_slice_codeunits(dates, 0, 7)
    counts = {c["values"]: c["counts"] for c in pc.value_counts(months).to_pylist()}
    valid = sorted(m for m in counts if len(m) == 7 and m[:4].isdigit() and m[5:].isdigit())
    if not valid:
        return []
    first, last = _month_number(valid[0]), _month_number(valid[-1])
    if last - first >= most:
        years: dict[str, int] = {}
        for month in valid:
            years[month[:4]] = years.get(month[:4], 0) + counts[month]
        return [
            (str(y), years.get(str(y), 0)) for y in range(int(valid[0][:4]), int(valid[-1][:4]) + 1)
        ]
    span = range(first, last + 1)
    return [
        (f"{n // 12:04d}-{n % 12 + 1:02d}", counts.get(f"{n // 12:04d}-{n % 12 + 1:02d}", 0))
        for n in span
    ]


def _month_number(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def mentioned_years(mentions: pa.Table) -> list[tuple[str, int]]:
    """Years of the dates mentioned (day, month or year precision), every year in between
    present so the chart's axis is a real timeline."""
    dates = _of_type(mentions, "DATE")
    dates = dates.filter(
        pc.and_(
            pc.is_valid(dates.column("date_start")),
            pc.is_in(dates.column("granularity"), pa.array(DATED)),
        )
    )
    if not len(dates):
        return []
    years = pc.utf8_slice_codeunits(dates.column("date_start"), 0, 4)
    counts = {c["values"]: c["counts"] for c in pc.value_counts(years).to_pylist()}
    numbers = sorted(int(y) for y in counts if y.isdigit())
    if not numbers:
        return []
    # A stray far year (a date of 1812 among 2020s news) would stretch the axis: show the
    # span holding 99 % of the mentions and say how many fell outside.
    return [(str(y), counts.get(f"{y:04d}", 0)) for y in range(numbers[0], numbers[-1] + 1)]


def _trim(series: list[tuple[str, int]], share: float = 0.99) -> tuple[list[tuple[str, int]], int]:
    total = sum(n for _, n in series)
    if not total:
        return series, 0
    lo, hi, cut = 0, len(series), 0
    while lo < hi and cut + series[lo][1] <= total * (1 - share) / 2:
        cut += series[lo][1]
        lo += 1
    while hi > lo and cut + series[hi - 1][1] <= total * (1 - share):
        cut += series[hi - 1][1]
        hi -= 1
    return series[lo:hi], cut


def document_rows(documents: pa.Table, facts: pa.Table | None = None) -> list[list[Any]]:
    """The searchable documents table, as compact arrays (one JSON array per document); with
    `facts`, each document's number of facts after its characters (sort by it to find the
    articles that say who paid how much)."""
    counts = [f"n_{t.lower()}" for t in MENTION_TYPES]
    facts_column = ["n_facts"] if facts is not None else []
    columns = ["doc_id", "title", "date", "characters"] + facts_column + counts
    if facts is not None:
        documents = documents.append_column("n_facts", _facts_per_document(documents, facts))
    table = documents.select(columns + ["page"]).sort_by([("doc_id", "ascending")])
    return [
        list(row)
        for row in zip(*(table.column(c).to_pylist() for c in table.column_names), strict=True)
    ]


def _facts_per_document(documents: pa.Table, facts: pa.Table) -> pa.Array:
    """Each document's number of facts, in the documents table's order (0 for none)."""
    counts = facts.group_by("doc_id").aggregate([("doc_id", "count")])
    ids, numbers = counts["doc_id"].to_pylist(), counts["doc_id_count"].to_pylist()
    by_doc = dict(zip(ids, numbers, strict=True))
    return pa.array([by_doc.get(d, 0) for d in documents["doc_id"].to_pylist()], pa.int64())


def fact_table(output: Output, sectors: list[dict], limit: int = FACTS_SHOWN) -> list[dict]:
    """The first `limit` facts by document and sentence, each spelled out as the article
    page spells it (sectors by the name the Sectors table gives them) and linked to its
    sentence on the document's page when there is one."""
    facts = output.facts
    if facts is None or not len(facts):
        return []
    facts = facts.sort_by([("doc_id", "ascending"), ("sentence", "ascending")]).slice(0, limit)
    return _spelled_out(output, sorted(facts.to_pylist(), key=_fact_order), sectors)


def largest_amounts(
    output: Output, sectors: list[dict], per_currency: int = LARGEST, currencies: int = CURRENCIES
) -> list[dict]:
    """The `per_currency` largest sums of the facts in each of the `currencies` currencies
    most facts name, spelled out as the facts table spells them: where a reader looks first
    in a corpus. A sum restated in one document (a headline and its sentence) counts once.
    One filter and sort per currency, so cheap beside the facts table itself."""
    facts = output.facts
    if facts is None or not len(facts):
        return []
    value = pc.cast(facts["amount_value"], pa.float64())
    money = facts.filter(pc.and_(pc.is_finite(value), pc.is_valid(facts["amount_unit"])))
    if not len(money):
        return []
    counts = money.group_by("amount_unit").aggregate([("amount_unit", "count")])
    units = counts.sort_by([("amount_unit_count", "descending"), ("amount_unit", "ascending")])
    rows: list[dict] = []
    for unit in units["amount_unit"].to_pylist()[:currencies]:
        part = money.filter(pc.equal(money["amount_unit"], unit))
        part = part.sort_by([("amount_value", "descending"), ("doc_id", "ascending")])
        rows += _distinct_sums(part.slice(0, per_currency * 4).to_pylist(), per_currency)
    return _spelled_out(output, rows, sectors)


def _distinct_sums(rows: list[dict], most: int) -> list[dict]:
    seen: set[tuple] = set()
    kept = []
    for row in rows:
        key = (row["doc_id"], row["amount_value"])
        if key not in seen and len(kept) < most:
            seen.add(key)
            kept.append(row)
    return kept


def _spelled_out(output: Output, rows: list[dict], sectors: list[dict]) -> list[dict]:
    """Fact rows as the report shows them: cells spelled out as on the article page (sectors
    by the name the Sectors table gives them), each linked to its sentence on its page."""
    names = {s["sector"]: s["name"] for s in sectors}
    column = output.documents.column("doc_id")
    docs = output.documents.filter(
        pc.is_in(column, pa.array(sorted({r["doc_id"] for r in rows}), column.type))
    )
    pages = dict(zip(docs["doc_id"].to_pylist(), docs["page"].to_pylist(), strict=True))
    return [
        {
            "doc_id": r["doc_id"],
            "sentence": r["sentence"],
            "href": _sentence_link(pages.get(r["doc_id"]), r["sentence"]),
            "cells": fact_cells(clean_row(r), names),  # NaN of a foreign table: not found
        }
        for r in rows
    ]


def _fact_order(row: dict) -> tuple:
    number = str(row.get("fact_id") or "")[1:]
    return (row["doc_id"], row["sentence"] or 0, int(number) if number.isdigit() else 0)


def _sentence_link(page: str | None, sentence: int | None) -> str | None:
    """page.html#article-s7 (or, on a page of several documents, #article-2-s7)."""
    if not page or sentence is None:
        return page
    path, _, section = page.partition("#")
    return f"{path}#{sentence_anchor(int(sentence), section or 'article')}"


# --------------------------------------------------------------------------- the page


def report_context(output: Output) -> dict:
    mentions, documents = output.mentions, output.documents
    types = type_counts(mentions)
    orgs = top_organisations(mentions)
    sectors = sector_table(mentions)
    months = article_months(documents)
    years, outside = _trim(mentioned_years(mentions))
    facts, largest = fact_table(output, sectors), largest_amounts(output, sectors)
    errors = output.errors
    reasons: dict[tuple[str, str], int] = {}
    for error in errors:
        key = (error.get("stage", ""), error.get("reason", ""))
        reasons[key] = reasons.get(key, 0) + 1
    return {
        "folder": str(output.folder),
        "layout": output.layout,
        "n_documents": len(documents),
        "n_failed": len(errors),
        "n_mentions": len(mentions),
        "characters": int(pc.sum(documents.column("characters")).as_py() or 0),
        "types": types,
        "orgs": orgs,
        "sectors": sectors[:TOP],
        "n_sectors": len(sectors),
        "sections": section_table(sectors),
        "money_currency": money_by_currency(mentions),
        "money_sector": money_by_sector(mentions),
        "money_article_sectors": money_with_article_sectors(output.facts),
        "facts": facts,
        "article_sectors": shows_article_sectors(f["cells"] for f in facts),
        "largest_article_sectors": shows_article_sectors(f["cells"] for f in largest),
        "largest": largest,
        "largest_per_currency": LARGEST,
        "largest_currencies": CURRENCIES,
        "n_facts": None if output.facts is None else len(output.facts),
        "fact_columns": FACT_HEADINGS,
        "months": months,
        "years": years,
        "years_outside": outside,
        "errors": errors[:500],
        "reasons": sorted(
            ({"stage": s, "reason": r, "files": n} for (s, r), n in reasons.items()),
            key=lambda e: -e["files"],
        ),
        "manifest": output.manifest or {},
        "colors": COLORS,
        "charts": _charts(types, orgs, sectors, months, years),
        "documents_json": _script_json(document_rows(documents, output.facts)),
    }


def _script_json(value: object) -> str:
    """JSON to embed in a <script> element ("</" escaped, so no value can close it)."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def _charts(types, orgs, sectors, months, years) -> dict[str, str]:
    made = {
        "types": charts.vbar(
            [t["type"] for t in types],
            [t["mentions"] for t in types],
            "mentions",
            colors=[COLORS[t["type"]] for t in types],
        )
    }
    if orgs:
        made["orgs"] = charts.hbar(
            [o["name"] for o in orgs], [o["documents"] for o in orgs], "documents"
        )
    if sectors:
        top = sectors[:TOP]
        made["sectors"] = charts.hbar(
            [f"{s['name']} ({s['section']})" if s["section"] else s["name"] for s in top],
            [s["documents"] for s in top],
            "documents",
            colors=COLORS["SECTOR"],
        )
    if months:
        made["months"] = charts.vbar(
            [m for m, _ in months], [n for _, n in months], "articles", max_ticks=20, width=9.5
        )
    if years:
        made["years"] = charts.vbar(
            [y for y, _ in years],
            [n for _, n in years],
            "dates mentioned",
            colors=COLORS["DATE"],
            max_ticks=20,
            width=9.5,
        )
    return made


def render_report(output: Output) -> str:
    return environment().get_template("report.html.j2").render(**report_context(output))


def build_report(folder: Path, target: Path | None = None) -> Path:
    """Write FOLDER/report.html (or `target`) from the tables in FOLDER; return its path."""
    from pipeline.output import write_text

    output = load_output(Path(folder))
    path = Path(target) if target else Path(folder) / REPORT_FILE
    page = render_report(output)
    try:
        write_text(path, page)
    except OSError as exc:  # one line naming the file, not a traceback
        raise InputError(path, f"cannot write the report: {exc.strerror or exc}") from None
    return path
