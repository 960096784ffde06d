"""TIMEX3 values of durations, recurring times and anaphoric dates, as plain values. No spaCy.

The rule component (stages/rules/timex.py) finds the tokens and says what they mean (amounts
of units, a shift, the date counted from); here that becomes a DateValue. Conventions (the
guideline, docs/guideline.md decisions 60-64):

DURATION
    ISO 8601: "P30Y", "P1Y6M", "P1.5Y", "P10D", "P2W", hours "PT24H"; decades and centuries are
    written in years ("P10Y", "P100Y"); a vague amount ("несколько лет", "в течение десятилетий")
    has X for its number ("PXY"). `qualifier` says how the text bounds it (approx, le, lt, ge,
    gt; eq when it says nothing). Granularity is that of the smallest unit named. An anchored
    duration ("за последние три года", "на ближайшие два года") also has an interval.
SET
    The period as a duration and `quant` EVERY: "ежегодно" → P1Y, "каждые три года" → P3Y,
    "по понедельникам" → XXXX-WXX-1 (TIMEX3's weekday-of-any-week form), "по выходным"
    → XXXX-WXX-WE.
anaphoric DATE
    A shift from an anchor date ("на следующий день" +1 day, "Годом позже" +1 year, "в том же
    году" 0 years): the anchor is the nearest calendar date before it in the text (`anchor`
    text), else the article date (article), else none: granularity kept, no value. An anchor
    coarser than the shift's unit ("в 2004 году … на следующий день") cannot give a day: none.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta

from pipeline.schema import DateValue

# unit -> (ISO 8601 designator, years it is worth when written in years, granularity)
UNITS: dict[str, tuple[str, int, str]] = {
    "century": ("Y", 100, "year"),
    "decade": ("Y", 10, "year"),
    "year": ("Y", 1, "year"),
    "quarter": ("M", 3, "month"),
    "month": ("M", 1, "month"),
    "week": ("W", 1, "day"),
    "day": ("D", 1, "day"),
    "hour": ("H", 1, "time"),
    "minute": ("MIN", 1, "time"),
}
_ORDER = ("Y", "M", "W", "D", "H", "MIN")
_FINENESS = {"century": 0, "decade": 1, "year": 2, "month": 3, "day": 4, "present": 4}
_NEEDS = {"century": "year", "decade": "year", "year": "year", "quarter": "month"}
_NEEDS |= {"month": "month", "week": "day", "day": "day", "hour": "day", "minute": "day"}
WEEKEND = "WE"


@dataclass(frozen=True)
class Amount:
    """One "N units" of a duration; value None when the text gives no number ("несколько")."""

    value: float | None
    unit: str


def _number(value: float | None) -> str:
    if value is None:
        return "X"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def duration_timex(amounts: list[Amount]) -> str | None:
    """ "P1Y6M" from [1 year, 6 months]; None for an empty or repeated-unit list."""
    parts: dict[str, float | None] = {}
    for amount in amounts:
        if amount.unit not in UNITS:
            return None
        designator, factor, _ = UNITS[amount.unit]
        value = None if amount.value is None else amount.value * factor
        if designator in parts:
            return None  # "два года три года": not one duration
        parts[designator] = value
    if not parts:
        return None
    date_part = "".join(f"{_number(parts[d])}{d}" for d in _ORDER[:4] if d in parts)
    time_part = "".join(
        f"{_number(parts[d])}{'M' if d == 'MIN' else d}" for d in _ORDER[4:] if d in parts
    )
    return "P" + date_part + (f"T{time_part}" if time_part else "")


def duration(amounts: list[Amount], qualifier: str | None = None) -> DateValue | None:
    """A DURATION value; the granularity is that of the smallest unit named."""
    timex = duration_timex(amounts)
    if timex is None:
        return None
    granularity = UNITS[amounts[-1].unit][2]
    return DateValue(
        timex, None, None, granularity, False, "DURATION", qualifier or "eq", None, None
    )


def duration_range(low: float, high: float, unit: str) -> DateValue | None:
    """ "2-3 года", "от 8 до 20 лет": both lengths, as a range of dates is written ("P2Y/P3Y"),
    qualifier `range` (AMOUNT's word for it); None unless low < high."""
    first, last = duration([Amount(low, unit)]), duration([Amount(high, unit)])
    if first is None or last is None or not low < high:
        return None
    return replace(first, timex=f"{first.timex}/{last.timex}", qualifier="range")


def windowed(
    value: DateValue, amounts: list[Amount], direction: int, article: date | None
) -> DateValue:
    """An anchored duration: "за последние три года" ends on the article date, "на ближайшие два
    года" starts on it. Without an article date, or with no number, no interval."""
    relative = replace(value, relative=True, anchor="article" if article else "none")
    if article is None or len(amounts) != 1 or amounts[0].value is None:
        return relative
    amount = amounts[0]
    if not float(amount.value).is_integer() or amount.unit not in UNITS:
        return relative
    n = int(amount.value) * direction
    moved = _add(article, amount.unit, n)
    if moved is None:
        return relative
    if direction < 0:
        start, end = moved + timedelta(days=1), article
    else:
        start, end = article, moved - timedelta(days=1)
    return replace(relative, date_start=start.isoformat(), date_end=end.isoformat())


def _add(day: date, unit: str, n: int) -> date | None:
    """The same day n units later (the month's last day when it is shorter)."""
    if unit in ("day", "week", "hour", "minute"):
        step = {"day": 1, "week": 7}.get(unit, 0)  # hours: the same day, as far as a date goes
        try:
            return day + timedelta(days=n * step)
        except OverflowError:
            return None
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}.get(unit)
    if months is None:
        return None
    index = day.year * 12 + day.month - 1 + n * months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        return None
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def recurrence(amount: Amount) -> DateValue | None:
    """A SET every `amount`: "каждые три года" → P3Y, quant EVERY."""
    timex = duration_timex([amount])
    if timex is None:
        return None
    return DateValue(timex, None, None, UNITS[amount.unit][2], False, "SET", None, "EVERY", None)


def yearly_month(month: int) -> DateValue:
    """ "ежегодно в мае": a SET of one month of every year."""
    return DateValue(f"XXXX-{month:02d}", None, None, "month", False, "SET", None, "EVERY", None)


def weekly(weekday: int | str) -> DateValue:
    """ "по понедельникам" (0 = Monday) or "по выходным" (WEEKEND): a SET of weekdays."""
    day = weekday if weekday == WEEKEND else str(int(weekday) + 1)
    return DateValue(f"XXXX-WXX-{day}", None, None, "day", False, "SET", None, "EVERY", None)


@dataclass(frozen=True)
class Anchor:
    """The date an anaphoric expression counts from, and where it came from."""

    start: date
    end: date
    granularity: str
    source: str  # text | article


def anchor_from(value: DateValue | None, source: str = "text") -> Anchor | None:
    """A calendar date of the text usable as an anchor: a DATE with an interval (a range
    too: a shift forward counts from its end, back from its start)."""
    if value is None or value.timex_type != "DATE" or value.date_start is None:
        return None
    if value.granularity not in _FINENESS or value.date_end is None:
        return None
    start, end = date.fromisoformat(value.date_start), date.fromisoformat(value.date_end)
    granularity = "day" if value.granularity == "present" else value.granularity
    return Anchor(start, end, granularity, source)


def shifted(unit: str, shift: float | None, anchor: Anchor | None) -> DateValue:
    """The date `shift` units after (before, if negative) the anchor, in the unit's
    granularity: "на следующий день" = ("day", 1), "в том же году" = ("year", 0)."""
    granularity = _NEEDS.get(unit, "day")
    if anchor is None or _FINENESS[anchor.granularity] < _FINENESS[granularity]:
        return _unresolved(granularity, "none")  # "в 2004 году … на следующий день": no day
    if shift is None:
        return _unresolved(granularity, anchor.source)  # "несколько дней спустя"
    moved = _move(anchor, unit, shift)
    if moved is None:
        return _unresolved(granularity, "none")
    start, end, timex = moved
    return DateValue(
        timex,
        start.isoformat(),
        end.isoformat(),
        granularity,
        True,
        "DATE",
        None,
        None,
        anchor.source,
    )


def _unresolved(granularity: str, anchor: str) -> DateValue:
    return DateValue(None, None, None, granularity, True, "DATE", None, None, anchor)


def _move(anchor: Anchor, unit: str, shift: float) -> tuple[date, date, str] | None:
    if not float(shift).is_integer():
        return None
    n = int(shift)
    if n == 0:
        first, last = _period(anchor.start, unit), _period(anchor.end, unit)
        return first if first == last else None  # "в тот же день" after a range of days
    return _period(_add(anchor.end if n > 0 else anchor.start, unit, n), unit)


def _period(day: date | None, unit: str) -> tuple[date, date, str] | None:
    """The day, month or year (as the unit needs) that contains `day`."""
    if day is None:
        return None
    need = _NEEDS.get(unit, "day")
    if need == "day":
        return day, day, day.isoformat()
    if need == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        first = day.replace(day=1)
        return first, day.replace(day=last), f"{day.year:04d}-{day.month:02d}"
    return date(day.year, 1, 1), date(day.year, 12, 31), f"{day.year:04d}"
