"""SECTOR_OF from a money fact to its holder only when the holder earns, sells or invests in the
sector (guideline 226, reading 114 b and 74): a body that allocates, spends, funds or buys
money for a purpose does not work in it, though the amount still goes to the sector
(AMOUNT_OF, 113). Table-driven over invented sentences, one negative per spending class."""

from __future__ import annotations

import pytest

from pipeline.stages.relations.facts import FactReader
from pipeline.stages.relations.lexicon import MONEY_CLASSES
from tests.conftest import pairs as of_type


@pytest.mark.parametrize(
    ("text", "amount_of", "sector_of"),
    [
        # a funder allocating money to a purpose: the purpose is the money's, not its sector
        (
            "Правительство выделит 500 млн рублей на строительство дорог.",
            ("500 млн рублей", "строительство дорог"),
            set(),
        ),
        # spending
        (
            "Министерство потратило 2 млрд рублей на строительство жилья.",
            ("2 млрд рублей", "строительство жилья"),
            set(),
        ),
        # directing money to a programme
        (
            "Мэрия направит 40 млн рублей на развитие сельского хозяйства.",
            ("40 млн рублей", "сельского хозяйства"),
            set(),
        ),
        # buying as a consumer
        (
            "Министерство обороны закупило нефть на 5 млрд рублей.",
            ("5 млрд рублей", "нефть"),
            set(),
        ),
        # paying for a service
        (
            "Компания «Вектор» оплатила услуги связи на 2 млн рублей.",
            ("2 млн рублей", "связи"),
            set(),
        ),
        # lending: the lender's money goes to the borrower's purpose
        (
            "Банк «Вектор» выдал кредит на 5 млрд рублей на строительство жилья.",
            ("5 млрд рублей", "строительство жилья"),
            set(),
        ),
        # a deal has no direction: the side that orders the works is not a builder
        (
            "Компания «Вектор» подписала контракт на строительство дороги на 2 млрд рублей.",
            ("2 млрд рублей", "строительство дороги"),
            set(),
        ),
        # an investor invests in the sector (114 b, decision 74)
        (
            "Компания «Вектор» инвестирует 2 млрд рублей в нефтепереработку.",
            ("2 млрд рублей", "нефтепереработку"),
            {("Компания «Вектор»", "нефтепереработку")},
        ),
        (
            "Компания «Вектор» вложила 2 млрд рублей в нефтепереработку.",
            ("2 млрд рублей", "нефтепереработку"),
            {("Компания «Вектор»", "нефтепереработку")},
        ),
        # an earner earns in the sector
        (
            "Компания «Вектор» получила 3 млрд рублей от продажи удобрений.",
            ("3 млрд рублей", "удобрений"),
            {("Вектор", "удобрений")},
        ),
        (
            "Компания «Вектор» заработала 3 млрд рублей на продаже удобрений.",
            ("3 млрд рублей", "удобрений"),
            {("Вектор", "удобрений")},
        ),
        # a borrower spends what it received on its own activity
        (
            "Компания «Вектор» получила кредит на 5 млрд рублей на строительство жилья.",
            ("5 млрд рублей", "строительство жилья"),
            {("Вектор", "строительство жилья")},
        ),
    ],
)
def test_sector_of_money_holder(nlp, text, amount_of, sector_of):
    doc = nlp(text)
    assert amount_of in of_type(doc, "AMOUNT_OF")
    assert of_type(doc, "SECTOR_OF") == sector_of


class _Word:
    """A trigger word and the word it hangs on, as `works_in` reads them."""

    def __init__(self, norm: str, head: _Word | None = None) -> None:
        self.norm_ = norm
        self.head = head if head is not None else self


@pytest.mark.parametrize(
    ("trigger", "head", "works"),
    [
        ("получить", None, True),
        ("продать", None, True),
        ("инвестировать", None, True),
        ("вложение", None, True),
        ("выделить", None, False),
        ("финансировать", None, False),
        ("купить", None, False),
        ("контракт", None, False),
        ("кредит", "получить", True),
        ("кредит", "выдать", False),
        ("неизвестное", None, False),  # not a money word at all
    ],
)
def test_works_in_by_trigger_class(nlp, trigger, head, works):
    reader = FactReader.__new__(FactReader)
    reader.lex = nlp.get_pipe("relations").lex
    word = _Word(trigger, _Word(head) if head else None)
    assert reader.works_in(word) is works


def test_working_lists_name_money_words(nlp):
    """The classes are money trigger classes and the investing words are money triggers: a
    typo in relations.toml would silently drop every SECTOR_OF of this path."""
    lex = nlp.get_pipe("relations").lex
    assert lex.working_classes and lex.working_classes <= set(MONEY_CLASSES)
    assert lex.working_money and all(lex.triggers.get(w) for w in lex.working_money)
