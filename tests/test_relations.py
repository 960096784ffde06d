"""The relation stage, table-driven: short sentences per type and trigger class."""

from __future__ import annotations

import pytest

from pipeline.tables import fact_rows, mention_ids, mention_rows, relation_rows
from tests.conftest import links


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # active voice, verb triggers
        ("«Газпром» выделил 5 млрд рублей.", {("EXPENDITURE", "Газпром", "5 млрд рублей")}),
        # noun trigger with the verb's subject
        (
            "Компания «Лукойл» получила прибыль 3 млрд рублей.",
            {("INCOME", "Лукойл", "3 млрд рублей")},
        ),
        # passive voice: the instrumental is the agent
        (
            "5 млрд рублей были выделены «Газпромом».",
            {("EXPENDITURE", "Газпромом", "5 млрд рублей")},
        ),
        # participle
        (
            "Выделенные «Газпромом» 5 млрд рублей пошли на ремонт.",
            {("EXPENDITURE", "Газпромом", "5 млрд рублей")},
        ),
        # "в размере", a loan given
        (
            "«Сбербанк» выдал кредит в размере 2 млрд рублей.",
            {("EXPENDITURE", "Сбербанк", "2 млрд рублей")},
        ),
        # "на сумму", a loan received
        (
            "«Лукойл» получил кредит на 2 млрд рублей.",
            {("INCOME", "Лукойл", "2 млрд рублей")},
        ),
        # coordination of agents
        (
            "«Сбербанк» и ВТБ потратили 7 млрд рублей.",
            {("EXPENDITURE", "Сбербанк", "7 млрд рублей"), ("EXPENDITURE", "ВТБ", "7 млрд рублей")},
        ),
        # purchase: the buyer spends, the thing bought has the price
        (
            "«Яндекс» купил «Авито» за 3 млрд долларов.",
            {
                ("EXPENDITURE", "Яндекс", "3 млрд долларов"),
                ("PRICE_OF", "Авито", "3 млрд долларов"),
                ("AMOUNT_OF", "3 млрд долларов", "Авито"),
            },
        ),
        # a link verb: the subject noun carries the link; the date dates the amount
        (
            "Выручка «Магнита» составила 2 трлн рублей в 2023 году.",
            {
                ("INCOME", "Магнита", "2 трлн рублей"),
                ("DATE_OF", "2 трлн рублей", "в 2023 году"),
            },
        ),
        # a plan, with the sector it is spent on
        (
            "«Сбербанк» планирует инвестировать 2 млрд рублей в нефтепереработку.",
            {
                ("EXPENDITURE", "Сбербанк", "2 млрд рублей"),
                ("AMOUNT_OF", "2 млрд рублей", "нефтепереработку"),
                ("SECTOR_OF", "Сбербанк", "нефтепереработку"),
            },
        ),
        # the payer of an income, the buyer of a sale, the one fined
        (
            "Флинн получил 11 250 долларов от «Волга-Днепр».",
            {
                ("INCOME", "Флинн", "11 250 долларов"),
                ("EXPENDITURE", "Волга-Днепр", "11 250 долларов"),
            },
        ),
        (
            "Они продали сайт издательскому дому Conde Nast за 5 млн долларов.",
            {
                ("EXPENDITURE", "Conde Nast", "5 млн долларов"),
                ("SECTOR_OF", "Conde Nast", "издательскому дому"),
            },
        ),
        (
            "Совет оштрафовал «Лукойл» на 50 тысяч долларов.",
            {("EXPENDITURE", "Лукойл", "50 тысяч долларов")},
        ),
        # a gerund shares the main verb's subject
        (
            "Карсон Ёнг стал владельцем клуба, приобретя его за 81,5 миллионов фунтов стерлингов.",
            {("EXPENDITURE", "Карсон Ёнг", "81,5 миллионов фунтов стерлингов")},
        ),
        # a body named by its place acts for it
        (
            "Правительство Японии выделит 5 млрд иен.",
            {
                ("EXPENDITURE", "Правительство Японии", "5 млрд иен"),
                ("HEADQUARTERED_IN", "Правительство Японии", "Японии"),
            },
        ),
        # a genitive after any other noun is not who acts
        ("Семья Обамы купила дом за 8 млн долларов.", set()),
        # a deal has an amount but no direction
        ("«Сбербанк» подписал контракт на сумму 2 млрд рублей.", set()),
        # ORG chains and seats
        ("МИД России заявил об этом.", {("HEADQUARTERED_IN", "МИД России", "России")}),
        ("Завод «Татнефти» в Татарстане закрыт.", {("HEADQUARTERED_IN", "Татнефти", "Татарстане")}),
        (
            "«Ростелеком», дочерняя компания «Газпрома», растёт.",
            {("PART_OF", "Ростелеком", "Газпрома")},
        ),
        # sector through a descriptor or a verb
        (
            "Производитель удобрений «ФосАгро» сообщил о росте.",
            {("SECTOR_OF", "ФосАгро", "удобрений")},
        ),
        ("«Роснефть» добывает нефть в Сибири.", {("SECTOR_OF", "Роснефть", "нефть")}),
        # ownership, founders, members where the grammar is plain
        (
            "Алишер Усманов владеет компанией «Металлоинвест».",
            {("OWNER_OF", "Алишер Усманов", "Металлоинвест")},
        ),
        (
            "«Металлоинвест» принадлежит Алишеру Усманову.",
            {("OWNER_OF", "Алишеру Усманову", "Металлоинвест")},
        ),
        ("Аркадий Волож основал «Яндекс».", {("FOUNDED_BY", "Яндекс", "Аркадий Волож")}),
        ("Иванов, основатель «Яндекса», уехал.", {("FOUNDED_BY", "Яндекса", "Иванов")}),
        (
            "Депутат Варичев вступил в «Единую Россию».",
            {
                ("MEMBER_OF", "Варичев", "Единую Россию"),
                ("HEADQUARTERED_IN", "Единую Россию", "Россию"),  # decision 80
            },
        ),
        # no money, no sector: nothing to link
        ("«Газпром» провёл собрание.", set()),
    ],
)
def test_relations(nlp, text, expected):
    assert links(nlp(text)) == expected


@pytest.mark.parametrize(
    ("text", "trigger", "polarity", "modality"),
    [
        ("«Газпром» выделил 5 млрд рублей.", "выделить", "positive", "done"),
        ("«Газпром» выделит 5 млрд рублей.", "выделить", "positive", "planned"),  # future
        ("«Сбербанк» не получил 2 млрд рублей.", "получить", "negative", "done"),
        ("«Сбербанк» может потратить 2 млрд рублей.", "потратить", "positive", "planned"),
        (
            "«Сбербанк» не будет инвестировать 10 млн рублей.",
            "инвестировать",
            "negative",
            "planned",
        ),
        # the nearest trigger word above the amount carries the fact
        (
            "Планируется подписание договора на сумму 5 млн рублей.",
            "договор",
            "positive",
            "planned",
        ),
    ],
)
def test_fact_polarity_and_modality(nlp, text, trigger, polarity, modality):
    (fact,) = nlp(text)._.facts
    assert (fact.trigger, fact.polarity, fact.modality) == (trigger, polarity, modality)


def test_fact_row_spells_out_its_mentions(nlp):
    doc = nlp(
        "«Металлоинвест» выделит 5 млрд рублей на строительство жилья в Татарстане в 2025 году."
    )
    (row,) = fact_rows(doc)
    assert row["agent"] == "Металлоинвест" and row["agent_id"]
    assert (row["amount_value"], row["amount_unit"], row["amount_kind"]) == (5e9, "RUB", "money")
    assert row["date_timex"] == "2025" and row["modality"] == "planned"
    assert row["sector"] and row["okved"]
    assert row["location"] == "Татарстан"


def test_relation_and_fact_ids_are_mention_ids(nlp):
    doc = nlp("Компания «Лукойл» получила прибыль 3 млрд рублей в 2024 году. МИД России молчит.")
    rows = {r["mention_id"]: r for r in mention_rows(doc)}
    assert mention_ids(doc) == {(r["start"], r["end"], r["type"]): m for m, r in rows.items()}
    relations = relation_rows(doc)
    assert {r["type"] for r in relations} == {"INCOME", "DATE_OF", "HEADQUARTERED_IN"}
    for r in relations:
        assert r["head_mention_id"] in rows and r["tail_mention_id"] in rows
    income = next(r for r in relations if r["type"] == "INCOME")
    assert rows[income["head_mention_id"]]["text"] == "Лукойл"
    assert rows[income["tail_mention_id"]]["type"] == "AMOUNT"
    assert sorted(r["sentence"] for r in relations) == [0, 0, 1]
    (fact,) = fact_rows(doc)
    assert rows[fact["amount_mention_id"]]["text"] == "3 млрд рублей"
    assert rows[fact["date_mention_id"]]["type"] == "DATE"


def test_documents_without_links_give_empty_tables(nlp):
    from pipeline.tables import facts_table, relations_table

    docs = [nlp("Просто текст."), nlp("Ещё один.")]
    assert relations_table(docs).empty and facts_table(docs).empty
    assert list(relations_table(docs).columns)[:3] == ["doc_id", "relation_id", "type"]


def test_sentence_facts_groups_by_sentence(nlp):
    from pipeline.tables import sentence_facts

    doc = nlp(
        "Погода хорошая. «Металлоинвест» выделил 5 млрд рублей. "
        "«Северсталь» получила 2 млрд рублей."
    )
    grouped = sentence_facts(doc)
    assert sorted(grouped) == [1, 2]
    assert grouped[1][0]["agent"] == "Металлоинвест" and grouped[2][0]["agent"] == "Северсталь"


def test_lexicon_errors_name_the_file(tmp_path):
    from pipeline.errors import InputError
    from pipeline.stages.relations import Lexicon

    bad = tmp_path / "relations.toml"
    bad.write_text("[triggers\nincome = [", encoding="utf-8")
    with pytest.raises(InputError, match="relations.toml"):
        Lexicon.load(str(bad))
