"""The amount_rules component on whole sentences, through the real pipeline."""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LEXICON = ROOT / "configs" / "lexicons" / "amounts.toml"
SEED = ROOT / "corpora" / "articles" / "2025-12-21-tokayev-japan.txt"
SEED_GOLD = ROOT / "corpora" / "gold" / "2025-12-21-tokayev-japan.jsonl"


@pytest.fixture(scope="module")
def nlp():
    """A pipeline of its own: adding a stage to the cached shared one would leak into others."""
    import pipeline.rules.amount  # noqa: F401  (registers the factory)
    from pipeline.config import load_config
    from pipeline.runner import build_pipeline

    nlp = build_pipeline(load_config())
    if "amount_rules" not in nlp.pipe_names:
        nlp.add_pipe("amount_rules", config={"lexicon": str(LEXICON)})
    return nlp


def amounts(nlp, text: str) -> list[tuple]:
    doc = nlp(text)
    return [
        (s.text, s._.value.kind, s._.value.value, s._.value.value_max, s._.value.unit,
         s._.value.qualifier)
        for s in doc.spans.get("AMOUNT", [])
    ]  # fmt: skip


# (sentence, span, kind, value, value_max, unit, qualifier)
# fmt: off
CASES = [
    # the guideline's examples
    ("Планируется подписание более 40 документов на сумму свыше 3,7 млрд долларов.",
     "более 40 документов", "count", 40.0, None, "документ", "gt"),
    ("Планируется подписание более 40 документов на сумму свыше 3,7 млрд долларов.",
     "свыше 3,7 млрд долларов", "money", 3.7e9, None, "USD", "gt"),
    ("На форуме присутствовали более 450 представителей делегаций стран региона.",
     "более 450 представителей", "count", 450.0, None, "представитель", "gt"),
    ("Холдинг поглотил более 40 крупных компаний за год.",
     "более 40 крупных компаний", "count", 40.0, None, "компания", "gt"),
    ("Доля импорта сократилась почти на 10 процентов.",
     "почти на 10 процентов", "percent", 10.0, None, "%", "approx"),
    ("Штраф для юрлиц составит от 800 тыс. до 1 млн рублей.",
     "от 800 тыс. до 1 млн рублей", "money", 8e5, 1e6, "RUB", "range"),
    ("Стоимость проекта оценивают в 800 тыс. – 1 млн рублей.",
     "800 тыс. – 1 млн рублей", "money", 8e5, 1e6, "RUB", "range"),
    ("Компания выделит на ремонт от 5 до 7 млн рублей.",
     "от 5 до 7 млн рублей", "money", 5e6, 7e6, "RUB", "range"),
    ("Стартап привлёк $5 млн от фонда.", "$5 млн", "money", 5e6, None, "USD", "eq"),
    ("Сделку оценили в $1,5 млрд.", "$1,5 млрд", "money", 1.5e9, None, "USD", "eq"),
    ("Выручка выросла на 10% за год.", "10%", "percent", 10.0, None, "%", "eq"),
    ("Ставка выросла на 2 п.п. за квартал.", "2 п.п.", "percent", 2.0, None, "pp", "eq"),
    ("Опрос показал 70-процентное одобрение.",
     "70-процентное", "percent", 70.0, None, "%", "eq"),
    # numbers in words, in any case
    ("Заявки подали около ста компаний из разных регионов.",
     "около ста компаний", "count", 100.0, None, "компания", "approx"),
    ("Бюджет программы составит два миллиарда рублей.",
     "два миллиарда рублей", "money", 2e9, None, "RUB", "eq"),
    ("Банк лишился двух миллиардов рублей из-за мошенников.",
     "двух миллиардов рублей", "money", 2e9, None, "RUB", "eq"),
    ("На акцию пришли двадцать пять тысяч человек.",
     "двадцать пять тысяч человек", "count", 25000.0, None, "человек", "eq"),
    ("Сделка стоила пять миллионов триста тысяч рублей.",
     "пять миллионов триста тысяч рублей", "money", 5.3e6, None, "RUB", "eq"),
    ("Штраф составит от четырёх до пяти тысяч рублей.",
     "от четырёх до пяти тысяч рублей", "money", 4e3, 5e3, "RUB", "range"),
    ("Музей получил полтора миллиона евро на реставрацию.",
     "полтора миллиона евро", "money", 1.5e6, None, "EUR", "eq"),
    ("Фонд собрал полмиллиона рублей за неделю.",
     "полмиллиона рублей", "money", 5e5, None, "RUB", "eq"),
    ("Завод потерял два с половиной миллиона долларов.",
     "два с половиной миллиона долларов", "money", 2.5e6, None, "USD", "eq"),
    ("Картина ушла с молотка за миллион долларов.",
     "миллион долларов", "money", 1e6, None, "USD", "eq"),
    ("Оборудование стоит несколько сотен миллионов рублей.",
     "несколько сотен миллионов рублей", "money", None, None, "RUB", "eq"),
    ("Доля выросла на пять процентов.", "пять процентов", "percent", 5.0, None, "%", "eq"),
    # digit groups and decimals
    ("Комбинат выплавил 3 700 000 тонн стали.",
     "3 700 000 тонн", "count", 3.7e6, None, "тонна", "eq"),
    ("Сбор составил 3\u00a0700 рублей.", "3\u00a0700 рублей", "money", 3700.0, None, "RUB", "eq"),
    ("Кредит составил 12,8\u00a0млн долларов США.",
     "12,8\u00a0млн долларов США", "money", 12.8e6, None, "USD", "eq"),
    ("Курс составил 27.5 рубля за юань.", "27.5 рубля", "money", 27.5, None, "RUB", "eq"),
    ("Лот продан за $635,000 на аукционе.", "$635,000", "money", 635000.0, None, "USD", "eq"),
    ("Гитару оценивали в 200—300 тысяч долларов.",
     "200—300 тысяч долларов", "money", 2e5, 3e5, "USD", "range"),
    # qualifiers
    ("Инвестиции составят не менее 5 млн рублей.",
     "не менее 5 млн рублей", "money", 5e6, None, "RUB", "ge"),
    ("Инвестиции составят менее 5 млн рублей.",
     "менее 5 млн рублей", "money", 5e6, None, "RUB", "lt"),
    ("Штраф составит до 500 тыс. рублей.", "до 500 тыс. рублей", "money", 5e5, None, "RUB", "le"),
    ("Штраф составит не более 500 тыс. рублей.",
     "не более 500 тыс. рублей", "money", 5e5, None, "RUB", "le"),
    ("Сделка стоила около 9 млрд долларов.",
     "около 9 млрд долларов", "money", 9e9, None, "USD", "approx"),
    ("Сделка стоила примерно 9 млрд долларов.",
     "примерно 9 млрд долларов", "money", 9e9, None, "USD", "approx"),
    ("Сделка стоила порядка 9 млрд долларов.",
     "порядка 9 млрд долларов", "money", 9e9, None, "USD", "approx"),
    ("Цена держится в районе 100 долларов.",
     "в районе 100 долларов", "money", 100.0, None, "USD", "approx"),
    ("Партия набрала более чем 24,2 процента голосов.",
     "более чем 24,2 процента", "percent", 24.2, None, "%", "gt"),
    ("В зале было как минимум 300 зрителей.",
     "как минимум 300 зрителей", "count", 300.0, None, "зритель", "ge"),
    # "до" after a verb of change is the value reached; "превысил" qualifies from outside
    ("Выручка выросла до 668 млн долларов.",
     "668 млн долларов", "money", 6.68e8, None, "USD", "eq"),
    ("Курс доллара вырос на 50 копеек, до 92,5 рубля.",
     "92,5 рубля", "money", 92.5, None, "RUB", "eq"),
    ("Ущерб превысил 300 миллионов долларов.",
     "300 миллионов долларов", "money", 3e8, None, "USD", "gt"),
    ("Выручка выросла с 10,6 млрд до 11,3 млрд долларов.",
     "с 10,6 млрд до 11,3 млрд долларов", "money", 1.06e10, 1.13e10, "USD", "range"),
    # currency left out after it was named
    ("Из кредитов на 17 миллиардов рублей 12 миллиардов приходится на банки.",
     "12 миллиардов", "money", 1.2e10, None, "RUB", "eq"),
    # a unit abbreviation that razdel took for a sentence end
    ("Контракт стоил 3 700 долл. США. Его подписали вчера.",
     "3 700 долл. США", "money", 3700.0, None, "USD", "eq"),
]
# fmt: on


@pytest.mark.parametrize("text, span, kind, value, value_max, unit, qualifier", CASES)
def test_amount(nlp, text, span, kind, value, value_max, unit, qualifier):
    assert (span, kind, value, value_max, unit, qualifier) in amounts(nlp, text)


# Every currency by word, abbreviation or symbol, after a number; symbols also before it.
CURRENCIES = [
    ("100 рублей", "RUB"),
    ("100 руб.", "RUB"),
    ("100 р.", "RUB"),
    ("100 ₽", "RUB"),
    ("100 долларов", "USD"),
    ("100 долл.", "USD"),
    ("100 долларов США", "USD"),
    ("100 американских долларов", "USD"),
    ("$100", "USD"),
    ("100 $", "USD"),
    ("100 евро", "EUR"),
    ("€100", "EUR"),
    ("100 иен", "JPY"),
    ("100 японских иен", "JPY"),
    ("¥100", "JPY"),
    ("100 юаней", "CNY"),
    ("100 тенге", "KZT"),
    ("100 фунтов стерлингов", "GBP"),
    ("100 фунтов", "GBP"),
    ("£100", "GBP"),
    ("100 швейцарских франков", "CHF"),
    ("100 гривен", "UAH"),
    ("100 белорусских рублей", "BYN"),
    ("100 рупий", "INR"),
    ("100 турецких лир", "TRY"),
    ("100 гонконгских долларов", "HKD"),
    ("100 норвежских крон", "NOK"),
    ("100 злотых", "PLN"),
    ("100 млн USD", "USD"),
]


@pytest.mark.parametrize("written, iso", CURRENCIES)
def test_currency(nlp, written, iso):
    found = amounts(nlp, f"Покупка обошлась в {written} без налогов.")
    assert [(f[0], f[1], f[4]) for f in found] == [(written, "money", iso)]


def test_subunit(nlp):
    assert amounts(nlp, "Проезд подорожал на 50 центов.") == [
        ("50 центов", "money", 0.5, None, "USD", "eq")
    ]


NOT_AMOUNTS = [
    "Япония входит в десятку основных инвесторов в экономику Казахстана.",
    "Формат был инициирован 20 лет назад в Астане.",
    "Переговоры длились 3 месяца, а проект занял 10 лет.",
    "Соглашение подписано 21 декабря 2025 года.",
    "Первая встреча прошла в 2004 году.",
    "В 2004 Россия провела первую встречу.",
    "Интерес к региону возник ещё с 1990-х годов.",
    "Это случилось в начале XXI века.",
    "Первый официальный визит начался с аудиенции.",
    "Он скончался в возрасте 50 лет.",
    "Эксперт объяснил, какие интересы сближают две страны.",
    "Договор связывает три компании и двумя странами.",
    "Команда заняла 3 место в турнире.",
    "Ему вменяют статья 228 УК.",
    "Цены выросли в 13 раз.",
    "Подписи: https://www.change.org/p/%D0%BE%D1%82%D0%BC%D0%B5 собраны.",
    "Встреча начнётся в 17:00 понедельника.",
]


@pytest.mark.parametrize("text", NOT_AMOUNTS)
def test_not_amount(nlp, text):
    assert amounts(nlp, text) == []


def test_spans_carry_stage_and_label(nlp):
    doc = nlp("Компания заплатила 5 млн рублей.")
    (span,) = doc.spans["AMOUNT"]
    assert span.label_ == "AMOUNT"
    assert span._.stage == "amount_rules"


def test_seed_article_matches_gold(nlp):
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])
    doc = nlp(gold["text"])
    found = [
        (s.start_char, s.end_char, s._.value.kind, s._.value.value, s._.value.unit,
         s._.value.qualifier)
        for s in doc.spans["AMOUNT"]
    ]  # fmt: skip
    expected = [
        (e["start"], e["end"], e["kind"], e["value"], e["unit"], e["qualifier"])
        for e in gold["entities"]
        if e["type"] == "AMOUNT"
    ]
    assert found == expected
