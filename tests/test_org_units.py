"""Organisation units and money holders (guideline 94-97), on sentences written for the tests,
each class with the look-alike that must stay as it is."""

from __future__ import annotations

import pytest

from tests.conftest import links


def orgs(doc) -> set[str]:
    return {s.text for s in doc.spans.get("ORG", [])}


MONEY = ("INCOME", "EXPENDITURE", "PRICE_OF")


@pytest.mark.parametrize(
    ("text", "unit", "parent"),
    [
        # decision 94: a unit with a named parent after it, the parent nested
        ("Об этом сообщила пресс-служба компании «Лукойл».", "пресс-служба компании «Лукойл»",
         "Лукойл"),
        ("Совет директоров «Газпрома» одобрил сделку.", "Совет директоров «Газпрома»", "Газпрома"),
        ("Решение принял совет директоров банка ВТБ.", "совет директоров банка ВТБ", "ВТБ"),
        ("Правление Сбербанка утвердило дивиденды.", "Правление Сбербанка", "Сбербанка"),
        ("Сотрудник отдела кадров компании Apple уволен.", "отдела кадров компании Apple", "Apple"),
        ("Директор департамента внешних связей «Роснефти» ушёл.",
         "департамента внешних связей «Роснефти»", "Роснефти"),
        # a "по" field with "с" + instrumental before the parent
        ("Он возглавлял управление по борьбе с терроризмом ФСБ России.",
         "управление по борьбе с терроризмом ФСБ России", "ФСБ России"),
        # a unit of a unit: the chain; the inner unit keeps its weak adjective (decision 108)
        ("Пресс-служба городского управления МЧС сообщила о пожаре.",
         "Пресс-служба городского управления МЧС", "городского управления МЧС"),
        # decision 95: a body word in the genitive after a head is a nested parent
        ("Закон принят нижней палатой парламента.", "нижней палатой парламента", "парламента"),
        ("Комитет Сената поддержал законопроект.", "Комитет Сената", "Сената"),
    ],
)  # fmt: skip
def test_unit_is_part_of_its_named_parent(nlp, text, unit, parent):
    doc = nlp(text)
    assert {unit, parent} <= orgs(doc)
    assert ("PART_OF", unit, parent) in links(doc, ("PART_OF",))


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # look-alikes: a unit before a bare descriptor, or with no parent, is not extended
        ("Пресс-служба правительства сообщила об этом.", "Пресс-служба правительства"),
        ("Правление утвердило дивиденды.", "Правление"),
        ("Кафедра объявила набор.", "Кафедра"),
        # the body word as the name's own head is not nested in it
        ("Инициативы американского правительства обсуждались.", "правительства"),
    ],
)
def test_unit_look_alikes(nlp, text, absent):
    assert absent not in orgs(nlp(text))


def test_quoted_parent_keeps_its_own_entity(nlp):
    doc = nlp("Совет директоров «Газпрома» одобрил сделку.")
    by_text = {s.text: s._.entity_id for s in doc.spans["ORG"]}
    assert by_text["Совет директоров «Газпрома»"] != by_text["Газпрома"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # decision 96: a kind noun holder stands for the subject-like name before it
        (
            "«Вектор» отчитался о результатах. Компания получила прибыль 3 млрд рублей.",
            {("INCOME", "Вектор", "3 млрд рублей")},
        ),
        (
            "В пятницу «Вектор» провёл размещение, капитализация компании составила 105 млрд "
            "долларов.",
            {("PRICE_OF", "Вектор", "105 млрд долларов")},
        ),
        # look-alike: no name in this or the previous sentence
        (
            "Погода была плохой. Дождь шёл весь день. Компания получила прибыль 3 млрд рублей.",
            set(),
        ),
        # decision 97: the dative or object of the verb an infinitive depends on does it
        (
            "Компании «Вектор» придётся потратить 500 млрд рублей на оборудование.",
            {("EXPENDITURE", "Вектор", "500 млрд рублей")},
        ),
        (
            "Правительство поручило Минфину выделить 5 млрд рублей.",
            {("EXPENDITURE", "Минфину", "5 млрд рублей")},
        ),
        (
            "Суд обязал компанию Monsanto выплатить 80 млн долларов фермеру.",
            {("EXPENDITURE", "Monsanto", "80 млн долларов")},
        ),
        # look-alike: after "обещать" the subject does it, not the dative
        (
            "Министр Петров обещал «Вектору» выплатить 5 млн рублей.",
            {("EXPENDITURE", "Петров", "5 млн рублей")},
        ),
        # a verb whose subject is the money holds it in its dative
        (
            "Фонду «Север» поступило 3 млн долларов.",
            {("INCOME", "Фонду «Север»", "3 млн долларов")},
        ),
        # an active valuation prices its object, not the appraiser
        ("Агентство Bloomberg оценило состояние Иванова в 5 млрд долларов.", set()),
    ],
)
def test_money_holders_by_kind_noun_and_control(nlp, text, expected):
    assert links(nlp(text), MONEY) == expected
