"""DATE rules: absolute, relative and deictic dates as spans with resolved DateValue values.

A small grammar over token classes ("P? DAY MON {YT}", "P? {PART} DEC GOD? {CT}", ...) is
expanded once into spaCy Matcher patterns whose token predicates come from the lexicon
(configs/lexicons/dates.toml: lemmas expanded to their inflected forms) and a few token-shape
regexes (pipeline/normalize/dates.py). The Matcher only sees short stretches of tokens that
could belong to a date and hold a digit or a date word. Each match is read back token by token
through the pattern element it matched (the Matcher's alignments) into a DateExpr, which
pipeline/normalize/dates.py resolves against the article date. Of overlapping matches the
longest that yields a valid date wins. Boundaries follow the guideline (docs/guideline.md, 6)
and, where it is silent, NEREL: the preposition is inside ("от" too, decision 66), the dot of
"г." is not.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from pipeline import extensions, models
from pipeline.normalize import dates as nd
from pipeline.normalize import numbers as nn
from pipeline.normalize import timex as timex_values
from pipeline.schema import DateValue
from pipeline.stages.quotes import CLOSING_QUOTES, OPENING_QUOTES
from pipeline.stages.rules import timex
from pipeline.stages.rules.base import add_spans, load_lexicon, make_span

LABEL = "DATE"

# --- grammar ----------------------------------------------------------------------------
# Symbols are token classes (see _token_specs); "X?" is optional; "{M}" expands to each
# alternative of macro M. Ranges are written with DASH or PFROM … TO: the tokens after the
# connector describe the range's last date.

# Optional elements rather than alternatives where the reader rejects what makes no sense
# ("21 декабря прошлого" without "года"): fewer patterns keep the Matcher fast.
MACROS: dict[str, list[str]] = {
    # an optional year after a day or a month: "2025 года", "прошлого года", "с.г." (сего года)
    "YT": ["REL? YEAR? GOD?", "SEGO DOT GOD"],
    "YTR": ["YEAR GOD?", "REL YEAR? GOD", "SEGO DOT GOD"],  # a required one
    "YRANGE": ["YEAR GOD?", "REL GOD"],  # the year of a range end
    # "70-х годов прошлого века", "XX в.", "в девяностые годы двадцатого века"
    "CT": ["", "ROM VEKX", "REL VEK", "QTYW? CORD VEK"],
    "PART": ["PART", "ORD HALF"],  # "в начале", "во второй половине", "в первой декаде"
    "PARTO": ["", "PART", "ORD HALF"],
    "Q": ["", "QTYN", "QTYW", "QTYW QTYW"],  # "год назад", "20 лет", "двадцать пять лет"
    # "около 14 лет назад", "почти через два года", "чуть больше недели назад"
    "APX": ["", "APPROX", "APREF APPROX"],
}

# The periods a part can be taken of: "в начале {…}".
_PARTABLE = [
    "MON {YT}",
    "YEAR GOD?",
    "DEC GOD? {CT}",
    "DECW GOD? {CT}",
    "ROM VEKX",
    "REL CUNIT",
    "CUNIT",
]

# Ends of "X — Y" and "с X по Y"; the last end carries what they share ("27–28 сентября").
_SHORT_FIRST = [("DAY", "DAY MON {YT}"), ("DAY MON", "DAY MON {YT}"), ("MON", "MON {YT}")]
_FULL_ENDS = ["DAY MON {YRANGE}", "MON {YRANGE}", "YEAR GOD"]
_RANGES = [
    *_SHORT_FIRST,
    *((first, last) for first in _FULL_ENDS for last in _FULL_ENDS),
    ("PART MON", "PART MON {YT}"),
    ("YEAR", "YEAR GOD"),
    ("{PARTO} DEC", "{PARTO} DEC GOD? {CT}"),
    ("ROM", "ROM VEK"),
]
_FROM_TO = [
    *_SHORT_FIRST,
    *((first, last) for first in _FULL_ENDS for last in _FULL_ENDS + ["PART YEAR GOD"]),
    ("YEAR", "YEAR GOD"),
    ("YEAR", "YEAR"),
    ("YEAR", "PART YEAR GOD"),
    ("DEC", "DEC GOD?"),
    ("DEC GOD", "DEC GOD"),
]

GRAMMAR: list[str] = [
    # calendar dates
    "P? DAY MON {YT}",
    "P? DAY MABBR {YT}",
    "P? DAY MABBR DOT {YTR}",
    "P? NUMDATE",
    "P? DAYS MON {YT}",
    "P? MON {YTR}",
    "P MON",
    "P? MONS {YT}",
    "P? YEAR GOD",
    "P? REL YEAR GOD",
    "P? YEAR",
    "P? YEARS GOD?",
    "P? YEAR DASH YEAR",
    # decades and centuries
    "P? DEC GOD? {CT}",
    "P? DECW GOD {CT}",
    "P DECW",
    "P? DECWS GOD? {CT}",
    "P? ROM VEKX",
    "P? QTYW? CORD VEK",
    "P? ROMS VEK",
    "P? ROM DASH ROM VEK",
    # seasons, quarters, weekdays
    "P? SEAS {YTR}",
    "P? REL SEAS",
    "P? REL MON",
    "P SEAS",
    "SEASI",
    "P? ORD QUART {YT}",
    "P? ROM QUART {YT}",
    "P WD",
    "P? REL WD",
    "P WEEKEND",
    "P? REL WEEKEND",
    # relative to the article date
    "P? REL CUNIT",
    "{APX} {Q} AUNIT AGO",
    "{APX} {Q} AUNIT TOMU AGO",
    "{APX} HUNIT AGO",
    "{APX} HUNIT TOMU AGO",
    "{APX} LATER {Q} AUNIT",
    "{APX} LATER HUNIT",
    "P LAST AUNIT",
    "P? LAST QTYN AUNIT",
    "P? LAST QTYW AUNIT",
    "P? LAST QTYW QTYW AUNIT",
    "DAYW",
    "PRES",
    "CADJ",  # "на декабрьском заседании": the adjective alone (decision 67)
    # "в понедельник, 27 апреля 2020 года", "вчера — 17 февраля", "25 июля, в четверг"
    "P? REL? DEIX COMMA? DAY MON {YT}",
    "P? REL? DEIX APPDASH DAY MON {YT}",
    "P? DAY MON {YT} COMMA P WD",
    *(f"P? {{PART}} {period}" for period in _PARTABLE),
    *(f"P? {first} DASH {last}" for first, last in _RANGES),
    *(f"PFROM {first} TO {last}" for first, last in _FROM_TO),
]

# A match ending in one of these may be the start of a number phrase ("в 2000 человек"), so
# the next token decides.
_OPEN_ENDED = {"YEAR", "YEARS", "DEC", "DECW", "DECWS"}
_HAS_DIGIT = re.compile(r"\d").search
_DATE_LIKE, _TRIGGER = 1, 2
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Characters that, touching a date without a space, make it part of a URL, file name or code.
_URLISH = set("/_=&?#+")


def expand(rule: str) -> list[list[str]]:
    """All symbol sequences of one grammar rule, macros expanded."""
    parts = re.split(r"\{(\w+)\}", rule)  # odd items are macro names
    choices = [MACROS[part] if i % 2 else [part] for i, part in enumerate(parts)]
    return [" ".join(combo).split() for combo in itertools.product(*choices)]


# --- lexicon ----------------------------------------------------------------------------


@dataclass
class DateLexicon:
    """configs/lexicons/dates.toml with every lemma expanded to its lowercase forms."""

    prepositions: frozenset[str]
    compound_prepositions: tuple[tuple[str, ...], ...]
    range_open: frozenset[str]
    range_close: frozenset[str]
    dashes: frozenset[str]
    list_separators: frozenset[str]
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    weekdays: dict[str, int]
    weekday_stop_next: frozenset[str]
    weekday_genitive_heads: frozenset[int]  # weekday numbers
    weekend: frozenset[str]
    seasons: dict[str, str]
    season_adverbs: frozenset[str]
    year_words: frozenset[str]
    century_words: frozenset[str]
    century_abbreviations: frozenset[str]
    calendar_units: dict[str, str]
    plural_units: frozenset[str]  # forms that are only plural: "лет", "годах", "недель"
    distance_units: dict[str, str]
    single_units: frozenset[str]  # forms that mean one unit without a number: "год назад"
    genitive_units: frozenset[str]  # the same after an approximator: "около года назад"
    half_units: dict[str, str]
    relative: dict[str, tuple[int, str]]
    day_words: dict[str, int]
    calendar_adjectives: dict[str, dict[str, int]]
    present_words: frozenset[str]
    present_phrases: tuple[tuple[str, ...], ...]
    ago: frozenset[str]
    approximators: frozenset[str]
    approximator_prefixes: frozenset[str]
    ago_filler: frozenset[str]
    later: frozenset[str]
    window: frozenset[str]
    parts: dict[str, str]
    part_nouns: dict[str, dict[int, str]]
    period_nouns: dict[str, str]
    ordinals: dict[str, int]
    quantities: dict[str, float | None]  # None: vague ("несколько")
    decade_words: dict[str, int]
    century_ordinals: dict[str, int]
    bare_years: tuple[int, int]
    triggers: frozenset[str] = field(default_factory=frozenset)
    night_close: frozenset[str] = field(default_factory=frozenset)  # "в ночь с 15 [на] 16 июля"
    night_nouns: frozenset[str] = field(default_factory=frozenset)  # forms of "ночь"
    weekday_joins: frozenset[str] = field(default_factory=frozenset)  # "в пятницу и субботу"


def load_date_lexicon(path: str | Path) -> DateLexicon:
    data = load_lexicon(path)
    preps = data["prepositions"]
    quantities: dict[str, float | None] = _expand(data["quantities"])
    quantities.update(dict.fromkeys(_expand_list(data["quantities_vague"]["lemmas"])))
    distance_units = _expand(data["distance_units"])
    singular_units = frozenset(_expand(data["distance_units"], lambda tag: "sing" in tag))
    lexicon = DateLexicon(
        prepositions=frozenset(preps["forms"]),
        compound_prepositions=tuple(tuple(p.split()) for p in preps["compound"]),
        range_open=frozenset(preps["range_open"]),
        range_close=frozenset(preps["range_close"]),
        night_close=frozenset(preps["night_close"]),
        night_nouns=frozenset(_expand_list(preps["night_nouns"])),
        dashes=frozenset(preps["dashes"]),
        list_separators=frozenset(preps["list_separators"]),
        weekday_joins=frozenset(preps["weekday_joins"]),
        months=_expand(data["months"]),
        month_abbreviations=dict(data["month_abbreviations"]),
        weekdays=_expand(data["weekdays"], _weekday_form),
        weekday_stop_next=frozenset(data["weekday_stop_next"]["forms"]),
        weekday_genitive_heads=frozenset(
            data["weekdays"][w] for w in data["weekday_stop_next"]["genitive_heads"]
        ),
        weekend=frozenset(data["weekend"]["forms"]),
        seasons=_expand(data["seasons"], lambda tag: "sing" in tag),
        season_adverbs=frozenset(data["season_adverbs"]["forms"]),
        year_words=frozenset(_expand_list(data["year_words"]["lemmas"]))
        | frozenset(data["year_words"]["forms"]),
        century_words=frozenset(_expand_list(data["century_words"]["lemmas"])),
        century_abbreviations=frozenset(data["century_words"]["abbreviations"]),
        calendar_units=_expand(data["calendar_units"]),
        plural_units=frozenset(distance_units) - singular_units,
        distance_units=distance_units,
        single_units=frozenset(_expand(data["distance_units"], _single_form)),
        genitive_units=frozenset(_expand(data["distance_units"], _genitive_form)),
        half_units=_expand(data["half_units"]),
        relative={
            form: (entry["offset"], entry["weekday"])
            for form, entry in _expand(data["relative_modifiers"]).items()
        },
        day_words=dict(data["day_words"]),
        calendar_adjectives=_expand(data["calendar_adjectives"], _adjective_form),
        present_words=frozenset(_present(data["present"], "words")),
        present_phrases=tuple(tuple(p.split()) for p in _present(data["present"], "phrases")),
        ago=frozenset(data["distance"]["ago"]),
        approximators=frozenset(data["distance"]["approximators"]),
        approximator_prefixes=frozenset(data["distance"]["approximator_prefixes"]),
        ago_filler=frozenset(data["distance"]["ago_filler"]),
        later=frozenset(data["distance"]["later"]),
        window=frozenset(_expand_list(data["distance"]["window"])),
        parts=_expand(data["parts"]),
        part_nouns={
            form: {int(k): v for k, v in entry.items()}
            for form, entry in _expand(data["part_nouns"]).items()
        },
        period_nouns=_expand(data["period_nouns"]),
        ordinals=_expand(data["ordinals"]),
        quantities=quantities,
        decade_words=_expand(data["decade_words"], lambda tag: "plur" in tag),
        century_ordinals=_expand(data["century_ordinals"], lambda tag: "sing" in tag),
        bare_years=(data["bare_years"]["min"], data["bare_years"]["max"]),
    )
    lexicon.triggers = _triggers(lexicon)
    return lexicon


def _present(table: dict, key: str) -> list[str]:
    """The deictic present words of one kind; the bare present ("сейчас") only when the
    lexicon asks for it (decision 65)."""
    now = table.get("now", {})
    return [*table[key], *(now.get(key, []) if now.get("tag", False) else [])]


def _unit_forms(data: dict) -> frozenset[str]:
    """Every form of a duration unit, of the parts of a day and of a league's season
    (decision 311), for the timex pre-filter."""
    lemmas = [*data["duration_units"], "утро", "вечер", "ночь", *data["sport_seasons"]["nouns"]]
    return frozenset(_expand_list(lemmas))


def _weekday_form(tag: str) -> bool:
    # Nominative for "Понедельник, 27 апреля", accusative "в среду", genitive "до среды";
    # not the locative/dative "среде", which is "в среде" (the environment) far more often.
    return "sing" in tag and any(case in tag for case in ("nomn", "accs", "gent"))


def _adjective_form(tag: str) -> bool:
    return "ADJF" in tag  # not the short forms or the comparatives


def _genitive_form(tag: str) -> bool:
    return "sing" in tag and "gent" in tag


def _single_form(tag: str) -> bool:
    return ("sing" in tag or "Pltm" in tag) and ("nomn" in tag or "accs" in tag)


def _expand(table: dict, keep=None) -> dict:
    """{lemma: value} → {form: value} over the lemma's pymorphy3 lexeme (ё and е both)."""
    return {form: value for lemma, value in table.items() for form in _forms(lemma, keep)}


def _expand_list(lemmas: list[str]) -> list[str]:
    return [form for lemma in lemmas for form in _forms(lemma)]


def _forms(lemma: str, keep=None) -> set[str]:
    lemma = lemma.lower()
    found = {lemma} if keep is None else set()
    for parse in models.parses(lemma):
        if parse.normal_form.replace("ё", "е") != lemma.replace("ё", "е"):
            continue
        for form in parse.lexeme:
            if keep is None or keep(str(form.tag)):
                found.add(form.word)
    return found | {f.replace("ё", "е") for f in found}


def _triggers(lexicon: DateLexicon) -> frozenset[str]:
    """Words that make a sentence worth matching (besides digits and Roman numerals)."""
    words: set[str] = set()
    for name in (
        "months weekdays weekend seasons season_adverbs year_words century_words calendar_units "
        "distance_units half_units relative day_words present_words ago later decade_words "
        "calendar_adjectives"
    ).split():
        words.update(getattr(lexicon, name))
    words.update(w for phrase in lexicon.present_phrases for w in phrase[1:])
    return frozenset(words)


# --- matcher ----------------------------------------------------------------------------


def _token_specs(lex: DateLexicon) -> dict[str, dict]:
    def words(values) -> dict:
        return {"LOWER": {"IN": sorted(values)}}

    def shape(pattern: re.Pattern) -> dict:
        return {"TEXT": {"REGEX": pattern.pattern}}

    def pair_of(values) -> dict:
        alternatives = "|".join(sorted(values, key=len, reverse=True))
        dashes = "".join(sorted(lex.dashes)).replace("-", r"\-")
        return {"LOWER": {"REGEX": f"^({alternatives})[{dashes}]({alternatives})$"}}

    return {
        "P": words(lex.prepositions),
        "PFROM": words(lex.range_open),
        "TO": words(lex.range_close),
        "DASH": {"ORTH": {"IN": sorted(lex.dashes)}},
        "APPDASH": {"ORTH": {"IN": sorted(lex.dashes)}},  # "во вторник — 13 сентября"
        "APPROX": words(lex.approximators),
        "APREF": words(lex.approximator_prefixes),
        "COMMA": {"ORTH": ","},
        "SEGO": {"LOWER": "с"},
        "DOT": {"ORTH": "."},
        "DAY": shape(nd.DAY_RE),
        "DAYS": shape(nd.DAY_RANGE_RE),
        "MON": words(lex.months),
        "MONS": pair_of(lex.months),
        "MABBR": words(lex.month_abbreviations),
        "YEAR": shape(nd.ANY_YEAR_RE),
        "YEARS": shape(nd.YEAR_RANGE_RE),
        "GOD": words(lex.year_words),
        "NUMDATE": shape(nd.NUMERIC_DATE_RE),
        "DEC": {"LOWER": {"REGEX": nd.DECADE_RE.pattern}},
        "DECW": words(lex.decade_words),
        "DECWS": pair_of(lex.decade_words),
        "ROM": shape(nd.ROMAN_RE),
        "ROMS": shape(nd.ROMAN_RANGE_RE),
        "VEK": words(lex.century_words),
        "VEKX": words(lex.century_words | lex.century_abbreviations),  # "XX века", "XX в."
        "DEIX": words(set(lex.weekdays) | set(lex.day_words) | lex.present_words),
        "CORD": words(lex.century_ordinals),
        "CUNIT": words(lex.calendar_units),
        "AUNIT": words(lex.distance_units),
        "HUNIT": words(lex.half_units),
        "REL": words(lex.relative),
        "WD": words(lex.weekdays),
        "WEEKEND": words(lex.weekend),
        "SEAS": words(lex.seasons),
        "SEASI": words(lex.season_adverbs),
        "QTYN": shape(nd.NUMBER_RE),
        "QTYW": words(lex.quantities),
        "AGO": words(lex.ago),
        "TOMU": words(lex.ago_filler),
        "LATER": words(lex.later),
        "LAST": words(lex.window),
        "PART": words(lex.parts),
        "ORD": words(lex.ordinals),
        "HALF": words(lex.part_nouns),
        "QUART": words(lex.period_nouns),
        "DAYW": words(lex.day_words),
        "PRES": words(lex.present_words),
        "CADJ": words(lex.calendar_adjectives),
    }


@dataclass(frozen=True)
class _Pattern:
    key: str
    elements: list[dict]
    names: list[str]
    required: frozenset[str]  # features some token of the stretch must have for a match


def _patterns(lex: DateLexicon, spaces: bool) -> list[_Pattern]:
    """Every pattern in Matcher order. With `spaces`, an optional whitespace token may stand
    between elements; that doubles every pattern, so text without such tokens is matched by
    patterns built without them."""
    specs = _token_specs(lex)
    prefix = "DATE" if spaces else "DATE_NOSPACE"
    sequences = [seq for rule in GRAMMAR for seq in expand(rule)]
    found = []
    for index, seq in enumerate(sequences):
        pattern, names = [], []
        for symbol in seq:
            if pattern and spaces:  # razdel keeps a no-break space ("2016\u00a0года") as a token
                pattern.append({"IS_SPACE": True, "OP": "?"})
                names.append("SPACE")
            pattern.append(_element(symbol, specs))
            names.append(symbol.rstrip("?"))
        required = frozenset(symbol for symbol in seq if not symbol.endswith("?"))
        found.append(_Pattern(f"{prefix}_{index}", pattern, names, required))
    for index, phrase in enumerate(lex.present_phrases):
        pattern = [{"LOWER": word} for word in phrase]
        required = frozenset(f"={word}" for word in phrase)
        found.append(
            _Pattern(f"{prefix}_PHRASE_{index}", pattern, ["PHRASE"] * len(phrase), required)
        )
    return found


def build_matcher(
    vocab, lex: DateLexicon, spaces: bool = True
) -> tuple[Matcher, dict[int, list[str]]]:
    """The Matcher of every pattern and, per match id, the symbol of each pattern element."""
    return _matcher(vocab, _patterns(lex, spaces))


def _matcher(vocab, patterns: list[_Pattern]) -> tuple[Matcher, dict[int, list[str]]]:
    matcher = Matcher(vocab, validate=False)
    symbols: dict[int, list[str]] = {}
    for pattern in patterns:
        _add(matcher, symbols, pattern.key, pattern.elements, pattern.names)
    return matcher, symbols


def _feature_test(spec: dict) -> Callable[[str], bool]:
    """A token text's test equal to the Matcher's for one pattern element (bar its OP)."""
    (attr, value), *rest = spec.items()
    if rest or attr not in ("LOWER", "ORTH", "TEXT"):
        raise ValueError(f"date pattern element without a feature test: {spec}")
    fold = str.lower if attr == "LOWER" else str
    if isinstance(value, str):
        return lambda text: fold(text) == value
    if set(value) == {"IN"}:
        words = frozenset(value["IN"])
        return lambda text: fold(text) in words
    if set(value) == {"REGEX"}:
        search = re.compile(value["REGEX"]).search
        return lambda text: search(fold(text)) is not None
    raise ValueError(f"date pattern element without a feature test: {spec}")


# A Matcher weighs ~50 KB (its predicates hold the lexicon's word sets): 175 kept on a
# 1 M-character text cost ~9 MB of a worker's 400; the most used few serve most stretches.
# NEREL's 840 texts need 212 distinct sets: 128 kept build 254 Matchers (48 kept: 540, 256:
# 212) for ~4 MB more than 48; 256 would take the 4 M-character document to 394 MB (session 13).
MATCHERS_KEPT = 128


class DateMatchers:
    """Runs on a stretch only the patterns it can match: those whose every required element
    matches some token of it (a pattern's states never affect another's, so the Matcher of
    those patterns gives exactly the matches, alignments and order of the Matcher of all).
    The Matcher tries each pattern at each token, so a few patterns instead of hundreds
    cost that much less; matchers are cached per set of token features."""

    def __init__(self, vocab, lex: DateLexicon) -> None:
        self.vocab = vocab
        specs = _token_specs(lex)
        self._tests = [(symbol, _feature_test(spec)) for symbol, spec in specs.items()]
        self._tests += [(f"={w}", _feature_test({"LOWER": w})) for w in _phrase_words(lex)]
        self._patterns = {spaces: _patterns(lex, spaces) for spaces in (True, False)}
        self.symbols = {
            vocab.strings[p.key]: p.names for group in self._patterns.values() for p in group
        }
        self._features: dict[int, frozenset[str]] = {}  # word (ORTH hash) -> its features
        # Stretches with different words often need the same patterns: two caches.
        self._chosen: dict[tuple[bool, frozenset[str]], tuple[int, ...]] = {}
        self._matchers: dict[tuple[bool, tuple[int, ...]], Matcher] = {}

    def __call__(self, stretch: Span) -> list[tuple[int, int, int, list[int]]]:
        spaces = any(t.is_space for t in stretch)
        features = frozenset().union(*(self._features_of(t) for t in stretch))
        chosen = self._chosen.get((spaces, features))
        if chosen is None:
            if len(self._chosen) > 20_000:  # bounded: feature sets are few, but not fixed
                self._chosen.clear()
            patterns = self._patterns[spaces]
            chosen = tuple(i for i, p in enumerate(patterns) if p.required <= features)
            self._chosen[spaces, features] = chosen
        if not chosen:
            return []
        key = (spaces, chosen)
        matcher = self._matchers.pop(key, None)
        if matcher is None:
            if len(self._matchers) >= MATCHERS_KEPT:
                del self._matchers[next(iter(self._matchers))]  # the least recently used
            matcher = _matcher(self.vocab, [self._patterns[spaces][i] for i in chosen])[0]
        self._matchers[key] = matcher  # re-inserted: dicts keep the order of use
        return matcher(stretch, with_alignments=True)

    def _features_of(self, token: Token) -> frozenset[str]:
        found = self._features.get(token.orth)
        if found is None:
            if len(self._features) > 200_000:  # bounded: a long run meets new words forever
                self._features.clear()
            text = token.text
            found = frozenset(symbol for symbol, test in self._tests if test(text))
            self._features[token.orth] = found
        return found


def _phrase_words(lex: DateLexicon) -> set[str]:
    return {word for phrase in lex.present_phrases for word in phrase}


def date_vocabulary(lex: DateLexicon) -> frozenset[str]:
    """Every word a pattern element matches by its text (token shapes aside)."""
    words: set[str] = set()
    for spec in _token_specs(lex).values():
        for key in ("LOWER", "ORTH"):
            value = spec.get(key)
            if isinstance(value, str):
                words.add(value.lower())
            elif isinstance(value, dict) and "IN" in value:
                words.update(word.lower() for word in value["IN"])
    words.update(word for phrase in lex.present_phrases for word in phrase)
    return frozenset(words)


def _add(matcher: Matcher, symbols: dict, key: str, pattern: list, names: list[str]) -> None:
    matcher.add(key, [pattern])
    symbols[matcher.vocab.strings[key]] = names


def _element(symbol: str, specs: dict[str, dict]) -> dict:
    if symbol.endswith("?"):
        return {**specs[symbol[:-1]], "OP": "?"}
    return dict(specs[symbol])


# --- reading a match --------------------------------------------------------------------


class _Reader:
    """Folds the (symbol, token) pairs of one match into the DateExpr of each range end."""

    def __init__(self, lex: DateLexicon) -> None:
        self.lex = lex
        self.sides: list[dict] = [{}]
        self.rel: tuple[int, str] | None = None
        self.rel_word: str | None = None  # the modifier's form, to check agreement
        self.number: int | None = None  # an ordinal or Roman numeral waiting for its noun
        self.quantity: float | None = 0.0
        self.has_quantity = False
        self.direction = 0  # -1 "назад", +1 "через", 0 none
        self.window = False
        self.approximate = False

    @property
    def side(self) -> dict:
        return self.sides[-1]

    def read(self, pairs: list[tuple[str, Token]]) -> list[nd.DateExpr] | None:
        for symbol, token in pairs:
            if not self.take(symbol, token):
                return None
        return self.finish()

    def take(self, symbol: str, token: Token) -> bool:
        handler = getattr(self, f"_on_{symbol.lower()}", None)
        return True if handler is None else handler(token.text, token.lower_)

    def _on_dash(self, text: str, low: str) -> bool:
        self.sides.append({})
        return True

    _on_to = _on_dash

    def _on_day(self, text: str, low: str) -> bool:
        self.side["day"] = int(re.match(r"\d+", text).group())
        return True

    def _on_days(self, text: str, low: str) -> bool:
        first, last = nd.pair(nd.DAY_RANGE_RE, text)
        self.side["day"] = int(first)
        self.sides.append({"day": int(last)})
        return 1 <= int(first) <= 31 and 1 <= int(last) <= 31

    def _on_mon(self, text: str, low: str) -> bool:
        self.side["month"] = self.lex.months[low]
        return self._take_occurrence(low)  # "в прошлом октябре"

    def _on_mabbr(self, text: str, low: str) -> bool:
        self.side["month"] = self.lex.month_abbreviations[low]
        return True

    def _on_mons(self, text: str, low: str) -> bool:
        return self._word_range(low, "month", self.lex.months)

    def _on_year(self, text: str, low: str) -> bool:
        self.side["year"] = nd.year_value(text)
        self._pop_rel()  # "в текущем 2011 году": the number wins
        return self.side["year"] is not None

    def _on_years(self, text: str, low: str) -> bool:
        years = nd.year_pair(text)
        if years is None:
            return False
        self.side["year"] = years[0]
        self.sides.append({"year": years[1]})
        return True

    def _on_sego(self, text: str, low: str) -> bool:
        self.rel, self.rel_word = (0, "this_week"), None
        return True

    def _on_god(self, text: str, low: str) -> bool:
        if self.rel is not None:  # "в ноябре прошлого года"
            if not self._agrees(low):
                return False
            self.side.update(unit="year", offset=self._pop_rel()[0])
        return True

    def _on_numdate(self, text: str, low: str) -> bool:
        expr = nd.numeric_date(text)
        if expr is None:
            return False
        self.side.update(year=expr.year, month=expr.month, day=expr.day)
        return True

    def _on_dec(self, text: str, low: str) -> bool:
        decade, short = nd.decade_value(low)
        if decade is not None:
            self.side["decade"] = decade
        else:
            self.side["decade_short"] = short
        return True

    def _on_decw(self, text: str, low: str) -> bool:
        self.side["decade_short"] = self.lex.decade_words[low]
        return True

    def _on_decws(self, text: str, low: str) -> bool:
        return self._word_range(low, "decade_short", self.lex.decade_words)

    def _word_range(self, low: str, key: str, values: dict[str, int]) -> bool:
        """Two lexicon words joined by a dash in one token ("мае-июне", "восьмидесятые-
        девяностые"): the first ends this side, the second opens the next."""
        first, last = re.split(r"[-–—‒−]", low, maxsplit=1)
        self.side[key] = values[first]
        self.sides.append({key: values[last]})
        return True

    def _on_rom(self, text: str, low: str) -> bool:
        self.number = nd.roman_value(text)
        return self.number is not None

    def _on_roms(self, text: str, low: str) -> bool:
        first, last = nd.pair(nd.ROMAN_RANGE_RE, text)
        self.side["century"] = nd.roman_value(first)
        self.sides.append({})
        self.number = nd.roman_value(last)
        return self.sides[0]["century"] is not None and self.number is not None

    def _on_cord(self, text: str, low: str) -> bool:
        self.number = self.lex.century_ordinals[low]
        if self.has_quantity:  # "двадцать первого века"
            self.number += int(self.quantity or 0)
            self.quantity, self.has_quantity = 0.0, False
        return True

    def _on_vek(self, text: str, low: str) -> bool:
        if self.number is not None:
            self.side["century"], self.number = self.number, None
            return self.side["century"] <= 21
        if not self._agrees(low):
            return False
        rel = self._pop_rel()  # "в прошлом веке"; none in "в начале века"
        self.side.update(unit="century", offset=rel[0] if rel else 0)
        return True

    _on_vekx = _on_vek

    def _on_deix(self, text: str, low: str) -> bool:
        """The deictic half of an apposition: a weekday, "вчера" or "сегодня"."""
        if low in self.lex.weekdays:
            return self._on_wd(text, low)
        if self.rel is not None:
            return False
        return self._on_dayw(text, low) if low in self.lex.day_words else self._on_pres(text, low)

    def _on_cunit(self, text: str, low: str) -> bool:
        if low in self.lex.plural_units:
            return False  # "прошлых лет", "в последующие годы": no one period
        if not self._agrees(low):
            return False
        rel = self._pop_rel()  # none after a part: "в конце года"
        self.side.update(unit=self.lex.calendar_units[low], offset=rel[0] if rel else 0)
        return True

    def _on_quart(self, text: str, low: str) -> bool:
        kind = self.lex.period_nouns[low]  # quarter | half
        if self.number is None:
            return False
        self.side[kind], self.number = self.number, None
        return self.side[kind] <= (4 if kind == "quarter" else 2)

    def _on_ord(self, text: str, low: str) -> bool:
        self.number = self.lex.ordinals[low]
        return True

    def _on_half(self, text: str, low: str) -> bool:
        part = self.lex.part_nouns[low].get(self.number or 0)
        self.side["part"], self.number = part, None
        return part is not None

    def _on_part(self, text: str, low: str) -> bool:
        self.side["part"] = self.lex.parts[low]
        return True

    def _on_rel(self, text: str, low: str) -> bool:
        self.rel, self.rel_word = self.lex.relative[low], low
        return True

    def _agrees(self, noun: str) -> bool:
        """The pending modifier agrees with its noun: not "об этом месяц назад"."""
        return self.rel_word is None or _agree(self.rel_word, noun)

    def _pop_rel(self) -> tuple[int, str] | None:
        rel, self.rel, self.rel_word = self.rel, None, None
        return rel

    def _on_wd(self, text: str, low: str) -> bool:
        self.side["weekday"] = self.lex.weekdays[low]
        return self._take_mode(low)

    def _on_weekend(self, text: str, low: str) -> bool:
        self.side["weekend"] = True
        return self._take_mode(low)

    def _take_mode(self, noun: str) -> bool:
        """ "в прошлый вторник": which week the weekday is in (see normalize/dates.py)."""
        if self.rel is None:
            return True
        if not self._agrees(noun):
            return False
        self.side["mode"] = self._pop_rel()[1]
        return True

    def _on_seas(self, text: str, low: str) -> bool:
        self.side["season"] = self.lex.seasons[low]
        return self._take_occurrence(low)

    def _take_occurrence(self, noun: str) -> bool:
        """ "прошлой осенью": the latest autumn before the article date; "этой": the current."""
        if self.rel is None:
            return True
        if not self._agrees(noun):
            return False
        offset = self._pop_rel()[0]
        self.side["mode"] = {-1: "last", 0: "this", 1: "next"}.get(offset, "this")
        return True

    _on_seasi = _on_seas

    def _on_approx(self, text: str, low: str) -> bool:
        self.approximate = True
        return True

    def _on_aunit(self, text: str, low: str) -> bool:
        self.side["_unit"] = self.lex.distance_units[low]
        # "год назад"; with an approximator the genitive too: "около года назад"
        single = low in self.lex.single_units
        single = single or self.approximate and low in self.lex.genitive_units
        if not self.has_quantity and not single:
            if not self.window:
                return False  # "лет назад" without a number is not one year
            self.quantity, self.has_quantity = None, True  # "в последние годы": vague
        return True

    def _on_hunit(self, text: str, low: str) -> bool:
        self.side["_unit"] = self.lex.half_units[low]
        self.quantity, self.has_quantity = 0.5, True
        return True

    def _on_qtyn(self, text: str, low: str) -> bool:
        self.quantity = float(text.replace(",", "."))
        self.has_quantity = True
        return self.quantity > 0

    def _on_qtyw(self, text: str, low: str) -> bool:
        value = self.lex.quantities[low]
        if value is None or self.quantity is None:
            self.quantity = None  # vague: "несколько"
        else:
            self.quantity += value
        self.has_quantity = True
        return True

    def _on_ago(self, text: str, low: str) -> bool:
        self.direction = -1
        return True

    def _on_later(self, text: str, low: str) -> bool:
        self.direction = 1
        return True

    def _on_last(self, text: str, low: str) -> bool:
        self.window = True
        return True

    def _on_dayw(self, text: str, low: str) -> bool:
        self.side.update(unit="day", offset=self.lex.day_words[low])
        return True

    def _on_pres(self, text: str, low: str) -> bool:
        self.side["present"] = True
        return True

    _on_phrase = _on_pres

    def _on_cadj(self, text: str, low: str) -> bool:
        entry = self.lex.calendar_adjectives[low]
        if "month" in entry:
            self.side["month"] = entry["month"]
        else:
            unit = "day" if "day" in entry else "year"
            self.side.update(unit=unit, offset=entry[unit])
        return True

    def finish(self) -> list[nd.DateExpr] | None:
        if len(self.sides) > 2 or self.rel is not None or self.number is not None:
            return None
        exprs = []
        for side in self.sides:
            unit = side.pop("_unit", None)
            if unit is not None:
                amount = self.quantity if self.has_quantity else 1.0
                if self.window:
                    side.update(window_unit=unit, window=amount)
                elif self.direction:
                    signed = None if amount is None else amount * self.direction
                    side.update(shift_unit=unit, shift=signed)
                else:
                    return None
            if not side:
                return None
            exprs.append(nd.DateExpr(**side))
        return exprs


# --- the component ----------------------------------------------------------------------


@dataclass
class _Candidate:
    start: int
    end: int
    order: int
    symbols: list[str]


class DateRules:
    """The `date_rules` component: writes doc.spans["DATE"] with DateValue values."""

    def __init__(self, nlp: Language, name: str, lexicon: str, numbers: str) -> None:
        extensions.register()
        self.name = name
        self.lex = load_date_lexicon(lexicon)
        self.timex = timex.TimexScanner(
            timex.timex_lexicon(load_lexicon(lexicon)),
            nn.load_amount_lexicon(numbers),
            self.lex.months,
            _unit_forms(load_lexicon(lexicon)),
            {form: offset for form, (offset, _) in self.lex.relative.items()},
        )
        self.matchers = DateMatchers(nlp.vocab, self.lex)
        self.symbols = self.matchers.symbols
        self.vocabulary = date_vocabulary(self.lex)
        self._kinds: dict[int, int] = {}  # word (ORTH hash) -> _kind, filled as words come

    def __call__(self, doc: Doc) -> Doc:
        spans = list(self._dateline(doc))
        taken = {i for span in spans for i in range(span.start, span.end)}
        stretches = [doc[start:end] for start, end in self._stretches(doc)]
        for stretch in stretches:
            spans.extend(self._dates_in(stretch, taken))
        spans.extend(self._listed_years(doc, stretches, spans, taken))
        spans.extend(self._listed_weekdays(doc, spans, taken))
        spans[:] = [self._night(doc, span, taken) for span in spans]
        spans[:] = self._night_pairs(doc, spans)
        spans.extend(self._timexes(doc, spans, taken))
        add_spans(doc, LABEL, spans)
        return doc

    def _timexes(self, doc: Doc, spans: list[Span], taken: set[int]) -> list[Span]:
        """Durations, sets and anaphoric dates (pipeline/stages/rules/timex.py); anaphoric ones take
        their value from the nearest earlier date once every span is known."""
        found = [hit for hit in self.timex.scan(doc, taken) if _absorbable(hit, spans)]
        for hit in found:
            if hit.absorbs:  # the date inside becomes part of the set: "ежегодно в мае"
                spans[:] = [s for s in spans if not (hit.start <= s.start and s.end <= hit.end)]
        new, pending = [], []
        for hit in found:
            if hit.shift is None and _in_name(doc[hit.start : hit.end]):
                continue  # «Один день Ивана Денисовича», «Три минуты тишины»
            span = make_span(doc, hit.start, hit.end, LABEL, self.name, hit.value)
            new.append(span)
            if hit.shift is not None:
                pending.append((hit, span))
        if pending:
            timex.resolve_anaphora(doc, spans + new, pending)
        return new

    def _night(self, doc: Doc, span: Span, taken: set[int]) -> Span:
        """A night's two days are one range (decision 312): "в ночь [с 15 на 16 июля]" widens
        the date "на 16 июля" back over "с 15" when a form of "ночь" stands before them. A check
        per found date, outside the Matcher (no pattern of "на" there to split its cached sets)."""
        first = span.start - 2
        # the words first: `.sent` walks the sentence, and most dates open with no "на"
        if not self._night_words(doc, first, span.start):
            return span
        day, value = doc[first + 1].text, span._.value
        if first - 1 < doc[span.start].sent.start or not nd.DAY_RE.match(day) or first in taken:
            return span
        last = span[1].text if len(span) > 1 and nd.DAY_RE.match(span[1].text) else None
        value = _night_value(value, int(day.split("-")[0]), last)
        if value is None:
            return span
        taken.update((first, first + 1))
        return make_span(doc, first, span.end, LABEL, self.name, value)

    def _night_pairs(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """ "в ночь [с пятницы на субботу]", "в ночь [с 30 июня на 1 июля]": two dates found
        apart, "с"/"со" + a day right before "на" + the next day, after a form of "ночь", are
        one range as 312's (decision 323). Only when both resolve to consecutive days."""
        by_start = {span.start: span for span in spans}
        merged: dict[int, Span] = {}
        for span in spans:
            second = by_start.get(span.end)
            if second is None or not self._night_pair(doc, span, second):
                continue
            one, two = span._.value, second._.value
            timex = f"{one.date_start}/{two.date_start}"
            value = replace(two, timex=timex, date_start=one.date_start)
            merged[span.start] = make_span(doc, span.start, second.end, LABEL, self.name, value)
        seconds = {span.end for span in merged.values()}  # the second date, now inside
        return [merged.get(s.start, s) for s in spans if s.end not in seconds or s.start in merged]

    def _night_words(self, doc: Doc, opening: int, closing: int) -> bool:
        """The words of a night's two days around them: a form of "ночь" right before the
        "с"/"со" at `opening`, "на" at `closing` (decisions 312, 323 read the same frame)."""
        return (
            opening >= 1
            and doc[closing].lower_ in self.lex.night_close
            and doc[opening].lower_ in self.lex.range_open
            and doc[opening - 1].lower_ in self.lex.night_nouns
        )

    def _night_pair(self, doc: Doc, first: Span, second: Span) -> bool:
        """The two spans are a night's two days: "ночь" before the first, "с" opening it, "на"
        opening the second, both days resolved and one after the other."""
        if not self._night_words(doc, first.start, second.start):
            return False
        one, two = first._.value, second._.value
        if one is None or two is None or one.granularity != "day" or two.granularity != "day":
            return False
        if one.date_start is None or two.date_start is None:
            return False
        day = date.fromisoformat(one.date_start) + timedelta(days=1)
        return day.isoformat() == two.date_start

    def _listed_weekdays(self, doc: Doc, spans: list[Span], taken: set[int]) -> list[Span]:
        """A weekday listed after a dated one: "в пятницу и субботу"."""
        found = []
        for span in spans:
            i = span.end + 1
            if i >= len(doc) or i in taken or doc[span.end].lower_ not in self.lex.weekday_joins:
                continue
            if doc[span.end - 1].lower_ not in self.lex.weekdays:
                continue
            low = doc[i].lower_
            if low not in self.lex.weekdays or not _weekday_ok(
                low, doc[i + 1] if i + 1 < len(doc) else None, self.lex
            ):
                continue
            article = doc._.article_date
            tense = _tense(doc[i : i + 1]) if article is not None else None
            value = nd.resolve(nd.DateExpr(weekday=self.lex.weekdays[low]), article, tense)
            if value is not None:
                found.append(make_span(doc, i, i + 1, LABEL, self.name, _anchored(value, doc)))
                taken.add(i)
        return found

    def _listed_years(
        self, doc: Doc, stretches: list[Span], spans: list[Span], taken: set[int]
    ) -> list[Span]:
        """Bare years listed beside a dated one: "в 2003, 2004 и 2005 годах", "(1994, 1997)"."""
        low, high = self.lex.bare_years
        free = {
            t.i
            for stretch in stretches
            for t in stretch
            if t.text[:1].isdigit()
            and t.i not in taken
            and nd.YEAR_RE.match(t.text)
            and low <= (nd.year_value(t.text) or 0) <= high
        }
        if not free:
            return []
        anchors = {i for span in spans for i in range(span.start, span.end)}
        anchors = {i for i in anchors if nd.YEAR_RE.match(doc[i].text)}
        found: list[Span] = []
        grew = True
        while grew:
            grew = False
            for i in sorted(free):
                if _listed_beside(doc, i, anchors, self.lex.list_separators):
                    value = nd.resolve(nd.DateExpr(year=nd.year_value(doc[i].text)))
                    start = i - 1 if i and doc[i - 1].lower_ in self.lex.prepositions else i
                    start = start if start not in taken else i
                    found.append(make_span(doc, start, i + 1, LABEL, self.name, value))
                    taken.update(range(start, i + 1))
                    anchors.add(i)
                    free.discard(i)
                    grew = True
        return found

    def _stretches(self, doc: Doc) -> Iterator[tuple[int, int]]:
        """Runs of tokens any pattern element could match that hold a digit or a date word.

        Every match lies inside one such run, so the Matcher sees a few short runs instead of
        every sentence: most of the text is never matched at all. Runs may cross a sentence
        boundary, which razdel puts after "авг." in "1 авг. 2019"; no pattern runs over a
        sentence's final punctuation otherwise.
        """
        strings, kinds = doc.vocab.strings, self._kinds
        start, trigger = None, False
        for i, orth in enumerate(doc.to_array(ORTH).tolist()):  # no Token objects: hot loop
            kind = kinds.get(orth)
            if kind is None:
                if len(kinds) > 200_000:  # bounded: a long run meets new words forever
                    kinds.clear()
                kind = kinds[orth] = self._kind(strings[orth])
            if kind:
                start = i if start is None else start
                trigger = trigger or kind == _TRIGGER
                continue
            if start is not None and trigger:
                yield start, i
            start, trigger = None, False
        if start is not None and trigger:
            yield start, len(doc)

    def _kind(self, text: str) -> int:
        """_TRIGGER for a digit or date word, _DATE_LIKE for words a pattern may hold, else 0."""
        if self._is_trigger(text):
            return _TRIGGER
        if text.lower() in self.vocabulary or (text.isspace() and "\n" not in text):
            return _DATE_LIKE
        return 0

    def _is_trigger(self, text: str) -> bool:
        low = text.lower()
        if low in self.lex.triggers or _HAS_DIGIT(text):
            return True
        if "-" in text and any(part in self.lex.triggers for part in low.split("-")):
            return True  # "ноябре-декабре", "тридцатых-сороковых"
        return text[:1] in "IVXХ" and nd.ROMAN_RE.match(text) is not None

    def _dateline(self, doc: Doc) -> Iterator[Span]:
        """The "YYYY-MM-DD" right after a leading "date": the article's own date."""
        words = [t for t in doc[:4] if not t.is_space]
        if len(words) < 2 or words[0].lower_ != "date" or not _ISO.match(words[1].text):
            return
        value = nd.resolve(nd.numeric_date(words[1].text))
        if value is not None:
            yield make_span(doc, words[1].i, words[1].i + 1, LABEL, self.name, value)

    def _dates_in(self, stretch: Span, taken: set[int]) -> list[Span]:
        doc, offset = stretch.doc, stretch.start
        candidates = [
            _Candidate(offset + start, offset + end, order, self._aligned(key, align))
            for order, (key, start, end, align) in enumerate(self.matchers(stretch))
        ]
        candidates.sort(key=lambda c: (c.start - c.end, c.start, c.order))
        found = []
        for cand in candidates:
            if any(i in taken for i in range(cand.start, cand.end)):
                continue
            value = self._value(doc, cand)
            if value is None:
                continue
            start, end = self._widen(doc[cand.start].sent, cand, taken)
            found.append(make_span(doc, start, end, LABEL, self.name, value))
            taken.update(range(start, end))
        return found

    def _widen(self, sent: Span, cand: _Candidate, taken: set[int]) -> tuple[int, int]:
        """Take in a multi-word preposition before the date: "в течение 2017 года". (The dot
        of "2010 г." stays out, as in NEREL: it often ends the sentence too.)"""
        doc, start = sent.doc, cand.start
        if cand.symbols[0] != "P" and cand.symbols != ["CADJ"]:  # "в ходе [сегодняшнего]"
            # "в период с 2003 по 2011 годы", not "в течение в …"
            for phrase in self.lex.compound_prepositions:
                first = start - len(phrase)
                if first >= sent.start and not any(i in taken for i in range(first, start)):
                    if tuple(t.lower_ for t in doc[first:start]) == phrase:
                        return first, cand.end
        return start, cand.end

    def _aligned(self, key: int, alignment: list[int]) -> list[str]:
        symbols = self.symbols[key]
        return [symbols[i] for i in alignment]

    def _value(self, doc: Doc, cand: _Candidate) -> DateValue | None:
        tokens = doc[cand.start : cand.end]
        if not self._context_ok(doc, cand, tokens):
            return None
        exprs = _Reader(self.lex).read(list(zip(cand.symbols, tokens, strict=True)))
        if not exprs:
            return None
        article = doc._.article_date
        tense = _tense(tokens) if article is not None and _tense_matters(exprs) else None
        if len(exprs) == 2:
            value = nd.resolve_range(exprs[0], exprs[1], article, tense)
        else:
            value = nd.resolve(exprs[0], article, tense)
        if value is not None and exprs[0].window_unit is not None:
            value = _window_duration(value, exprs[0])  # "за последние три года"
        return None if value is None else _anchored(value, doc)

    def _context_ok(self, doc: Doc, cand: _Candidate, tokens: Span) -> bool:
        symbols = cand.symbols
        if tokens[0].is_space or tokens[-1].is_space:
            return False  # an optional space matched where the optional word around it did not
        if _glued(tokens):
            return False  # part of a URL, a file name or a code: ".../2016-06-30/...", "ЕГЭ-2013"
        following = doc[cand.end] if cand.end < len(doc) else None
        if any(s == "SPACE" and "\n" in t.text for s, t in zip(symbols, tokens, strict=True)):
            return False  # a date does not run over a line break
        abbreviated = symbols[-1] == "VEKX" and tokens[-1].lower_ in self.lex.century_abbreviations
        if abbreviated and (following is None or following.text != "."):
            return False  # "XX в." needs its dot, or "в" is the next phrase's preposition
        if symbols[-1] in _OPEN_ENDED and not _open_end_ok(symbols, tokens, self.lex):
            return False
        if symbols in (["PRES"], ["DAYW"]) and _in_name(tokens):
            return False  # «Россия сегодня», газета «Завтра»
        if symbols == ["CADJ"] and not _calendar_adjective_ok(tokens[0], following):
            return False
        if tokens[0].lower_ == "по" and tokens[-1].lower_ in self.timex.lex.weekly_forms:
            return False  # "по выходным": a recurring time (rules/timex.py)
        if symbols[-2:] == ["REL", "CUNIT"] and tokens[-2].lower_.startswith("ближайш"):
            return False  # "на ближайший год": a window ahead, a duration (rules/timex.py)
        weekday = next((t.lower_ for t in tokens if t.lower_ in self.lex.weekdays), None)
        if weekday is not None and not _weekday_ok(weekday, following, self.lex):
            return False
        return True


def _calendar_adjective_ok(adjective: Token, following: Token | None) -> bool:
    """ "на декабрьском заседании": an adjective before the noun it dates (an adjective may
    stand between: "декабрьских президентских выборов"); not a name ("Октябрьская революция",
    "город Октябрьский", «Майские звёзды»)."""
    doc = adjective.doc
    if (
        adjective.is_title
        and not adjective.is_sent_start
        or _in_name(doc[adjective.i : adjective.i + 1])
    ):
        return False
    return following is not None and following.pos_ in ("NOUN", "ADJ")


def _night_value(end: DateValue | None, first_day: int, last_day: str | None) -> DateValue | None:
    """The range of a night from the value of its second day; None unless the first day is the
    day before it ("с 15 на 16 июля")."""
    if end is None or end.granularity != "day":
        return None
    if end.date_start is None:  # no article date: the length stays unknown, as for "16 июля";
        # the days' order is still written ("с 16 на 15 июля" is no night, decision 320)
        second = int(last_day.split("-")[0]) if last_day else None
        return end if second is None or second in (first_day + 1, 1) else None
    last = date.fromisoformat(end.date_start)
    before = last - timedelta(days=1)
    if before.day != first_day:
        return None
    span = f"{before.isoformat()}/{last.isoformat()}"
    return replace(end, timex=span, date_start=before.isoformat())


def _absorbable(hit: timex.Found, spans: list[Span]) -> bool:
    """A set may take in a date only when the date lies wholly inside it."""
    if not hit.absorbs:
        return True
    return not any(
        s.start < hit.end and hit.start < s.end and not (hit.start <= s.start and s.end <= hit.end)
        for s in spans
    )


def _window_duration(value: DateValue, expr: nd.DateExpr) -> DateValue:
    """A window back from the article date is a DURATION; its length is known without one."""
    length = timex_values.duration_timex([timex_values.Amount(expr.window, expr.window_unit)])
    return replace(value, timex_type="DURATION", timex=value.timex or length)


def _anchored(value: DateValue, doc: Doc) -> DateValue:
    """A relative date says it counted from the article date (or could not)."""
    if not value.relative:
        return value
    return replace(value, anchor="article" if doc._.article_date is not None else "none")


def _open_end_ok(symbols: list[str], tokens: Span, lex: DateLexicon) -> bool:
    """A date ending in a bare number may be the start of a number phrase ("до 2000 человек")."""
    doc, last = tokens.doc, tokens[-1]
    before = doc[tokens.start - 1] if tokens.start > 0 else None
    after = doc[tokens.end] if tokens.end < len(doc) else None
    if symbols[-1] in ("YEAR", "YEARS"):
        if "MON" in symbols or "MABBR" in symbols or not nd.YEAR_RE.match(last.text):
            return True  # "в октябре 2017", "в 2008г", "в 1997-м"
        years = nd.year_pair(last.text) or (nd.year_value(last.text) or 0,)
        low, high = lex.bare_years
        if not all(low <= year <= high for year in years):
            return False
        if symbols == ["YEARS"] and "/" in last.text:
            return True  # "сезон 2017/18"
        if symbols[0] not in ("P", "PFROM"):  # a year on its own: only "(2004)", "(1990—2005)"
            return _text(before) == "(" or _text(after) == ")" or _edition_year(tokens)
    if symbols[-1] == "DEC":
        if nd.decade_value(last.lower_)[0] is not None:
            return True  # "1990-х" is a decade whatever follows
        if len(symbols) == 1:
            return False  # "заняла 10-е": a short decade needs "годы" or a preposition
    return _free_after(after)


_CASES = {"loc2": "loct", "gen2": "gent", "acc2": "accs", "voct": "nomn"}


@lru_cache(maxsize=4096)
def _agree(adjective: str, noun: str) -> bool:
    """Whether some reading of the adjective agrees with some reading of the noun."""
    for a in models.parses(adjective):
        for n in models.parses(noun):
            if a.tag.POS not in ("ADJF", "PRTF", "NPRO") or n.tag.POS != "NOUN":
                continue
            case_a, case_n = _CASES.get(a.tag.case, a.tag.case), _CASES.get(n.tag.case, n.tag.case)
            if case_a != case_n or a.tag.number != n.tag.number:
                continue
            if a.tag.number == "plur" or not a.tag.gender or a.tag.gender == n.tag.gender:
                return True
    return False


def _listed_beside(doc: Doc, i: int, anchors: set[int], separators: frozenset[str]) -> bool:
    """Whether token i and a dated year token are neighbours in a list ("2004 и 2005")."""
    if i + 1 < len(doc) and doc[i].text.endswith(",") and i + 1 in anchors:
        return True  # razdel's glued list comma: "2003," "2004"
    if i + 2 < len(doc) and doc[i + 1].lower_ in separators and i + 2 in anchors:
        return True
    if i >= 1 and doc[i - 1].text.endswith(",") and doc[i - 1].text != "," and i - 1 in anchors:
        return True
    return i >= 2 and doc[i - 1].lower_ in separators and i - 2 in anchors


def _edition_year(tokens: Span) -> bool:
    """ "ЧМ-[2018]", "Евро-[2020]": a year the tokenizer split off the name it was glued to by
    a hyphen (decision 69)."""
    doc, start = tokens.doc, tokens.start
    if start < 2 or doc[start - 1].text != "-" or doc[start - 1].whitespace_:
        return False
    name = doc[start - 2]
    return not name.whitespace_ and name.text[-1:].isalpha()


def _glued(tokens: Span) -> bool:
    doc = tokens.doc
    before = doc[tokens.start - 1] if tokens.start > 0 else None
    if before is not None and not (before.is_space or before.whitespace_):
        if before.text[-1:].isalnum() or before.text[-1:] in _URLISH:
            return True
    if tokens.end >= len(doc) or tokens[-1].whitespace_:
        return False
    after = doc[tokens.end]
    if after.text[:1] == "?":  # "?id=2016": a query only with a parameter glued after it
        return not after.whitespace_ and _starts_alnum(doc, tokens.end + 1)
    if after.text[:1].isalnum() or after.text[:1] in _URLISH:
        return True
    # "19.10.16.webm": a dot glued on both sides
    return after.text == "." and not after.whitespace_ and _starts_alnum(doc, tokens.end + 1)


def _starts_alnum(doc: Doc, i: int) -> bool:
    return i < len(doc) and doc[i].text[:1].isalnum()


def _in_name(tokens: Span) -> bool:
    """Inside a name: an ORG/PER/LOC span of an earlier stage, or a short quoted title."""
    doc, start, end = tokens.doc, tokens.start, tokens.end
    for label in ("ORG", "PER", "LOC"):
        if label in doc.spans and any(s.start <= start and end <= s.end for s in doc.spans[label]):
            return True
    opening = [i for i in range(max(start - 3, 0), start) if doc[i].text in OPENING_QUOTES]
    closing = [i for i in range(end, min(end + 3, len(doc))) if doc[i].text in CLOSING_QUOTES]
    if not (opening and closing):
        return False
    quoted = doc[opening[-1] + 1 : closing[0]]
    return not any(t.pos_ in ("VERB", "AUX") for t in quoted)  # a title, not a quoted remark


def _text(token: Token | None) -> str:
    return token.text if token is not None else ""


def _free_after(token: Token | None) -> bool:
    if token is None or token.is_punct or token.is_space:
        return True
    if token.pos_ in ("NOUN", "PROPN", "NUM", "ADJ") or token.like_num:
        return False
    return token.text not in ("%", "$", "€", "₽")


def _weekday_ok(weekday: str, following: Token | None, lex: DateLexicon) -> bool:
    """ "в среду обитания" is not Wednesday: a weekday that is also a common noun ("среда")
    is not the head of a genitive noun."""
    if following is None:
        return True
    if following.lower_ in lex.weekday_stop_next:
        return False
    if lex.weekdays.get(weekday) not in lex.weekday_genitive_heads:
        return True  # "прошедшей в субботу церемонии": the participle's date
    return following.pos_ != "NOUN" or "Gen" not in following.morph.get("Case")


def _tense_matters(exprs: list[nd.DateExpr]) -> bool:
    """Whether the tense may matter: a weekday, or a month, day or season without a year."""
    return any(nd.is_relative(e) and not (e.unit or e.shift_unit or e.window_unit) for e in exprs)


def _tense(tokens: Span) -> str | None:
    """The tense of the verb nearest to the date in its sentence: "past", "future" or None."""
    sent = tokens[0].sent
    best, distance = None, len(sent) + 1
    for token in sent:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        tense = _verb_tense(token)
        gap = min(abs(token.i - tokens.start), abs(token.i - (tokens.end - 1)))
        if tense and gap < distance:
            best, distance = tense, gap
    return None if best == "present" else best


def _verb_tense(token: Token) -> str | None:
    # pymorphy3's grammemes first: slovnet tags "будет" as present, pymorphy3 as future.
    grammemes = set(re.split(r"[ ,]", token._.tag or ""))
    for grammeme, tense in (("past", "past"), ("futr", "future"), ("pres", "present")):
        if grammeme in grammemes:
            return tense
    tense = token.morph.get("Tense")
    return {"Past": "past", "Fut": "future", "Pres": "present"}.get(tense[0]) if tense else None


@Language.factory("date_rules", default_config={"lexicon": "", "numbers": ""})
def make_date_rules(nlp: Language, name: str, lexicon: str, numbers: str) -> DateRules:
    from pipeline.config import PROJECT_ROOT

    lexicons = PROJECT_ROOT / "configs" / "lexicons"
    lexicon = lexicon or str(lexicons / "dates.toml")
    # number words and qualifiers of durations: the AMOUNT stage's lexicon
    numbers = numbers or str(lexicons / "amounts.toml")
    return DateRules(nlp, name, lexicon, numbers)
