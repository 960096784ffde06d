"""Which dates of a sentence date no amount, and which amounts of a sentence depend on another
one (guideline 160-163): the conversion basis of a sum ("по курсу 2021 года"), the base of a
comparison ("по сравнению с 2020 годом"), an amount compared with, restated after or broken
down from the clause's own ("X против Y в 2019 году", "X (в 2020 году — Y)", "X — Y в 2018
году и Z в 2019 году"): such an amount takes only the dates of its own phrase, and those
dates are not the clause's.

Positions, not the parse: the parser hangs a date after a compared amount on the verb as
often as on the amount. Every test looks a few tokens around a mention; nothing scans the
document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from pipeline.stages.relations.lexicon import Lexicon
from pipeline.stages.relations.records import span_key
from pipeline.stages.relations.words import DASHES, gap_dash, gap_join_before

# Tokens searched for the brackets around a mention, each side: room for a restated sum with
# its rate and date ("(около 300 млн долларов по курсу ЦБ на 1 января 2021 года)").
BRACKET_REACH = 24
# Tokens from an amount's phrase to the dash that opens its breakdown: "X из бюджета
# города Москвы —".
BREAKDOWN_REACH = 6


@dataclass
class DateScope:
    """A sentence's dates that may date a money amount (`dates`: no term, conversion basis
    or comparison base; `bases`: comparison bases, which date only a change "с X до Y"), and
    for each amount that depends on another its own dates (`own`, keyed by span key), which
    date no other amount."""

    dates: list[Span]
    bases: list[Span]  # the bases of comparisons: "по сравнению с 2020 годом"
    own: dict[tuple, list[Span]] = field(default_factory=dict)
    _owners: dict[tuple, set[tuple]] | None = field(default=None, repr=False)

    def claimed(self, date: Span, key: tuple) -> bool:
        """The date is the own date of an amount other than the one keyed `key`: "Y в 2018
        году и Z в 2019 году" — Z's date is not Y's, though the parser may hang it on Y."""
        if not self.own:
            return False
        if self._owners is None:  # read once `own` is complete (DateScope is built whole)
            self._owners = {}
            for owner, dates in self.own.items():
                for d in dates:
                    self._owners.setdefault(span_key(d), set()).add(owner)
        return bool(self._owners.get(span_key(date), set()) - {key})


def _word_before(doc: Doc, i: int) -> int | None:
    i -= 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i if i >= 0 else None


def basis_date(date: Span, lex: Lexicon) -> bool:
    """A date right after a basis noun in an adverbial ("по курсу 2021 года", "в ценах 2020
    года", "по курсу на 1 января"): what the sum is converted or valued at (decision 160)."""
    doc = date.doc
    i = _word_before(doc, date.start)
    if i is None or doc[i].norm_ not in lex.basis_nouns:
        return False
    if doc[date.start].pos_ == "ADP" and doc[date.start].norm_ != "на":
        return False  # "цены в 2020 году выросли": the time of the prices, a date
    j = _word_before(doc, i)
    while j is not None and doc[j].pos_ == "ADJ":  # "по среднему курсу"
        j = _word_before(doc, j)
    return j is not None and doc[j].norm_ in lex.basis_prepositions


def from_to(amount: Span, lex: Lexicon) -> bool:
    """An amount that spans a change from the base value to the new one ("выросла с X до
    Y"): the base of a comparison dates its first value (decision 161)."""
    return amount[0].norm_ in lex.change_from and any(t.norm_ in lex.change_to for t in amount[1:])


def compared_at(doc: Doc, start: int, lex: Lexicon) -> bool:
    """A mention starting at `start` put against the clause's own by a comparison word:
    "против Y", "по сравнению с Y" / "в сравнении с Y" (the "с" may open a DATE span:
    "по сравнению [с 2020 годом]") (decision 161)."""
    i = start if doc[start].pos_ == "ADP" else _word_before(doc, start)
    if i is None:
        return False
    word = doc[i].norm_
    if word in lex.comparison_words:
        return True  # "против"
    if word not in lex.comparison_prepositions:
        return False
    j = _word_before(doc, i)
    return j is not None and doc[j].norm_ in lex.comparison_words


def brackets(doc: Doc, span: Span, first: int, last: int) -> tuple[int, int] | None:
    """The round brackets around `span` within tokens [first, last) (its sentence), as the
    indices of "(" and ")", or None."""
    opening = None
    for i in range(span.start - 1, max(first, span.start - BRACKET_REACH) - 1, -1):
        if doc[i].text == ")":
            return None
        if doc[i].text == "(":
            opening = i
            break
    if opening is None:
        return None
    for i in range(span.end, min(last, span.end + BRACKET_REACH)):
        if doc[i].text == "(":
            return None
        if doc[i].text == ")":
            return opening, i
    return None


def breakdown_start(doc: Doc, amount: Span, earlier: list[Span], dates: list[Span]) -> bool:
    """An amount right after a dash that closes another amount's phrase, the first of a
    breakdown ("X из бюджета города — Y в 2018 году и Z в 2019 году", decision 162): between
    the earlier amount and the dash only words of its phrase (no verb, comma, conjunction or
    date, which would make the dash a gapped clause: "X, а в 2021 году — Y")."""
    dash = _word_before(doc, amount.start)
    if dash is None or doc[dash].text not in DASHES:
        return False
    for other in earlier:
        if other.end > dash or dash - other.end > BREAKDOWN_REACH:
            continue
        gap = doc[other.end : dash]
        if any(t.is_punct or t.pos_ in ("VERB", "AUX", "CCONJ") for t in gap):
            continue
        if any(other.end <= d.start < dash for d in dates):
            continue
        return True
    return False


def gapped_dates(doc: Doc, amount: Span, dates: list[Span], lex: Lexicon) -> list[Span]:
    """The dates of a clause whose verb is left out, right after a dash before the amount:
    "X, а в 2021 году — Y", "вырастет до X, а с 1 октября — до Y" (decision 162). They date
    the amount after the dash, not the clause's first amount."""
    dash = gap_dash(doc, amount.start)
    join = gap_join_before(doc, dash, lex) if dash is not None else None
    if join is None:
        return []
    return [d for d in dates if join < d.start and d.end <= dash]


def next_in_list(
    doc: Doc, amount: Span, previous: Span, trailing: list[Span], lex: Lexicon
) -> bool:
    """An amount joined by "и" or a comma right after the previous amount's phrase, with the
    date right after that amount in between ("Y в 2018 году и Z в 2019 году")."""
    join = _word_before(doc, amount.start)
    if join is None or doc[join].norm_ not in lex.list_joins:
        return False
    end = max([previous.end, *(d.end for d in trailing)])
    return _word_before(doc, join) == end - 1


def bracket_after_amount(doc: Doc, bracket: tuple[int, int] | None, amounts: list[Span]) -> bool:
    """Brackets opened right after another amount: "X (около Y …)", "X (в 2020 году — Y)",
    "X (годом ранее — Y)" restate or compare X (decisions 139, 161)."""
    if bracket is None:
        return False
    before = _word_before(doc, bracket[0])
    return before is not None and any(a.end - 1 == before for a in amounts)


def trailing_dates(amount: Span, dates: list[Span]) -> list[Span]:
    """The dates right after an amount: "Y в 2019 году", "Y годом ранее"."""
    found: list[Span] = []
    end = amount.end
    for date in sorted(dates, key=lambda d: d.start):
        if date.start == end:
            found.append(date)
            end = date.end
    return found
