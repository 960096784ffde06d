"""SECTOR precision classes of issue 12, session 12 (secprec; decisions 270-272;
configs/sectors.toml [rules] object_goods, object_determiners, material_goods, the
energy.renewables products; stages/rules/sector.py `_counted`, `_made_of`). Read from a seeded
sample of the pipeline's SECTOR mentions on NEREL train and factRuEval dev (slice 4's articles
left out). Sentences are made up for each class; every row of CLASSES fails on the rules before
this session, each GUARD is a look-alike that stays a mention."""

from __future__ import annotations

import pytest

from tests.conftest import sector_pairs

OIL, SOLAR = "energy.oil_gas", "energy.renewables"
CARS, COMPUTERS = "manufacturing.automotive", "manufacturing.electronics"


CLASSES = [  # (decision, text, mentions)
    ("270 a pipeline opened", "Президенты двух стран открыли нефтепровод.", []),
    ("270 a pipeline's treaty", "Стороны подписали договор о газопроводе.", []),
    ("270 one solar panel", "На станции установили новую солнечную батарею.", []),
    (
        "271 a determiner over a conjunct",
        "Полиция конфисковала все мобильные телефоны и компьютеры.",
        [],
    ),
    ("271 a negative determiner", "Он не взламывал никаких чужих компьютеров.", []),
    ("271 a possessive", "Чиновники ездят на своих автомобилях.", []),
    ("271 a numeral past the adjectives", "На поиски выслали 20 военных вертолетов.", []),
    ("271 a numeral over a listed conjunct", "Выслали 20 самолетов, вертолетов.", []),
    ("271 a possessive by its form", "Художник убрал с рисунка его любимые сигареты.", []),
    ("272 a building's material", "Квартира находится в здании из красного кирпича.", []),
    ("272 materials listed", "Предметы, изготовленные из металла, пластмассы или стекла.", []),
    ("272 materials joined", "Усадьба из дерева и кирпича сгорела.", []),
]

GUARDS = [  # (what, text, mentions)
    (
        "44 pipelines in general",
        "Компания строит нефтепроводы и газопроводы по всему миру.",
        [("нефтепроводы", OIL), ("газопроводы", OIL)],
    ),
    (
        "45 a pipeline's goods after a market word",
        "Рынок солнечных батарей растёт.",
        [("солнечных батарей", SOLAR)],
    ),
    (
        "44 solar panels in general",
        "Китай выпускает солнечные батареи.",
        [("солнечные батареи", SOLAR)],
    ),
    ("44 computers in general", "Компьютеры подорожали на 10 %.", [("Компьютеры", COMPUTERS)]),
    (
        "45 a determiner after a market word",
        "Производство всех автомобилей выросло.",
        [("автомобилей", CARS)],
    ),
    ("44 a class of cars", "Госдума разрешит беспилотные автомобили.", [("автомобили", CARS)]),
    (
        "272 a material's import",
        "Импорт кирпича из Белоруссии вырос.",
        [("кирпича", "construction")],
    ),
    ("272 a material after a verb", "Из стали завод делает трубы.", [("стали", "metallurgy")]),
    (
        "44 a noun before goods is no conjunct",
        "Он стал владельцем автомобилей.",
        [("автомобилей", CARS)],
    ),
]


@pytest.mark.parametrize(("decision", "text", "expected"), CLASSES)
def test_precision_class(nlp, decision: str, text: str, expected: list) -> None:
    assert sector_pairs(nlp, text) == expected, decision


@pytest.mark.parametrize(("what", "text", "expected"), GUARDS)
def test_precision_guard(nlp, what: str, text: str, expected: list) -> None:
    assert sector_pairs(nlp, text) == expected, what
