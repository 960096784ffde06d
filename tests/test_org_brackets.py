"""Latin forms in brackets after an organisation's name (guideline 36, 213): each
comma-separated Latin name in the bracket is an ORG of its own where the model missed it; a
bracket of anything else adds nothing. Sentences written for the tests."""

from __future__ import annotations

import pytest

from tests.conftest import process_text
from tests.conftest import span_texts as spans


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Об этом сообщила газета «Хьюстон Кроникл» (Houston Chronicle) в пятницу.",
            ["Хьюстон Кроникл", "Houston Chronicle"],
        ),
        (
            "Он перешёл в клуб «Сент-Луис Блюз» (Saint Louis Blues) в мае.",
            ["Сент-Луис Блюз", "Saint Louis Blues"],
        ),
        (
            "Заявление сделала Сеть поддержки выборов (Election Support Network, ESN) в среду.",
            ["Election Support Network", "ESN"],
        ),
    ],
)
def test_latin_forms_in_brackets_are_names(nlp, text, names):
    found = spans(process_text(nlp, text), "ORG")
    for name in names:
        assert name in found


def test_name_found_only_as_an_alias_takes_its_bracket(nlp):
    # the model tags the name once; the second, bracketed occurrence is an alias of it
    text = (
        "Японец полетит в космос с фирмой «Спейс адвентчерс». Об этом сообщила "
        "американская фирма «Спейс адвентчерс» (Space Adventures) из Арлингтона."
    )
    assert "Space Adventures" in spans(process_text(nlp, text), "ORG")


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # not all of the bracket is Latin names: a date, a Cyrillic place, lowercase words
        ("Сделку одобрила компания «Вектор» (в прошлом году).", "в прошлом году"),
        ("Сделку одобрила компания «Вектор» (Москва).", "Москва"),
        ("Сделку одобрила компания «Вектор» (Vector, 2019).", "Vector"),
        ("Сделку одобрила компания «Вектор» (see below).", "see below"),
        # a bracket after a word that is no organisation
        ("Он прочёл книгу (Harry Potter) за день.", "Harry Potter"),
        # a bracket on the next line
        ("Сделку одобрила компания «Вектор»\n(Vector Group) — подпись к фото.", "Vector Group"),
    ],
)
def test_other_brackets_add_nothing(nlp, text, absent):
    assert absent not in spans(process_text(nlp, text), "ORG")


@pytest.mark.parametrize(
    "text",
    ["«Вектор» (", "«Вектор» (Vector", "«Вектор» (Vector,", "«Вектор» (,)", "«Вектор» ()"],
)
def test_bad_input_does_not_crash(nlp, text):
    process_text(nlp, text)
