"""Session 4 relation patterns (guideline decisions 79-82), table-driven, each with the
look-alike that must not link."""

from __future__ import annotations

import pytest

from tests.conftest import links


def of_type(doc, kind: str) -> set[tuple[str, str, str]]:
    return links(doc, (kind,))


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        # decision 79: the seat goes to the smallest ORG that holds the place
        (
            "Пресс-служба МВД России сообщила об этом.",
            "HEADQUARTERED_IN",
            {("HEADQUARTERED_IN", "МВД России", "России")},
        ),
        # a place before "по" + a place inside the name is the parent body's state: the
        # regional unit is seated in the place after "по" only (decision 252, revises 79)
        (
            "Следственный комитет России по Челябинской области возбудил дело.",
            "HEADQUARTERED_IN",
            {
                (
                    "HEADQUARTERED_IN",
                    "Следственный комитет России по Челябинской области",
                    "Челябинской области",
                )
            },
        ),
        # decision 83: "по" + place, a place noun, a bracketed aside between ORG and seat;
        # since ORG decision 56 the "по" + place is inside the name, and decision 79 seats it
        (
            "Начальник УМВД по Невскому району уволен.",
            "HEADQUARTERED_IN",
            {("HEADQUARTERED_IN", "УМВД по Невскому району", "Невскому району")},
        ),
        (
            "Об этом сообщила полиция штата Миссури.",
            "HEADQUARTERED_IN",
            # one name with its place noun and place (decision 101)
            {("HEADQUARTERED_IN", "полиция штата Миссури", "Миссури")},
        ),
        (
            "Пожар в консульство Франции в марокканском городе Танжер не затронул архив.",
            "HEADQUARTERED_IN",
            # decision 100: the state that sends a consulate is not its seat
            {("HEADQUARTERED_IN", "консульство Франции", "Танжер")},
        ),
        (
            "Встреча прошла в Фонде «Рассвет» (The Dawn Foundation) в Берлине.",
            "HEADQUARTERED_IN",
            {
                ("HEADQUARTERED_IN", "Фонде «Рассвет»", "Берлине"),
                ("HEADQUARTERED_IN", "The Dawn Foundation", "Берлине"),
            },
        ),
        # look-alike: "по" + a topic that is no place
        ("Комитет Госдумы по бюджету собрался.", "HEADQUARTERED_IN", set()),
        # look-alike: a place mid-name is the body's topic, not its seat
        ("Институт Китая и современной Азии РАН провёл конференцию.", "HEADQUARTERED_IN", set()),
        # decision 79: a unit nested in a body is PART_OF it ...
        (
            "Пресс-служба МВД России сообщила об этом.",
            "PART_OF",
            {("PART_OF", "Пресс-служба МВД России", "МВД России")},
        ),
        # ... its kind noun or epithets before a name are not a parent
        ("Представитель компании Apple отказался от комментариев.", "PART_OF", set()),
        ("Генеральный директор агентства Reuters уволился.", "PART_OF", set()),
        ("Секретарь левоцентристской Демократической партии Италии выступил.", "PART_OF", set()),
    ],
)
def test_seats_and_chains(nlp, text, kind, expected):
    assert of_type(nlp(text), kind) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # decision 81: a pronoun holder stands for the previous sentence's subject
        (
            "Анна Петрова увлекается хирургией. Она уже потратила 650 тысяч долларов.",
            {("EXPENDITURE", "Анна Петрова", "650 тысяч долларов")},
        ),
        (
            "Компания «Лукойл» отчиталась за год. Она получила прибыль 3 млрд рублей.",
            {("INCOME", "Лукойл", "3 млрд рублей")},
        ),
        # a possessive of a noun trigger; an indeclinable name as the earlier subject
        (
            "Блогер Сомов завёл канал в 2015 году. По данным Forbes, его доход составил "
            "4 млн долларов.",
            {("INCOME", "Сомов", "4 млн долларов")},
        ),
        (
            "В пятницу о перестановках сообщил Google. Он получил прибыль 8 млрд долларов.",
            {("INCOME", "Google", "8 млрд долларов")},
        ),
        # look-alikes: the pronoun disagrees in gender, or the mention is too far back
        ("Анна Петрова увлекается хирургией. Он уже потратил 650 тысяч долларов.", set()),
        (
            "Анна Петрова увлекается хирургией. Погода плохая. Дождь идёт. "
            "Она уже потратила 650 тысяч долларов.",
            set(),
        ),
        # a pronoun object of a purchase is the thing bought, not the buyer
        (
            "Клуб «Ротор» выставлен на продажу. Игорь Ломов приобрёл его за 12,5 млн евро.",
            {
                ("EXPENDITURE", "Игорь Ломов", "12,5 млн евро"),
                ("PRICE_OF", "Ротор", "12,5 млн евро"),
            },
        ),
        # the subject of a passive purchase or sale is the thing priced
        (
            "«Авито» был куплен «Яндексом» за 3 млрд долларов.",
            {
                ("EXPENDITURE", "Яндексом", "3 млрд долларов"),
                ("PRICE_OF", "Авито", "3 млрд долларов"),
            },
        ),
        ("«Авито» был продан за 3 млрд долларов.", {("PRICE_OF", "Авито", "3 млрд долларов")}),
        # decision 82: a person's contract is their income; a company's stays a deal
        (
            "Ломов подписал контракт на сумму 2,5 млн долларов.",
            {("INCOME", "Ломов", "2,5 млн долларов")},
        ),
        ("«Газпром» подписал контракт на сумму 2 млрд рублей.", set()),
        # decision 84: a subjectless verb takes the subject of the clause it hangs from
        (
            "Олег Демин назвал закон вредным и пообещал выделить 40 тысяч долларов.",
            {("EXPENDITURE", "Олег Демин", "40 тысяч долларов")},
        ),
        (
            "Сергей Кузин подозревается в том, что передал 12 млн долларов жене министра.",
            {("EXPENDITURE", "Сергей Кузин", "12 млн долларов")},
        ),
        (
            "Андрей Белов был отпущен после того, как внёс залог в размере 20 миллионов рублей.",
            {("EXPENDITURE", "Андрей Белов", "20 миллионов рублей")},
        ),
        # look-alikes: the clause has its own subject; a passive names no payer
        (
            "Министр Силуанов заявил, что «Газпром» выделит 5 млрд рублей.",
            {("EXPENDITURE", "Газпром", "5 млрд рублей")},
        ),
        ("Министр Силуанов заявил, что было выделено 5 млрд рублей.", set()),
        # decision 85: the dative of a verb giving an income noun; "у X был …"
        (
            "Суд присудил Ивану Смирнову компенсацию в размере 5000 евро.",
            {("INCOME", "Ивану Смирнову", "5000 евро")},
        ),
        (
            "На момент сделки у Петрова был действующий контракт на 15 миллионов долларов.",
            {("INCOME", "Петрова", "15 миллионов долларов")},
        ),
        # look-alike: a dative beside a spending verb is no holder of an income
        (
            "«Газпром» выделил школе 5 млрд рублей.",
            {("EXPENDITURE", "Газпром", "5 млрд рублей")},
        ),
        # a no-break space inside the amount is not its syntactic head
        ("«Газпром» выделил 5\xa0млрд рублей.", {("EXPENDITURE", "Газпром", "5\xa0млрд рублей")}),
    ],
)
def test_money_holders(nlp, text, expected):
    doc = nlp(text)
    money = {link for link in links(doc) if link[0] in ("INCOME", "EXPENDITURE", "PRICE_OF")}
    assert money == expected


def test_anchor_skips_space_tokens(nlp):
    from pipeline.stages.relations import anchor

    doc = nlp("«Газпром» выделил 5\xa0млрд рублей.")
    (amount,) = doc.spans["AMOUNT"]
    assert not anchor(amount).is_space


@pytest.mark.parametrize(
    ("text", "seat"),
    [
        # decision 99: a verb of location after the name, then "в" + LOC
        ("Компания «Вектор», базирующаяся в Лондоне, выпустила отчёт.", "Лондоне"),
        ("Банк «Рассвет», зарегистрированный в Казани, получил лицензию.", "Казани"),
        ("Завод «Кварц», расположенный в городе Самара, остановил линию.", "Самара"),
        ("Холдинг «Вектор» базируется в Екатеринбурге.", "Екатеринбурге"),
        # "из" after a quoted name
        ("Матч с «Ротором» из Волгограда перенесли.", "Волгограда"),
        # look-alikes: a visit, an event, a person, a state, a movement after an unquoted name
        ("Делегация «Вектора», прибывшая в Лондон, провела встречу.", None),
        ("Форум «Вектор», прошедший в Казани, собрал гостей.", None),
        ("Иван Петров, живущий в Сочи, выиграл приз.", None),
        ("Вывод войск НАТО из Афганистана завершён.", None),
        ("Компания «Вектор», находящаяся в трудном положении, продала завод.", None),
    ],
)
def test_seats_through_words(nlp, text, seat):
    seats = {link[2] for link in of_type(nlp(text), "HEADQUARTERED_IN")}
    assert seats == ({seat} if seat else set())
