"""SECTOR_OF / DATE_OF / AMOUNT_OF (guideline 112-119), table-driven over invented sentences,
each class with the look-alike that must not link."""

from __future__ import annotations

import pytest

from tests.conftest import pairs as of_type


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an amount no money trigger holds is dated by its own clause (decision 116)
        (
            "С 1 марта 2021 года минимальная пенсия установлена на уровне 12 тыс. рублей.",
            {("12 тыс. рублей", "С 1 марта 2021 года")},
        ),
        (
            "В 2019 году состояние бизнесмена оценивалось в 3 млрд долларов.",
            {("3 млрд долларов", "В 2019 году")},
        ),
        # coordinated verbs share a date written once; a gerund shares its head's
        (
            "За 5 лет фонд провёл три конкурса и израсходовал 40 млн рублей.",
            {("40 млн рублей", "За 5 лет")},
        ),
        (
            "Банк «Орбита» стал владельцем завода в 2018 году, приобретя его за 300 млн рублей.",
            {("300 млн рублей", "в 2018 году")},
        ),
        # the verb a clause's head controls: "должен быть погашен до X"; conjoined amounts
        (
            "Долг в 3 млрд рублей и 75 млн рублей процентов "
            "должен быть погашен до 1 мая 2024 года.",
            {("3 млрд рублей", "до 1 мая 2024 года"), ("75 млн рублей", "до 1 мая 2024 года")},
        ),
        # each amount of a comparison its own date; a restatement in brackets none
        (
            "Выручка «Вектора» в 2020 году составила 5 млрд рублей "
            "против 4 млрд рублей годом ранее.",
            {("5 млрд рублей", "в 2020 году"), ("4 млрд рублей", "годом ранее")},
        ),
        (
            "Свадьба в 1995 году обошлась в 2 млн долларов "
            "(около 4 млн долларов по нынешнему курсу).",
            {("2 млн долларов", "в 1995 году")},
        ),
        # look-alikes: a term of punishment, another clause's date, a participle's date
        (
            "Суд приговорил директора к 4 годам лишения свободы "
            "и штрафу в размере 500 тыс. рублей.",
            set(),
        ),
        (
            "Директора арестовали 1 мая, но затем отпустили "
            "после того, как он внёс залог в 2 млн рублей.",
            set(),
        ),
        ("Основанный в 2007 году сервис получит 250 млн долларов.", set()),
        # a deadline after "срок" is a date, not a term
        (
            "Банк должен погасить 5 млрд рублей в срок до 1 мая 2024 года.",
            {("5 млрд рублей", "до 1 мая 2024 года")},
        ),
        (
            "Ему грозит до 6 лет лишения свободы со штрафом до 300 тыс. рублей "
            "(сейчас — до 3 лет со штрафом до 100 тыс. рублей).",
            set(),
        ),
    ],
)
def test_date_of(nlp, text, expected):
    assert of_type(nlp(text), "DATE_OF") == expected


# Dates that date no amount, amounts that depend on another (decisions 160-163): each class
# with the reading that must stay.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 160: the basis a restated sum is converted or valued at is no date of any amount
        (
            "В 2022 году компания потратила 5 млн долларов (400 млн рублей по курсу 2021 года).",
            {("5 млн долларов", "В 2022 году")},
        ),
        ("Проект обойдется в 10 млрд рублей в ценах 2020 года.", set()),
        (
            "В 2015 году «Вектор» купил завод за 2 млрд рублей по курсу на день сделки.",
            {("2 млрд рублей", "В 2015 году")},
        ),
        # 161: the amount compared with takes the date right after it, the clause's does not
        (
            "В 2021 году «Вектор» заработал 5 млрд рублей против 3 млрд рублей в 2019 году.",
            {("5 млрд рублей", "В 2021 году"), ("3 млрд рублей", "в 2019 году")},
        ),
        (
            "В 2021 году выручка «Вектора» составила 5 млрд рублей "
            "по сравнению с 4 млрд рублей в 2020 году.",
            {("5 млрд рублей", "В 2021 году"), ("4 млрд рублей", "в 2020 году")},
        ),
        (
            "В 2021 году «Вектор» вложил 5 млрд рублей, по сравнению с 3 млрд рублей годом ранее.",
            {("5 млрд рублей", "В 2021 году"), ("3 млрд рублей", "годом ранее")},
        ),
        (
            "Выручка «Вектора» в 2021 году составила 5 млрд рублей (годом ранее — 4 млрд рублей).",
            {("5 млрд рублей", "в 2021 году"), ("4 млрд рублей", "годом ранее")},
        ),
        # 161: the base of a comparison dates only a change from the base value
        (
            "Выручка «Вектора» в 2021 году выросла до 5 млрд рублей по сравнению с 2020 годом.",
            {("5 млрд рублей", "в 2021 году")},
        ),
        (
            "По сравнению с 2020 годом выручка «Вектора» выросла с 4 до 5 млрд рублей.",
            {("с 4 до 5 млрд рублей", "с 2020 годом")},
        ),
        # 162: a breakdown after a dash, a clause whose verb is left out after a dash
        (
            "На ремонт дорог выделят 3 млрд рублей из бюджета области — "
            "1 млрд рублей в 2022 году и 2 млрд рублей в 2023 году.",
            {("1 млрд рублей", "в 2022 году"), ("2 млрд рублей", "в 2023 году")},
        ),
        (
            "В 2020 году выручка составила 5 млрд рублей, а в 2021 году — 6 млрд рублей.",
            {("5 млрд рублей", "В 2020 году"), ("6 млрд рублей", "в 2021 году")},
        ),
        (
            # a gapped amount with a holder and a date of its own (145 with 162)
            "«Альфа» получила 5 млрд рублей в 2020 году, а «Бета» в 2021 году — 6 млрд рублей.",
            {("5 млрд рублей", "в 2020 году"), ("6 млрд рублей", "в 2021 году")},
        ),
        (
            # the same with a hyphen typed with spaces for the dash (decision 171)
            "«Альфа» получила 5 млрд рублей в 2020 году, а «Бета» в 2021 году - 6 млрд рублей.",
            {("5 млрд рублей", "в 2020 году"), ("6 млрд рублей", "в 2021 году")},
        ),
        (
            "С 1 июля пенсия вырастет до 12 тыс. рублей, а с 1 октября — до 13 тыс. рублей.",
            {("12 тыс. рублей", "С 1 июля"), ("до 13 тыс. рублей", "с 1 октября")},
        ),
        # 163: what stays — targets, ranges, a date of the amount's own verb in a clause
        # reported by another verb, a date of another verb's clause
        (
            "Компания планирует к 2030 году инвестировать 10 млрд рублей в строительство завода.",
            {("10 млрд рублей", "к 2030 году")},
        ),
        (
            "С 2019 по 2021 год «Вектор» вложил в проект 2 млрд рублей.",
            {("2 млрд рублей", "С 2019 по 2021 год")},
        ),
        (
            "В мае директор заявил, что в 2023 году компания вложит 3 млрд рублей в завод.",
            {("3 млрд рублей", "в 2023 году")},
        ),
        (
            "В 2020 году банк, который был основан в 1995 году, выдал кредит на 3 млрд рублей.",
            {("3 млрд рублей", "В 2020 году")},
        ),
        ("Как сообщалось в марте, «Вектор» продал завод за 3 млрд рублей.", set()),
        (
            "В июле «Вектор» отказался от покупки «Орбиты» за 2 млрд рублей.",
            {("2 млрд рублей", "В июле")},
        ),
    ],
)
def test_dates_of_compared_and_restated_amounts(nlp, text, expected):
    assert of_type(nlp(text), "DATE_OF") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Компания «Вектор» вложила 5 млрд рублей в нефтепереработку.",
            {("5 млрд рублей", "нефтепереработку")},
        ),
        # the company bought, through the kind noun it stands beside
        (
            "Холдинг «Вектор» купил компанию «Орбита» за 2 млрд рублей.",
            {("2 млрд рублей", "Орбита")},
        ),
        # look-alikes: the payer, the venue, a company's own value, a sector of another word
        ("Иванов получил 3 млн рублей от компании «Орбита».", set()),
        ("Картина продана на аукционе «Вектор» за 2 млн долларов.", set()),
        ("Стоимость «Вектора» на рынке составляет 200 млрд долларов.", set()),
        (
            "Иванов получил 3 млн рублей от компании «Орбита», занимающейся строительством дорог.",
            set(),
        ),
        # a company bought by a pronoun is the deal object too; its own value is not (135)
        (
            "Петров стал владельцем клуба «Вектор» в 2009 году, приобретя его за 80 млн долларов.",
            {("80 млн долларов", "Вектор")},
        ),
        ("Капитализация «Вектора» составила 5 млрд долларов.", set()),
    ],
)
def test_amount_of(nlp, text, expected):
    assert of_type(nlp(text), "AMOUNT_OF") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # lists: "такие как", a dash after the kind
        (
            "Он работал в нефтяных компаниях, таких как «Вектор» и «Орбита».",
            {("Вектор", "нефтяных компаниях")},
        ),
        (
            "Среди пострадавших нефтяных компаний — «Вектор», «Орбита» и «Зенит».",
            {("Вектор", "нефтяных компаний"), ("Зенит", "нефтяных компаний")},
        ),
        # copula and predicate nouns
        (
            "Компания «Вектор» является крупнейшим производителем удобрений в России.",
            {("Вектор", "удобрений")},
        ),
        (
            "Компания «Вектор» — один из лидеров рынка удобрений.",
            {("Компания «Вектор»", "удобрений")},
        ),
        (
            "«Вектор» превратился в крупнейшую авиакомпанию страны.",
            {("Вектор", "авиакомпанию")},
        ),
        # "один из лидеров X" as the descriptor before the name
        (
            "Президент одного из мировых лидеров производства удобрений «Вектор» "
            "переехал в Лондон.",
            {("Вектор", "удобрений")},
        ),
        # a verb of its activity through its kind noun, a participle on the name
        (
            "Компания «Орбита» занимается строительством дорог.",
            {("Орбита", "строительством дорог")},
        ),
        (
            "Иванов получил 3 млн рублей от компании «Орбита», занимающейся строительством дорог.",
            {("Орбита", "строительством дорог")},
        ),
        # look-alikes: another noun of the list, a regulator, a reporter
        ("Он работал в нефтяных компаниях, а также в банке «Вектор».", set()),
        # the owner of a share of a sector company is not in its sector
        ("«Вектор» владеет долей нефтяной компании «Орбита».", {("Орбита", "нефтяной компании")}),
        ("Минэнерго России управляет нефтяной отраслью страны.", set()),
        ("Министерство энергетики регулирует нефтяную отрасль, сообщил «Вектор».", set()),
        (
            "Он руководил банком «Вектор», а также авиакомпанией «Орбита».",
            {("Орбита", "авиакомпанией")},
        ),
    ],
)
def test_sector_of(nlp, text, expected):
    assert of_type(nlp(text), "SECTOR_OF") == expected


def test_sentence_without_parse_links_nothing(nlp):
    doc = nlp("Прогноз погоды на завтра: дождь.")
    assert not of_type(doc, "DATE_OF") and not of_type(doc, "SECTOR_OF")


@pytest.mark.parametrize(
    ("text", "counterpart"),
    [
        # the payer is the fact's counterpart though it takes no AMOUNT_OF (decision 119)
        ("Иванов получил 3 млн рублей от компании «Орбита».", "Орбита"),
        ("Холдинг «Вектор» купил компанию «Орбита» за 2 млрд рублей.", "Орбита"),
    ],
)
def test_counterpart_column_keeps_the_other_party(nlp, text, counterpart):
    facts = nlp(text)._.facts
    assert [f.counterpart.text for f in facts if f.counterpart is not None] == [counterpart]


def _rows(doc) -> list[tuple]:
    """(trigger, amount text, date text) of each facts-table row."""
    from pipeline.tables import doc_mentions, fact_rows, mention_ids

    spans = {(s.start_char, s.end_char, s.label_): s.text for s in doc_mentions(doc)}
    text_of = {mid: spans[key] for key, mid in mention_ids(doc).items()}
    return [
        (row["trigger"], text_of.get(row["amount_mention_id"]), text_of.get(row["date_mention_id"]))
        for row in fact_rows(doc)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dated amount no trigger word holds gets a facts row of its own (decision 132)
        (
            "С 1 марта 2021 года минимальная пенсия установлена на уровне 12 тыс. рублей.",
            [(None, "12 тыс. рублей", "С 1 марта 2021 года")],
        ),
        (
            "Долг в 3 млрд рублей и 75 млн рублей процентов "
            "должен быть погашен до 1 мая 2024 года.",
            [
                (None, "3 млрд рублей", "до 1 мая 2024 года"),
                (None, "75 млн рублей", "до 1 мая 2024 года"),
            ],
        ),
        # an amount its trigger carries keeps its one row; an undated loose amount gets none
        (
            "В 2020 году «Вектор» получил прибыль в 5 млрд рублей.",
            [("получить", "5 млрд рублей", "В 2020 году")],
        ),
        ("Минимальная пенсия установлена на уровне 12 тыс. рублей.", []),
        # a sector fact takes the date of its sentence (decision 77)
        (
            "В 2020 году нефтяная компания «Вектор» открыла новый завод.",
            [("компания", None, "В 2020 году")],
        ),
    ],
)
def test_every_dated_amount_has_a_fact_row(nlp, text, expected):
    assert _rows(nlp(text)) == expected


def test_trigger_less_fact_reads_modality_from_its_clause(nlp):
    from pipeline.tables import fact_rows

    doc = nlp("С 1 марта 2021 года минимальная пенсия будет установлена на уровне 12 тыс. рублей.")
    (row,) = fact_rows(doc)
    assert (row["trigger"], row["modality"], row["polarity"]) == (None, "planned", "positive")
    assert (row["amount_value"], row["amount_unit"], row["date_start"]) == (
        12000.0,
        "RUB",
        "2021-03-01",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parent named in a unit's span takes the descriptor before it (decision 133)
        (
            "Его избрали председателем совета директоров медиахолдинга NordSat.",
            {("NordSat", "медиахолдинга")},
        ),
        (
            "Глава совета директоров машиностроительной компании Volter Electric ушёл в отставку.",
            {("Volter Electric", "машиностроительной компании")},
        ),
        # both adjectives of a shared head, linked from the name, not from its abbreviation
        (
            "Он возглавил совет директоров оператора спутникового и кабельного телевидения "
            "Nord Satellite Group (NSG).",
            {
                ("Nord Satellite Group", "спутникового"),
                ("Nord Satellite Group", "кабельного телевидения"),
            },
        ),
        # a name in the genitive after goods owns them, it is not their maker (decision 133)
        ("Хакер взломал компьютеры министерства обороны США.", set()),
        # what a company holds in a sector (decision 134): a holding verb's object, a
        # range after a dash, the genitive of the assets; a share or a ministry's assets not
        (
            "Холдинг «Вектор» владеет разнородными активами — от медиа и строительного "
            "бизнеса до футбольного клуба.",
            {("Холдинг «Вектор»", "медиа"), ("Холдинг «Вектор»", "строительного бизнеса")},
        ),
        (
            "Он отвечает за управление всеми сельскохозяйственными активами компании Orbita Group.",
            {("Orbita Group", "сельскохозяйственными активами")},
        ),
        ("Банк «Вектор» владеет долей нефтяной компании.", set()),
        ("Минэнерго России управляет государственными активами в энергетике.", set()),
        # a brand is named by its goods (decision 134)
        (
            "Она участвовала в показах бренда женского белья Victoria’s Secret.",
            {("Victoria’s Secret", "женского белья")},
        ),
    ],
)
def test_sector_of_descriptors_in_units_and_brands(nlp, text, expected):
    assert of_type(nlp(text), "SECTOR_OF") == expected
