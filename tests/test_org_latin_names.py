"""Unquoted Latin-script names after a lowercase kind noun (guideline 142-143), on sentences
written for the tests: the name's bounds, and look-alikes that are no organisation."""

from __future__ import annotations

import pytest

from pipeline.stages.rules.latin_names import is_latin_start, is_latin_word, latin_name_end
from tests.conftest import process_text


def orgs(doc) -> set[str]:
    return {s.text for s in doc.spans.get("ORG", [])}


@pytest.mark.parametrize(
    ("words", "glued", "end"),
    [
        (["BTC-e", "закрыли"], [False, False], 1),
        (["Goldman", "Sachs", "выделил"], [False, False, False], 2),
        (["Bank", "of", "America", "."], [False, False, False, True], 3),
        (["Johnson", "&", "Johnson", ","], [False, False, False, True], 3),
        (["AT", "&", "T", "и"], [False, True, True, False], 3),
        (["Deutsche", "Bank", "24"], [False, False, False], 2),  # a spaced number stays out
        (["Bank", "24", "вырос"], [False, True, False], 2),  # glued digits are the name's
        (["Apple", "and", "."], [False, False, True], 0),  # a joiner with no capital after
        (["Banco", "do", "Brasil"], [False, False, False], 3),
        (["Alpha", "zu", "Beta"], [False, False, False], 0),  # unknown words: bounds unknown
        (["Apple", "-", "крупнейшая"], [False, False, False], 1),
        (["apple", "Inc"], [False, False], 0),  # no capital: no name
        (["Яндекс"], [False], 0),  # Cyrillic: the model's business
        (["A", "B", "C", "D", "E", "F", "G", "H"], [False] * 8, 6),  # MAX_WORDS
        (["E", ","], [False, True], 0),  # "в группе E": a letter
        (["XIV", "века"], [False, False], 0),  # a Roman numeral
    ],
)
def test_latin_name_end(words, glued, end):
    assert latin_name_end(words, glued, 0) == end


@pytest.mark.parametrize(
    ("text", "start", "word"),
    [
        ("HSBC", True, True),
        ("eBay", True, True),
        ("McDonald's", True, True),
        ("«X»", False, False),
        ("3M", False, True),
        ("Ford.", False, False),
        ("ёж", False, False),
    ],
)
def test_word_classes(text, start, word):
    assert is_latin_start(text) is start
    assert is_latin_word(text) is word


def found(nlp, text: str) -> set[str]:
    """What the mechanism alone finds, with the model's spans taken away (the model catches
    most Latin names in short sentences, which would hide a broken rule)."""
    doc = process_text(nlp, text)
    for label in ("ORG", "PER", "LOC"):
        doc.spans[label] = []
    return {s.text for s in nlp.get_pipe("org_rules")._latin_after_kinds(doc, [])}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Власти закрыли криптобиржу BTC-e в июле.", {"BTC-e"}),
        ("Кредит выдал банк HSBC, сообщили в пресс-службе.", {"HSBC"}),
        ("Акции компании Goldman Sachs выросли на 2%.", {"Goldman Sachs"}),
        ("Сделку одобрил холдинг Johnson & Johnson в среду.", {"Johnson & Johnson"}),
        ("Контракт получила фирма Bank of America.", {"Bank of America"}),
        ("Деньги вложил стартап eBay и фонд Castle Point.", {"eBay", "Castle Point"}),
        # a product, a platform (decision 54), a person after a profession noun
        ("Он купил смартфон iPhone в Москве.", set()),
        ("Он написал в соцсети Twitter вечером.", set()),
        ("Сервис Uber и сеть Wi-Fi работают.", set()),
        ("Снимок сделал фотограф John Smith в понедельник.", set()),
        # a listed product after a kind noun, a letter, a line break, a quote, a capital kind
        ("Выпуск планирует компания iPhone.", set()),
        ("Матч прошёл в группе E турнира.", set()),
        ("Об этом сообщила компания\nReuters News", set()),
        ("Сделку заключила компания «Apple Inc» вчера.", set()),
        ("Компания Apple выросла.", set()),
    ],
)
def test_mechanism_alone(nlp, text, expected):
    assert found(nlp, text) == expected


def test_name_the_model_took_is_left(nlp):
    doc = process_text(nlp, "Акции компании Goldman Sachs выросли на 2%.")
    rules = nlp.get_pipe("org_rules")
    assert rules._latin_after_kinds(doc, list(doc.spans["ORG"])) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Власти закрыли криптобиржу BTC-e в июле.", "BTC-e"),
        ("Кредит выдал банк HSBC, сообщили в пресс-службе.", "HSBC"),
    ],
)
def test_latin_name_after_kind_noun_is_org(nlp, text, expected):
    assert expected in orgs(process_text(nlp, text))


@pytest.mark.parametrize("text", ["компания A", "банк", "банк &", "фирма Bank of", "биржа X-"])
def test_bad_input_does_not_crash(nlp, text):
    process_text(nlp, text)
