"""Stage AMOUNT — money, counts and percentages: "свыше 3,7 млрд долларов", "более 40 документов",
"почти 10 процентов", "от 800 тыс. до 1 млн рублей".

A spaCy Matcher compiled once from configs/lexicons/amounts.toml marks the vocabulary
(qualifiers, numeral words, multipliers, currencies, percent words); a small left-to-right
grammar over those marks and the digit tokens assembles each amount:

    [qualifier [на|в]] [от|с] QUANTITY [unit] [(до|–) QUANTITY] unit
    QUANTITY = [currency symbol] (digits | digit groups | numeral words | несколько) multipliers

and pipeline.normalize.numbers turns it into an AmountValue. Only sentences holding a digit, a
numeral word or a multiplier are matched at all.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from pipeline import extensions, models
from pipeline.config import PROJECT_ROOT
from pipeline.normalize import numbers as nb
from pipeline.schema import AmountValue
from pipeline.stages.morphology import fold
from pipeline.stages.rules.base import add_spans, make_span

LABEL = "AMOUNT"
DEFAULT_LEXICON = PROJECT_ROOT / "configs" / "lexicons" / "amounts.toml"

# Classes of matcher marks, each with its payload.
QUAL = "QUAL"  # qualifier phrase → code ("более" → "gt")
NUMW = "NUMW"  # numeral word → value
MULT = "MULT"  # multiplier → value
VAGUE = "VAGUE"  # "несколько"
HALF = "HALF"  # "с половиной"
CUR = "CUR"  # currency word or abbreviation, after the number → Currency
SYM = "SYM"  # currency symbol, before or after the number → Currency
PCT = "PCT"  # percent sign or word → unit ("%", "pp", "bp")
_PARTICIPLE = "VerbForm=Part"
_GLUE = set("%/=&_#@:")  # and letters or digits: "%D0%BE" of a URL, "17:00" of a time


@dataclass
class Quantity:
    """A number as written, before its unit: tokens [start, end)."""

    start: int
    end: int
    value: Decimal | None  # None: vague ("несколько", "миллиарды")
    multipliers: list[float] = field(default_factory=list)
    high: Decimal | None = None  # the right end of a one-token range "50-70"
    digits: bool = False
    largest_multiplier: float = 0.0  # inner ones too: "двадцать пять тысяч триста"
    prefix: nb.Currency | None = None  # "$" of "$5 млн"
    compound: str | None = None  # unit of "70-процентное", "100-долларовой"


@dataclass
class Unit:
    kind: str  # money | percent | count
    unit: str | None
    end: int
    factor: float = 1.0


@dataclass
class Found:
    start: int
    end: int
    value: AmountValue | None  # None: a bare "12 миллиардов" waiting for a currency
    bare: Quantity | None = None
    qualifier: str = "eq"
    priced: bool = False  # a bare number after a money word: money with or without a currency


class AmountRules:
    def __init__(self, nlp: Language, name: str, lexicon: str) -> None:
        self.name = name
        extensions.register()
        self.lex = nb.load_amount_lexicon(lexicon)
        # Two hash-based matchers: by lowercase form (abbreviations, symbols, invariable words)
        # and by lemma (inflected words: "двух миллиардов", "норвежских крон").
        self.by_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.by_lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.payloads: dict[int, tuple[str, object]] = {}
        self._compile(nlp)
        self.triggers = (
            set(self.lex.numerals) | set(self.lex.multipliers) | set(self.lex.vague)
        ) - {"пол"}

    # --- compiling ------------------------------------------------------------------------

    def _compile(self, nlp: Language) -> None:
        lex = self.lex
        entries: list[tuple[str, tuple[str, ...], object]] = []
        entries += [(QUAL, words, code) for words, code in lex.qualifiers.items()]
        entries += [(NUMW, (w,), v) for w, v in lex.numerals.items()]
        entries += [(MULT, (w,), v) for w, v in lex.multipliers.items()]
        entries += [(VAGUE, (w,), None) for w in lex.vague]
        entries += [(HALF, words, 0.5) for words in lex.half]
        entries += [(CUR, words, c) for words, c in lex.currency_words.items()]
        entries += [(SYM, words, c) for words, c in lex.currency_symbols.items()]
        entries += [(PCT, words, unit) for words, unit in lex.percent.items()]
        for number, (cls, words, payload) in enumerate(entries):
            key = f"amount:{cls}:{number}"
            self.payloads[nlp.vocab.strings.add(key)] = (cls, payload)
            self.by_lower.add(key, [Doc(nlp.vocab, words=list(words))])
            if cls != QUAL:  # qualifiers do not inflect; by lemma "больше" would be "большой"
                lemmas = [_lemma_of_entry(w) for w in words]
                self.by_lemma.add(key, [Doc(nlp.vocab, words=list(words), lemmas=lemmas)])

    # --- running --------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        carried: str | None = None  # currency of the previous sentence's last money amount
        for chunk in self._chunks(doc):
            if not self._is_candidate(chunk):
                carried = None
                continue
            found, carried = _resolve_bare(self._parse(doc, chunk), carried)
            spans += [make_span(doc, f.start, f.end, LABEL, self.name, f.value) for f in found]
        add_spans(doc, LABEL, spans)
        return doc

    def _chunks(self, doc: Doc) -> list[Span]:
        """Sentences, rejoined where razdel split after an abbreviation's dot
        ("3 700 долл. | США.", "5 тыс. руб. | В 2016 году"), so a unit is never cut."""
        chunks: list[Span] = []
        glue = False
        for sent in doc.sents:
            if glue and chunks:
                chunks[-1] = doc[chunks[-1].start : sent.end]
            else:
                chunks.append(sent)
            glue = self._ends_in_abbreviation(sent)
        return chunks

    def _ends_in_abbreviation(self, sent: Span) -> bool:
        words = [t for t in sent if not t.is_space]
        return (
            len(words) > 1
            and words[-1].text == "."
            and words[-2].lower_ in self.lex.abbreviations
            and not words[-2].whitespace_
        )

    def _is_candidate(self, sent: Span) -> bool:
        triggers = self.triggers
        for token in sent:
            text = token.text
            if any(c.isdigit() for c in text) or token.lower_ in triggers:
                return True
            if token.lemma_ in triggers:
                return True
        return False

    def _marks(self, sent: Span) -> dict[str, dict[int, tuple[int, object]]]:
        """Longest mark of each class at each token (doc indices)."""
        marks: dict[str, dict[int, tuple[int, object]]] = {}
        for match_id, start, end in itertools.chain(self.by_lower(sent), self.by_lemma(sent)):
            cls, payload = self.payloads[match_id]
            by_start = marks.setdefault(cls, {})
            if start not in by_start or by_start[start][0] < end:
                by_start[start] = (end, payload)
        return marks

    def _parse(self, doc: Doc, sent: Span) -> list[Found]:
        marks = self._marks(sent)
        parser = _Parser(doc, sent.start, sent.end, marks, self.lex)
        found: list[Found] = []
        cursor = sent.start
        for i in self._anchors(sent, marks):
            if i < cursor:
                continue  # inside the amount just found
            item = parser.amount_at(i)
            if item is not None:
                found.append(item)
                cursor = item.end
        return found

    def _anchors(self, sent: Span, marks: dict) -> list[int]:
        """Tokens an amount can start at: a qualifier, "от"/"с", a symbol or a number."""
        starts = {i for cls in (QUAL, NUMW, MULT, VAGUE, SYM) for i in marks.get(cls, {})}
        for token in sent:
            if token.text[:1].isdigit() or token.lower_ in self.lex.range_open:
                starts.add(token.i)
        return sorted(starts)


def _lemma_of_entry(word: str) -> str:
    """The lemma a text token of this lexicon word gets: the word itself when it is a
    dictionary form ("десяток" stays, though pymorphy's first guess is "десятка"), else
    pymorphy's ("норвежская" → "норвежский", "стерлингов" → "стерлинг")."""
    parses = models.parses(word)
    if not parses or any(p.normal_form == word for p in parses):
        return word
    return parses[0].normal_form


def _resolve_bare(found: list[Found], carried: str | None) -> tuple[list[Found], str | None]:
    """A bare "12 миллиардов" after "17 миллиардов рублей" is money in that currency (the writer
    left it out), when the money came earlier in the sentence or in the sentence before; else it
    is dropped. Returns the amounts and the currency to carry into the next sentence."""
    result, last = [], carried
    for item in found:
        if item.value is not None:
            result.append(item)
            if item.value.kind == "money" and item.value.unit:
                last = item.value.unit
            continue
        if last is None and not item.priced:
            continue
        value = nb.scale(item.bare.value, item.bare.multipliers)
        item.value = AmountValue("money", value, None, last, item.qualifier)
        result.append(item)
    money = [f for f in found if f.value is not None and f.value.kind == "money"]
    return result, (money[-1].value.unit if money else None)


class _Parser:
    """The grammar over one sentence's tokens and marks."""

    def __init__(self, doc: Doc, start: int, end: int, marks: dict, lex: nb.AmountLexicon):
        self.doc, self.start, self.end, self.marks, self.lex = doc, start, end, marks, lex

    # --- helpers --------------------------------------------------------------------------

    def mark(self, cls: str, i: int) -> tuple[int, object] | None:
        return self.marks.get(cls, {}).get(i) if i < self.end else None

    def skip_space(self, i: int) -> int:
        """Past spaces other than line breaks: "12,8\u00a0млн" is one amount, a paragraph not."""
        doc = self.doc
        while i < self.end and doc[i].is_space and "\n" not in doc[i].text:
            i += 1
        return i

    def token(self, i: int) -> Token | None:
        return self.doc[i] if i < self.end else None

    def take_dot(self, i: int) -> int:
        """Past the dot of an abbreviation ("тыс.", "руб."), unless it also ends the sentence
        ("5 тыс. руб. В 2016 году")."""
        doc = self.doc
        if i >= self.end or doc[i].text != "." or i == self.start:
            return i
        before = doc[i - 1]
        if before.whitespace_ or before.lower_ not in self.lex.abbreviations:
            return i
        after = self.skip_space(i + 1)
        if after >= self.end or doc[after].is_space or doc[after].is_sent_start:
            return i
        return i + 1

    # --- amounts --------------------------------------------------------------------------

    def amount_at(self, i: int) -> Found | None:
        found = self.assemble(i)
        if found is None or self.glued(found.start, found.end):
            return None
        return found

    def glued(self, start: int, end: int) -> bool:
        """Inside a longer string with no spaces: a URL's "%D0%BE", a code "A1%B", not text."""
        doc = self.doc
        before = doc[start - 1] if start > self.start else None
        if before is not None and not before.whitespace_:
            last = before.text[-1:]
            if last in _GLUE or last.isalnum():
                return True
        after = doc[end] if end < self.end else None
        return after is not None and not doc[end - 1].whitespace_ and after.text[:1].isalnum()

    def assemble(self, i: int) -> Found | None:
        start = i
        qualifier, j = self.qualifier(i)
        if qualifier is not None:
            j = self.skip_space(j)
            if self.linking(j):
                j = self.skip_space(j + 1)
        opener = j if self.word(j) in self.lex.range_open else None
        if opener is not None:
            j = self.skip_space(j + 1)
        left = self.quantity(j)
        if left is None:
            return None
        if opener is not None:
            ranged = self.range_close(left)
            if ranged is None:
                if qualifier is None:
                    start = left.start  # "с 10 компаниями": the preposition is not a range
                return self.single(start, qualifier, left)
            return self.ranged(start, left, *ranged)
        dashed = self.range_dash(left)
        if dashed is not None:
            return self.ranged(start, left, None, dashed)
        if qualifier == "le":
            start, qualifier = self.change_target(start, left, qualifier)
        return self.single(start, qualifier, left)

    def qualifier(self, i: int) -> tuple[str | None, int]:
        mark = self.mark(QUAL, i)
        if mark is None:
            return None, i
        return str(mark[1]), mark[0]

    def linking(self, j: int) -> bool:
        if self.word(j) not in self.lex.linking:
            return False
        return self.quantity(self.skip_space(j + 1)) is not None

    def word(self, i: int) -> str | None:
        return self.doc[i].lower_ if i < self.end else None

    def change_target(self, start: int, left: Quantity, qualifier: str) -> tuple[int, str]:
        """ "выросла до 668 млн", "вырос на 50 копеек, до 92,5 рубля": the value reached, so eq
        and "до" stays outside. Looks back over the clause, a comma right before "до" included."""
        doc = self.doc
        for k in range(start - 1, max(self.start, start - 9) - 1, -1):
            token = doc[k]
            comma_before_do = token.text == "," and k == start - 1
            if token.is_punct and token.text not in self.lex.dashes and not comma_before_do:
                break
            if token.lemma_ in self.lex.change_verbs:
                return left.start, "eq"
        return start, qualifier

    def verb_qualifier(self, start: int) -> str | None:
        """ "превысил 300 млн долларов": gt, with the verb outside the span."""
        k = start - 1
        while k >= self.start and self.doc[k].is_space:
            k -= 1
        if k < self.start:
            return None
        return self.lex.qualifier_verbs.get(self.doc[k].lemma_)

    # --- ranges ---------------------------------------------------------------------------

    def range_close(self, left: Quantity) -> tuple[Unit | None, Quantity] | None:
        """ "от 800 тыс. [руб.] до 1 млн рублей": the right end, and the left end's own unit."""
        k = self.skip_space(left.end)
        left_unit = self.money_or_percent(k)
        if left_unit is not None:
            k = self.skip_space(left_unit.end)
        if self.word(k) not in self.lex.range_close:
            return None
        right = self.quantity(self.skip_space(k + 1))
        return (left_unit, right) if right is not None else None

    def range_dash(self, left: Quantity) -> Quantity | None:
        """ "800 тыс. – 1 млн рублей", "$0,91 — $1,02 млн"."""
        if left.high is not None or left.compound:
            return None
        k = self.skip_space(left.end)
        token = self.token(k)
        if token is None or token.text not in self.lex.dashes:
            return None
        return self.quantity(self.skip_space(k + 1))

    def ranged(
        self, start: int, left: Quantity, left_unit: Unit | None, right: Quantity
    ) -> Found | None:
        if left.high is not None or right.high is not None:
            return None
        unit = self.unit_after(right)
        prefix = left.prefix or right.prefix
        if unit is None and prefix is None:
            unit = left_unit
        if unit is not None and left_unit is not None and left_unit.unit != unit.unit:
            return None  # "20 долларов – 1500 рублей" are two amounts
        kind, unit_name, factor, end = self.resolve_unit(right, unit, prefix)
        if kind is None or (kind == "count" and not self.countable(left, True)):
            return None
        low, high = nb.range_bounds(left.value, left.multipliers, right.value, right.multipliers)
        low, high = _times(low, factor), _times(high, factor)
        return Found(start, end, AmountValue(kind, low, high, unit_name, "range"))

    # --- single amounts -------------------------------------------------------------------

    def single(self, start: int, qualifier: str | None, q: Quantity) -> Found | None:
        qualifier = qualifier or self.verb_qualifier(start)
        if q.compound:
            kind = "percent" if q.compound == "%" else "money"
            value = AmountValue(kind, nb.scale(q.value, []), None, q.compound, qualifier or "eq")
            return Found(start, q.end, value)
        unit = self.unit_after(q)
        kind, unit_name, factor, end = self.resolve_unit(q, unit, q.prefix)
        if q.high is not None:
            qualifier = "range"
        if kind is None:
            return self.bare(start, qualifier, q)
        if kind == "count" and not self.countable(q, qualifier is not None):
            return None
        value = _times(nb.scale(q.value, q.multipliers), factor)
        high = _times(nb.scale(q.high, q.multipliers), factor) if q.high is not None else None
        return Found(start, end, AmountValue(kind, value, high, unit_name, qualifier or "eq"))

    def bare(self, start: int, qualifier: str | None, q: Quantity) -> Found | None:
        """A number with a big multiplier and no unit: money if the sentence named a currency
        before it (decided in _resolve_bare), else nothing."""
        if q.value is None or q.high is not None or not q.multipliers:
            return None  # "несколько миллионов" with no currency has neither value nor unit
        if max(q.multipliers) < self.lex.min_count_multiplier:
            return None
        return Found(start, q.end, None, q, qualifier or "eq", self.after_money_word(start))

    def after_money_word(self, start: int) -> bool:
        """The word before the amount (past "в", "за", "на") is a money word: "стоимостью
        несколько миллионов", "прибыль в 6 миллиардов" (decision 183)."""
        i = start - 1
        if i >= self.start and self.doc[i].lower_ in ("в", "за", "на"):
            i -= 1
        return i >= self.start and fold(self.doc[i].lemma_) in self.lex.money_words

    def countable(self, q: Quantity, qualified: bool) -> bool:
        """Digits always count; numeral words only with a qualifier or a big multiplier, since
        "две страны" names a known set rather than counting it."""
        if q.value is None:
            return False
        return q.digits or qualified or q.largest_multiplier >= self.lex.min_count_multiplier

    def resolve_unit(
        self, q: Quantity, unit: Unit | None, prefix: nb.Currency | None
    ) -> tuple[str | None, str | None, float, int]:
        """(kind, unit, factor, end) of an amount: a leading symbol makes it money whatever
        follows ("$5 млн инвестиций" ends at "млн")."""
        if prefix is not None:
            if unit is not None and unit.kind == "money":
                return "money", prefix.iso or unit.unit, 1.0, unit.end
            return "money", prefix.iso, prefix.factor, q.end
        if unit is None:
            return None, None, 1.0, q.end
        return unit.kind, unit.unit, unit.factor, unit.end

    # --- units ----------------------------------------------------------------------------

    def unit_after(self, q: Quantity) -> Unit | None:
        k = self.skip_space(q.end)
        unit = self.money_or_percent(k)
        if unit is not None or q.prefix is not None:
            return unit
        return self.counted_noun(k, q)

    def money_or_percent(self, k: int) -> Unit | None:
        for cls in (CUR, SYM):
            mark = self.mark(cls, k)
            if mark is not None:
                currency = mark[1]
                return Unit("money", currency.iso, self.take_dot(mark[0]), currency.factor)
        mark = self.mark(PCT, k)
        if mark is not None:
            return Unit("percent", str(mark[1]), self.take_dot(mark[0]))
        return None

    def counted_noun(self, k: int, q: Quantity) -> Unit | None:
        """The head noun after the number, adjectives between included ("40 крупных
        компаний"); not time units, months, ranks, references or years."""
        if self.is_reference(q.start):
            return None
        for _ in range(self.lex.max_modifiers + 1):
            token = self.token(k)
            if token is None:
                return None
            if token.pos_ == "NOUN":
                return self.noun_unit(token, q)
            if not _is_modifier(token):
                return None
            k = self.skip_space(k + 1)
        return None

    def noun_unit(self, noun: Token, q: Quantity) -> Unit | None:
        lemma = noun.lemma_
        if lemma in self.lex.stop_nouns or noun.lower_ in self.lex.stop_nouns:
            return None
        if any(self.mark(cls, noun.i) for cls in (MULT, NUMW, CUR, SYM, PCT, QUAL)):
            return None
        number, case = _feat(noun, "Number"), _feat(noun, "Case")
        if q.value is not None and not q.multipliers:
            if not nb.noun_agrees(q.value, number, case):
                return None
            if self.is_year(q) and number != "Plur":
                return None  # "в 2004 России": a year before a name, not 2004 of something
        return Unit("count", lemma, noun.i + 1)

    def is_reference(self, start: int) -> bool:
        """ "статья 228", "№ 5", "дом 3": a number naming something, not counting it."""
        k = start - 1
        while k >= self.start and self.doc[k].is_space:
            k -= 1
        if k < self.start:
            return False
        token = self.doc[k]
        if token.text == "." and k > self.start:
            token = self.doc[k - 1]
        words = self.lex.reference_words
        return token.lower_ in words or token.lemma_ in words

    def is_year(self, q: Quantity) -> bool:
        return q.end - q.start == 1 and nb.is_year(self.doc[q.start].text, self.lex)

    # --- quantities -----------------------------------------------------------------------

    def quantity(self, j: int) -> Quantity | None:
        if j >= self.end:
            return None
        start, prefix = j, None
        symbol = self.mark(SYM, j)
        if symbol is not None:
            prefix = symbol[1]
            j = self.skip_space(symbol[0])
            if j >= self.end:
                return None
        if self.doc[j].text[:1].isdigit():
            q = self.digits(j, prefix is not None)
        else:
            q = self.words(j)
        if q is not None and prefix is not None:
            q.start, q.prefix = start, prefix
        return q

    def digits(self, j: int, after_symbol: bool) -> Quantity | None:
        text = self.doc[j].text
        compound = nb.split_compound(text, self.lex)
        if compound is not None:
            return Quantity(j, j + 1, compound[0], digits=True, compound=compound[1])
        pair = nb.split_range(text)
        if pair is not None:
            q = Quantity(j, j + 1, pair[0], high=pair[1], digits=True)
        else:
            q = self.digit_groups(j, after_symbol)
            if q is None:
                return None
        self.multipliers(q)
        return q

    def digit_groups(self, j: int, after_symbol: bool) -> Quantity | None:
        """ "3 700 000" (spaces), "3\u00a0700" (a whitespace token between), or one number."""
        first = self.doc[j].text
        if not nb.is_number(first):
            return None
        groups, end = [first], j + 1
        if nb.is_lead_group(first):
            # A group with a decimal part ends the number: "3 700,5".
            while groups[-1].rstrip(",").isdigit():
                nxt = self.group_after(end)
                if nxt is None:
                    break
                groups.append(self.doc[nxt].text)
                end = nxt + 1
        if len(groups) > 1:
            value = nb.join_groups(groups)
        else:
            value = nb.to_decimal(first, thousands_comma=after_symbol)
        if value is None:
            return None
        return Quantity(j, end, value, digits=True)

    def group_after(self, end: int) -> int | None:
        doc = self.doc
        before = doc[end - 1]
        if before.whitespace_:
            candidate = end
        elif end < self.end and _is_inline_space(doc[end]):
            candidate = end + 1
        else:
            return None
        if candidate < self.end and nb.is_group(doc[candidate].text):
            return candidate
        return None

    def words(self, j: int) -> Quantity | None:
        """Numeral words and multipliers: "двадцать пять тысяч", "полтора миллиона",
        "несколько сотен миллионов", a bare "миллион"."""
        if self.mark(VAGUE, j) is not None:
            q = Quantity(j, self.mark(VAGUE, j)[0], None)
            self.multipliers(q)
            return q
        parts, k, end = [], j, j
        while k < self.end:
            part = self.word_part(k, parts)
            if part is None:
                break
            kind, value, stop = part
            parts.append((kind, value))
            end, k = stop, self.skip_space(stop)
        if not parts or all(kind == "half" for kind, _ in parts):
            return None
        if parts[0][0] == "mult" and self.plural(j):
            q = Quantity(j, j, None)  # "миллиарды долларов", "сотни тысяч": vague
            self.multipliers(q)
            return q if q.end > j else None
        head, multipliers = _split_trailing_multipliers(parts)
        value = nb.compose_words(head) if head else Decimal(1)
        if value is None:
            return None
        largest = max((v for kind, v in parts if kind == "mult"), default=0.0)
        return Quantity(j, end, value, multipliers, largest_multiplier=largest)

    def word_part(self, k: int, parts: list) -> tuple[str, float, int] | None:
        mult = self.mark(MULT, k)
        if mult is not None:
            return "mult", float(mult[1]), self.take_dot(mult[0])
        num = self.mark(NUMW, k)
        if num is not None:
            if float(num[1]) == 0.5 and self.mark(MULT, self.skip_space(num[0])) is None:
                return None  # "пол" is a floor unless a multiplier follows
            return "num", float(num[1]), num[0]
        half = self.mark(HALF, k)
        if half is not None and parts and parts[-1][0] == "num":
            return "half", 0.5, half[0]
        return None

    def multipliers(self, q: Quantity) -> None:
        """Multipliers after a number, each at least as large as the one before:
        "3,7 млрд", "сотен миллионов"."""
        k = self.skip_space(q.end)
        while True:
            mark = self.mark(MULT, k)
            if mark is None:
                break
            value = float(mark[1])
            if q.multipliers and value < q.multipliers[-1]:
                break
            q.multipliers.append(value)
            q.largest_multiplier = max(q.largest_multiplier, value)
            q.end = self.take_dot(mark[0])
            k = self.skip_space(q.end)

    def plural(self, i: int) -> bool:
        return _feat(self.doc[i], "Number") == "Plur"


def _split_trailing_multipliers(parts: list) -> tuple[list, list[float]]:
    """ "пяти тысяч" → (пяти, [1000]): the multiplier kept apart so a range's left end can take
    it ("от четырёх до пяти тысяч"). With a multiplier earlier ("пять миллионов триста тысяч")
    the number is composed whole."""
    cut = len(parts)
    while cut > 0 and parts[cut - 1][0] == "mult":
        cut -= 1
    if any(kind == "mult" for kind, _ in parts[:cut]):
        return parts, []
    return parts[:cut], [v for _, v in parts[cut:]]


def _is_inline_space(token: Token) -> bool:
    return token.is_space and "\n" not in token.text and len(token.text) == 1


def _is_modifier(token: Token) -> bool:
    if token.pos_ == "ADJ":
        return True
    return token.pos_ == "VERB" and _PARTICIPLE in str(token.morph)


def _feat(token: Token, name: str) -> str | None:
    values = token.morph.get(name)
    return values[0] if values else None


def _times(value: float | None, factor: float) -> float | None:
    if value is None or factor == 1.0:
        return value
    return nb.scale(value, [factor])


@Language.factory("amount_rules", default_config={"lexicon": str(DEFAULT_LEXICON)})
def make_amount_rules(nlp: Language, name: str, lexicon: str) -> AmountRules:
    return AmountRules(nlp, name, lexicon)
