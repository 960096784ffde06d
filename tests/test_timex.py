"""TIMEX3 values: durations, sets and anaphoric dates, as values and through the pipeline."""

from datetime import date

import pytest

from pipeline.normalize import timex as nt
from pipeline.schema import DateValue

ARTICLE = date(2025, 12, 21)

# fmt: off
DURATIONS = [
    ([nt.Amount(30, "year")], "P30Y", "year"),
    ([nt.Amount(1, "year"), nt.Amount(6, "month")], "P1Y6M", "month"),
    ([nt.Amount(1.5, "year")], "P1.5Y", "year"),
    ([nt.Amount(10, "day")], "P10D", "day"),
    ([nt.Amount(2, "week")], "P2W", "day"),
    ([nt.Amount(None, "year")], "PXY", "year"),
    ([nt.Amount(3, "decade")], "P30Y", "year"),
    ([nt.Amount(1, "quarter")], "P3M", "month"),
    ([nt.Amount(24, "hour")], "PT24H", "time"),
]
# fmt: on


@pytest.mark.parametrize(("amounts", "timex", "granularity"), DURATIONS)
def test_duration_values(amounts, timex, granularity):
    value = nt.duration(amounts, "approx")
    assert (value.timex, value.granularity, value.timex_type, value.qualifier) == (
        timex,
        granularity,
        "DURATION",
        "approx",
    )


@pytest.mark.parametrize(
    "amounts", [[], [nt.Amount(1, "year"), nt.Amount(2, "year")], [nt.Amount(1, "fortnight")]]
)
def test_bad_durations(amounts):
    assert nt.duration(amounts) is None


@pytest.mark.parametrize(
    ("low", "high", "unit", "timex"),
    [(2, 3, "year", "P2Y/P3Y"), (45, 60, "day", "P45D/P60D"), (1, 1.5, "year", "P1Y/P1.5Y")],
)
def test_duration_ranges(low, high, unit, timex):
    value = nt.duration_range(low, high, unit)
    assert (value.timex, value.qualifier, value.timex_type) == (timex, "range", "DURATION")


@pytest.mark.parametrize(("low", "high", "unit"), [(3, 2, "year"), (2, 2, "day"), (1, 2, "eon")])
def test_bad_duration_ranges(low, high, unit):
    assert nt.duration_range(low, high, unit) is None


def test_sets():
    assert nt.recurrence(nt.Amount(3, "year")).timex == "P3Y"
    assert nt.recurrence(nt.Amount(1, "day")).quant == "EVERY"
    assert nt.weekly(0).timex == "XXXX-WXX-1"
    assert nt.weekly(nt.WEEKEND).timex == "XXXX-WXX-WE"


DAY = nt.Anchor(date(2020, 4, 6), date(2020, 4, 6), "day", "text")
YEAR = nt.Anchor(date(2004, 1, 1), date(2004, 12, 31), "year", "text")
ART = nt.Anchor(ARTICLE, ARTICLE, "day", "article")

# (unit, shift, anchor) -> (timex, start, end, granularity, anchor)
# fmt: off
SHIFTS = [
    ("day", 1, DAY, ("2020-04-07", "2020-04-07", "2020-04-07", "day", "text")),
    ("day", -1, DAY, ("2020-04-05", "2020-04-05", "2020-04-05", "day", "text")),
    ("week", -2, DAY, ("2020-03-23", "2020-03-23", "2020-03-23", "day", "text")),
    ("year", 0, YEAR, ("2004", "2004-01-01", "2004-12-31", "year", "text")),
    ("year", 1, DAY, ("2021", "2021-01-01", "2021-12-31", "year", "text")),
    ("month", 1, ART, ("2026-01", "2026-01-01", "2026-01-31", "month", "article")),
    ("day", 1, YEAR, (None, None, None, "day", "none")),  # a year cannot give a day
    ("day", 1, None, (None, None, None, "day", "none")),  # no anchor at all
    ("day", None, DAY, (None, None, None, "day", "text")),  # "спустя несколько дней"
]
# fmt: on


@pytest.mark.parametrize(("unit", "shift", "anchor", "expected"), SHIFTS)
def test_anaphoric_shift(unit, shift, anchor, expected):
    value = nt.shifted(unit, shift, anchor)
    assert (value.timex, value.date_start, value.date_end, value.granularity, value.anchor) == (
        expected
    )
    assert value.relative and value.timex_type == "DATE"


def test_anchor_from_skips_durations_and_unresolved():
    assert nt.anchor_from(DateValue("P3Y", None, None, "year", timex_type="DURATION")) is None
    assert nt.anchor_from(DateValue(None, None, None, "day", True)) is None
    found = nt.anchor_from(DateValue("2020/2022", "2020-01-01", "2022-12-31", "year"))
    assert (found.start, found.end) == (date(2020, 1, 1), date(2022, 12, 31))
    assert nt.anchor_from(None) is None
    found = nt.anchor_from(DateValue("2004", "2004-01-01", "2004-12-31", "year"))
    assert found == YEAR


def run(nlp, text, article):
    doc = nlp.make_doc(text)
    doc._.article_date = article
    return nlp(doc)


def values(nlp, text, article=ARTICLE):
    doc = run(nlp, text, article)
    return {
        s.text: (
            s._.value.timex_type,
            s._.value.timex,
            s._.value.qualifier or s._.value.quant,
            s._.value.anchor,
        )
        for s in doc.spans.get("DATE", [])
    }


# (sentence, span, (timex_type, timex, qualifier or quant, anchor)) — the same with or without
# an article date: none of these reads it.
# fmt: off
PIPELINE = [
    ("Он прожил там около 30 лет.", "около 30 лет", ("DURATION", "P30Y", "approx", None)),
    ("Ему грозит не более трёх лет заключения.", "не более трёх лет",
     ("DURATION", "P3Y", "le", None)),
    ("Суд назначил 1 год 6 месяцев колонии.", "1 год 6 месяцев",
     ("DURATION", "P1Y6M", "eq", None)),
    ("Строительство займёт полтора года.", "полтора года", ("DURATION", "P1.5Y", "eq", None)),
    ("Его арестовали на десять суток.", "на десять суток", ("DURATION", "P10D", "eq", None)),
    ("Он отбывал 23-летний срок.", "23-летний", ("DURATION", "P23Y", "eq", None)),
    ("Кредит выдан на 10 лет.", "на 10 лет", ("DURATION", "P10Y", "eq", None)),
    ("Инвестиции пойдут в течение трёх лет.", "в течение трёх лет",
     ("DURATION", "P3Y", "eq", None)),
    ("Это длилось в течение десятилетий.", "в течение десятилетий",
     ("DURATION", "PXY", "eq", None)),
    ("Выплаты производятся ежегодно.", "ежегодно", ("SET", "P1Y", "EVERY", None)),
    ("Выборы проходят каждые три года.", "каждые три года", ("SET", "P3Y", "EVERY", None)),
    ("Отчёт публикуется раз в месяц.", "раз в месяц", ("SET", "P1M", "EVERY", None)),
    ("Рынок закрыт по понедельникам.", "по понедельникам",
     ("SET", "XXXX-WXX-1", "EVERY", None)),
    ("Завод выпускает 370 тысяч тонн в год.", "в год", ("SET", "P1Y", "EVERY", None)),
    # terms beside a person are not ages: another verb, or a preposition, stands between
    ("Хирургу грозит до пяти лет тюрьмы.", "до пяти лет",
     ("DURATION", "P5Y", "le", None)),
    ("Он прятался 12 лет и был задержан.", "12 лет", ("DURATION", "P12Y", "eq", None)),
    ("Согласно ему, 2 года дают на стройку.", "2 года", ("DURATION", "P2Y", "eq", None)),
    ("Банк работает на рынке 25 лет, сообщил он.", "25 лет", ("DURATION", "P25Y", "eq", None)),
    ("Компания была 20 лет на рынке.", "20 лет", ("DURATION", "P20Y", "eq", None)),
    ("Он работал 2 и 3 года на заводах.", "3 года", ("DURATION", "P3Y", "eq", None)),
    # frequency adjectives before their noun (decision 68)
    ("Мисс Америка — ежегодный конкурс красоты.", "ежегодный", ("SET", "P1Y", "EVERY", None)),
    ("Ставка ежеквартальных отчислений выросла.", "ежеквартальных",
     ("SET", "P3M", "EVERY", None)),
    ("Пенсионеру положена ежемесячная доплата.", "ежемесячная", ("SET", "P1M", "EVERY", None)),
    # "раз в N лет": a period with a number
    ("Выборы проходят раз в четыре года.", "раз в четыре года", ("SET", "P4Y", "EVERY", None)),
    ("Праздник решено проводить раз в 2 года.", "раз в 2 года", ("SET", "P2Y", "EVERY", None)),
    # "-летний" adjectives past the adjectives before their noun
    ("Экипаж завершил 45-дневную летнюю экспедицию.", "45-дневную",
     ("DURATION", "P45D", "eq", None)),
    ("Он ушёл после 40-летней военной службы.", "40-летней", ("DURATION", "P40Y", "eq", None)),
    ("Он совершил восьмисуточный полёт.", "восьмисуточный", ("DURATION", "P8D", "eq", None)),
    # ranges of lengths (decision 68)
    ("Для восстановления клуба необходимо 2-3 года.", "2-3 года",
     ("DURATION", "P2Y/P3Y", "range", None)),
    ("Выборы должны пройти в течение 45-60 дней.", "в течение 45-60 дней",
     ("DURATION", "P45D/P60D", "range", None)),
    ("Ему грозит лишение свободы на срок от 8 до 20 лет.", "от 8 до 20 лет",
     ("DURATION", "P8Y/P20Y", "range", None)),
    ("Прокурор настаивал на 6-7 годах колонии.", "6-7 годах",
     ("DURATION", "P6Y/P7Y", "range", None)),
    # "с половиной" after the number (the amounts lexicon's half phrase)
    ("Он проучился там два с половиной года.", "два с половиной года",
     ("DURATION", "P2.5Y", "eq", None)),
    ("Кредит выдан на 3 с половиной года.", "на 3 с половиной года",
     ("DURATION", "P3.5Y", "eq", None)),
    # a number with its case ending, a collective numeral
    ("Ему грозит до 12-ти лет колонии.", "до 12-ти лет", ("DURATION", "P12Y", "le", None)),
    ("В течение 2-х месяцев завод стоял.", "В течение 2-х месяцев",
     ("DURATION", "P2M", "eq", None)),
    ("Полёт к станции займёт двое суток.", "двое суток", ("DURATION", "P2D", "eq", None)),
]
# fmt: on


@pytest.mark.parametrize("article", [ARTICLE, None])
@pytest.mark.parametrize(("sentence", "span", "expected"), PIPELINE)
def test_pipeline_values(nlp, sentence, span, expected, article):
    assert values(nlp, sentence, article)[span] == expected


def full(nlp, text, article=ARTICLE):
    doc = run(nlp, text, article)
    return {s.text: s._.value for s in doc.spans.get("DATE", [])}


def test_anaphora_across_sentences(nlp):
    found = full(
        nlp,
        "Завод открыли 6 апреля 2020 года. Директор уволился. На следующий день "
        "пришёл новый. Годом позже завод закрыли.",
    )
    assert found["На следующий день"].timex == "2020-04-07"
    assert found["На следующий день"].anchor == "text"
    assert found["Годом позже"].timex == "2021"  # counted from the resolved "следующий день"


def test_anaphora_falls_back_to_article_then_none(nlp):
    assert full(nlp, "На следующий день министр уехал.")["На следующий день"].timex == (
        "2025-12-22"
    )
    assert full(nlp, "На следующий день министр уехал.")["На следующий день"].anchor == "article"
    value = full(nlp, "На следующий день министр уехал.", None)["На следующий день"]
    assert (value.timex, value.granularity, value.anchor) == (None, "day", "none")


def test_eve_inside_a_participle_phrase_is_anaphoric(nlp):
    """ "прошедшего накануне собрания": an adverb of the participle, not "накануне собрания"
    (an event-anchored preposition, decision 62)."""
    text = "12 мая 2031 года он стал директором после прошедшего накануне общего собрания."
    for article in (ARTICLE, None):
        value = full(nlp, text, article)["накануне"]
        assert (value.timex, value.anchor) == ("2031-05-11", "text")
    assert "накануне" not in full(nlp, "12 мая 2031 года, накануне общего собрания, он уехал.")


def test_same_year_and_before(nlp):
    found = full(
        nlp,
        "В 2004 году компания открылась. В том же году она закрылась. "
        "Двумя неделями ранее ушёл директор.",
    )
    assert found["В том же году"].timex == "2004"
    assert found["Двумя неделями ранее"].anchor == "none"  # a year cannot give a day


def test_event_anchored_ones_have_no_value(nlp):
    found = full(nlp, "Он ушёл за неделю до выборов. Сделку подписали накануне визита.")
    assert found["за неделю"].timex is None
    assert "накануне" not in found


@pytest.mark.parametrize(
    "sentence",
    [
        "Фирма заплатила 2018 рублей штрафа.",
        "Ему было 67 лет.",
        "Всем им от 30 до 70 лет.",
        "Фильм «Один день Ивана Денисовича» вышел.",
        "Он на несколько месяцев старше коллеги.",
        # ages: beside a person, or with a person in the dative earlier in the clause
        "Подсудимый Иван Орлов, 58 лет, был осуждён.",
        "Вероятно, ему было примерно 52 года.",
        "Им было 41, 37 и 12 лет.",
        "На тот момент ей был 31 год.",
        "Пожилому мужчине, которому тогда был 81 год, оказали помощь.",
        "Игорь Седов в свои 33 года уже имеет опыт.",
        "В 2 года он уже читал.",
        "Тогда Мари было 58 лет.",
        "Детям 2-3 лет вход запрещён.",
        "Счёт 2-3 в пользу гостей.",
        "Мужчины 44 и 39 лет приехали в Чили.",
        "Он поднимался на Эльбрус в 60 и 65 лет.",
        "Анна Климова — 47 лет, юрист.",
        "Его 23-летний младший сын учится.",
        "Эта ежегодная.",
    ],
)
def test_not_durations(nlp, sentence):
    assert values(nlp, sentence) == {}


def test_year_vs_amount(nlp):
    assert values(nlp, "В 2018 году фирма заплатила 2018 рублей.") == {
        "В 2018 году": ("DATE", "2018", None, None)
    }


# fmt: off
MORE = [
    ("Декларация подаётся ежегодно в мае.", "ежегодно в мае", ("SET", "XXXX-05", "EVERY", None)),
    ("Студенты играют только по выходным.", "по выходным",
     ("SET", "XXXX-WXX-WE", "EVERY", None)),
    ("Проект отложен на ближайший год.", "на ближайший год", ("DURATION", "P1Y", "eq", "article")),
    ("Он работал в России три года.", "три года", ("DURATION", "P3Y", "eq", None)),
    ("Указ подписан на срок в пять лет.", "пять лет", ("DURATION", "P5Y", "eq", None)),
    ("Он ушёл спустя неделю после отставки.", "спустя неделю", ("DATE", None, None, "none")),
    ("Свыше 25 последних лет директор трудится.", "Свыше 25 последних лет",
     ("DURATION", "P25Y", "gt", "article")),
    ("Некоторое время назад его считали противником.", "Некоторое время назад",
     ("DATE", "PAST_REF", None, "article")),
]
# fmt: on


@pytest.mark.parametrize(("sentence", "span", "expected"), MORE)
def test_more_forms(nlp, sentence, span, expected):
    assert values(nlp, sentence)[span] == expected


def test_window_keeps_its_length_without_an_article_date(nlp):
    with_article = full(nlp, "За последние три года цены выросли.")["За последние три года"]
    without = full(nlp, "За последние три года цены выросли.", None)["За последние три года"]
    assert (with_article.timex_type, with_article.timex) == ("DURATION", "P3Y")
    assert (with_article.date_start, with_article.date_end) == ("2022-12-22", "2025-12-21")
    assert (without.timex, without.date_start, without.anchor) == ("P3Y", None, "none")


def test_window_ahead_has_an_interval(nlp):
    value = full(nlp, "Цены заморожены на ближайшие два года.")["на ближайшие два года"]
    assert (value.date_start, value.date_end) == ("2025-12-21", "2027-12-20")


def test_an_unresolved_date_stops_the_chain(nlp):
    text = (
        "Завод открыли 6 апреля 2020 года. Его закрыли 15 декабря. На следующий день ушёл директор."
    )
    assert full(nlp, text, None)["На следующий день"].anchor == "none"
    assert full(nlp, text)["На следующий день"].timex == "2025-12-16"


def test_a_range_anchors_forward_from_its_end(nlp):
    text = "Форум прошёл с 1 по 5 мая 2020 года. На следующий день делегаты уехали."
    assert full(nlp, text)["На следующий день"].timex == "2020-05-06"


def test_range_anchor_in_the_normaliser():
    days = nt.Anchor(date(2020, 5, 1), date(2020, 5, 5), "day", "text")
    assert nt.shifted("day", 1, days).timex == "2020-05-06"
    assert nt.shifted("day", -1, days).timex == "2020-04-30"
    assert nt.shifted("day", 0, days).timex is None  # which of the five days?
    assert nt.shifted("year", 0, days).timex == "2020"


def test_windowed_normaliser():
    value = nt.duration([nt.Amount(6, "month")])
    back = nt.windowed(value, [nt.Amount(6, "month")], -1, date(2025, 8, 31))
    assert (back.date_start, back.date_end, back.anchor) == ("2025-03-01", "2025-08-31", "article")
    assert nt.windowed(value, [nt.Amount(6, "month")], 1, None).date_start is None
    assert nt.yearly_month(5).timex == "XXXX-05"


@pytest.mark.parametrize("sentence", ["Он проработал там около 30 лет.", "Саше осталось два года."])
def test_durations_are_not_amount_counts(nlp, sentence):
    doc = run(nlp, sentence, ARTICLE)
    assert not list(doc.spans.get("AMOUNT", []))
    assert [s._.value.timex_type for s in doc.spans["DATE"]] == ["DURATION"]


def test_amount_and_set_side_by_side(nlp):
    doc = run(nlp, "Завод выпускает 370 тысяч тонн нефти в год.", ARTICLE)
    assert [s.text for s in doc.spans["AMOUNT"]] == ["370 тысяч тонн"]
    assert [s.text for s in doc.spans["DATE"]] == ["в год"]


# A bare unit with no number: the accusative of time beside a verb (decision 86) and the
# measure of a state or a term after it (decision 87) are lengths.
# fmt: off
LONE_UNITS = [
    ("Петрова год служила в армии.", "год", "P1Y"),
    ("Иванов месяц лечился в Германии.", "месяц", "P1M"),
    ("Он провёл год в колонии.", "год", "P1Y"),
    ("Мы провели день в музее.", "день", "P1D"),
    ("Суд назначил Орлову год ограничения свободы.", "год", "P1Y"),
    ("Он получил месяц домашнего ареста.", "месяц", "P1M"),
    ("Выставка приурочена к году учёбы художника в Праге.", "году", "P1Y"),
    ("Неделя карантина закончилась.", "Неделя", "P1W"),
]
# fmt: on


@pytest.mark.parametrize("article", [ARTICLE, None])
@pytest.mark.parametrize(("sentence", "span", "timex"), LONE_UNITS)
def test_lone_units_are_durations(nlp, sentence, span, timex, article):
    assert values(nlp, sentence, article)[span] == ("DURATION", timex, "eq", None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Год был трудным.",  # the nominative subject of a copula
        "Год выдался урожайным.",
        "Этот год был трудным.",  # a determiner: the article's year, not a length
        "Первый год работы был трудным.",  # an ordinal: which year, not how long
        "Год культуры завершился.",  # a name
        "Год выборов начался.",  # the genitive of an event: a date
        "Он назвал год своего рождения.",
        "В год учёбы он женился.",  # the year when, even of a state
        "Ему год.",  # an age
        "Малышу год исполнится весной.",
        "Он на полгода старше брата.",  # a difference of ages (decision 64)
        "Первые машины сошли с конвейера в день открытия завода.",  # decision 88
        "Мужчина 35-ти лет задержан.",  # an age, with the case ending too
        "Двое детей пришли.",
    ],
)
def test_lone_unit_look_alikes(nlp, sentence):
    kinds = {v[0] for v in values(nlp, sentence).values()}
    assert "DURATION" not in kinds
    assert not any(text.lower().endswith("день") for text in values(nlp, sentence))


def test_lone_units_keep_the_other_readings(nlp):
    assert values(nlp, "Год назад он уехал.")["Год назад"][0] == "DATE"
    assert values(nlp, "Каждый год он уезжает.")["Каждый год"] == ("SET", "P1Y", "EVERY", None)
    assert values(nlp, "Кредит выдан на год.")["на год"] == ("DURATION", "P1Y", "eq", None)
    assert values(nlp, "Цены выросли за год.")["за год"] == ("DURATION", "P1Y", "eq", None)


def test_plural_prepositions_are_duration_prepositions() -> None:
    """configs/lexicons/dates.toml [durations] plural_prepositions: each is one the span takes
    in (`prepositions`), else the bare plural after it is never reached."""
    from pipeline.stages.rules.base import load_lexicon
    from pipeline.stages.rules.timex import timex_lexicon
    from tests.conftest import ROOT

    lex = timex_lexicon(load_lexicon(ROOT / "configs" / "lexicons" / "dates.toml"))
    assert lex.plural_prepositions
    assert lex.plural_prepositions <= {" ".join(words) for words in lex.prepositions}
