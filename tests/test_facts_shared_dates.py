"""DATE_OF across two clauses the parser hung side by side on one word (guideline 225):
coordinated clauses share a date written once (112, 116) also when the parser made the second
a sibling of the first (two `ccomp`s or two `acl`s) instead of its conjunct. Table-driven
over invented sentences, with the look-alikes that must not link."""

from __future__ import annotations

import pytest

from tests.conftest import pairs as of_type


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two complements of one verb joined by a comma and "при этом": one coordination
        (
            "Аналитики отметили, что за 10 лет фонд провёл всего два конкурса, "
            "при этом он израсходовал 3 млрд рублей.",
            {("3 млрд рублей", "за 10 лет")},
        ),
        # two clauses on "о том": the price is the new passports' from the same day
        (
            "Министр заявил о том, что с 1 января граждане смогут получить новые паспорта, "
            "их стоимость составит 2 тыс. рублей.",
            {("2 тыс. рублей", "с 1 января")},
        ),
        # explicit coordination read as before (conjuncts, 116)
        (
            "Директор сказал, что весной 2018 года банк закрылся, "
            "и что вкладчики потеряли 40 млн рублей.",
            {("40 млн рублей", "весной 2018 года")},
        ),
        # look-alikes: a second clause opened by a subordinator is a clause of its own
        (
            "Министр сообщил, что в 2020 году выручка упала, что компания потратила 5 млн рублей.",
            set(),
        ),
        (
            "Аналитики отметили, что в 2019 году завод остановился, если компания потратит "
            "5 млн рублей на ремонт.",
            set(),
        ),
        (
            "Министр сообщил, что в 2020 году выручка упала, хотя компания потратила 5 млн рублей.",
            set(),
        ),
        # two participles on one noun describe it: the founding date is not the spending's
        (
            "Об этом говорится в сообщении компании, основанной в 2005 году, получившей "
            "3 млрд рублей.",
            set(),
        ),
        (
            "Речь идёт о фонде, созданном в 2010 году, потратившем 3 млрд рублей на школы.",
            set(),
        ),
    ],
)
def test_date_shared_with_sibling_clause(nlp, text, expected):
    assert of_type(nlp(text), "DATE_OF") == expected


def test_own_date_blocks_the_sibling_clause(nlp):
    """The amount's clause has a date of its own in its words (the parser hung it on the
    clause before): the clause before lends it none of its dates."""
    doc = nlp(
        "Аналитики отметили, что в 2015 году фонд провёл конкурс, при этом в 2016 году "
        "он израсходовал 3 млрд рублей."
    )
    assert ("3 млрд рублей", "в 2015 году") not in of_type(doc, "DATE_OF")
