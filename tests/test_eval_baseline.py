"""The natasha baseline as a mentions table (natasha's models ship with the package: offline)."""

from __future__ import annotations

from pipeline.baseline import natasha_mentions
from pipeline.schema import MENTION_COLUMNS

TEXT = "21 декабря 2025 года Газпром выделил 5 млн рублей. Токаев прибыл в Токио в мае 2024 года."


def test_schema_types_and_values():
    frame = natasha_mentions([("a", TEXT), ("empty", "")])
    assert list(frame.columns) == list(MENTION_COLUMNS)
    assert dict(frame.dtypes.astype(str)) == MENTION_COLUMNS
    assert set(frame["stage"]) == {"natasha"}
    assert set(frame["doc_id"]) == {"a"}
    assert frame["mention_id"].is_unique
    for row in frame.itertuples():
        assert TEXT[row.start : row.end] == row.text
    found = {(r.type, r.text) for r in frame.itertuples()}
    assert {("ORG", "Газпром"), ("PER", "Токаев"), ("LOC", "Токио")} <= found
    dates = frame[frame.type == "DATE"].set_index("text")
    assert dates.loc["21 декабря 2025 года", "timex"] == "2025-12-21"
    assert dates.loc["21 декабря 2025 года", "granularity"] == "day"
    assert dates.loc["мае 2024 года", "timex"] == "2024-05"
    assert dates.loc["мае 2024 года", "date_end"] == "2024-05-31"
    money = frame[frame.type == "AMOUNT"].iloc[0]
    assert (money.kind, money.value, money.unit) == ("money", 5e6, "RUB")
    assert frame.loc[frame.text == "Токио", "sentence"].item() == 1


def test_empty_input_keeps_schema():
    frame = natasha_mentions([])
    assert len(frame) == 0
    assert dict(frame.dtypes.astype(str)) == MENTION_COLUMNS


def test_normalize_fills_normal():
    frame = natasha_mentions([("a", "Токаев прибыл в Японию.")], normalize=True)
    assert frame.loc[frame.type == "LOC", "normal"].item() == "Япония"
