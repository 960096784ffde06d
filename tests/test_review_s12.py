"""Review of session 12's relation rules (decisions 258-259): look-alikes of the merged rules
245-253 on invented sentences. Each FIXED row failed on the merged main, each GUARD row passes
before and after."""

from __future__ import annotations

import pytest

from pipeline.stages.relations.lexicon import Lexicon
from pipeline.stages.relations.seats import _holds_seat
from tests.conftest import pairs

# decision 258 (refines 252 and 79): "по" + a state inside a name is the body's topic
TOPIC_STATES = [
    # FIXED: 252 moved the seat to the place after "по"; a state there is no regional unit
    (
        "Межведомственная комиссия России по Сирии провела заседание.",
        {("Межведомственная комиссия России по Сирии", "России")},
    ),
    (
        "Специальный комитет США по Китаю опубликовал отчёт.",
        {("Специальный комитет США по Китаю", "США")},
    ),
    (
        "Рабочая группа Японии по Латинской Америке провела встречу.",
        {("Рабочая группа Японии по Латинской Америке", "Японии")},
    ),
    # GUARD: a regional unit keeps 252's reading; "по" + a field keeps 79's
    (
        "Следственный комитет России по Московской области возбудил дело.",
        {("Следственный комитет России по Московской области", "Московской области")},
    ),
    ("Сборная России по хоккею выиграла матч.", {("Сборная России по хоккею", "России")}),
]


@pytest.mark.parametrize(("text", "expected"), TOPIC_STATES)
def test_a_state_after_po_is_a_topic(nlp, text: str, expected) -> None:
    assert pairs(nlp(text), "HEADQUARTERED_IN") == expected


def test_states_come_from_the_place_gazetteer() -> None:
    """Word by word as a LOC's lemmas read, so an adjective in a state's name meets its tokens."""
    lex = Lexicon.load("configs/lexicons/relations.toml")
    assert {"сирия", "сша", "латинский америка", "южный корея"} <= lex.states
    assert "москва" not in lex.states  # a region of [places.regions] is a regional unit


# decision 259 (applies 209 to dates): a date after a clause-opening "а"/"но" past the amount
CONTRAST_DATES = [
    # FIXED: the parser hung the next clause's date on a word of the amount's clause
    (
        "Завод задолжал поставщику за транзит газа 40 млн рублей, а завод считает, что "
        "поставщик не довёз часть груза за прошлый месяц.",
        set(),
    ),
    ("«Вектор» потратил на рекламу 5 млн рублей, но в прошлом году расходы были выше.", set()),
    # GUARD: "а" correcting the date itself ("не …, а …") dates the amount
    (
        "Компания потратила 5 млн рублей не в 2019, а в 2020 году.",
        {("5 млн рублей", "в 2019"), ("5 млн рублей", "в 2020 году")},
    ),
    # GUARD: "а также" adds to the clause (209)
    (
        "Компания выделила 5 млн рублей, а также 2 млн рублей в 2020 году.",
        {("2 млн рублей", "в 2020 году")},
    ),
    # GUARD: a date before the amount is the clause's
    ("В 2020 году «Вектор» получил 5 млн рублей.", {("5 млн рублей", "В 2020 году")}),
]


@pytest.mark.parametrize(("text", "expected"), CONTRAST_DATES)
def test_a_date_after_a_contrast_is_the_next_clause(nlp, text: str, expected) -> None:
    assert pairs(nlp(text), "DATE_OF") == expected


# decision 258 (refines 251): a place adjective seating the name itself leaves the bracket
BRACKETS = [
    # FIXED: 251 dropped the city because the descriptor's adjective seats the name
    (
        "Российская компания «Вектор» (Казань) выиграла тендер.",
        {
            ("Российская компания «Вектор»", "Российская"),
            ("Российская компания «Вектор»", "Казань"),
        },
    ),
    # GUARD: 251's own cases, a LOC in the name or a nested name's seat
    ("Дума Когалыма (Ханты-Мансийский автономный округ) приняла бюджет.", set()),
    ("Правительство Москвы (Россия) приняло решение.", {("Правительство Москвы", "Москвы")}),
]


@pytest.mark.parametrize(("text", "expected"), BRACKETS)
def test_a_bracket_after_a_name_its_adjective_seats(nlp, text: str, expected) -> None:
    assert pairs(nlp(text), "HEADQUARTERED_IN") == expected


# decision 259: a dative the parser called the object is the payee, not what the money buys
PAYEES = [
    # FIXED: AMOUNT_OF(X -> «Ромашке»), the creditor of "задолжать" (246) and the payee
    ("«Вектор» задолжал «Ромашке» 5 млн рублей.", set()),
    ("«Вектор» заплатил «Ромашке» 5 млн рублей.", set()),
    # GUARD: an accusative object is what the money buys (PRICE_OF and AMOUNT_OF, 113)
    (
        "«Вектор» приобрёл «Газпромнефть» за 5 млн рублей.",
        {("5 млн рублей", "Газпромнефть")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), PAYEES)
def test_a_dative_object_is_the_payee(nlp, text: str, expected) -> None:
    assert pairs(nlp(text), "AMOUNT_OF") == expected
    assert ("Вектор", "5 млн рублей") in pairs(nlp(text), "EXPENDITURE")


class _Span:
    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end

    def __len__(self) -> int:
        return self.end - self.start


NONE = (-1, -1)  # a LOC seat: no place adjective's name


@pytest.mark.parametrize(
    ("org", "seats", "held"),
    [
        ((0, 3), [(2, 3, *NONE)], True),  # "думы Когалыма": a seat inside the name
        ((0, 3), [(0, 3, *NONE)], False),  # the whole name is no place inside it
        ((4, 6), [(0, 1, *NONE), (2, 3, *NONE), (6, 7, *NONE)], False),  # before and after it
        ((4, 6), [(0, 9, *NONE), (4, 5, *NONE)], True),  # an earlier longer seat hides nothing
        ((0, 5), [(0, 1, 0, 5)], False),  # "Российская компания «Вектор»": the name's adjective
        ((0, 5), [(3, 4, 3, 5)], True),  # "отдел Калифорнийского университета": a nested name's
    ],
)
def test_holds_seat_bisects_the_sorted_seats(org, seats, held) -> None:
    """decision 251's test without a scan of every seat per bracketed name."""
    assert _holds_seat(_Span(*org), sorted(seats)) is held
