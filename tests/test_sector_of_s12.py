"""SECTOR_OF through lists and appositions (guideline 262-264): a later conjunct of the object
or of the subject a word of activity is tied to, a name in apposition to a sector descriptor
that is the clause's subject; and ORG names in nested quotes, each closing quote matched to
its pair. Table-driven over invented sentences, each class with a look-alike that must not
link."""

from __future__ import annotations

from functools import partial

import pytest

from pipeline.stages.quotes import unclosed_quotes
from tests.conftest import pairs, span_texts

sector_of = partial(pairs, kind="SECTOR_OF")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a later conjunct of the verb's object (262)
        (
            "Компания «Орбита» занимается страхованием и недвижимостью.",
            {("Орбита", "страхованием"), ("Орбита", "недвижимостью")},
        ),
        (
            "Фонд «Вектор», который занимается развитием и обучением детей, получил грант.",
            {("Фонд «Вектор»", "обучением")},
        ),
        # a later conjunct of the subject (262; 198 b's "each conjunct of the subject")
        (
            "«Газпром» и «Лукойл» добывают нефть в Сибири.",
            {("Газпром", "нефть"), ("Лукойл", "нефть")},
        ),
        # a name in apposition to a sector descriptor that is the subject (263)
        (
            "Завод Nordic Steel является крупнейшим предприятием по производству удобрений.",
            {("Nordic Steel", "удобрений")},
        ),
    ],
)
def test_sector_of_through_lists(nlp, text, expected):
    assert sector_of(nlp(text)) == expected


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # another noun of the list the word itself heads is a company of its own (reaches)
        (
            "Жертвами хакеров стали такие финансовые фирмы, как «Вектор» и «Орбита», а также "
            "авиакомпания «Заря».",
            ("Вектор", "авиакомпания"),
        ),
        # a person's title in apposition says nothing of the company's sector
        (
            "Директор Nordic Steel является крупнейшим производителем удобрений.",
            ("Nordic Steel", "удобрений"),
        ),
    ],
)
def test_sector_of_lookalikes(nlp, text, absent):
    assert absent not in sector_of(nlp(text))


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["ПКФ", "„", "Луч", "“"], 0),  # German-style pair, closed
        (["«", "ПКФ", "„", "Луч", "“"], 1),  # the outer « still open
        (["“", "Apple", "”"], 0),  # English-style pair
        (["Луч", "“"], 0),  # "“" with nothing open and no "”" after it: uncounted
        (["Луч", "»"], -1),  # a closing quote never opened
        (["«", "Луч"], 1),
        (['"', "Луч"], 0),  # straight quotes: parity is read apart (168)
    ],
)
def test_unclosed_quotes(texts, expected):
    assert unclosed_quotes(texts) == expected


def test_org_in_nested_quotes_ends_inside_the_outer(nlp):
    doc = nlp("Директор фирмы «Агрофирма „Северный луч“» задержан.")
    assert span_texts(doc, "ORG") == ["Агрофирма „Северный луч“"]
