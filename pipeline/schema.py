"""Column names and types of the tables other tools read; changing them breaks consumers."""

from __future__ import annotations

from dataclasses import dataclass

MENTION_TYPES = ("ORG", "PER", "LOC", "AMOUNT", "DATE", "SECTOR")
# Mentions that serve as relation arguments and are listed in the mentions table after the
# scored types: PLACE_ADJ, a place adjective ("российская", normal "Россия"; guideline 90).
# No gold annotates them as mentions, so mention scoring and the per-type counts leave them out.
ARGUMENT_MENTION_TYPES = ("PLACE_ADJ",)
TABLE_MENTION_TYPES = MENTION_TYPES + ARGUMENT_MENTION_TYPES

# pandas extension dtypes keep empty cells typed (NA), so Parquet parts share one schema.
MENTION_COLUMNS: dict[str, str] = {
    "doc_id": "string",
    "mention_id": "string",
    "type": "string",
    "start": "Int64",
    "end": "Int64",
    "text": "string",
    "normal": "string",
    "entity_id": "string",
    "parent_id": "string",
    "sentence": "Int64",
    "stage": "string",
    # AMOUNT
    "kind": "string",
    "value": "Float64",
    "value_max": "Float64",
    "unit": "string",
    "qualifier": "string",
    # DATE
    "timex": "string",
    "date_start": "string",
    "date_end": "string",
    "granularity": "string",
    "relative": "boolean",
    # SECTOR
    "sector": "string",
    "okved": "string",
    # ORG: proper (a name) | descriptor (a body named by its common word), guideline 50
    "name_kind": "string",
    # DATE, TIMEX3 (appended): type, quant of a SET, which date an anaphoric one counts from
    "timex_type": "string",
    "quant": "string",
    "anchor": "string",
}

DOCUMENT_COLUMNS: dict[str, str] = {
    "doc_id": "string",
    "source": "string",
    "encoding": "string",
    "title": "string",
    "date": "string",
    "characters": "Int64",
    "sentences": "Int64",
    "tokens": "Int64",
    **{f"n_{t.lower()}": "Int64" for t in MENTION_TYPES},
    # The sectors the document is about: "id:count" of its SECTOR mentions, most frequent
    # first, ";"-separated ("energy.oil_gas:5;energy:1"); empty when there are none.
    "sectors": "string",
}


@dataclass(frozen=True)
class AmountValue:
    kind: str  # money | count | percent
    value: float | None
    value_max: float | None = None
    unit: str | None = None  # ISO 4217, "%", or the counted noun's lemma
    qualifier: str = "eq"  # eq|gt|ge|lt|le|approx|range


@dataclass(frozen=True)
class DateValue:
    timex: str | None  # "2004", "199X", "2025-12-21", "PRESENT_REF"; None when unresolved
    date_start: str | None  # ISO date
    date_end: str | None
    granularity: str  # day|month|year|decade|century|present
    relative: bool = False
    timex_type: str = "DATE"  # TIMEX3 type: DATE | DURATION | SET
    qualifier: str | None = None  # of a DURATION, as AMOUNT's: approx, le, gt, ...
    quant: str | None = None  # of a SET: "EVERY"
    anchor: str | None = None  # what a relative date counts from: article | text | none


@dataclass(frozen=True)
class SectorValue:
    sector: str  # taxonomy id, most specific
    okved: str  # ОКВЭД 2 code(s), ";"-separated


VALUE_FIELDS = {
    AmountValue: ("kind", "value", "value_max", "unit", "qualifier"),
    DateValue: (
        "timex",
        "date_start",
        "date_end",
        "granularity",
        "relative",
        "timex_type",
        "qualifier",
        "quant",
        "anchor",
    ),
    SectorValue: ("sector", "okved"),
}

RELATION_TYPES = (
    "INCOME",
    "EXPENDITURE",
    "PRICE_OF",
    "PART_OF",
    "HEADQUARTERED_IN",
    "OWNER_OF",
    "MEMBER_OF",
    "FOUNDED_BY",
    "SECTOR_OF",
    "DATE_OF",
    "AMOUNT_OF",
)

# The project's own fact relations (guideline 112-115) and the mention types each joins: head
# type, tail types. The gold builders, the agreement script and the gold tests read this table.
FACT_RELATION_ENDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "SECTOR_OF": ("ORG", ("SECTOR",)),
    "DATE_OF": ("AMOUNT", ("DATE",)),
    "AMOUNT_OF": ("AMOUNT", ("SECTOR", "ORG")),
}
FACT_RELATION_TYPES = tuple(FACT_RELATION_ENDS)
assert set(FACT_RELATION_TYPES) <= set(RELATION_TYPES)

# One row per link between two mentions; the ids are the mentions table's `mention_id`.
RELATION_COLUMNS: dict[str, str] = {
    "doc_id": "string",
    "relation_id": "string",
    "type": "string",
    "head_mention_id": "string",
    "tail_mention_id": "string",
    "sentence": "Int64",
    "trigger": "string",  # lemma of the word carrying the link ("nested" for name chains)
    "stage": "string",
}

# One row per trigger (and money amount) with its linked mentions spelled out.
FACT_COLUMNS: dict[str, str] = {
    "doc_id": "string",
    "fact_id": "string",
    "sentence": "Int64",
    "trigger": "string",
    "polarity": "string",  # positive | negative
    "modality": "string",  # done | planned
    "agent": "string",
    "agent_id": "string",
    "counterpart": "string",
    "amount_value": "Float64",
    "amount_unit": "string",
    "amount_kind": "string",
    "qualifier": "string",
    "date_start": "string",
    "date_end": "string",
    "date_timex": "string",
    "sector": "string",
    "okved": "string",
    "location": "string",
    "agent_mention_id": "string",
    "counterpart_mention_id": "string",
    "amount_mention_id": "string",
    "date_mention_id": "string",
    "sector_mention_id": "string",
    "location_mention_id": "string",
    # The sectors the article gives the agent and the counterpart elsewhere: SECTOR_OF links
    # of the same entity anywhere in the document, nearest first, ";"-joined (guideline 309).
    # `sector`/`okved` above are the fact's own sentence's.
    "agent_sector": "string",
    "agent_okved": "string",
    "agent_sector_mention_id": "string",
    "counterpart_sector": "string",
    "counterpart_okved": "string",
    "counterpart_sector_mention_id": "string",
}
