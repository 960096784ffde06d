from dataclasses import asdict, dataclass
from decimal import Decimal

import pandas as pd
import pytest

from pipeline.schema import (
    DOCUMENT_COLUMNS,
    MENTION_COLUMNS,
    MENTION_TYPES,
    TABLE_MENTION_TYPES,
    AmountValue,
    DateValue,
    SectorValue,
)
from pipeline.tables import documents_table, mentions_table


def test_mentions_schema(seed_doc, seed_text):
    table = mentions_table([seed_doc])
    assert list(table.columns) == list(MENTION_COLUMNS)
    assert {c: str(t) for c, t in table.dtypes.items()} == MENTION_COLUMNS
    assert len(table) > 0
    assert set(table["type"]) <= set(TABLE_MENTION_TYPES)  # PLACE_ADJ rows too (guideline 90)
    for row in table.itertuples():
        assert seed_text[row.start : row.end] == row.text
    assert table["mention_id"].is_unique


def test_empty_tables_keep_types():
    mentions = mentions_table([])
    documents = documents_table([])
    assert {c: str(t) for c, t in mentions.dtypes.items()} == MENTION_COLUMNS
    assert {c: str(t) for c, t in documents.dtypes.items()} == DOCUMENT_COLUMNS


def test_documents_table(seed_doc):
    table = documents_table([seed_doc])
    row = table.iloc[0]
    assert row["date"] == "2025-12-21"
    assert row["encoding"] == "utf-8"
    assert row["title"].startswith("Императорская аудиенция")
    assert row["sentences"] > 30 and row["tokens"] > 900
    # The counts are of the six mention types; PLACE_ADJ rows (relation seats) are not counted.
    mentions = mentions_table([seed_doc])
    scored = mentions[mentions["type"].isin(MENTION_TYPES)]
    assert sum(row[f"n_{t.lower()}"] for t in MENTION_TYPES) == len(scored)


def test_parquet_roundtrip_keeps_schema(tmp_path, seed_doc):
    table = mentions_table([seed_doc])
    table.to_parquet(tmp_path / "m.parquet")
    back = pd.read_parquet(tmp_path / "m.parquet")
    assert {c: str(t) for c, t in back.dtypes.items()} == MENTION_COLUMNS


def test_span_attrs_read_what_the_extensions_give(seed_doc):
    from pipeline.extensions import SPAN_ATTRS, span_attrs
    from pipeline.tables import doc_mentions

    spans = doc_mentions(seed_doc)
    assert any(s._.value is not None for s in spans)
    for span in spans:
        assert span_attrs(span, SPAN_ATTRS) == [getattr(span._, n) for n in SPAN_ATTRS]


@dataclass(frozen=True)
class Holder:
    amount: Decimal
    parts: list


@pytest.mark.parametrize(
    "value",
    [
        AmountValue("money", 1.5e9, None, "USD", "approx"),
        DateValue("2025-12", "2025-12-01", "2025-12-31", "month", anchor="article"),
        SectorValue("energy.oil_gas", "06"),
        Holder(Decimal("1.5"), [1, 2]),  # not all plain: asdict's copy
    ],
)
def test_value_fields_equal_asdict(value):
    from pipeline.tables import _value_fields

    got = _value_fields(value)
    assert got == asdict(value) and list(got) == list(asdict(value))


def test_value_fields_copy_what_asdict_copies():
    from pipeline.tables import _value_fields

    value = Holder(Decimal("1.5"), [1, 2])
    assert _value_fields(value)["parts"] is not value.parts


def test_set_span_attrs_is_what_the_extension_setters_store(seed_doc):
    from pipeline.extensions import set_span_attrs

    span = seed_doc[0:2]
    before = dict(seed_doc.user_data)
    try:
        span._.normal, span._.stage = "а", "б"
        by_setters = dict(seed_doc.user_data)
        for key in set(by_setters) - set(before):
            del seed_doc.user_data[key]
        set_span_attrs(span, normal="а", stage="б")
        assert seed_doc.user_data == by_setters
        assert (span._.normal, span._.stage) == ("а", "б")
    finally:
        seed_doc.user_data.clear()
        seed_doc.user_data.update(before)
