"""The relation stage's word lists (configs/lexicons/relations.toml), folded once at load."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.stages.morphology import fold
from pipeline.stages.rules.base import load_lexicon

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
    office_nouns: frozenset[str] = frozenset()  # "партия президента X": X is no seat (151)
    term_nouns: frozenset[str] = frozenset()  # "5 лет лишения свободы": no DATE_OF (116)
    copulas: frozenset[str] = frozenset()  # "«А» является сетью": SECTOR_OF (118)
    buy: frozenset[str] = frozenset()  # "купил X за Y": the price of X, an EXPENDITURE
    claim_verbs: frozenset[str] = frozenset()  # "потребовала компенсацию X": no link (130)
    order_verbs: frozenset[str] = frozenset()  # "мэр распорядился выплатить": not the mayor's
    holding_verbs: frozenset[str] = frozenset()  # "владеет активами в X": SECTOR_OF (134)
    holding_nouns: frozenset[str] = frozenset()  # "актив" (134)
    field_nouns: frozenset[str] = frozenset()  # "работает на рынке X": SECTOR_OF (164)
    beneficiary_prepositions: frozenset[str] = frozenset()  # "собрал для врачей X" (130)
    having_verbs: frozenset[str] = frozenset()  # "у X был контракт на Y" (85)
    fine_nouns: frozenset[str] = frozenset()  # "до 5 лет со штрафом до X" (116)
    basis_nouns: frozenset[str] = frozenset()  # "по курсу 2021 года": no DATE_OF (160)
    comparison_words: frozenset[str] = frozenset()  # "против Y в 2019 году" (161)
    back_deals: frozenset[str] = frozenset()  # "Сумма сделки составила X" (144)
    back_money_nouns: frozenset[str] = frozenset()  # "сумма", "размер" + a deal noun (144)
    topic_fields: frozenset[str] = frozenset()  # "комитет по делам [СНГ]": a topic (185)

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
            unit_heads=words("part_of", "unit_heads"),
            institutions=words("part_of", "institutions"),
            institution_parents=words("part_of", "institution_parents"),
            part_of_verbs=words("part_of", "linking_verbs"),
            bare_units=frozenset(
                tuple(fold(w) for w in phrase.split())
                for phrase in raw.get("part_of", {}).get("bare_units", [])
            ),
            mission_heads=words("seat", "mission_heads"),
            seat_nouns=words("seat", "seat_nouns"),
            office_nouns=words("seat", "office_nouns"),
            term_nouns=words("facts", "term_nouns"),
            copulas=words("facts", "copulas"),
            buy=words("triggers", "buy"),
            claim_verbs=words("agents", "claim_verbs"),
            order_verbs=words("agents", "order_verbs"),
            holding_verbs=words("facts", "holding_verbs"),
            holding_nouns=words("facts", "holding_nouns"),
            field_nouns=words("facts", "field_nouns"),
            beneficiary_prepositions=words("agents", "beneficiary_prepositions"),
            having_verbs=words("agents", "having_verbs"),
            fine_nouns=words("facts", "fine_nouns"),
            basis_nouns=words("dates", "basis_nouns"),
            comparison_words=words("dates", "comparison_words"),
            back_deals=words("back_reference", "deals"),
            back_money_nouns=words("back_reference", "money_nouns"),
            topic_fields=words("part_of", "topic_fields"),
        )
