"""Numbers, multipliers, currencies and qualifiers of AMOUNT mentions, as plain values.

Pure functions over strings and the amounts lexicon (configs/lexicons/amounts.toml); the spaCy
component stages/rules/amount.py decides which tokens form an amount and calls these for the
values. Arithmetic goes through Decimal so "3,7 млрд" is exactly 3.7e9, not 3700000000.0000005.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from razdel import tokenize

# One written number: "3", "3,7", "27.5", "17739,10"; razdel leaves a list comma attached ("10,").
_NUMBER = re.compile(r"(\d+)(?:[.,](\d+))?[.,]?")
# The continuation of a digit-grouped number: "3 700 000", "3\u00a0700,5".
_GROUP = re.compile(r"\d{3}(?:[.,]\d+)?")
_LEAD_GROUP = re.compile(r"\d{1,3}")
_RANGE = re.compile(r"(\d+(?:[.,]\d+)?)\s*[-–—‒−―](\d+(?:[.,]\d+)?)")
_COMPOUND = re.compile(r"(\d+(?:[.,]\d+)?)-([^\W\d_]+)")

QUALIFIERS = ("eq", "gt", "ge", "lt", "le", "approx", "range")


@dataclass(frozen=True)
class Currency:
    iso: str | None  # None: money whose currency has no safe ISO code ("5 крон")
    factor: float = 1.0  # subunits: "50 центов" is 0.5 USD


@dataclass(frozen=True)
class AmountLexicon:
    """The vocabulary of configs/lexicons/amounts.toml; phrases are tuples of lowercase words."""

    numerals: dict[str, float]
    half: tuple[tuple[str, ...], ...]
    multipliers: dict[str, float]
    vague: frozenset[str]
    min_count_multiplier: float
    max_modifiers: int
    stop_nouns: frozenset[str]
    reference_words: frozenset[str]
    year_range: tuple[int, int]
    qualifiers: dict[tuple[str, ...], str]
    qualifier_verbs: dict[str, str]
    linking: frozenset[str]
    range_open: frozenset[str]
    range_close: frozenset[str]
    dashes: frozenset[str]
    change_verbs: frozenset[str]
    abbreviations: frozenset[str]
    percent: dict[tuple[str, ...], str]
    compounds: dict[str, str]
    currency_words: dict[tuple[str, ...], Currency]
    currency_symbols: dict[tuple[str, ...], Currency]
    iso_codes: frozenset[str] = field(default_factory=frozenset)
    money_words: frozenset[str] = field(default_factory=frozenset)  # decision 183
    # the prepositions read past between a money word and its amount ("прибыль в 6 млрд")
    money_word_prepositions: frozenset[str] = field(default_factory=frozenset)


def phrase_words(phrase: str) -> tuple[str, ...]:
    """A lexicon entry as the tokenizer will see it in text: "долл. США" → ("долл", ".", "сша")."""
    return tuple(t.text.lower() for t in tokenize(phrase))


def load_amount_lexicon(path: str | Path) -> AmountLexicon:
    return lexicon_from_dict(tomllib.loads(Path(path).read_text(encoding="utf-8")))


def lexicon_from_dict(data: dict) -> AmountLexicon:
    unknown = set(data.get("qualifiers", {})) - set(QUALIFIERS)
    if unknown:
        raise ValueError(f"unknown qualifier codes in the amounts lexicon: {sorted(unknown)}")
    counts = data.get("counts", {})
    preps = data.get("prepositions", {})
    currency_words, currency_symbols = _currencies(data)
    return AmountLexicon(
        numerals={k.lower(): float(v) for k, v in data.get("numerals", {}).items()},
        half=tuple(phrase_words(p) for p in data.get("numerals_half", {}).get("phrases", [])),
        multipliers={k.lower(): float(v) for k, v in data.get("multipliers", {}).items()},
        vague=_lower_set(data.get("vague", {}).get("words", [])),
        min_count_multiplier=float(counts.get("min_count_multiplier", 1e3)),
        max_modifiers=int(counts.get("max_modifiers", 3)),
        stop_nouns=_lower_set(counts.get("stop_nouns", [])),
        reference_words=_lower_set(counts.get("reference_words", [])),
        year_range=(int(counts.get("year_min", 1800)), int(counts.get("year_max", 2100))),
        qualifiers={
            phrase_words(p): code
            for code, phrases in data.get("qualifiers", {}).items()
            for p in phrases
        },
        qualifier_verbs={
            w.lower(): code for code, ws in data.get("qualifier_verbs", {}).items() for w in ws
        },
        linking=_lower_set(preps.get("linking", [])),
        range_open=_lower_set(preps.get("range_open", [])),
        range_close=_lower_set(preps.get("range_close", [])),
        dashes=frozenset(preps.get("dashes", [])),
        change_verbs=_lower_set(data.get("change_verbs", {}).get("lemmas", [])),
        abbreviations=_lower_set(data.get("abbreviations", {}).get("words", [])),
        percent={phrase_words(p): unit for unit, ps in data.get("percent", {}).items() for p in ps},
        compounds={k.lower(): v for k, v in data.get("compounds", {}).items()},
        currency_words=currency_words,
        currency_symbols=currency_symbols,
        iso_codes=frozenset(data.get("currencies", {})),
        money_words=_folded_set(data.get("money_words", {}).get("lemmas", [])),
        money_word_prepositions=_lower_set(data.get("money_words", {}).get("prepositions", [])),
    )


def _lower_set(words: list[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


def _folded_set(words: list[str]) -> frozenset[str]:
    """As `morphology.fold` folds the lemmas these are compared with (ё -> е)."""
    return frozenset(w.lower().replace("ё", "е") for w in words)


def _currencies(data: dict) -> tuple[dict, dict]:
    words: dict[tuple[str, ...], Currency] = {}
    symbols: dict[tuple[str, ...], Currency] = {}
    for iso, entry in data.get("currencies", {}).items():
        currency = Currency(iso)
        words[(iso.lower(),)] = currency
        for phrase in entry.get("words", []):
            words[phrase_words(phrase)] = currency
        for symbol in entry.get("symbols", []):
            symbols[phrase_words(symbol)] = currency
    for word, (iso, factor) in data.get("subunits", {}).items():
        words[phrase_words(word)] = Currency(iso, float(factor))
    for phrase in data.get("ambiguous_currencies", {}).get("words", []):
        words.setdefault(phrase_words(phrase), Currency(None))
    return words, symbols


# --- digits -------------------------------------------------------------------------------


def to_decimal(text: str, thousands_comma: bool = False) -> Decimal | None:
    """A number written in digits: "3,7" and "3.7" are decimals; "635,000" after a currency
    symbol ($635,000, English style) is thousands when `thousands_comma` is set."""
    match = _NUMBER.fullmatch(text.strip())
    if not match:
        return None
    whole, fraction = match.groups()
    if fraction is None:
        return Decimal(whole)
    if thousands_comma and len(fraction) == 3 and text.strip()[len(whole)] == ",":
        return Decimal(whole + fraction)
    return Decimal(f"{whole}.{fraction}")


def parse_digits(text: str, thousands_comma: bool = False) -> float | None:
    value = to_decimal(text, thousands_comma)
    return float(value) if value is not None else None


def is_number(text: str) -> bool:
    return _NUMBER.fullmatch(text) is not None


def is_lead_group(text: str) -> bool:
    """Could start a digit-grouped number ("3" of "3 700 000")."""
    return _LEAD_GROUP.fullmatch(text) is not None


def is_group(text: str) -> bool:
    """Could continue a digit-grouped number: exactly three digits, a decimal part allowed."""
    return _GROUP.fullmatch(text.rstrip(",")) is not None


def join_groups(groups: list[str]) -> Decimal | None:
    """ "3", "700", "000" → 3700000; None unless the first has 1-3 digits and the rest 3."""
    if not groups or not is_lead_group(groups[0]) or not all(is_group(g) for g in groups[1:]):
        return None
    return to_decimal("".join(g.rstrip(",") for g in groups))


def split_range(text: str) -> tuple[Decimal, Decimal] | None:
    """A range written as one token: "50-70", "200—300"."""
    match = _RANGE.fullmatch(text)
    if not match:
        return None
    low, high = (to_decimal(g) for g in match.groups())
    if low is None or high is None or low >= high:
        return None  # "3-2" is a score or a code, not a range
    return low, high


def split_compound(text: str, lexicon: AmountLexicon) -> tuple[Decimal, str] | None:
    """ "70-процентное" → (70, "%"), "100-долларовой" → (100, "USD"); None for "50-летний"."""
    match = _COMPOUND.fullmatch(text)
    if not match:
        return None
    stem = match.group(2).lower()
    for prefix, unit in lexicon.compounds.items():
        if stem.startswith(prefix):
            return to_decimal(match.group(1)), unit
    return None


def is_year(text: str, lexicon: AmountLexicon) -> bool:
    low, high = lexicon.year_range
    return len(text) == 4 and text.isdigit() and low <= int(text) <= high


# --- words --------------------------------------------------------------------------------


def numeral_value(word: str, lexicon: AmountLexicon) -> float | None:
    return lexicon.numerals.get(word.lower())


def multiplier_value(word: str, lexicon: AmountLexicon) -> float | None:
    return lexicon.multipliers.get(word.lower())


def compose_words(parts: list[tuple[str, float]]) -> Decimal | None:
    """The value of numeral words in order: ("num", 20), ("num", 5), ("mult", 1000) → 25000.

    Kinds: "num" a numeral word, "mult" a multiplier word, "half" a "с половиной". Each numeral
    must be of a lower order than the one before ("сто двадцать пять", not "пять двадцать"),
    which stops "два три" from reading as 5.
    """
    total, current, last = Decimal(0), None, None
    for kind, raw in parts:
        value = _dec(raw)
        if kind == "num":
            if current is not None and (last is None or _order(value) >= _order(last)):
                return None
            current, last = (current or 0) + value, value
        elif kind == "half":
            if current is None:
                return None
            current += Decimal("0.5")
        elif kind == "mult":
            total += (current if current is not None else Decimal(1)) * value
            current, last = None, None
        else:
            raise ValueError(f"unknown numeral part kind {kind!r}")
    return total + (current or 0)


def _order(value: Decimal) -> int:
    """Decimal order of a numeral word: units 0, tens (and 10-19) 1, hundreds 2."""
    return len(str(int(value))) - 1 if value >= 1 else -1


def _dec(value: float | Decimal) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(repr(value))


def scale(value: Decimal | float | None, multipliers: list[float]) -> float | None:
    """Apply multipliers to a number: scale(3.7, [1e9]) → 3.7e9; sequences multiply
    ("сотен миллионов"). None stays None (vague amounts)."""
    if value is None:
        return None
    result = _dec(value)
    for multiplier in multipliers:
        result *= _dec(multiplier)
    return float(result)


def range_bounds(
    low: Decimal | float | None,
    low_multipliers: list[float],
    high: Decimal | float | None,
    high_multipliers: list[float],
) -> tuple[float | None, float | None]:
    """Both ends of a range. The right end's multiplier applies to a bare left end ("от 5 до 7
    млн" → 5e6..7e6) unless that makes the left end the larger ("от 800 до 1 млн")."""
    high_value = scale(high, high_multipliers)
    if low_multipliers or not high_multipliers:
        return scale(low, low_multipliers), high_value
    inherited = scale(low, high_multipliers)
    if inherited is not None and high_value is not None and inherited > high_value:
        return scale(low, []), high_value
    return inherited, high_value


# --- lookups ------------------------------------------------------------------------------


def qualifier_for(phrase: str, lexicon: AmountLexicon) -> str | None:
    """ "не более" → "le"; None when the phrase is not a qualifier."""
    return lexicon.qualifiers.get(phrase_words(phrase))


def currency_for(phrase: str, lexicon: AmountLexicon) -> Currency | None:
    """Currency of a word, abbreviation or symbol written in lemma form: "доллар сша" → USD."""
    words = phrase_words(phrase)
    return lexicon.currency_words.get(words) or lexicon.currency_symbols.get(words)


def percent_unit(phrase: str, lexicon: AmountLexicon) -> str | None:
    return lexicon.percent.get(phrase_words(phrase))


# --- agreement ----------------------------------------------------------------------------


def noun_agrees(value: Decimal | None, noun_number: str | None, noun_case: str | None) -> bool:
    """Could this noun be what the number counts? Rejects the plain mismatches that mean the
    number belongs elsewhere: "в 2018 компания объявила" (after a number not ending in 1, a
    nominative or accusative singular is never the counted noun)."""
    if value is None or noun_number != "Sing" or noun_case not in ("Nom", "Acc"):
        return True
    if value != value.to_integral_value():
        return False  # "3,7 процента": decimals take the genitive singular
    last_two = int(value) % 100
    return last_two % 10 == 1 and last_two != 11
