"""The parse reader's base: from an amount to its trigger word, from a trigger to its holder
(subject, agent, genitive, dative, controller, pronoun or kind noun antecedent), and the
fact/relation records it builds.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from pipeline.stages.relations.lexicon import MONEY_CLASSES, Lexicon
from pipeline.stages.relations.mentions import (
    MentionIndex,
    abbreviation_or_latin,
    agrees,
    anchor,
    is_possessive,
    is_pronoun,
)
from pipeline.stages.relations.records import Fact, Relation
from pipeline.stages.relations.words import (
    case_of,
    clause_head,
    future_aux,
    instrumental,
    preposition_of,
)

# A trigger in these relations to its head shares the head's subject: "планирует выделить",
# "получила и потратила", "выделить инвестиции", "приобретя его за X, стал владельцем".
SHARED_SUBJECT = ("xcomp", "conj", "obj", "nsubj:pass", "nsubj", "advcl")
# A subjectless verb in these relations to its head takes the head clause's subject.
INHERIT = ("conj", "xcomp", "ccomp", "acl", "advcl", "obl")
CLIMB = 4  # heads an amount climbs to its trigger: "на сумму свыше X" is two
PREDICATE_REACH = 24  # words a short adjective predicate looks back for its subject (205)


class ParseReader:
    def __init__(self, doc: Doc, index: MentionIndex, lex: Lexicon) -> None:
        self.doc, self.index, self.lex = doc, index, lex
        self._sector_heads: set[int] | None = None
        self._money_heads: set[int] | None = None

    # triggers and arguments

    def trigger_of(self, span: Span, classes: Iterable[str] = MONEY_CLASSES) -> Token | None:
        token = anchor(span)
        if not token.dep_:
            return None
        for _ in range(CLIMB):
            if token.head.i == token.i:
                return None
            token = token.head
            if self.lex.triggers.get(token.norm_) in classes:
                return token
            if token.norm_ in self.lex.link_verbs:
                # "доход составил X", "выручка выросла до X": the subject carries the link
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                if subject is not None and self.lex.triggers.get(subject.norm_) in classes:
                    return subject
        return None

    def relative_trigger(self, span: Span, classes: Iterable[str] = MONEY_CLASSES) -> Token | None:
        """A money verb of a relative clause right after the amount (decision 106):
        "вознаграждение в размере X, которое ему выплатил «Вектор»", "X — сумму, которую он
        получил от Y". Its own subject and "от" name a side of the money the noun alone does
        not: a fact of its own beside the noun's. Read from the words ("который" after a
        comma or dash, past one noun such as "сумма") and the relative word's head, since the
        parser hangs the clause on any word before it."""
        doc = span.doc
        noun = False
        for i in range(span.end, min(span.end + 4, len(doc))):
            token = doc[i]
            if token.is_punct or token.is_space:
                continue
            if token.pos_ == "NOUN" and not noun:
                noun = True  # "— сумму, которую …"
                continue
            if token.norm_ != "который":
                return None
            return self._clause_verb(token, classes)
        return None

    def valued_thing_verb(self, price: Token | None) -> Token | None:
        """The money verb of a thing valued at the amount (decision 107): "ему досталась доля
        стоимостью X" → the one it went to; "«Вектор» купил завод стоимостью X" → the buyer.
        NEREL reads a thing worth X that someone receives or gives as X received or spent."""
        if price is None or price.pos_ != "NOUN":
            return None
        if self.lex.triggers.get(price.norm_) != "price":
            return None
        token = price
        for _ in range(3):
            if token.head.i == token.i or token.dep_ not in ("nmod", "obj", "nsubj", "appos"):
                return None
            token = token.head
            kind = self.lex.triggers.get(token.norm_)
            if token.pos_ == "VERB":
                return token if kind in ("income", "expenditure", "sale") else None
            if token.pos_ != "NOUN":
                return None
        return None

    def paying_verb(self, noun: Token | None) -> Token | None:
        """The spending verb whose object an income noun is (decision 107): "суд обязал
        «Вектор» выплатить компенсацию в размере X" — the compensation is the payee's income
        (decision 85) and the payer's spending, a fact of its own."""
        if noun is None:
            return None
        head = noun.head
        if noun.pos_ != "NOUN" or noun.dep_ != "obj" or head.i == noun.i:
            return None
        if self.lex.triggers.get(noun.norm_) != "income":
            return None
        return head if self.lex.triggers.get(head.norm_) == "expenditure" else None

    def _clause_verb(self, relative: Token, classes: Iterable[str]) -> Token | None:
        """The verb of the relative clause "который" opens: its head when that heads a
        relative clause, else the first relative-clause verb in the next few words."""
        doc = relative.doc
        candidates = [relative.head] if relative.head.dep_ == "acl:relcl" else []
        candidates += [
            doc[i]
            for i in range(relative.i + 1, min(relative.i + 6, len(doc)))
            if doc[i].dep_ == "acl:relcl"
        ]
        verb = candidates[0] if candidates else None
        if verb is not None and self.lex.triggers.get(verb.norm_) in classes:
            return verb
        return None

    def holders(self, token: Token) -> list[Span]:
        """The mentions a word stands for: its own holder, or those of its conjuncts and
        appositions ("компания «Лукойл»", "«А» и «Б»")."""
        found = []
        own = self.index.holder_at.get(token.i)
        kinds = ("conj",) if own is not None else ("conj", "appos", "nmod")
        for t in [token, *(c for c in token.children if c.dep_ in kinds)]:
            # "правительство Японии", "власти Москвы": the body stands for its place; a
            # genitive after any other noun ("семья Обамы") is not who acts.
            if t.dep_ == "nmod" and t is not token and token.norm_ not in self.lex.bodies:
                continue
            span = self.index.holder_at.get(t.i)
            if span is not None and span not in found:
                found.append(span)
        return found

    def agent_token(self, trigger: Token) -> Token | None:
        """Who does it: the subject; the instrumental agent of a passive or a participle;
        for a noun, its genitive; else the subject of the verb it depends on. The first rule
        that applies decides, and its answer may be None: nobody."""
        if trigger.norm_ in self.lex.dative_holders:
            return self.dative_of(trigger)  # "фонду поступило 5 млн" (decision 97)
        subject = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return self.relative_antecedent(subject, trigger) or subject
        passive = any(c.dep_ == "nsubj:pass" for c in trigger.children)
        passive = passive or "Pass" in trigger.morph.get("Voice")
        if passive or trigger.dep_ in ("amod", "acl"):
            agent = next((c for c in trigger.children if instrumental(c)), None)
            if agent is not None or passive:
                return agent  # a passive without an instrumental agent has none
            if self.active_participle(trigger):
                return trigger.head  # "банк, получивший X": the noun it describes (317)
        if trigger.pos_ == "NOUN":
            owner = self._genitive_agent(trigger)
            if owner is None and trigger.head.i != trigger.i:
                owner = self.noun_owner(trigger, trigger.head)
            if owner is not None:
                return owner
            if self.paying_verb(trigger) is not None:
                return None  # "«Вектор» выплатил премию": the payer's, not its income (107)
        if trigger.head.i != trigger.i and trigger.dep_ in SHARED_SUBJECT:
            return self._shared_subject_agent(trigger)
        return self._clause_agent(trigger)

    @staticmethod
    def active_participle(verb: Token) -> bool:
        """An active participle describing a noun ("банк «Заря», получивший X", "потратившая
        X компания"): the noun is the one who does it, as a subject is (decision 317)."""
        if verb.head.i == verb.i or verb.head.pos_ not in ("NOUN", "PROPN", "PRON"):
            return False
        morph = verb.morph
        return "Part" in morph.get("VerbForm") and "Pass" not in morph.get("Voice")

    def _genitive_agent(self, noun: Token) -> Token | None:
        """A noun trigger's genitive holder or possessive."""
        kids = list(noun.children)
        gen = next((c for c in kids if c.dep_ == "nmod" and "Gen" in c.morph.get("Case")), None)
        if gen is not None and gen.i in self.index.holder_at:
            return gen
        if gen is not None and self._one_of_kind(gen):
            return gen  # "выручка компании выросла": the company named before (129)
        return next((c for c in kids if is_possessive(c)), None)  # "его доход" (decision 81)

    def _shared_subject_agent(self, trigger: Token) -> Token | None:
        """The subject a trigger shares with the verb it depends on (SHARED_SUBJECT)."""
        head = trigger.head
        if trigger.dep_ == "nsubj" and trigger.pos_ == "NOUN":
            return None
        controller = self.controller(trigger, head)
        if controller is not None:
            return controller
        if trigger.dep_ == "xcomp" and head.norm_ in self.lex.order_verbs:
            return None  # "распорядилась выплатить": the one who orders does not pay (130)
        found = next((c for c in head.children if c.dep_ == "nsubj" and c.i != trigger.i), None)
        if found is None and trigger.dep_ == "xcomp":
            found = self.predicative_subject(head)
        return found if found is not None else self.inherited_subject(head)

    def predicative_subject(self, predicate: Token) -> Token | None:
        """The subject of a short adjective predicate ("готова приобрести", "должно
        выплатить") that the parser hung on another verb (decision 205): the nearest
        nominative noun before it in its clause that agrees with it in number and gender,
        past relative clauses set off by commas ("«Рома», в составе которой играет Мхитарян,
        готова приобрести X" → «Рома»; "что правительство США должно выплатить X")."""
        if predicate.pos_ != "ADJ" or "Short" not in predicate.morph.get("Variant"):
            return None
        features = {f: set(predicate.morph.get(f)) for f in ("Number", "Gender")}
        doc, number = self.doc, int(self.index.sentence[predicate.i])
        candidate, relative = None, False
        for i in range(predicate.i - 1, max(predicate.i - PREDICATE_REACH, -1), -1):
            token = doc[i]
            if int(self.index.sentence[i]) != number or token.pos_ == "SCONJ":
                break  # the clause opens here ("что правительство … должно")
            if token.text == ",":
                if candidate is not None and not relative:
                    return candidate
                candidate, relative = None, False  # a segment between commas ends
                continue
            relative = relative or token.norm_ == "который"
            personal = token.pos_ != "PRON" or token.norm_ in self.lex.pronouns  # not "это"
            if candidate is None and personal and _agreeing_nominative(token, features):
                candidate = token
        return candidate if not relative else None

    def _clause_agent(self, trigger: Token) -> Token | None:
        head = trigger.head
        if trigger.pos_ == "VERB" and trigger.dep_ in ("ccomp", "acl", "advcl"):
            return self.inherited_subject(trigger)
        if trigger.dep_ == "csubj" and head.i != trigger.i:
            return self.controller(trigger, head)  # "компании придётся потратить"
        return None

    def anaphoric_holder(self, token: Token) -> list[Span]:
        """A personal or possessive pronoun ("она", "его доход") standing for a mention
        named before it (decision 81)."""
        if not is_pronoun(token, self.lex):
            return []
        found = self.index.antecedent(token, subject=True)
        if found is None:
            kind = self._kind_before(token)
            if kind is None:
                return self.role_holder(self._role_before(token))
            return self.kind_holder(kind)
        return [found]

    def _kind_before(self, pronoun: Token) -> Token | None:
        """A kind noun of organisations in the nominative, agreeing with the pronoun, in its
        sentence or the previous one: "Компания руководила стройкой. Она согласилась
        выплатить …" (decision 105: the pronoun stands for the company the noun stands for)."""
        number = int(self.index.sentence[pronoun.i])
        for i in range(pronoun.i - 1, -1, -1):
            if int(self.index.sentence[i]) < number - 1:
                return None
            token = self.doc[i]
            if token.pos_ != "NOUN" or token.norm_ not in self.lex.kind_holders:
                continue
            if "Nom" in token.morph.get("Case") and i not in self.index.holder_at:
                features = {f: set(token.morph.get(f)) for f in ("Number", "Gender")}
                if agrees(features, pronoun):
                    return token
        return None

    def _role_before(self, pronoun: Token) -> Token | None:
        """A role noun of a person in the nominative, agreeing in number with a pronoun that
        has no named antecedent, in its sentence or the previous one: "Среди них был Тевес.
        33-летний нападающий перешёл в «Вектор». Он получает 35 млн евро" (decision 128). A
        masculine role noun may stand for a woman ("глава … ей полагается"), a feminine one
        not for "он"."""
        number = int(self.index.sentence[pronoun.i])
        stated = set(pronoun.morph.get("Gender"))
        for i in range(pronoun.i - 1, -1, -1):
            if int(self.index.sentence[i]) < number - 1:
                return None
            token = self.doc[i]
            if not self._role_noun(token) or "Nom" not in token.morph.get("Case"):
                continue
            if "Fem" in token.morph.get("Gender") and stated and "Fem" not in stated:
                continue
            if agrees({"Number": set(token.morph.get("Number"))}, pronoun):
                return token
        return None

    def _one_of_kind(self, token: Token) -> bool:
        """A singular kind noun of organisations outside any mention ("выручка компании"); a
        plural names a class ("затраты операторов связи"), no one company (decision 129)."""
        return (
            token.norm_ in self.lex.kind_holders
            and token.i not in self.index.holder_at
            and "Plur" not in token.morph.get("Number")
        )

    def _role_noun(self, token: Token) -> bool:
        """A singular animate common noun outside any mention: "победительница", "глава",
        "нападающий" (slovnet tags a nominalised participle a NOUN when it stands alone). With
        a possessive it names someone else than the possessor, a relation to them ("его
        подзащитный", "её муж"): no role noun here."""
        return (
            token.pos_ == "NOUN"
            and token.i not in self.index.holder_at
            and "Anim" in token.morph.get("Animacy")
            and "Sing" in token.morph.get("Number")
            and token.norm_ not in self.lex.kind_holders
            and not any(is_possessive(c) for c in token.children)
        )

    def role_holder(self, token: Token | None) -> list[Span]:
        """A role noun holding the money ("Победительнице вручили карту на X") stands for the
        nearest person named before it, in its sentence or the previous one, who reads as a
        subject (decision 128). A role noun with a name in apposition is that name's
        (`holders`); plural roles ("победители") name no one person."""
        if token is None or not self._role_noun(token):
            return []
        found = self.index.person_before(token, self.lex.person_list_joins)
        return [found] if found is not None else []

    def relative_antecedent(self, subject: Token, verb: Token) -> Token | None:
        """The word a relative clause hangs from, when the parser took the clause's subject
        for the main verb's: "Флинн, которого президент назначил, а затем уволил, получил X"
        (decision 129). The subject follows "который" with no comma between them and a comma
        closes the clause before the verb; the antecedent is the mention right before the
        comma that opens the clause."""
        if verb.i < subject.i:
            return None
        doc, relative = subject.doc, None
        for i in range(subject.i - 1, max(subject.i - 6, -1), -1):
            if doc[i].norm_ == "который":
                relative = i
                break
            if doc[i].is_punct:
                return None
        if relative is None or not any(t.text == "," for t in doc[subject.i : verb.i]):
            return None
        i = relative - 1
        while i >= 0 and doc[i].pos_ == "ADP":
            i -= 1  # "…, в котором"
        if i < 1 or doc[i].text != ",":
            return None
        return doc[i - 1] if (i - 1) in self.index.holder_at else None

    def noun_owner(self, noun: Token, head: Token) -> Token | None:
        """Whose income a noun trigger is, from its verb (decision 85): the dative of a verb
        that gives it ("суд присудил Иванову компенсацию", "перечислил ей премию"); "у X" of
        быть/иметься ("у Смирнова был контракт на $10 млн")."""
        kind = self.lex.triggers.get(noun.norm_)
        if noun.dep_ == "obj" and kind == "income":
            for c in head.children:
                if c.dep_ in ("iobj", "obl") and case_of(c) == "Dat" and not preposition_of(c):
                    return c
        if noun.dep_ == "nsubj" and head.norm_ in self.lex.dative_holders:
            return self.dative_of(head)  # "ей полагается оклад" (decision 97)
        if noun.dep_ == "nsubj" and head.norm_ in self.lex.having_verbs:
            for c in head.children:
                if c.dep_ == "obl" and preposition_of(c) == "у" and c.i in self.index.holder_at:
                    return c
        return None

    def inherited_subject(self, verb: Token) -> Token | None:
        """The subject a subjectless verb takes from the clause it hangs from (decision 84):
        "Петров назвал проект полезным и пообещал выделить $20 тыс.", "Орлов обвиняется в
        том, что перевёл $5 млн", "был освобождён после того, как заплатил залог"."""
        token = verb
        for _ in range(3):
            if token.head.i == token.i or token.dep_ not in INHERIT:
                return None
            token = token.head
            if token.norm_ == "тот" and token.head.i != token.i:
                token = token.head  # "в том, что …", "после того, как …"
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
            if subject is not None:
                return subject
        return None

    def dative_of(self, verb: Token) -> Token | None:
        """The bare dative of a verb ("компании поступило", "ей полагается"), or None. An
        abbreviation beside another subject is the dative the tagger could not see: "РСП
        поступил 1 млн" (decision 104: an abbreviation has no case of its own)."""
        kids = [c for c in verb.children if not preposition_of(c)]
        found = next(
            (
                c
                for c in kids
                if c.dep_ == "iobj" or (c.dep_ in ("obl", "nsubj") and case_of(c) == "Dat")
            ),
            None,
        )
        if found is not None or sum(c.dep_ == "nsubj" for c in kids) < 2:
            return found
        for c in kids:
            span = self.index.holder_at.get(c.i)
            if c.dep_ == "nsubj" and span is not None and abbreviation_or_latin(span):
                return c
        return None

    def controller(self, infinitive: Token, head: Token) -> Token | None:
        """Who does an infinitive trigger (decision 97): the bare dative of the verb it
        depends on ("компании придётся потратить", "банку удалось привлечь", "поручил
        министерству выделить"), else its object ("обязал компанию выплатить"), except
        after verbs whose subject does it ("обещал ему выплатить")."""
        infinitive_form = "Inf" in infinitive.morph.get("VerbForm")
        if infinitive.dep_ not in ("xcomp", "csubj") or not infinitive_form:
            return None
        if head.norm_ in self.lex.subject_control:
            return None
        dative = self.dative_of(head)
        if dative is None:  # "суд обязал компанию выплатить": the object does it
            dative = next((c for c in head.children if c.dep_ == "obj"), None)
        if dative is None:
            return None
        if dative.i in self.index.holder_at or is_pronoun(dative, self.lex) or self.holders(dative):
            return dative  # "компании «Вектор» придётся": the name in apposition holds it
        return None

    def kind_holder(self, token: Token) -> list[Span]:
        """A kind noun of organisations as the holder ("Компания получила прибыль") stands for
        the nearest ORG name before it, in its sentence or the previous one, that reads as a
        subject (decision 96)."""
        if token.i in self.index.holder_at or token.norm_ not in self.lex.kind_holders:
            return []
        named = self._name_after(token)
        if named is not None:
            return [named]  # "банка «Заря»": the parser hung the name elsewhere (145)
        found = self.index.named_before(token)
        return [found] if found is not None else []

    def _name_after(self, kind: Token) -> Span | None:
        """The name right after a kind noun, past an opening quote ("банка «Заря»")."""
        i = kind.i + 1
        while i < len(self.doc) and self.doc[i].is_quote:
            i += 1
        span = self.index.holder_at.get(i) if i < len(self.doc) else None
        return span if span is not None and span.start == i else None

    def clause(self, trigger: Token) -> Token:
        """The verb whose clause a noun trigger belongs to ("выделить инвестиции"): two
        heads up at most."""
        return clause_head(trigger, depth=2)

    def governed(self, span: Span, top: Token, depth: int = 6) -> bool:
        token = anchor(span)
        for _ in range(depth):
            if token.i == top.i:
                return True
            if token.head.i == token.i:
                return False
            token = token.head
        return token.i == top.i

    def new_fact(self, trigger: Token) -> Fact:
        return Fact(
            trigger=trigger.norm_,
            trigger_i=trigger.i,
            polarity="negative" if self.negated(trigger) else "positive",
            modality="planned" if self.planned(trigger) else "done",
        )

    def claimed(self, trigger: Token) -> bool:
        """Money demanded or sued for (decision 130): the trigger is the object or the
        infinitive of a verb of claiming ("потребовала компенсацию", "просит выплатить")."""
        head = trigger.head
        if head.i == trigger.i or trigger.dep_ not in ("obj", "xcomp"):
            return False
        return head.norm_ in self.lex.claim_verbs

    def negated(self, trigger: Token) -> bool:
        tokens = [trigger, *([trigger.head] if trigger.dep_ in ("xcomp",) else [])]
        return any(c.norm_ in self.lex.negation for t in tokens for c in t.children)

    def planned(self, trigger: Token) -> bool:
        token = trigger
        for _ in range(3):
            if token.norm_ in self.lex.modal or "Fut" in token.morph.get("Tense"):
                return True
            if any(future_aux(c) for c in token.children):
                return True
            if any(c.norm_ in self.lex.modal for c in token.children if c.dep_ != "obj"):
                return True
            if token.head.i == token.i:
                break
            token = token.head
        return False

    def relation(self, kind: str, head: Span, tail: Span, trigger: Token) -> Relation:
        return Relation(kind, head, tail, trigger.norm_, trigger.i)


def _agreeing_nominative(token: Token, features: dict[str, set[str]]) -> bool:
    """A nominative noun, name or pronoun agreeing in number and gender where both state them
    (a short adjective states gender in the singular only)."""
    if token.pos_ not in ("NOUN", "PROPN", "PRON") or "Nom" not in token.morph.get("Case"):
        return False
    for feature, values in features.items():
        stated = set(token.morph.get(feature))
        if values and stated and not values & stated:
            return False
    return True
