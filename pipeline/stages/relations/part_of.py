"""PART_OF: an organisation nested in another ("Институт ... РАН"), joined by a part-of word
("дочерняя компания X"), or a bare unit ("совет директоров") of the nearest named one.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from pipeline import models
from pipeline.stages.quotes import (
    ANY_QUOTE_OR_APOSTROPHE,
    NAME_OPENING_QUOTES,
    NAME_QUOTES,
)
from pipeline.stages.relations.lexicon import Lexicon
from pipeline.stages.relations.mentions import MentionIndex, contains, same_entity
from pipeline.stages.relations.records import Relation
from pipeline.stages.relations.seats import nested_seat
from pipeline.stages.relations.words import TYPOGRAPHIC_DASHES, field_topic
from pipeline.stages.rules.lexicon import positions

# --- relations from the shape of mentions (every sentence) ---------------------------------


def nested_relations(doc: Doc, index: MentionIndex, lex: Lexicon) -> Iterator[Relation]:
    """PART_OF for an ORG nested in an ORG (the largest one not starting where the outer
    starts, unless only adjectives stand before it); HEADQUARTERED_IN for a LOC inside an ORG
    name, given to the smallest ORG holding it (decisions 72, 73, 79)."""
    seat_of: dict[tuple[int, int], Span] = {}
    links: list[Relation] = []
    restated: dict[tuple[int, int], Span] = {}  # a name -> the same name with its epithets
    for outer in index.by_type["ORG"]:
        inner = [
            o for o in index.within("ORG", outer)
            if outer.start < o.start and not same_entity(o, outer)
        ]  # fmt: skip
        for child in _parents_past_topics(_outermost(inner), outer, index, lex):
            if doc[child.start - 1].lower_ in lex.attached_prepositions:
                continue  # "Совет при Президенте", "школа при ЦК": set up by it (decision 109)
            if _institution_of(doc[outer.start : child.start], child, lex):
                continue  # "Институт археологии РАН", "Академия ФСБ": its own body (123)
            if not _epithets_only(doc[outer.start : child.start], lex.kind_nouns):
                links.append(Relation("PART_OF", outer, child, "nested"))
            elif child.end == outer.end and _adjectives_only(doc[outer.start : child.start]):
                key = (child.start, child.end)
                if key not in restated or len(outer) > len(restated[key]):
                    restated[key] = outer
        for loc in index.within("LOC", outer):
            if outer.start < loc.start and nested_seat(outer, loc, lex, index):
                old = seat_of.get((loc.start, loc.end))
                if old is None or len(outer) < len(old):
                    seat_of[(loc.start, loc.end)] = outer
    for link in links:
        yield _with_epithets(link, restated)
    for (start, end), org in seat_of.items():
        loc = next(s for s in index.within("LOC", org) if (s.start, s.end) == (start, end))
        yield Relation("HEADQUARTERED_IN", org, loc, "nested")


def _outermost(spans: list[Span]) -> list[Span]:
    return [o for o in spans if not any(p is not o and contains(p, o) for p in spans)]


def _parents_past_topics(
    inner: list[Span], outer: Span, index: MentionIndex, lex: Lexicon
) -> list[Span]:
    """The names nested in `outer` that may be its parent: a field's topic is none
    ("комитет по делам [СНГ]", decision 185), but a name the topic's mention runs on into
    is ("комитета по делам [СНГ [Госдумы]]": the committee's parliament)."""
    out = []
    for child in inner:
        if not field_topic(outer.doc, child.start, outer.start, lex.topic_fields):
            out.append(child)
            continue
        out += _outermost([o for o in index.within("ORG", child) if o.start > child.start])
    return out


def _with_epithets(link: Relation, restated: dict[tuple[int, int], Span]) -> Relation:
    """The part is its whole name, the unit's own adjectives included: "[исполнительный
    [Совет [ВАДА]]]" → "исполнительный Совет ВАДА" PART_OF "ВАДА", not the name without
    them that the mention rules keep nested (decision 153)."""
    head = link.head
    while (head.start, head.end) in restated:
        head = restated[(head.start, head.end)]
    return link if head is link.head else Relation("PART_OF", head, link.tail, link.trigger)


def _adjectives_only(words: Span) -> bool:
    return len(words) > 0 and all(_adjective(t) for t in words)


def _adjective(token: Token) -> bool:
    """An adjective for the tagger that the dictionary does not read as a noun: the tagger
    also calls an indeclinable "политбюро" before "центрального комитета" an adjective."""
    return token.pos_ == "ADJ" and not str(token._.tag).startswith("NOUN")


def _institution_of(words: Span, parent: Span, lex: Lexicon) -> bool:
    """An institution of its own kind (`[part_of] institutions`: институт, академия, школа,
    театр, музей …) named with the body it serves is no structural part of it (decision
    123): "[Институт археологии [РАН]]", "[Высшая школа [КГБ]]", "[Центральный театр
    [Российской армии]]". A university's institutes and schools are its units
    (`[part_of] institution_parents`): "[Медицинская школа [Университета Питтсбурга]]"."""
    head = _first_noun(words)
    if head is None or head not in lex.institutions:
        return False
    return _first_noun(parent) not in lex.institution_parents


def _first_noun(words: Span) -> str | None:
    return next((t.norm_ for t in words if t.pos_ in ("NOUN", "PROPN")), None)


def coordinated_units(
    doc: Doc, index: MentionIndex, relations: list[Relation], lex: Lexicon
) -> list[Relation]:
    """ "[Генеральная ассамблея] и [Совет Безопасности [ООН]]": units joined by "и" or commas
    before a unit whose parent closes it share that parent (decision 121). A conjunct is
    PART_OF it when it is a body named by common words (no quotes, abbreviation, Latin or
    proper noun), headed by a unit word (`[part_of] unit_heads`), in the case of the unit
    the parent closes, and holds no ORG of its own."""
    if not lex.unit_heads:
        return []
    out = []
    ends = index.by_end("ORG", longest=True)  # the longest ending there
    for rel in relations:
        if rel.type != "PART_OF" or rel.trigger != "nested" or rel.tail.end != rel.head.end:
            continue
        unit, parent = rel.head, rel.tail
        case = _head_case(doc[unit.start : parent.start])
        k = unit.start - 1
        while k > 0 and doc[k].lower_ in lex.unit_list_joins:
            conjunct = ends.get(k)
            if conjunct is None or not _plain_unit(conjunct, parent, case, index, lex):
                break
            out.append(Relation("PART_OF", conjunct, parent, "coordinated"))
            k = conjunct.start - 1
    return out


def _head_case(words: Span) -> set[str]:
    nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN")]
    return set(nouns[0].morph.get("Case")) if nouns else set()


def _plain_unit(
    span: Span, parent: Span, case: set[str], index: MentionIndex, lex: Lexicon
) -> bool:
    """A body named by common words and headed by a unit word, in `case`, no ORG inside."""
    if span.start >= parent.start or index.within("ORG", span)[1:]:
        return False
    for t in span:
        if t.text in ANY_QUOTE_OR_APOSTROPHE or t.pos_ == "PROPN" or (t.is_ascii and t.is_alpha):
            return False  # «Вектор», a proper noun, a Latin name: named, not a common unit
        if t.is_upper and len(t) > 1:
            return False  # an abbreviation
    nouns = [t for t in span if t.pos_ == "NOUN"]
    return (
        bool(nouns)
        and nouns[0].norm_ in lex.unit_heads
        and bool(case & set(nouns[0].morph.get("Case")))
    )


def _epithets_only(words: Span, kinds: frozenset[str]) -> bool:
    """ "левоцентристской Демократической партии", "компании Apple": adjectives and the kind
    of body before a name describe that body, they do not make a parent of it (decision 79)."""
    return len(words) > 0 and all(
        (_adjective(t) and (t.is_lower or _dictionary_adjective(t)))
        or (t.is_lower and t.norm_ in kinds)
        for t in words
    )


def _dictionary_adjective(token: Token) -> bool:
    """A capitalised adjective of a name ("Приморского [Государственного университета]",
    decision 108) that the dictionary reads as an adjective only: the tagger also calls a
    sentence-initial "Пресс-служба" an adjective."""
    readings = models.parses(token.lower_)
    return bool(readings) and all(p.tag.POS in ("ADJF", "ADJS") for p in readings)


def part_of_words(doc: Doc, index: MentionIndex, lex: Lexicon) -> list[Relation]:
    """ "«Б», дочерняя компания «А»", "подразделение «А» «Б»": the ORG right after the word (in
    the genitive, maybe after its own kind: "дочерняя компания банка «А»") is the parent,
    the ORG the phrase describes is the part (decision 155)."""
    # Only names with a part-of word shortly before them, found on the NORM array in one pass.
    words = positions(doc, lex.part_of_words)
    if not words:
        return []
    near = {i + step for i in words for step in range(1, 9)}
    out, parts = [], set()
    orgs = index.by_type["ORG"]
    for k, org in enumerate(orgs):
        if org.start not in near:
            continue
        phrase = _descriptor_start(doc, org.start, lex.part_of_words)
        window = doc[max(0, phrase - 3) : phrase]
        found = [t for t in window if t.norm_ in lex.part_of_words]
        if not found:
            continue
        child = _described(doc, orgs, k, found[0].i, lex.part_of_verbs)
        if child is None or same_entity(child, org) or (child.start, child.end) in parts:
            continue
        parts.add((child.start, child.end))  # one parent a part: the first name after the word
        out.append(Relation("PART_OF", child, org, found[0].norm_))
    return out


def _descriptor_start(doc: Doc, start: int, words: frozenset[str], reach: int = 4) -> int:
    """Start of the parent's own kind before its name: "дочерняя компания [банка «]А»",
    "подразделения [российской компании] X" — lowercase genitive words and opening quotes,
    up to the part-of word itself ("подразделения ИГ")."""
    i = start
    while i > 0 and start - i < reach:
        token = doc[i - 1]
        if token.norm_ in words:
            break
        if token.text in NAME_QUOTES or (token.is_lower and _genitive_word(token)):
            i -= 1
            continue
        break
    return i


def _described(doc: Doc, orgs: list[Span], k: int, word: int, verbs: frozenset[str]) -> Span | None:
    """The ORG a "дочерняя компания X" phrase starting at `word` stands beside: in
    apposition before it ("«Б», дочерняя компания «А»"), the subject of a linking verb
    ("«Б» является дочерней компанией «А»", "«Б» входит в структуру «А»"), or right after
    the parent ("подразделение «А» «Б»", "дочерняя компания «А» — «Б»"). The parent is
    `orgs[k]`; the names before and after it are read in place, not copied per parent."""
    parent = orgs[k]
    for i in range(k - 1, -1, -1):
        span = orgs[i]
        if span.end < word - 5:  # sorted by start: the rest lie further back
            break
        gap = doc[span.end : word]
        if span.end <= word and len(gap) <= 5 and _links(gap, verbs):
            return span
    end = parent.end + (parent.end < len(doc) and doc[parent.end].text in NAME_QUOTES)
    for i in range(k + 1, len(orgs)):
        span = orgs[i]
        if span.start > end + 2:
            break
        if span.start < end:
            continue  # a name nested in the parent is no part beside it
        # "подразделение «А» «Б»", "структура «А» — «Б»"; "структуры «А» и «Б»" lists two
        # parents, not a part (decision 122)
        if _next_to([t.text for t in doc[end : span.start]]):
            return span
    return None


# Apposition marks between a parent and its part: the typographic dashes only. A spaced
# hyphen there added one link the NEREL money gold lacks (PART_OF 0.675 -> 0.667; decision 171).
NEXT_TO = TYPOGRAPHIC_DASHES | {":"}
LINKS = TYPOGRAPHIC_DASHES | {",", "("}  # between a part and its part-of phrase


def _next_to(gap: list[str]) -> bool:
    """Nothing, a dash or colon, an opening quote, or both between a parent and its part. Any
    quote the tokenizer gives a name opens it: « „ “ " '' ' ‘ (decision 231)."""
    rest = gap[1:] if gap and gap[0] in NEXT_TO else gap
    return not rest or (len(rest) == 1 and rest[0] in NAME_OPENING_QUOTES)


def _links(gap: Span, verbs: frozenset[str]) -> bool:
    """Apposition or a linking verb between a part and its part-of phrase."""
    return any(t.text in LINKS or t.norm_ in verbs for t in gap)


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
        parent = _named_after(doc, org, index) or index.named_before(org[0], back=1, subject=False)
        if parent is not None:
            out.append(Relation("PART_OF", org, parent, "bare_unit"))
    return out


def _named_after(doc: Doc, unit: Span, index: MentionIndex, reach: int = 8) -> Span | None:
    """ "главой [совета директоров] британского оператора спутникового телевидения [BSkyB]":
    a named ORG after the unit, with only genitive common words between (the parent's kind
    and epithets, which the unit's mention did not take in), is its parent (decision 122)."""
    i = unit.end
    while i < len(doc) and i - unit.end < reach:
        token = doc[i]
        org = index.holder_at.get(i)
        if org is not None and org.start == i:
            return org if org.label_ == "ORG" and org._.name_kind == "proper" else None
        if token.is_lower and (token.pos_ == "CCONJ" or _genitive_word(token)):
            i += 1
            continue
        return None
    return None


def _genitive_word(token: Token) -> bool:
    return token.pos_ in ("NOUN", "ADJ") and "Gen" in token.morph.get("Case")


def _bare_unit(org: Span, phrases: frozenset[tuple[str, ...]]) -> bool:
    """The mention's words, with or without its own adjectives, are one of the unit phrases
    ("совета директоров", "нового правления", "наблюдательного совета")."""
    words = tuple(t.norm_ for t in org)
    nouns = tuple(t.norm_ for t in org if t.pos_ != "ADJ")
    return words in phrases or nouns in phrases
