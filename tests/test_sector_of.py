"""SECTOR_OF through relative clauses, fields of activity, "как" predicates and names with a
preposition of their own (guideline 164-166), and AMOUNT_OF across a contrasting "а" (167);
table-driven over invented sentences, each class with the look-alike that must not link."""

from __future__ import annotations

from functools import partial

import pytest

from tests.conftest import pairs

sector_of = partial(pairs, kind="SECTOR_OF")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a relative clause whose subject is "который" says what the company does (164)
        (
            "Компания «Орбита», которая занимается строительством дорог, получила заказ.",
            {("Компания «Орбита»", "строительством дорог")},
        ),
        (
            "Грант получила фирма «Полюс», которая производит удобрения.",
            {("Полюс", "удобрения")},
        ),
        # the field noun between the word of activity and the sector (164)
        (
            "Инвестор создал фонд «Вектор», работающий на рынке недвижимости.",
            {("Вектор", "недвижимости")},
        ),
        (
            "Компания «Орбита» работает в сфере строительства.",
            {("Орбита", "строительства")},
        ),
        # the noun after "как" says what the subject is (165)
        (
            "Компания «Вектор» была основана в 1998 году и создавалась как нефтяная компания.",
            {("Вектор", "нефтяная компания")},
        ),
        # look-alikes: "как и" compares, "с" names a partner, "которую" is the object
        ("Банк «Вектор», как и нефтяные компании, снизил расходы.", set()),
        ("Банк «Вектор», который работает с нефтяными компаниями, выдал кредит.", set()),
        ("Банк «Вектор» работает с нефтяными компаниями.", set()),
        ("Компания «Орбита», которую строительная фирма купила, закрылась.", set()),
        # a name with its own preposition is not in apposition to the noun before it (166)
        (
            "Он работал в нефтяной компании «Вектор», затем — в шведской «Орбите».",
            {("Вектор", "нефтяной компании")},
        ),
        # but a name after "от" is the maker of the goods before it
        ("Клиентам предложили платный хостинг от Yahoo.", {("Yahoo", "хостинг")}),
    ],
)
def test_sector_of_activity_clauses(nlp, text, expected):
    assert sector_of(nlp(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a contrasting "а" between sector and amount: two clauses, the second's verb left
        # out (decision 167); "а также" adds to the same clause
        (
            "Расходы на строительство дорог составят 5 млрд рублей, а на образование — "
            "2 млрд рублей.",
            {("5 млрд рублей", "строительство дорог")},
        ),
        (
            "Инвестиции в нефтепереработку составят 5 млрд рублей, а затраты банка «Вектор» — "
            "2 млрд рублей и ещё 1 млрд рублей на ремонт.",
            {("5 млрд рублей", "нефтепереработку")},
        ),
        (
            "Компания вложит 5 млрд рублей в строительство дорог, а также в образование.",
            {("5 млрд рублей", "строительство дорог"), ("5 млрд рублей", "образование")},
        ),
    ],
)
def test_amount_of_not_across_a_contrast(nlp, text, expected):
    found = {(r.head.text, r.tail.text) for r in nlp(text)._.relations if r.type == "AMOUNT_OF"}
    assert found == expected


# "Она получила грант в 50 тыс. долларов на оплату обучения": the parser hangs the
# abbreviation's dot outside the amount, and the purpose on the noun the amount measures
WORDS = ["Она", "получила", "грант", "в", "50", "тыс", ".", "долларов", "на", "оплату"]
WORDS += ["обучения", "."]
POS = ["PRON", "VERB", "NOUN", "ADP", "NUM", "NOUN", "PUNCT", "NOUN", "ADP", "NOUN", "NOUN"]
POS += ["PUNCT"]
DEPS = ["nsubj", "ROOT", "obj", "case", "nummod", "nummod:gov", "punct", "nmod", "case"]
DEPS += ["nmod", "nmod", "punct"]


@pytest.mark.parametrize(
    ("amount_head", "purpose_head", "linked"),
    [
        (2, 2, True),  # "грант в X на оплату обучения": the noun X measures (167)
        (1, 2, False),  # the amount on the verb, the purpose on the object: another phrase
        (2, 1, True),  # the purpose on the trigger itself, as before
    ],
)
def test_amount_of_through_the_noun_the_amount_measures(nlp, amount_head, purpose_head, linked):
    from pathlib import Path

    from spacy.tokens import Doc, Span

    from pipeline.stages.relations.facts import FactReader
    from pipeline.stages.relations.lexicon import Lexicon
    from pipeline.stages.relations.mentions import MentionIndex, anchor

    heads = [1, 1, 1, 7, 5, 7, 1, amount_head, 9, purpose_head, 9, 1]
    doc = Doc(nlp.vocab, words=WORDS, heads=heads, deps=DEPS, pos=POS)
    doc.spans["AMOUNT"] = [Span(doc, 4, 8, label="AMOUNT")]
    doc.spans["SECTOR"] = [Span(doc, 10, 11, label="SECTOR")]
    (amount,), (sector,) = doc.spans["AMOUNT"], doc.spans["SECTOR"]
    assert anchor(amount).text == "долларов"  # not the dot the parser hung outside
    lex = Lexicon.load(str(Path(__file__).parents[1] / "configs/lexicons/relations.toml"))
    reader = FactReader(doc, MentionIndex(doc, lex.pronouns), lex)
    assert reader.on_trigger(sector, doc[1], amount) is linked
