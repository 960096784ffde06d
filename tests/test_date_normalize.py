"""pipeline/normalize/dates.py: every expression form, with and without an article date."""

from datetime import date

import pytest

from pipeline.normalize.dates import (
    DateExpr,
    complete_range,
    decade_value,
    is_relative,
    numeric_date,
    resolve,
    resolve_range,
    roman_value,
    year_pair,
    year_value,
)
from pipeline.schema import DateValue

ARTICLE = date(2025, 12, 21)  # a Sunday


def value(timex, start, end, granularity, relative=False) -> DateValue:
    return DateValue(timex, start, end, granularity, relative)


# (what the text says, article-date value, tense) — absolute: the article date must not matter
# fmt: off
ABSOLUTE = [
    ("2025-12-21", DateExpr(year=2025, month=12, day=21),
     value("2025-12-21", "2025-12-21", "2025-12-21", "day")),
    ("декабрь 2025", DateExpr(year=2025, month=12),
     value("2025-12", "2025-12-01", "2025-12-31", "month")),
    ("февраль 2024 (leap)", DateExpr(year=2024, month=2),
     value("2024-02", "2024-02-01", "2024-02-29", "month")),
    ("в 2004 году", DateExpr(year=2004), value("2004", "2004-01-01", "2004-12-31", "year")),
    ("с 1990-х годов", DateExpr(decade=1990),
     value("199X", "1990-01-01", "1999-12-31", "decade")),
    ("со второй половины 2000-х", DateExpr(decade=2000, part="second_half"),
     value("200X", "2005-01-01", "2009-12-31", "decade")),
    ("в первой половине 1990-х", DateExpr(decade=1990, part="first_half"),
     value("199X", "1990-01-01", "1994-12-31", "decade")),
    ("в начале 1990-х", DateExpr(decade=1990, part="start"),
     value("199X", "1990-01-01", "1992-12-31", "decade")),
    ("в середине 1990-х", DateExpr(decade=1990, part="middle"),
     value("199X", "1993-01-01", "1996-12-31", "decade")),
    ("в конце 1990-х", DateExpr(decade=1990, part="end"),
     value("199X", "1997-01-01", "1999-12-31", "decade")),
    ("в 90-х", DateExpr(decade_short=90), value("199X", "1990-01-01", "1999-12-31", "decade")),
    ("в нулевые", DateExpr(decade_short=0), value("200X", "2000-01-01", "2009-12-31", "decade")),
    ("сороковых годов XIV века", DateExpr(decade_short=40, century=14),
     value("134X", "1340-01-01", "1349-12-31", "decade")),
    ("в XXI веке", DateExpr(century=21), value("20XX", "2001-01-01", "2100-12-31", "century")),
    ("в начале XXI века", DateExpr(century=21, part="start"),
     value("20XX", "2001-01-01", "2033-12-31", "century")),
    ("в конце XX века", DateExpr(century=20, part="end"),
     value("19XX", "1968-01-01", "2000-12-31", "century")),
    ("в начале 2017 года", DateExpr(year=2017, part="start"),
     value("2017", "2017-01-01", "2017-04-30", "year")),
    ("во второй половине 2017 года", DateExpr(year=2017, part="second_half"),
     value("2017", "2017-07-01", "2017-12-31", "year")),
    ("в конце марта 2019 года", DateExpr(year=2019, month=3, part="end"),
     value("2019-03", "2019-03-21", "2019-03-31", "month")),
    ("в середине февраля 2023", DateExpr(year=2023, month=2, part="middle"),
     value("2023-02", "2023-02-11", "2023-02-20", "month")),
    ("в первом квартале 2025 года", DateExpr(year=2025, quarter=1),
     value("2025-Q1", "2025-01-01", "2025-03-31", "month")),
    ("во втором полугодии 2024 года", DateExpr(year=2024, half=2),
     value("2024-H2", "2024-07-01", "2024-12-31", "month")),
    ("весной 2009 года", DateExpr(year=2009, season="SP"),
     value("2009-SP", "2009-03-01", "2009-05-31", "month")),
    ("летом 2014 года", DateExpr(year=2014, season="SU"),
     value("2014-SU", "2014-06-01", "2014-08-31", "month")),
    ("осенью 2017 года", DateExpr(year=2017, season="FA"),
     value("2017-FA", "2017-09-01", "2017-11-30", "month")),
    ("зимой 2014 года", DateExpr(year=2014, season="WI"),
     value("2014-WI", "2013-12-01", "2014-02-28", "month")),
    ("вчера, 9 мая 2019 года", DateExpr(year=2019, month=5, day=9, unit="day", offset=-1),
     value("2019-05-09", "2019-05-09", "2019-05-09", "day")),
    ("в понедельник, 27 апреля 2020 года", DateExpr(year=2020, month=4, day=27, weekday=0),
     value("2020-04-27", "2020-04-27", "2020-04-27", "day")),
]
# fmt: on


@pytest.mark.parametrize(("label", "expr", "expected"), ABSOLUTE, ids=[c[0] for c in ABSOLUTE])
def test_absolute(label, expr, expected):
    assert not is_relative(expr)
    assert resolve(expr, ARTICLE) == expected
    assert resolve(expr) == expected


# (label, expression, tense, value with the article date 2025-12-21)
# fmt: off
RELATIVE = [
    ("сегодня", DateExpr(present=True), None,
     value("PRESENT_REF", "2025-12-21", "2025-12-21", "present", True)),
    ("вчера", DateExpr(unit="day", offset=-1), None,
     value("2025-12-20", "2025-12-20", "2025-12-20", "day", True)),
    ("позавчера", DateExpr(unit="day", offset=-2), None,
     value("2025-12-19", "2025-12-19", "2025-12-19", "day", True)),
    ("завтра", DateExpr(unit="day", offset=1), None,
     value("2025-12-22", "2025-12-22", "2025-12-22", "day", True)),
    ("в прошлом году", DateExpr(unit="year", offset=-1), None,
     value("2024", "2024-01-01", "2024-12-31", "year", True)),
    ("в этом году", DateExpr(unit="year", offset=0), None,
     value("2025", "2025-01-01", "2025-12-31", "year", True)),
    ("в следующем году", DateExpr(unit="year", offset=1), None,
     value("2026", "2026-01-01", "2026-12-31", "year", True)),
    ("в прошлом месяце", DateExpr(unit="month", offset=-1), None,
     value("2025-11", "2025-11-01", "2025-11-30", "month", True)),
    ("в следующем месяце", DateExpr(unit="month", offset=1), None,
     value("2026-01", "2026-01-01", "2026-01-31", "month", True)),
    ("на прошлой неделе", DateExpr(unit="week", offset=-1), None,
     value("2025-W50", "2025-12-08", "2025-12-14", "day", True)),
    ("на этой неделе", DateExpr(unit="week", offset=0), None,
     value("2025-W51", "2025-12-15", "2025-12-21", "day", True)),
    ("в прошлом квартале", DateExpr(unit="quarter", offset=-1), None,
     value("2025-Q3", "2025-07-01", "2025-09-30", "month", True)),
    ("в прошлом десятилетии", DateExpr(unit="decade", offset=-1), None,
     value("201X", "2010-01-01", "2019-12-31", "decade", True)),
    ("в прошлом веке", DateExpr(unit="century", offset=-1), None,
     value("19XX", "1901-01-01", "2000-12-31", "century", True)),
    ("в конце прошлого года", DateExpr(unit="year", offset=-1, part="end"), None,
     value("2024", "2024-09-01", "2024-12-31", "year", True)),
    ("в начале недели", DateExpr(unit="week", offset=0, part="start"), None,
     value("2025-W51", "2025-12-15", "2025-12-16", "day", True)),
    ("в ноябре прошлого года", DateExpr(month=11, unit="year", offset=-1), None,
     value("2024-11", "2024-11-01", "2024-11-30", "month", True)),
    ("25 декабря прошлого года", DateExpr(month=12, day=25, unit="year", offset=-1), None,
     value("2024-12-25", "2024-12-25", "2024-12-25", "day", True)),
    ("осенью прошлого года", DateExpr(season="FA", unit="year", offset=-1), None,
     value("2024-FA", "2024-09-01", "2024-11-30", "month", True)),
    ("20 лет назад", DateExpr(shift_unit="year", shift=-20), None,
     value("2005", "2005-01-01", "2005-12-31", "year", True)),
    ("полтора года назад", DateExpr(shift_unit="year", shift=-1.5), None,
     value("2024-06", "2024-06-01", "2024-06-30", "month", True)),
    ("три месяца назад", DateExpr(shift_unit="month", shift=-3), None,
     value("2025-09", "2025-09-01", "2025-09-30", "month", True)),
    ("неделю назад", DateExpr(shift_unit="week", shift=-1), None,
     value("2025-12-14", "2025-12-14", "2025-12-14", "day", True)),
    ("два дня назад", DateExpr(shift_unit="day", shift=-2), None,
     value("2025-12-19", "2025-12-19", "2025-12-19", "day", True)),
    ("полвека назад", DateExpr(shift_unit="century", shift=-0.5), None,
     value("1975", "1975-01-01", "1975-12-31", "year", True)),
    ("через два дня", DateExpr(shift_unit="day", shift=2), None,
     value("2025-12-23", "2025-12-23", "2025-12-23", "day", True)),
    ("через 5 лет", DateExpr(shift_unit="year", shift=5), None,
     value("2030", "2030-01-01", "2030-12-31", "year", True)),
    ("за последние 10 лет", DateExpr(window_unit="year", window=10), None,
     value("P10Y", "2015-12-22", "2025-12-21", "year", True)),
    ("за последний месяц", DateExpr(window_unit="month", window=1), None,
     value("P1M", "2025-11-22", "2025-12-21", "month", True)),
    ("за последние 7 дней", DateExpr(window_unit="day", window=7), None,
     value("P7D", "2025-12-15", "2025-12-21", "day", True)),
    # weekdays; the article date is a Sunday
    ("во вторник (past)", DateExpr(weekday=1), "past",
     value("2025-12-16", "2025-12-16", "2025-12-16", "day", True)),
    ("во вторник (no tense)", DateExpr(weekday=1), None,
     value("2025-12-16", "2025-12-16", "2025-12-16", "day", True)),
    ("во вторник (future)", DateExpr(weekday=1), "future",
     value("2025-12-23", "2025-12-23", "2025-12-23", "day", True)),
    ("в воскресенье (the article's day)", DateExpr(weekday=6), None,
     value("2025-12-21", "2025-12-21", "2025-12-21", "day", True)),
    ("в прошлый вторник", DateExpr(weekday=1, mode="previous_week"), None,
     value("2025-12-09", "2025-12-09", "2025-12-09", "day", True)),
    ("в этот вторник", DateExpr(weekday=1, mode="this_week"), None,
     value("2025-12-16", "2025-12-16", "2025-12-16", "day", True)),
    ("в следующий вторник", DateExpr(weekday=1, mode="next_week"), None,
     value("2025-12-23", "2025-12-23", "2025-12-23", "day", True)),
    ("в минувший вторник", DateExpr(weekday=1, mode="last"), None,
     value("2025-12-16", "2025-12-16", "2025-12-16", "day", True)),
    ("в минувшее воскресенье", DateExpr(weekday=6, mode="last"), None,
     value("2025-12-14", "2025-12-14", "2025-12-14", "day", True)),
    ("в предстоящий вторник", DateExpr(weekday=1, mode="next"), None,
     value("2025-12-23", "2025-12-23", "2025-12-23", "day", True)),
    ("в выходные", DateExpr(weekend=True), None,
     value("2025-W51-WE", "2025-12-20", "2025-12-21", "day", True)),
    ("в минувшие выходные", DateExpr(weekend=True, mode="last"), None,
     value("2025-W50-WE", "2025-12-13", "2025-12-14", "day", True)),
    ("на прошлых выходных", DateExpr(weekend=True, mode="previous_week"), None,
     value("2025-W50-WE", "2025-12-13", "2025-12-14", "day", True)),
    # a month, day, season or quarter without a year
    ("в ноябре", DateExpr(month=11), None,
     value("2025-11", "2025-11-01", "2025-11-30", "month", True)),
    ("21 декабря", DateExpr(month=12, day=21), None,
     value("2025-12-21", "2025-12-21", "2025-12-21", "day", True)),
    ("в январе (future)", DateExpr(month=1), "future",
     value("2026-01", "2026-01-01", "2026-01-31", "month", True)),
    ("в начале марта", DateExpr(month=3, part="start"), None,
     value("2025-03", "2025-03-01", "2025-03-10", "month", True)),
    ("в первом квартале", DateExpr(quarter=1), None,
     value("2025-Q1", "2025-01-01", "2025-03-31", "month", True)),
    ("осенью", DateExpr(season="FA"), None,
     value("2025-FA", "2025-09-01", "2025-11-30", "month", True)),
    ("прошлой осенью", DateExpr(season="FA", mode="last"), None,
     value("2025-FA", "2025-09-01", "2025-11-30", "month", True)),
    ("следующей весной", DateExpr(season="SP", mode="next"), None,
     value("2026-SP", "2026-03-01", "2026-05-31", "month", True)),
    ("этой зимой", DateExpr(season="WI", mode="this"), None,
     value("2026-WI", "2025-12-01", "2026-02-28", "month", True)),
    ("в прошлом октябре", DateExpr(month=10, mode="last"), None,
     value("2025-10", "2025-10-01", "2025-10-31", "month", True)),
    ("в следующем мае", DateExpr(month=5, mode="next"), None,
     value("2026-05", "2026-05-01", "2026-05-31", "month", True)),
    ("70-х годов прошлого века", DateExpr(decade_short=70, unit="century", offset=-1), None,
     value("197X", "1970-01-01", "1979-12-31", "decade", True)),
]
# fmt: on


@pytest.mark.parametrize(
    ("label", "expr", "tense", "expected"), RELATIVE, ids=[c[0] for c in RELATIVE]
)
def test_relative_with_article_date(label, expr, tense, expected):
    assert is_relative(expr)
    assert resolve(expr, ARTICLE, tense) == expected


@pytest.mark.parametrize(
    ("label", "expr", "tense", "expected"), RELATIVE, ids=[c[0] for c in RELATIVE]
)
def test_relative_without_article_date(label, expr, tense, expected):
    assert resolve(expr, None, tense) == DateValue(None, None, None, expected.granularity, True)


def test_past_tense_month_after_the_article_is_last_year():
    spring = date(2025, 3, 10)
    assert resolve(DateExpr(month=11), spring, "past").timex == "2024-11"
    assert resolve(DateExpr(month=11), spring, None).timex == "2025-11"
    assert resolve(DateExpr(month=12, day=21), date(2026, 1, 5), "past").timex == "2025-12-21"


@pytest.mark.parametrize(
    "expr",
    [
        DateExpr(shift_unit="day", shift=None),  # "несколько дней назад"
        DateExpr(window_unit="year", window=None),  # "в последние годы"
    ],
)
def test_vague_distances_stay_unresolved(expr):
    for article in (ARTICLE, None):
        found = resolve(expr, article)
        assert found is not None and found.timex is None and found.relative


@pytest.mark.parametrize(
    "expr",
    [
        DateExpr(year=2025, month=2, day=31),  # 31.02.2025
        DateExpr(year=2025, month=2, day=29),  # not a leap year
        DateExpr(year=2025, month=13),
        DateExpr(year=2025, quarter=5),
        DateExpr(century=40),
        DateExpr(),
    ],
)
def test_invalid_dates_have_no_value(expr):
    assert resolve(expr, ARTICLE) is None
    assert resolve(expr) is None


def test_february_29_without_a_year():
    assert resolve(DateExpr(month=2, day=29)) == DateValue(None, None, None, "day", True)
    assert resolve(DateExpr(month=2, day=29), ARTICLE) is None  # 2025 has none


# (label, first, last, article date, value)
# fmt: off
RANGES = [
    ("в 2020–2022 годах", DateExpr(year=2020), DateExpr(year=2022), None,
     value("2020/2022", "2020-01-01", "2022-12-31", "year")),
    ("27-28 сентября 2014 года", DateExpr(day=27), DateExpr(year=2014, month=9, day=28), None,
     value("2014-09-27/2014-09-28", "2014-09-27", "2014-09-28", "day")),
    ("с 16 апреля по 19 мая 2019 года", DateExpr(month=4, day=16),
     DateExpr(year=2019, month=5, day=19), None,
     value("2019-04-16/2019-05-19", "2019-04-16", "2019-05-19", "day")),
    ("с мая 2003 года по 2005 год", DateExpr(year=2003, month=5), DateExpr(year=2005), None,
     value("2003-05/2005", "2003-05-01", "2005-12-31", "year")),
    ("в конце 1980-х — начале 1990-х", DateExpr(decade=1980, part="end"),
     DateExpr(decade=1990, part="start"), None,
     value("198X/199X", "1987-01-01", "1992-12-31", "decade")),
    ("1960-х — 80-х", DateExpr(decade=1960), DateExpr(decade_short=80), None,
     value("196X/198X", "1960-01-01", "1989-12-31", "decade")),
    ("в ноябре-декабре", DateExpr(month=11), DateExpr(month=12), ARTICLE,
     value("2025-11/2025-12", "2025-11-01", "2025-12-31", "month", True)),
    ("в тридцатых-сороковых годах прошлого века", DateExpr(decade_short=30),
     DateExpr(decade_short=40, unit="century", offset=-1), ARTICLE,
     value("193X/194X", "1930-01-01", "1949-12-31", "decade", True)),
    ("с 1 по 5 марта прошлого года", DateExpr(day=1),
     DateExpr(month=3, day=5, unit="year", offset=-1), ARTICLE,
     value("2024-03-01/2024-03-05", "2024-03-01", "2024-03-05", "day", True)),
    ("в ноябре-декабре (no article date)", DateExpr(month=11), DateExpr(month=12), None,
     DateValue(None, None, None, "month", True)),
]
# fmt: on


@pytest.mark.parametrize(
    ("label", "first", "last", "article", "expected"), RANGES, ids=[c[0] for c in RANGES]
)
def test_ranges(label, first, last, article, expected):
    assert resolve_range(first, last, article) == expected


def test_backward_range_is_no_date():
    assert resolve_range(DateExpr(year=2022), DateExpr(year=2020)) is None


def test_complete_range_shares_month_and_year():
    first, _ = complete_range(DateExpr(day=27), DateExpr(year=2014, month=9, day=28))
    assert (first.year, first.month, first.day) == (2014, 9, 27)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("XXI", 21), ("XX", 20), ("ХХ-го", 20), ("XIV", 14), ("IV", 4), ("IIII", None), ("VX", None)],
)
def test_roman_value(text, expected):
    assert roman_value(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("21.12.2025", (2025, 12, 21)),
        ("2025-12-21", (2025, 12, 21)),
        ("21/12/2025", (2025, 12, 21)),
        ("01.05.2019,", (2019, 5, 1)),
        ("24.03.02", None),  # two-digit years: codes more often than dates
        ("12.03", None),
    ],
)
def test_numeric_date(text, expected):
    found = numeric_date(text)
    assert (found and (found.year, found.month, found.day)) == expected or found is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2004", 2004), ("2008г", 2008), ("1997-м", 1997), ("1945-го", 1945), ("2019,", 2019)],
)
def test_year_value(text, expected):
    assert year_value(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2020–2022", (2020, 2022)), ("2017/18", (2017, 2018)), ("1989-90", (1989, 1990)),
     ("2022-2020", None)],
)  # fmt: skip
def test_year_pair(text, expected):
    assert year_pair(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1990-х", (1990, None)), ("2000-е", (2000, None)), ("90-х", (None, 90)),
     ("1990-м", (None, None)), ("10-й", (None, None))],
)  # fmt: skip
def test_decade_value(text, expected):
    assert decade_value(text) == expected
