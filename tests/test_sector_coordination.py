"""Coordinated sector adjectives on one shared head (guideline 43, decision 217): each conjunct
is a mention of its own sector, alone, the head with the last conjunct — for every class of
head a single sector adjective is read on (41, 133, 200, 204). Invented sentences."""

from __future__ import annotations

import pytest

from pipeline.stages.rules.sector import _conjuncts_before
from tests.conftest import sector_pairs

OIL, COAL = "energy.oil_gas", "mining.coal"

POSITIVE = [  # (head class, text, mentions)
    (
        "organisation head",
        "Холдинг управляет газовыми и энергосбытовыми компаниями.",
        [("газовыми", OIL), ("энергосбытовыми компаниями", "energy.power")],
    ),
    (
        "organisation head, three conjuncts",
        "Он владеет угольными, нефтяными и газовыми компаниями.",
        [("угольными", COAL), ("нефтяными", OIL), ("газовыми компаниями", OIL)],
    ),
    (
        "singular adjectives on a plural head",
        "Нефтяной и газовой компаний стало меньше.",
        [("Нефтяной", OIL), ("газовой компаний", OIL)],
    ),
    (
        "market head, two sectors",
        "Страховой и банковский рынки выросли.",
        [("Страховой", "finance.insurance"), ("банковский рынки", "finance.banking")],
    ),
    (
        "assets, with или",
        "Он продал нефтяные или газовые активы.",
        [("нефтяные", OIL), ("газовые активы", OIL)],
    ),
    (
        "resource head (204)",
        "Страна богата своими нефтяными и газовыми запасами.",
        [("нефтяными", OIL), ("газовыми запасами", OIL)],
    ),
    (
        "resource head, three conjuncts",
        "Угольные, нефтяные и газовые запасы региона огромны.",
        [("Угольные", COAL), ("нефтяные", OIL), ("газовые запасы", OIL)],
    ),
    (
        "plant head (200 b)",
        "Открылись сталелитейный и химический заводы.",
        [("сталелитейный", "metallurgy"), ("химический заводы", "chemicals")],
    ),
    (
        "production head, the first conjunct tagged a noun",
        "Ему принадлежат сталелитейное и химическое производство.",
        [("сталелитейное", "metallurgy"), ("химическое производство", "chemicals")],
    ),
    (
        "caption adjectives (200 a)",
        "Почтовые и курьерские компании наняли людей.",
        [("Почтовые", "transport.logistics"), ("курьерские компании", "transport.logistics")],
    ),
    (
        "industry term (133), three conjuncts",
        "Кризис ударил по угольной, нефтяной и газовой промышленности.",
        [("угольной", COAL), ("нефтяной", OIL), ("газовой промышленности", OIL)],
    ),
    (
        "industry term (133)",
        "Развивается морской и речной транспорт.",
        [("морской", "transport.shipping"), ("речной транспорт", "transport.shipping")],
    ),
]


@pytest.mark.parametrize(("head_class", "text", "expected"), POSITIVE)
def test_each_conjunct_is_a_mention(nlp, head_class: str, text: str, expected: list) -> None:
    assert sector_pairs(nlp, text) == expected, head_class


LOOK_ALIKES = [  # (what, text, mentions)
    (
        "a size adjective in the coordination",
        "Крупные и нефтяные компании платят налоги.",
        [("нефтяные компании", OIL)],
    ),
    (
        "a plain adjective before a term",
        "Новый и речной транспорт развивается.",
        [("речной транспорт", "transport.shipping")],
    ),
    (
        "a comma list with no conjunction",
        "Нефтяные, газовые компании платят налоги.",
        [("газовые компании", OIL)],
    ),
    (
        "и between clauses: the cases differ",
        "Рынок стал нефтяным и газовые компании ушли.",
        [("газовые компании", OIL)],
    ),
    (
        "a comma and и between clauses",
        "В стране много нефтяных, и газовые запасы велики.",
        [("газовые запасы", OIL)],
    ),
    (
        "a resource of no extracting sector",
        "Инвестиционные и нефтяные ресурсы страны выросли.",
        [("нефтяные ресурсы", OIL)],
    ),
    (
        "a noun before и",
        "Компании и нефтяные компании спорят.",
        [("нефтяные компании", OIL)],
    ),
    (
        "a plural word before a singular head is no conjunct",
        "Он привёз больше военных и военной техники.",
        [("военной техники", "manufacturing.defence")],
    ),
]


@pytest.mark.parametrize(("what", "text", "expected"), LOOK_ALIKES)
def test_look_alikes(nlp, what: str, text: str, expected: list) -> None:
    assert sector_pairs(nlp, text) == expected, what


BAD_INPUT = ["", "и и и", "Нефтяные и", ", и нефтяные компании", "И газовые компании ушли."]


@pytest.mark.parametrize("text", BAD_INPUT)
def test_bad_input_marks_no_lone_conjunct(nlp, text: str) -> None:
    # nothing but the adjective on its own head; no crash at the document's edges
    assert all(" " in t for t, _ in sector_pairs(nlp, text))


@pytest.mark.parametrize(
    ("text", "last", "expected"),
    [
        ("угольной , нефтяной и газовой", 4, [2, 0]),  # back from "газовой"
        ("нефтяные , газовые", 2, []),  # a comma alone joins nothing
        ("газовые", 0, []),  # the document's first word
    ],
)
def test_conjuncts_before(nlp, text: str, last: int, expected: list[int]) -> None:
    doc = nlp(text)
    links = frozenset({"и", "или"})  # configs/sectors.toml coordination_links
    assert [doc[i].i for i in _conjuncts_before(doc, last, links)] == expected
