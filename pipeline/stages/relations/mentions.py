"""Mentions by token: which holder covers a word, which spans of a type a sentence holds, and the
pronoun and agreement tests that pick an antecedent among them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from pipeline.stages.morphology import fold
from pipeline.stages.relations.lexicon import Lexicon
from pipeline.stages.syntax import sentence_numbers

HOLDERS = ("ORG", "PER", "LOC")
ROLE_BACK = 1  # sentences back a role noun looks for its person (decision 128)
KIND_BACK = 2  # sentences back a kind noun looks for its named organisation (decision 105)


class MentionIndex:
    """The mentions of a Doc by token: which holder covers a word, which spans of a type a
    sentence holds. Built once per Doc, linear in its mentions."""

    def __init__(self, doc: Doc, pronouns: frozenset[str]) -> None:
        # personal pronouns that name a referent again (`[agents] pronouns` of the lexicon);
        # no default: an index built without them would silently read no pronoun chain
        self.pronouns = pronouns
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
        self._longest: dict[tuple[str, ...], dict[int, Span]] = {}
        self._ending: dict[tuple[tuple[str, ...], bool], dict[int, Span]] = {}

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
            if agrees(self.features(span), pronoun):
                found = span
                break
        if depth:
            earlier = self._pronoun_before(pronoun, found.end if found is not None else None)
            if earlier is None and found is None:
                # "X … У неё было … Она получала": with no mention to stand for, a pronoun in
                # any case before it names the same referent and carries the chain (decision 181)
                earlier = self._pronoun_before(pronoun, None, oblique=True)
            if earlier is not None:
                return self.antecedent(earlier, True, skip, depth - 1) or found
        return self.nearest_of(found, pronoun) if found is not None else None

    def _pronoun_before(
        self, pronoun: Token, after: int | None, oblique: bool = False
    ) -> Token | None:
        """A nominative personal pronoun (any case when `oblique`) of the same gender and
        number as `pronoun` between `after` (or the previous sentence's start) and it: the
        same referent, named again."""
        doc, number = pronoun.doc, int(self.sentence[pronoun.i])
        for i in range(pronoun.i - 1, -1, -1):
            if int(self.sentence[i]) < number - 1 or (after is not None and i < after):
                return None
            token = doc[i]
            if token.pos_ != "PRON" or not (oblique or "Nom" in token.morph.get("Case")):
                continue
            if token.norm_ not in self.pronouns:
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

    def person_before(
        self, noun: Token, list_joins: frozenset[str], back: int = ROLE_BACK
    ) -> Span | None:
        """The nearest outermost PER mention before a role noun, in its sentence or the `back`
        before it, that reads as a subject and is not an aside in brackets (decision 128:
        "Полина Попова стала «Мисс Россия». Победительнице вручили …"). Only earlier
        sentences: a person named before the role noun in its own sentence is another party
        ("адвокат Колодни заявил, что его подзащитный …"), and so is a speaker before a colon
        ("Президент лиги рассказал: Победитель получит …", which the tokenizer may split).
        A person in a list ("А, Б и В"; `list_joins`, `[agents] list_joins`) is no one
        referent. A feminine role noun wants a person who is not stated masculine; a masculine
        one may stand for a woman ("глава", "директор")."""
        number = int(self.sentence[noun.i])
        feminine = "Fem" in noun.morph.get("Gender")
        for k in range(bisect_left(self._holder_starts, noun.i) - 1, -1, -1):
            span = self._holders[k]
            if int(self.sentence[span.start]) < number - back:
                return None
            if span.label_ != "PER" or int(self.sentence[span.start]) == number:
                continue
            if self.holder_at.get(span.start) is not span or _bracketed(span):
                continue
            if not self._subject_like(span, anchor(span)):
                continue
            gender = self.features(span).get("Gender", set())
            if feminine and gender and "Fem" not in gender:
                continue
            colon = any(t.text == ":" for t in noun.doc[span.end : noun.i])
            if colon or self._listed(span, list_joins):
                return None
            return span
        return None

    def _listed(self, span: Span, joins: frozenset[str]) -> bool:
        """A person joined to another person before it by "и" or a comma (`joins`): one of a
        list."""
        doc, i = span.doc, span.start - 1
        if i < 1 or fold(doc[i].lower_) not in joins:
            return False
        before = self.holder_at.get(i - 1)
        return before is not None and before.label_ == "PER"

    def _subject_like(self, span: Span, head: Token, latin: bool = False) -> bool:
        """In the nominative, opening its sentence (the tagger misreads foreign names) or
        with no case at all: an abbreviation, or (`latin`, for organisations a kind noun
        stands for) a name in Latin letters ("Google", whatever case the tagger gives it)."""
        first = self._opens_sentence(span)
        case = head.morph.get("Case")
        return first or "Nom" in case or not case or abbreviation_or_latin(span, latin)

    def _opens_sentence(self, span: Span, modifiers: int = 2) -> bool:
        """The mention opens its sentence, past at most `modifiers` adjectives of its own
        ("33-летнего Иванова обвиняют …": the topic, decision 146)."""
        i = span.start - 1
        while i >= 0 and self.sentence[i] == self.sentence[span.start]:
            if modifiers == 0 or span.doc[i].pos_ != "ADJ":
                return False
            modifiers -= 1
            i -= 1
        return True

    def in_sentence(self, label: str, number: int) -> list[Span]:
        return self._by_sentence.get((label, int(number)), [])

    def starting_at(self, label: str, start: int) -> list[Span]:
        """Spans of `label` starting at token `start` (a bisect of the sorted starts)."""
        starts, spans = self._starts[label], self.by_type[label]
        return spans[bisect_left(starts, start) : bisect_right(starts, start)]

    def longest_by_start(self, *labels: str) -> dict[int, Span]:
        """Token -> the longest span of `labels` starting there (the first of equal length, in
        the order of `labels`), built once per Doc and labels."""
        if labels not in self._longest:
            out: dict[int, Span] = {}
            for span in (s for label in labels for s in self.by_type[label]):
                if span.start not in out or len(span) > len(out[span.start]):
                    out[span.start] = span
            self._longest[labels] = out
        return self._longest[labels]

    def by_end(self, *labels: str, longest: bool = False) -> dict[int, Span]:
        """Token end -> a span of `labels` ending there, built once per Doc and labels: the
        last in `labels`' order and start order (the shortest of one label), or with
        `longest` the first (the longest of one label). Shared: readers must not change it."""
        key = (labels, longest)
        if key not in self._ending:
            spans = [s for label in labels for s in self.by_type[label]]
            self._ending[key] = {s.end: s for s in (reversed(spans) if longest else spans)}
        return self._ending[key]

    def within(self, label: str, outer: Span) -> list[Span]:
        """Spans of `label` starting inside `outer` (sorted starts, so no scan of the Doc)."""
        starts, spans = self._starts[label], self.by_type[label]
        first, last = bisect_left(starts, outer.start), bisect_left(starts, outer.end)
        return [s for s in spans[first:last] if s.end <= outer.end]


def contains(outer: Span, inner: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and len(outer) > len(inner)


def same_entity(a: Span, b: Span) -> bool:
    return a._.entity_id is not None and a._.entity_id == b._.entity_id


# --- relations from the parse (candidate sentences) ----------------------------------------


def anchor(span: Span) -> Token:
    """The word of a span whose head lies outside it (its syntactic root)."""
    for token in span:
        if token.is_space:  # "12,5\xa0млн": a no-break space is a token the parser never sees
            continue
        if token.is_punct and token.i + 1 < span.end:
            continue  # "50 тыс. долларов": the parser may hang an abbreviation's dot outside
        if not (span.start <= token.head.i < span.end) or token.head.i == token.i:
            return token
    return span[0]


def is_pronoun(token: Token, lex: Lexicon) -> bool:
    if token.pos_ == "PRON" and token.norm_ in lex.pronouns:
        return True
    # "(та получила прибыль …)": a demonstrative standing alone as the subject (decision 104)
    demonstrative = token.dep_ == "nsubj" and token.norm_ in lex.demonstratives
    return demonstrative or is_possessive(token)


def is_possessive(token: Token) -> bool:
    return token.pos_ == "DET" and fold(token.lower_) in POSSESSIVES


# Possessive pronouns (closed-class grammar, not a lexicon) and the features of the mention
# they stand for: "его" does not inflect for its owner, so its morph says nothing.
POSSESSIVES = {
    "его": {"Number": {"Sing"}, "Gender": {"Masc", "Neut"}},
    "ее": {"Number": {"Sing"}, "Gender": {"Fem"}},
    "их": {"Number": {"Plur"}},
}


def agrees(features: dict[str, set[str]], pronoun: Token) -> bool:
    """The features agree where both words state them (`features`: of the mention)."""
    for feature, values in features.items():
        stated = _stated(pronoun, feature)
        if values and stated and not values & set(stated):
            return False
    return True


def _stated(pronoun: Token, feature: str) -> tuple[str, ...]:
    """A pronoun's gender or number; a possessive's from POSSESSIVES ("его" does not inflect
    for its owner, so its morph says nothing)."""
    if is_possessive(pronoun):
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


def abbreviation_or_latin(span: Span, latin: bool = False) -> bool:
    """An abbreviation ("МУС", "ФНС") or, with `latin`, a name in Latin letters ("Google"):
    it does not inflect, so the tagger's case says nothing."""
    if len(span) == 1 and span[0].is_upper and len(span[0].text) > 1:
        return True
    words = [t for t in span if t.is_alpha]
    return latin and bool(words) and all(t.is_ascii for t in words)


def overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def is_money(amount: Span) -> bool:
    """An AMOUNT whose value is a sum of money."""
    return amount._.value is not None and amount._.value.kind == "money"
