"""SECTOR classes of issue 12, session 11 (decisions 220-224; configs/sectors.toml [rules],
stages/rules/sector.py): a broadcasting medium as the channel of a statement, the state's
service as a person's post, research paid for, software named as one product, and a chain of
sector adjectives read back from a last conjunct the head does not take (220-223), and caption
adjectives made from another industry's goods (224). Sentences are made up for each class,
not taken from any corpus; every row of CLASSES fails on the rules before session 11, the
GUARDS pass before and after."""

from __future__ import annotations

import pytest

from pipeline.sector_taxonomy import DEFAULT_PATH, Taxonomy
from tests.conftest import load_script, sector_pairs

OIL, ICT, SCIENCE = "energy.oil_gas", "ict", "science"


CLASSES = [  # (decision, text, mentions)
    ("220 channel", "Министр выступил по центральному телевидению.", []),
    ("220 channel, conjunct", "Обращение транслировали по радио и телевидению.", []),
    ("220 channel, no adjective", "По телевидению показали репортаж.", []),
    ("220b in the service", "Он двадцать лет находился на государственной службе.", []),
    ("220b leaving the service", "После ухода с госслужбы он стал адвокатом.", []),
    ("220c trade between states", "Товарооборот между нашими странами вырос.", []),
    ("220c a free trade zone", "Страны создадут зону свободной торговли.", []),
    ("220c international trade", "Конвенция о международной торговле вступила в силу.", []),
    (
        "221 money before на",
        "Правительство выделяет 500 млн евро на исследования.",
        [("исследования", SCIENCE)],
    ),
    ("221 a financing verb", "Фонд профинансирует исследования.", [("исследования", SCIENCE)]),
    ("222 a named system", "Компания выпустила операционную систему Android.", []),
    ("222 a named program", "Создатель антивируса McAfee арестован.", []),
    (
        "223 a sector adjective the head does not take",
        "Страна богата нефтяными и водными ресурсами.",
        [("нефтяными", OIL)],
    ),
    (
        "223 a finance adjective on a resource head",
        "Страна богата нефтяными и инвестиционными ресурсами.",
        [("нефтяными", OIL)],
    ),
]

GUARDS = [  # (what, text, mentions)
    (
        "a medium named in general",
        "Рынок телевидения растёт.",
        [("телевидения", "media.broadcasting")],
    ),
    (
        "the service as a field",
        "Правительство начало реформу государственной службы.",
        [("государственной службы", "public_sector")],
    ),
    (
        "retail trade stays",
        "Оборот розничной торговли вырос.",
        [("Оборот розничной торговли", "trade")],
    ),
    ("a study done is no sector", "Академик занимался исследованиями в лингвистике.", []),
    ("a study cited", "Исследования показали рост продаж.", []),
    (
        "a body still provides teaching (156)",
        "Компания занимается обучением детей.",
        [("обучением", "education")],
    ),
    ("goods in general", "Рынок операционных систем растёт.", [("операционных систем", ICT)]),
    (
        "software in general",
        "Производители программного обеспечения выросли.",
        [("программного обеспечения", ICT)],
    ),
    ("no list of sectors", "Он управляет страховыми и другими активами.", []),
    (
        "a plain adjective ends no list",
        "Он учился по специальности государственное и муниципальное управление.",
        [],
    ),
]


@pytest.mark.parametrize(("decision", "text", "expected"), CLASSES)
def test_session11_class(nlp, decision: str, text: str, expected: list) -> None:
    assert sector_pairs(nlp, text) == expected, decision


@pytest.mark.parametrize(("what", "text", "expected"), GUARDS)
def test_session11_guard(nlp, what: str, text: str, expected: list) -> None:
    assert sector_pairs(nlp, text) == expected, what


@pytest.mark.parametrize(
    ("lemma", "sector", "named", "dropped"),
    [
        ("водный", "transport.shipping", {"вода": {"utilities", "food"}}, True),
        ("автобусный", "transport", {"автобус": {"manufacturing", "transport"}}, True),
        # the goods of its own industry only: the adjective names that industry
        ("автобусный", "transport", {"автобус": {"transport"}}, False),
        ("почтовый", "transport.logistics", {"вода": {"utilities"}}, False),
        ("водный", "transport.shipping", {"водород": {"chemicals"}}, False),  # not its noun
    ],
)
def test_adjective_of_another_industrys_goods(lemma, sector, named, dropped) -> None:
    """Decision 224: a caption adjective made from another industry's goods noun is dropped
    by scripts/okved_words.py."""
    assert load_script("okved_words")._goods_of_another(lemma, sector, named) is dropped


def test_generated_block_drops_goods_adjectives() -> None:
    adjectives = dict(Taxonomy.load(DEFAULT_PATH).okved_words.adjectives)
    assert "водный" not in adjectives and "автобусный" not in adjectives
    assert adjectives["почтовый"] == "transport.logistics"
    shared = dict(Taxonomy.load(DEFAULT_PATH).okved_words.shared)
    assert shared["водный"] == "transport.shipping"


def test_water_adjective_names_no_industry(nlp) -> None:
    # "водный транспорт" stays a term of shipping; "водная компания" is no descriptor
    assert sector_pairs(nlp, "Водная компания подняла тарифы.") == []
    assert sector_pairs(nlp, "Водный транспорт растёт.") == [
        ("Водный транспорт", "transport.shipping")
    ]


@pytest.mark.parametrize("text", ["", "по", "по и телевидению", "на службе", "выделяет на"])
def test_bad_input(nlp, text: str) -> None:
    assert isinstance(sector_pairs(nlp, text), list)
