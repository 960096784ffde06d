"""Money through participles (guideline decisions 317-318), table-driven over invented
sentences: an active participle's holder is the noun it describes, a participle on the amount
(or on the sum noun it restates) is the amount's trigger; each shape with a look-alike that
must not link, beside the finite, passive and relative-clause forms they complete."""

from __future__ import annotations

from functools import partial

import pytest

from tests.conftest import links

MONEY = ("INCOME", "EXPENDITURE", "PRICE_OF")

money_links = partial(links, types=MONEY)


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # the finite verb, active and passive: the forms the participles complete
        (
            "Компания «Вектор» выплатила Ивану Петрову 5 млн рублей.",
            {("EXPENDITURE", "Компания «Вектор»", "5 млн рублей")},
            set(),
        ),
        (
            "Завод был куплен компанией «Вектор» за 5 млн рублей.",
            {("EXPENDITURE", "Вектор", "5 млн рублей")},
            set(),
        ),
        # decision 317: an active participle on the holder, organisation and person
        (
            "Банк «Заря», получивший от компании «Вектор» 5 млн рублей, закрылся.",
            {("INCOME", "Банк «Заря»", "5 млн рублей"), ("EXPENDITURE", "Вектор", "5 млн рублей")},
            set(),
        ),
        (
            "Иван Петров, заработавший в прошлом году 5 млн рублей, уехал в Казань.",
            {("INCOME", "Иван Петров", "5 млн рублей")},
            set(),
        ),
        (
            "Компания «Вектор», потратившая 5 млн рублей на рекламу, закрылась.",
            {("EXPENDITURE", "Компания «Вектор»", "5 млн рублей")},
            set(),
        ),
        # decision 318: a passive participle on the amount, its instrumental the holder
        (
            "Выделенные компанией «Вектор» 5 млн рублей пошли на ремонт школы.",
            {("EXPENDITURE", "Вектор", "5 млн рублей")},
            set(),
        ),
        (
            "Полученные банком «Заря» 5 млн рублей пошли на ремонт.",
            {("INCOME", "Заря", "5 млн рублей")},
            set(),
        ),
        # decision 318: a participle on the sum noun the amount restates, with its "от" payer
        (
            "Сумма в 5 млн рублей, полученная Иваном Петровым от компании «Вектор», вызвала "
            "вопросы.",
            {
                ("INCOME", "Иваном Петровым", "5 млн рублей"),
                ("EXPENDITURE", "Вектор", "5 млн рублей"),
            },
            set(),
        ),
        # look-alike: a passive participle with no instrumental names no receiver
        (
            "Компания «Вектор» вернула 5 млн рублей, полученные от банка «Заря».",
            {("EXPENDITURE", "Компания «Вектор»", "5 млн рублей")},
            {("INCOME", "Компания «Вектор»", "5 млн рублей")},
        ),
        # look-alike: a participle that moves no money leaves the finite verb's holder alone
        (
            "Созданная в 2010 году компания «Вектор» получила 5 млн рублей.",
            {("INCOME", "Вектор", "5 млн рублей")},
            set(),
        ),
        # look-alike: a plural common noun described by the participle names no one
        (
            "Заработавшие 5 млн рублей инвесторы уехали в Казань.",
            set(),
            {("INCOME", "Казань", "5 млн рублей"), ("INCOME", "инвесторы", "5 млн рублей")},
        ),
        # a relative clause's own subject holds the money (decision 106, unchanged)
        (
            "Иван Петров получил премию в размере 5 млн рублей, которую ему выплатила компания "
            "«Вектор».",
            {("INCOME", "Иван Петров", "5 млн рублей"), ("EXPENDITURE", "Вектор", "5 млн рублей")},
            set(),
        ),
        # negation: a negated trigger stays linked (decisions 106, 130 measured it: one
        # NEREL link each way); the participle reads as the finite verb does
        (
            "Банк «Заря», не получивший 5 млн рублей, закрылся.",
            {("INCOME", "Банк «Заря»", "5 млн рублей")},
            set(),
        ),
    ],
)
def test_money_participles(nlp, text, expected, absent):
    found = money_links(nlp(text))
    assert expected <= found
    assert not absent & found
