"""Decision 209: one contrast test for the relation stage (words.opens_contrast). A contrasting
"а"/"но" opens a clause of its own, so neither a holder after it (money) nor a sector across
it (AMOUNT_OF) is the first clause's; "а также" and "но и" add to the same clause."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT, links

LEXICON = ROOT / "configs" / "lexicons" / "relations.toml"


@pytest.mark.parametrize(
    ("text", "word", "contrast"),
    [
        ("Он пришёл, а она ушла.", "а", True),
        ("Он пришёл, но она ушла.", "но", True),
        ("А она ушла.", "А", True),  # opening its sentence
        ("Пришли «Альфа», а также «Бета».", "а", False),
        ("Пришла не только «Альфа», но и «Бета».", "но", False),
        ("Он пришёл и ушёл.", "и", False),
        ("Он пришёл или ушёл.", "или", False),
        ("Компания «А» получила грант.", "А", False),  # a one-letter name
        ("Фонд «Но» получил грант.", "Но", False),
        ("Он пришёл, а", "а", True),  # the document's last word
    ],
)
def test_opens_contrast(nlp, text, word, contrast):
    from pipeline.stages.relations.lexicon import Lexicon
    from pipeline.stages.relations.words import opens_contrast

    lex = Lexicon.load(str(LEXICON))
    token = next(t for t in nlp(text) if t.text == word)
    assert opens_contrast(token, lex) is contrast


# (text, links expected, links absent)
HOLDERS = [
    (
        "«Альфа» получила 5 млн рублей, а «Бета» — 3 млн рублей.",
        {("INCOME", "Альфа", "5 млн рублей"), ("INCOME", "Бета", "3 млн рублей")},
        {("INCOME", "Бета", "5 млн рублей")},
    ),
    (
        "Гранты на 10 млн рублей получили «Альфа», а также «Бета».",
        {("INCOME", "Альфа", "10 млн рублей"), ("INCOME", "Бета", "10 млн рублей")},
        set(),
    ),
    (
        "Субсидии в размере 3 млрд рублей выделили Минфин, но и «Газпром».",
        {("EXPENDITURE", "Минфин", "3 млрд рублей"), ("EXPENDITURE", "Газпром", "3 млрд рублей")},
        set(),
    ),
    (
        "«Ромашка» потратила 4 млн рублей, а «Лютик» ничего не потратил.",
        {("EXPENDITURE", "Ромашка", "4 млн рублей")},
        {("EXPENDITURE", "Лютик", "4 млн рублей")},
    ),
]

SECTORS = [
    (
        "Затраты на образование составят 5 млрд рублей, но затраты на здравоохранение — "
        "3 млрд рублей.",
        {("AMOUNT_OF", "5 млрд рублей", "образование")},
        {("AMOUNT_OF", "5 млрд рублей", "здравоохранение")},
    ),
    (
        "На развитие сельского хозяйства выделят 2 млрд рублей, но на строительство — только "
        "1 млрд рублей.",
        {("AMOUNT_OF", "2 млрд рублей", "сельского хозяйства")},
        {("AMOUNT_OF", "2 млрд рублей", "строительство")},
    ),
    (
        "Инвестиции в энергетику составят 6 млрд рублей, а в сельское хозяйство — 2 млрд рублей.",
        {("AMOUNT_OF", "6 млрд рублей", "энергетику")},
        {("AMOUNT_OF", "6 млрд рублей", "сельское хозяйство")},
    ),
    (
        "Компания инвестирует 2 млрд рублей в нефтепереработку, а также в сельское хозяйство.",
        {
            ("AMOUNT_OF", "2 млрд рублей", "нефтепереработку"),
            ("AMOUNT_OF", "2 млрд рублей", "сельское хозяйство"),
        },
        set(),
    ),
    (
        "Фонд выделит 300 млн рублей не только на образование, но и на здравоохранение.",
        {
            ("AMOUNT_OF", "300 млн рублей", "образование"),
            ("AMOUNT_OF", "300 млн рублей", "здравоохранение"),
        },
        set(),
    ),
]


@pytest.mark.parametrize(("text", "expected", "absent"), HOLDERS + SECTORS)
def test_links_across_a_contrast(nlp, text, expected, absent):
    found = links(nlp(text))
    assert expected <= found
    assert not absent & found
