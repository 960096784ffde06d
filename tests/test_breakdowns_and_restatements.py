"""Rows for three session-8 mechanisms that no other test made fail when switched off
(found by the session's review): a breakdown's first amount after a dash and the next one of
its list (decision 162, relations/dates.py `breakdown_start`, `next_in_list`), and an amount
after "или" restating the one before in another currency (decision 147,
`MoneyReader.or_restates`). Invented sentences."""

from __future__ import annotations

import pytest

from tests.conftest import links

MONEY = ("INCOME", "EXPENDITURE", "PRICE_OF")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the total is not dated by its first part's date (breakdown_start)
        (
            "Компания инвестирует 10 млрд рублей в завод — 4 млрд рублей в 2023 году, "
            "6 млрд рублей в 2024 году.",
            {("4 млрд рублей", "в 2023 году"), ("6 млрд рублей", "в 2024 году")},
        ),
        # the second part of a list takes only its own date, not the clause's (next_in_list)
        (
            "В 2022 году регион получит 9 млрд рублей — 4 млрд рублей в мае и 5 млрд рублей "
            "в июне.",
            {
                ("9 млрд рублей", "В 2022 году"),
                ("4 млрд рублей", "в мае"),
                ("5 млрд рублей", "в июне"),
            },
        ),
    ],
)
def test_breakdown_dates(nlp, text, expected):
    found = {(h, t) for _, h, t in links(nlp(text), ("DATE_OF",))}
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Компания «Заря» купила завод за 100 млн евро или около 8 млрд рублей.",
            {("EXPENDITURE", "Заря", "100 млн евро")},
        ),
        (
            "Банк «Заря» выдал кредит на 3 млрд рублей или почти 50 млн долларов.",
            {("EXPENDITURE", "Банк «Заря»", "3 млрд рублей")},
        ),
        (
            "Клуб «Вектор» продал полузащитника за £18 млн или около $23 млн.",
            {("INCOME", "Клуб «Вектор»", "£18 млн")},
        ),
    ],
)
def test_or_restates_the_amount_before(nlp, text, expected):
    assert links(nlp(text), MONEY) == expected
