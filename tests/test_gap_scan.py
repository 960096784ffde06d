"""Decision 210: one scan from a gapping dash back to the word that opens its clause
(words.gap_join_before), read alike for a gapped amount's holder (money) and its dates."""

from __future__ import annotations

import pytest

from tests.conftest import links


@pytest.mark.parametrize(
    ("text", "join"),
    [
        ("«Альфа» получила X, а «Бета» — Y.", "а"),
        ("Выручка составила X, но выручка «Беты» — Y.", "но"),
        ("X в 2020 году, а в 2021 году — Y.", "а"),
        ("«Альфа» получила X, «Бета» — Y.", ","),
        ("X, а «Бета» — крупнейший банк региона — Y.", "а"),  # an aside between dashes
        ("«Альфа» получила X, а затем купила квартиру — за Y.", None),  # a verb first
        ("«Альфа» получила X. «Бета» — Y.", None),  # the sentence's start first
        ("X, а выручка очень крупной компании «Бета» за весь год — Y.", None),  # out of reach
    ],
)
def test_gap_join_before(nlp, text, join):
    from pipeline.stages.relations.words import gap_join_before

    doc = nlp(text)
    dash = max(t.i for t in doc if t.text == "—")
    found = gap_join_before(doc, dash)
    assert (None if found is None else doc[found].text) == join


def test_gap_join_before_at_the_documents_start(nlp):
    from pipeline.stages.relations.words import gap_join_before

    doc = nlp("— X")
    assert gap_join_before(doc, 0) is None


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (  # a focus word after the dash (decision 182) keeps the remnant's date its own
            "Выручка компании составила 5 млрд рублей в 2020 году, а в 2021 году — лишь 3 млрд "
            "рублей.",
            {
                ("DATE_OF", "3 млрд рублей", "в 2021 году"),
                ("DATE_OF", "5 млрд рублей", "в 2020 году"),
            },
            {("DATE_OF", "3 млрд рублей", "в 2020 году")},
        ),
        (
            "Расходы бюджета достигли 7 млрд рублей в 2019 году, а в 2020 году — всего 4 млрд "
            "рублей.",
            {("DATE_OF", "4 млрд рублей", "в 2020 году")},
            {("DATE_OF", "4 млрд рублей", "в 2019 году")},
        ),
        (
            "Прибыль «Альфы» составила 7 млрд рублей, а прибыль «Беты» в 2021 году — 9 млрд "
            "рублей.",
            {("INCOME", "Беты", "9 млрд рублей"), ("DATE_OF", "9 млрд рублей", "в 2021 году")},
            {("INCOME", "Альфы", "9 млрд рублей")},
        ),
    ],
)
def test_gapped_clause_links(nlp, text, expected, absent):
    found = links(nlp(text))
    assert expected <= found
    assert not absent & found
