"""DATE mentions the calendar grammar of rules/date.py does not cover: durations ("около 30
лет", "1 год 6 месяцев", "23-летний срок"), recurring times ("ежегодно", "каждые три года",
"по понедельникам") and anaphoric dates ("на следующий день", "Годом позже", "накануне").

A left-to-right scan over the few tokens that can start or head one (unit lemmas, set and
anaphora words), run only on documents that hold such a word; each reading looks at a handful
of neighbours, so the cost is linear in the document. Number words and qualifiers come from the
amounts lexicon (pipeline/normalize/numbers.py). Values: pipeline/normalize/timex.py. Anaphoric
dates are resolved after all spans are known, in text order, against the nearest earlier
calendar date (docs/guideline.md, decisions 60-64).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np
from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from pipeline.normalize import numbers as nn
from pipeline.normalize import timex as nt
from pipeline.schema import DateValue

_DIGITS = re.compile(r"^\d{1,4}([.,]\d+)?$")
# A number with its case ending after a hyphen: "до 35-ти лет", "в течение 2-х месяцев".
_DIGITS_CASE = re.compile(r"^(\d{1,3})-(х|ти|ми|и|ух|ёх|ех|мя|ью)$")
_ADJ = re.compile(r"^(\d{1,3}|[а-яё]+?)-?(летн|месячн|недельн|дневн|суточн|часов)", re.I)
_ADJ_SUFFIX = {"летн": "year", "месячн": "month", "недельн": "week", "дневн": "day"}
_ADJ_SUFFIX |= {"суточн": "day", "часов": "hour"}
_YEAR = re.compile(r"^\d{4}$")
_RANGE = re.compile(r"^(\d{1,3})[-–—](\d{1,3})$")  # "2-3", "45-60": not years
_DAY_PARTS = {"утро": "day", "вечер": "day", "ночь": "day"}
# Words the gate remembers before it starts afresh: each distinct lowercase word seen is
# ~100 bytes, so a worker's long run stays within a few MB (38,000 after the 840 NEREL texts).
GATE_WORDS = 50_000


@dataclass
class TimexLexicon:
    units: dict[str, str]  # lemma -> unit
    unit_words: dict[str, tuple[float, str]]  # "полгода" -> (6, month)
    prepositions: tuple[tuple[str, ...], ...]
    plural_prepositions: frozenset[str]  # "в течение": a bare plural unit after it is a length
    bare_forms: frozenset[str]
    accusative_units: frozenset[str]
    collectives: dict[str, float]
    accusative_stop_verbs: frozenset[str]
    measured_nouns: frozenset[str]
    vague: frozenset[str]
    age_words: frozenset[str]
    age_prepositions: frozenset[str]
    age_verbs: frozenset[str]
    age_impersonal_forms: frozenset[str]
    adjective_nouns: frozenset[str]
    adjective_stems: dict[str, float]
    adjective_stop_nouns: frozenset[str]
    set_adverbs: dict[str, str]
    set_adjectives: dict[str, str]
    every: frozenset[str]
    times: frozenset[str]
    weekly_preposition: str
    weekly_forms: dict[str, int | str]
    modifiers: dict[str, int]
    need_same: frozenset[str]
    anaphor_units: frozenset[str]
    window_adjectives: dict[str, int]
    units_with_same: frozenset[str]
    same: frozenset[str]
    later: frozenset[str]
    earlier: frozenset[str]
    before: str
    before_pronouns: frozenset[str]
    anaphor_words: dict[str, int]
    past_ref: tuple[tuple[str, ...], ...]
    event_nouns: frozenset[str]
    event_gap: int
    # a league's or a theatre's season named from the article date (decision 311)
    season_nouns: frozenset[str]
    season_parts: frozenset[str]  # "до [конца] этого сезона", "по [окончании] текущего сезона"
    season_prepositions: frozenset[str]
    season_works: frozenset[str]  # "в прошлом сезоне [сериала]": a work's part (decision 320)
    years: tuple[int, int]
    triggers: frozenset[str]


def timex_lexicon(data: dict) -> TimexLexicon:
    """The TIMEX sections of configs/lexicons/dates.toml."""
    dur, sets, ana = data["durations"], data["sets"], data["anaphora"]
    unit_words = {k: (float(v[0]), v[1]) for k, v in data["duration_words"].items()}
    lex = TimexLexicon(
        units=dict(data["duration_units"]),
        unit_words=unit_words,
        prepositions=tuple(sorted((tuple(p.split()) for p in dur["prepositions"]), key=len)),
        **_word_sets(dur, "bare_forms vague age_words age_prepositions age_verbs"),
        **_word_sets(dur, "plural_prepositions"),
        **_word_sets(dur, "age_impersonal_forms"),
        **_word_sets(dur, "accusative_units accusative_stop_verbs measured_nouns"),
        **_word_sets(dur, "adjective_nouns adjective_stop_nouns"),
        adjective_stems={k: float(v) for k, v in data["adjective_stems"].items()},
        window_adjectives=dict(dur["window_adjectives"]),
        collectives={k: float(v) for k, v in dur["collectives"].items()},
        set_adverbs=dict(sets["adverbs"]),
        set_adjectives=dict(sets["adjectives"]),
        **_word_sets(sets, "every times"),
        weekly_preposition=sets["weekly_preposition"],
        weekly_forms=dict(sets["weekly_forms"]),
        modifiers=dict(ana["modifiers"]),
        anaphor_units=frozenset(ana["units"]),
        **_word_sets(ana, "need_same units_with_same same later earlier before_pronouns"),
        before=ana["before"],
        anaphor_words=dict(ana["words"]),
        past_ref=tuple(tuple(p.split()) for p in ana["past_ref"]),
        event_nouns=frozenset(data["event_years"]["nouns"]),
        season_nouns=frozenset(data["sport_seasons"]["nouns"]),
        season_parts=frozenset([*data["parts"], *data["sport_seasons"]["parts"]]),
        season_prepositions=frozenset(data["prepositions"]["forms"]),
        season_works=frozenset(data["sport_seasons"].get("works", [])),
        event_gap=int(data["event_years"]["max_gap"]),
        years=(data["bare_years"]["min"], data["bare_years"]["max"]),
        triggers=frozenset(),
    )
    lex.triggers = frozenset(
        {*unit_words, *lex.set_adverbs, *lex.anaphor_words, *lex.every, *lex.times}
        | set(lex.weekly_forms)
        | {p[0] for p in lex.past_ref}
    )
    return lex


def _word_sets(table: dict, keys: str) -> dict[str, frozenset[str]]:
    """{key: frozenset of its words} for the space-separated keys of one lexicon table."""
    return {key: frozenset(table[key]) for key in keys.split()}


@dataclass
class Found:
    start: int
    end: int
    value: DateValue | None
    # An anaphoric date waits for its anchor: (unit, shift); value is filled in later.
    shift: tuple[str, float | None] | None = None
    # May take in a date the calendar grammar found inside it ("ежегодно [в мае]").
    absorbs: bool = False


@dataclass
class _Phrase:
    """A counted unit being read: the unit word `u`, its unit and amount (`has_amount`: a
    number counts it, vague or not), the phrase's first token, the token past its unit
    words, its sentence's first token, and whether the unit word is plural."""

    u: int
    unit: str
    amount: float | None
    has_amount: bool
    start: int
    end: int
    sent_start: int
    plural: bool


class TimexScanner:
    """Finds durations, sets and anaphoric dates in a Doc, skipping tokens already taken."""

    def __init__(
        self,
        lex: TimexLexicon,
        numbers: nn.AmountLexicon,
        months: dict[str, int] | None = None,
        unit_forms: frozenset[str] = frozenset(),
        relative: dict[str, int] | None = None,
    ) -> None:
        self.lex = lex
        self.numbers = numbers
        self.months = months or {}  # month forms -> number, from the date lexicon
        # relative modifier forms -> offset ("прошлом" -1), from the date lexicon: by form, as
        # pymorphy3 lemmatises "этого" as "это"
        self.relative = relative or {}
        # every inflected form of a unit (and of "утро", "вечер", "ночь"), from the date rules
        self.triggers = lex.triggers | unit_forms
        self.prepositions: dict[str, list[tuple[str, ...]]] = {}
        for words in sorted(lex.prepositions, key=len, reverse=True):  # longest first
            self.prepositions.setdefault(words[-1], []).append(words)
        self.window_stems = [(k[:-2], v) for k, v in lex.window_adjectives.items()]
        # forms of the set adjectives by their stem: "ежегодн" opens "ежегодного", "ежегодным"
        self.set_stems = tuple(lemma[:-2] for lemma in lex.set_adjectives)
        self.half_last = frozenset(words[-1] for words in numbers.half)  # "половиной"
        self.qualifiers: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for words, kind in sorted(numbers.qualifiers.items(), key=lambda kv: -len(kv[0])):
            self.qualifiers.setdefault(words[-1], []).append((words, kind))
        self._gate: dict[int, bool] = {}

    # --- gate -------------------------------------------------------------------------

    def candidates(self, doc: Doc) -> list[int]:
        """Token indices worth a look: a unit, a set/anaphora word, a "-летний" adjective or a
        year. One pass over the doc's distinct words, then one vectorised lookup."""
        lowers = doc.to_array(LOWER)
        if not len(lowers):
            return []
        strings, gate = doc.vocab.strings, self._gate
        distinct = np.unique(lowers)
        wanted = []
        for low in distinct.tolist():
            hit = gate.get(low)
            if hit is None:
                if len(gate) > GATE_WORDS:
                    gate.clear()
                hit = gate[low] = self._is_trigger(strings[low])
            if hit:
                wanted.append(low)
        if not wanted:
            return []
        return np.flatnonzero(np.isin(lowers, wanted)).tolist()

    def _is_trigger(self, low: str) -> bool:
        if low in self.triggers:
            return True
        if low[:1].isdigit():
            return bool(_YEAR.match(low) or _ADJ.match(low))
        if low.startswith(self.set_stems):
            return True
        return any(part in low for part in _ADJ_SUFFIX) and bool(_ADJ.match(low))

    # --- scan -------------------------------------------------------------------------

    def scan(self, doc: Doc, taken: set[int]) -> list[Found]:
        found: list[Found] = []
        for i in self.candidates(doc):
            if i in taken:
                continue
            hit = self._read(doc, i, taken)
            if hit is None or (
                not hit.absorbs and any(j in taken for j in range(hit.start, hit.end))
            ):
                continue
            found.append(hit)
            taken.update(range(hit.start, hit.end))
        return found

    def _read(self, doc: Doc, i: int, taken: set[int]) -> Found | None:
        token = doc[i]
        low, lemma = token.lower_, token.lemma_
        readers = (self._set_word, self._weekly, self._anaphor_word, self._adjective, self._year)
        for reader in readers:
            hit = reader(doc, i, low)
            if hit is not None:
                return hit
        if lemma in self.lex.modifiers or lemma in self.lex.every:
            return None  # read from their unit
        if lemma in self.lex.units or low in self.lex.unit_words or lemma in _DAY_PARTS:
            return self._unit(doc, i, taken)
        if lemma in self.lex.season_nouns:
            return self._season(doc, i)
        return None

    # single words and fixed phrases

    def _set_word(self, doc: Doc, i: int, low: str) -> Found | None:
        unit = self.lex.set_adverbs.get(low)
        if unit is None:
            return self._set_adjective(doc, i)
        month = self._month_after(doc, i) if unit == "year" else None
        if month is not None:  # "ежегодно в мае": every May
            return Found(i, i + 3, nt.yearly_month(month), absorbs=True)
        return Found(i, i + 1, nt.recurrence(nt.Amount(1, unit)))

    def _set_adjective(self, doc: Doc, i: int) -> Found | None:
        """ "ежегодный конкурс", "ежемесячная доплата": before the noun it qualifies."""
        unit = self.lex.set_adjectives.get(doc[i].lemma_)
        after = doc[i + 1] if i + 1 < len(doc) else None
        if unit is None or after is None or after.pos_ not in ("NOUN", "ADJ"):
            return None
        return Found(i, i + 1, nt.recurrence(nt.Amount(1, unit)))

    def _month_after(self, doc: Doc, i: int) -> int | None:
        if i + 2 >= len(doc) or doc[i + 1].lower_ not in ("в", "во"):
            return None
        return self.months.get(doc[i + 2].lower_)

    def _weekly(self, doc: Doc, i: int, low: str) -> Found | None:
        """ "по понедельникам", "по выходным"."""
        day = self.lex.weekly_forms.get(low)
        if day is None or i == 0 or doc[i - 1].lower_ != self.lex.weekly_preposition:
            return None
        return Found(i - 1, i + 1, nt.weekly(day))

    def _anaphor_word(self, doc: Doc, i: int, low: str) -> Found | None:
        if low in self.lex.anaphor_words:
            after = doc[i + 1] if i + 1 < len(doc) else None
            if after is not None and _genitive_head(after) and not _inside_participle(doc, i):
                return None  # "накануне визита": anchored on an event, not a date
            return Found(i, i + 1, None, ("day", self.lex.anaphor_words[low]))
        for phrase in self.lex.past_ref:
            if phrase[0] != low or i + len(phrase) > len(doc):
                continue
            if all(doc[i + k].lower_ == word for k, word in enumerate(phrase)):
                anchor = "article" if doc._.article_date is not None else "none"
                value = DateValue("PAST_REF", None, None, "present", True, anchor=anchor)
                return Found(i, i + len(phrase), value)
        return None

    def _season(self, doc: Doc, i: int) -> Found | None:
        """ "в прошлом сезоне", "до конца этого сезона" (decision 311): a preposition, maybe a
        part, a relative modifier, the noun. Without the preposition the season is a thing the
        clause talks about ("Прошлый сезон клуб провёл в лиге"), not when something happened."""
        sent_start = doc[i].sent.start
        m = i - 1
        offset = self.relative.get(doc[m].lower_) if m >= sent_start else None
        if offset is None:
            return None
        first = m - 1
        if first > sent_start and doc[first].lemma_ in self.lex.season_parts:
            first -= 1  # the part governs the season in the genitive
            if doc[m].morph.get("Case") not in (["Gen"], []):
                return None
        if first < sent_start or doc[first].lower_ not in self.lex.season_prepositions:
            return None
        if self._of_work(doc, i + 1):
            return None
        anchor = "article" if doc._.article_date is not None else "none"
        timex = "PAST_REF" if offset < 0 else "FUTURE_REF" if offset > 0 else "PRESENT_REF"
        return Found(first, i + 1, DateValue(timex, None, None, "present", True, anchor=anchor))

    def _of_work(self, doc: Doc, j: int) -> bool:
        """ "в прошлом сезоне [популярного] сериала": the season is a part of the work named
        after it, past its adjectives, not a time (decision 320)."""
        end = min(len(doc), j + 3)
        while j < end and doc[j].pos_ == "ADJ":
            j += 1
        return j < end and doc[j].lemma_ in self.lex.season_works

    def _year(self, doc: Doc, i: int, low: str) -> Found | None:
        """ "на чемпионате Европы 2031", "Кубком регионов 2040": a year after an event."""
        if not _YEAR.match(low) or not self.lex.years[0] <= int(low) <= self.lex.years[1]:
            return None
        sent_start = doc[i].sent.start
        after = doc[i + 1] if i + 1 < len(doc) else None
        if after is not None and (after.like_num or after.pos_ in ("NOUN", "NUM", "ADJ")):
            return None
        if after is not None and after.text in ("%", "$", "€", "₽", "-", "—", "–"):
            return None
        for j in range(i - 1, max(sent_start, i - 2 - self.lex.event_gap) - 1, -1):
            if doc[j].like_num or doc[j].is_punct and doc[j].text not in '«»"':
                return None
            if doc[j].lemma_ in self.lex.event_nouns:
                year = int(low)
                value = DateValue(str(year), f"{year}-01-01", f"{year}-12-31", "year")
                return Found(i, i + 1, value)
        return None

    def _adjective(self, doc: Doc, i: int, low: str) -> Found | None:
        """ "23-летний срок", "двухлетний контракт": a duration before a noun of a period."""
        match = _ADJ.match(low)
        if match is None or i + 1 >= len(doc):
            return None
        stem = match.group(1)
        amount = float(stem) if stem.isdigit() else self.lex.adjective_stems.get(stem)
        if amount is None or amount == 0:
            return None
        # "45-дневную летнюю экспедицию"; a vague one only right before its noun
        noun = _noun_after(doc, i) if amount > 0 else doc[i + 1]
        if noun.lemma_ not in self.lex.adjective_nouns:
            if amount < 0 or noun.lemma_ in self.lex.adjective_stop_nouns:
                return None  # "100-летний юбилей" is an age; "многодневные поиски" vague
            if noun.pos_ != "NOUN" or "Inan" not in noun.morph.get("Animacy"):
                return None  # "23-летний студент" is an age
        unit = _ADJ_SUFFIX[match.group(2)]
        value = nt.duration([nt.Amount(None if amount < 0 else amount, unit)])
        return Found(i, i + 1, value)

    # a unit with what stands around it

    def _unit(self, doc: Doc, u: int, taken: set[int]) -> Found | None:
        sent_start = doc[u].sent.start
        counted = self._counted(doc, u, sent_start)
        if counted is None:
            return None
        unit, amount, q_start, inner = counted
        hit = self._range(doc, u, unit, sent_start)
        if hit is None:
            hit = self._anaphor_phrase(doc, u, unit, q_start, sent_start)
        if hit is not None or doc[u].lemma_ in _DAY_PARTS:
            return hit
        start = q_start if q_start is not None else u
        # recurring: "каждые три года", "раз в месяц", "в год" after an amount
        hit = self._every(doc, u, unit, amount, start, q_start is not None, sent_start)
        if hit is not None:
            return hit
        plural = "Plur" in doc[u].morph.get("Number") and doc[u].lemma_ != "сутки"
        amounts = [nt.Amount(amount if q_start is not None else (None if plural else 1.0), unit)]
        end, amounts = self._compound(doc, u + 1, amounts, taken)
        phrase = _Phrase(u, unit, amount, q_start is not None, start, end, sent_start, plural)
        return self._duration(doc, phrase, amounts, inner)

    def _duration(
        self, doc: Doc, phrase: _Phrase, amounts: list[nt.Amount], inner: int | None
    ) -> Found | None:
        """A counted unit read as a shift from the last date, a length counted from an event,
        or a duration with its preposition, qualifier and window word."""
        after = doc[phrase.end] if phrase.end < len(doc) else None
        # anaphoric shifts: "Годом позже", "три года спустя", "за день до"
        if after is not None and after.lower_ in self.lex.later | self.lex.earlier:
            return self._shift_after(doc, phrase, after)
        if after is not None and after.lower_ in ("назад", "тому", "через"):
            return None  # the date rules' business
        direction, qualifier, p_first, q_first = self._frame(doc, phrase, inner)
        prep = self._prep_text(doc, p_first, q_first)
        if prep in ("спустя", "по истечении") or (
            prep == "за" and after is not None and after.lower_ == self.lex.before
        ):
            return self._from_event(doc, phrase, p_first, prep, after)
        bare = direction is not None and phrase.plural  # "в ближайшие месяцы"
        if not self._duration_ok(doc, phrase, after, prep, qualifier, bare):
            return None
        first = p_first if p_first is not None else q_first
        value = nt.duration(amounts, qualifier)
        if value is not None and direction:
            value = nt.windowed(value, amounts, direction, doc._.article_date)
        return None if value is None else Found(first, phrase.end, value)

    def _shift_after(self, doc: Doc, phrase: _Phrase, after: Token) -> Found:
        """ "Годом позже", "три года спустя", "на год раньше": an anaphoric shift."""
        sign = 1 if after.lower_ in self.lex.later else -1
        amount = phrase.amount
        shift = None if amount is None and phrase.has_amount else sign * (amount or 1.0)
        start = phrase.start
        on = start > phrase.sent_start and doc[start - 1].lower_ == "на"
        return Found(start - 1 if on else start, phrase.end + 1, None, (phrase.unit, shift))

    def _frame(
        self, doc: Doc, phrase: _Phrase, inner: int | None
    ) -> tuple[int | None, str | None, int | None, int]:
        """What frames a counted unit on its left: (the window word's direction, the
        qualifier, the preposition's first token, the qualifier's first token)."""
        sent_start = phrase.sent_start
        direction, a_first = self._window_adjective(doc, phrase.start, sent_start)
        direction = inner if direction is None else direction
        qualifier, q_first = self._qualifier(doc, a_first, sent_start)
        p_first = self._preposition(doc, q_first, sent_start)
        if p_first is not None and qualifier is None:
            qualifier, before_prep = self._qualifier(doc, p_first, sent_start)
            p_first = before_prep  # "более чем за 100 лет"
        if p_first is None and direction is not None and q_first - 1 >= sent_start:
            if doc[q_first - 1].lower_ in ("в", "во"):
                p_first = q_first - 1  # "в ближайшие месяцы"
        return direction, qualifier, p_first, q_first

    def _from_event(
        self, doc: Doc, phrase: _Phrase, p_first: int | None, prep: str, after: Token | None
    ) -> Found:
        """ "спустя неделю", "по истечении года", "за неделю до …": counted from a date or
        an event."""
        unit, amount, end = phrase.unit, phrase.amount, phrase.end
        if prep == "за":
            return self._before(doc, p_first, end, unit, amount, phrase.has_amount)
        if after is not None and after.lower_ == "после":
            # "спустя неделю после отставки": counted from an event: no value
            return Found(p_first, end, nt.shifted(unit, None, None))
        return Found(p_first, end, None, (unit, amount if phrase.has_amount else 1.0))

    def _duration_ok(
        self,
        doc: Doc,
        phrase: _Phrase,
        after: Token | None,
        prep: str | None,
        qualifier: str | None,
        bare: bool,
    ) -> bool:
        """Whether a counted unit is a duration: a lone unit word is one unless it is an age
        ("Малышу год исполнится"); one with a number, preposition or qualifier unless it is
        an age or runs on into another phrase."""
        u, start, end, sent_start = phrase.u, phrase.start, phrase.end, phrase.sent_start
        has_amount = phrase.has_amount
        lone = None
        if not (has_amount or bare or prep or qualifier):
            lone = self._lone_unit(doc, u, end, sent_start)
        if lone is not None:
            if self._age_word_near(doc, start, end, sent_start):
                return False
            return not (lone == "accusative" and self._dative_age(doc, start, sent_start))
        if not has_amount and not bare and not self._bare_ok(doc, u, prep, qualifier):
            return False
        if self._is_age(doc, start, end, sent_start, prep, phrase.unit == "year"):
            return False
        return self._free_after(after, has_amount)

    def _counted(
        self, doc: Doc, u: int, sent_start: int
    ) -> tuple[str, float | None, int | None, int | None] | None:
        """The unit at `u` with what counts it: (unit, amount, the amount's first token, the
        direction of a window word after the number: "свыше 28 последних лет"). A duration
        word counts itself ("полгода" -> 6 months); None when `u` is no unit."""
        amount, q_start = self._amount_before(doc, u, sent_start)
        inner = None
        if q_start is None and u - 2 >= sent_start and doc[u - 2].like_num:
            inner = self._window_word(doc[u - 1])
            if inner is not None:
                amount, q_start = self._amount_before(doc, u - 1, sent_start)
        word = self.lex.unit_words.get(doc[u].lower_)
        if word is not None:
            return word[1], word[0], u, inner
        unit = self.lex.units.get(doc[u].lemma_) or _DAY_PARTS.get(doc[u].lemma_)
        return None if unit is None else (unit, amount, q_start, inner)

    def _range(self, doc: Doc, u: int, unit: str, sent_start: int) -> Found | None:
        """ "2-3 года", "в течение 30-40 дней", "на срок от 6 до 15 лет": a range of lengths
        (decision 68); not an age ("детям 2-3 лет", "от 30 до 70 лет")."""
        if u - 1 < sent_start or doc[u].lemma_ in _DAY_PARTS:
            return None
        pair = _RANGE.match(doc[u - 1].text)
        if pair is not None:
            low, high, first = float(pair.group(1)), float(pair.group(2)), u - 1
        else:
            high, q = self._amount_before(doc, u, sent_start)
            if high is None or q is None or q - 2 < sent_start or doc[q - 1].lower_ != "до":
                return None
            low, first = self._amount_before(doc, q - 1, sent_start)
            if low is None or first is None or first - 1 < sent_start:
                return None
            first -= 1
            if doc[first].lower_ != "от" or first - 1 < sent_start:
                return None
            if doc[first - 1].lemma_ not in self.lex.adjective_nouns:
                return None  # "на срок от 6 до 15 лет"; "от 30 до 70 лет" alone is an age
        value = nt.duration_range(low, high, unit)
        if value is None:
            return None
        p_first = self._preposition(doc, first, sent_start)
        if p_first is not None and "Loc" in doc[u].morph.get("Case"):
            p_first = None  # "сошлись [на] 2-3 годах": the verb's "на", not a span's
        prep = self._prep_text(doc, p_first, first)
        if pair is not None and self._is_age(doc, first, u + 1, sent_start, prep, unit == "year"):
            return None
        return Found(first if p_first is None else p_first, u + 1, value)

    def _window_adjective(self, doc: Doc, start: int, sent_start: int) -> tuple[int | None, int]:
        """ "за прошедшие полгода" (-1), "на ближайшие два года" (+1), "за первые сутки" (0):
        the direction of the window and where the adjective starts."""
        i = start - 1
        direction = self._window_word(doc[i]) if i >= sent_start else None
        return (None, start) if direction is None else (direction, i)

    def _window_word(self, token: Token) -> int | None:
        low = token.lower_
        # by stem: pymorphy3 gives "близкий" for "ближайшие", "пройти" for "прошедшие"
        for stem, direction in self.window_stems:
            if low.startswith(stem) and len(low) - len(stem) <= 3:
                return direction
        return None

    @staticmethod
    def _prep_text(doc: Doc, p_first: int | None, q_first: int) -> str | None:
        if p_first is None:
            return None
        words = [t.lower_ for t in doc[p_first:q_first]]
        skip = ("более", "менее", "чем", "больше", "ещё", "еще")
        return " ".join(w for w in words if w not in skip)

    def _before(
        self, doc: Doc, first: int, end: int, unit: str, amount: float | None, has_amount: bool
    ) -> Found:
        """ "за день до этого" counts back from the last date; "за неделю до выборов" from an
        event: the span stops before "до" and has no value."""
        pronoun = doc[end + 1] if end + 1 < len(doc) else None
        if pronoun is None or pronoun.lower_ not in self.lex.before_pronouns:
            return Found(first, end, nt.shifted(unit, None, None))
        shift = None if has_amount and amount is None else -(amount or 1.0)
        return Found(first, end + 2, None, (unit, shift))

    def _amount_before(self, doc: Doc, u: int, sent_start: int) -> tuple[float | None, int | None]:
        """The number before a unit and where it starts: (30.0, i), vague (None, i), or no
        number (None, None)."""
        i = u - 1
        if i < sent_start:
            return None, None
        token = doc[i]
        half = self._half_before(doc, u, sent_start) if token.lower_ in self.half_last else 0
        if half:  # "два с половиной года": the number before the phrase, plus a half
            value, first = self._amount_before(doc, u - half, sent_start)
            return (value + 0.5, first) if value is not None else (None, None)
        if _DIGITS.match(token.text):
            value = nn.parse_digits(token.text)
            return (value, i) if value and value < 10_000 else (None, None)
        cased = _DIGITS_CASE.match(token.lower_)
        if cased:
            return float(cased.group(1)), i
        collective = self.lex.collectives.get(token.lower_)
        if collective:  # "двое суток", "трое суток"
            return collective, i
        if token.lemma_ in self.lex.vague or token.lower_ in self.lex.vague:
            return None, i
        parts: list[tuple[str, float]] = []
        j = i
        while j >= sent_start:
            value = nn.numeral_value(doc[j].lemma_, self.numbers)
            if value is None:
                value = nn.numeral_value(doc[j].lower_, self.numbers)
            if value is None or doc[j].lower_ == "пол":
                break
            parts.insert(0, ("num", value))
            j -= 1
        if not parts:
            return None, None
        total = nn.compose_words(parts)
        return (float(total), j + 1) if total else (None, None)

    def _half_before(self, doc: Doc, u: int, sent_start: int) -> int:
        """The length of an "с половиной" phrase (amounts lexicon) right before u, or 0."""
        for words in self.numbers.half:
            first = u - len(words)
            if first > sent_start and all(
                doc[first + k].lower_ == word for k, word in enumerate(words)
            ):
                return len(words)
        return 0

    def _compound(
        self, doc: Doc, end: int, amounts: list[nt.Amount], taken: set[int]
    ) -> tuple[int, list[nt.Amount]]:
        """ "1 год 6 месяцев", "два года и три месяца": the smaller units after the first."""
        while end + 1 < len(doc):
            k = end + 1 if doc[end].lower_ == "и" else end
            if k + 1 >= len(doc) or k in taken:
                break
            unit = self.lex.units.get(doc[k + 1].lemma_)
            value, q = self._amount_before(doc, k + 1, k)
            if unit is None or q != k or value is None:
                break
            if nt.duration_timex([*amounts, nt.Amount(value, unit)]) is None:
                break
            amounts = [*amounts, nt.Amount(value, unit)]
            end = k + 2
        return end, amounts

    def _qualifier(self, doc: Doc, start: int, sent_start: int) -> tuple[str | None, int]:
        """The amounts lexicon's qualifier right before `start` ("не более", "около"), the
        longest first; looked up by its last word."""
        if start - 1 < sent_start:
            return None, start
        for words, kind in self.qualifiers.get(doc[start - 1].lower_, ()):
            first = start - len(words)
            if first < sent_start:
                continue
            if tuple(t.lower_ for t in doc[first:start]) == words:
                if words == ("до",) and first > sent_start and doc[first - 1].lower_ in ("от",):
                    return None, start
                return kind, first
        return None, start

    def _preposition(self, doc: Doc, start: int, sent_start: int) -> int | None:
        if start - 1 >= sent_start and doc[start - 1].lower_ in ("ещё", "еще"):
            start -= 1  # "спустя ещё десять дней", "на ещё один год"
        if start - 1 < sent_start:
            return None
        for words in self.prepositions.get(doc[start - 1].lower_, ()):
            first = start - len(words)
            if first >= sent_start and all(
                doc[first + k].lower_ == word for k, word in enumerate(words[:-1])
            ):
                return first
        return None

    def _bare_ok(self, doc: Doc, u: int, prep: str | None, qualifier: str | None) -> bool:
        """A unit with no number is a duration after a preposition of time ("на год",
        "в течение недели"), a qualifier ("больше недели") or in a few accusative forms."""
        low = doc[u].lower_
        if low in self.lex.unit_words:
            return True
        plural = "Plur" in doc[u].morph.get("Number") and doc[u].lemma_ != "сутки"
        if prep in self.lex.plural_prepositions:
            return True  # "в течение десятилетий", "на протяжении недели"
        if plural:
            return False
        return prep is not None or qualifier is not None or low in self.lex.bare_forms

    def _lone_unit(self, doc: Doc, u: int, end: int, sent_start: int) -> str | None:
        """A bare singular unit with no number, preposition or qualifier: a length as the
        accusative of time beside a verb ("месяц лечился", decision 86) or as the measure of a
        state after it ("месяц домашнего ареста", decision 87); else None."""
        token = doc[u]
        if end != u + 1 or token.pos_ != "NOUN" or "Plur" in token.morph.get("Number"):
            return None
        prev = doc[u - 1] if u > sent_start else None
        if prev is not None and prev.pos_ in ("ADJ", "DET", "NUM"):
            return None  # "этот год", "первый год работы", "каждый день": not a bare length
        after = doc[end] if end < len(doc) else None
        if after is not None and after.pos_ in ("NOUN", "ADJ", "DET", "PROPN"):
            # by lemma, not case: the tagger often reads "ограничения" as a plural accusative
            if _noun_after(doc, u).lemma_ in self.lex.measured_nouns:
                in_year = prev is not None and prev.lower_ in ("в", "во")
                return None if in_year else "measured"  # "в год учёбы": the year when
            if "Gen" in after.morph.get("Case"):
                return None  # "год выборов", "день рождения": a date, not a length
        if token.lemma_ not in self.lex.accusative_units or "Acc" not in token.morph.get("Case"):
            return None
        if prev is not None and prev.pos_ == "ADP":
            return None
        return "accusative" if self._verb(prev) or self._verb(after) else None

    def _verb(self, token: Token | None) -> bool:
        return (
            token is not None
            and token.pos_ == "VERB"
            and token.lemma_ not in self.lex.accusative_stop_verbs
        )

    def _age_word_near(self, doc: Doc, start: int, end: int, sent_start: int) -> bool:
        window = doc[max(sent_start, start - 4) : min(len(doc), end + 2)]
        words = self.lex.age_words
        return any(t.lemma_ in words or t.lower_ in words for t in window)

    def _is_age(
        self, doc: Doc, start: int, end: int, sent_start: int, prep: str | None, years: bool
    ) -> bool:
        """ "в возрасте 70 лет", "Ему было 67 лет", "в 13 лет", "от 12 до 15 лет": ages,
        which are not DATE (NEREL tags them AGE); "на несколько месяцев старше" too."""
        lex = self.lex
        if self._age_word_near(doc, start, end, sent_start):
            return True
        if not years:
            return False
        start = _coordinated_start(doc, start, sent_start)  # "Им было 41, 37 и 12 лет"
        before = doc[start - 1] if start > sent_start else None
        if prep is None and before is not None and before.pos_ == "PROPN" and _in_person(before):
            return True  # "Смирнова 47 лет"
        if prep is None and before is not None and before.pos_ == "NOUN":
            if "Anim" in before.morph.get("Animacy") and "Nom" in before.morph.get("Case"):
                return True  # "мальчик 9 лет"; not "просил для водителя 6 лет колонии"
        if before is not None and before.text == "(" and end < len(doc) and doc[end].text == ")":
            return True  # "родился в 1967 году (51 год)"
        i = start - 1
        if prep is None and i >= sent_start and doc[i].lower_ in lex.age_prepositions:
            # "в 13 лет" is an age, "на срок в пять лет" a term
            return not (i - 1 >= sent_start and doc[i - 1].lemma_ in lex.adjective_nouns)
        if i >= sent_start and doc[i].lower_ == "до" and i - 2 >= sent_start:
            if doc[i - 2].lower_ == "от":
                return True  # "от 30 до 70 лет"
        if prep is not None:
            return False
        return self._apposed_age(doc, start, end, sent_start) or self._dative_age(
            doc, start, sent_start
        )

    def _apposed_age(self, doc: Doc, start: int, end: int, sent_start: int) -> bool:
        """ "Иван Орлов, 58 лет, уволен", "в свои 33 года": an age beside a person."""
        i = start - 1
        if i - 1 >= sent_start and doc[i].lemma_ == "свой" and doc[i - 1].lower_ in ("в", "во"):
            return True
        if i - 1 < sent_start or doc[i].text not in (",", "—", "–") or end >= len(doc):
            return False
        if doc[end].text not in (",", ".", "(", ";", ")"):
            return False
        person = doc[i - 1]
        if person.pos_ == "PROPN" or person.text == ")":
            return True
        return person.pos_ == "NOUN" and "Anim" in person.morph.get("Animacy")

    def _dative_age(self, doc: Doc, start: int, sent_start: int) -> bool:
        """ "Ему было 67 лет", "которому тогда был 81 год", "Анне Сомовой сейчас 44 года": a
        person in the dative earlier in the clause, with no verb but "быть" between; not
        "Петрову грозит до пяти лет", "согласно ему 3 годам"."""
        for j in range(start - 1, max(sent_start, start - 8) - 1, -1):
            token = doc[j]
            if token.is_punct or token.like_num:
                return False
            if token.pos_ in ("VERB", "AUX") and token.lemma_ not in self.lex.age_verbs:
                return False
            case = token.morph.get("Case")
            if "Anim" in token.morph.get("Animacy") and self._impersonal_between(doc, j, start):
                return True  # "Тогда Дюпону было 62 года": a foreign name the tagger misreads
            if token.pos_ in ("PROPN", "PRON", "NOUN") and "Dat" in case:
                if token.pos_ == "NOUN" and "Anim" not in token.morph.get("Animacy"):
                    continue  # "на момент победы", "по данным"
                governed = j > sent_start and doc[j - 1].pos_ == "ADP"
                return not governed
        return False

    def _impersonal_between(self, doc: Doc, first: int, end: int) -> bool:
        """ "было", "будет", "исполнилось": the impersonal verb of an age, never "была"."""
        forms = self.lex.age_impersonal_forms
        return any(doc[k].lower_ in forms for k in range(first + 1, end))

    @staticmethod
    def _free_after(after: Token | None, has_amount: bool) -> bool:
        """ "день выборов", "год 100-летия": a unit heading a genitive is a date, not a span
        of time; "лет" right after a number is a duration whatever follows."""
        if after is None or after.is_punct or has_amount:
            return True
        if after.like_num:
            return False
        return not (after.pos_ in ("NOUN", "PROPN") and "Gen" in after.morph.get("Case"))

    def _every(
        self,
        doc: Doc,
        u: int,
        unit: str,
        amount: float | None,
        start: int,
        has_amount: bool,
        sent_start: int,
    ) -> Found | None:
        before = doc[start - 1] if start > sent_start else None
        if before is not None and before.lemma_ in self.lex.every:
            value = nt.recurrence(nt.Amount(amount if has_amount else 1.0, unit))
            return Found(start - 1, u + 1, value) if value else None
        if before is None or before.lower_ != "в":
            return None
        times = doc[start - 2] if start - 2 >= sent_start else None
        if has_amount:  # "раз в 2 года": every two years; else "в 2 года" is an age
            if times is None or times.lemma_ not in self.lex.times or amount is None:
                return None
            value = nt.recurrence(nt.Amount(amount, unit))
            return Found(start - 2, u + 1, value) if value else None
        if doc[u].morph.get("Number") == ["Plur"] and doc[u].lemma_ != "сутки":
            return None
        after = doc[u + 1] if u + 1 < len(doc) else None
        if not self._free_after(after, False):
            return None
        value = nt.recurrence(nt.Amount(1.0, unit))
        if times is not None and times.lemma_ in self.lex.times:
            first = start - 2
            if first - 1 >= sent_start and (
                doc[first - 1].like_num or nn.numeral_value(doc[first - 1].lemma_, self.numbers)
            ):
                first -= 1
            return Found(first, u + 1, value)
        if _amount_nearby(doc, start - 1, sent_start, self.numbers):
            return Found(start - 1, u + 1, value)  # "120 тысяч тонн зерна в год"
        return None

    def _anaphor_phrase(
        self, doc: Doc, u: int, unit: str, q_start: int | None, sent_start: int
    ) -> Found | None:
        """ "на следующий день", "в тот же день", "в том же году", "С того дня"."""
        if q_start is not None:
            return None
        j = u - 1
        same = j >= sent_start and doc[j].lower_ in self.lex.same
        if same:
            j -= 1
        if j < sent_start or doc[j].lemma_ not in self.lex.modifiers:
            return None
        modifier, lemma = doc[j], doc[j].lemma_
        allowed = self.lex.units_with_same if same else self.lex.anaphor_units
        if doc[u].lemma_ not in allowed:
            return None
        if lemma in self.lex.need_same and not same and doc[u].lemma_ not in self.lex.anaphor_units:
            return None  # "в этом году" is the article's year; "в этот день" is anaphoric
        start = j - 1 if j - 1 >= sent_start and doc[j - 1].pos_ == "ADP" else j
        if start == j and modifier.lemma_ == "тот":
            return None  # "тот день" without a preposition is rarely a date
        anchor_unit = "day" if doc[u].lemma_ in _DAY_PARTS or unit == "day" else unit
        return Found(start, u + 1, None, (anchor_unit, float(self.lex.modifiers[lemma])))


def _coordinated_start(doc: Doc, start: int, sent_start: int) -> int:
    """Where a list of numbers ending at `start` begins: "41, 37 и 12 лет" → the 41."""
    first = start
    while (
        first - 2 >= sent_start
        and doc[first - 1].lower_ in (",", "и")
        and (doc[first - 2].like_num)
    ):
        first -= 2
    return first


def _noun_after(doc: Doc, i: int) -> Token:
    """The word an adjective at i qualifies: the next one, past up to two more adjectives."""
    j = i + 1
    while j < min(len(doc) - 1, i + 3) and doc[j].pos_ == "ADJ":
        j += 1
    return doc[j]


def _in_person(token: Token) -> bool:
    doc = token.doc
    return "PER" in doc.spans and any(s.start <= token.i < s.end for s in doc.spans["PER"])


def _inside_participle(doc: Doc, i: int) -> bool:
    """ "прошедшего накануне общего собрания": a participle before the word agrees in
    case with the noun phrase after it, so the word is its adverb, not a preposition."""
    if i == 0 or i + 1 >= len(doc):
        return False
    before, after = doc[i - 1], doc[i + 1]
    if "Part" not in before.morph.get("VerbForm"):
        return False
    return bool(before.morph.get("Case")) and before.morph.get("Case") == after.morph.get("Case")


def _genitive_head(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN", "ADJ", "DET") and "Gen" in token.morph.get("Case")


def _amount_nearby(doc: Doc, end: int, sent_start: int, numbers: nn.AmountLexicon) -> bool:
    for t in doc[max(sent_start, end - 6) : end]:
        if t.like_num or nn.multiplier_value(t.lemma_, numbers) is not None:
            return True
    return False


def resolve_anaphora(doc: Doc, spans: list[Span], pending: list[tuple[Found, Span]]) -> None:
    """Fill the value of each anaphoric mention from the nearest earlier calendar date, in
    text order (a resolved one anchors the next); else the article date; else none. One walk
    over the spans in order: linear."""
    article: date | None = doc._.article_date
    waiting = {(span.start, span.end): found for found, span in pending}
    # The nearest earlier calendar date; an unresolved one ("15 декабря" with no article date)
    # leaves the next anaphor unresolved too rather than reaching past it.
    last: nt.Anchor | None = None
    seen = False
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        found = waiting.get((span.start, span.end))
        if found is not None:
            anchor = last
            if not seen and article is not None:
                anchor = nt.Anchor(article, article, "day", "article")
            unit, shift = found.shift
            span._.value = nt.shifted(unit, shift, anchor)
        value = span._.value
        if value is not None and value.timex_type == "DATE":
            last, seen = nt.anchor_from(value), True
