"""HEADQUARTERED_IN: an organisation's seat from the shape of the mentions ("МИД России", "«X» в
Татарстане", "московский завод", "X (Казань)"), no parse needed.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from pipeline import models
from pipeline.readings import UD_TO_OC_CASE
from pipeline.stages.morphology import fold
from pipeline.stages.quotes import ANY_QUOTE, CLOSING_QUOTES, OPENING_QUOTES
from pipeline.stages.relations.lexicon import Lexicon
from pipeline.stages.relations.mentions import MentionIndex, contains
from pipeline.stages.relations.records import Relation
from pipeline.stages.relations.words import (
    CLOSING_OR_BRACKET,
    case_of,
    field_topic,
    skip_aside,
    skip_closing,
)
from pipeline.stages.rules.entities import UNITS_KEY


def nested_seat(org: Span, loc: Span, lex: Lexicon, index: MentionIndex) -> bool:
    """A LOC inside an ORG that names its seat: decision 80, or for a diplomatic mission
    (decision 100) only a place after "в/во" in its name ("Посольство России в Канаде")."""
    if is_mission(org, lex):
        return loc.start > org.start and org.doc[loc.start - 1].lower_ in lex.seat_prepositions
    return _seat_inside(org, loc, lex, index)


def is_mission(org: Span, lex: Lexicon) -> bool:
    """An embassy or consulate: the state in its name sends it, the seat is elsewhere
    ("посольство России", "американское консульство"; decision 100)."""
    return bool(lex.mission_heads) and any(t.norm_ in lex.mission_heads for t in org)


def _seat_inside(org: Span, loc: Span, lex: Lexicon, index: MentionIndex) -> bool:
    """A LOC inside an ORG name names its seat when it closes the name or is followed by
    "по …" ("Сборная России по хоккею"; not by "по" + a region, decision 252, while "по" + a
    state keeps it, 258), outside quotes, and the name's head word is not one whose place is
    its topic. The place's case does not matter: "Единая Россия", "Реал Мадрид" (decision 80)."""
    before = org.doc[org.start : loc.start]
    if loc.end < org.end and org.doc[loc.end].lower_ not in lex.name_prepositions:
        if not _place_before_its_city(org, loc, lex):
            return False  # "Институт Китая и современной Азии": a place mid-name is a topic
    elif loc.end < org.end and _place_after(org, loc.end + 1, lex, index):
        return False  # "СК России по Челябинской области": the region's, not Russia's (252)
    elif _city_of_a_place(org, loc, lex):
        return False  # "Администрации Советского района [Уфы]": the city locates the district
    if any(t.text in ANY_QUOTE for t in before):
        return False
    if any(t.norm_ in lex.topic_heads for t in before):
        return False
    if any(t.norm_ in lex.office_nouns for t in before):
        return False  # "партии президента Зимбабве": the president's country (decision 151)
    if field_topic(org.doc, loc.start, org.start, lex.topic_fields):
        return False  # "трибунал по делам бывшей Югославии": the field's topic (decision 185)
    if _state_after_po(org, loc, lex):
        return False  # "комиссия России по Сирии": the commission's topic (decision 258)
    return all(
        t.pos_ in ("NOUN", "PROPN", "ADJ", "CCONJ", "PUNCT", "X")  # X: "«Реал Мадрид»"
        or t.lower_ in lex.name_prepositions
        or "Part" in t.morph.get("VerbForm")  # "вооружённых сил Украины" (decision 124)
        for t in before
    )


def _place_after(org: Span, i: int, lex: Lexicon, index: MentionIndex) -> bool:
    """A LOC of the name that is no state starts at token `i`, past lowercase adjectives and a
    place noun: "по [Челябинской области]", "по городу [Москве]". A regional unit's place after
    "по" is its seat; the place before "по" names the state of the body it belongs to
    (decision 252), whereas "по" + a field keeps it ("сборная России по хоккею"), and so does
    "по" + a state, the body's topic ("комиссия России по Сирии", decision 258)."""
    j = _past_place_words(org.doc, i, lex)
    if j >= org.end:
        return False
    return any(not _is_state(loc, lex) for loc in index.starting_at("LOC", j)[:1])


def _is_state(loc: Span, lex: Lexicon) -> bool:
    return " ".join(t.norm_ for t in loc) in lex.states


def _state_after_po(org: Span, loc: Span, lex: Lexicon) -> bool:
    """A state or world region right after "по" inside a name: the body's topic, not a
    regional unit's seat ("Комиссия ООН по Сирии", decision 258)."""
    i = loc.start - 1
    return i > org.start and org.doc[i].lower_ in lex.name_prepositions and _is_state(loc, lex)


def _place_before_its_city(org: Span, loc: Span, lex: Lexicon) -> bool:
    """A named district or county whose city closes the name: "Администрации [Советского
    района] Уфы", "Федеральный суд [Южного округа] Нью-Йорка" — the district is the seat, the
    city only says where the district is (decision 150). The place ends in a place noun and
    one to three capitalised words close the name."""
    rest = [t for t in org.doc[loc.end : org.end] if t.text not in CLOSING_OR_BRACKET]
    return (
        loc[-1].norm_ in lex.place_nouns
        and 0 < len(rest) <= 3
        and all(t.is_title or t.text == "-" for t in rest)
    )


def _city_of_a_place(org: Span, loc: Span, lex: Lexicon) -> bool:
    """The place closing a name right after a named district's place noun ("Советского
    района Уфы"); not after a bare place noun ("полиция штата Миссури", "Прокуратура города
    Павия": the noun only announces the place)."""
    doc, i = org.doc, loc.start - 1
    if i <= org.start or doc[i].norm_ not in lex.place_nouns:
        return False
    j = i - 1
    while j > org.start and doc[j].pos_ == "ADJ" and doc[j].is_lower:
        j -= 1  # "Западного административного округа Москвы"
    return j >= org.start and doc[j].pos_ == "ADJ" and doc[j].is_title


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
            if word in lex.seat_prepositions and (
                _abbreviation_of_a_noun(doc, org, lex) or _attached_to(doc, org, lex)
            ):
                continue
            if loc is not None:
                out.append(Relation("HEADQUARTERED_IN", org, loc, fold(word)))
        elif doc[i].norm_ in lex.place_nouns and "Gen" in doc[i].morph.get("Case"):
            loc = starts.get(i + 1)
            if loc is not None:
                out.append(Relation("HEADQUARTERED_IN", org, loc, doc[i].norm_))
    return out


def _abbreviation_of_a_noun(doc: Doc, org: Span, lex: Lexicon) -> bool:
    """ "офис ФБР в Вашингтоне", "саммит ОПЕК в Вене", "база НАТО в Афганистане": an
    abbreviated name in the genitive of a common noun before it; the place after it is the
    noun's (the office, the summit), not the body's seat (decision 103). A mission keeps its
    "в" seat ("сотрудник посольства Бразилии в Перу"), and so does a noun that names the
    seat itself ("штаб-квартира МАГАТЭ в Вене")."""
    if org.start == 0 or is_mission(org, lex):
        return False
    before, first = doc[org.start - 1], org[0]
    if before.norm_ in lex.seat_nouns:
        return False
    if before.pos_ == "NOUN" and before.is_lower and first.is_upper and len(first) > 1:
        return True
    return _quoted_genitive_of_a_noun(doc, org)


def _quoted_genitive_of_a_noun(doc: Doc, org: Span) -> bool:
    """ "лидеры «Аль-Кайды» в Пакистане", "офис «Вектора» в Туле": a quoted name in the
    genitive of a lowercase noun before its quote, as an abbreviation (decision 151); a name
    in apposition agrees with its noun ("в клубе «Шаги» в Москве") and keeps its seat."""
    i = org.start - 1
    if i < 1 or doc[i].text not in OPENING_QUOTES:
        return False
    noun = doc[i - 1]
    if noun.pos_ != "NOUN" or not noun.is_lower:
        return False
    word = next((t for t in org if t.pos_ in ("NOUN", "PROPN", "ADJ")), None)
    own = set(noun.morph.get("Case"))
    return word is not None and case_of(word) == "Gen" and "Gen" not in own


def _attached_to(doc: Doc, org: Span, lex: Lexicon) -> bool:
    """ "постпред при ООН в Женеве", "представительство при ЕС в Брюсселе": a body after
    "при" is what a mission or an official is attached to; the place after it is the
    mission's, not the body's seat (decision 126)."""
    i = org.start - 1
    while i >= 0 and doc[i].text in OPENING_QUOTES:
        i -= 1
    return i >= 0 and doc[i].lower_ in lex.attached_prepositions


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
        word = doc[i].norm_
        if word in lex.location_verbs and doc[i + 1].lower_ in lex.seat_prepositions:
            loc = starts.get(_past_place_words(doc, i + 2, lex))
        elif doc[i].lower_ in lex.origin_prepositions and _quoted_or_latin(doc, org):
            loc = starts.get(_past_place_words(doc, i + 1, lex))
        else:
            continue
        if loc is not None:
            out.append(Relation("HEADQUARTERED_IN", org, loc, word))
    return out


def bracketed_seats(doc: Doc, index: MentionIndex, relations: list[Relation]) -> list[Relation]:
    """ "«Ротор» (Волгоград)", "клуб «Вектор» (Казань, Россия)": a LOC opening a bracket right
    after an ORG name, alone or before a comma, is its seat (decision 101); the first place
    only, the city before its country. A name holding a place that seats it or a name inside
    it keeps that seat: the bracket then locates the name's place ("городской думы Когалыма (Ханты-
    Мансийский округ)", "отдел Техасского университета (Остин)", decision 251)."""
    starts = {loc.start: loc for loc in index.by_type["LOC"]}
    seats: list[Bounds] | None = None  # the seats' bounds, sorted when first needed
    out = []
    for org in index.by_type["ORG"]:
        i = skip_closing(doc, org.end)
        if i + 1 >= len(doc) or doc[i].text != "(" or _inside_other(org, index):
            continue
        if seats is None:
            seats = sorted(_seat_bounds(r) for r in relations if r.type == "HEADQUARTERED_IN")
        if _holds_seat(org, seats):
            continue  # the bracket locates the place of the name (decision 251)
        loc = starts.get(i + 1)
        if loc is None or loc.end >= len(doc) or doc[loc.end].text not in (")", ","):
            continue
        # An abbreviation or a Latin form in the bracket is the name's other form, whatever
        # the tagger called it: "Верховный суд (ВС)", "Антидопинговое агентство (USADA)".
        if not (loc[0].is_upper or loc[0].is_ascii):
            out.append(Relation("HEADQUARTERED_IN", org, loc, "("))
    return out


# A seat's (start, end) and, for a place adjective, its name's (start, end), else (-1, -1).
Bounds = tuple[int, int, int, int]


def _seat_bounds(relation: Relation) -> Bounds:
    head, tail = relation.head, relation.tail
    own = (head.start, head.end) if tail.label_ == PLACE_ADJ else (-1, -1)
    return (tail.start, tail.end, *own)


def _holds_seat(org: Span, seats: list[Bounds]) -> bool:
    """One of the sorted seats lies inside the name and is not the whole of it: a bisect to
    the name's first token, not a scan of every seat per name. A place adjective seating the
    name itself does not count: it describes the body, and the bracket names its city
    ("Российская компания «Вектор» (Казань)", decision 258); one seating a name nested in it
    does ("отдел Техасского университета (Остин)", 251)."""
    k = bisect_left(seats, (org.start, -1, -1, -1))
    while k < len(seats) and seats[k][0] < org.end:
        start, end, *own = seats[k]
        if end <= org.end and end - start < len(org) and own != [org.start, org.end]:
            return True
        k += 1
    return False


def _after_names(doc: Doc, index: MentionIndex) -> Iterator[tuple[Span, int]]:
    """Each outermost ORG and the first token after it, past closing quotes and a bracketed
    aside: where a seat after the name starts."""
    for org in index.by_type["ORG"]:
        if _inside_other(org, index):
            continue
        i = skip_aside(doc, skip_closing(doc, org.end))
        if i < len(doc) and not any("\n" in t.text for t in doc[org.end : i]):
            yield org, i  # a headline's or caption's name has no seat on the next line (186)


def _past_place_words(doc: Doc, j: int, lex: Lexicon) -> int:
    """Past lowercase adjectives and one place noun: "в марокканском городе Танжер"."""
    while j < len(doc) and doc[j].pos_ == "ADJ" and doc[j].is_lower:
        j += 1
    if j < len(doc) and doc[j].norm_ in lex.place_nouns:
        j += 1
    return j


def _quoted_or_latin(doc: Doc, org: Span) -> bool:
    """A brand, firm or club name: in quotes, or in Latin letters ("Blue Harbor")."""
    before = doc[org.start - 1].text if org.start else ""
    after = doc[org.end].text if org.end < len(doc) else ""
    edges = {org[0].text, org[-1].text, before, after}
    return bool(edges & ANY_QUOTE) or all(t.is_ascii for t in org if t.is_alpha)


def _inside_other(org: Span, index: MentionIndex) -> bool:
    holder = index.holder_at.get(org.start)
    return holder is not None and holder is not org and contains(holder, org)


def _parent_in_unit(org: Span, index: MentionIndex, adjective_ends: set[int]) -> bool:
    """`org` is a unit's parent right after a place adjective inside the unit: the adjective
    seats the parent ("факультета [новгородского] Института …", decision 283); one before the
    unit's own head seats the unit ("[брянского] отделения партии «Яблоко»")."""
    if org.start not in adjective_ends:
        return False
    holder = index.holder_at.get(org.start)
    units = org.doc.user_data.get(UNITS_KEY, ())
    return holder is not None and holder is not org and holder.start_char in units


# --- seats from place adjectives (guideline 90-93) -----------------------------------------

PLACE_ADJ = "PLACE_ADJ"  # the mentions of pipeline/stages/rules/place_adj.py
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
    ends = {a.end for a in adjectives}
    for adjective in adjectives:
        org = _smallest_org(index, adjective)
        if org is None or is_mission(org, lex):
            continue
        if adjective.end < org.end and (
            _adjective_opens(org, adjective, lex) or _members_adjective(org, adjective)
        ):
            if _closing_seat(org, adjective, index, lex):
                continue  # "Тверской суд Москвы": the place closing the name (decision 250)
            # The first place adjective of a name only: "Зимбабвийский африканский союз".
            if positions[bisect_left(positions, org.start)] == adjective.start:
                out.append(Relation("HEADQUARTERED_IN", org, adjective, "place_adjective"))
    reach = MAX_DESCRIPTORS + MAX_EPITHETS + 2  # farthest an adjective stands before a name
    for org in index.by_type["ORG"]:
        k = bisect_left(positions, org.start)
        if k == 0 or positions[k - 1] < org.start - reach:
            continue  # the cheap filter: no place adjective in reach before the name
        inside = _inside_other(org, index) and not _parent_in_unit(org, index, ends)
        if not inside and not is_mission(org, lex):
            for adjective in _adjectives_before(doc, org, starts, lex):
                out.append(Relation("HEADQUARTERED_IN", org, adjective, "place_adjective"))
    return out


def _closing_seat(org: Span, adjective: Span, index: MentionIndex, lex: Lexicon) -> bool:
    """A place after the adjective closes the name as its own genitive and seats it
    (decision 80): "Тверской суд Москвы", "Хорошевский суд Москвы", "Химкинский городской суд
    Московской области", «Грузинская мечта — демократическая Грузия» — the name is the
    closing place's, the adjective only tells which of its bodies (decision 250). A place
    announced by a place noun is an address added to a whole name ("Останкинский районный суд
    г. Москвы", "Итальянская прокуратура города Павия"): the adjective keeps its seat; so
    does a name whose closing place seats a name nested in it."""
    end = _name_end(org)
    inner = [o for o in index.within("ORG", org) if o.start > adjective.start]
    return any(
        loc.end == end
        and loc.start >= adjective.end
        and not _announced(org.doc, loc.start, lex)
        and not any(o.start <= loc.start and loc.end <= o.end for o in inner)
        and nested_seat(org, loc, lex, index)
        for loc in index.within("LOC", org)
    )


def _announced(doc: Doc, i: int, lex: Lexicon) -> bool:
    """A place noun, or its abbreviation with a dot ("г.", "обл."), right before token `i`."""
    if i > 1 and doc[i - 1].text == "." and doc[i - 2].is_lower and doc[i - 2].is_alpha:
        short = doc[i - 2].lower_
        return any(noun.startswith(short) for noun in lex.place_nouns)
    return i > 0 and doc[i - 1].norm_ in lex.place_nouns


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
        or t.text in OPENING_QUOTES
        or (t.is_upper and t.is_alpha)
        or t.norm_ in lex.kind_nouns
        for t in org.doc[org.start : adjective.start]
    )


def _members_adjective(org: Span, adjective: Span) -> bool:
    """ "Союз польских композиторов", "Организация украинских националистов": a place
    adjective on the plural people the name's head gathers, right after that head, says
    where the body is (decision 187); on a thing it stays a topic ("Институт Китая")."""
    doc = org.doc
    head = next((t for t in org if t.pos_ in ("NOUN", "PROPN")), None)
    if head is None or head.i != adjective.start - 1 or adjective.end >= org.end:
        return False
    people = doc[adjective.end]
    return (
        people.pos_ == "NOUN"
        and "Anim" in people.morph.get("Animacy")
        and "Plur" in people.morph.get("Number")
        and case_of(people) == "Gen"
    )


def _adjectives_before(
    doc: Doc, org: Span, adjectives: dict[int, Span], lex: Lexicon
) -> list[Span]:
    """Place adjectives agreeing with the descriptor right before a name ("американского
    автопроизводителя General Motors") or with the name itself ("тульским «Арсеналом»")."""
    i = org.start - 1
    while i >= 0 and doc[i].text in OPENING_QUOTES:
        i -= 1
    quoted = i < org.start - 1 or org[0].text in OPENING_QUOTES
    nouns = _descriptors(doc, i, lex, adjectives)
    i -= len(nouns)
    name = next((t for t in org if t.text not in OPENING_QUOTES), org[0])
    target = nouns[-1] if nouns else name
    if nouns and _genitive_complement(name, target):
        return []  # "инвестор «Газпрома»": the name is the descriptor's complement
    found = []
    for token in reversed(doc[max(0, i - MAX_EPITHETS + 1) : i + 1]):
        if token.lower_ == "и":
            if "Plur" in target.morph.get("Number"):
                break  # "американских и советских войск": two bodies, the name is the second's
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
        if doc[i].norm_ in lex.place_nouns or (nouns and case_of(nouns[-1]) != "Gen"):
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
        if org is None or is_mission(org, lex) or index.within("LOC", org):
            continue
        words = [t for t in org if t.is_alpha]
        closes = _name_end(org) == place.end and _seat_inside(org, place, lex, index)
        opens = place.start == org.start and all(t.text[:1].isupper() for t in words)
        if closes or opens:
            out.append(Relation("HEADQUARTERED_IN", org, place, "name_place"))
    return out


def _name_end(org: Span) -> int:
    """The end of the name's words, past closing quotes: "ФК «Тамбов»" ends at "Тамбов"."""
    end = org.end
    while end > org.start and org.doc[end - 1].text in CLOSING_OR_BRACKET:
        end -= 1
    return end


# --- a seat shared by coordinated names (guideline 101) --------------------------------------


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
        and doc[r.head.start - 1].lower_ in lex.seat_list_joins
        and _name_end(r.head) == r.tail.end
    ]  # fmt: skip
    if not joined:
        return []
    ends = {org.end: org for org in index.by_type["ORG"] if not _inside_other(org, index)}
    seated = _seated(relations)
    out = []
    for r in joined:
        last, i = r.head, r.head.start
        while i > 0 and doc[i - 1].lower_ in lex.seat_list_joins:
            before = ends.get(i - 1)
            if before is None or (before.start, before.end) in seated or is_mission(before, lex):
                break
            if index.within("LOC", before) or not _same_case(before, last):
                break
            if _quoted_or_latin(doc, before):
                break  # "компания «Вектор» и правительство Японии": a brand is a whole name
            out.append(Relation("HEADQUARTERED_IN", before, r.tail, "coordination"))
            i = before.start
    return out


def _seated(relations: list[Relation]) -> set[tuple[int, int]]:
    """The bounds of the ORGs that have a seat already."""
    return {(r.head.start, r.head.end) for r in relations if r.type == "HEADQUARTERED_IN"}


def _same_case(a: Span, b: Span) -> bool:
    """The first nouns of two names share a case, where both state one."""
    first = [next((t for t in s if t.pos_ in ("NOUN", "PROPN")), s[0]) for s in (a, b)]
    cases = [set(t.morph.get("Case")) for t in first]
    return not (cases[0] and cases[1]) or bool(cases[0] & cases[1])


# --- a place at the edge of a quoted name (guideline 149) -------------------------------------


def quoted_name_seats(
    doc: Doc, index: MentionIndex, relations: list[Relation], lex: Lexicon
) -> list[Relation]:
    """ "«Говорит Москва»", "«Россия сегодня»", "«Вперёд, Италия»", "«Объединение за Мали»": a
    LOC that opens or closes a quoted name is its seat whatever the name's other words are
    (decision 149), for a name that has no seat yet."""
    seated = _seated(relations)
    out = []
    for org in index.by_type["ORG"]:
        if (org.start, org.end) in seated or is_mission(org, lex):
            continue
        words = _quoted_words(doc, org)
        if words is None:
            continue  # the cheap filter: most names are not quoted
        start, end = words
        places = [loc for loc in index.within("LOC", org) if start <= loc.start]
        if not places or _only_places(doc[start:end], places):
            continue  # «Центральная Азия + Япония», «Россия — Африка»: a format of relations
        closing = next((loc for loc in places if loc.end == end), None)
        if closing is not None and _no_topic(doc[start : closing.start], lex):
            out.append(Relation("HEADQUARTERED_IN", org, closing, "quoted_name"))
            continue
        opening = next((loc for loc in places if loc.start == start and loc.end < end), None)
        if opening is not None:
            out.append(Relation("HEADQUARTERED_IN", org, opening, "quoted_name"))
    return out


def _quoted_words(doc: Doc, org: Span) -> tuple[int, int] | None:
    """The bounds of the name's words when the mention is one quoted name, quotes inside or
    right outside it: a kind noun in the mention ("Диалог «Азия»") makes the words a topic,
    and a quote among the words leaves the bounds unknown."""
    start, end = org.start, org.end
    if doc[start].text in OPENING_QUOTES:
        start += 1
    elif start == 0 or doc[start - 1].text not in OPENING_QUOTES:
        return None
    if doc[end - 1].text in CLOSING_QUOTES:
        end -= 1
    elif end >= len(doc) or doc[end].text not in CLOSING_QUOTES:
        return None
    if end <= start or any(t.text in ANY_QUOTE for t in doc[start:end]):
        return None
    return start, end


def _only_places(words: Span, places: list[Span]) -> bool:
    """Every word of the name belongs to one of its places: the name joins places ("«Россия —
    Африка»"), it is seated in none of them."""
    inside = {i for loc in places for i in range(loc.start, loc.end)}
    return not any((t.is_alpha or t.like_num) and t.i not in inside for t in words)


def _no_topic(words: Span, lex: Lexicon) -> bool:
    """No word before the place names what the body studies or befriends ("«Друзья Мали»")."""
    return not any(t.norm_ in lex.topic_heads for t in words)
