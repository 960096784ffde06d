"""Mention ends of HEADQUARTERED_IN links (guideline 228-230): Latin names over a glued
apostrophe or a run of joiners (228), abbreviations in brackets after a name that the NER
model reads as places (229), place adjectives that mostly mean something else inside a name
(230). Sentences written for the tests."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from pipeline.stages.rules.base import make_span
from pipeline.stages.rules.latin_names import latin_name_end
from tests.conftest import links, process_text
from tests.conftest import span_texts as spans


def with_model_reading(nlp, text: str, org: str, loc: str) -> Doc:
    """The Doc before org_rules, its ORG and LOC groups set by hand to the model reading
    under test (the name an ORG, the bracket a LOC), then org_rules run on it."""
    doc = nlp.make_doc(text)
    for name in ("morphology", "ner"):
        doc = nlp.get_pipe(name)(doc)

    def span(words: str, label: str):
        start = text.index(words)
        found = doc.char_span(start, start + len(words))
        return make_span(doc, found.start, found.end, label, "test")

    doc.spans["ORG"] = [span(org, "ORG")]
    doc.spans["LOC"] = [span(loc, "LOC")]
    return nlp.get_pipe("org_rules")(doc)


@pytest.mark.parametrize(
    ("text", "org", "abbreviation"),
    [
        ("Решение отменил Верховный суд Молдавии (ВС) в среду.", "Верховный суд Молдавии", "ВС"),
        (
            "Антидопинговое агентство (USADA) лишило его титулов.",
            "Антидопинговое агентство",
            "USADA",
        ),
        (
            "Её назначили главой Федеральной таможенной службы РФ (ФТС РФ) вчера.",
            "Федеральной таможенной службы РФ",
            "ФТС РФ",
        ),
        # past the closing quote of the name
        ("Иск подала компания «Вектор» (ВКТ) в мае.", "компания «Вектор»", "ВКТ"),
    ],
)
def test_an_abbreviation_read_as_a_place_is_the_names_other_form(nlp, text, org, abbreviation):
    doc = with_model_reading(nlp, text, org, abbreviation)
    assert abbreviation in spans(doc, "ORG")
    assert abbreviation not in spans(doc, "LOC")


@pytest.mark.parametrize(
    ("text", "org", "place"),
    [
        # a place in the bracket is the seat written beside the name (decision 101)
        (
            "Федеральный суд Сан-Франциско (США) обязал компанию платить.",
            "Федеральный суд Сан-Франциско",
            "США",
        ),
        ("Иск подала компания «Вектор» (РФ) в мае.", "компания «Вектор»", "РФ"),
        ("Иск подала компания «Вектор» (USA) в мае.", "компания «Вектор»", "USA"),
        ("Иск подала компания «Вектор» (КНР) в мае.", "компания «Вектор»", "КНР"),
        # not capitals only: a place name as the model read it
        ("Иск подала компания «Вектор» (Москва) в мае.", "компания «Вектор»", "Москва"),
        # not a bracket of its own: the LOC runs on past it
        ("Иск подала компания «Вектор» (ВКТ, Москва) в мае.", "компания «Вектор»", "ВКТ"),
    ],
)
def test_a_place_in_the_bracket_stays_a_place(nlp, text, org, place):
    doc = with_model_reading(nlp, text, org, place)
    assert place in spans(doc, "LOC")
    assert place not in spans(doc, "ORG")


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Иск подала компания «Вектор»\n(ВКТ) в мае.", "компания «Вектор»"),  # next line
        (
            "Компания «Вектор» подала иск, сосед (ВКТ) молчал.",
            "Компания «Вектор»",
        ),  # no name before
    ],
)
def test_no_name_on_the_line_no_abbreviation(nlp, text, org):
    doc = with_model_reading(nlp, text, org, "ВКТ")
    assert "ВКТ" not in spans(doc, "ORG")
    assert "ВКТ" in spans(doc, "LOC")


def test_bracket_abbreviation_on_the_whole_pipeline(nlp):
    doc = process_text(
        nlp, "Верховный суд России (ВС) отменил решение. Суд Сан-Франциско (США) отказал."
    )
    assert "ВС" in spans(doc, "ORG")
    assert "США" in spans(doc, "LOC")


def test_without_the_places_setting_nothing_is_relabelled(nlp):
    from pipeline.stages.rules.org import OrgRules

    rules = nlp.get_pipe("org_rules")
    bare = OrgRules.__new__(OrgRules)
    bare.__dict__.update(rules.__dict__, latin_places=frozenset())
    doc = with_model_reading(
        nlp, "Решение отменил Верховный суд Молдавии (ВС) в среду.", "Верховный суд Молдавии", "ВС"
    )
    assert bare._abbreviations_in_brackets(doc, list(doc.spans["ORG"])) == []


@pytest.mark.parametrize(
    ("words", "glued", "end"),
    [
        (["King", "’", "s", "College", "London", ","], [False, True, True, False, False, True], 5),
        (
            ["St", "Mary", "'", "s", "Hospital", "сообщил"],
            [False, False, True, True, False, False],
            5,
        ),
        (["Victoria", "’", "s", "Secret", "."], [False, True, True, False, True], 4),
        # an apostrophe that is no part of a word: a spaced one, or one closing a quote
        (["McDonald", "’", "s"], [False, True, False], 1),
        (["Apple", "'", "—"], [False, True, False], 1),
        (["Apple", "'", "и"], [False, True, True], 1),  # glued to a Cyrillic word
        # joiners in a row before a capital
        (["Rassemblement", "pour", "le", "Mali", "("], [False, False, False, False, False], 4),
        (["Bank", "of", "the", "West"], [False, False, False, False], 4),
        (["Bank", "of", "the", "."], [False, False, False, True], 0),  # no capital after them
        (["Union", "pour", "la", "de", "Mali"], [False] * 5, 0),  # three joiners: unknown bounds
    ],
)
def test_latin_name_bounds_over_apostrophes_and_joiners(words, glued, end):
    assert latin_name_end(words, glued, 0) == end


def test_a_latin_name_with_an_apostrophe_in_brackets_is_seated(nlp):
    doc = process_text(
        nlp, "Его увезли в больницу Королевского колледжа Лондона (King’s College London, KCL)."
    )
    assert "King’s College London" in spans(doc, "ORG")
    assert ("HEADQUARTERED_IN", "King’s College London", "London") in links(doc)


# --- place adjectives that mostly mean something else inside a name (decision 230) ---


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Он преподаёт в Колумбийском университете уже десять лет.", []),
        ("Он окончил Колумбийскую бизнес-школу в Нью-Йорке.", []),
        # lowercase, or the sentence's first word: the state Колумбия
        ("Об этом сообщила колумбийская полиция.", ["колумбийская"]),
        ("Колумбийская полиция задержала его.", ["Колумбийская"]),
        # other capitalised place adjectives in names are untouched
        ("Он окончил Российский университет дружбы народов.", ["Российский"]),
    ],
)
def test_place_adjectives_not_in_names(nlp, text, places):
    assert spans(process_text(nlp, text), "PLACE_ADJ") == places


def test_university_named_after_columbia_has_no_seat_in_colombia(nlp):
    doc = process_text(nlp, "Он преподаёт в Колумбийском университете уже десять лет.")
    assert not links(doc, ["HEADQUARTERED_IN"])


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('[place_adjectives]\nnot_in_names = ["Колумбийский"]\n', frozenset({"колумбийский"})),
        ('[place_adjectives]\nnot_heads = ["язык"]\n', frozenset()),
        ("", frozenset()),
    ],
)
def test_not_in_names_load(tmp_path, toml, expected):
    from pipeline.stages.rules.place_adj import PlaceLexicon

    path = tmp_path / "places.toml"
    path.write_text(toml, encoding="utf-8")
    assert PlaceLexicon.load(path).not_in_names == expected


def test_a_bracket_the_model_read_both_ways_stays_one_org(nlp):
    text = "Решение отменил Верховный суд Молдавии (ВС) в среду."
    doc = with_model_reading(nlp, text, "Верховный суд Молдавии", "ВС")
    abbreviation = next(s for s in doc.spans["ORG"] if s.text == "ВС")
    doc.spans["LOC"] = [make_span(doc, abbreviation.start, abbreviation.end, "LOC", "test")]
    rules = nlp.get_pipe("org_rules")
    assert rules._abbreviations_in_brackets(doc, list(doc.spans["ORG"])) == []
