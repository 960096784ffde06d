"""HEADQUARTERED_IN of session 12 (guideline 250-253), table-driven over invented sentences,
each rule with the look-alike that must keep its seat."""

from __future__ import annotations

from functools import partial

import pytest

from tests.conftest import pairs, process_text

seats = partial(pairs, kind="HEADQUARTERED_IN")


# decision 250: a place adjective opening a name that its own genitive place closes
@pytest.mark.parametrize(
    ("text", "seated", "not_seated"),
    [
        (
            "Вчера Тверской суд Москвы продлил арест бизнесмена.",
            ("Тверской суд Москвы", "Москвы"),
            ("Тверской суд Москвы", "Тверской"),
        ),
        (
            "Иск рассмотрел Басманный районный суд Москвы.",
            ("Басманный районный суд Москвы", "Москвы"),
            ("Басманный районный суд Москвы", "Басманный"),
        ),
        # look-alikes: a place noun announces an address after the whole name
        (
            "Дело слушается в Басманном районном суде города Москвы.",
            ("Басманном районном суде города Москвы", "Басманном"),
            None,
        ),
        (
            "Дело слушается в Басманном районном суде г. Москвы.",
            ("Басманном районном суде г. Москвы", "Басманном"),
            None,
        ),
        # the closing place seats a name nested after the adjective
        (
            "Дело возбудило Тверское управление Следственного комитета России.",
            ("Тверское управление Следственного комитета России", "Тверское"),
            None,
        ),
        # no closing place: the adjective is the seat
        ("Вчера Тверской суд продлил арест бизнесмена.", ("Тверской суд", "Тверской"), None),
    ],
)
def test_a_closing_place_seats_a_name_its_adjective_opens(nlp, text, seated, not_seated):
    found = seats(process_text(nlp, text))
    assert seated in found
    if not_seated is not None:
        assert not_seated not in found


# decision 251: a bracket after a name that a place inside it seats locates that place
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Он был депутатом городской думы Сургута (Ханты-Мансийский округ).",
            {("городской думы Сургута", "Сургута")},
        ),
        # look-alike: a name with no place of its own keeps the bracket's place as its seat
        ("В финале «Ротор» (Волгоград) обыграл «Факел».", {("Ротор", "Волгоград")}),
    ],
)
def test_a_bracket_after_a_seated_name_locates_its_place(nlp, text, expected):
    assert seats(process_text(nlp, text)) == expected


# decision 252: a place before "по" + a place names the state, not the regional unit's seat
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Дело возбудило управление ФСБ России по Тверской области.",
            # the federal body nested in the name keeps its state (decision 79)
            {
                ("управление ФСБ России по Тверской области", "Тверской области"),
                ("ФСБ России", "России"),
            },
        ),
        (
            "Проверку провела прокуратура РФ по Татарстану.",
            {("прокуратура РФ по Татарстану", "Татарстану")},
        ),
        # look-alike: "по" + a field keeps the place as the seat
        ("Он играл за сборную Франции по регби.", {("сборную Франции по регби", "Франции")}),
    ],
)
def test_a_place_before_a_regional_place_is_no_seat(nlp, text, expected):
    assert seats(process_text(nlp, text)) == expected
