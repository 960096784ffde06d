"""Latin place names inside Latin organisation names (guideline 98): PLACE_ADJ mentions and
their HEADQUARTERED_IN seats. Table-driven, with the look-alikes that must not fire."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Span

from pipeline.errors import InputError
from pipeline.stages.rules.latin_places import LatinGazetteer, LatinPlaceRules

LEXICON = Path(__file__).resolve().parents[1] / "configs" / "lexicons" / "latin_places.toml"


@pytest.fixture(scope="module")
def rules(nlp) -> LatinPlaceRules:
    return LatinPlaceRules(nlp, "latin_place_rules", str(LEXICON))


def _doc_with(nlp, text: str, label: str, name: str, other: tuple[str, str] | None = None):
    """A tokenised Doc with `name` tagged as `label` (and `other` as its label), no models."""
    doc = nlp.make_doc(text)
    for lab, part in [(label, name), *([other] if other else [])]:
        start = text.index(part)
        span = doc.char_span(start, start + len(part), label=lab)
        doc.spans[lab] = [*doc.spans.get(lab, []), span]
    return doc


@pytest.mark.parametrize(
    ("text", "org", "expected"),
    [
        ("Матч выиграли Chicago Bulls.", "Chicago Bulls", {("Chicago", "Чикаго")}),
        ("Пишет Los Angeles Times.", "Los Angeles Times", {("Los Angeles", "Лос-Анджелес")}),
        ("Акции Bank of America выросли.", "Bank of America", {("America", "США")}),
        ("Игрок ушёл в Real Madrid.", "Real Madrid", {("Madrid", "Мадрид")}),
        ("Пишет The New York Times.", "The New York Times", {("New York", "Нью-Йорк")}),
        (
            "Газета St. Louis Post-Dispatch.",
            "St. Louis Post-Dispatch",
            {("St. Louis", "Сент-Луис")},
        ),
        (
            "Клуб North Carolina Tar Heels.",
            "North Carolina Tar Heels",
            {("North Carolina", "Северная Каролина")},
        ),  # fmt: skip
        ("Рейс British Airways отменён.", "British Airways", {("British", "Великобритания")}),
        # look-alikes: no place in the name, the place is the whole name, lower case, a
        # place inside a longer word, a Cyrillic ORG
        ("Акции Apple выросли.", "Apple", set()),
        ("Акции Deutsche Bank выросли.", "Deutsche Bank", set()),
        ("Компания Russia заявила.", "Russia", set()),
        ("Сайт new york times.", "new york times", set()),
        ("Агентство Agence France-Presse.", "Agence France-Presse", set()),
        ("Банк «Нью-Йорк Меллон» вырос.", "Нью-Йорк Меллон", set()),
    ],
)
def test_latin_places_in_org(nlp, rules, text, org, expected):
    doc = rules(_doc_with(nlp, text, "ORG", org))
    assert {(s.text, s._.normal) for s in doc.spans.get("PLACE_ADJ", [])} == expected


@pytest.mark.parametrize(
    ("text", "label", "name"),
    [
        ("Сказал Michael Washington.", "PER", "Michael Washington"),  # a person, no ORG
        ("Поехал в New York.", "LOC", "New York"),  # a LOC stays a LOC
    ],
)
def test_no_place_outside_orgs(nlp, rules, text, label, name):
    doc = rules(_doc_with(nlp, text, label, name))
    assert "PLACE_ADJ" not in doc.spans or not len(doc.spans["PLACE_ADJ"])


def test_person_or_loc_inside_the_org_blocks(nlp, rules):
    text = "Фонд George Washington Foundation."
    doc = rules(_doc_with(nlp, text, "ORG", "George Washington Foundation",
                          ("PER", "George Washington")))  # fmt: skip
    assert not len(doc.spans.get("PLACE_ADJ", []))


def test_keeps_russian_place_adjectives(nlp, rules):
    doc = _doc_with(nlp, "Российская Chicago Bulls.", "ORG", "Chicago Bulls")
    doc.spans["PLACE_ADJ"] = [Span(doc, 0, 1, label="PLACE_ADJ")]
    assert [s.text for s in rules(doc).spans["PLACE_ADJ"]] == ["Российская", "Chicago"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Акции Bank of America выросли на 5%.", {("Bank of America", "America")}),
        ("Об этом сообщила газета Los Angeles Times.", {("Los Angeles Times", "Los Angeles")}),
        ("Акции Apple выросли на 5%.", set()),
        ("Об этом сообщила газета «Коммерсантъ».", set()),
    ],
)
def test_latin_seats(nlp, text, expected):
    doc = nlp(text)
    found = {
        (r.head.text, r.tail.text)
        for r in doc._.relations
        if r.type == "HEADQUARTERED_IN" and r.tail.label_ == "PLACE_ADJ"
    }
    assert found == expected


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('[places.a]\n"New York" = "Нью-Йорк"\n', ({"New York": "Нью-Йорк"}, 2)),
        (
            '[places.a]\n"St. Louis" = "Сент-Луис"\n[places.b]\n"St. Louis" = "x"\n',
            ({"St. Louis": "Сент-Луис"}, 3),
        ),  # fmt: skip
        ("", ({}, 1)),
    ],
)
def test_gazetteer_load(tmp_path, toml, expected):
    path = tmp_path / "g.toml"
    path.write_text(toml, encoding="utf-8")
    g = LatinGazetteer.load(path)
    assert (g.places, g.longest) == expected


def test_gazetteer_bad_input(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[places\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.toml"):
        LatinGazetteer.load(path)
    with pytest.raises(InputError, match="missing.toml"):
        LatinGazetteer.load(tmp_path / "missing.toml")
