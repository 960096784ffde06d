"""A language's adjective before an academic unit names the subject taught, not a seat
(guideline 304). Invented sentences; each reading with the look-alike that keeps its seat."""

from __future__ import annotations

import pytest

from pipeline.stages.rules.place_adj import PlaceLexicon


def places(doc) -> set[str]:
    return {s.text for s in doc.spans.get("PLACE_ADJ", [])}


def adjective_seats(doc) -> set[tuple[str, str]]:
    return {
        (r.head.text, r.tail.text)
        for r in doc._.relations
        if r.type == "HEADQUARTERED_IN" and r.tail.label_ == "PLACE_ADJ"
    }


@pytest.mark.parametrize(
    ("text", "adjective", "is_place"),
    [
        # a language's adjective before a school's unit: the subject (304)
        ("Он окончил английское отделение филологического факультета.", "английское", False),
        ("Она окончила французское отделение Института иностранных языков.", "французское", False),
        ("Он преподаёт на китайской кафедре университета.", "китайской", False),
        ("Сестра поступила на немецкий факультет.", "немецкий", False),
        ("Японская программа лингвистического университета набрала студентов.", "Японская", False),
        ("Она возглавила испанскую секцию филологического факультета.", "испанскую", False),
        # the same adjective before a body's unit, not a school's: the seat
        ("Английское отделение компании «Вектор» закрыто.", "Английское", True),
        ("Немецкий филиал университета открылся в Берлине.", "Немецкий", True),
        ("Китайское отделение банка «Север» выдало кредит.", "Китайское", True),
        ("Французский отдел продаж концерна вырос.", "Французский", True),
        # a place's adjective that names no language keeps its seat before a school's unit
        ("Российское отделение международного университета открылось.", "Российское", True),
        ("Московское отделение Академии наук получило грант.", "Московское", True),
        ("Американский факультет журналистики закрыт.", "Американский", True),
        # a school itself is no unit: the adjective is where it stands
        ("Английская школа бизнеса открыла набор.", "Английская", True),
        ("Китайский университет открыл кампус.", "Китайский", True),
    ],
)
def test_language_before_academic_unit(nlp, text, adjective, is_place):
    assert (adjective in places(nlp(text))) is is_place


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the unit is no seat of England; the parent keeps its own adjective (283)
        (
            "Он окончил немецкое отделение филологического факультета казанского "
            "Института иностранных языков.",
            {("Института иностранных языков", "казанского")},
        ),
        (
            "Позже он возглавил британское отделение компании «Вектор».",
            {("британское отделение компании «Вектор»", "британское")},
        ),
    ],
)
def test_seats_of_units(nlp, text, expected):
    assert adjective_seats(nlp(text)) == expected


def test_lists_are_lexicon_adjectives():
    """Every language named is a place adjective of the lexicon (else it is never a mention
    to drop), and the academic words are lemmas (nominative, lower case)."""
    lex = PlaceLexicon.load("configs/lexicons/places.toml")
    assert lex.languages and lex.languages <= set(lex.places)
    assert "кафедра" in lex.academic_units & lex.academic_parents
    assert "российский" not in lex.languages and "московский" not in lex.languages
