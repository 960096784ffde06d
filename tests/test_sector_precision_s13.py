"""SECTOR precision classes of issue 12, session 13 (secprec2; decisions 306-308;
configs/sectors.toml science `paid_terms` ("наука"), [rules] discipline_terms, medium_terms,
broadcast_heads, report_verbs; stages/rules/sector.py `_among_disciplines`,
`_statement_medium`). Read from a second seeded sample (seed 1301, 200 mentions) of the
pipeline's SECTOR mentions on NEREL train and factRuEval dev (slice 4's articles left out).
Sentences are made up for each class; every row of FIRES is a phrase the rule takes out (it
was a mention before this session), each KEEPS row a look-alike that stays a mention."""

from __future__ import annotations

import pytest

from tests.conftest import sector_pairs

SCIENCE, HEALTH, MEDIA = "science", "healthcare", "media.broadcasting"

FIRES = [  # (decision, text, mentions)
    ("306 science as a discipline", "Он внёс большой вклад в развитие мировой науки.", []),
    ("306 a prize's field", "Учёные получили премию в области науки.", []),
    ("306 fundamental science alone", "Фундаментальная наука не знает границ.", []),
    ("307 a discipline before", "Он проводил опыты в области биологии и медицины.", []),
    ("307 a prize of two fields", "Ему дали премию по физиологии и медицине.", []),
    ("307 a discipline after", "Его труды посвящены медицине и молекулярной биологии.", []),
    ("307 a discipline in a comma list", "Лекции по физике, медицине читали весь год.", []),
    (
        "308 the medium as a subject",
        "В пятницу государственное телевидение заявило о переносе выборов.",
        [],
    ),
    ("308 the medium showed", "Телевидение показало кадры с места событий.", []),
    ("308 on air", "Министр выступил в прямом эфире областного телевидения.", []),
    ("308 after a report verb and на", "Об этом он сообщил на местном телевидении.", []),
    (
        "307 past the field's adjective",
        "Его труды посвящены радиоспектроскопии, квантовой электронике.",
        [],
    ),
]

KEEPS = [  # (what, text, mentions)
    (
        "221 science paid for",
        "Правительство увеличит расходы на науку.",
        [("науку", SCIENCE)],
    ),
    (
        "221 research paid for",
        "Фонд выделит деньги на финансирование научных исследований.",
        [("научных исследований", SCIENCE)],
    ),
    (
        "41 a research institute",
        "Он работал в научно-исследовательском институте.",
        [("научно-исследовательском институте", SCIENCE)],
    ),
    (
        "306 research work done stays a term (the fitted golds)",
        "Экипаж будет проводить научные исследования.",
        [("научные исследования", SCIENCE)],
    ),
    (
        "308 the industry a person works in",
        "Он работал диктором на телевидении.",
        [("телевидении", MEDIA)],
    ),
    (
        "308 the medium developed",
        "Премию дали за вклад в развитие телевидения.",
        [("телевидения", MEDIA)],
    ),
    (
        "41 a channel on air is an organisation's kind",
        "Он выступил в эфире телеканала «Звезда».",
        [("телеканала", MEDIA)],
    ),
    ("7 medicine alone", "Инвестиции в медицину выросли.", [("медицину", HEALTH)]),
    (
        "7 medicine beside an industry",
        "Компания работает в области энергетики и медицины.",
        [("энергетики", "energy"), ("медицины", HEALTH)],
    ),
    (
        "307 a discipline word is no link across a clause",
        "Физика ему не давалась, и медицина стала его делом.",
        [("медицина", HEALTH)],
    ),
]


@pytest.mark.parametrize(("decision", "text", "expected"), FIRES)
def test_rule_fires(nlp, decision: str, text: str, expected: list) -> None:
    assert sector_pairs(nlp, text) == expected, decision


@pytest.mark.parametrize(("what", "text", "expected"), KEEPS)
def test_rule_keeps(nlp, what: str, text: str, expected: list) -> None:
    assert sector_pairs(nlp, text) == expected, what
