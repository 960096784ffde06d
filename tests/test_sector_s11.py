"""SECTOR classes of issue 12, session 11 (decisions 220-224; configs/sectors.toml [rules],
stages/rules/sector.py): a broadcasting medium as the channel of a statement, the state's
service as a person's post, research paid for, software named as one product, and a chain of
sector adjectives read back from a last conjunct the head does not take. Sentences are made up
for each class, not taken from any corpus; every row of CLASSES fails on the rules before
session 11, the GUARDS pass before and after."""

from __future__ import annotations

import pytest

OIL, ICT, SCIENCE = "energy.oil_gas", "ict", "science"


def pairs(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(s.text, s._.value.sector) for s in doc.spans.get("SECTOR", [])]


CLASSES = [  # (decision, text, mentions)
    ("220 channel", "Министр выступил по центральному телевидению.", []),
    ("220 channel, conjunct", "Обращение транслировали по радио и телевидению.", []),
    ("220 channel, no adjective", "По телевидению показали репортаж.", []),
    ("221 in the service", "Он двадцать лет находился на государственной службе.", []),
    ("221 leaving the service", "После ухода с госслужбы он стал адвокатом.", []),
    (
        "222 money before на",
        "Правительство выделяет 500 млн евро на исследования.",
        [("исследования", SCIENCE)],
    ),
    ("222 a financing verb", "Фонд профинансирует исследования.", [("исследования", SCIENCE)]),
    ("223 a named system", "Компания выпустила операционную систему Android.", []),
    ("223 a named program", "Создатель антивируса McAfee арестован.", []),
    (
        "224 a sector adjective the head does not take",
        "Страна богата нефтяными и водными ресурсами.",
        [("нефтяными", OIL)],
    ),
]

GUARDS = [  # (what, text, mentions)
    (
        "a medium named in general",
        "Рынок телевидения растёт.",
        [("телевидения", "media.broadcasting")],
    ),
    (
        "the service as a field",
        "Правительство начало реформу государственной службы.",
        [("государственной службы", "public_sector")],
    ),
    ("a study done is no sector", "Академик занимался исследованиями в лингвистике.", []),
    ("a study cited", "Исследования показали рост продаж.", []),
    (
        "a body still provides teaching (156)",
        "Компания занимается обучением детей.",
        [("обучением", "education")],
    ),
    ("goods in general", "Рынок операционных систем растёт.", [("операционных систем", ICT)]),
    ("no list of sectors", "Он управляет страховыми и другими активами.", []),
]


@pytest.mark.parametrize(("decision", "text", "expected"), CLASSES)
def test_session11_class(nlp, decision: str, text: str, expected: list) -> None:
    assert pairs(nlp, text) == expected, decision


@pytest.mark.parametrize(("what", "text", "expected"), GUARDS)
def test_session11_guard(nlp, what: str, text: str, expected: list) -> None:
    assert pairs(nlp, text) == expected, what


@pytest.mark.parametrize("text", ["", "по", "по и телевидению", "на службе", "выделяет на"])
def test_bad_input(nlp, text: str) -> None:
    assert isinstance(pairs(nlp, text), list)
