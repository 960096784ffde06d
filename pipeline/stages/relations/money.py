"""INCOME, EXPENDITURE and PRICE_OF: a money amount's trigger, holder, other party and priced
thing, and the ownership/membership roles read from role verbs and nouns.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.stages.relations.facts import FactReader
from pipeline.stages.relations.mentions import (
    anchor,
    is_money,
    is_possessive,
    is_pronoun,
    overlaps,
)
from pipeline.stages.relations.records import Fact, Relation
from pipeline.stages.relations.roles import chamber
from pipeline.stages.relations.words import (
    DASHES,
    argument_dep,
    bracket_restates,
    case_of,
    gap_dash,
    gap_join_before,
    is_argument,
    opens_contrast,
    preposition_of,
    role_positions,
)

CLASS_TYPE = {"income": "INCOME", "expenditure": "EXPENDITURE", "sale": "INCOME"}
OTHER_SIDE = {"income": "EXPENDITURE", "sale": "EXPENDITURE", "expenditure": "INCOME"}
MONEY_LINKS = ("INCOME", "EXPENDITURE", "PRICE_OF")
# The verbs of the sentence before that name a back-referring deal's parties (decision 144):
# "продала", "купил", "оштрафовал", "выплатит", "получил".
PARTY_CLASSES = ("sale", "expenditure", "income", "fine")


# role verbs: (relation type, (the person's argument, the organisation's argument))
ROLE_VERBS = {
    "owner_verbs": ("OWNER_OF", ("subject", "object")),  # X владеет Y
    "owned_verbs": ("OWNER_OF", ("dative", "subject")),  # Y принадлежит X
    "founder_verbs": ("FOUNDED_BY", ("subject", "object")),  # X основал Y
    "member_verbs": ("MEMBER_OF", ("subject", "в")),  # X вступил в Y
}


# (relation type, whether the relation's head is the organisation)
ROLE_NOUNS = {
    "owner_nouns": ("OWNER_OF", False),
    "founder_nouns": ("FOUNDED_BY", True),
    "member_nouns": ("MEMBER_OF", False),
}


class MoneyReader(FactReader):
    """Money facts and role relations: the reader the component runs."""

    # facts

    def money_facts(self) -> list[Fact]:
        facts, lasts = [], set()
        for amount in self.index.by_type["AMOUNT"]:
            if not is_money(amount):
                continue
            lasts.add(amount.end - 1)
            if not self.doc[amount.start].dep_ or bracket_restates(self.doc, amount.start, lasts):
                continue
            if self.or_restates(amount.start, lasts):
                continue
            remnant = self.gap_remnant(amount)
            if remnant is not None:
                facts.append(self.gapped_fact(amount, *remnant))
                continue
            trigger = self.trigger_of(amount)
            # Beside the trigger the amount climbs to, verbs that name other sides of the same
            # money make facts of their own (decisions 106, 107); each word makes one fact.
            words = (
                trigger,
                self.relative_trigger(amount),
                self.participle_on(amount),
                self.paying_verb(trigger),
                self.valued_thing_verb(trigger),
            )
            seen = set()
            for word in words:
                if word is not None and word.i not in seen:
                    seen.add(word.i)
                    facts.append(self.money_fact(amount, word))
        return facts

    def participle_on(self, amount: Span) -> Token | None:
        """A money participle describing the amount or the sum noun it restates (decision
        318): "выделенные компанией «Вектор» X", "сумма в X, полученная Ивановым": the
        participle's instrumental agent or the noun it describes holds the money."""
        token = anchor(amount)
        nouns = [token]
        if token.dep_ == "nmod" and token.head.norm_ in self.lex.sum_nouns:
            nouns.append(token.head)  # "сумма в X, полученная …"
        return next((c for n in nouns for c in n.children if self._money_participle(c)), None)

    def _money_participle(self, word: Token) -> bool:
        """A participle of receiving, spending or selling that describes its head."""
        if "Part" not in word.morph.get("VerbForm") or word.dep_ not in ("acl", "amod"):
            return False
        return self.money_kind(word) in CLASS_TYPE

    def money_fact(self, amount: Span, trigger: Token) -> Fact:
        fact, agents, inside = self._held_fact(amount, trigger)
        self.attach_context(fact, trigger, amount, agents, inside)
        return fact

    def _held_fact(self, amount: Span, trigger: Token) -> tuple[Fact, list[Span], set[int]]:
        """The fact's money links (holder, other party, thing priced) without its context;
        with the holders and the words of the holder's phrase."""
        kind = self.money_kind(trigger)
        fact = self.new_fact(trigger)
        fact.amount = amount
        agent_token, kind = self._agent_token_of(trigger, kind)
        agents = self._money_agents(agent_token, amount)
        agents, kind = self._paid_person(trigger, kind, agents)
        fact.agent = agents[0] if agents else None
        if self.claimed(trigger) or (kind == "income" and self._on_behalf(trigger)):
            kind = "claim"  # not the subject's money: the fact keeps its agent, no relation (130)
        self._link_sides(fact, amount, trigger, kind, agents)
        inside = {t.i for t in agent_token.subtree} if agent_token is not None else set()
        return fact, agents, inside

    def _agent_token_of(self, trigger: Token, kind: str) -> tuple[Token | None, str]:
        """The word of the one whose money it is; a price has none, the one fined pays."""
        agent_token = self.agent_token(trigger) if kind not in ("price", "fine") else None
        if kind == "fine":  # the one fined pays
            agent_token = next((c for c in trigger.children if c.dep_ == "obj"), None)
            kind = "expenditure"
        return agent_token, kind

    def _money_agents(self, agent_token: Token | None, amount: Span) -> list[Span]:
        agents = self.holders(agent_token) if agent_token is not None else []
        if not agents and agent_token is not None:
            agents = (
                self.anaphoric_holder(agent_token)
                or self.kind_holder(agent_token)
                or self.role_holder(agent_token)
            )
        return [a for a in agents if not overlaps(a, amount) and not self.contrasted(amount, a)]

    def _paid_person(self, trigger: Token, kind: str, agents: list[Span]) -> tuple[list[Span], str]:
        if kind == "deal" and trigger.norm_ in self.lex.pay_deals:
            # "Кузнецов подписал контракт на 12 млн": a person's contract is their pay
            if any(a.label_ == "PER" for a in agents):
                agents, kind = [a for a in agents if a.label_ == "PER"], "income"
        return agents, kind

    def _link_sides(
        self, fact: Fact, amount: Span, trigger: Token, kind: str, agents: list[Span]
    ) -> None:
        """The holder's link, the other side's and the thing priced."""
        for agent in agents:
            if kind in CLASS_TYPE:
                fact.relations.append(self.relation(CLASS_TYPE[kind], agent, amount, trigger))
        for payer in self.other_party(trigger, kind, agents, anchor(amount)):
            fact.relations.append(self.relation(OTHER_SIDE[kind], payer, amount, trigger))
            fact.counterpart = fact.counterpart or payer
        thing = self.priced(trigger, kind, agents)
        if thing is not None:
            fact.relations.append(self.relation("PRICE_OF", thing, amount, trigger))
            fact.counterpart = fact.counterpart or thing

    def or_restates(self, start: int, lasts: set[int]) -> bool:
        """An amount after "или" (past "около", "почти" …) right after a money amount restates
        it in another currency ("за £18 млн или около $23 млн", decision 147): the first
        carries the fact, as a bracketed restatement does (106)."""
        doc, i = self.doc, start - 1
        while i >= 0 and (doc[i].is_space or doc[i].pos_ in ("ADP", "ADV", "PART")):
            i -= 1
        if i < 1 or doc[i].norm_ not in self.lex.restating_joins:
            return False
        i -= 1
        while i >= 0 and (doc[i].is_space or doc[i].text == ","):
            i -= 1
        return i in lasts

    def gap_remnant(self, amount: Span) -> tuple[Token, int, list[Span]] | None:
        """The word a gapped amount is stated of (decision 145): "Выручка «А» составила X, а
        выручка «Б» — Y", "«А» получила X, а «Б» — Y": the amount right after a dash, the
        phrase between "а"/"и"/"но"/a comma and the dash naming its holder, an earlier money amount
        in the sentence stating the verb both share. Returns the phrase's head word, the
        position of the word that opens the remnant clause and the remnant's dates."""
        doc = self.doc
        dash = gap_dash(doc, amount.start)
        start = gap_join_before(doc, dash, self.lex) if dash is not None else None
        if start is None or not self._money_before(amount, start):
            return None
        words = [t for t in doc[start + 1 : dash] if not (t.is_punct or t.is_space)]
        nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN") and t.dep_]
        dates = self._remnant_dates(amount, start)
        dated = {i for d in dates for i in range(d.start, d.end)}
        # a remnant of a date alone ("X в 2020 году, а в 2021 году — Y") has no holder of its
        # own: the amount is read as its clause's (decision 162)
        heads = [t for t in nouns if not (start < t.head.i < dash) and t.i not in dated]
        return (heads[0], start, dates) if heads else None

    def _remnant_dates(self, amount: Span, start: int) -> list[Span]:
        number = int(self.index.sentence[amount.start])
        dates = self.index.in_sentence("DATE", number)
        return [d for d in dates if start < d.start and d.end <= amount.start]

    def _money_before(self, amount: Span, before: int) -> bool:
        number = int(self.index.sentence[amount.start])
        return any(a.end <= before for a in self.sentence_money(number))

    def _sentence_amounts(self, amount: Span) -> list[Span]:
        # the sentence's own amounts only: a document of many dashed figures stays linear
        return self.index.in_sentence("AMOUNT", int(self.index.sentence[amount.start]))

    def gapped_fact(self, amount: Span, remnant: Token, start: int, dates: list[Span]) -> Fact:
        """The gapped amount's fact: the remnant's own when it is a money noun ("выручка
        «Б»"), else the verb of the first clause's amount with the remnant as its holder; no
        other party or thing priced, and no sector or deal object outside the remnant clause
        (those are the first clause's; its date is both clauses')."""
        if self.lex.triggers.get(remnant.norm_) in CLASS_TYPE:
            fact = self.money_fact(amount, remnant)
            fact.relations = [r for r in fact.relations if self._in_gap(r, start, amount)]
            if fact.sector is not None and fact.sector.start <= start:
                fact.sector = None
            return fact
        verb = next(
            (self.trigger_of(a) for a in self._sentence_amounts(amount) if a.end <= remnant.i),
            None,
        )
        kind = self.lex.triggers.get(verb.norm_) if verb is not None else None
        fact = self.new_fact(verb if verb is not None else remnant)
        fact.amount = amount
        agents = self.holders(remnant)
        fact.agent = agents[0] if agents else None
        if kind in CLASS_TYPE and verb.pos_ == "VERB":
            for agent in agents:
                fact.relations.append(self.relation(CLASS_TYPE[kind], agent, amount, verb))
        for date in dates:  # "а «Б» в 2021 году — Y"
            fact.date = fact.date or date
            fact.relations.append(
                self.relation("DATE_OF", amount, date, verb if verb is not None else remnant)
            )
        return fact

    @staticmethod
    def _in_gap(relation: Relation, start: int, amount: Span) -> bool:
        if relation.type not in ("SECTOR_OF", "AMOUNT_OF"):
            return True
        other = relation.tail
        return start < other.start and other.end <= amount.end

    def contrasted(self, amount: Span, holder: Span) -> bool:
        """A holder after the amount and past "а"/"но" belongs to the next, gapped clause ("«А»
        получила X, а «Б» — Y"): the parser may hang it on the first clause's holder. Not past
        "а также", "но и": "X получили «А», а также «Б»" (decision 209)."""
        if holder.start < amount.end:
            return False
        between = self.doc[amount.end : holder.start]
        return any(opens_contrast(t, self.lex) for t in between)

    def back_references(self, facts: list[Fact]) -> list[Relation]:
        """Parties of a deal named in the sentence before its amount (decision 144): "«А»
        продала марку компании «Б». Сумма сделки составила X" → INCOME(«А»),
        EXPENDITURE(«Б»). Only for an amount no fact links a holder or thing to, whose trigger
        climb meets a deal noun (`[back_reference] deals`, alone or in the genitive of a
        `money_nouns` word) with no mention of its own. The links join the amount's fact if it
        has one; the others are returned (the amount then gets a trigger-less row, 132)."""
        by_amount: dict[int, list[Fact]] = {}
        for fact in facts:
            if fact.amount is not None:
                by_amount.setdefault(fact.amount.start, []).append(fact)
        loose = []
        for amount in self.index.by_type["AMOUNT"]:
            if not is_money(amount) or not self.doc[amount.start].dep_:
                continue
            own = by_amount.get(amount.start, [])
            if any(r.type in MONEY_LINKS for f in own for r in f.relations):
                continue
            links = self._parties_before(amount)
            if own and links:
                own[0].relations += links
                sides = [r.head for r in links if r.type != "PRICE_OF"]
                own[0].agent = own[0].agent or next(iter(sides), None)
            else:
                loose += links
        return loose

    def _parties_before(self, amount: Span) -> list[Relation]:
        deal = self.back_deal(amount)
        if deal is None:
            return []
        verb = self._party_verb(int(self.index.sentence[amount.start]) - 1, amount.start)
        if verb is None:
            return []
        fact, _, _ = self._held_fact(amount, verb)  # the money links only: no dates or sectors
        return [r for r in fact.relations if r.type in MONEY_LINKS]

    def back_deal(self, amount: Span) -> Token | None:
        """The deal noun an amount's figure is stated of, when it names no party: "Сумма
        сделки составила X", "Сделка оценивается в X", "Размер штрафа — X" (decision 144)."""
        token = anchor(amount)
        for _ in range(3):
            if token.head.i == token.i:
                return None
            token = token.head
            for word in [token, *(c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass"))]:
                deal = self._deal_noun(word)
                if deal is not None:
                    return deal if self._unowned(deal) and self._unowned(word) else None
        return None

    def _deal_noun(self, word: Token) -> Token | None:
        lemma = word.norm_
        if lemma in self.lex.back_deals and word.pos_ == "NOUN":
            return word
        if lemma in self.lex.back_money_nouns:
            for child in word.children:
                if child.dep_ == "nmod" and child.norm_ in self.lex.back_deals:
                    return child
        return None

    def _unowned(self, noun: Token) -> bool:
        """No mention, possessive or genitive mention of its own names the deal's side."""
        if noun.i in self.index.holder_at or self.holders(noun):
            return False
        return not any(is_possessive(c) or c.i in self.index.holder_at for c in noun.children)

    def _party_verb(self, number: int, before: int) -> Token | None:
        """The last parsed money verb of sentence `number` (sale, purchase, payment, fine)."""
        i = before - 1
        while i >= 0 and int(self.index.sentence[i]) > number:
            i -= 1
        while i >= 0 and int(self.index.sentence[i]) == number:
            token = self.doc[i]
            kind = self.lex.triggers.get(token.norm_)
            if token.dep_ and token.pos_ == "VERB" and kind in PARTY_CLASSES:
                return token
            i -= 1
        return None

    def _on_behalf(self, trigger: Token) -> bool:
        """Money raised for someone else (decision 130): "собрал для врачей X", "получил для
        фонда X" is the beneficiary's, not the collector's income."""
        beneficiary = self.lex.beneficiary_prepositions
        return any(c.dep_ == "obl" and preposition_of(c) in beneficiary for c in trigger.children)

    def other_party(
        self, trigger: Token, kind: str, agents: list[Span], money: Token
    ) -> list[Span]:
        """Who is on the other side of the money: the payer of an income ("получил от X",
        "получил X долларов от Y"), the buyer of a sale ("продали X за", dative)."""
        found = []
        for child in [*trigger.children, *money.children]:
            if kind == "income" and child.dep_ in ("obl", "nmod") and preposition_of(child) == "от":
                found += self.holders(child)
            elif kind == "income" and child.dep_ == "obl" and preposition_of(child) == "у":
                # "отсудил 80 млн у «Вектора»" (not a place: "у города Камбарки")
                found += [h for h in self.holders(child) if h.label_ in ("ORG", "PER")]
            elif kind == "sale" and argument_dep(child) in ("iobj", "obl"):
                if case_of(child) == "Dat" and not preposition_of(child):
                    found += self.holders(child)
        if kind == "expenditure" and trigger.pos_ == "VERB":
            found += self.paid_person(trigger, agents)
        return [s for s in found if s not in agents]

    def paid_person(self, verb: Token, agents: list[Span]) -> list[Span]:
        """The person a spending verb pays in its bare dative (decision 206): "обязал
        компанию выплатить $78 млн американцу Ивану Петрову", "вознаграждение, которое ему
        выплатил «Вектор»" → INCOME of the person. Persons only: a state or a body in the
        dative is mostly paid a fine or granted a sum NEREL leaves out (decision 106)."""
        found = []
        for child in verb.children:
            if child.dep_ not in ("iobj", "obl") or case_of(child) != "Dat":
                continue
            if preposition_of(child):
                continue
            people = self.holders(child) or self._dashed_apposition(child)
            if not people and is_pronoun(child, self.lex):
                person = self.index.antecedent(child, False, agents)
                people = [person] if person is not None else []
            found += [p for p in people if p.label_ == "PER"]
        return found

    def _dashed_apposition(self, noun: Token) -> list[Span]:
        """The name after a dash that restates a common noun in its case ("другому
        американцу — 46-летнему Ивану Петрову"), which the parser may hang on any verb: the
        dash, at most two adjectives, then a mention in the noun's case."""
        doc, i = self.doc, noun.i + 1
        while i < len(doc) and doc[i].is_space:
            i += 1
        if i >= len(doc) or doc[i].text not in DASHES:
            return []
        i += 1
        while i < len(doc) and (doc[i].is_space or doc[i].pos_ == "ADJ") and i <= noun.i + 5:
            i += 1
        span = self.index.holder_at.get(i) if i < len(doc) else None
        if span is None or span.start != i or case_of(anchor(span)) != case_of(noun):
            return []
        return [span]

    def priced(self, trigger: Token, kind: str, agents: list[Span]) -> Span | None:
        """What was bought, sold or valued, when it is a mention: the object of a purchase or
        sale, the subject of "стоить"/"оцениваться", the genitive of "стоимость"."""
        wanted = {"price": ("nsubj", "nmod", "nsubj:pass"), "sale": ("obj", "nsubj:pass", "nmod")}
        if kind == "expenditure" and trigger.norm_ in self.lex.buy:
            wanted["expenditure"] = ("obj", "nmod", "nsubj:pass")
        if kind == "price" and any(argument_dep(c) == "obj" for c in trigger.children):
            wanted["price"] = ("obj",)  # "агентство оценило состояние в X": the object is priced
        for child in trigger.children:
            dep = argument_dep(child)  # "продать «Заре» X": the buyer is no object (147)
            if dep in wanted.get(kind, ()):
                span = self.index.holder_at.get(child.i) or self._named_in_apposition(child)
                if span is None and dep == "obj" and is_pronoun(child, self.lex):
                    span = self.index.antecedent(child, False, agents)  # "приобретя его за X"
                if span is None:
                    span = next(iter(self.kind_holder(child)), None)  # "капитализация компании"
                if span is not None and span not in agents:
                    return span
        return None

    def _named_in_apposition(self, noun: Token) -> Span | None:
        """The name standing in apposition to a common noun that is bought or sold: "продать
        полузащитника Генриха Мхитаряна за X", "купила компанию «Вектор» за X" (decision 129:
        the name is the thing priced, not another mention the kind noun stands for)."""
        for child in noun.children:
            if child.dep_ == "appos" and child.i in self.index.holder_at:
                return self.index.holder_at[child.i]
        return None

    def role_relations(self) -> list[Relation]:
        """OWNER_OF, FOUNDED_BY, MEMBER_OF through a role verb (subject and object) or noun
        (genitive and apposition)."""
        roles, out = self.lex.roles, []
        for i in role_positions(self.doc, self.lex.role_words()):
            token = self.doc[i]
            word = token.norm_
            for key, (kind, sides) in ROLE_VERBS.items():
                if word in roles.get(key, ()):
                    out += self._verb_role(token, kind, sides)
            for key, (kind, org_first) in ROLE_NOUNS.items():
                if word in roles.get(key, ()):
                    out += self._noun_role(token, kind, org_first)
        return out

    def _verb_role(self, verb: Token, kind: str, sides: tuple[str, str]) -> list[Relation]:
        """`sides`: which argument is the person (or owner) and which the organisation."""
        person = [h for c in verb.children if is_argument(c, sides[0]) for h in self.holders(c)]
        orgs = [
            h
            for c in verb.children
            if is_argument(c, sides[1])
            for h in self.holders(c)
            if h.label_ == "ORG"
        ]
        out = []
        for p in person:
            for org in orgs:
                if p is not org:
                    head, tail = (org, p) if kind == "FOUNDED_BY" else (p, org)
                    out.append(self.relation(kind, head, tail, verb))
        return out

    def _noun_role(self, noun: Token, kind: str, org_first: bool) -> list[Relation]:
        orgs = [
            h
            for c in noun.children
            if c.dep_ == "nmod" and case_of(c) == "Gen"
            for h in self.holders(c)
            if h.label_ == "ORG"
        ]
        people = [h for c in noun.children if c.dep_ == "appos" for h in self.holders(c)]
        if noun.dep_ == "appos" and noun.head.i != noun.i:
            people += self.holders(noun.head)
        if kind == "MEMBER_OF":  # a legislature's members work there (decision 254)
            orgs = [org for org in orgs if not chamber(org, self.lex)]
        out = []
        for org in orgs:
            for person in people:
                if person is not org and person.label_ in ("PER", "ORG"):
                    head, tail = (org, person) if org_first else (person, org)
                    out.append(self.relation(kind, head, tail, noun))
        return out
