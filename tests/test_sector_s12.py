"""SECTOR classes of issue 12, session 12 (decisions 239-243; configs/sectors.toml [rules],
`[okved_words] caption_goods`, stages/rules/sector.py): goods after an activity noun that the
captions do not name, read by navec from the goods of the ОКВЭД 2 making captions (239); an
institution's genitive field as part of its name (240, applies 235); "провайдер" bare and
before its service (241, applies 236 a); games on a digital medium (242); support given to a
field (243). Sentences are made up for each class, not taken from any corpus; every row of
CLASSES fails on the rules before session 12, the GUARDS pass before and after."""

from __future__ import annotations

import pytest

from pipeline.sector_taxonomy import DEFAULT_PATH, Taxonomy
from tests.conftest import load_script, sector_pairs

CROPS, ICT, SCIENCE, NET = "agriculture.crops", "ict", "science", "ict.internet"


CLASSES = [  # (decision, text, mentions)
    ("239 crops the captions lack", "Фермер занялся выращиванием клубники.", [("клубники", CROPS)]),
    ("240 a field after a centre", "Он возглавил центр туризма и культуры «Орбита».", []),
    ("240 past the field's adjective", "В городе построят центр ядерной медицины.", []),
    ("240 a college", "Он окончил колледж информационных технологий.", []),
    ("241 provider bare", "Абонент сменил провайдера.", [("провайдера", NET)]),
    (
        "241 provider before its service",
        "Провайдер спутниковой связи обанкротился.",
        [("спутниковой связи", "ict.telecom")],
    ),
    (
        "241 provider of the internet",
        "Крупнейший провайдер интернета поднял цены.",
        [("интернета", NET)],
    ),
    (
        "242 games on a medium",
        "Компания делает ставку на мобильные игры.",
        [("мобильные игры", ICT)],
    ),
    ("242 games after an industry word", "Рынок игр вырос на треть.", [("игр", ICT)]),
    (
        "243 support past a determiner",
        "Компании поддержат эти исследования.",
        [("исследования", SCIENCE)],
    ),
]

GUARDS = [  # (what, text, mentions)
    ("215 crystals stay out", "Учёные освоили выращивание кристаллов.", []),
    ("215 cells stay out", "Выращивание клеток в лаборатории идёт успешно.", []),
    ("201 animacy", "Разведение мостов в Петербурге началось.", []),
    (
        "240 a hub after a dash",
        "Тюмень — крупный центр нефтедобычи.",
        [("нефтедобычи", "energy.oil_gas")],
    ),
    (
        "240 a hub as a predicate",
        "Город стал центром нефтедобычи.",
        [("нефтедобычи", "energy.oil_gas")],
    ),
    (
        "240 a business before по",
        "Открылся центр по переработке отходов.",
        [("переработке отходов", "utilities")],
    ),
    ("236 operator bare", "Оператор остановил станцию.", []),
    ("242 a match", "Игра команды была слабой.", []),
    ("242 a named game", "Компания выпустила мобильную игру «Змейка».", []),
    ("221 a study done", "Академик занимался исследованиями в лингвистике.", []),
    ("243 support of an idea", "Он поддержал идею обучения детей.", []),
]


@pytest.mark.parametrize(("decision", "text", "expected"), CLASSES)
def test_session12_class(nlp, decision: str, text: str, expected: list) -> None:
    assert sector_pairs(nlp, text) == expected, decision


@pytest.mark.parametrize(("what", "text", "expected"), GUARDS)
def test_session12_guard(nlp, what: str, text: str, expected: list) -> None:
    assert sector_pairs(nlp, text) == expected, what


def test_caption_goods_are_generated() -> None:
    """Decision 239: the making captions' goods, generic kinds and misparses left out."""
    goods = dict(Taxonomy.load(DEFAULT_PATH).okved_words.caption_goods)
    assert goods["удобрение"] == "chemicals" and goods["пылесос"] == "manufacturing.electronics"
    assert "изделие" not in goods and "система" not in goods and "др" not in goods
    assert Taxonomy.load(DEFAULT_PATH).rules.caption_goods_floor <= 1.0


@pytest.mark.parametrize(
    ("sectors", "common"),
    [
        ({"manufacturing.machinery", "manufacturing.electronics"}, "manufacturing"),
        ({"food.beverages"}, "food.beverages"),
        ({"food", "chemicals"}, None),
    ],
)
def test_common_parent(sectors: set[str], common: str | None) -> None:
    assert load_script("okved_words")._common_parent(sectors) == common


@pytest.mark.parametrize("text", ["", "выращивание", "центр", "провайдер и", "рынок игр «"])
def test_bad_input(nlp, text: str) -> None:
    assert isinstance(sector_pairs(nlp, text), list)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a negative term's words ("сектор Газа") are no phrase for the fallback to read
        ("Израиль нанёс удар по сектору газа вчера.", []),
        # a noun with its own genitive complement is a cut phrase: the unit's field, no goods
        ("Он возглавлял сектор культуры речи в институте.", []),
        ("Завод наладил производство йогуртов.", [("йогуртов", "food.beverages")]),
    ],
)
def test_fallback_reads_whole_phrases(nlp, text: str, expected: list) -> None:
    """Decision 239: the embedding fallback reads only a whole phrase no negative consumed."""
    assert sector_pairs(nlp, text) == expected
