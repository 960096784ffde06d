"""Decision 210: one scan from a gapping dash back to the word that opens its clause
(words.gap_join_before), read alike for a gapped amount's holder (money) and its dates."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT, links

LEXICON = ROOT / "configs" / "lexicons" / "relations.toml"


def shipped():
    from pipeline.stages.relations.lexicon import Lexicon

    return Lexicon.load(str(LEXICON))


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
    found = gap_join_before(doc, dash, shipped())
    assert (None if found is None else doc[found].text) == join


def test_gap_join_before_at_the_documents_start(nlp):
    from pipeline.stages.relations.words import gap_join_before

    doc = nlp("— X")
    assert gap_join_before(doc, 0, shipped()) is None


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


# The joining words are data ([facts] gap_joins, contrast_joins in relations.toml): a word
# taken off a list changes what the relation stage reads.
def edited_lexicon(tmp_path, old: str, new: str) -> str:
    text = LEXICON.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "relations.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return str(path)


GAP = 'gap_joins = ["а", "и", "но"]'
CONTRAST = 'contrast_joins = ["а", "но"]'
GAPPED = "Прибыль «Альфы» составила 7 млрд рублей, а прибыль «Беты» в 2021 году — 9 млрд рублей."


def test_word_lists_come_from_the_config(nlp, tmp_path):
    from pipeline.stages.relations.lexicon import Lexicon
    from pipeline.stages.relations.words import gap_join_before, opens_contrast

    doc = nlp(GAPPED)
    dash = max(t.i for t in doc if t.text == "—")
    a = next(t for t in doc if t.text == "а")
    assert gap_join_before(doc, dash, shipped()) == a.i and opens_contrast(a, shipped())
    # without "а" the scan runs on to the comma, past its reach
    no_gap = Lexicon.load(edited_lexicon(tmp_path, GAP, 'gap_joins = ["и", "но"]'))
    assert gap_join_before(doc, dash, no_gap) is None
    no_contrast = Lexicon.load(edited_lexicon(tmp_path, CONTRAST, 'contrast_joins = ["но"]'))
    assert not opens_contrast(a, no_contrast)


@pytest.mark.parametrize(
    ("text", "old", "new", "gained"),
    [
        # "а" neither a gap join nor a contrast: the remnant's date dates the first clause's
        # amount (either list alone keeps it off: the gap, and since 259 a the contrast)
        (
            GAPPED,
            f"{GAP}\n{CONTRAST}",
            'gap_joins = ["и", "но"]\ncontrast_joins = ["но"]',
            ("DATE_OF", "7 млрд рублей", "в 2021 году"),
        ),
        # "но" no contrast: the sector of the gapped clause is the first amount's
        (
            "Затраты на образование составят 5 млрд рублей, но затраты на здравоохранение — "
            "3 млрд рублей.",
            CONTRAST,
            'contrast_joins = ["а"]',
            ("AMOUNT_OF", "5 млрд рублей", "здравоохранение"),
        ),
        # "а" no contrast: the next clause's subject pays the first clause's amount
        (
            "Компания «Альфа» заплатила 5 млн рублей, а «Бета» отказалась платить.",
            CONTRAST,
            'contrast_joins = ["но"]',
            ("EXPENDITURE", "Бета", "5 млн рублей"),
        ),
    ],
)
def test_relation_stage_reads_the_edited_lists(nlp, tmp_path, text, old, new, gained):
    from pipeline.stages.relations import RelationRules

    doc = nlp(text)
    assert gained not in links(doc)
    RelationRules(None, "relations", edited_lexicon(tmp_path, old, new))(doc)
    assert gained in links(doc)
