"""Review of session 10's merged rules (decisions 215-216): look-alikes of the new SECTOR and
SECTOR_OF rules a held-out article could hold, made up for each class (no corpus text), and
bad input for the new code paths. Each FIXED row failed on main 3f6f4fe; each GUARD row
passes before and after (the class the rule was built for)."""

from __future__ import annotations

from functools import partial

import pytest

from pipeline.sector_taxonomy import DEFAULT_PATH, Taxonomy
from tests.conftest import SHARED, load_script, pairs

sector_of = partial(pairs, kind="SECTOR_OF")


def sectors(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(s.text, s._.value.sector) for s in doc.spans["SECTOR"]]


ACTIVITY = [  # decision 215: only the goods ОКВЭД 2 captions name after an activity noun
    # FIXED: inanimate goods no caption names are no crops
    ("Компания занимается выращиванием кристаллов для микроэлектроники.", []),
    ("Биологи научились выращиванию клеток кожи.", []),
    ("Университет занимается выращиванием кадров.", []),
    ("Лаборатория освоила выращивание опухолей на чипе.", []),
    # GUARD: the captions' own goods
    (
        "Компания занялась выращиванием грибов и трюфелей.",
        [("грибов", "agriculture.crops"), ("трюфелей", "agriculture.crops")],
    ),
    (
        "Ферма занялась разведением чистопородных лошадей.",
        [("чистопородных лошадей", "agriculture.livestock")],
    ),
    ("Хозяйство специализируется на разведении кроликов.", [("кроликов", "agriculture.livestock")]),
    # GUARD: animacy still tells people and bridges from goods (201)
    ("Компания продолжает выращивание новых лидеров.", []),
]


@pytest.mark.parametrize(("text", "expected"), ACTIVITY)
def test_activity_goods(nlp, text: str, expected: list) -> None:
    assert [s for s in sectors(nlp, text) if s[1].startswith("agriculture")] == expected


EXAMPLE_LISTS = [  # decision 216: the kind before "включая/например/типа"
    # FIXED: one organisation in a noun's genitive: the names are the noun's, not the kind's
    ("Акционеры нефтяной компании, включая «Альфа-Групп» и BP, получили дивиденды.", set()),
    # GUARD: a plural kind, and a singular one after a preposition
    (
        "Крупные нефтяные компании, например «Лукойл», увеличили добычу.",
        {("Лукойл", "нефтяные компании")},
    ),
    (
        "Для нефтяной компании, например «Лукойла», это важно.",
        {("Лукойла", "нефтяной компании")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLE_LISTS)
def test_example_kind(nlp, text: str, expected: set) -> None:
    assert sector_of(nlp(text)) == expected


LOOK_ALIKES = [  # GUARD rows: ОКВЭД adjectives and resource heads on other nouns
    "На территории завода обнаружили строительный мусор.",
    "Почтовый адрес компании изменился.",
    "В отношении компании открыто конкурсное производство.",
    "Приставы начали исполнительное производство.",
    "Золотовалютные запасы России выросли.",
    "Кадровые ресурсы предприятия исчерпаны.",
    "Информационный ресурс заблокирован.",
    "Нобелевская премия по литературе досталась писателю.",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_no_sector(nlp, text: str) -> None:
    assert sectors(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "выращивание",
        "Выращивание.",
        "включая",
        "Например, «А».",
        "включая «А» и «Б»",
        "« » — — «",
        "— —",
        "Разведение, выращивание, типа, включая, например.",
        "готова выплатить",
        "Должна.",
        "запасы",
    ],
)
def test_bad_input(nlp, text: str) -> None:
    doc = nlp(text)
    assert doc.text == text


def test_goods_of_caption() -> None:
    script = load_script("okved_words")
    stop = frozenset({"материал"})
    goods = partial(script._goods, morph=__import__("pymorphy3").MorphAnalyzer(), stop=stop)
    assert goods("Выращивание овощей открытого грунта") == ["овощ"]
    assert goods("Разведение лошадей, ослов, мулов, лошаков") == [
        "лошадь",
        "осел",
        "мул",
        "лошак",
    ]
    assert goods("Разведение кроликов, производство тонкого волоса кроликов") == ["кролик"]
    assert goods("Выращивание посадочного материала лесных растений") == []


def test_generated_goods_load() -> None:
    words = Taxonomy.load(DEFAULT_PATH).okved_words
    assert ("выращивание", "гриб") in words.goods
    assert ("разведение", "лошадь") in words.goods
    assert {head for head, _ in words.goods} <= {head for head, _, _ in words.activities}


OKVED = SHARED / "okved2" / "okved2.csv"


@pytest.mark.skipif(not OKVED.exists(), reason="official ОКВЭД 2 file not available")
def test_stale_block_fails(tmp_path) -> None:
    # a hand edit inside the generated block is caught by --check
    script = load_script("okved_words")
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    edited = tmp_path / "sectors.toml"
    edited.write_text(text.replace('["почтовый", ', '["почтовый-x", '), encoding="utf-8")
    assert script.main(["--okved", str(OKVED), "--taxonomy", str(edited), "--check"]) == 1
    assert script.main(["--okved", str(OKVED), "--taxonomy", str(DEFAULT_PATH), "--check"]) == 0


@pytest.mark.parametrize(
    "row", ['["почтовый"],', '"почтовый",', '["почтовый", "transport.logistics", "x"],']
)
def test_hand_edited_block_row_is_an_input_error(tmp_path, row: str) -> None:
    from pipeline.errors import InputError
    from pipeline.stages.rules.sector import load_taxonomy

    text = DEFAULT_PATH.read_text(encoding="utf-8")
    edited = tmp_path / "sectors.toml"
    edited.write_text(text.replace('["почтовый", "transport.logistics"],', row), encoding="utf-8")
    with pytest.raises(InputError, match="okved_words"):
        load_taxonomy(edited)


def test_block_without_its_end_line_is_refused(tmp_path, capsys) -> None:
    script = load_script("okved_words")
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="do not pair"):
        script.replace_block(text.replace(script.END, ""), "block")
    assert script.replace_block("x = 1\n", "block") == "x = 1\n\nblock\n"
    assert script.replace_block(text, "block").count("block") == 1
