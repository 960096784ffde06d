"""SECTOR classes of issue 12, session 13 (decisions 294-295; configs/sectors.toml [rules]
instrumental_heads, stages/rules/sector.py): a phrase coordinated with a mention is read by the
embedding fallback and kept within the mention's top-level sector (294); nouns of trading
govern their goods in the instrumental, which the context terms and the fallback read, and the
trade noun before them stays outside (295). Sentences are made up for each class, not taken
from any corpus; every row of CLASSES fails on the rules before session 13, the GUARDS pass
before and after."""

from __future__ import annotations

import pytest

from tests.conftest import sector_pairs

DEFENCE, ELECTRONICS = "manufacturing.defence", "manufacturing.electronics"

CLASSES = [  # (decision, text, mentions)
    (
        "294 a conjunct after a product",
        "Магазин торгует лампами накаливания и галогенными лампами.",
        [("лампами накаливания", ELECTRONICS), ("галогенными лампами", ELECTRONICS)],
    ),
    (
        "295 goods after a trade noun",
        "Его обвинили в незаконной торговле оружием.",
        [("оружием", DEFENCE)],
    ),
    (
        "295 the trade noun stays outside",
        "Он занялся торговлей йогуртами.",
        [("йогуртами", "food.beverages")],
    ),
]

GUARDS = [  # (what, text, mentions)
    ("295 trade alone is the sector", "Торговля выросла на треть.", [("Торговля", "trade")]),
    ("295 illicit drugs stay out", "Его обвинили в торговле наркотиками.", []),
    (
        "294 another sector's conjunct is not read",
        "Завод выпускает смартфоны и стулья.",
        [("смартфоны", ELECTRONICS)],
    ),
    (
        "294 'и другие' names the list's kind",
        "Завод выпускает смартфоны и другие устройства.",
        [("смартфоны", ELECTRONICS)],
    ),
]


@pytest.mark.parametrize(("decision", "text", "expected"), CLASSES)
def test_session13_class(nlp, decision: str, text: str, expected: list) -> None:
    assert sector_pairs(nlp, text) == expected, decision


@pytest.mark.parametrize(("what", "text", "expected"), GUARDS)
def test_session13_guard(nlp, what: str, text: str, expected: list) -> None:
    assert sector_pairs(nlp, text) == expected, what


@pytest.mark.parametrize("text", ["торговля", "торговля и", "лампами и", "торговлей «"])
def test_bad_input(nlp, text: str) -> None:
    assert isinstance(sector_pairs(nlp, text), list)
