"""SECTOR on new text, issue 12 session 10 (guideline 200-204): sector adjectives of ОКВЭД 2
captions and plant heads, activity heads with their goods, names of posts and prizes, lists of
examples after a kind (SECTOR_OF), natural resources. Sentences are made up for each class,
not taken from any corpus; every CLASSES row fails on the rules before session 10, the GUARDS
pass before and after. The generated [okved_words] block is checked against the captions."""

from __future__ import annotations

from functools import partial

import pymorphy3
import pytest

from pipeline.sector_taxonomy import DEFAULT_PATH, Taxonomy
from tests.conftest import SHARED, load_script, pairs

SHARED_OKVED = SHARED / "okved2" / "okved2.csv"  # $SHARED_DIR, else ../shared
sector_of = partial(pairs, kind="SECTOR_OF")


def sectors(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(s.text, s._.value.sector) for s in doc.spans["SECTOR"]]


ADJECTIVES_AND_PLANTS = [  # decision 200
    (
        "Рабочие сталелитейного завода вышли на забастовку.",
        [("сталелитейного завода", "metallurgy")],
    ),
    ("Он двадцать лет проработал на химическом заводе.", [("химическом заводе", "chemicals")]),
    (
        "Сотрудники сталелитейного производства получили премии.",
        [("сталелитейного производства", "metallurgy")],
    ),
    ("Почтовая компания увеличила выручку.", [("Почтовая компания", "transport.logistics")]),
    (
        "Заказ получила строительно-монтажная компания из Казани.",
        [("строительно-монтажная компания", "construction")],
    ),
]

ACTIVITIES = [  # decision 201
    ("Фермер занялся выращиванием грибов.", [("грибов", "agriculture.crops")]),
    (
        "Хозяйство специализируется на разведении чистопородных лошадей.",
        [("чистопородных лошадей", "agriculture.livestock")],
    ),
    (
        "Семья зарабатывает разведением пчёл и кроликов.",
        [("пчёл", "agriculture.livestock"), ("кроликов", "agriculture.livestock")],
    ),
    # a context term after an activity head, as after "производство" (201)
    ("Он зарабатывает разведением скота.", [("скота", "agriculture.livestock")]),
]

POSTS_AND_PRIZES = [  # decision 202
    ("Экс-министр энергетики дал интервью.", []),
    ("Он был министром экономики, торговли и промышленности.", []),
    ("Нобелевские премии 2013 года по медицине и физике вручили в Стокгольме.", []),
]

RESOURCES = [  # decision 204
    (
        "Власти распорядились нефтяными богатствами страны.",
        [("нефтяными богатствами", "energy.oil_gas")],
    ),
    ("На шельфе разведаны газовые запасы.", [("газовые запасы", "energy.oil_gas")]),
    ("В море нашли месторождения углеводородов.", [("углеводородов", "energy.oil_gas")]),
    ("Связь пропала на борту летательного аппарата.", []),
]

GUARDS = [  # what stays as it was
    ("Завод остановил работу.", []),
    ("Разведение мостов начнётся в полночь.", []),
    ("Банк привлёк инвестиционные ресурсы.", []),
    (
        "Завод наладил производство летательных аппаратов.",
        [("летательных аппаратов", "manufacturing.transport_equipment")],
    ),
    (
        "Экономика, торговля и промышленность растут.",
        [("торговля", "trade"), ("промышленность", "manufacturing")],
    ),
    ("Министр энергетики выступил на форуме.", []),
]


@pytest.mark.parametrize(
    "text, expected", ADJECTIVES_AND_PLANTS + ACTIVITIES + POSTS_AND_PRIZES + RESOURCES
)
def test_sector_class(nlp, text: str, expected: list) -> None:
    assert sectors(nlp, text) == expected


@pytest.mark.parametrize("text, expected", GUARDS)
def test_what_stays(nlp, text: str, expected: list) -> None:
    assert sectors(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # names listed after a marker of examples take the kind before it (203, 178 c)
        (
            "Хакеры взломали серверы крупных нефтяных компаний, включая Shell и Chevron.",
            {("Shell", "нефтяных компаний"), ("Chevron", "нефтяных компаний")},
        ),
        (
            "Регулятор ослабил надзор за брокерскими компаниями типа Goldman Sachs.",
            {("Goldman Sachs", "брокерскими компаниями")},
        ),
        # "осуществлять" with the sector as its object: the company's activity (203)
        (
            "Самолёт принадлежал компании «Скат», которая осуществляет авиаперевозки.",
            {("Скат", "авиаперевозки")},
        ),
        # look-alikes: a list after a word that is no sector, a sector under another noun
        ("Конкуренты, включая Shell и Chevron, снизили цены.", set()),
        ("Ведомство «Вектор» осуществляет надзор за нефтяными компаниями.", set()),
    ],
)
def test_sector_of_lists_and_activity(nlp, text, expected):
    assert sector_of(nlp(text)) == expected


def test_generated_block_loads() -> None:
    words = Taxonomy.load(DEFAULT_PATH).okved_words
    activities = {head: (sid, alive) for head, sid, alive in words.activities}
    assert activities["выращивание"] == ("agriculture.crops", "inan")
    assert activities["разведение"] == ("agriculture.livestock", "anim")
    assert ("почтовый", "transport.logistics") in words.adjectives
    assert Taxonomy.load(DEFAULT_PATH).validate() == []


def test_generated_block_is_current() -> None:
    # scripts/okved_words.py regenerates the block from the repo's copy of the captions: a hand
    # edit or a stale block fails here, on a clean clone too
    assert load_script("okved_words").main(["--check"]) == 0


@pytest.mark.skipif(not SHARED_OKVED.exists(), reason="official ОКВЭД 2 file not available")
def test_caption_copy_matches_the_official_file() -> None:
    module = load_script("okved_words")

    def columns(path):
        return [(r["code"], r["parent"], r["caption"]) for r in module.read_rows(path)]

    assert columns(module.CAPTIONS) == columns(SHARED_OKVED)


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("Деятельность издательская", ["издательский"]),
        ("Деятельность туристических агентств", ["туристический"]),
        # a goods adjective in the genitive after the activity noun qualifies the goods
        ("Производство молочной продукции", []),
        ("Выращивание зерновых культур", []),
    ],
)
def test_caption_adjectives(caption: str, expected: list) -> None:
    script = load_script("okved_words")
    words = script.WORD.findall(caption)
    assert script._head_adjectives(words, pymorphy3.MorphAnalyzer()) == expected


def test_code_prefixes() -> None:
    assert load_script("okved_words")._prefixes("01.41.1") == ["01.41.1", "01.41", "01.4", "01"]
    assert load_script("okved_words")._prefixes("A") == ["A"]


def test_bad_okved_path(tmp_path, capsys) -> None:
    assert load_script("okved_words").main(["--okved", str(tmp_path / "none.csv")]) == 1
    assert "none.csv" in capsys.readouterr().err
