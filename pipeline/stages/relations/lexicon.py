"""The relation stage's word lists (configs/lexicons/relations.toml), folded once at load."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.config import DEFAULT_CONFIG
from pipeline.stages.morphology import fold, lemmatize
from pipeline.stages.rules.base import load_lexicon, word_list

MONEY_CLASSES = ("income", "expenditure", "sale", "price", "deal", "loan", "fine")


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
    unit_heads: frozenset[str] = frozenset()  # "Генассамблея и Совбез ООН" (decision 121)
    institutions: frozenset[str] = frozenset()  # "Институт археологии РАН": no PART_OF (123)
    institution_parents: frozenset[str] = frozenset()  # "школа Университета X" (123)
    part_of_verbs: frozenset[str] = frozenset()  # "«Б» является дочерней компанией «А»" (155)
    mission_heads: frozenset[str] = frozenset()  # "посольство России" (decision 100)
    seat_nouns: frozenset[str] = frozenset()  # "штаб-квартира МАГАТЭ в Вене" (decision 103)
    states: frozenset[str] = frozenset()  # "комиссия России по Сирии": a topic (258)
    office_nouns: frozenset[str] = frozenset()  # "партия президента X": X is no seat (151)
    term_nouns: frozenset[str] = frozenset()  # "5 лет лишения свободы": no DATE_OF (116)
    copulas: frozenset[str] = frozenset()  # "«А» является сетью": SECTOR_OF (118)
    buy: frozenset[str] = frozenset()  # "купил X за Y": the price of X, an EXPENDITURE
    claim_verbs: frozenset[str] = frozenset()  # "потребовала компенсацию X": no link (130)
    order_verbs: frozenset[str] = frozenset()  # "мэр распорядился выплатить": not the mayor's
    holding_verbs: frozenset[str] = frozenset()  # "владеет активами в X": SECTOR_OF (134)
    holding_nouns: frozenset[str] = frozenset()  # "актив" (134)
    field_nouns: frozenset[str] = frozenset()  # "работает на рынке X": SECTOR_OF (164)
    example_markers: frozenset[str] = frozenset()  # "компаний, включая «А»" (203)
    beneficiary_prepositions: frozenset[str] = frozenset()  # "собрал для врачей X" (130)
    having_verbs: frozenset[str] = frozenset()  # "у X был контракт на Y" (85)
    person_list_joins: frozenset[str] = frozenset()  # "А, Б и В": no one referent (128)
    fine_nouns: frozenset[str] = frozenset()  # "до 5 лет со штрафом до X" (116)
    basis_nouns: frozenset[str] = frozenset()  # "по курсу 2021 года": no DATE_OF (160)
    comparison_words: frozenset[str] = frozenset()  # "против Y в 2019 году" (161)
    back_deals: frozenset[str] = frozenset()  # "Сумма сделки составила X" (144)
    back_money_nouns: frozenset[str] = frozenset()  # "сумма", "размер" + a deal noun (144)
    topic_fields: frozenset[str] = frozenset()  # "комитет по делам [СНГ]": a topic (185)
    basis_prepositions: frozenset[str] = frozenset()  # "по курсу 2021 года" (160)
    comparison_prepositions: frozenset[str] = frozenset()  # "по сравнению с Y" (161)
    change_from: frozenset[str] = frozenset()  # "выросла с X до Y" (161)
    change_to: frozenset[str] = frozenset()  # "с X до Y" (161)
    list_joins: frozenset[str] = frozenset()  # "Y в 2018 году и Z в 2019 году" (162)
    clause_subordinators: frozenset[str] = frozenset()  # "…, если X": no shared date (225)
    contrast_additions: frozenset[str] = frozenset()  # "а также", "но и": no contrast (209)
    gap_joins: frozenset[str] = frozenset()  # "X, а в 2021 году — Y": a gapped clause (210)
    contrast_joins: frozenset[str] = frozenset()  # "а", "но": a contrast, not "и" (209)
    as_markers: frozenset[str] = frozenset()  # "известна как производитель" (165)
    as_also: frozenset[str] = frozenset()  # "как и нефтяные компании": compared (165)
    restating_joins: frozenset[str] = frozenset()  # "за £18 млн или около $23 млн" (147)
    working_classes: frozenset[str] = frozenset()  # "получила X от продажи нефти" (226)
    working_money: frozenset[str] = frozenset()  # "инвестирует X в нефтепереработку" (226)
    fine_joins: frozenset[str] = frozenset()  # "до 5 лет со штрафом": a term still (116)
    partner_prepositions: frozenset[str] = frozenset()  # "работает с компаниями" (164)
    sum_nouns: frozenset[str] = frozenset()  # "оборудование на сумму X": its goods (290)
    example_list_joins: frozenset[str] = frozenset()  # "включая «А» и «Б»" (203)
    unit_list_joins: frozenset[str] = frozenset()  # "Генассамблея и Совбез ООН" (121)
    seat_list_joins: frozenset[str] = frozenset()  # "Госсовета и Совмина Кубы" (101)
    leader_bodies: frozenset[str] = frozenset()  # "правительство Нечаса": FOUNDED_BY (255)
    member_prepositions: frozenset[str] = frozenset()  # "кандидат от ЛДПР X" (256)
    body_titles: frozenset[str] = frozenset()  # "главы правительства X": no FOUNDED_BY (255)
    party_kinds: frozenset[str] = frozenset()  # "от фракции ЛДПР X" (256)
    member_verbs: frozenset[str] = frozenset()  # "в состав ОДКБ входят X, Y" (256)
    owned_participles: frozenset[str] = frozenset()  # "принадлежащая X компания Y" (257)
    founding_verbs: frozenset[str] = frozenset()  # "X основал компанию Y" (255)
    member_into: frozenset[str] = frozenset()  # "входит [в] НАТО" (256)
    composition_nouns: frozenset[str] = frozenset()  # "в [состав] ОДКБ" (256)
    member_list_joins: frozenset[str] = frozenset()  # "X, Y и Z" (256)
    role_noun_joins: frozenset[str] = frozenset()  # "основатель и директор X" (288)
    one_of: frozenset[str] = frozenset()  # "X, один из основателей Y" (254)
    relative_pronouns: frozenset[str] = frozenset()  # "акционером которого является X" (274)
    share_nouns: frozenset[str] = frozenset()  # "X принадлежит 39 % акций Y" (286)
    property_nouns: frozenset[str] = frozenset()  # "в собственности X находится Y" (287)
    property_verbs: frozenset[str] = frozenset()  # "в собственности X находится Y" (287)
    participant_nouns: frozenset[str] = frozenset()  # "участники группы «Битлз» X и Y" (275)
    party_member_nouns: frozenset[str] = frozenset()  # "представитель партии X Y" (275)
    club_nouns: frozenset[str] = frozenset()  # "за команду НХЛ «Северные Волки»" (276)
    chambers: frozenset[str] = frozenset()  # "член Палаты представителей": no MEMBER_OF (254)
    chamber_phrases: frozenset[tuple[str, ...]] = frozenset()  # "член Совета Федерации" (254)

    def role_words(self) -> frozenset[str]:
        """Every role word: a sentence with an ORG and one of them is worth parsing."""
        return frozenset().union(*self.roles.values()) if self.roles else frozenset()

    @classmethod
    def load(cls, path: str) -> Lexicon:
        raw = load_lexicon(path)
        return cls(
            triggers=_money_triggers(raw),
            roles={key: _folded(raw, "roles", key, path) for key in raw.get("roles", {})},
            bare_units=_phrases(raw, "part_of", "bare_units", path),
            chamber_phrases=_phrases(raw, "role_shapes", "chamber_phrases", path),
            states=_states(raw, path),
            **{name: _folded(raw, table, key, path) for name, (table, key) in WORD_LISTS.items()},
        )


# Lexicon field -> the [table] and key of relations.toml its folded word list comes from.
# `triggers`, `roles`, `bare_units`, `chamber_phrases` and `states` have shapes of their own (see
# Lexicon.load).
WORD_LISTS: dict[str, tuple[str, str]] = {
    "sector_words": ("triggers", "sector"),
    "modal": ("triggers", "modal"),
    "negation": ("triggers", "negation"),
    "link_verbs": ("triggers", "link_verbs"),
    "pay_deals": ("triggers", "pay_deals"),
    "buy": ("triggers", "buy"),
    "topic_heads": ("seat", "topic_heads"),
    "seat_prepositions": ("seat", "prepositions"),
    "name_prepositions": ("seat", "name_prepositions"),
    "place_nouns": ("seat", "place_nouns"),
    "location_verbs": ("seat", "location_verbs"),
    "origin_prepositions": ("seat", "origin_prepositions"),
    "mission_heads": ("seat", "mission_heads"),
    "seat_nouns": ("seat", "seat_nouns"),
    "office_nouns": ("seat", "office_nouns"),
    "part_of_words": ("part_of", "words"),
    "kind_nouns": ("part_of", "kind_nouns"),
    "attached_prepositions": ("part_of", "attached_prepositions"),
    "unit_heads": ("part_of", "unit_heads"),
    "institutions": ("part_of", "institutions"),
    "institution_parents": ("part_of", "institution_parents"),
    "part_of_verbs": ("part_of", "linking_verbs"),
    "bodies": ("agents", "bodies"),
    "pronouns": ("agents", "pronouns"),
    "dative_holders": ("agents", "dative_holders"),
    "subject_control": ("agents", "subject_control"),
    "kind_holders": ("agents", "kind_holders"),
    "demonstratives": ("agents", "demonstratives"),
    "claim_verbs": ("agents", "claim_verbs"),
    "order_verbs": ("agents", "order_verbs"),
    "beneficiary_prepositions": ("agents", "beneficiary_prepositions"),
    "having_verbs": ("agents", "having_verbs"),
    "person_list_joins": ("agents", "list_joins"),
    "term_nouns": ("facts", "term_nouns"),
    "copulas": ("facts", "copulas"),
    "holding_verbs": ("facts", "holding_verbs"),
    "holding_nouns": ("facts", "holding_nouns"),
    "field_nouns": ("facts", "field_nouns"),
    "example_markers": ("facts", "example_markers"),
    "fine_nouns": ("facts", "fine_nouns"),
    "basis_nouns": ("dates", "basis_nouns"),
    "comparison_words": ("dates", "comparison_words"),
    "back_deals": ("back_reference", "deals"),
    "back_money_nouns": ("back_reference", "money_nouns"),
    "topic_fields": ("part_of", "topic_fields"),
    "basis_prepositions": ("dates", "basis_prepositions"),
    "comparison_prepositions": ("dates", "comparison_prepositions"),
    "change_from": ("dates", "change_from"),
    "change_to": ("dates", "change_to"),
    "list_joins": ("dates", "list_joins"),
    "clause_subordinators": ("dates", "clause_subordinators"),
    "contrast_additions": ("facts", "contrast_additions"),
    "gap_joins": ("facts", "gap_joins"),
    "contrast_joins": ("facts", "contrast_joins"),
    "as_markers": ("facts", "as_markers"),
    "as_also": ("facts", "as_also"),
    "restating_joins": ("facts", "restating_joins"),
    "working_classes": ("facts", "working_classes"),
    "working_money": ("facts", "working_money"),
    "fine_joins": ("facts", "fine_joins"),
    "partner_prepositions": ("facts", "partner_prepositions"),
    "sum_nouns": ("facts", "sum_nouns"),
    "example_list_joins": ("facts", "example_list_joins"),
    "unit_list_joins": ("part_of", "unit_joins"),
    "seat_list_joins": ("seat", "list_joins"),
    "leader_bodies": ("role_shapes", "leader_bodies"),
    "member_prepositions": ("role_shapes", "member_prepositions"),
    "body_titles": ("role_shapes", "body_titles"),
    "party_kinds": ("role_shapes", "party_kinds"),
    "member_verbs": ("role_shapes", "member_verbs"),
    "owned_participles": ("role_shapes", "owned_participles"),
    "founding_verbs": ("role_shapes", "founding_verbs"),
    "member_into": ("role_shapes", "member_into"),
    "composition_nouns": ("role_shapes", "composition_nouns"),
    "member_list_joins": ("role_shapes", "member_list_joins"),
    "role_noun_joins": ("role_shapes", "role_noun_joins"),
    "one_of": ("role_shapes", "one_of"),
    "relative_pronouns": ("role_shapes", "relative_pronouns"),
    "share_nouns": ("role_shapes", "share_nouns"),
    "property_nouns": ("role_shapes", "property_nouns"),
    "property_verbs": ("role_shapes", "property_verbs"),
    "participant_nouns": ("role_shapes", "participant_nouns"),
    "party_member_nouns": ("role_shapes", "party_member_nouns"),
    "club_nouns": ("role_shapes", "club_nouns"),
    "chambers": ("role_shapes", "chambers"),
}


def _folded(raw: dict, table: str, key: str, path: str) -> frozenset[str]:
    return frozenset(fold(w) for w in word_list(raw, table, key, path))


def _states(raw: dict, path: str) -> frozenset[str]:
    """The folded places of `[seat] state_tables` in the gazetteer `[seat] state_gazetteer`
    names (a path under configs/, as in pipeline.toml), word by word as lemmas: "сирия",
    "латинский америка" (decision 258)."""
    name = raw.get("seat", {}).get("state_gazetteer")
    if not name:
        return frozenset()
    places = load_lexicon(DEFAULT_CONFIG.parent / name).get("places", {})
    tables = word_list(raw, "seat", "state_tables", path)
    return frozenset(
        " ".join(fold(lemmatize(word)) for word in place.split())  # as a LOC's lemmas read
        for table in tables
        for place in places.get(table, {}).values()
    )


def _money_triggers(raw: dict) -> dict[str, str]:
    """Folded trigger lemma -> its money class; a word listed under two classes keeps the
    first in MONEY_CLASSES order."""
    triggers: dict[str, str] = {}
    for kind in MONEY_CLASSES:
        for word in raw.get("triggers", {}).get(kind, []):
            triggers.setdefault(fold(word), kind)
    return triggers


def _phrases(raw: dict, table: str, key: str, path: str) -> frozenset[tuple[str, ...]]:
    """Multi-word entries as tuples of folded words: "совет директоров"."""
    phrases = word_list(raw, table, key, path)
    return frozenset(tuple(fold(w) for w in phrase.split()) for phrase in phrases)
