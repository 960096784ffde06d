"""pipeline.normalize.numbers: values of numbers, multipliers, currencies and qualifiers."""

from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.normalize import numbers as nb

LEXICON = Path(__file__).resolve().parent.parent / "configs" / "lexicons" / "amounts.toml"


@pytest.fixture(scope="module")
def lex() -> nb.AmountLexicon:
    return nb.load_amount_lexicon(LEXICON)


@pytest.mark.parametrize(
    "text, thousands_comma, expected",
    [
        ("3", False, 3.0),
        ("40", False, 40.0),
        ("3,7", False, 3.7),
        ("3.7", False, 3.7),
        ("27.5", False, 27.5),
        ("17739,10", False, 17739.1),
        ("10,", False, 10.0),  # razdel leaves a list comma on the number
        ("635,000", True, 635000.0),  # "$635,000": English thousands after a symbol
        ("635,000", False, 635.0),
        ("1,5", True, 1.5),  # "$1,5 млрд": one digit after the comma is a decimal
        ("abc", False, None),
        ("1990-х", False, None),
        ("21.12.2025", False, None),
        ("", False, None),
    ],
)
def test_parse_digits(text, thousands_comma, expected):
    assert nb.parse_digits(text, thousands_comma) == expected


@pytest.mark.parametrize(
    "groups, expected",
    [
        (["3", "700", "000"], Decimal(3700000)),
        (["3", "700"], Decimal(3700)),
        (["5", "171", "666"], Decimal(5171666)),
        (["99", "999"], Decimal(99999)),
        (["3", "700,5"], Decimal("3700.5")),
        (["2016", "100"], None),  # a year is not the lead group of a number
        (["3", "70"], None),
        ([], None),
    ],
)
def test_join_groups(groups, expected):
    assert nb.join_groups(groups) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("50-70", (Decimal(50), Decimal(70))),
        ("200—300", (Decimal(200), Decimal(300))),
        ("5–7", (Decimal(5), Decimal(7))),
        ("0,5-1,5", (Decimal("0.5"), Decimal("1.5"))),
        ("3-2", None),  # a score, not a range
        ("50", None),
        ("2025-12-21", None),
    ],
)
def test_split_range(text, expected):
    assert nb.split_range(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("70-процентное", (Decimal(70), "%")),
        ("50-процентным", (Decimal(50), "%")),
        ("100-долларовой", (Decimal(100), "USD")),
        ("500-рублевая", (Decimal(500), "RUB")),
        ("50-летний", None),
        ("1990-х", None),
        ("5-й", None),
    ],
)
def test_split_compound(lex, text, expected):
    assert nb.split_compound(text, lex) == expected


@pytest.mark.parametrize(
    "word, expected",
    [
        ("один", 1),
        ("два", 2),
        ("две", 2),
        ("пять", 5),
        ("двадцать", 20),
        ("сто", 100),
        ("девятьсот", 900),
        ("полтора", 1.5),
        ("полторы", 1.5),
        ("пол", 0.5),
        ("тысяча", None),
    ],
)
def test_numeral_value(lex, word, expected):
    assert nb.numeral_value(word, lex) == expected


@pytest.mark.parametrize(
    "word, expected",
    [
        ("тысяча", 1e3),
        ("тыс", 1e3),
        ("миллион", 1e6),
        ("млн", 1e6),
        ("миллиард", 1e9),
        ("млрд", 1e9),
        ("триллион", 1e12),
        ("трлн", 1e12),
        ("полмиллиона", 5e5),
        ("сто", None),
    ],
)
def test_multiplier_value(lex, word, expected):
    assert nb.multiplier_value(word, lex) == expected


@pytest.mark.parametrize(
    "parts, expected",
    [
        ([("num", 2), ("mult", 1e9)], 2e9),  # два миллиарда
        ([("num", 20), ("num", 5), ("mult", 1e3)], 25000),  # двадцать пять тысяч
        ([("num", 20), ("num", 5), ("mult", 1e3), ("num", 300)], 25300),
        ([("num", 100), ("num", 20), ("num", 5)], 125),  # сто двадцать пять
        ([("num", 1.5), ("mult", 1e6)], 1.5e6),  # полтора миллиона
        ([("num", 0.5), ("mult", 1e6)], 5e5),  # пол миллиона
        ([("num", 2), ("half", 0.5), ("mult", 1e6)], 2.5e6),  # два с половиной миллиона
        ([("mult", 1e6)], 1e6),  # миллион
        ([("num", 5), ("mult", 1e6), ("num", 300), ("mult", 1e3)], 5.3e6),
        ([("num", 100)], 100),  # сто
        ([("num", 2), ("num", 3)], None),  # "два три" is two numbers
        ([("num", 5), ("num", 20)], None),
        ([("half", 0.5)], None),
    ],
)
def test_compose_words(parts, expected):
    value = nb.compose_words(parts)
    assert (float(value) if value is not None else None) == expected


@pytest.mark.parametrize(
    "value, multipliers, expected",
    [
        (3.7, [1e9], 3.7e9),
        (Decimal("3.7"), [1e9], 3700000000.0),
        (8.1, [1e6], 8.1e6),
        (2.2, [1e12], 2.2e12),
        (15.4, [1e3], 15400.0),
        (5, [100, 1e6], 5e8),  # "пять сотен миллионов"
        (40, [], 40.0),
        (None, [1e6], None),
    ],
)
def test_scale(value, multipliers, expected):
    assert nb.scale(value, multipliers) == expected


@pytest.mark.parametrize(
    "low, low_mult, high, high_mult, expected",
    [
        (5, [], 7, [1e6], (5e6, 7e6)),  # от 5 до 7 млн: the right multiplier applies left
        (800, [1e3], 1, [1e6], (8e5, 1e6)),  # от 800 тыс. до 1 млн
        (800, [], 1, [1e6], (800.0, 1e6)),  # inheriting would make the left end larger
        (3, [], 5, [1e3], (3e3, 5e3)),
        (30, [1e3], 50, [1e3], (3e4, 5e4)),
        (10, [], 20, [], (10.0, 20.0)),
        (None, [1e6], None, [1e6], (None, None)),  # от нескольких до нескольких миллионов
    ],
)
def test_range_bounds(low, low_mult, high, high_mult, expected):
    assert nb.range_bounds(low, low_mult, high, high_mult) == expected


@pytest.mark.parametrize(
    "phrase, code",
    [
        ("более", "gt"),
        ("более чем", "gt"),
        ("свыше", "gt"),
        ("больше", "gt"),
        ("чуть больше", "gt"),
        ("не менее", "ge"),
        ("не меньше", "ge"),
        ("минимум", "ge"),
        ("как минимум", "ge"),
        ("менее", "lt"),
        ("меньше", "lt"),
        ("до", "le"),
        ("не более", "le"),
        ("не больше", "le"),
        ("максимум", "le"),
        ("около", "approx"),
        ("примерно", "approx"),
        ("порядка", "approx"),
        ("почти", "approx"),
        ("приблизительно", "approx"),
        ("в районе", "approx"),
        ("на", None),
        ("от", None),  # "от X до Y" is a range, handled by the grammar
    ],
)
def test_qualifier_for(lex, phrase, code):
    assert nb.qualifier_for(phrase, lex) == code


@pytest.mark.parametrize(
    "phrase, iso, factor",
    [
        ("рубль", "RUB", 1.0),
        ("руб", "RUB", 1.0),
        ("р", "RUB", 1.0),
        ("₽", "RUB", 1.0),
        ("доллар", "USD", 1.0),
        ("долл", "USD", 1.0),
        ("доллар сша", "USD", 1.0),
        ("долл. сша", "USD", 1.0),
        ("$", "USD", 1.0),
        ("usd", "USD", 1.0),
        ("евро", "EUR", 1.0),
        ("€", "EUR", 1.0),
        ("иена", "JPY", 1.0),
        ("иен", "JPY", 1.0),
        ("¥", "JPY", 1.0),  # documented default: yen, not yuan
        ("юань", "CNY", 1.0),
        ("тенге", "KZT", 1.0),
        ("₸", "KZT", 1.0),
        ("фунт стерлингов", "GBP", 1.0),
        ("фунт", "GBP", 1.0),
        ("£", "GBP", 1.0),
        ("швейцарский франк", "CHF", 1.0),
        ("гривна", "UAH", 1.0),
        ("белорусский рубль", "BYN", 1.0),
        ("рупия", "INR", 1.0),
        ("лира", "TRY", 1.0),
        ("гонконгский доллар", "HKD", 1.0),
        ("норвежская крона", "NOK", 1.0),
        ("цент", "USD", 0.01),
        ("копейка", "RUB", 0.01),
        ("крона", None, 1.0),  # money, no safe ISO code
    ],
)
def test_currency_for(lex, phrase, iso, factor):
    assert nb.currency_for(phrase, lex) == nb.Currency(iso, factor)


@pytest.mark.parametrize("phrase", ["компания", "документ", "год"])
def test_not_a_currency(lex, phrase):
    assert nb.currency_for(phrase, lex) is None


@pytest.mark.parametrize(
    "phrase, unit",
    [
        ("%", "%"),
        ("процент", "%"),
        ("п.п.", "pp"),
        ("п. п.", "pp"),
        ("процентный пункт", "pp"),
        ("б.п.", "bp"),
        ("базисный пункт", "bp"),
        ("пункт", None),
    ],
)
def test_percent_unit(lex, phrase, unit):
    assert nb.percent_unit(phrase, lex) == unit


@pytest.mark.parametrize(
    "value, number, case, expected",
    [
        (Decimal(2018), "Sing", "Nom", False),  # "в 2018 компания объявила"
        (Decimal(2004), "Sing", "Acc", False),
        (Decimal(21), "Sing", "Nom", True),  # "21 компания"
        (Decimal(11), "Sing", "Nom", False),
        (Decimal(2), "Sing", "Gen", True),  # "2 компании"
        (Decimal(40), "Plur", "Gen", True),
        (Decimal("3.7"), "Sing", "Nom", False),
        (Decimal("3.7"), "Sing", "Gen", True),
        (None, "Sing", "Nom", True),
    ],
)
def test_noun_agrees(value, number, case, expected):
    assert nb.noun_agrees(value, number, case) is expected


@pytest.mark.parametrize(
    "text, expected",
    [("2004", True), ("1990", True), ("3700", False), ("450", False), ("20040", False)],
)
def test_is_year(lex, text, expected):
    assert nb.is_year(text, lex) is expected


def test_unknown_qualifier_code_is_rejected():
    with pytest.raises(ValueError, match="unknown qualifier"):
        nb.lexicon_from_dict({"qualifiers": {"bigger": ["более"]}})


def test_lexicon_covers_common_currencies(lex):
    codes = {c.iso for c in lex.currency_words.values()}
    assert {"RUB", "USD", "EUR", "JPY", "CNY", "KZT", "GBP", "CHF", "UAH", "BYN", "INR"} <= codes


def test_money_words_are_folded_as_the_rule_compares_them():
    # rules/amount.py reads the word before a bare number as a folded lemma (ё -> е): a
    # lemma listed as pymorphy3 spells it ("расчёт") must meet it
    lex = nb.lexicon_from_dict({"money_words": {"lemmas": ["Расчёт", "цена"]}})
    assert lex.money_words == frozenset({"расчет", "цена"})


def test_money_word_prepositions_come_from_the_lexicon(lex):
    # rules/amount.py reads past these between a money word and its amount (decision 183)
    assert lex.money_word_prepositions == frozenset({"в", "за", "на"})
    other = nb.lexicon_from_dict({"money_words": {"prepositions": ["В"]}})
    assert other.money_word_prepositions == frozenset({"в"})
