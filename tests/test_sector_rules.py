"""SECTOR stage (stages/rules/sector.py): taxonomy terms found by lemma, in any case form."""

from __future__ import annotations

import json

import pytest
from spacy.tokens import Span

from pipeline.errors import InputError
from pipeline.sector_taxonomy import Taxonomy
from tests.conftest import SEED, SEED_GOLD


def sectors(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)  # a SpanGroup needs its Doc alive
    return [(s.text, s._.value.sector) for s in doc.spans["SECTOR"]]


# (text, expected (span text, sector id) pairs in order)
FOUND = [
    # 197 d, 295: the goods of illicit trade stay mentions, the trade noun stays outside
    ("Его обвиняют в незаконной торговле оружием.", [("оружием", "manufacturing.defence")]),
    ("Проекты в сельском хозяйстве растут.", [("сельском хозяйстве", "agriculture")]),
    ("Потенциал у проектов в сфере сельского хозяйства.", [("сельского хозяйства", "agriculture")]),
    ("Помощь сельскому хозяйству увеличат.", [("сельскому хозяйству", "agriculture")]),
    ("Он занимается сельским хозяйством.", [("сельским хозяйством", "agriculture")]),
    ("Сельское хозяйство Казахстана растёт.", [("Сельское хозяйство", "agriculture")]),
    (
        "Реализуются проекты в сфере нефтепереработки.",
        [("нефтепереработки", "energy.oil_refining")],
    ),
    ("Компания занялась нефтепереработкой.", [("нефтепереработкой", "energy.oil_refining")]),
    (
        "Реализуются проекты в сфере нефтепереработки и нефтехимии.",
        [("нефтепереработки", "energy.oil_refining"), ("нефтехимии", "chemicals.petrochemicals")],
    ),
    ("Сотрудничество в сфере цифровых технологий.", [("цифровых технологий", "ict")]),
    ("Цифровые технологии меняют экономику.", [("Цифровые технологии", "ict")]),
    (
        "Особое внимание уделяется «зеленой энергетике».",
        [("зеленой энергетике", "energy.renewables")],
    ),
    (
        "Особое внимание уделяется «зелёной энергетике».",
        [("зелёной энергетике", "energy.renewables")],
    ),
    ("Они инвестируют в зелёную энергетику.", [("зелёную энергетику", "energy.renewables")]),
    (
        "Работа в сфере мирного использования атомной энергии.",
        [("атомной энергии", "energy.nuclear")],
    ),
    # the longest term wins: oil industry, not the bare "промышленность"
    ("Кризис нефтяной промышленности углубился.", [("нефтяной промышленности", "energy.oil_gas")]),
    ("Япония экспортирует зерновые культуры.", [("зерновые культуры", "agriculture.crops")]),
    ("Интерес к поставкам растительных масел.", [("растительных масел", "food.oils")]),
    ("Внедрение передовых аграрных технологий.", [("аграрных технологий", "agriculture")]),
    ("Интерес к запасам редкоземельных металлов.", [("редкоземельных металлов", "mining.metals")]),
    ("Энергетика традиционно является ключевой сферой.", [("Энергетика", "energy")]),
    # NER reads sector acronyms as organisations; an ORG that is exactly a term is the term
    (
        "Развитие ОПК и ВПК продолжится.",
        [("ОПК", "manufacturing.defence"), ("ВПК", "manufacturing.defence")],
    ),
    ("Лидеры ИТ-отрасли и ТЭК встретились.", [("ИТ-отрасли", "ict"), ("ТЭК", "energy")]),
    ("Мировой лидер IT и телекома.", [("IT", "ict"), ("телекома", "ict.telecom")]),
]

NOT_FOUND = [
    "Переговоры о ядерном разоружении.",
    "Вопросы ядерного разоружения обсуждались.",
    "Технологии развиваются быстро.",
    "Внедрение передовых технологий.",
    "Бизнес ждёт новых инвестиций в экономику.",
    # sector words inside the name of a body or a post
    "Министерство образования объявило конкурс.",
    "Об этом заявил министр энергетики Белоруссии.",
    "Он работал в министерстве образования.",
    "Министр энергетики и промышленности выступил.",
    # other senses
    "Врач по образованию, он стал политиком.",
    "Она получила образование в Париже.",
    "Обстрел в секторе Газа продолжился.",
    # illicit trade is no trade sector (the goods traded are, 197 d and 295: FOUND)
    "Его обвиняют в торговле наркотиками.",
    # English text inside Russian
    "Автор хитов «It’s My Life» и «Such a Shame».",
    # a quoted company name stays a name
    "Компания «Уран» объявила о сделке.",
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_finds_sector(nlp, text: str, expected: list[tuple[str, str]]) -> None:
    assert sectors(nlp, text) == expected


@pytest.mark.parametrize("text", NOT_FOUND)
def test_no_sector(nlp, text: str) -> None:
    assert sectors(nlp, text) == []


def test_span_attributes(nlp, taxonomy: Taxonomy) -> None:
    doc = nlp("Рост сельского хозяйства.")
    (span,) = doc.spans["SECTOR"]
    assert span.label_ == "SECTOR"
    assert span._.stage == "sector_rules"
    assert span._.value.sector == "agriculture"
    assert span._.value.okved == ";".join(taxonomy["agriculture"].okved) == "A;01;01.5"
    assert span._.normal == taxonomy["agriculture"].name_ru


def test_words_inside_an_org_span_are_skipped(nlp) -> None:
    text = "Экономического и энергетического диалога нет, но энергетическая отрасль растёт."
    component = nlp.get_pipe("sector_rules")
    with nlp.select_pipes(disable=["sector_rules"]):
        doc = nlp(text)
    doc.spans["ORG"] = [Span(doc, 0, 4, label="ORG")]
    doc = component(doc)
    assert [(s.text, s._.value.sector) for s in doc.spans["SECTOR"]] == [
        ("энергетическая отрасль", "energy")
    ]


def test_missing_taxonomy_is_an_input_error(nlp, tmp_path) -> None:
    from pipeline.stages.rules.sector import SectorRules

    with pytest.raises(InputError, match="cannot read taxonomy"):
        SectorRules(nlp, "sector_rules", str(tmp_path / "absent.toml"))


def test_seed_matches_gold(nlp) -> None:
    from pipeline.reader import read_documents
    from pipeline.runner import process

    (gold_doc,) = [json.loads(line) for line in SEED_GOLD.read_text(encoding="utf-8").splitlines()]
    gold = {
        (e["start"], e["end"], e["sector"], e["okved"])
        for e in gold_doc["entities"]
        if e["type"] == "SECTOR"
    }
    doc = next(process(read_documents(SEED), nlp))
    found = {
        (s.start_char, s.end_char, s._.value.sector, s._.value.okved) for s in doc.spans["SECTOR"]
    }
    assert found == gold
