"""The fact context: DATE_OF (the amount's own clause), AMOUNT_OF (the deal object or sector on
the trigger), SECTOR_OF (an organisation's sector through epithets, lists, copulas and
predicates) and the fact's place.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from pipeline.stages.quotes import CLOSING_OR_APOSTROPHE
from pipeline.stages.relations.dates import (
    DateScope,
    basis_date,
    bracket_after_amount,
    brackets,
    breakdown_start,
    compared_at,
    from_to,
    gapped_dates,
    next_in_list,
    trailing_dates,
)
from pipeline.stages.relations.lexicon import Lexicon
from pipeline.stages.relations.mentions import (
    MentionIndex,
    anchor,
    contains,
    is_money,
    is_pronoun,
    overlaps,
)
from pipeline.stages.relations.reader import ParseReader
from pipeline.stages.relations.records import Fact, Relation, span_key
from pipeline.stages.relations.words import (
    LIST_DEPS,
    after_dash,
    beside,
    clause_head,
    climb_to,
    first_conjunct,
    opens_contrast,
    preposition_of,
    reaches,
    sector_head,
    shares_time,
    under_other,
)

DESCRIBED = ("appos", "nmod", "flat:foreign", "conj", "flat:name")
# clauses the parser hangs side by side on one word where the text coordinates them (225)
SIBLING_CLAUSES = ("ccomp", "acl")
LIST_REACH = 12  # words back from a listed name to its marker ("включая «А», «Б» и «В»")


def _one_in_genitive(kind: Token) -> bool:
    """A singular kind in the genitive ("акционеры нефтяной компании, включая «А» и «Б»") is
    one organisation the noun before it belongs to: the names listed after it are that noun's
    (its shareholders, clients, units), not examples of the kind (review, decision 216)."""
    if "Sing" not in kind.morph.get("Number") or "Gen" not in kind.morph.get("Case"):
        return False
    i = kind.i - 1
    while i >= 0 and kind.doc[i].pos_ in ("ADJ", "DET"):
        i -= 1
    return i >= 0 and kind.doc[i].pos_ in ("NOUN", "PROPN")


def _predicate(token: Token) -> bool:
    """A clause's own predicate: a finite verb or a short adjective ("должен"), not a
    participle, gerund or infinitive — those describe a noun or hang on a verb, and two
    participles on one noun are no coordination of clauses ("основанная в 2005 году,
    купившая завод за X": the founding date is not the purchase's; decision 225)."""
    if token.pos_ not in ("VERB", "AUX", "ADJ"):
        return False
    if token.pos_ == "ADJ":
        return "Short" in token.morph.get("Variant")
    return not {"Part", "Conv", "Inf"} & set(token.morph.get("VerbForm"))


def _tense(predicate: Token) -> str | None:
    """ "past" or "futr" (pymorphy3's grammemes, which read "потратит" as future where the
    tagger may not) of a clause's predicate, from its auxiliary or copula first ("был
    должен", "будет готов"); None for the present or no tense (a short adjective alone)."""
    words = [c for c in predicate.children if c.dep_ in ("aux", "cop")] + [predicate]
    for word in words:
        grammemes = str(word._.tag).replace(" ", ",").split(",")
        for tense in ("past", "futr"):
            if tense in grammemes:
                return tense
    return None


def _stray_phrase(token: Token, trigger: Token, own: Token) -> bool:
    """A preposition phrase standing between the trigger and its amount that the parser hung
    on a word outside them ("задолжала ему за транзит газа X, а … не доплатила"): a phrase
    inside a verb's own words belongs to the verb (decision 246); the parser's arc crosses
    the trigger's."""
    low, high = sorted((trigger.i, own.i))
    return low < token.i < high and not low <= token.head.i <= high and bool(preposition_of(token))


def relative_subject(verb: Token) -> bool:
    """A relative clause whose subject is "который": it says what the noun it hangs on does
    ("фонд, который занимается обучением детей", decision 164), unlike "которую возглавляет"."""
    return any(c.dep_.startswith("nsubj") and c.norm_ == "который" for c in verb.children)


class FactReader(ParseReader):
    """Dates, sectors, deal objects and places of a fact, on top of the holder reading."""

    def __init__(self, doc: Doc, index: MentionIndex, lex: Lexicon) -> None:
        super().__init__(doc, index, lex)
        self._date_scopes: dict[int, DateScope] = {}
        self._money_by_sentence: dict[int, list[Span]] = {}
        self._head_of_sector: dict[tuple[int, int], Token] = {}

    def attach_context(
        self, fact: Fact, trigger: Token, amount: Span, agents: list[Span], inside: set[int]
    ) -> None:
        """Date, sector, counterpart and place of a money fact, from the trigger's clause;
        `inside` is the agent's phrase, whose words describe the agent, not the deal."""
        number = self.index.sentence[trigger.i]
        top = self.clause(trigger)
        for date in self.amount_dates(amount, top, trigger):
            fact.date = fact.date or date
            fact.relations.append(self.relation("DATE_OF", amount, date, trigger))
        for sector in self.index.in_sentence("SECTOR", number):
            if self.describes_org(sector):
                continue  # the sector of an organisation named beside it, not of the deal
            if self.contrasted_away(sector, amount):
                continue
            if self.on_trigger(sector, trigger, amount) and anchor(sector).i not in inside:
                fact.sector = fact.sector or sector
                fact.relations.append(self.relation("AMOUNT_OF", amount, sector, trigger))
                if not self.works_in(trigger):
                    continue  # a funder or a buyer is not in the sector it pays for (226)
                for agent in agents:
                    if agent.label_ == "ORG":
                        fact.relations.append(self.relation("SECTOR_OF", agent, sector, trigger))
        for org in self.index.in_sentence("ORG", number):
            if org in agents or overlaps(org, amount) or any(contains(a, org) for a in agents):
                continue
            head = anchor(org)
            if head.head.i == trigger.i and head.dep_ in ("obl", "iobj", "obj"):
                fact.counterpart = fact.counterpart or org  # the other party, any side
            if self.deal_object(org, trigger):
                fact.counterpart = fact.counterpart or org
                fact.relations.append(self.relation("AMOUNT_OF", amount, org, trigger))
        for thing in self.bought_by_pronoun(fact, trigger):
            fact.relations.append(self.relation("AMOUNT_OF", amount, thing, trigger))
        fact.location = self.location(top, agents)

    def works_in(self, trigger: Token) -> bool:
        """Whether the money's holder works in the sector the money goes to or comes from: it
        earns or sells there (`[facts] working_classes`) or invests in it (`working_money`,
        114 b, decision 74). Allocating, spending, funding or buying money on a purpose says
        nothing of the payer's own business ("правительство выделит X на исследования"),
        nor does a deal without a direction (decision 226)."""
        kind = self.money_kind(trigger)
        return kind in self.lex.working_classes or trigger.norm_ in self.lex.working_money

    def money_kind(self, trigger: Token) -> str | None:
        """The class of a money trigger (`[triggers]`), a loan read from its verb: "получил
        кредит" is the borrower's income, "выдал кредит" the lender's expenditure."""
        kind = self.lex.triggers.get(trigger.norm_)
        if kind == "loan":
            verb = self.lex.triggers.get(trigger.head.norm_)
            kind = "income" if verb == "income" else "expenditure"
        return kind

    def bought_by_pronoun(self, fact: Fact, trigger: Token) -> list[Span]:
        """The company a purchase or sale moves when the text names it by a pronoun
        ("стал владельцем «Вектора», приобретя его за X"): the PRICE_OF the holder reading
        drew to the pronoun's antecedent (decision 81) is the deal object of 113 b too
        (decision 135). Only for buying and selling words: a company's own value is not."""
        word = trigger.norm_
        if word not in self.lex.buy and self.lex.triggers.get(word) != "sale":
            return []
        if not any(c.dep_ == "obj" and is_pronoun(c, self.lex) for c in trigger.children):
            return []
        named = {r.tail.start for r in fact.relations if r.type == "AMOUNT_OF"}
        return [
            r.head
            for r in fact.relations
            if r.type == "PRICE_OF" and r.head.label_ == "ORG" and r.head.start not in named
        ]

    # AMOUNT_OF (decision 113)

    def on_trigger(self, sector: Span, trigger: Token, amount: Span) -> bool:
        """A SECTOR the money goes to, comes from or measures hangs from the amount's own
        trigger or from the amount ("инвестиции в нефтепереработку на X", "экспорт зерна на
        X"), through at most one noun ("направлены на развитие сельского хозяйства"), never
        through another verb or another amount: a sector elsewhere in the sentence belongs to
        another word ("получил от компании, занимавшейся строительством, X"). A phrase between
        the trigger and its amount is the trigger's wherever the parser hung it (246)."""
        token, own, top = anchor(sector), anchor(amount), self.clause(trigger)
        # "должны быть направлены на X", "планирует инвестировать в X": the verb it controls
        targets = {trigger.i, own.i, top.i, *(c.i for c in top.children if c.dep_ == "xcomp")}
        if own.dep_ == "nmod" and own.head.pos_ == "NOUN":
            targets.add(own.head.i)  # "грант в X на оплату обучения": the noun X measures (167)
            targets |= self.summed_goods(own.head)
        for step in range(2):
            if token.head.i == token.i or (step and token.pos_ in ("VERB", "AUX")):
                return False
            if step and token.i in self.money_heads():
                return False
            token = trigger if _stray_phrase(token, trigger, own) else token.head
            if token.i in targets:
                return True
        return False

    def summed_goods(self, noun: Token) -> set[int]:
        """The noun a sum phrase hangs on ("оборудование для добычи нефти на сумму X",
        "контракты на поставку газа на сумму X"): "сумма", "размер" name no thing of their
        own, so the amount measures the noun they hang on (decision 290)."""
        up = noun.head
        if noun.norm_ not in self.lex.sum_nouns or noun.dep_ != "nmod" or up.i == noun.i:
            return set()
        # a fine is a penalty, no goods: "штраф в размере X за продажу алкоголя" (301)
        return {up.i} if up.pos_ == "NOUN" and up.norm_ not in self.lex.fine_nouns else set()

    def contrasted_away(self, sector: Span, amount: Span) -> bool:
        """A contrasting "а"/"но" between a sector and an amount puts them in two clauses: the
        clause "а" opens often leaves its verb out ("затраты на X составят Y, а затраты «Б» —
        Z и ещё W", "на X — Y, а на образование — Z"), and the parser may hang its words on
        the first clause (decisions 167, 209). "а также" adds to the same clause."""
        between = self.doc[min(sector.end, amount.end) : max(sector.start, amount.start)]
        return any(opens_contrast(t, self.lex) for t in between)

    def contrast_after(self, amount: Span, date: Span) -> bool:
        """A date after an "а"/"но" that opens a clause after the amount is that clause's
        ("задолжал X, а завод считает, что … не довёз груз за прошлый месяц"), wherever the
        parser hung it (decisions 209, 259). "а" inside the date's own phrase corrects it:
        "потратила X не в 2019, а в 2020 году"."""
        if date.start < amount.end:
            return False
        return any(
            opens_contrast(t, self.lex) and not date.start <= t.head.i < date.end
            for t in self.doc[amount.end : date.start]
        )

    def money_heads(self) -> set[int]:
        """Anchors of the money amounts."""
        if self._money_heads is None:
            self._money_heads = {anchor(a).i for a in self.index.by_type["AMOUNT"] if is_money(a)}
        return self._money_heads

    def sentence_money(self, number: int) -> list[Span]:
        """The money amounts of sentence `number`, sorted by start; read once per sentence."""
        number = int(number)
        if number not in self._money_by_sentence:
            amounts = self.index.in_sentence("AMOUNT", number)
            self._money_by_sentence[number] = [a for a in amounts if is_money(a)]
        return self._money_by_sentence[number]

    def deal_object(self, org: Span, trigger: Token) -> bool:
        """An ORG that is what the money buys, sells, values or goes into: the object of the
        trigger ("купил «Орбиту» за X"), its genitive ("поглощение «Орбиты» за X"), "в" +
        ORG ("вложил X в «Орбиту»"). Not the payer ("от «Орбиты»"), the payee (dative) or the
        place of a sale ("продана на Christie's"): those are holders or venues."""
        head = anchor(org)
        if head.dep_ in ("appos", "flat:name") and head.head.i != trigger.i:
            head = head.head  # "купил компанию «Орбита»": the kind noun is the object
        if head.head.i != trigger.i:
            return False
        if head.dep_ == "obj":
            # "заплатил «Ромашке» X", "задолжал «Ромашке» X": a dative the parser called the
            # object is still the payee (decision 259)
            return "Dat" not in head.morph.get("Case")
        if head.dep_ == "nmod" and trigger.pos_ == "NOUN":
            # "поглощение «Орбиты»", not "стоимость «Орбиты»" (its own value: decision 113)
            bought = trigger.norm_ in self.lex.buy or self.lex.triggers.get(trigger.norm_) == "sale"
            return bought and "Gen" in head.morph.get("Case") and not preposition_of(head)
        return head.dep_ == "obl" and preposition_of(head) == "в"

    # DATE_OF (decision 112)

    def untriggered_dates(self) -> list[Relation]:
        """DATE_OF for a money amount no trigger word holds ("МРОТ установлен на уровне X",
        "состояние оценивается в X"): the dates of its own clause."""
        out = []
        for amount in self.index.by_type["AMOUNT"]:
            value = amount._.value
            if value is None or value.kind != "money" or not anchor(amount).dep_:
                continue
            if self.trigger_of(amount) is not None:
                continue  # dated with its fact, from the trigger's clause
            top = clause_head(anchor(amount))
            dates = self.amount_dates(amount, top)
            out += [self.relation("DATE_OF", amount, d, top) for d in dates]
        return out

    def amount_facts(self, relations: list[Relation], facts: list[Fact]) -> list[Fact]:
        """A trigger-less fact for every money amount the relations link but no fact holds
        (decision 132): the dated amounts of `untriggered_dates`, and any other link of an
        amount read without a trigger word, so that the facts table lists every dated or held
        amount, not only those a trigger carries. Its holder, date, sector and other party
        come from its links; polarity and modality from the verb of its clause."""
        held = {span_key(f.amount) for f in facts if f.amount is not None}
        loose: dict[tuple, list[Relation]] = {}
        for r in relations:
            for span in (r.head, r.tail):
                if span.label_ == "AMOUNT" and is_money(span) and span_key(span) not in held:
                    loose.setdefault(span_key(span), []).append(r)
        return [self._amount_fact(links) for links in loose.values()]

    def _amount_fact(self, links: list[Relation]) -> Fact:
        first = links[0]
        amount = first.head if first.head.label_ == "AMOUNT" else first.tail
        top = clause_head(anchor(amount))
        fact = Fact(
            trigger=None,
            trigger_i=anchor(amount).i,
            polarity="negative" if self.negated(top) else "positive",
            modality="planned" if self.planned(top) else "done",
            amount=amount,
        )
        for r in links:
            other = r.tail if span_key(r.head) == span_key(amount) else r.head
            if r.type == "DATE_OF":
                fact.date = fact.date or other
            elif r.type in ("INCOME", "EXPENDITURE"):
                fact.agent = fact.agent or other
            elif r.type == "AMOUNT_OF" and other.label_ == "SECTOR":
                fact.sector = fact.sector or other
            else:  # the thing priced, the company a deal is about
                fact.counterpart = fact.counterpart or other
            fact.relations.append(r)
        fact.location = self.location(top, [fact.agent] if fact.agent else [])
        return fact

    def amount_dates(self, amount: Span, top: Token, trigger: Token | None = None) -> list[Span]:
        """Every DATE of the clause headed by `top` that dates `amount`: one hanging from the
        amount itself or from the clause outside any other amount and any other clause; a
        relative clause on a noun trigger dates it too ("кредит на X, который банк выдал в
        2013 году"). A verb coordinated with or controlled by another, or a gerund, takes
        that one's dates when it has none of its own ("за 5 лет провёл … и израсходовал X",
        "намерены в 2020 году инвестировать X", "стал владельцем в 2009 году, приобретя его за
        X"). An amount restating, compared with or broken down from another ("X (около Y по
        нынешнему курсу)", "X против Y годом ранее", "X — Y в 2018 году и Z в 2019 году")
        takes only the dates of its own phrase, and those are not the other amounts' (160-163)."""
        number = self.index.sentence[top.i]
        own = anchor(amount)
        others = {anchor(a).i for a in self.sentence_money(number) if not overlaps(a, amount)}
        scope = self.date_scope(number)
        usable = scope.dates + scope.bases if from_to(amount, self.lex) else scope.dates
        dates = [d for d in sorted(usable, key=lambda d: d.start) if not overlaps(d, amount)]
        key = span_key(amount)
        mine = scope.own.get(key, [])
        dates = [
            d for d in dates if not scope.claimed(d, key) and not self.contrast_after(amount, d)
        ]
        if key in scope.own or under_other(own, top, others):
            found = [d for d in dates if climb_to(anchor(d), own, None, others)]
            return found + [d for d in mine if d not in found]
        found: list[Span] = []
        for clauses in self._date_clauses(top, trigger):
            for date in dates:
                if date not in found and any(
                    climb_to(anchor(date), own, c, others) for c in clauses
                ):
                    found.append(date)
            if found:
                break
        return found

    def date_scope(self, number: int) -> DateScope:
        """The sentence's dates that may date an amount, and the dates of each amount that
        depends on another (decisions 160-163); read once per sentence."""
        if number not in self._date_scopes:
            self._date_scopes[number] = self._read_scope(number)
        return self._date_scopes[number]

    def _read_scope(self, number: int) -> DateScope:
        scope = DateScope(*self._sentence_dates(number))
        money = self.sentence_money(number)
        if len(money) >= 2:
            self._read_own_dates(scope, money)
        return scope

    def _sentence_dates(self, number: int) -> tuple[list[Span], list[Span]]:
        """The sentence's dates that may date an amount, and its comparison bases; terms and
        conversion bases date nothing (decision 160)."""
        dates: list[Span] = []
        bases: list[Span] = []
        for d in self.index.in_sentence("DATE", number):
            if self.term(d) or basis_date(d, self.lex):
                continue
            (bases if compared_at(self.doc, d.start, self.lex) else dates).append(d)
        return dates, bases

    def _read_own_dates(self, scope: DateScope, money: list[Span]) -> None:
        """`scope.own`: the dates of each amount that depends on another of its sentence —
        a breakdown's, a gapped clause's, one in brackets, a comparison's (decisions 160-163)."""
        sentence = self.doc[anchor(money[0]).i].sent
        listed = False  # the amount before is a breakdown's: "Y в 2018 году и Z …"
        for k, amount in enumerate(money):
            first = breakdown_start(self.doc, amount, money[:k], scope.dates) or (
                listed
                and next_in_list(
                    self.doc, amount, money[k - 1], scope.own[span_key(money[k - 1])], self.lex
                )
            )
            mine = self._dates_apart(amount, money, scope.dates, sentence, first)
            if mine is None:
                listed = False
                continue
            listed = first
            scope.own[span_key(amount)] = [d for d in scope.dates if d in mine]

    def _dates_apart(
        self, amount: Span, money: list[Span], dates: list[Span], sentence: Span, first: bool
    ) -> list[Span] | None:
        """The dates of an amount that stands apart from its clause's (a breakdown's `first`,
        after a gapping dash, in brackets after another amount, compared, or hanging from
        another amount), or None when it shares its clause's dates."""
        doc = self.doc
        others = [a for a in money if not overlaps(a, amount)]
        bracket = brackets(doc, amount, sentence.start, sentence.end)
        in_bracket = bracket_after_amount(doc, bracket, others)
        own = anchor(amount)
        heads = {anchor(a).i for a in others}
        gapped = gapped_dates(doc, amount, dates, self.lex)
        if not (
            first
            or gapped
            or in_bracket
            or compared_at(doc, amount.start, self.lex)
            or under_other(own, clause_head(own), heads)
        ):
            return None
        mine = trailing_dates(amount, dates) + gapped
        if in_bracket:
            mine += [d for d in dates if bracket[0] < d.start and d.end <= bracket[1]]
        return mine

    def _date_clauses(self, top: Token, trigger: Token | None) -> Iterator[list[Token | None]]:
        """Where an amount's dates are looked for, nearest first (see amount_dates)."""
        # "должен быть погашен до X": the verb the clause's head controls
        clauses: list[Token | None] = [None, top, *(c for c in top.children if c.dep_ == "xcomp")]
        if trigger is not None and trigger.pos_ == "NOUN":
            clauses += [c for c in trigger.children if c.dep_ in ("acl", "acl:relcl")]
        yield clauses
        head, time = top, _tense(top)
        for _ in range(2):
            if head.head.i == head.i or not shares_time(head):
                break
            theirs = _tense(head.head)
            if {time, theirs} == {"past", "futr"}:
                break  # "в 2010 году завод закрыли и компания потратит X": another time (245)
            head, time = head.head, time or theirs
            yield [head]
        before = self._clause_before(top)
        if before is not None:
            yield [before]

    def _clause_before(self, top: Token) -> Token | None:
        """The clause just before the amount's that the parser made its sibling rather than
        its conjunct: two clauses joined by a comma, each hung on the same word with the same
        label ("отметили, что за 14 лет суд вынес …, при этом он израсходовал X", "заявил о
        том, что с 1 января граждане смогут …, их стоимость составит X"). They are one
        coordination, and coordinated clauses share a date written once (decisions 112, 116,
        225); the amount's clause has none of its own when this is asked."""
        if top.dep_ not in SIBLING_CLAUSES or top.head.i == top.i or not _predicate(top):
            return None
        siblings = [
            c for c in top.head.children if c.i < top.i and c.dep_ == top.dep_ and _predicate(c)
        ]
        if not siblings:
            return None
        nearest = siblings[-1]
        if {_tense(nearest), _tense(top)} == {"past", "futr"}:
            return None  # "в 2010 году завод закрыли, компания потратит X": another time (238)
        between = self.doc[nearest.i + 1 : top.i]
        if any(t.norm_ in self.lex.clause_subordinators for t in between):
            return None  # "…, что …": a clause of its own, not a conjunct
        commas = [t.i for t in between if t.is_punct]
        opens = commas[-1] if commas else nearest.i
        number = self.index.sentence[top.i]
        if any(opens < d.start < top.i for d in self.index.in_sentence("DATE", number)):
            return None  # "…, при этом в 2016 году он израсходовал X": a date of its own
        return nearest

    def term(self, date: Span) -> bool:
        """A length of time that is a term of punishment ("5 лет лишения свободы", "на срок
        от 5 до 10 лет"): the word after it or the word before its preposition says so."""
        value = date._.value
        if value is None or value.timex_type != "DURATION":
            return False  # "в срок до 1 мая": a point in time is no term
        doc, terms = self.doc, self.lex.term_nouns
        after = doc[date.end] if date.end < len(doc) else None
        before = [t for t in doc[max(date.start - 2, 0) : date.start] if t.pos_ != "ADP"]
        words = [after] if after is not None else []
        words += before[-1:]
        if any(t.norm_ in terms for t in words):
            return True
        # "до 5 лет со штрафом до X": a term joined to the fine it comes with
        fine = doc[date.end + 1] if date.end + 1 < len(doc) else None
        joined = after is not None and after.norm_ in self.lex.fine_joins
        return joined and fine is not None and fine.norm_ in self.lex.fine_nouns

    def describes_org(self, sector: Span) -> bool:
        """A SECTOR whose head noun has an ORG in apposition ("нефтяной компании «Лукойл»")."""
        head = anchor(sector)
        return any(
            anchor(org).head.i == head.i and anchor(org).dep_ in DESCRIBED
            for org in self.index.in_sentence("ORG", self.index.sentence[head.i])
        )

    def location(self, top: Token, agents: list[Span]) -> Span | None:
        for loc in self.index.in_sentence("LOC", self.index.sentence[top.i]):
            if (
                any(overlaps(loc, a) for a in agents)
                or self.index.holder_at.get(loc.start) is not loc
            ):
                continue
            head = anchor(loc)
            if head.dep_ in ("obl", "nmod") and self.governed(loc, top, 3):
                return loc
        return None

    def sector_facts(self) -> list[Fact]:
        """ORG -> SECTOR through a descriptor noun beside the ORG ("нефтяная компания
        «Лукойл»") or a sector verb whose subject it is ("«Газпром» добывает газ")."""
        facts: dict[int, Fact] = {}
        for org in self.index.by_type["ORG"]:
            head = anchor(org)
            if not head.dep_ or not self._own_name(org, head):
                continue
            words = [(w, False) for w in self._sector_words(head) + self._example_kind(org)]
            words += [(w, True) for w in self._predicate_words(head)]
            for word, loose in words:
                for sector in self.index.in_sentence("SECTOR", self.index.sentence[head.i]):
                    if overlaps(sector, org):
                        continue
                    if not self._ties(sector, word, loose):
                        continue
                    fact = facts.get(word.i) or self.new_fact(word)
                    facts[word.i] = fact
                    fact.agent = fact.agent or org
                    fact.sector = fact.sector or sector
                    fact.relations.append(self.relation("SECTOR_OF", org, sector, word))
        for fact in facts.values():
            trigger = self.doc[fact.trigger_i]
            dates = self.index.in_sentence("DATE", self.index.sentence[trigger.i])
            top = self.clause(trigger)
            linked = [d for d in dates if self.governed(d, top)] or (
                dates if len(dates) == 1 else []
            )
            fact.date = linked[0] if linked else None
            fact.location = self.location(top, [fact.agent] if fact.agent else [])
        return list(facts.values())

    def _ties(self, sector: Span, word: Token, loose: bool) -> bool:
        """The grammar ties the SECTOR to the word that says what the ORG is or does: the
        word itself or its modifier, a noun phrase under a predicate (`loose`), or the field
        noun under a word of activity ("работающий на рынке инвестиций", decision 164). "с" +
        a noun under a verb is a partner or client ("работает с нефтяными компаниями")."""
        head = self.sector_head_of(sector)
        partner = preposition_of(head) in self.lex.partner_prepositions
        if word.pos_ == "VERB" and head.head.i == word.i and partner:
            return False
        if beside(head, word) or (loose and reaches(head, word)):
            return True
        first = first_conjunct(head)  # "занимается развитием и [обучением]" (decision 262)
        if first.i != word.i and first.head.i == word.i and beside(first, word):
            return True
        field = head.head
        return (
            head.dep_ == "nmod"
            and field.norm_ in self.lex.field_nouns
            and field.head.i == word.i
            and field.dep_ in ("obl", "nmod")
        )

    def _example_kind(self, org: Span) -> list[Token]:
        """The kind noun before a marker of examples that opens the list the ORG is in
        ("ведущих IT-компаний, включая «А» и «Б»", "брокерскими компаниями типа «А»"; decision
        203, 178 c; not one organisation in a noun's genitive, 216): read on the words, back
        over the list's earlier names, "и" and punctuation, a few words at most — the parser
        hangs such lists anywhere."""
        doc, i = self.doc, org.start - 1
        while i >= 0 and org.start - i <= LIST_REACH:
            token = doc[i]
            if token.lower_ in self.lex.example_markers:
                kind = i - 1 if i > 0 and doc[i - 1].text == "," else i
                kind -= 1
                if kind >= 0 and doc[kind].pos_ == "NOUN" and not doc[kind].is_sent_start:
                    return [] if _one_in_genitive(doc[kind]) else [doc[kind]]
                return []
            holder = self.index.holder_at.get(i)
            listed = holder is not None and holder.label_ == "ORG"
            if not (listed or token.is_punct or token.norm_ in self.lex.example_list_joins):
                return []
            i -= 1
        return []

    def _own_name(self, org: Span, head: Token) -> bool:
        """The ORG is read as a name of its own: the largest one over its words, or the name
        closing a unit's span ("совета директоров медиахолдинга BSkyB": the unit's span holds
        its parent's descriptor and name, decision 133)."""
        holder = self.index.holder_at.get(head.i)
        if holder is org:
            return True
        if holder is None or holder.label_ != "ORG" or not contains(holder, org):
            return False
        rest = self.doc[org.end : holder.end]  # "… компании «Группа Е4»": the closing quote
        return all(t.is_punct and t.text in CLOSING_OR_APOSTROPHE for t in rest)

    def _predicate_words(self, head: Token) -> list[Token]:
        """Words that say what an ORG is, beyond a descriptor beside it (decision 118): the
        noun of a list it is given in ("в IT-компаниях, таких как «А» и «Б»", "среди
        финансовых учреждений — «А», «Б»"), the predicate of a copula whose subject it is
        ("«А» является крупнейшей социальной сетью", "«А» превратился в поисковик", "«А» —
        один из лидеров продаж семян")."""
        first = head
        for _ in range(4):  # "«А», «Б» и «В»": the list hangs from its first member
            if first.dep_ != "conj" or first.head.i == first.i:
                break
            first = first.head
        words = []
        up = first.head
        if up.norm_ == "такой" and up.head.i != up.i and first.dep_ in LIST_DEPS:
            words.append(up.head)  # "такие X, как «А»" / "X, таких как «А»"
        elif first.dep_ == "parataxis" and after_dash(first):
            words.append(up)  # "среди X — «А», «Б»"
        subject = self._described_by(first)  # "компания «А» — один из лидеров"
        if subject.dep_ in ("nsubj", "nsubj:pass") and subject.head.i != subject.i:
            for verb in self._shared_subject(subject.head):
                words += self._predicates(verb)
                words += self._holdings(verb)
        # "сельскохозяйственными активами «Вектора»", "активами компании «А»" (decision 134)
        if subject.dep_ == "nmod" and subject.head.norm_ in self.lex.holding_nouns:
            words.append(subject.head)
        return words

    def _described_by(self, name: Token) -> Token:
        """The noun a name stands in apposition to when that noun says what kind of body it
        is, so the clause's subject is that noun: a kind noun ("компания «А»") or a descriptor
        noun of a sector ("Завод «А» является предприятием по разведению лошадей", decision
        263); else the name itself."""
        up = name.head
        if name.dep_ != "appos" or up.i == name.i:
            return name
        if up.norm_ in self.lex.kind_nouns:
            return up
        return up if up.pos_ == "NOUN" and up.norm_ in self.lex.sector_words else name

    @staticmethod
    def _shared_subject(verb: Token) -> list[Token]:
        """The verb and the verbs coordinated with it that have no subject of their own: they
        say something of the same subject ("была запущена в 2004 году и создавалась как
        социальная сеть", decision 165)."""
        return [verb] + [
            c
            for c in verb.children
            if c.dep_ == "conj"
            and c.pos_ in ("VERB", "AUX")
            and not any(g.dep_.startswith("nsubj") for g in c.children)
        ]

    def _holdings(self, verb: Token) -> list[Token]:
        """The holding nouns a verb of holding takes as its object ("владеет активами в X",
        decision 134)."""
        if verb.norm_ not in self.lex.holding_verbs:
            return []
        return [c for c in verb.children if c.dep_ == "obj" and c.norm_ in self.lex.holding_nouns]

    def _predicates(self, verb: Token) -> list[Token]:
        """What a subject is said to be: the predicate noun of "являться", "стать",
        "превратиться в", "считаться"; for a nominal predicate "один из X", X; the noun after
        "как" ("создавалась как социальная сеть", "известна как производитель удобрений",
        decision 165), not after "как и", which compares it with others."""
        alike = [c for c in verb.children if c.dep_ == "obl" and self._as(c) == "as"]
        if alike:
            return alike
        if verb.norm_ in self.lex.copulas:
            return [
                c
                for c in verb.children
                if c.dep_ == "xcomp" or (c.dep_ == "obl" and preposition_of(c) in ("в", ""))
                if c.pos_ in ("NOUN", "ADJ", "NUM", "PRON")
            ]
        if verb.pos_ in ("NOUN", "NUM", "ADJ", "PRON"):
            among = [c for c in verb.children if c.dep_ == "nmod" and preposition_of(c) == "из"]
            return among or [verb]
        return []

    def _as(self, noun: Token) -> str:
        """ "as" when the noun follows "как" (what the subject is), "as_also" when it follows
        "как и" (others it is compared with, decision 165), else ""."""
        marker = next((c for c in noun.children if c.dep_ in ("case", "mark")), None)
        if marker is None or marker.norm_ not in self.lex.as_markers:
            return ""
        after = self.doc[marker.i + 1] if marker.i + 1 < len(self.doc) else None
        return "as_also" if after is not None and after.norm_ in self.lex.as_also else "as"

    def _sector_words(self, head: Token) -> list[Token]:
        """The words beside an ORG's name that may name its sector, in the order they are
        linked: a descriptor above the name, a descriptor in apposition to it, a verb or
        participle of its activity, the SECTOR noun it names (decision 114). A name that
        repeats the preposition of the phrase above it is a phrase of its own, whatever the
        parser hung it on ("в нефтяной компании «А», затем — в «Б»", 166), unlike "хостинг от
        «Б»" (the maker of the goods)."""
        if self._parallel(head):
            return self._appositions(head) + self._activity_words(head)
        return (
            self._descriptor_above(head)
            + self._appositions(head)
            + self._activity_words(head)
            + self._sector_noun(head)
        )

    @staticmethod
    def _parallel(head: Token) -> bool:
        """The name's own preposition, between it and its head, is its head phrase's too."""
        if head.dep_ not in DESCRIBED or head.head.i == head.i:
            return False
        own = [c for c in head.children if c.dep_ == "case" and head.head.i < c.i < head.i]
        up = head.head
        while up.dep_ in ("appos", "flat:name", "conj") and up.head.i != up.i:
            up = up.head  # "в компании «А», затем — в «Б»": «Б» hangs on «А»
        return bool(own) and own[0].norm_ == preposition_of(up)

    def _descriptor_above(self, head: Token) -> list[Token]:
        """ "производитель удобрений «ФосАгро»": the name may hang from the descriptor's own
        modifier, so the descriptor is looked for two heads up."""
        head_span = self.index.holder_at.get(head.i, self.doc[head.i : head.i + 1])
        token = head
        for _ in range(2):
            if token.head.i == token.i or token.dep_ not in DESCRIBED:
                break
            token = token.head
            if token.norm_ in self.lex.sector_words:
                return [token]
            other = self.index.holder_at.get(token.i)
            if other is not None and other.label_ == "ORG" and not contains(other, head_span):
                break  # "X (BSkyB)": the abbreviation of a name is linked from the name (114)
            among = self._predicates(token) if token.norm_ == "один" else []
            if any(w.norm_ in self.lex.sector_words for w in among):
                return among  # "одного из лидеров парфюмерии «А»" (decision 118)
        return []

    def _appositions(self, head: Token) -> list[Token]:
        return [
            child
            for child in head.children
            if child.dep_ == "appos"
            and child.norm_ in self.lex.sector_words
            and self._as(child) != "as_also"  # "«А», как и нефтяные компании, …" (165)
        ]

    def _activity_words(self, head: Token) -> list[Token]:
        """The verb of the ORG's activity whose subject it is, and a participle on the name or
        on the descriptor it stands in apposition to ("компании «Орбита», занимающейся
        строительством", decision 114 b)."""
        words = []
        # "Компания «Орбита» занимается строительством"; "«А» и «Б» добывают газ" (262)
        subject = self._described_by(first_conjunct(head))
        if subject.dep_ == "nsubj" and subject.head.norm_ in self.lex.sector_words:
            words.append(subject.head)
        nouns = [head, head.head] if head.dep_ in ("appos", "flat:name") else [head]
        for noun in nouns:
            words += [
                c
                for c in noun.children
                if c.norm_ in self.lex.sector_words
                and (c.dep_ == "acl" or (c.dep_ == "acl:relcl" and relative_subject(c)))
            ]
        return words

    def _sector_noun(self, head: Token) -> list[Token]:
        """Guideline 41 puts the organisation noun inside a SECTOR mention ("издательскому
        дому Conde Nast"): the name in apposition to that noun takes its sector. A name in
        the genitive is whose the goods are or what is built ("компьютеры министерства",
        "строительство церквей"), not a name of the noun (decision 133)."""
        owner = head.dep_ == "nmod" and "Gen" in head.morph.get("Case")
        if head.dep_ in DESCRIBED and head.head.i in self.sector_heads() and not owner:
            return [head.head]
        return []

    def sector_heads(self) -> set[int]:
        """Token indices that head a SECTOR mention."""
        if self._sector_heads is None:
            self._sector_heads = {self.sector_head_of(s).i for s in self.index.by_type["SECTOR"]}
        return self._sector_heads

    def sector_head_of(self, sector: Span) -> Token:
        """words.sector_head, read once per SECTOR mention."""
        key = (sector.start, sector.end)
        if key not in self._head_of_sector:
            self._head_of_sector[key] = sector_head(sector)
        return self._head_of_sector[key]
