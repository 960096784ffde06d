"""DATE values: a parsed date expression plus the article date become a DateValue. No spaCy.

The rule component (pipeline/stages/rules/date.py) decides which tokens form a date and fills a
DateExpr with what the text says; everything here is calendar arithmetic over that record, so it
can be tested with plain values. Conventions the guideline (docs/guideline.md, section 6) leaves
to the implementation:

timex (TIMEX3-like `value`)
    day "2025-12-21", month "2024-11", year "2004", decade "199X" (the 1990s), century "20XX"
    (the 21st century: the hundreds digits of its years, as the decade form), ISO week
    "2025-W51" (and "2025-W51-WE" for its weekend), quarter "2025-Q1", half-year "2025-H1",
    season "2009-SP"/"-SU"/"-FA"/"-WI", deictic present "PRESENT_REF", a window back from the
    article date as a duration ("за последние 10 лет" → "P10Y"), and a range as "first/last"
    ("2020/2022", "2019-04-16/2019-05-19"). A part of a period keeps the period's timex ("в
    начале XXI века" → "20XX"); the interval says which part.
date_start, date_end
    The whole interval the expression covers; a century runs from year 1 to year 100 of it
    (XXI → 2001-01-01..2100-12-31), a decade from its 0 year (1990..1999).
granularity
    One of day|month|year|decade|century|present: weeks and weekends are `day`, quarters,
    half-years and seasons are `month` (their intervals are whole months), "N лет назад" is
    `year`, a fractional "полтора года назад" is `month`. A range takes the coarser granularity
    of its two ends. Parts keep the granularity of the whole ("второй половины 2000-х" → decade).
parts
    начало / середина / конец = first / middle / last third of the period's sub-units, rounded
    (a century: 2001–2033, 2034–2067, 2068–2100; a decade: 1990–1992, 1993–1996, 1997–1999;
    a year: Jan–Apr, May–Aug, Sep–Dec); a month is cut at days 10 and 20 as the Russian
    "декады" are. первая / вторая половина = the first / second half (a decade: 1990–1994,
    1995–1999).
relative
    True when the article date was needed: deictic words, "N лет назад", "прошлый/этот/
    следующий …", weekdays, and a day, month, season or quarter without a year. Without an
    article date such an expression keeps its granularity and relative=true, and timex,
    date_start and date_end are None. Absolute dates never read the article date.
implicit year
    A month, day, season or quarter without a year ("в ноябре", "21 декабря") takes the article's
    year; if the sentence is in the past tense and that lands after the article date, the
    year before; if in the future tense and it lands before the article date, the year after.
weekdays
    "во вторник": the latest such day on or before the article date, or with a future-tense verb
    the first on or after it. "в прошлый вторник": the Tuesday of the ISO week before the
    article's week (прошлый/этот/следующий name weeks); "в минувший/прошедший вторник": the
    latest Tuesday strictly before the article date; "в предстоящий/ближайший вторник": the
    first strictly after it. Seasons and months with a modifier pick an occurrence the same way
    ("прошлой осенью", "в прошлом октябре": the latest one that ended before the article date;
    "следующей весной": the first that starts after it; "этой осенью": the one containing the
    article date, else the one of its year).
seasons
    spring Mar–May, summer Jun–Aug, autumn Sep–Nov of the year; winter of year Y is Dec Y−1 to
    the end of Feb Y, since "зимой 2014 года" usually means its January and February.
two-digit decades
    "90-х", "70-е годы" with no century are the 1900s, except "00-х" and "10-х" (2000s, 2010s);
    with a century ("70-х годов прошлого века", "сороковых годов XIV века") that century.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from pipeline.schema import DateValue

GRANULARITIES = ("day", "month", "year", "decade", "century", "present")
PARTS = ("start", "middle", "end", "first_half", "second_half")
SEASONS = ("SP", "SU", "FA", "WI")
WEEKDAY_MODES = ("previous_week", "this_week", "next_week", "last", "next")
UNITS = (
    "day",
    "week",
    "weekend",
    "month",
    "quarter",
    "half",
    "season",
    "year",
    "decade",
    "century",
)

# Token shapes (also used as spaCy Matcher REGEX predicates by the rule component).
DAY_RE = re.compile(r"^(0?[1-9]|[12]\d|3[01])(-?го)?$")
DAY_RANGE_RE = re.compile(r"^(\d{1,2})[-–—](\d{1,2})$")
YEAR_RE = re.compile(r"^(1\d{3}|20\d\d|21\d\d),?$")
# "2008г", "2016гг": razdel keeps the abbreviation glued to the number.
YEAR_ABBR_RE = re.compile(r"^(1\d{3}|20\d\d)гг?$")
# "в 1997-м", "в апреле 1945-го": ordinal year forms.
YEAR_ORDINAL_RE = re.compile(r"^(1\d{3}|20\d\d)-(й|го|м|му|ом|ым|ый|ого)$")
ANY_YEAR_RE = re.compile(
    "|".join(f"(?:{r.pattern})" for r in (YEAR_RE, YEAR_ABBR_RE, YEAR_ORDINAL_RE))
)
# "2020–2022", and the season forms "2017/18", "2017/2018", "1989-90".
YEAR_RANGE_RE = re.compile(r"^(1\d{3}|20\d\d)[-–—/](1\d{3}|20\d\d|\d\d)$")
# "1990-х", "1990-е", "1990-ых", "1990х"; "90-х", "70-е".
DECADE_RE = re.compile(r"^(\d{3}0|\d0)-?(х|x|е|ые|ых|ым|ыми)$")
ROMAN_RE = re.compile(r"^[IVXХІ]{1,7}(-?(го|й|м|му|ом|ым))?$")
ROMAN_RANGE_RE = re.compile(r"^([IVXХІ]{1,7})[-–—]([IVXХІ]{1,7})$")
NUMBER_RE = re.compile(r"^\d{1,3}([.,]\d)?$")
# Two-digit years ("24.03.02") are left out: in news they are codes more often than dates.
_NUMERIC_DAY_FIRST = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4}),?$")
_NUMERIC_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2}),?$")
NUMERIC_DATE_RE = re.compile(r"^(\d{1,2}[./]\d{1,2}[./]\d{4}|\d{4}-\d{2}-\d{2}),?$")

_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_LOOKALIKES = str.maketrans({"Х": "X", "І": "I"})  # Cyrillic letters typed for Roman digits
_PROBE = date(2000, 6, 15)  # a leap year: "29 февраля" stays valid when no article date is given


@dataclass(frozen=True)
class DateExpr:
    """What a date expression says, before resolution; every field is optional."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: str | None = None  # SP SU FA WI
    quarter: int | None = None  # 1..4
    half: int | None = None  # half-year 1..2
    decade: int | None = None  # first year: 1990
    decade_short: int | None = None  # "90-х": 90, century from `century`, `unit` or the default
    century: int | None = None  # ordinal: 21
    part: str | None = None  # see PARTS
    weekday: int | None = None  # 0 = Monday
    weekend: bool = False
    mode: str | None = None  # which occurrence of a weekday/weekend/season: WEEKDAY_MODES
    unit: str | None = None  # calendar unit named deictically: "в прошлом году" → year, -1
    offset: int = 0
    shift_unit: str | None = None  # "20 лет назад" → year, -20
    shift: float | None = None  # None with shift_unit: a vague amount ("несколько дней назад")
    window_unit: str | None = None  # "за последние 10 лет" → year, 10
    window: float | None = None
    present: bool = False


@dataclass(frozen=True)
class _Interval:
    start: date
    end: date
    granularity: str
    timex: str
    # The sub-unit a part of this interval is counted in: "year", "month" or "day".
    sub: str = "day"


def resolve(
    expr: DateExpr, article: date | None = None, tense: str | None = None
) -> DateValue | None:
    """The value of one expression; None when it is no valid date ("31.02.2025").

    `tense` ("past", "future" or None) is the tense of the clause, used only where the text
    leaves the direction open (a month without a year, a bare weekday).
    """
    expr = _explicit_first(expr)
    relative = is_relative(expr)
    vague = (expr.shift_unit is not None and expr.shift is None) or (
        expr.window_unit is not None and expr.window is None
    )
    if (relative and article is None) or vague:
        # Resolved on a stand-in date only for the granularity; "несколько дней назад" and "в
        # последние годы" are dates whose distance the text does not give: unresolved.
        probe = _resolve(_definite(expr) if vague else expr, _PROBE, tense)
        return None if probe is None else DateValue(None, None, None, probe.granularity, True)
    found = _resolve(expr, article or _PROBE, tense)
    if found is None:
        return None
    return DateValue(
        found.timex, found.start.isoformat(), found.end.isoformat(), found.granularity, relative
    )


def resolve_range(
    first: DateExpr, last: DateExpr, article: date | None = None, tense: str | None = None
) -> DateValue | None:
    """One interval from the start of `first` to the end of `last` ("с 2006 по 2010 год")."""
    first, last = complete_range(first, last)
    a, b = resolve(first, article, tense), resolve(last, article, tense)
    if a is None or b is None:
        return None
    granularity = _coarser(a.granularity, b.granularity)
    relative = a.relative or b.relative
    if a.timex is None or b.timex is None:
        return DateValue(None, None, None, granularity, relative)
    if a.date_start > b.date_end or a.timex == b.timex:
        return None
    return DateValue(f"{a.timex}/{b.timex}", a.date_start, b.date_end, granularity, relative)


def complete_range(first: DateExpr, last: DateExpr) -> tuple[DateExpr, DateExpr]:
    """Fill what one end of a range leaves to the other: "27–28 сентября 2014 года"."""
    if first.day is not None and first.month is None:
        first = replace(first, month=last.month)
    if _month_like(first) and not _has_year(first) and _has_year(last):
        first = replace(first, year=last.year, unit=last.unit, offset=last.offset)
    if first.decade_short is not None and first.century is None and first.unit is None:
        if last.decade is not None:  # "1960-х — 80-х" read backwards: "60-х — 1980-х"
            first = replace(first, decade=last.decade // 100 * 100 + first.decade_short)
            first = replace(first, decade_short=None)
        else:  # "в тридцатых-сороковых годах прошлого века"
            first = replace(first, century=last.century, unit=last.unit, offset=last.offset)
    if last.decade_short is not None and last.century is None and last.unit is None:
        if first.decade is not None:
            last = replace(last, decade=first.decade // 100 * 100 + last.decade_short)
            last = replace(last, decade_short=None)
    return first, last


def _month_like(expr: DateExpr) -> bool:
    return any(v is not None for v in (expr.day, expr.month, expr.season, expr.quarter, expr.half))


def _has_year(expr: DateExpr) -> bool:
    return expr.year is not None or expr.unit == "year"


def _definite(expr: DateExpr) -> DateExpr:
    if expr.shift_unit is not None:
        return replace(expr, shift=expr.shift if expr.shift is not None else -1.0)
    return replace(expr, window=expr.window if expr.window is not None else 1.0)


def _explicit_first(expr: DateExpr) -> DateExpr:
    """A written day and month outweigh the deictic words beside them ("вчера, 9 мая")."""
    if expr.day is None or expr.month is None:
        return expr
    unit, offset = ("year", expr.offset) if expr.unit == "year" else (None, 0)
    return DateExpr(year=expr.year, month=expr.month, day=expr.day, unit=unit, offset=offset)


def is_relative(expr: DateExpr) -> bool:
    """Whether the value depends on the article date."""
    expr = _explicit_first(expr)
    if expr.present or expr.unit or expr.shift_unit or expr.window_unit:
        return True
    if expr.weekday is not None or expr.weekend:
        return True
    if expr.year is not None or expr.decade is not None or expr.century is not None:
        return False
    if expr.decade_short is not None:
        return False
    return _month_like(expr)


# --- resolution -------------------------------------------------------------------------


def _resolve(expr: DateExpr, article: date, tense: str | None) -> _Interval | None:
    if expr.present:
        return _Interval(article, article, "present", "PRESENT_REF")
    try:
        found = _base_interval(expr, article, tense)
    except (ValueError, OverflowError):  # no calendar date: 31.02, month 13, year 10000
        return None
    if found is None or expr.part is None:
        return found
    return _apply_part(found, expr.part)


def _base_interval(expr: DateExpr, article: date, tense: str | None) -> _Interval | None:
    if expr.shift_unit:
        return _shifted(expr, article)
    if expr.window_unit:
        return _window(expr, article)
    if expr.day is not None and expr.month is not None:
        return _calendar(expr, article, tense, lambda y: _day(y, expr.month, expr.day))
    if expr.weekday is not None or expr.weekend:
        return _weekday(expr, article, tense)
    if expr.month is not None:
        return _occurrence(expr, article, tense, lambda y: _month(y, expr.month))
    if expr.season is not None:
        return _occurrence(expr, article, tense, lambda y: _season(y, expr.season))
    if expr.quarter is not None:
        return _calendar(expr, article, tense, lambda y: _quarter(y, expr.quarter))
    if expr.half is not None:
        return _calendar(expr, article, tense, lambda y: _half(y, expr.half))
    if expr.year is not None:
        return _year(expr.year)
    if expr.decade is not None or expr.decade_short is not None:
        return _decade_interval(expr, article)
    if expr.century is not None:
        return _century(expr.century)
    if expr.unit:
        return _unit_interval(expr.unit, expr.offset, article)
    return None


def _calendar(expr: DateExpr, article: date, tense: str | None, make) -> _Interval:
    """A month-like period in the stated year, the year named relatively, or the implicit one."""
    if expr.year is not None:
        return make(expr.year)
    if expr.unit == "year":
        return make(article.year + expr.offset)
    return _implicit_year(article, tense, make)


def _implicit_year(article: date, tense: str | None, make) -> _Interval:
    found = make(article.year)
    if tense == "past" and found.start > article:
        return make(article.year - 1)
    if tense == "future" and found.end < article:
        return make(article.year + 1)
    return found


def _shifted(expr: DateExpr, article: date) -> _Interval | None:
    unit, amount = expr.shift_unit, expr.shift
    if amount is None:
        return None
    if unit in ("day", "week"):
        days = round(amount * (7 if unit == "week" else 1))
        return _day_interval(article + timedelta(days=days))
    if unit in ("year", "decade", "century"):
        years = amount * {"year": 1, "decade": 10, "century": 100}[unit]
        if float(years).is_integer():
            return _year(article.year + int(years))
        months = round(years * 12)  # "полтора года назад": 18 months, so month precision
    else:
        months = round(amount * {"month": 1, "quarter": 3, "half": 6, "season": 3}.get(unit, 0))
    return _month(*_add_months(article.year, article.month, months))


def _window(expr: DateExpr, article: date) -> _Interval | None:
    unit, amount = expr.window_unit, expr.window
    if amount is None or amount <= 0:
        return None
    if unit in ("day", "week"):
        days = round(amount * (7 if unit == "week" else 1))
        start, granularity, code = article - timedelta(days=days - 1), "day", f"{days}D"
    else:
        months = round(amount * {"month": 1, "quarter": 3, "half": 6, "year": 12}.get(unit, 0))
        if unit in ("decade", "century"):
            months = round(amount * (120 if unit == "decade" else 1200))
        if months <= 0:
            return None
        y, m = _add_months(article.year, article.month, -months)
        start = _clamped_day(y, m, article.day) + timedelta(days=1)
        granularity = "month" if months % 12 else "year"
        code = f"{months}M" if months % 12 else f"{months // 12}Y"
    return _Interval(start, article, granularity, f"P{code}")


def _weekday(expr: DateExpr, article: date, tense: str | None) -> _Interval:
    target = 5 if expr.weekend else expr.weekday
    monday = article - timedelta(days=article.weekday())
    mode = expr.mode
    if mode in ("previous_week", "this_week", "next_week"):
        weeks = {"previous_week": -1, "this_week": 0, "next_week": 1}[mode]
        found = monday + timedelta(days=7 * weeks + target)
    elif mode == "last" and expr.weekend:  # a weekend is past once its Sunday is
        found = article - timedelta(days=(article.weekday() - 6 - 1) % 7 + 1) - timedelta(days=1)
    elif mode == "last":
        found = article - timedelta(days=(article.weekday() - target - 1) % 7 + 1)
    elif mode == "next":
        found = article + timedelta(days=(target - article.weekday() - 1) % 7 + 1)
    elif tense == "future":
        found = article + timedelta(days=(target - article.weekday()) % 7)
    else:
        found = article - timedelta(days=(article.weekday() - target) % 7)
    if not expr.weekend:
        return _day_interval(found)
    year, week, _ = found.isocalendar()
    return _Interval(found, found + timedelta(days=1), "day", f"{year}-W{week:02d}-WE")


def _occurrence(expr: DateExpr, article: date, tense: str | None, make) -> _Interval:
    """A month or season: in its year, or the occurrence a modifier picks ("прошлой осенью")."""
    if expr.mode is None or expr.year is not None or expr.unit == "year":
        return _calendar(expr, article, tense, make)
    candidates = [make(y) for y in range(article.year - 2, article.year + 3)]
    if expr.mode == "last":
        return [c for c in candidates if c.end < article][-1]
    if expr.mode == "next":
        return [c for c in candidates if c.start > article][0]
    current = [c for c in candidates if c.start <= article <= c.end]
    return current[0] if current else make(article.year)


def _decade_interval(expr: DateExpr, article: date) -> _Interval:
    if expr.decade is not None:
        return _decade(expr.decade)
    short = expr.decade_short
    if expr.century is not None:
        return _decade((expr.century - 1) * 100 + short)
    if expr.unit == "century":
        century = _century_of(article.year) + expr.offset
        return _decade((century - 1) * 100 + short)
    return _decade((2000 if short < 20 else 1900) + short)


def _unit_interval(unit: str, offset: int, article: date) -> _Interval | None:
    if unit == "day":
        return _day_interval(article + timedelta(days=offset))
    if unit == "week":
        monday = article - timedelta(days=article.weekday()) + timedelta(weeks=offset)
        year, week, _ = monday.isocalendar()
        return _Interval(monday, monday + timedelta(days=6), "day", f"{year}-W{week:02d}", "day")
    if unit == "month":
        return _month(*_add_months(article.year, article.month, offset))
    if unit == "quarter":
        index = article.year * 4 + (article.month - 1) // 3 + offset
        return _quarter(index // 4, index % 4 + 1)
    if unit == "half":
        index = article.year * 2 + (article.month - 1) // 6 + offset
        return _half(index // 2, index % 2 + 1)
    if unit == "year":
        return _year(article.year + offset)
    if unit == "decade":
        return _decade(article.year // 10 * 10 + 10 * offset)
    if unit == "century":
        return _century(_century_of(article.year) + offset)
    return None


# --- calendar periods -------------------------------------------------------------------


def _day_interval(when: date) -> _Interval:
    return _Interval(when, when, "day", when.isoformat())


def _day(year: int, month: int, day: int) -> _Interval:
    return _day_interval(date(year, month, day))


def _month(year: int, month: int) -> _Interval:
    last = calendar.monthrange(year, month)[1]
    return _Interval(
        date(year, month, 1), date(year, month, last), "month", f"{year:04d}-{month:02d}"
    )


def _months(year: int, first: int, count: int, timex: str) -> _Interval:
    end_year, end_month = _add_months(year, first, count - 1)
    end = date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
    return _Interval(date(year, first, 1), end, "month", timex, "month")


def _quarter(year: int, quarter: int) -> _Interval:
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter {quarter}")
    return _months(year, 3 * quarter - 2, 3, f"{year:04d}-Q{quarter}")


def _half(year: int, half: int) -> _Interval:
    if half not in (1, 2):
        raise ValueError(f"half-year {half}")
    return _months(year, 6 * half - 5, 6, f"{year:04d}-H{half}")


def _season(year: int, season: str) -> _Interval:
    if season == "WI":
        return _months(year - 1, 12, 3, f"{year:04d}-WI")
    first = {"SP": 3, "SU": 6, "FA": 9}[season]
    return _months(year, first, 3, f"{year:04d}-{season}")


def _year(year: int) -> _Interval:
    return _Interval(date(year, 1, 1), date(year, 12, 31), "year", f"{year:04d}", "month")


def _decade(first: int) -> _Interval:
    return _Interval(
        date(first, 1, 1), date(first + 9, 12, 31), "decade", f"{first // 10:03d}X", "year"
    )


def _century(number: int) -> _Interval:
    if not 1 <= number <= 30:
        raise ValueError(f"century {number}")
    start, end = (number - 1) * 100 + 1, number * 100
    return _Interval(date(start, 1, 1), date(end, 12, 31), "century", f"{number - 1:02d}XX", "year")


def _century_of(year: int) -> int:
    return (year - 1) // 100 + 1


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _clamped_day(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _coarser(a: str, b: str) -> str:
    order = ("day", "month", "year", "decade", "century", "present")
    return max(a, b, key=order.index)


# --- parts ------------------------------------------------------------------------------


def _apply_part(whole: _Interval, part: str) -> _Interval:
    if whole.sub == "year":
        n = whole.end.year - whole.start.year + 1
        i, j = _part_bounds(n, part)
        start, end = date(whole.start.year + i, 1, 1), date(whole.start.year + j - 1, 12, 31)
    elif whole.sub == "month":
        n = (whole.end.year - whole.start.year) * 12 + whole.end.month - whole.start.month + 1
        i, j = _part_bounds(n, part)
        y1, m1 = _add_months(whole.start.year, whole.start.month, i)
        y2, m2 = _add_months(whole.start.year, whole.start.month, j - 1)
        start, end = date(y1, m1, 1), date(y2, m2, calendar.monthrange(y2, m2)[1])
    else:
        n = (whole.end - whole.start).days + 1
        i, j = _part_bounds(n, part, month_days=whole.granularity == "month")
        start, end = whole.start + timedelta(days=i), whole.start + timedelta(days=j - 1)
    return replace(whole, start=start, end=end)


def _part_bounds(n: int, part: str, month_days: bool = False) -> tuple[int, int]:
    """Sub-unit indexes [i, j) of a part of a period of n sub-units."""
    if part == "first_half":
        return 0, max(n // 2, 1)
    if part == "second_half":
        return n // 2, n
    third = round(n / 3)
    a, b = (10, 20) if month_days else (third, n - third)
    i, j = {"start": (0, a), "middle": (a, b), "end": (b, n)}[part]
    return i, max(j, i + 1)


# --- token shapes -----------------------------------------------------------------------


def roman_value(text: str) -> int | None:
    """1..39 from a Roman numeral ("XXI", "ХХ-го" with Cyrillic Х), else None."""
    letters = re.sub(r"-?[а-я]+$", "", text).translate(_LOOKALIKES)
    if not letters or any(ch not in _ROMAN_DIGITS for ch in letters):
        return None
    values = [_ROMAN_DIGITS[ch] for ch in letters]
    total = sum(-v if v < nxt else v for v, nxt in zip(values, values[1:] + [0], strict=True))
    if not 1 <= total <= 39 or _to_roman(total) != letters:
        return None  # "IIII", "VX": not a numeral a writer would use
    return total


def _to_roman(value: int) -> str:
    out = ""
    for number, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= number:
            out, value = out + letters, value - number
    return out


def numeric_date(text: str) -> DateExpr | None:
    """ "21.12.2025", "21/12/2025", "21.12.25", "2025-12-21" (a glued list comma allowed)."""
    iso = _NUMERIC_ISO.match(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
        return DateExpr(year=year, month=month, day=day)
    found = _NUMERIC_DAY_FIRST.match(text)
    if not found:
        return None
    day, month, year = (int(g) for g in found.groups())
    return DateExpr(year=year, month=month, day=day)


def year_value(text: str) -> int | None:
    """The year of a token "2004", "2008г", "1997-м", "2019," (razdel's glued comma)."""
    for pattern in (YEAR_RE, YEAR_ABBR_RE, YEAR_ORDINAL_RE):
        found = pattern.match(text)
        if found:
            return int(found.group(1))
    return None


def decade_value(text: str) -> tuple[int | None, int | None]:
    """(decade, None) for "1990-х", (None, short) for "90-х"; (None, None) if not a decade."""
    found = DECADE_RE.match(text)
    if not found:
        return None, None
    digits = found.group(1)
    return (int(digits), None) if len(digits) == 4 else (None, int(digits))


def pair(pattern: re.Pattern, text: str) -> tuple[str, str] | None:
    """The two ends of a range token such as "2020–2022" or "27-28"."""
    found = pattern.match(text)
    return (found.group(1), found.group(2)) if found else None


def year_pair(text: str) -> tuple[int, int] | None:
    """The years of "2020–2022", "2017/18", "1989-90"; None unless the second is later."""
    found = pair(YEAR_RANGE_RE, text)
    if not found:
        return None
    first, last = int(found[0]), int(found[1])
    if len(found[1]) == 2:
        last += first // 100 * 100
    return (first, last) if first < last else None
