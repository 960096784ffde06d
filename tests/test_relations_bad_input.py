"""Bad input for the session-8 and session-9 relation and rule mechanisms (back-referring
deals, gapped amounts, currency signs, DATE_OF bases, part-of phrases, SECTOR paid fields,
session 9's focus words, money words, post and topic fields): texts that are only
the edge a rule looks past (a dash at the start, a deal noun with no sentence before, quotes
of doubled apostrophes alone) run through the whole pipeline without an error and link
nothing they cannot read."""

from __future__ import annotations

import pytest

MONEY = ("INCOME", "EXPENDITURE", "PRICE_OF")


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n",
        "—",
        "— 5 млн рублей",
        "—5 млн рублей.",
        "– 5 млн рублей.",
        ", — 5 млн рублей",
        "а «Заря» — 5 млн рублей",
        "или около $23 млн",
        "$5 млн",
        "£",
        "''",
        "''''",
        "'' ''",
        "''Заря''",
        "(5 млн рублей)",
        "по курсу 2021 года",
        "с 2020 годом",
        "оплата обучения",
        "дочерняя компания",
        "«Заря» является дочерней компанией",
        "Комитет по",
        "VPN-сервис",
        # session 9: the edges of focus words before a gapped amount, money words before a
        # bare number, "по" fields of posts and topics, owned goods, compound adjectives,
        # seats across a line break, oblique pronoun chains
        "— лишь 5 млн рублей",
        "Но — всего 5 млн рублей",
        "стоимостью 5 миллионов",
        "в 6 миллиардов",
        "прибыль в",
        "директор по",
        "Директор по энергетике",
        "по делам",
        "Комитет по делам «",
        "с образованием",
        "компьютеры школы",
        "финансово-",
        "-промышленный",
        "финансово-промышленной",
        "Фонд «Рассвет»\n",
        "\nВ Казани",
        "У неё",
        "Она получала 5 млн рублей.",
    ],
)
def test_edge_texts_run(nlp, text):
    doc = nlp(text)
    assert doc.text == text
    assert all(r.head.doc is doc and r.tail.doc is doc for r in doc._.relations)


@pytest.mark.parametrize(
    "text",
    [
        # decision 144 with no sentence before: the deal's parties are nowhere
        "Сумма сделки составила 3 млрд рублей.",
        "Сумма сделки — 3 млрд рублей.",
        "Штраф составил 5 млн рублей.",
        # decision 145: a dash and an amount with no first clause
        "— 5 млн рублей, а «Заря» — 3 млн рублей.",
    ],
)
def test_opening_sentence_links_no_money(nlp, text):
    doc = nlp(text)
    assert not [r for r in doc._.relations if r.type in MONEY]


def test_empty_doc_has_no_mentions(nlp):
    for text in ("", " ", "\n"):
        doc = nlp(text)
        assert not any(len(group) for group in doc.spans.values())
        assert doc._.relations == [] and doc._.facts == []
