"""OWNER_OF, FOUNDED_BY and MEMBER_OF read from the order of mentions, on every sentence
(decisions 254-257): a role noun in apposition or after a copula ("основатель Facebook Марк
Цукерберг", "Питер Стефан, владелец бюро «Уорчестер»"), a government named by its leader
("правительство Нечаса"), a founding verb ("Кампрад основал IKEA"), a candidate's party
("кандидат от ЛДПР — Пётр Смирнов"), members listed with "входить в", the state that sends
a mission ("посольство США") and "принадлежащая X компания Y". Every reader starts from a
hashed word list or one walk over a mention type (linear): `role_relations` finds the five
word lists' positions in one pass over the lemma array and hands each reader its own (`found`);
a reader called alone finds them itself. The parse readers of money.py read the same roles
from verbs where the syntax stage left a parse.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from pipeline.stages.quotes import ANY_QUOTE_OR_APOSTROPHE, CLOSING_OR_APOSTROPHE
from pipeline.stages.relations.lexicon import Lexicon
from pipeline.stages.relations.mentions import MentionIndex
from pipeline.stages.relations.records import Relation
from pipeline.stages.relations.seats import PLACE_ADJ
from pipeline.stages.relations.words import DASHES
from pipeline.stages.rules.lexicon import positions, positions_of

# role noun list of [roles] -> (relation type, whether the organisation is the head)
ROLE_NOUN_KINDS = {
    "owner_nouns": ("OWNER_OF", False),
    "founder_nouns": ("FOUNDED_BY", True),
    "member_nouns": ("MEMBER_OF", False),
}
# Lowercase words a role noun may take before its organisation's name: "основатель
# [социальной сети] Facebook", "владельца [футбольного клуба] «Бирмингем Сити»".
DESCRIPTOR_WORDS = 3
# Words of "один из основателей" between a person's comma and the role noun.
ONE_OF_WORDS = 2
APPOSITION_MARKS = DASHES | {","}
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def role_relations(doc: Doc, index: MentionIndex, lex: Lexicon) -> list[Relation]:
    """Every shape reader of this module, in order. The six that start from a word list get
    their words' positions from one shared pass over the lemma array."""
    nouns, prepositions, verbs, owned, founding, held = positions_of(
        doc,
        (
            frozenset(_role_nouns(lex)),
            lex.member_prepositions,
            lex.member_verbs,
            lex.owned_participles,
            lex.founding_verbs,
            lex.property_nouns,
        ),
    )
    return (
        role_appositions(doc, index, lex, nouns)
        + leader_bodies(doc, index, lex)
        + party_candidates(doc, index, lex, prepositions)
        + mission_senders(doc, index, lex)
        + members_listed(doc, index, lex, verbs)
        + owned_participles(doc, index, lex, owned)
        + owned_finite(doc, index, lex, owned)
        + held_property(doc, index, lex, held)
        + founding_verbs(doc, index, lex, founding)
        + owners_relative(doc, index, lex)
        + participants(doc, index, lex)
        + league_clubs(doc, index, lex)
    )


def _role_nouns(lex: Lexicon) -> dict[str, str]:
    """Each role noun of [roles] -> its list's key in ROLE_NOUN_KINDS."""
    return {w: key for key in ROLE_NOUN_KINDS for w in lex.roles.get(key, ())}


def _name_after(
    doc: Doc, i: int, orgs: dict[int, Span], kinds: frozenset[str] | None = None
) -> Span | None:
    """The ORG a word's genitive names right after it, past a few lowercase descriptor words
    and an opening quote the name leaves out: "основатель социальной сети Facebook". With
    `kinds`, a descriptor noun must be one of them ("от фракции ЛДПР", not "от должности
    главы РЖД")."""
    for step in range(1, DESCRIPTOR_WORDS + 2):
        k = i + step
        if k >= len(doc):
            return None
        if k in orgs:
            return orgs[k]
        token = doc[k]
        if token.text in ANY_QUOTE_OR_APOSTROPHE and k + 1 in orgs:
            return orgs[k + 1]
        if not _lower_word(token) or token.pos_ in ("ADP", "CCONJ", "VERB"):
            return None
        if _person_genitive(token):
            return None  # "член семьи [владельца] компании X": the name is the person's (303)
        if kinds is not None and token.pos_ != "ADJ" and token.norm_ not in kinds:
            return None
    return None


def _person_genitive(token: Token) -> bool:
    """A person's noun in the genitive ("владельца", "основателя"): a name after it is that
    person's, not the word's before it ("член семьи владельца компании X"); a descriptor in
    another case ("энергетический гигант «X»") is the name's own."""
    morph = token.morph
    return token.pos_ == "NOUN" and "Anim" in morph.get("Animacy") and "Gen" in morph.get("Case")


def _lower_word(token: Token) -> bool:
    """A lowercase word, hyphenated ones too ("участницы панк-группы Pussy Riot", 275)."""
    return token.is_lower and token.text.replace("-", "").isalpha()


def _past_closing_quote(doc: Doc, i: int) -> int:
    return i + 1 if i < len(doc) and doc[i].text in CLOSING_OR_APOSTROPHE else i


def chamber(org: Span, lex: Lexicon) -> bool:
    """A legislature or its committee (`[role_shapes] chambers`): its members work there
    (NEREL's WORKPLACE), they are no members of a body they joined."""
    nouns = [t.norm_ for t in org if t.pos_ in ("NOUN", "PROPN")]
    return bool(nouns) and (nouns[0] in lex.chambers or tuple(nouns[:2]) in lex.chamber_phrases)


def role_appositions(
    doc: Doc, index: MentionIndex, lex: Lexicon, found: list[int] | None = None
) -> list[Relation]:
    """A role noun with the organisation's name in its genitive and a person standing in
    apposition to it, after the name ("основатель Facebook Марк Цукерберг") or before the
    noun behind a comma or dash ("Питер Стефан, владелец бюро «Уорчестер»", "Рэй Манзарек,
    один из основателей группы The Doors") (decision 254)."""
    words = _role_nouns(lex)
    found = positions(doc, frozenset(words)) if found is None else found
    if not found:
        return []
    orgs, people = index.longest_by_start("ORG"), index.longest_by_start("PER")
    ends = index.by_end("PER")
    subjects = {s.end: s for label in ("LOC", "PER", "ORG") for s in index.by_type[label]}
    out = []
    for i in found:
        kind, org_first = ROLE_NOUN_KINDS[words[doc[i].norm_]]
        noun = _coordinated_noun(doc, i, lex)
        org = _name_after(doc, noun, orgs)
        if org is None or (kind == "MEMBER_OF" and chamber(org, lex)):
            continue
        person = (
            _person_after(doc, noun, org, people)
            or _person_before(doc, i, ends, lex)
            or _copula_subject(doc, i, subjects, kind, lex)
            or _defined_person(doc, i, index, ends, lex)
        )
        if person is not None and person is not org and _same_sentence(index, person, i):
            head, tail = (org, person) if org_first else (person, org)
            out.append(Relation(kind, head, tail, doc[i].norm_, i))
    return out


def _coordinated_noun(doc: Doc, i: int, lex: Lexicon) -> int:
    """The noun a role noun shares its genitive with through "и" ("основатель и директор
    центра «Каскад»", "один из основателей и гитарист группы The Drifters Олег Ветров"):
    the name and the person after it belong to that noun (its case is the person's);
    `i` when no such noun follows (decision 288)."""
    if i + 2 >= len(doc) or doc[i + 1].norm_ not in lex.role_noun_joins:
        return i
    k = i + 3 if doc[i + 2].pos_ == "ADJ" and i + 3 < len(doc) else i + 2
    return k if doc[k].pos_ == "NOUN" and _lower_word(doc[k]) else i


def _person_after(doc: Doc, i: int, org: Span, people: dict[int, Span]) -> Span | None:
    """The person right after the name, in the role noun's case where both show one: "адвокат
    основателя WikiLeaks Марк Стивенс" is the lawyer, not the founder."""
    person = people.get(_past_closing_quote(doc, org.end))
    if person is None:
        return None
    noun, name = _cases(doc[i]), _cases(person[0])
    return person if not noun or not name or noun & name else None


# How far back from a role noun the dash of "X — предприниматель, …, владелец Y" may stand.
DEFINITION_WORDS = 30


def _defined_person(
    doc: Doc, i: int, index: MentionIndex, ends: dict[int, Span], lex: Lexicon
) -> Span | None:
    """The person a sentence defines with a dash, the role noun one item of the list after it:
    "Анна Лесная — архитектор, основатель и директор центра «Каскад», …, совладелец компании
    Vela & K" (decision 288). Only a list of nouns: a finite verb, another person or a second
    dash between the dash and the role noun stops it, and the role noun opens an item (after
    a comma, "и" or the dash)."""
    if i < 2 or (
        doc[i - 1].text not in APPOSITION_MARKS and doc[i - 1].norm_ not in lex.role_noun_joins
    ):
        return None
    for k in range(i - 1, max(i - DEFINITION_WORDS, 0), -1):
        token = doc[k]
        if index.sentence[k] != index.sentence[i]:
            return None
        if token.text in DASHES:
            return ends.get(k) or (ends.get(k - 1) if doc[k - 1].is_space else None)
        if "Fin" in token.morph.get("VerbForm") or k in ends:
            return None
    return None


def _cases(token: Token) -> set[str]:
    """The token's case; an animate accusative reads as the genitive it is spelled as
    ("основателей … Юрия Воробьёва": the tagger calls either)."""
    cases = set(token.morph.get("Case"))
    return cases | {"Gen", "Acc"} if cases & {"Gen", "Acc"} else cases


def _person_before(doc: Doc, i: int, ends: dict[int, Span], lex: Lexicon) -> Span | None:
    """The person a comma or dash joins to the role noun at `i`, past "один из"."""
    k = i - 1
    while k > 0 and i - k <= ONE_OF_WORDS and doc[k].norm_ in lex.one_of:
        k -= 1
    if k <= 0 or doc[k].text not in APPOSITION_MARKS:
        return None
    return ends.get(k)


def _copula_subject(
    doc: Doc, i: int, subjects: dict[int, Span], kind: str, lex: Lexicon
) -> Span | None:
    """The mention right before a copula the role noun at `i` follows: "Боос является
    владельцем холдинга «X»", "Румыния является членом НАТО" (a state is a member only, not
    an owner or a founder, in NEREL's links)."""
    k = i - 1
    while k > 0 and i - k <= ONE_OF_WORDS and doc[k].norm_ in lex.one_of:
        k -= 1
    if k <= 0 or doc[k].norm_ not in lex.copulas:
        return None
    subject = subjects.get(k)
    if subject is None or (subject.label_ == "LOC" and kind != "MEMBER_OF"):
        return None
    return subject


def _same_sentence(index: MentionIndex, span: Span, i: int) -> bool:
    return index.sentence[span.start] == index.sentence[i]


def _ownership_maps(
    index: MentionIndex,
) -> tuple[dict[int, Span], dict[int, Span], dict[int, Span]]:
    """What the three OWNER_OF readers of ownership words look names up in: owners (ORG, PER,
    LOC) and ORG names by their first token, ORG names by their end (the outermost kept)."""
    holders = index.longest_by_start("ORG", "PER", "LOC")
    orgs = index.longest_by_start("ORG")
    org_ends = index.by_end("ORG", longest=True)
    return holders, orgs, org_ends


def _owns(index: MentionIndex, owner: Span, owned: Span | None, i: int) -> bool:
    """An OWNER_OF found at the word `i` links two different names of the word's sentence."""
    return owned is not None and owned is not owner and _same_sentence(index, owned, i)


def owned_participles(
    doc: Doc, index: MentionIndex, lex: Lexicon, found: list[int] | None = None
) -> list[Relation]:
    """ "принадлежащая Берлускони компания Fininvest", "«Палестинский информационный
    центр», принадлежащему ХАМАС": the mention in the dative right after the participle
    (`[role_shapes] owned_participles`) owns the organisation it describes — the name after
    the owner (past its kind) or the one before the participle's comma: OWNER_OF(owner,
    organisation) (decision 257)."""
    found = positions(doc, lex.owned_participles) if found is None else found
    if not found:
        return []
    holders, orgs, org_ends = _ownership_maps(index)
    out = []
    for i in found:
        owner = holders.get(i + 1)
        if owner is None or not _participle(doc[i]) or not _dative(owner):
            continue
        owned = _name_after(doc, owner.end - 1, orgs, lex.kind_nouns)
        if owned is None and i > 1 and doc[i - 1].text == ",":
            owned = org_ends.get(_before_closing_quote(doc, i - 1))
        if _owns(index, owner, owned, i):
            out.append(Relation("OWNER_OF", owner, owned, doc[i].norm_, i))
    return out


def _participle(token: Token) -> bool:
    """ "принадлежащая", not the finite "принадлежит" ("ему принадлежит 30 % акций")."""
    return token.pos_ == "ADJ" or "Part" in token.morph.get("VerbForm")


def _dative(span: Span) -> bool:
    cases = _cases(span[0]) | _cases(span[-1])
    return not cases or "Dat" in cases


def _object_after(doc: Doc, i: int, org: Span) -> bool:
    """The words from the verb at `i` to the name's first word read as its object: none of
    them in the nominative alone (the subject put after the verb). A name after its kind noun
    is in apposition and keeps the nominative: "создал партию «Родина»" (decision 268)."""
    words = doc[i + 1 : org.start]
    if any(_cases(t) == {"Nom"} for t in words):
        return False
    return any(t.pos_ == "NOUN" for t in words) or _cases(org[0]) != {"Nom"}


def _instrumental(span: Span) -> bool:
    cases = _cases(span[0]) | _cases(span[-1])
    return not cases or "Ins" in cases


def _before_closing_quote(doc: Doc, k: int) -> int:
    """The end a name has when a closing quote it leaves out stands before word `k`."""
    return k - 1 if k > 0 and doc[k - 1].text in CLOSING_OR_APOSTROPHE else k


def leader_bodies(doc: Doc, index: MentionIndex, lex: Lexicon) -> list[Relation]:
    """A government, cabinet, administration or party named by the person who leads it, in
    the genitive right after its head (`[role_shapes] leader_bodies`): "правительство
    Нечаса", "администрации Джорджа Буша-младшего", "в коалиционном правительстве Владимира
    Шпидлы": FOUNDED_BY(body, person), NEREL's convention (decision 255). The person must
    follow the head word itself: "администрации президента Билла Клинтона" is not linked."""
    if not lex.leader_bodies:
        return []
    out = []
    for person in index.by_type["PER"]:
        k = person.start - 1
        if k < 0 or doc[k].norm_ not in lex.leader_bodies or not _genitive(person[0]):
            continue
        body = _body_at(index, k, person)
        if body is not None and not _after_word(
            doc, body, lex.member_prepositions | lex.body_titles
        ):
            out.append(Relation("FOUNDED_BY", body, person, doc[k].norm_, k))
    return out


def _after_word(doc: Doc, body: Span, words: frozenset[str]) -> bool:
    """ "кандидат от Республиканской партии Дональд Трамп": the person after a party named
    behind "от" is its candidate (256), not its leader; "главы администрации Радия
    Хабирова": the person is named as the body's head by the title, no link (255)."""
    return body.start > 0 and doc[body.start - 1].norm_ in words


def _genitive(token: Token) -> bool:
    cases = token.morph.get("Case")
    return not cases or "Gen" in cases


def _body_at(index: MentionIndex, k: int, person: Span) -> Span | None:
    """The smallest ORG whose last word before the person is word `k`: one holding the
    person at its end, or one ending at `k` that the person follows (not a unit whose name
    holds the body: "пресс-служба правительства Нечаса" is no government)."""
    bodies = [
        org
        for org in index.in_sentence("ORG", index.sentence[k])
        if org.start <= k and org.end in (person.end, k + 1)
    ]
    return min(bodies, key=len, default=None)


def party_candidates(
    doc: Doc, index: MentionIndex, lex: Lexicon, found: list[int] | None = None
) -> list[Relation]:
    """ "кандидат от ЛДПР — Пётр Смирнов", "депутат от фракции ЛДПР Василий Тарасюк": the
    person named right after "от" + an organisation (maybe behind a dash) stands for it:
    MEMBER_OF(person, organisation) (decision 256). A legislature is no party ("членом
    Совфеда от Законодательного собрания"): left out as in 254."""
    found = positions(doc, lex.member_prepositions) if found is None else found
    if not found:
        return []
    orgs, people = index.longest_by_start("ORG"), index.longest_by_start("PER")
    org_ends = index.by_end("ORG")
    out = []
    for i in found:
        org = _name_after(doc, i, orgs, lex.party_kinds)
        if org is None or chamber(org, lex):
            continue
        k = _past_office(doc, _past_closing_quote(doc, org.end), lex)
        if k < len(doc) and doc[k].text in DASHES:
            k += 1
        person = people.get(k + 1 if _age_word(doc, k) else k)
        if person is None or index.sentence[person.start] != index.sentence[i]:
            continue
        if _stands_for(doc, i, person, org_ends, lex):
            out.append(Relation("MEMBER_OF", person, org, doc[i].norm_, i))
    return out


def _stands_for(doc: Doc, i: int, person: Span, org_ends: dict[int, Span], lex: Lexicon) -> bool:
    """The person after "от" + a party at `i` is the one the word before "от" names: a
    person's noun in the person's case ("кандидат от ЛДПР — Пётр Смирнов", "депутатом
    [Госдумы] от «Единой России» Ириной Яровой", "кандидата [в президенты] от Республиканской
    партии Дональда Трампа"), or a list's comma or dash with the person
    in the nominative (", от КПРФ — Олег Кузнецов"). Not a recipient or an object ("письмо
    от Газпрома Алексею Миллеру", "получил от ФСБ Ивана Петрова документы", "защита от НАТО —
    Владимир Путин заявил") (decision 268)."""
    body = org_ends.get(_before_closing_quote(doc, i))
    k = body.start - 1 if body is not None else i - 1
    if k > 0 and doc[k].text in ANY_QUOTE_OR_APOSTROPHE:
        k -= 1
    if (
        k >= 0
        and body is None
        and doc[k].pos_ == "NOUN"
        and "Gen" in doc[k].morph.get("Case")
        and "Anim" not in doc[k].morph.get("Animacy")
    ):
        k -= 1  # "депутат Госдумы от …": the body's name that NER left untagged; a person's
        # noun is no body ("соперник кандидата от …": the candidate is not the person, 303)
    if k > 1 and _state_genitive(doc[k]) and doc[k - 1].pos_ == "NOUN":
        k -= 1  # "кандидат в президенты США от …": the office's state (decision 289)
    if k > 0 and doc[k].pos_ == "NOUN" and doc[k - 1].norm_ in lex.member_into:
        k -= 2  # "кандидата в президенты от …": the office the candidate runs for
    if k < 0:
        return False
    cases = _cases(person[0])
    if doc[k].text in APPOSITION_MARKS:
        return not cases or "Nom" in cases
    if doc[k].pos_ != "NOUN" or "Anim" not in doc[k].morph.get("Animacy"):
        return False
    if k > 0 and doc[k - 1].norm_ in lex.one_of:
        return True  # "один из кандидатов … Игорь Соболев": "из" sets the noun's case
    noun = _cases(doc[k])
    return not cases or not noun or bool(cases & noun)


_AGE = re.compile(r"^\d+-летн")


def _age_word(doc: Doc, k: int) -> bool:
    """ "62-летняя Ирина Соколова": an age before the person's name (decision 289)."""
    return k < len(doc) and doc[k].pos_ == "ADJ" and bool(_AGE.match(doc[k].text))


def _state_genitive(token: Token) -> bool:
    return token.pos_ == "PROPN" and "Gen" in token.morph.get("Case")


def _past_office(doc: Doc, k: int, lex: Lexicon) -> int:
    """Past the office a candidate runs for after the party: "от партии «Прогресс» [в
    вице-президенты США] Павел Орлов" (decision 289); `k` when none stands there."""
    if k + 1 >= len(doc) or doc[k].norm_ not in lex.member_into or doc[k + 1].pos_ != "NOUN":
        return k
    k += 2
    return k + 1 if k < len(doc) and _state_genitive(doc[k]) else k


def mission_senders(doc: Doc, index: MentionIndex, lex: Lexicon) -> list[Relation]:
    """ "посольство США", "шведского посольства": the state that closes a mission's name in
    the genitive right after its head (`[seat] mission_heads`, the name's first noun), or
    its place adjective right before the head, owns the mission: OWNER_OF(state, mission),
    as NEREL links it (decision 257; decision 100 keeps it from being the seat), a seat after
    the name or not ("посольстве Эквадора в Лондоне")."""
    if not lex.mission_heads:
        return []
    adjectives = doc.spans[PLACE_ADJ] if PLACE_ADJ in doc.spans else []
    by_start = {a.start: a for a in adjectives}
    out = []
    for org in index.by_type["ORG"]:
        k = org.start
        while k < org.end - 1 and doc[k].pos_ == "ADJ":
            k += 1
        if doc[k].norm_ not in lex.mission_heads:
            continue
        states = [
            place
            for place in index.within("LOC", org)
            if place.start == k + 1 and place.end == org.end and _genitive(place[0])
        ]
        adjective = by_start.get(org.start)
        if adjective is not None and adjective.end == k and not states:
            # with a state named after the head, the adjective is the seat's ("московское
            # посольство Франции", decision 268)
            states.append(adjective)
        out += [Relation("OWNER_OF", state, org, doc[k].norm_, k) for state in states]
    return out


def members_listed(
    doc: Doc, index: MentionIndex, lex: Lexicon, found: list[int] | None = None
) -> list[Relation]:
    """ "В состав ОДКБ входят Россия, Армения, Белоруссия …", "Румыния входит в НАТО",
    "Настасья Кински вошла в жюри …": the states and persons a membership verb (`[role_shapes]
    member_verbs`) joins to an organisation after "в" (maybe "в состав") are its members:
    MEMBER_OF(member, organisation) (decision 256). An organisation that "входит в" another
    is its part or its owner's (NEREL: "холдинг, в состав которого входят …" is OWNER_OF), so
    only LOC and PER members are linked."""
    found = positions(doc, lex.member_verbs) if found is None else found
    if not found:
        return []
    starts = index.longest_by_start("ORG")
    holders = index.longest_by_start("LOC", "PER")
    holder_ends = index.by_end("LOC", "PER")
    org_ends = index.by_end("ORG", longest=True)
    out = []
    for i in found:
        org = _body_before_verb(doc, i, org_ends, lex)
        if org is not None:
            members = _listed(doc, i + 1, holders, lex, step=1)
        else:
            org = _body_after_verb(doc, i, starts, lex)
            members = _listed(doc, i - 1, holder_ends, lex, step=-1) if org else []
        if org is not None and chamber(org, lex):
            continue  # "вошёл в Государственную думу": elected to work there (254)
        for member in members:
            if index.sentence[member.start] == index.sentence[i]:
                out.append(Relation("MEMBER_OF", member, org, doc[i].norm_, i))
    return out


def _body_before_verb(doc: Doc, i: int, ends: dict[int, Span], lex: Lexicon) -> Span | None:
    """ "в [состав] ОДКБ входят": the ORG that "в" (and a composition noun) open before the
    verb at `i`."""
    k = i - 1 if i > 0 and doc[i - 1].text in CLOSING_OR_APOSTROPHE else i
    org = ends.get(k)
    if org is None:
        return None
    k = org.start - 1
    if k >= 0 and doc[k].text in ANY_QUOTE_OR_APOSTROPHE:
        k -= 1
    if k >= 0 and doc[k].norm_ in lex.composition_nouns:
        k -= 1
    return org if k >= 0 and doc[k].norm_ in lex.member_into else None


def _body_after_verb(doc: Doc, i: int, starts: dict[int, Span], lex: Lexicon) -> Span | None:
    """ "входит в [состав] НАТО": the ORG after the verb at `i`."""
    k = i + 1
    if k >= len(doc) or doc[k].norm_ not in lex.member_into:
        return None
    k += 1
    if k < len(doc) and doc[k].norm_ in lex.composition_nouns:
        k += 1
    if k < len(doc) and doc[k].text in ANY_QUOTE_OR_APOSTROPHE:
        k += 1
    return starts.get(k)


def _listed(doc: Doc, k: int, holders: dict[int, Span], lex: Lexicon, step: int) -> list[Span]:
    """The LOC and PER mentions listed from word `k` on (step 1, `holders` by start) or back
    from it (step -1, `holders` by end), joined by commas, "и", "а также"; one adverb may
    open the list ("входят также Алжир")."""
    out: list[Span] = []
    if step == 1 and k < len(doc) and doc[k].pos_ == "ADV" and k not in holders:
        k += 1
    while 0 <= k < len(doc):
        span = holders.get(k if step == 1 else k + 1)  # by start, or back from an end
        if span is None:
            break
        out.append(span)
        k = span.end if step == 1 else span.start - 1
        joined = False
        while 0 <= k < len(doc) and doc[k].norm_ in lex.member_list_joins:
            k += step
            joined = True
        if not joined:
            break
    return out


def founding_verbs(
    doc: Doc, index: MentionIndex, lex: Lexicon, found: list[int] | None = None
) -> list[Relation]:
    """ "Иван Петров основал компанию «Вектор»", "основанной Иваном Петровым компании
    «Вектор»": a founding verb (`[role_shapes] founding_verbs`) with the person right before
    it, or its passive participle with the person in the instrumental right after it, and the
    organisation's name after them (past a few lowercase words of its kind): FOUNDED_BY
    (organisation, person) (decision 255). NEREL links a co-founder named right before the
    verb ("вместе со Стивом Возняком основал") the same way."""
    found = positions(doc, lex.founding_verbs) if found is None else found
    if not found:
        return []
    orgs, people = index.longest_by_start("ORG"), index.longest_by_start("PER")
    ends = index.by_end("PER")
    out = []
    for i in found:
        if "Part" in doc[i].morph.get("VerbForm"):
            person = people.get(i + 1)
            if person is None or not _instrumental(person):
                continue
            org = _name_after(doc, person.end - 1, orgs)
        else:
            person = ends.get(i)
            org = _name_after(doc, i, orgs) if person is not None else None
            if org is not None and not _object_after(doc, i, org):
                continue  # "Полёт Симони организует компания «X»": the subject comes after
        if org is None or not _object_case(org):
            continue  # "организовал встречу «Газпрома»", "создал «Газпрому» проблемы" (268)
        if person is not None and _same_sentence(index, org, i):
            out.append(Relation("FOUNDED_BY", org, person, doc[i].norm_, i))
    return out


def _object_case(org: Span) -> bool:
    """The name founded is the verb's object or its kind noun's apposition, in the accusative
    or the nominative a quoted name keeps; a name in another case belongs to another word
    ("организовал встречу «Газпрома»", "создал «Газпрому» проблемы", decision 268)."""
    words = [t for t in org if t.is_alpha]
    if not words or not _CYRILLIC.search(words[0].text):
        return True  # a Latin name declines not; the tagger's case is a guess ("Facebook" Gen)
    cases = set(words[0].morph.get("Case"))
    return not cases or bool(cases & {"Nom", "Acc"})


# Lowercase words before the owner named after a copula: "являются его собственные
# холдинговые компании «АНТЭ Холдинг»" (decision 274).
OWNER_DESCRIPTOR_WORDS = 5
# Words of a bracket skipped between a name or a noun and what follows it: "«Колмара»
# (добывает уголь в Якутии), …", "совладельцем (70 %) которой" (decision 274).
BRACKET_WORDS = 8


def owners_relative(doc: Doc, index: MentionIndex, lex: Lexicon) -> list[Relation]:
    """ "«Пересвет», крупнейшим акционером которого является Русская православная церковь",
    "«Колмара» (…), основным совладельцем (70 %) которой являются его собственные компании
    «АНТЭ Холдинг» и «Данрит»": an owner noun of `[roles] owner_nouns` opening a relative
    clause (`[role_shapes] relative_pronouns`, the genitive) on the company named before the
    comma, with a copula and the owners after it: OWNER_OF(owner, company) (decision 274)."""
    found = positions(doc, lex.relative_pronouns)
    owner_nouns = frozenset(lex.roles.get("owner_nouns", ()))
    if not found or not owner_nouns:
        return []
    org_ends = index.by_end("ORG", longest=True)
    holders = index.longest_by_start("ORG", "PER")
    out = []
    for i in found:
        noun = _skip_bracket_back(doc, i - 1)
        if noun < 1 or doc[noun].norm_ not in owner_nouns or not _genitive(doc[i]):
            continue
        if i + 1 >= len(doc) or doc[i + 1].norm_ not in lex.copulas:
            continue
        company = _company_before(doc, noun, org_ends, lex)
        if company is None:
            continue
        for owner in _owners_after(doc, i + 2, holders, lex):
            if owner is not company and _same_sentence(index, owner, i):
                out.append(Relation("OWNER_OF", owner, company, doc[noun].norm_, noun))
    return out


def _skip_bracket_back(doc: Doc, k: int) -> int:
    """The word before a bracket that closes at `k` ("совладельцем (70 %) которой"), or `k`."""
    if k < 0 or doc[k].text != ")":
        return k
    for j in range(k - 1, max(k - BRACKET_WORDS, 0) - 1, -1):
        if doc[j].text == "(":
            return j - 1
    return -1


def _company_before(doc: Doc, noun: int, org_ends: dict[int, Span], lex: Lexicon) -> Span | None:
    """The ORG before the comma that opens the owner noun's phrase, past its adjectives and
    "один из" and a bracket after the name."""
    k = noun - 1
    while (
        k > 0
        and noun - k <= ONE_OF_WORDS + 2
        and (doc[k].pos_ == "ADJ" or doc[k].norm_ in lex.one_of)
    ):
        k -= 1
    if k <= 0 or doc[k].text != ",":
        return None
    k = _skip_bracket_back(doc, k - 1) + 1
    while k > 0 and doc[k - 1].text in CLOSING_OR_APOSTROPHE and k not in org_ends:
        k -= 1  # "«… „Пересвет“»": both quotes closed after the name
    return org_ends.get(k) if k > 0 else None


def _owners_after(doc: Doc, k: int, holders: dict[int, Span], lex: Lexicon) -> list[Span]:
    """The ORG and PER mentions from word `k` on, past a few lowercase words of their kind,
    listed with "и" or commas (quotes around the names skipped)."""
    out: list[Span] = []
    for _ in range(OWNER_DESCRIPTOR_WORDS):
        if k >= len(doc) or k in holders or doc[k].text in ANY_QUOTE_OR_APOSTROPHE:
            break
        if not (doc[k].is_lower and doc[k].is_alpha) or doc[k].pos_ in ("ADP", "CCONJ", "SCONJ"):
            return out
        if "Fin" in doc[k].morph.get("VerbForm"):
            return out  # a clause of its own; the tagger may call an adjective a VERB
        k += 1
    while k < len(doc):
        if doc[k].text in ANY_QUOTE_OR_APOSTROPHE and k + 1 in holders:
            k += 1
        span = holders.get(k)
        if span is None:
            break
        out.append(span)
        k = _past_closing_quote(doc, span.end)
        if k >= len(doc) or doc[k].norm_ not in lex.member_list_joins:
            break
        k += 1
    return out


def participants(doc: Doc, index: MentionIndex, lex: Lexicon) -> list[Relation]:
    """ "участники группы «Ветер» Антон Белов и Денис Серов", "активистка
    «Движения садоводов» Анна Рыбина", "Представитель Демократической партии Игорь
    Львов": a noun of taking part (`[role_shapes] participant_nouns`, or
    `party_member_nouns` before a party) with the organisation's name in its genitive and the
    persons after it (listed with "и" or commas) or before it behind a comma, as 254 reads
    "член": MEMBER_OF(person, organisation) (decision 275). Not a legislature (254)."""
    nouns = lex.participant_nouns | lex.party_member_nouns
    found = positions(doc, nouns)
    if not found:
        return []
    orgs, people = index.longest_by_start("ORG"), index.longest_by_start("PER")
    ends = index.by_end("PER")
    out = []
    for i in found:
        org = _name_after(doc, i, orgs)
        if org is None or chamber(org, lex):
            continue
        if doc[i].norm_ not in lex.participant_nouns and not _party(doc, i, org, lex):
            continue
        first = _person_after(doc, i, org, people)
        members = _conjuncts(doc, first, people, lex) if first else []
        if not members:
            before = _person_before(doc, i, ends, lex)
            members = [before] if before is not None else []
        out += [
            Relation("MEMBER_OF", person, org, doc[i].norm_, i)
            for person in members
            if _same_sentence(index, person, i)
        ]
    return out


def _party(doc: Doc, i: int, org: Span, lex: Lexicon) -> bool:
    """A party's name: one of `[role_shapes] party_kinds` between the noun at `i` and the
    name ("представитель партии «Яблоко»") or the name's first noun ("Демократической
    партии"; not "Министерства объединения")."""
    if any(t.norm_ in lex.party_kinds for t in doc[i + 1 : org.start]):
        return True
    nouns = [t.norm_ for t in org if t.pos_ in ("NOUN", "PROPN")]
    return bool(nouns) and nouns[0] in lex.party_kinds


def _conjuncts(doc: Doc, first: Span, people: dict[int, Span], lex: Lexicon) -> list[Span]:
    """The person and those listed after it with "и" or a comma: "Антон Белов и Денис
    Серов"."""
    out = [first]
    k = first.end
    while k + 1 < len(doc) and doc[k].norm_ in lex.member_list_joins and k + 1 in people:
        out.append(people[k + 1])
        k = people[k + 1].end
    return out


def league_clubs(doc: Doc, index: MentionIndex, lex: Lexicon) -> list[Relation]:
    """ "за команду НХЛ «Северные Волки»", "в клубе Континентальной хоккейной лиги «Амур»":
    a club noun (`[role_shapes] club_nouns`) with the league's name right after it and the
    club's own name right after the league's: MEMBER_OF(club, league) (decision 276)."""
    found = positions(doc, lex.club_nouns)
    if not found:
        return []
    orgs = index.longest_by_start("ORG")
    out = []
    for i in found:
        league = orgs.get(i + 1)
        if league is None:
            continue
        k = league.end
        if k < len(doc) and doc[k].text in ANY_QUOTE_OR_APOSTROPHE:
            k += 1
        club = orgs.get(k)
        if club is not None and _same_sentence(index, club, i):
            out.append(Relation("MEMBER_OF", club, league, doc[i].norm_, i))
    return out


# Words between "принадлежит" and the share noun: "принадлежит [около 25 процентов] акций".
SHARE_WORDS = 4


def owned_finite(
    doc: Doc, index: MentionIndex, lex: Lexicon, found: list[int] | None = None
) -> list[Relation]:
    """The finite "принадлежит" (`[role_shapes] owned_participles` read as a verb): the owner
    in the dative right before or after the verb, or a relative pronoun in the dative on the
    name before its comma ("«Альфа-Групп», которой принадлежит «Северснаб»"); the owned
    company is the genitive after a share noun near the verb ("Acme Corp. принадлежит 39 %
    акций Nordwind") or else the name on the verb's other side: OWNER_OF (decision 286)."""
    found = positions(doc, lex.owned_participles) if found is None else found
    if not found:
        return []
    holders, orgs, org_ends = _ownership_maps(index)
    holder_ends = {s.end: s for label in ("ORG", "PER") for s in index.by_type[label]}
    out = []
    for i in found:
        if _participle(doc[i]) or "Fin" not in doc[i].morph.get("VerbForm"):
            continue
        after, before = holders.get(i + 1), _owner_before(doc, i, holder_ends, lex)
        owner = after if after is not None and _dative(after) else before
        if owner is None:
            continue
        owned = _shares_of(doc, i, orgs, lex)
        if owned is None and owner is after:
            owned = _subject_before(doc, org_ends.get(_before_closing_quote(doc, i)), lex)
        elif owned is None:
            owned = _subject_after(doc, i, orgs)
        if _owns(index, owner, owned, i):
            out.append(Relation("OWNER_OF", owner, owned, doc[i].norm_, i))
    return out


def _subject_after(doc: Doc, i: int, orgs: dict[int, Span]) -> Span | None:
    """The name after the verb at `i` as its subject: past a few lowercase words of its kind,
    all in the nominative ("принадлежит энергетический гигант «Северснаб»"); a genitive
    among them makes the name another noun's ("принадлежит идея создания «X»")."""
    name = _name_after(doc, i, orgs)
    if name is None or any("Nom" not in _cases(t) for t in doc[i + 1 : name.start] if _cases(t)):
        return None
    return name


def _owner_before(doc: Doc, i: int, ends: dict[int, Span], lex: Lexicon) -> Span | None:
    """The dative owner right before the verb at `i`, or the name a dative relative pronoun
    there stands for ("«Альфа-Групп», которой принадлежит")."""
    owner = (
        ends.get(i)
        or ends.get(_before_closing_quote(doc, i))
        or _before_abbreviation_dot(doc, i, ends)
    )
    if owner is not None:
        return owner if _dative_name(doc, owner) else None
    k = i - 1
    if k < 2 or doc[k].norm_ not in lex.relative_pronouns or "Dat" not in _cases(doc[k]):
        return None
    return ends.get(_before_closing_quote(doc, k - 1)) if doc[k - 1].text == "," else None


def _dative_name(doc: Doc, name: Span) -> bool:
    """A name in the dative; a quoted name after its kind noun takes the noun's case
    ("холдингу «Вектор» принадлежит": the name itself stays in the nominative)."""
    k = name.start - 1
    if k > 0 and doc[k].text in ANY_QUOTE_OR_APOSTROPHE and doc[k - 1].pos_ == "NOUN":
        return "Dat" in _cases(doc[k - 1])
    return _dative(name)


def _subject_before(doc: Doc, name: Span | None, lex: Lexicon) -> Span | None:
    """The name before "принадлежит" as what is owned: the verb's subject in the nominative
    (a quoted name by its kind noun's case), or a share's company ("30 % акций X принадлежит
    Y"). "Компании «X» принадлежит Y" names no subject: the genitive leaves out what of X
    is owned (session 12's look-alike)."""
    if name is None:
        return None
    k = name.start - 1
    if k >= 0 and doc[k].text in ANY_QUOTE_OR_APOSTROPHE:
        k -= 1
    if k >= 0 and doc[k].norm_ in lex.share_nouns:
        return name
    head = doc[k] if k >= 0 and k < name.start - 1 and doc[k].pos_ == "NOUN" else name[0]
    cases = _cases(head)
    return name if not cases or "Nom" in cases else None


def _before_abbreviation_dot(doc: Doc, i: int, ends: dict[int, Span]) -> Span | None:
    """A Latin name whose abbreviation's dot the name leaves out ("Acme Corp. принадлежит")."""
    if i < 2 or doc[i - 1].text != "." or _CYRILLIC.search(doc[i - 2].text):
        return None
    return ends.get(i - 1)


def _shares_of(doc: Doc, i: int, orgs: dict[int, Span], lex: Lexicon) -> Span | None:
    """The company a share noun within a few words after the verb at `i` names in its
    genitive ("принадлежит 39 % акций Nordwind")."""
    for k in range(i + 1, min(i + SHARE_WORDS + 2, len(doc))):
        if doc[k].norm_ in lex.share_nouns:
            return _name_after(doc, k, orgs)
        if doc[k].is_punct and doc[k].text != "%":
            return None
    return None


def held_property(
    doc: Doc, index: MentionIndex, lex: Lexicon, found: list[int] | None = None
) -> list[Relation]:
    """ "в собственности АКМ находится ООО «Тайга»", "«X» находится в собственности Y": a
    property noun (`[role_shapes] property_nouns`) after "в" with the owner's name in its
    genitive right after it, a `property_verbs` word right after the owner (the owned name
    after the verb) or right before "в" (the owned name before the verb): OWNER_OF
    (decision 287)."""
    found = positions(doc, lex.property_nouns) if found is None else found
    if not found:
        return []
    holders, orgs, org_ends = _ownership_maps(index)
    out = []
    for i in found:
        owner = _name_after(doc, i, holders, lex.kind_nouns)  # "в собственности компании «X»"
        if i < 2 or owner is None or doc[i - 1].norm_ not in lex.member_into:
            continue
        owned = None
        after = _past_closing_quote(doc, owner.end)
        if after < len(doc) and doc[after].norm_ in lex.property_verbs:
            owned = _subject_after(doc, after, orgs)
        elif doc[i - 2].norm_ in lex.property_verbs:
            k = i - 2 if doc[i - 3].pos_ != "ADV" else i - 3  # "полностью находятся"
            owned = org_ends.get(_before_closing_quote(doc, k))
        if _owns(index, owner, owned, i):
            out.append(Relation("OWNER_OF", owner, owned, doc[i].norm_, i))
    return out
