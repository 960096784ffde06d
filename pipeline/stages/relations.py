"""Relation stage: links between the mentions of a sentence, and the facts they make.

Two kinds of evidence. The shape of the mentions alone gives the organisation chains
(PART_OF: an ORG nested in an ORG) and seats (HEADQUARTERED_IN: "МИД России", "«X» в
Татарстане") in every sentence. The dependency parse (the syntax stage, on candidate
sentences only) gives the money and sector links: a money AMOUNT climbs its heads to the
nearest trigger word (configs/lexicons/relations.toml), whose class tells INCOME, EXPENDITURE
or PRICE_OF, whose subject (or agent, or genitive) is the holder, and whose clause holds the
DATE, SECTOR and place of the fact. Relations are kept on `doc._.relations`, facts on
`doc._.facts`; pipeline/tables.py turns both into rows with the mentions table's ids.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import DEP, NORM
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline import extensions, models
from pipeline.readings import UD_TO_OC_CASE
from pipeline.stages.morphology import fold
from pipeline.stages.rules.base import load_lexicon
from pipeline.stages.rules.lexicon import positions
from pipeline.stages.syntax import sentence_numbers

HOLDERS = ("ORG", "PER", "LOC")
CLOSING = frozenset('»"“”)')
QUOTES = frozenset('»"“”')  # closing quotes only: a bracketed name is not quoted
MONEY_CLASSES = ("income", "expenditure", "sale", "price", "deal", "loan", "fine")
CLASS_TYPE = {"income": "INCOME", "expenditure": "EXPENDITURE", "sale": "INCOME"}
OTHER_SIDE = {"income": "EXPENDITURE", "sale": "EXPENDITURE"}
# A trigger in these relations to its head shares the head's subject: "планирует выделить",
# "получила и потратила", "выделить инвестиции", "приобретя его за X, стал владельцем".
SHARED_SUBJECT = ("xcomp", "conj", "obj", "nsubj:pass", "nsubj", "advcl")
# A subjectless verb in these relations to its head takes the head clause's subject.
INHERIT = ("conj", "xcomp", "ccomp", "acl", "advcl", "obl")
KIND_BACK = 2  # sentences back a kind noun looks for its named organisation (decision 105)
CLIMB = 4  # heads an amount climbs to its trigger: "на сумму свыше X" is two
DESCRIBED = ("appos", "nmod", "flat:foreign", "conj", "flat:name")


@dataclass(frozen=True)
class Relation:
    type: str
    head: Span
    tail: Span
    trigger: str | None = None
    trigger_i: int | None = None  # token of the trigger word: relations of one fact share it
    stage: str = "relation_rules"


@dataclass
class Fact:
    """One trigger with the mentions it links; any of them may be missing."""

    trigger: str
    trigger_i: int
    polarity: str = "positive"
    modality: str = "done"
    agent: Span | None = None
    counterpart: Span | None = None
    amount: Span | None = None
    date: Span | None = None
    sector: Span | None = None
    location: Span | None = None
    relations: list[Relation] = field(default_factory=list)


@dataclass(frozen=True)
class Lexicon:
    triggers: dict[str, str]  # folded lemma -> class
    sector_words: frozenset[str]
    modal: frozenset[str]
    negation: frozenset[str]
    topic_heads: frozenset[str]
    seat_prepositions: frozenset[str]
    name_prepositions: frozenset[str]
    place_nouns: frozenset[str]
    part_of_words: frozenset[str]
    kind_nouns: frozenset[str]
    bodies: frozenset[str]
    link_verbs: frozenset[str]
    pronouns: frozenset[str]
    pay_deals: frozenset[str]
    roles: dict[str, frozenset[str]]  # owner_verbs, owned_verbs, owner_nouns, ...
    dative_holders: frozenset[str] = frozenset()  # "ей полагается оклад" (decision 97)
    subject_control: frozenset[str] = frozenset()  # "обещал ему выплатить": the subject pays
    kind_holders: frozenset[str] = frozenset()  # "компания получила" (decision 96)
    demonstratives: frozenset[str] = frozenset()  # "та получила" (decision 104)
    location_verbs: frozenset[str] = frozenset()  # "X, базирующаяся в Y" (decision 99)
    origin_prepositions: frozenset[str] = frozenset()  # "«X» из Y" (decision 99)
    bare_units: frozenset[tuple[str, ...]] = frozenset()  # "совет директоров" (decision 110)
    attached_prepositions: frozenset[str] = frozenset()  # "Совет при Президенте" (decision 109)
    mission_heads: frozenset[str] = frozenset()  # "посольство России" (decision 100)
    seat_nouns: frozenset[str] = frozenset()  # "штаб-квартира МАГАТЭ в Вене" (decision 103)
    term_nouns: frozenset[str] = frozenset()  # "5 лет лишения свободы": no DATE_OF (116)
    copulas: frozenset[str] = frozenset()  # "«А» является сетью": SECTOR_OF (118)

    def role_words(self) -> frozenset[str]:
        """Every role word: a sentence with an ORG and one of them is worth parsing."""
        return frozenset().union(*self.roles.values()) if self.roles else frozenset()

    @classmethod
    def load(cls, path: str) -> Lexicon:
        raw = load_lexicon(path)
        triggers = {}
        for kind in MONEY_CLASSES:
            for word in raw.get("triggers", {}).get(kind, []):
                triggers.setdefault(fold(word), kind)
        words = lambda table, key: frozenset(fold(w) for w in raw.get(table, {}).get(key, []))  # noqa: E731
        return cls(
            triggers=triggers,
            sector_words=words("triggers", "sector"),
            modal=words("triggers", "modal"),
            negation=words("triggers", "negation"),
            topic_heads=words("seat", "topic_heads"),
            seat_prepositions=words("seat", "prepositions"),
            name_prepositions=words("seat", "name_prepositions"),
            place_nouns=words("seat", "place_nouns"),
            part_of_words=words("part_of", "words"),
            kind_nouns=words("part_of", "kind_nouns"),
            bodies=words("agents", "bodies"),
            link_verbs=words("triggers", "link_verbs"),
            pronouns=words("agents", "pronouns"),
            pay_deals=words("triggers", "pay_deals"),
            roles={key: words("roles", key) for key in raw.get("roles", {})},
            dative_holders=words("agents", "dative_holders"),
            subject_control=words("agents", "subject_control"),
            kind_holders=words("agents", "kind_holders"),
            demonstratives=words("agents", "demonstratives"),
            location_verbs=words("seat", "location_verbs"),
            origin_prepositions=words("seat", "origin_prepositions"),
            attached_prepositions=words("part_of", "attached_prepositions"),
            bare_units=frozenset(
                tuple(fold(w) for w in phrase.split())
                for phrase in raw.get("part_of", {}).get("bare_units", [])
            ),
            mission_heads=words("seat", "mission_heads"),
            seat_nouns=words("seat", "seat_nouns"),
            term_nouns=words("facts", "term_nouns"),
            copulas=words("facts", "copulas"),
        )


def register() -> None:
    extensions.register()
    for name in ("relations", "facts"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


class RelationRules:
    def __init__(self, nlp: Language, name: str, lexicon: str) -> None:
        self.name = name
        register()
        self.lex = Lexicon.load(lexicon)

    def __call__(self, doc: Doc) -> Doc:
        index = MentionIndex(doc)
        relations = list(nested_relations(doc, index, self.lex))
        relations += seat_after(doc, index, self.lex)
        relations += adjective_seats(doc, index, self.lex)
        relations += seats_through_words(doc, index, self.lex)
        relations += latin_name_seats(doc, index)
        relations += name_place_seats(doc, index, self.lex)
        relations += coordinated_seats(doc, index, relations, self.lex)
        relations += bracketed_seats(doc, index)
        facts = []
        if len(doc) and doc.to_array(DEP).any():  # a Token object per word costs more
            reader = ParseReader(doc, index, self.lex)
            facts = reader.money_facts() + reader.sector_facts()
            for fact in facts:
                relations += fact.relations
            relations += reader.role_relations()
            relations += reader.untriggered_dates()
        relations += part_of_words(doc, index, self.lex)
        relations += bare_unit_parents(doc, index, self.lex)
        doc._.relations = unique([_with_stage(r, self.name) for r in relations])
        doc._.facts = facts
        return doc


def _with_stage(relation: Relation, stage: str) -> Relation:
    return Relation(relation.type, relation.head, relation.tail, relation.trigger,
                    relation.trigger_i, stage)  # fmt: skip


def unique(relations: Iterable[Relation]) -> list[Relation]:
    seen, out = set(), []
    for r in relations:
        key = (r.type, _key(r.head), _key(r.tail))
        if key not in seen and _key(r.head) != _key(r.tail):
            seen.add(key)
            out.append(r)
    return out


def _key(span: Span) -> tuple[int, int, str]:
    return span.start_char, span.end_char, span.label_


class MentionIndex:
    """The mentions of a Doc by token: which holder covers a word, which spans of a type a
    sentence holds. Built once per Doc, linear in its mentions."""

    def __init__(self, doc: Doc) -> None:
        self.by_type = {
            t: sorted(doc.spans[t], key=lambda s: (s.start, -s.end)) if t in doc.spans else []
            for t in (*HOLDERS, "AMOUNT", "DATE", "SECTOR")
        }
        self.sentence = sentence_numbers(doc) if len(doc) else []
        self.holder_at: dict[int, Span] = {}
        # The largest holder covering a token, ORG before PER before LOC: a LOC nested in an
        # ORG name is part of the ORG when read as an argument.
        for label in reversed(HOLDERS):
            for span in self.by_type[label]:
                for i in range(span.start, span.end):
                    old = self.holder_at.get(i)
                    if old is None or len(span) >= len(old) or old.label_ != span.label_:
                        self.holder_at[i] = span
        self._by_sentence: dict[tuple[str, int], list[Span]] = {}
        for label, spans in self.by_type.items():
            for span in spans:
                key = (label, int(self.sentence[span.start]))
                self._by_sentence.setdefault(key, []).append(span)
        self._starts = {t: [s.start for s in spans] for t, spans in self.by_type.items()}
        self._holders = sorted(
            (s for t in HOLDERS for s in self.by_type[t]), key=lambda s: (s.start, -s.end)
        )
        self._holder_starts = [s.start for s in self._holders]
        self._nominatives: dict[str, Span] | None = None  # entity id -> nominative PER mention

    def antecedent(
        self, pronoun: Token, subject: bool, skip: Iterable[Span] = (), depth: int = 2
    ) -> Span | None:
        """The mention a personal pronoun stands for (decisions 81, 104): the nearest holder
        before it in its sentence or the previous one that agrees in gender and number, is not
        in `skip` nor in brackets; for a subject pronoun, only a mention that reads as a
        subject. A subject pronoun of the same person nearer than that mention stands for it
        ("X избран в 2003 году. Он был членом совета (округ). Его доход …" → X); the answer
        is the nearest mention of the found entity ("Иванова … Ему удалось" → "Иванова")."""
        skip = list(skip)
        number = int(self.sentence[pronoun.i])
        found = None
        # Walk back from the pronoun; the sentence check stops the walk within two sentences.
        for k in range(bisect_left(self._holder_starts, pronoun.i) - 1, -1, -1):
            span = self._holders[k]
            if int(self.sentence[span.start]) < number - 1:
                break
            if span.end > pronoun.i or self.holder_at.get(span.start) is not span:
                continue
            if span in skip or _bracketed(span):
                continue
            if subject and not self._subject_like(span, anchor(span)):
                continue
            if _agrees(self.features(span), pronoun):
                found = span
                break
        if depth:
            earlier = self._pronoun_before(pronoun, found.end if found is not None else None)
            if earlier is not None:
                return self.antecedent(earlier, True, skip, depth - 1) or found
        return self.nearest_of(found, pronoun) if found is not None else None

    def _pronoun_before(self, pronoun: Token, after: int | None) -> Token | None:
        """A nominative personal pronoun of the same gender and number as `pronoun` between
        `after` (or the previous sentence's start) and it: the same referent, named again."""
        doc, number = pronoun.doc, int(self.sentence[pronoun.i])
        for i in range(pronoun.i - 1, -1, -1):
            if int(self.sentence[i]) < number - 1 or (after is not None and i < after):
                return None
            token = doc[i]
            if token.pos_ != "PRON" or "Nom" not in token.morph.get("Case"):
                continue
            if fold(token.lemma_) not in PERSONAL:
                continue
            if all(
                set(token.morph.get(f)) & set(_stated(pronoun, f)) for f in ("Number", "Gender")
            ):
                return token
        return None

    def nearest_of(self, span: Span, before: Token) -> Span:
        """The nearest outermost mention of `span`'s entity before `before` (NEREL links a
        pronoun's relation to the nearest mention of its entity)."""
        entity = span._.entity_id
        if entity is None:
            return span
        for k in range(bisect_left(self._holder_starts, before.i) - 1, -1, -1):
            other = self._holders[k]
            if other.start < span.start:
                break
            if other.end <= before.i and self.holder_at.get(other.start) is other:
                if other._.entity_id == entity:
                    return other
        return span

    def features(self, span: Span) -> dict[str, set[str]]:
        """Gender and number of a mention for a pronoun to agree with. A person's come from
        the entity's nominative mention when there is one (the tagger reads a foreign first
        name opening a sentence as a genitive: "Мартина"); an organisation named by a proper
        name states its number only (its gender is its kind noun's: "«Вектор»" is "она")."""
        head = anchor(span)
        if span.label_ == "PER":
            nominative = self._nominative_mention(span)
            if nominative is not None:
                head = anchor(nominative)
            elif "Nom" not in head.morph.get("Case"):
                return {"Number": set(head.morph.get("Number"))}
        wanted = (
            ("Number",)
            if span.label_ == "ORG" and span._.name_kind == "proper"
            else ("Number", "Gender")
        )
        return {f: set(head.morph.get(f)) for f in wanted}

    def _nominative_mention(self, span: Span) -> Span | None:
        """A mention of `span`'s entity in the nominative (itself first); the map of such
        mentions is built once per Doc, on the first pronoun that needs it."""
        if "Nom" in anchor(span).morph.get("Case"):
            return span
        if self._nominatives is None:
            self._nominatives = {}
            for s in self.by_type["PER"]:
                if s._.entity_id is not None and "Nom" in anchor(s).morph.get("Case"):
                    self._nominatives.setdefault(s._.entity_id, s)
        return self._nominatives.get(span._.entity_id)

    def named_before(
        self, token: Token, back: int = KIND_BACK, subject: bool = True
    ) -> Span | None:
        """The nearest outermost ORG with a proper name before `token`, in its sentence or
        the `back` before it, that reads as a subject (decisions 96, 105: the organisation
        the passage is about; any case unless `subject`)."""
        number = int(self.sentence[token.i])
        for k in range(bisect_left(self._holder_starts, token.i) - 1, -1, -1):
            span = self._holders[k]
            if int(self.sentence[span.start]) < number - back:
                return None
            if span.label_ != "ORG" or span.end > token.i or span._.name_kind != "proper":
                continue
            if self.holder_at.get(span.start) is span and (
                not subject or self._subject_like(span, anchor(span), True)
            ):
                return span
        return None

    def _subject_like(self, span: Span, head: Token, latin: bool = False) -> bool:
        """In the nominative, opening its sentence (the tagger misreads foreign names) or
        with no case at all: an abbreviation, or (`latin`, for organisations a kind noun
        stands for) a name in Latin letters ("Google", whatever case the tagger gives it)."""
        first = span.start == 0 or self.sentence[span.start - 1] != self.sentence[span.start]
        case = head.morph.get("Case")
        return first or "Nom" in case or not case or _indeclinable(span, latin)

    def in_sentence(self, label: str, number: int) -> list[Span]:
        return self._by_sentence.get((label, int(number)), [])

    def within(self, label: str, outer: Span) -> list[Span]:
        """Spans of `label` starting inside `outer` (sorted starts, so no scan of the Doc)."""
        starts, spans = self._starts[label], self.by_type[label]
        first, last = bisect_left(starts, outer.start), bisect_left(starts, outer.end)
        return [s for s in spans[first:last] if s.end <= outer.end]


# --- relations from the shape of mentions (every sentence) ---------------------------------


def nested_relations(doc: Doc, index: MentionIndex, lex: Lexicon) -> Iterator[Relation]:
    """PART_OF for an ORG nested in an ORG (the largest one not starting where the outer
    starts, unless only adjectives stand before it); HEADQUARTERED_IN for a LOC inside an ORG
    name, given to the smallest ORG holding it (decisions 72, 73, 79)."""
    seat_of: dict[tuple[int, int], Span] = {}
    for outer in index.by_type["ORG"]:
        inner = [
            o for o in index.within("ORG", outer)
            if outer.start < o.start and not _same_entity(o, outer)
        ]  # fmt: skip
        inner = [o for o in inner if not any(p is not o and _contains(p, o) for p in inner)]
        for child in inner:
            if doc[child.start - 1].lower_ in lex.attached_prepositions:
                continue  # "Совет при Президенте", "школа при ЦК": set up by it (decision 109)
            if not _epithets_only(doc[outer.start : child.start], lex.kind_nouns):
                yield Relation("PART_OF", outer, child, "nested")
        for loc in index.within("LOC", outer):
            if outer.start < loc.start and _nested_seat(outer, loc, lex):
                old = seat_of.get((loc.start, loc.end))
                if old is None or len(outer) < len(old):
                    seat_of[(loc.start, loc.end)] = outer
    for (start, end), org in seat_of.items():
        loc = next(s for s in index.within("LOC", org) if (s.start, s.end) == (start, end))
        yield Relation("HEADQUARTERED_IN", org, loc, "nested")


def _epithets_only(words: Span, kinds: frozenset[str]) -> bool:
    """ "левоцентристской Демократической партии", "компании Apple": adjectives and the kind
    of body before a name describe that body, they do not make a parent of it (decision 79)."""
    return len(words) > 0 and all(
        (t.pos_ == "ADJ" and (t.is_lower or _dictionary_adjective(t)))
        or (t.is_lower and fold(t.lemma_) in kinds)
        for t in words
    )


def _dictionary_adjective(token: Token) -> bool:
    """A capitalised adjective of a name ("Приморского [Государственного университета]",
    decision 108) that the dictionary reads as an adjective only: the tagger also calls a
    sentence-initial "Пресс-служба" an adjective."""
    readings = models.parses(token.lower_)
    return bool(readings) and all(p.tag.POS in ("ADJF", "ADJS") for p in readings)


def _contains(outer: Span, inner: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and len(outer) > len(inner)


def _same_entity(a: Span, b: Span) -> bool:
    return a._.entity_id is not None and a._.entity_id == b._.entity_id


def _nested_seat(org: Span, loc: Span, lex: Lexicon) -> bool:
    """A LOC inside an ORG that names its seat: decision 80, or for a diplomatic mission
    (decision 100) only a place after "в/во" in its name ("Посольство России в Канаде")."""
    if _mission(org, lex):
        return loc.start > org.start and org.doc[loc.start - 1].lower_ in lex.seat_prepositions
    return _seat_inside(org, loc, lex)


def _mission(org: Span, lex: Lexicon) -> bool:
    """An embassy or consulate: the state in its name sends it, the seat is elsewhere
    ("посольство России", "американское консульство"; decision 100)."""
    return bool(lex.mission_heads) and any(fold(t.lemma_) in lex.mission_heads for t in org)


def _seat_inside(org: Span, loc: Span, lex: Lexicon) -> bool:
    """A LOC inside an ORG name names its seat when it closes the name or is followed by
    "по …" ("Следственный комитет России по Челябинской области"), outside quotes, and the
    name's head word is not one whose place is its topic. The place's case does not matter:
    "Единая Россия", "Реал Мадрид" (decision 80)."""
    before = org.doc[org.start : loc.start]
    if loc.end < org.end and org.doc[loc.end].lower_ not in lex.name_prepositions:
        return False  # "Институт Китая и современной Азии": a place mid-name is a topic
    if any(t.text in '«»"“”„' for t in before):
        return False
    if any(fold(t.lemma_) in lex.topic_heads for t in before):
        return False
    return all(
        t.pos_ in ("NOUN", "PROPN", "ADJ", "CCONJ", "PUNCT") or t.lower_ in lex.name_prepositions
        for t in before
    )


def seat_after(doc: Doc, index: MentionIndex, lex: Lexicon) -> list[Relation]:
    """ "«Татнефть» в Татарстане", "УМВД по Невскому району", "полиция штата Миссури",
    "консульство в марокканском городе Танжер", "Фонд «Рассвет» (The Dawn Foundation) в
    Берлине": an ORG, a seat preposition or a place noun, then a LOC (decision 83)."""
    starts = {loc.start: loc for loc in index.by_type["LOC"]}
    out = []
    for org, i in _after_names(doc, index):
        word = doc[i].lower_
        if word in lex.seat_prepositions or word in lex.name_prepositions:
            loc = starts.get(_past_place_words(doc, i + 1, lex))
            if word in lex.seat_prepositions and _abbreviation_of_a_noun(doc, org, lex):
                continue
            if loc is not None:
                out.append(Relation("HEADQUARTERED_IN", org, loc, fold(word)))
        elif fold(doc[i].lemma_) in lex.place_nouns and "Gen" in doc[i].morph.get("Case"):
            loc = starts.get(i + 1)
            if loc is not None:
                out.append(Relation("HEADQUARTERED_IN", org, loc, fold(doc[i].lemma_)))
    return out


def _abbreviation_of_a_noun(doc: Doc, org: Span, lex: Lexicon) -> bool:
    """ "офис ФБР в Вашингтоне", "саммит ОПЕК в Вене", "база НАТО в Афганистане": an
    abbreviated name in the genitive of a common noun before it; the place after it is the
    noun's (the office, the summit), not the body's seat (decision 103). A mission keeps its
    "в" seat ("сотрудник посольства Бразилии в Перу"), and so does a noun that names the
    seat itself ("штаб-квартира МАГАТЭ в Вене")."""
    if org.start == 0 or _mission(org, lex):
        return False
    before, first = doc[org.start - 1], org[0]
    if fold(before.lemma_) in lex.seat_nouns:
        return False
    return before.pos_ == "NOUN" and before.is_lower and first.is_upper and len(first) > 1


def seats_through_words(doc: Doc, index: MentionIndex, lex: Lexicon) -> list[Relation]:
    """ "компания «Вектор», базирующаяся в Лондоне", "«Ротор» из Волгограда": an ORG, a verb
    of location then "в/во", or "из" after a quoted or Latin name, then a LOC (decision 99).
    A token window after each name: these sentences are not parsed."""
    starts = {loc.start: loc for loc in index.by_type["LOC"]}
    out = []
    for org, i in _after_names(doc, index):
        if doc[i].text == ",":
            i += 1
        if i + 1 >= len(doc):
            continue
        word = fold(doc[i].lemma_)
        if word in lex.location_verbs and doc[i + 1].lower_ in lex.seat_prepositions:
            loc = starts.get(_past_place_words(doc, i + 2, lex))
        elif doc[i].lower_ in lex.origin_prepositions and _quoted_or_latin(doc, org):
            loc = starts.get(_past_place_words(doc, i + 1, lex))
        else:
            continue
        if loc is not None:
            out.append(Relation("HEADQUARTERED_IN", org, loc, word))
    return out


def bracketed_seats(doc: Doc, index: MentionIndex) -> list[Relation]:
    """ "«Ротор» (Волгоград)", "клуб «Вектор» (Казань, Россия)": a LOC opening a bracket right
    after an ORG name, alone or before a comma, is its seat (decision 101); the first place
    only, the city before its country."""
    starts = {loc.start: loc for loc in index.by_type["LOC"]}
    out = []
    for org in index.by_type["ORG"]:
        i = _skip_closing(doc, org.end)
        if i + 1 >= len(doc) or doc[i].text != "(" or _inside_other(org, index):
            continue
        loc = starts.get(i + 1)
        if loc is None or loc.end >= len(doc) or doc[loc.end].text not in (")", ","):
            continue
        # An abbreviation or a Latin form in the bracket is the name's other form, whatever
        # the tagger called it: "Верховный суд (ВС)", "Антидопинговое агентство (USADA)".
        if not (loc[0].is_upper or loc[0].is_ascii):
            out.append(Relation("HEADQUARTERED_IN", org, loc, "("))
    return out


def _after_names(doc: Doc, index: MentionIndex) -> Iterator[tuple[Span, int]]:
    """Each outermost ORG and the first token after it, past closing quotes and a bracketed
    aside: where a seat after the name starts."""
    for org in index.by_type["ORG"]:
        if _inside_other(org, index):
            continue
        i = _skip_aside(doc, _skip_closing(doc, org.end))
        if i < len(doc):
            yield org, i


def _past_place_words(doc: Doc, j: int, lex: Lexicon) -> int:
    """Past lowercase adjectives and one place noun: "в марокканском городе Танжер"."""
    while j < len(doc) and doc[j].pos_ == "ADJ" and doc[j].is_lower:
        j += 1
    if j < len(doc) and fold(doc[j].lemma_) in lex.place_nouns:
        j += 1
    return j


def _quoted_or_latin(doc: Doc, org: Span) -> bool:
    """A brand, firm or club name: in quotes, or in Latin letters ("Blue Harbor")."""
    before = doc[org.start - 1].text if org.start else ""
    after = doc[org.end].text if org.end < len(doc) else ""
    edges = {org[0].text, org[-1].text, before, after}
    return bool(edges & (OPENING | QUOTES)) or all(t.is_ascii for t in org if t.is_alpha)


def _skip_closing(doc: Doc, i: int) -> int:
    while i < len(doc) and (doc[i].is_space or doc[i].text in CLOSING):
        i += 1
    return i


def _skip_aside(doc: Doc, i: int, longest: int = 8) -> int:
    """Past a bracketed aside right after a name: "(The Dawn Foundation)"."""
    if i >= len(doc) or doc[i].text != "(":
        return i
    for j in range(i + 1, min(len(doc), i + longest + 2)):
        if doc[j].text == ")":
            return _skip_closing(doc, j + 1)
    return i


def _inside_other(org: Span, index: MentionIndex) -> bool:
    holder = index.holder_at.get(org.start)
    return holder is not None and holder is not org and _contains(holder, org)


# --- seats from place adjectives (guideline 90-93) -----------------------------------------

PLACE_ADJ = "PLACE_ADJ"  # the mentions of pipeline/stages/rules/place_adj.py
OPENING = frozenset('«"“„')
MAX_DESCRIPTORS, MAX_EPITHETS = 2, 4  # words crossed before a name (decision 92)


def adjective_seats(doc: Doc, index: MentionIndex, lex: Lexicon) -> list[Relation]:
    """HEADQUARTERED_IN(ORG -> PLACE_ADJ): a place adjective inside an ORG before its head
    word ("российское правительство", "Российские железные дороги", decisions 91, 93) or
    before its name, agreeing with the descriptor ("российская компания «X»", decision 92)."""
    adjectives = doc.spans[PLACE_ADJ] if PLACE_ADJ in doc.spans else []
    if not len(adjectives):
        return []
    out, starts = [], {a.start: a for a in adjectives}
    positions = sorted(starts)
    for adjective in adjectives:
        org = _smallest_org(index, adjective)
        if org is None or _mission(org, lex):
            continue
        if adjective.end < org.end and _adjective_opens(org, adjective, lex):
            # The first place adjective of a name only: "Зимбабвийский африканский союз".
            if positions[bisect_left(positions, org.start)] == adjective.start:
                out.append(Relation("HEADQUARTERED_IN", org, adjective, "place_adjective"))
    reach = MAX_DESCRIPTORS + MAX_EPITHETS + 2  # farthest an adjective stands before a name
    for org in index.by_type["ORG"]:
        k = bisect_left(positions, org.start)
        if k == 0 or positions[k - 1] < org.start - reach:
            continue  # the cheap filter: no place adjective in reach before the name
        if not _inside_other(org, index) and not _mission(org, lex):
            for adjective in _adjectives_before(doc, org, starts, lex):
                out.append(Relation("HEADQUARTERED_IN", org, adjective, "place_adjective"))
    return out


def _smallest_org(index: MentionIndex, adjective: Span) -> Span | None:
    outer = index.holder_at.get(adjective.start)
    if outer is None or outer.label_ != "ORG":
        return None
    holding = [o for o in index.within("ORG", outer) if o.start <= adjective.start < o.end]
    return min(holding, key=len, default=outer)


def _adjective_opens(org: Span, adjective: Span, lex: Lexicon) -> bool:
    """Only adjectives, "и", an opening quote, a legal form or a kind noun stand before the
    adjective in the name: it precedes the head word (after it, it is a topic)."""
    return all(
        t.pos_ == "ADJ"
        or t.lower_ == "и"
        or t.text in OPENING
        or (t.is_upper and t.is_alpha)
        or fold(t.lemma_) in lex.kind_nouns
        for t in org.doc[org.start : adjective.start]
    )


def _adjectives_before(
    doc: Doc, org: Span, adjectives: dict[int, Span], lex: Lexicon
) -> list[Span]:
    """Place adjectives agreeing with the descriptor right before a name ("американского
    автопроизводителя General Motors") or with the name itself ("тульским «Арсеналом»")."""
    i = org.start - 1
    while i >= 0 and doc[i].text in OPENING:
        i -= 1
    quoted = i < org.start - 1 or org[0].text in OPENING
    nouns = _descriptors(doc, i, lex, adjectives)
    i -= len(nouns)
    name = next((t for t in org if t.text not in OPENING), org[0])
    target = nouns[-1] if nouns else name
    if nouns and _genitive_complement(name, target):
        return []  # "инвестор «Газпрома»": the name is the descriptor's complement
    found = []
    for token in reversed(doc[max(0, i - MAX_EPITHETS + 1) : i + 1]):
        if token.lower_ == "и":
            continue
        adjective = adjectives.get(token.i)
        if not (token.is_lower or token.is_sent_start) or not (
            adjective is not None or _adjective(token)
        ):
            break
        # A quoted name right after the adjective need not inflect: "нью-йоркскую
        # «Метрополитен-Опера»" (but "тульским «Арсеналом»" does).
        if adjective is not None and ((quoted and not nouns) or _agree(token, target)):
            found.append(adjective)
    return found


def _adjective(token: Token) -> bool:
    """An adjective, or a word the tagger took for a noun that the dictionary reads as an
    adjective only ("американского кабельного канала")."""
    if token.pos_ == "ADJ":
        return True
    readings = models.parses(token.lower_) if token.pos_ == "NOUN" else []
    return bool(readings) and all(p.tag.POS == "ADJF" for p in readings)


def _descriptors(doc: Doc, i: int, lex: Lexicon, adjectives: dict[int, Span]) -> list[Token]:
    """The common nouns ending at `i` that describe the name after them, nearest first: one,
    or two when the nearer is the genitive of the farther ("производителя удобрений"). A
    place noun ("в российских городах «Ленинград»") describes no organisation."""
    nouns: list[Token] = []
    while i >= 0 and len(nouns) < MAX_DESCRIPTORS and doc[i].pos_ == "NOUN" and doc[i].is_lower:
        if fold(doc[i].lemma_) in lex.place_nouns or (nouns and _case(nouns[-1]) != "Gen"):
            break
        if i in adjectives or _adjective(doc[i]):
            break  # "в нидерландской Gasunie": an adjective the tagger took for a noun
        nouns.append(doc[i])
        i -= 1
    return nouns


def _genitive_complement(name: Token, descriptor: Token) -> bool:
    case, own = set(name.morph.get("Case")), set(descriptor.morph.get("Case"))
    return bool(case) and case == {"Gen"} and "Gen" not in own


def _agree(adjective: Token, noun: Token) -> bool:
    """Case and number agree where both words state them (a Latin name states none), or
    some dictionary reading of the noun has the adjective's case ("российской рок-группы",
    tagged nominative)."""
    for feature in ("Case", "Number"):
        a, b = set(adjective.morph.get(feature)), set(noun.morph.get(feature))
        if a and b and not a & b:
            if feature == "Number" or not _may_agree(adjective, noun.lower_):
                return False
    return True


def _may_agree(adjective: Token, noun: str) -> bool:
    cases = {UD_TO_OC_CASE[c] for c in adjective.morph.get("Case") if c in UD_TO_OC_CASE}
    return any(p.tag.POS == "NOUN" and p.tag.case in cases for p in models.parses(noun))


def part_of_words(doc: Doc, index: MentionIndex, lex: Lexicon) -> list[Relation]:
    """ "«Б», дочерняя компания «А»", "подразделение «А» «Б»": the ORG right after the word (in
    the genitive) is the parent, the ORG the phrase describes is the part."""
    out = []
    orgs = index.by_type["ORG"]
    for k, org in enumerate(orgs):
        words = {fold(t.lemma_) for t in doc[max(0, org.start - 3) : org.start]}
        if not words & lex.part_of_words:
            continue
        child = _described(doc, org, orgs[:k], orgs[k + 1 :])
        if child is not None and not _same_entity(child, org):
            out.append(Relation("PART_OF", child, org, next(iter(words & lex.part_of_words))))
    return out


def _described(doc: Doc, parent: Span, before: list[Span], after: list[Span]) -> Span | None:
    """The ORG a "дочерняя компания X" phrase stands beside (apposition on either side)."""
    for span in reversed(before):
        if span.end < parent.start - 5:  # sorted by start: the rest lie further back
            break
        gap = doc[span.end : parent.start]
        if span.end <= parent.start and len(gap) <= 5 and any(t.text in ",—–(" for t in gap):
            return span
    for span in after:
        if span.start > parent.end + 1:
            break
        if span.start >= parent.end:
            return span
    return None


def bare_unit_parents(doc: Doc, index: MentionIndex, lex: Lexicon) -> list[Relation]:
    """ "«Вектор» … Совет директоров компании одобрил …": a company's unit named without its
    company (`[part_of] bare_units`, a mention with no name inside) is PART_OF the nearest
    outermost ORG with a proper name before it, in its sentence or the previous one
    (decision 110)."""
    if not lex.bare_units:
        return []
    # Only mentions ending on a unit phrase's last word, found on the NORM array in one pass.
    ends = set(positions(doc, frozenset(phrase[-1] for phrase in lex.bare_units)))
    if not ends:
        return []
    out = []
    for org in index.by_type["ORG"]:
        if org.end - 1 not in ends or not _bare_unit(org, lex.bare_units):
            continue
        if index.holder_at.get(org.start) is not org or index.within("ORG", org)[1:]:
            continue
        parent = index.named_before(org[0], back=1, subject=False)
        if parent is not None:
            out.append(Relation("PART_OF", org, parent, "bare_unit"))
    return out


def _bare_unit(org: Span, phrases: frozenset[tuple[str, ...]]) -> bool:
    """The mention's words, with or without its own adjectives, are one of the unit phrases
    ("совета директоров", "нового правления", "наблюдательного совета")."""
    words = tuple(fold(t.lemma_) for t in org)
    nouns = tuple(fold(t.lemma_) for t in org if t.pos_ != "ADJ")
    return words in phrases or nouns in phrases


# --- relations from the parse (candidate sentences) ----------------------------------------


def anchor(span: Span) -> Token:
    """The word of a span whose head lies outside it (its syntactic root)."""
    for token in span:
        if token.is_space:  # "12,5\xa0млн": a no-break space is a token the parser never sees
            continue
        if not (span.start <= token.head.i < span.end) or token.head.i == token.i:
            return token
    return span[0]


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
            if self.lex.triggers.get(fold(token.lemma_)) in classes:
                return token
            if fold(token.lemma_) in self.lex.link_verbs:
                # "доход составил X", "выручка выросла до X": the subject carries the link
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                if subject is not None and self.lex.triggers.get(fold(subject.lemma_)) in classes:
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
            if fold(token.lemma_) != "который":
                return None
            return self._clause_verb(token, classes)
        return None

    def valued_thing_verb(self, price: Token | None) -> Token | None:
        """The money verb of a thing valued at the amount (decision 107): "ему досталась доля
        стоимостью X" → the one it went to; "«Вектор» купил завод стоимостью X" → the buyer.
        NEREL reads a thing worth X that someone receives or gives as X received or spent."""
        if price is None or price.pos_ != "NOUN":
            return None
        if self.lex.triggers.get(fold(price.lemma_)) != "price":
            return None
        token = price
        for _ in range(3):
            if token.head.i == token.i or token.dep_ not in ("nmod", "obj", "nsubj", "appos"):
                return None
            token = token.head
            kind = self.lex.triggers.get(fold(token.lemma_))
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
        if self.lex.triggers.get(fold(noun.lemma_)) != "income":
            return None
        return head if self.lex.triggers.get(fold(head.lemma_)) == "expenditure" else None

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
        if verb is not None and self.lex.triggers.get(fold(verb.lemma_)) in classes:
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
            if t.dep_ == "nmod" and t is not token and fold(token.lemma_) not in self.lex.bodies:
                continue
            span = self.index.holder_at.get(t.i)
            if span is not None and span not in found:
                found.append(span)
        return found

    def agent_token(self, trigger: Token) -> Token | None:
        """Who does it: the subject; the instrumental agent of a passive or a participle;
        for a noun, its genitive; else the subject of the verb it depends on."""
        kids = list(trigger.children)
        if fold(trigger.lemma_) in self.lex.dative_holders:
            return self.dative_of(trigger)  # "фонду поступило 5 млн" (decision 97)
        subj = next((c for c in kids if c.dep_ == "nsubj"), None)
        if subj is not None:
            return subj
        passive = any(c.dep_ == "nsubj:pass" for c in kids) or "Pass" in trigger.morph.get("Voice")
        if passive or trigger.dep_ in ("amod", "acl"):
            agent = next((c for c in kids if _instrumental(c)), None)
            if agent is not None:
                return agent
            if passive:
                return None
        if trigger.pos_ == "NOUN":
            gen = next((c for c in kids if c.dep_ == "nmod" and "Gen" in c.morph.get("Case")), None)
            if gen is not None and gen.i in self.index.holder_at:
                return gen
            own = next((c for c in kids if _possessive(c)), None)
            if own is not None:
                return own  # "его доход": whose, through decision 81
        head = trigger.head
        if trigger.pos_ == "NOUN" and head.i != trigger.i:
            owner = self.noun_owner(trigger, head)
            if owner is not None:
                return owner
            if self.paying_verb(trigger) is not None:
                return None  # "«Вектор» выплатил премию": the payer's, not its income (107)
        if head.i != trigger.i and trigger.dep_ in SHARED_SUBJECT:
            if trigger.dep_ == "nsubj" and trigger.pos_ == "NOUN":
                return None
            controller = self.controller(trigger, head)
            if controller is not None:
                return controller
            found = next((c for c in head.children if c.dep_ == "nsubj" and c.i != trigger.i), None)
            if found is None:
                return self.inherited_subject(head)
            return found
        if trigger.pos_ == "VERB" and trigger.dep_ in ("ccomp", "acl", "advcl"):
            return self.inherited_subject(trigger)
        if trigger.dep_ == "csubj" and head.i != trigger.i:
            return self.controller(trigger, head)  # "компании придётся потратить"
        return None

    def anaphoric_holder(self, token: Token) -> list[Span]:
        """A personal or possessive pronoun ("она", "его доход") standing for a mention
        named before it (decision 81)."""
        if not _pronoun(token, self.lex):
            return []
        found = self.index.antecedent(token, subject=True)
        if found is None:
            kind = self._kind_before(token)
            return self.kind_holder(kind) if kind is not None else []
        return [found] if found is not None else []

    def _kind_before(self, pronoun: Token) -> Token | None:
        """A kind noun of organisations in the nominative, agreeing with the pronoun, in its
        sentence or the previous one: "Компания руководила стройкой. Она согласилась
        выплатить …" (decision 105: the pronoun stands for the company the noun stands for)."""
        number = int(self.index.sentence[pronoun.i])
        for i in range(pronoun.i - 1, -1, -1):
            if int(self.index.sentence[i]) < number - 1:
                return None
            token = self.doc[i]
            if token.pos_ != "NOUN" or fold(token.lemma_) not in self.lex.kind_holders:
                continue
            if "Nom" in token.morph.get("Case") and i not in self.index.holder_at:
                features = {f: set(token.morph.get(f)) for f in ("Number", "Gender")}
                if _agrees(features, pronoun):
                    return token
        return None

    def noun_owner(self, noun: Token, head: Token) -> Token | None:
        """Whose income a noun trigger is, from its verb (decision 85): the dative of a verb
        that gives it ("суд присудил Иванову компенсацию", "перечислил ей премию"); "у X" of
        быть/иметься ("у Смирнова был контракт на $10 млн")."""
        kind = self.lex.triggers.get(fold(noun.lemma_))
        if noun.dep_ == "obj" and kind == "income":
            for c in head.children:
                if c.dep_ in ("iobj", "obl") and _case(c) == "Dat" and not _preposition(c):
                    return c
        if noun.dep_ == "nsubj" and fold(head.lemma_) in self.lex.dative_holders:
            return self.dative_of(head)  # "ей полагается оклад" (decision 97)
        if noun.dep_ == "nsubj" and fold(head.lemma_) in ("быть", "иметься"):
            for c in head.children:
                if c.dep_ == "obl" and _preposition(c) == "у" and c.i in self.index.holder_at:
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
            if fold(token.lemma_) == "тот" and token.head.i != token.i:
                token = token.head  # "в том, что …", "после того, как …"
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
            if subject is not None:
                return subject
        return None

    def dative_of(self, verb: Token) -> Token | None:
        """The bare dative of a verb ("компании поступило", "ей полагается"), or None. An
        abbreviation beside another subject is the dative the tagger could not see: "РСП
        поступил 1 млн" (decision 104: an abbreviation has no case of its own)."""
        kids = [c for c in verb.children if not _preposition(c)]
        found = next(
            (
                c
                for c in kids
                if c.dep_ == "iobj" or (c.dep_ in ("obl", "nsubj") and _case(c) == "Dat")
            ),
            None,
        )
        if found is not None or sum(c.dep_ == "nsubj" for c in kids) < 2:
            return found
        for c in kids:
            span = self.index.holder_at.get(c.i)
            if c.dep_ == "nsubj" and span is not None and _indeclinable(span):
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
        if fold(head.lemma_) in self.lex.subject_control:
            return None
        dative = self.dative_of(head)
        if dative is None:  # "суд обязал компанию выплатить": the object does it
            dative = next((c for c in head.children if c.dep_ == "obj"), None)
        if dative is None:
            return None
        if dative.i in self.index.holder_at or _pronoun(dative, self.lex) or self.holders(dative):
            return dative  # "компании «Вектор» придётся": the name in apposition holds it
        return None

    def kind_holder(self, token: Token) -> list[Span]:
        """A kind noun of organisations as the holder ("Компания получила прибыль") stands for
        the nearest ORG name before it, in its sentence or the previous one, that reads as a
        subject (decision 96)."""
        if token.i in self.index.holder_at or fold(token.lemma_) not in self.lex.kind_holders:
            return []
        found = self.index.named_before(token)
        return [found] if found is not None else []

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

    # facts

    def money_facts(self) -> list[Fact]:
        facts, ends = [], set()
        for amount in self.index.by_type["AMOUNT"]:
            value = amount._.value
            if value is None or value.kind != "money":
                continue
            ends.add(amount.end)
            if not self.doc[amount.start].dep_ or self._restated(amount, ends):
                continue
            trigger = self.trigger_of(amount)
            # Beside the trigger the amount climbs to, verbs that name other sides of the same
            # money make facts of their own (decisions 106, 107); each word makes one fact.
            words = (
                trigger,
                self.relative_trigger(amount),
                self.paying_verb(trigger),
                self.valued_thing_verb(trigger),
            )
            seen = set()
            for word in words:
                if word is not None and word.i not in seen:
                    seen.add(word.i)
                    facts.append(self.money_fact(amount, word))
        return facts

    def _restated(self, amount: Span, ends: set[int]) -> bool:
        """An amount in brackets right after a money amount restates it in another currency
        ("200 млн фунтов (около 300 млн долларов)"): the first one carries the fact
        (decision 106)."""
        i = amount.start - 1
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        return i >= 0 and self.doc[i].text == "(" and i in ends

    def money_fact(self, amount: Span, trigger: Token) -> Fact:
        kind = self.lex.triggers[fold(trigger.lemma_)]
        if kind == "loan":  # "получил кредит": the borrower's income; "выдал кредит": lender's
            verb = self.lex.triggers.get(fold(trigger.head.lemma_))
            kind = "income" if verb == "income" else "expenditure"
        fact = self.new_fact(trigger)
        fact.amount = amount
        agent_token = self.agent_token(trigger) if kind not in ("price", "fine") else None
        if kind == "fine":  # the one fined pays
            agent_token = next((c for c in trigger.children if c.dep_ == "obj"), None)
            kind = "expenditure"
        agents = self.holders(agent_token) if agent_token is not None else []
        if not agents and agent_token is not None:
            agents = self.anaphoric_holder(agent_token) or self.kind_holder(agent_token)
        agents = [a for a in agents if not _overlaps(a, amount)]
        if kind == "deal" and fold(trigger.lemma_) in self.lex.pay_deals:
            # "Кузнецов подписал контракт на 12 млн": a person's contract is their pay
            if any(a.label_ == "PER" for a in agents):
                agents, kind = [a for a in agents if a.label_ == "PER"], "income"
        fact.agent = agents[0] if agents else None
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
        inside = {t.i for t in agent_token.subtree} if agent_token is not None else set()
        self.attach_context(fact, trigger, amount, agents, inside)
        return fact

    def other_party(
        self, trigger: Token, kind: str, agents: list[Span], money: Token
    ) -> list[Span]:
        """Who is on the other side of the money: the payer of an income ("получил от X",
        "получил X долларов от Y"), the buyer of a sale ("продали X за", dative)."""
        found = []
        for child in [*trigger.children, *money.children]:
            if kind == "income" and child.dep_ in ("obl", "nmod") and _preposition(child) == "от":
                found += self.holders(child)
            elif kind == "income" and child.dep_ == "obl" and _preposition(child) == "у":
                # "отсудил 80 млн у «Вектора»" (not a place: "у города Камбарки")
                found += [h for h in self.holders(child) if h.label_ in ("ORG", "PER")]
            elif kind == "sale" and child.dep_ in ("iobj", "obl") and _case(child) == "Dat":
                if not _preposition(child):
                    found += self.holders(child)
        return [s for s in found if s not in agents]

    def priced(self, trigger: Token, kind: str, agents: list[Span]) -> Span | None:
        """What was bought, sold or valued, when it is a mention: the object of a purchase or
        sale, the subject of "стоить"/"оцениваться", the genitive of "стоимость"."""
        wanted = {"price": ("nsubj", "nmod", "nsubj:pass"), "sale": ("obj", "nsubj:pass", "nmod")}
        if kind == "expenditure" and fold(trigger.lemma_) in _BUY:
            wanted["expenditure"] = ("obj", "nmod", "nsubj:pass")
        if kind == "price" and any(c.dep_ == "obj" for c in trigger.children):
            wanted["price"] = ("obj",)  # "агентство оценило состояние в X": the object is priced
        for child in trigger.children:
            if child.dep_ in wanted.get(kind, ()):
                span = self.index.holder_at.get(child.i)
                if span is None and child.dep_ == "obj" and _pronoun(child, self.lex):
                    span = self.index.antecedent(child, False, agents)  # "приобретя его за X"
                if span is None:
                    span = next(iter(self.kind_holder(child)), None)  # "капитализация компании"
                if span is not None and span not in agents:
                    return span
        return None

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
            if self.on_trigger(sector, trigger, amount) and anchor(sector).i not in inside:
                fact.sector = fact.sector or sector
                fact.relations.append(self.relation("AMOUNT_OF", amount, sector, trigger))
                for agent in agents:
                    if agent.label_ == "ORG":
                        fact.relations.append(self.relation("SECTOR_OF", agent, sector, trigger))
        for org in self.index.in_sentence("ORG", number):
            if org in agents or _overlaps(org, amount) or any(_contains(a, org) for a in agents):
                continue
            head = anchor(org)
            if head.head.i == trigger.i and head.dep_ in ("obl", "iobj", "obj"):
                fact.counterpart = fact.counterpart or org  # the other party, any side
            if self.deal_object(org, trigger):
                fact.counterpart = fact.counterpart or org
                fact.relations.append(self.relation("AMOUNT_OF", amount, org, trigger))
        fact.location = self.location(top, agents)

    # AMOUNT_OF (decision 113)

    def on_trigger(self, sector: Span, trigger: Token, amount: Span) -> bool:
        """A SECTOR the money goes to, comes from or measures hangs from the amount's own
        trigger or from the amount ("инвестиции в нефтепереработку на X", "экспорт зерна на
        X"), through at most one noun ("направлены на развитие сельского хозяйства"), never
        through another verb or another amount: a sector elsewhere in the sentence belongs to
        another word ("получил от компании, занимавшейся строительством, X")."""
        token, own, top = anchor(sector), anchor(amount), self.clause(trigger)
        # "должны быть направлены на X", "планирует инвестировать в X": the verb it controls
        targets = {trigger.i, own.i, top.i, *(c.i for c in top.children if c.dep_ == "xcomp")}
        for step in range(2):
            if token.head.i == token.i or (step and token.pos_ in ("VERB", "AUX")):
                return False
            if step and token.i in self.money_heads():
                return False
            token = token.head
            if token.i in targets:
                return True
        return False

    def money_heads(self) -> set[int]:
        """Anchors of the money amounts."""
        if self._money_heads is None:
            self._money_heads = {
                anchor(a).i
                for a in self.index.by_type["AMOUNT"]
                if a._.value is not None and a._.value.kind == "money"
            }
        return self._money_heads

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
            return True
        if head.dep_ == "nmod" and trigger.pos_ == "NOUN":
            # "поглощение «Орбиты»", not "стоимость «Орбиты»" (its own value: decision 113)
            bought = (
                fold(trigger.lemma_) in _BUY
                or self.lex.triggers.get(fold(trigger.lemma_)) == "sale"
            )
            return bought and "Gen" in head.morph.get("Case") and not _preposition(head)
        return head.dep_ == "obl" and _preposition(head) == "в"

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

    def amount_dates(self, amount: Span, top: Token, trigger: Token | None = None) -> list[Span]:
        """Every DATE of the clause headed by `top` that dates `amount`: one hanging from the
        amount itself or from the clause outside any other amount and any other clause; a
        relative clause on a noun trigger dates it too ("кредит на X, который банк выдал в
        2013 году"). A verb coordinated with or controlled by another, or a gerund, takes
        that one's dates when it has none of its own ("за 5 лет провёл … и израсходовал X",
        "намерены в 2020 году инвестировать X", "стал владельцем в 2009 году, приобретя его за
        X"). An amount restating another ("X (около Y по нынешнему курсу)", "X — Y в 2018
        году и Z в 2019 году") takes only the dates hanging from it."""
        number = self.index.sentence[top.i]
        own = anchor(amount)
        others = {
            anchor(a).i
            for a in self.index.in_sentence("AMOUNT", number)
            if not _overlaps(a, amount) and a._.value is not None and a._.value.kind == "money"
        }
        dates = [
            d
            for d in self.index.in_sentence("DATE", number)
            if not _overlaps(d, amount) and not self.term(d)
        ]
        found: list[Span] = []
        for clauses in self._date_clauses(own, top, trigger, others):
            for date in dates:
                if date not in found and any(
                    _climb_to(anchor(date), own, c, others) for c in clauses
                ):
                    found.append(date)
            if found:
                break
        return found

    def _date_clauses(
        self, own: Token, top: Token, trigger: Token | None, others: set[int]
    ) -> Iterator[list[Token | None]]:
        """Where an amount's dates are looked for, nearest first (see amount_dates)."""
        if _under_other(own, top, others):
            yield [None]
            return
        # "должен быть погашен до X": the verb the clause's head controls
        clauses: list[Token | None] = [None, top, *(c for c in top.children if c.dep_ == "xcomp")]
        if trigger is not None and trigger.pos_ == "NOUN":
            clauses += [c for c in trigger.children if c.dep_ in ("acl", "acl:relcl")]
        yield clauses
        head = top
        for _ in range(2):
            if head.head.i == head.i or not _shares_time(head):
                return
            head = head.head
            yield [head]

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
        if any(fold(t.lemma_) in terms for t in words):
            return True
        # "до 5 лет со штрафом до X": a term joined to the fine it comes with
        fine = doc[date.end + 1] if date.end + 1 < len(doc) else None
        joined = after is not None and fold(after.lemma_) in ("с", "со")
        return joined and fine is not None and fold(fine.lemma_) == "штраф"

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
                any(_overlaps(loc, a) for a in agents)
                or self.index.holder_at.get(loc.start) is not loc
            ):
                continue
            head = anchor(loc)
            if head.dep_ in ("obl", "nmod") and self.governed(loc, top, 3):
                return loc
        return None

    def role_relations(self) -> list[Relation]:
        """OWNER_OF, FOUNDED_BY, MEMBER_OF through a role verb (subject and object) or noun
        (genitive and apposition)."""
        roles, out = self.lex.roles, []
        for i in role_positions(self.doc, self.lex.role_words()):
            token = self.doc[i]
            word = fold(token.lemma_)
            for key, (kind, sides) in ROLE_VERBS.items():
                if word in roles.get(key, ()):
                    out += self._verb_role(token, kind, sides)
            for key, (kind, org_first) in ROLE_NOUNS.items():
                if word in roles.get(key, ()):
                    out += self._noun_role(token, kind, org_first)
        return out

    def _verb_role(self, verb: Token, kind: str, sides: tuple[str, str]) -> list[Relation]:
        """`sides`: which argument is the person (or owner) and which the organisation."""
        person = [h for c in verb.children if _argument(c, sides[0]) for h in self.holders(c)]
        orgs = [
            h
            for c in verb.children
            if _argument(c, sides[1])
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
            if c.dep_ == "nmod" and _case(c) == "Gen"
            for h in self.holders(c)
            if h.label_ == "ORG"
        ]
        people = [h for c in noun.children if c.dep_ == "appos" for h in self.holders(c)]
        if noun.dep_ == "appos" and noun.head.i != noun.i:
            people += self.holders(noun.head)
        out = []
        for org in orgs:
            for person in people:
                if person is not org and person.label_ in ("PER", "ORG"):
                    head, tail = (org, person) if org_first else (person, org)
                    out.append(self.relation(kind, head, tail, noun))
        return out

    def sector_facts(self) -> list[Fact]:
        """ORG -> SECTOR through a descriptor noun beside the ORG ("нефтяная компания
        «Лукойл»") or a sector verb whose subject it is ("«Газпром» добывает газ")."""
        facts: dict[int, Fact] = {}
        for org in self.index.by_type["ORG"]:
            head = anchor(org)
            if not head.dep_ or self.index.holder_at.get(head.i) is not org:
                continue
            words = [(w, False) for w in self._sector_words(head)]
            words += [(w, True) for w in self._predicate_words(head)]
            for word, loose in words:
                for sector in self.index.in_sentence("SECTOR", self.index.sentence[head.i]):
                    if _overlaps(sector, org):
                        continue
                    if not (_beside(sector, word) or (loose and _reaches(sector, word))):
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
        if fold(up.lemma_) == "такой" and up.head.i != up.i and first.dep_ in LIST_DEPS:
            words.append(up.head)  # "такие X, как «А»" / "X, таких как «А»"
        elif first.dep_ == "parataxis" and _after_dash(first):
            words.append(up)  # "среди X — «А», «Б»"
        subject = first
        if subject.dep_ == "appos" and fold(subject.head.lemma_) in self.lex.kind_nouns:
            subject = subject.head  # "компания «А» — один из лидеров"
        if subject.dep_ == "nsubj" and subject.head.i != subject.i:
            words += self._predicates(subject.head)
        return words

    def _predicates(self, verb: Token) -> list[Token]:
        """What a subject is said to be: the predicate noun of "являться", "стать",
        "превратиться в", "считаться"; for a nominal predicate "один из X", X."""
        if fold(verb.lemma_) in self.lex.copulas:
            return [
                c
                for c in verb.children
                if c.dep_ == "xcomp" or (c.dep_ == "obl" and _preposition(c) in ("в", ""))
                if c.pos_ in ("NOUN", "ADJ", "NUM", "PRON")
            ]
        if verb.pos_ in ("NOUN", "NUM", "ADJ", "PRON"):
            among = [c for c in verb.children if c.dep_ == "nmod" and _preposition(c) == "из"]
            return among or [verb]
        return []

    def _sector_words(self, head: Token) -> list[Token]:
        words = []
        token = head
        # "производитель удобрений «ФосАгро»": the name may hang from the descriptor's own
        # modifier, so the descriptor is looked for two heads up.
        for _ in range(2):
            if token.head.i == token.i or token.dep_ not in DESCRIBED:
                break
            token = token.head
            if fold(token.lemma_) in self.lex.sector_words:
                words.append(token)
                break
            among = self._predicates(token) if fold(token.lemma_) == "один" else []
            if any(fold(w.lemma_) in self.lex.sector_words for w in among):
                words += among  # "одного из лидеров парфюмерии «А»" (decision 118)
                break
        for child in head.children:
            if child.dep_ == "appos" and fold(child.lemma_) in self.lex.sector_words:
                words.append(child)
        subject = head
        if head.dep_ == "appos" and fold(head.head.lemma_) in self.lex.kind_nouns:
            subject = head.head  # "Компания «Орбита» занимается строительством"
        if subject.dep_ == "nsubj" and fold(subject.head.lemma_) in self.lex.sector_words:
            words.append(subject.head)
        # "компании «Орбита», занимающейся строительством": a participle on the name or on
        # the descriptor it stands in apposition to (decision 114 b)
        nouns = [head, head.head] if head.dep_ in ("appos", "flat:name") else [head]
        for noun in nouns:
            words += [
                c
                for c in noun.children
                if c.dep_ == "acl" and fold(c.lemma_) in self.lex.sector_words
            ]
        # Guideline 41 puts the organisation noun inside a SECTOR mention ("издательскому
        # дому Conde Nast"): the name in apposition to that noun takes its sector.
        if head.dep_ in DESCRIBED and head.head.i in self.sector_heads():
            words.append(head.head)
        return words

    def sector_heads(self) -> set[int]:
        """Token indices that head a SECTOR mention."""
        if self._sector_heads is None:
            self._sector_heads = {anchor(s).i for s in self.index.by_type["SECTOR"]}
        return self._sector_heads

    def new_fact(self, trigger: Token) -> Fact:
        return Fact(
            trigger=fold(trigger.lemma_),
            trigger_i=trigger.i,
            polarity="negative" if self.negated(trigger) else "positive",
            modality="planned" if self.planned(trigger) else "done",
        )

    def negated(self, trigger: Token) -> bool:
        tokens = [trigger, *([trigger.head] if trigger.dep_ in ("xcomp",) else [])]
        return any(fold(c.lemma_) in self.lex.negation for t in tokens for c in t.children)

    def planned(self, trigger: Token) -> bool:
        token = trigger
        for _ in range(3):
            if fold(token.lemma_) in self.lex.modal or "Fut" in token.morph.get("Tense"):
                return True
            if any(_future_aux(c) for c in token.children):
                return True
            if any(fold(c.lemma_) in self.lex.modal for c in token.children if c.dep_ != "obj"):
                return True
            if token.head.i == token.i:
                break
            token = token.head
        return False

    def relation(self, kind: str, head: Span, tail: Span, trigger: Token) -> Relation:
        return Relation(kind, head, tail, fold(trigger.lemma_), trigger.i)


_BUY = frozenset(
    {"купить", "покупать", "приобрести", "приобретать", "покупка", "приобретение", "выкупить",
     "выкупать", "закупить", "закупать", "закупка"}
)  # fmt: skip


# role verbs: (relation type, (the person's argument, the organisation's argument))
ROLE_VERBS = {
    "owner_verbs": ("OWNER_OF", ("subject", "object")),  # X владеет Y
    "owned_verbs": ("OWNER_OF", ("dative", "subject")),  # Y принадлежит X
    "founder_verbs": ("FOUNDED_BY", ("subject", "object")),  # X основал Y
    "member_verbs": ("MEMBER_OF", ("subject", "в")),  # X вступил в Y
}


def _under_other(own: Token, top: Token, others: set[int]) -> bool:
    """An amount that hangs from another amount of its clause, not as its conjunct: a
    restatement or a comparison ("X (около Y …)", "X — Y в 2018 году и Z в 2019 году", "X в
    2021 году против Y годом ранее"), which takes only the dates hanging from it."""
    if _preposition(own) == "против" or _bracketed_after(own, others):
        return True  # "X против Y годом ранее", "X (около Y по нынешнему курсу)"
    token = own
    for _ in range(4):
        if token.i == top.i or token.head.i == token.i:
            return False
        if token.dep_ == "conj" and token.head.i in others:
            return False  # "долг в 3 млрд и 75 млн": one debt, one date
        token = token.head
        if token.i in others:
            return True
    return False


def clause_head(token: Token, depth: int = 8) -> Token:
    """The verb whose clause a word belongs to, or the root of its sentence."""
    for _ in range(depth):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
    return token


def _shares_time(verb: Token) -> bool:
    """A verb coordinated with its head, controlled by it, or a gerund on it: it happens when
    its head does ("провёл … и израсходовал", "намерены инвестировать", "приобретя")."""
    if verb.dep_ in ("conj", "xcomp"):
        return True
    return verb.dep_ == "advcl" and "Conv" in verb.morph.get("VerbForm")


def _bracketed_after(own: Token, others: set[int]) -> bool:
    """An amount opening a bracket right after another amount: "X (около Y …)"."""
    doc, i = own.doc, own.left_edge.i
    if doc[i].text != "(":
        i -= 1
        while i >= 0 and (doc[i].is_space or doc[i].pos_ == "ADP" or doc[i].is_quote):
            i -= 1
        if i < 0 or doc[i].text != "(":
            return False
    return any(k in others for k in range(max(i - 2, 0), i))


def _climb_to(start: Token, amount: Token, top: Token | None, others: set[int]) -> bool:
    """Whether a date word reaches `amount` (top None) or the clause head `top` through
    its heads without passing another amount or another clause's verb."""
    token = start
    for _ in range(8):
        if token.i == amount.i:
            return True
        if top is not None and token.i == top.i:
            return True
        if token.i in others:
            return False
        if token.i != start.i and token.pos_ in ("VERB", "AUX"):
            return False
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _argument(token: Token, role: str) -> bool:
    if role == "subject":
        return token.dep_ == "nsubj"
    if role == "object":
        return token.dep_ == "obj"
    if role == "dative":
        return token.dep_ in ("obl", "iobj") and _case(token) == "Dat" and not _preposition(token)
    return token.dep_ == "obl" and _preposition(token) == role


def role_positions(doc: Doc, words: frozenset[str]) -> list[int]:
    """Parsed tokens whose folded lemma (NORM) is a role word, from two arrays."""
    if not words or not len(doc):
        return []
    hashes = np.array([doc.vocab.strings.add(w) for w in words], dtype=np.uint64)
    norms, deps = doc.to_array(NORM), doc.to_array(DEP)
    return np.flatnonzero(np.isin(norms, hashes) & (deps != 0)).tolist()


# (relation type, whether the relation's head is the organisation)
ROLE_NOUNS = {
    "owner_nouns": ("OWNER_OF", False),
    "founder_nouns": ("FOUNDED_BY", True),
    "member_nouns": ("MEMBER_OF", False),
}


def _pronoun(token: Token, lex: Lexicon) -> bool:
    if token.pos_ == "PRON" and fold(token.lemma_) in lex.pronouns:
        return True
    # "(та получила прибыль …)": a demonstrative standing alone as the subject (decision 104)
    demonstrative = token.dep_ == "nsubj" and fold(token.lemma_) in lex.demonstratives
    return demonstrative or _possessive(token)


def _possessive(token: Token) -> bool:
    return token.pos_ == "DET" and fold(token.lower_) in POSSESSIVES


# Possessive pronouns (closed-class grammar, not a lexicon) and the features of the mention
# they stand for: "его" does not inflect for its owner, so its morph says nothing.
POSSESSIVES = {
    "его": {"Number": {"Sing"}, "Gender": {"Masc", "Neut"}},
    "ее": {"Number": {"Sing"}, "Gender": {"Fem"}},
    "их": {"Number": {"Plur"}},
}


def _agrees(features: dict[str, set[str]], pronoun: Token) -> bool:
    """The features agree where both words state them (`features`: of the mention)."""
    for feature, values in features.items():
        stated = _stated(pronoun, feature)
        if values and stated and not values & set(stated):
            return False
    return True


def _stated(pronoun: Token, feature: str) -> tuple[str, ...]:
    """A pronoun's gender or number; a possessive's from POSSESSIVES ("его" does not inflect
    for its owner, so its morph says nothing)."""
    if _possessive(pronoun):
        return tuple(POSSESSIVES[fold(pronoun.lower_)].get(feature, ()))
    return tuple(pronoun.morph.get(feature))


def _bracketed(span: Span, longest: int = 30) -> bool:
    """A mention inside brackets: an aside ("(Ханты-Мансийский округ)", "(«А», «Б»)") names
    no actor a pronoun stands for. Looks back a few words within the sentence only."""
    doc = span.doc
    for i in range(span.start - 1, max(span.start - longest, 0) - 1, -1):
        text = doc[i].text
        if text == ")" or (doc[i].is_sent_start and text != "("):
            return False
        if text == "(":
            return True
    return False


def _indeclinable(span: Span, latin: bool = False) -> bool:
    """An abbreviation ("МУС", "ФНС") or, with `latin`, a name in Latin letters ("Google"):
    it does not inflect, so the tagger's case says nothing."""
    if len(span) == 1 and span[0].is_upper and len(span[0].text) > 1:
        return True
    words = [t for t in span if t.is_alpha]
    return latin and bool(words) and all(t.is_ascii for t in words)


PERSONAL = frozenset({"он", "она", "оно", "они"})


def _preposition(token: Token) -> str:
    return next((fold(c.lemma_) for c in token.children if c.dep_ == "case"), "")


def _case(token: Token) -> str:
    return next(iter(token.morph.get("Case")), "")


def _future_aux(token: Token) -> bool:
    """ "будет инвестировать": the auxiliary быть in a non-past form."""
    return (
        token.dep_.startswith("aux")
        and fold(token.lemma_) == "быть"
        and ("Past" not in token.morph.get("Tense"))
    )


def _instrumental(token: Token) -> bool:
    return token.dep_ in ("obl", "obl:agent") and "Ins" in token.morph.get("Case")


LIST_DEPS = ("obl", "nmod", "appos", "conj", "parataxis")  # "таких как X" as parsed


def _after_dash(token: Token) -> bool:
    """A word right after a dash or a colon ("учреждений — «А»")."""
    i = token.i - 1
    while i >= 0 and (token.doc[i].is_space or token.doc[i].is_quote):
        i -= 1
    return i >= 0 and token.doc[i].text in ("—", "–", "-", ":")


def _reaches(sector: Span, word: Token, depth: int = 3) -> bool:
    """A sector inside the noun phrase of `word`: its head climbs to the word through nouns
    and adjectives only ("один из лидеров продаж семян" -> "семян")."""
    token = anchor(sector)
    for _ in range(depth):
        if token.i == word.i:
            return True
        if token.head.i == token.i or token.dep_ not in ("nmod", "amod", "conj", "obl", "appos"):
            return False
        if token.dep_ == "conj" and token.head.i == word.i:
            return False  # "фирмы …, а также авиакомпания": another noun of the list
        token = token.head
        if token.i != word.i and token.pos_ in ("VERB", "AUX"):
            return False
    return token.i == word.i


def _beside(sector: Span, word: Token) -> bool:
    """A sector that is the descriptor word itself or one of its modifiers."""
    head = anchor(sector)
    deps = ("amod", "nmod", "obj", "obl") if word.pos_ == "VERB" else ("amod", "nmod", "obj")
    return head.i == word.i or (head.head.i == word.i and head.dep_ in deps)


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


@Language.factory("relation_rules", default_config={"lexicon": None})
def make_relation_rules(nlp: Language, name: str, lexicon: str) -> RelationRules:
    return RelationRules(nlp, name, lexicon)


# --- seats from Latin place names in Latin organisation names (guideline 98) ---------------


def latin_name_seats(doc: Doc, index: MentionIndex) -> list[Relation]:
    """HEADQUARTERED_IN(ORG -> PLACE_ADJ) for a Latin place name inside a Latin ORG name, of
    pipeline/stages/rules/latin_places.py: "Chicago Bulls", "Bank of America". The first such
    place of the smallest ORG holding it only ("Paris Match Belgique": Paris)."""
    places = doc.spans[PLACE_ADJ] if PLACE_ADJ in doc.spans else []
    out, seated = [], set()  # ORGs by (start, end)
    for place in places:
        if not place.text[:1].isascii() or not place.text[:1].isalpha():
            continue  # a Russian place adjective: adjective_seats reads those
        org = _smallest_org(index, place)
        if org is not None and (org.start, org.end) not in seated and org.text != place.text:
            seated.add((org.start, org.end))
            out.append(Relation("HEADQUARTERED_IN", org, place, "latin_place"))
    return out


# --- seats from Russian place names the tagger left inside ORG names (guideline 102) ---------

NAME_PLACE_STAGE = "latin_place_rules"  # the stage that finds them (rules/latin_places.py)


def name_place_seats(doc: Doc, index: MentionIndex, lex: Lexicon) -> list[Relation]:
    """HEADQUARTERED_IN(ORG -> PLACE_ADJ) for a Russian place name inside a Cyrillic ORG name
    that the tagger did not make a LOC: closing the name as a nested LOC would (decision 80:
    "Университет Рочестера", "ФК «Тамбов»"), or opening a transliterated name of capitalised
    words ("«Манчестер Юнайтед»", "«Сент-Луис Блюз»")."""
    places = doc.spans[PLACE_ADJ] if PLACE_ADJ in doc.spans else []
    out = []
    for place in places:
        if place._.stage != NAME_PLACE_STAGE or place.text[:1].isascii():
            continue
        org = _smallest_org(index, place)
        if org is None or _mission(org, lex) or index.within("LOC", org):
            continue
        words = [t for t in org if t.is_alpha]
        closes = _name_end(org) == place.end and _seat_inside(org, place, lex)
        opens = place.start == org.start and all(t.text[:1].isupper() for t in words)
        if closes or opens:
            out.append(Relation("HEADQUARTERED_IN", org, place, "name_place"))
    return out


def _name_end(org: Span) -> int:
    """The end of the name's words, past closing quotes: "ФК «Тамбов»" ends at "Тамбов"."""
    end = org.end
    while end > org.start and org.doc[end - 1].text in CLOSING:
        end -= 1
    return end


# --- a seat shared by coordinated names (guideline 101) --------------------------------------

COORDINATION = frozenset({"и"})


def coordinated_seats(
    doc: Doc, index: MentionIndex, relations: list[Relation], lex: Lexicon
) -> list[Relation]:
    """ "Госсовета и Совета министров Кубы", "МВД и Верховного суда Венесуэлы": a place that
    closes the last of coordinated ORG names, as its seat, is the seat of each name before it
    joined by "и", in the same case, that has no place of its own (decision 101)."""
    joined = [
        r
        for r in relations
        if r.type == "HEADQUARTERED_IN" and r.trigger == "nested" and r.head.start > 0
        and doc[r.head.start - 1].lower_ in COORDINATION and _name_end(r.head) == r.tail.end
    ]  # fmt: skip
    if not joined:
        return []
    ends = {org.end: org for org in index.by_type["ORG"] if not _inside_other(org, index)}
    seated = {(r.head.start, r.head.end) for r in relations if r.type == "HEADQUARTERED_IN"}
    out = []
    for r in joined:
        last, i = r.head, r.head.start
        while i > 0 and doc[i - 1].lower_ in COORDINATION:
            before = ends.get(i - 1)
            if before is None or (before.start, before.end) in seated or _mission(before, lex):
                break
            if index.within("LOC", before) or not _same_case(before, last):
                break
            if _quoted_or_latin(doc, before):
                break  # "компания «Вектор» и правительство Японии": a brand is a whole name
            out.append(Relation("HEADQUARTERED_IN", before, r.tail, "coordination"))
            i = before.start
    return out


def _same_case(a: Span, b: Span) -> bool:
    """The first nouns of two names share a case, where both state one."""
    first = [next((t for t in s if t.pos_ in ("NOUN", "PROPN")), s[0]) for s in (a, b)]
    cases = [set(t.morph.get("Case")) for t in first]
    return not (cases[0] and cases[1]) or bool(cases[0] & cases[1])
