"""Look-alikes of the session's third-round rules (guideline 304, 306-318) on invented text
(decisions 320-323): each rule's own shape beside sentences that look like it and must not
fire — a TV series' season is no date (320), a Latin name with a kind word after the word for
a work is its title (321), a medium after its verb of reporting is a statement's source and
money invested "в" a field pays for it (322), a night's two days found as two dates are one
range (323)."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.reader import Document
from pipeline.runner import process
from tests.conftest import links, process_text, span_texts

# text, DATE mentions expected (311, 312, 320)
DATES = [
    ("В прошлом сезоне команда заняла третье место.", ["В прошлом сезоне"]),
    ("Клуб продлит контракт до конца этого сезона.", ["до конца этого сезона"]),
    ("В этом сезоне охоты добыто сто лосей.", ["В этом сезоне"]),
    ("В прошлом сезоне НХЛ он забил 30 голов.", ["В прошлом сезоне"]),
    ("В прошлом сезоне чемпионата России клуб занял второе место.", ["В прошлом сезоне"]),
    ("В следующем сезоне проекта «Голос» сменится жюри.", []),
    # 320: a season of a work is its part, not a time
    ("В прошлом сезоне сериала «Дом» было десять серий.", []),
    ("В следующем сезоне популярного шоу появятся новые ведущие.", []),
    ("В новом сезоне сериала героиня переедет в Москву.", []),
    ("Прошлый сезон команда завершила на втором месте.", []),
    ("В курортном сезоне цены растут.", []),
    # 312 and its look-alikes
    ("В ночь с 15 на 16 июля был сильный ветер.", ["с 15 на 16 июля"]),
    ("Концерт перенесли с 15 на 16 июля.", ["на 16 июля"]),
    ("В ночь с 16 на 15 июля ничего не случилось.", ["на 15 июля"]),
    ("В ночь на 19 декабря прошёл снег.", ["на 19 декабря"]),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_season_and_night_lookalikes(nlp, text: str, expected: list[str]) -> None:
    assert span_texts(process_text(nlp, text), "DATE") == expected


# text, DATE mentions expected with an article date (Sunday 2025-07-20; 323)
DATED_NIGHTS = [
    ("В ночь с пятницы на субботу в городе прошёл ливень.", ["с пятницы на субботу"]),
    ("В ночь со среды на четверг задержали двоих.", ["со среды на четверг"]),
    ("В ночь с 30 июня на 1 июля прошёл ливень.", ["с 30 июня на 1 июля"]),
    # not a night's two days: no "ночь", the days out of order, a day skipped
    ("Матч перенесли с пятницы на субботу.", ["с пятницы", "на субботу"]),
    ("В ночь с субботы на пятницу ничего не было.", ["с субботы", "на пятницу"]),
    ("В ночь с 30 июня на 2 июля прошёл ливень.", ["с 30 июня", "на 2 июля"]),
]


@pytest.mark.parametrize(("text", "expected"), DATED_NIGHTS)
def test_night_pairs_with_article_date(nlp, text: str, expected: list[str]) -> None:
    doc = next(process([Document("t", text, "<test>", "utf-8", date(2025, 7, 20))], nlp))
    assert span_texts(doc, "DATE") == expected


# text, ORG mentions that must be there, texts that must be no ORG (314, 315, 321)
ORGS = [
    ("Компания Форд объявила о сокращениях.", {"Форд"}, set()),
    ("Газета Ларгес сообщает о протестах.", {"Ларгес"}, set()),
    ("Компания Иванова закрылась.", set(), {"Иванова"}),
    ("Журналист Петров сообщил о взрыве.", set(), {"Петров"}),
    ("Лидер партии Дональд Трамп выступил.", set(), {"Дональд Трамп"}),
    ("Команда Россия выиграла турнир.", set(), {"Россия"}),
    ("Он окончил Harvard University в 2010 году.", {"Harvard University"}, set()),
    ("Его доставили в госпиталь (St Anne's Hospital).", {"St Anne's Hospital"}, set()),
    # 321: a work's title after the word for the work
    ("Сериал Party Down вернётся осенью.", set(), {"Party Down"}),
    ("Песня Bank Holiday возглавила чарты.", set(), {"Bank Holiday"}),
    ("Альбом Central Bank Blues вышел в мае.", set(), {"Central Bank Blues"}),
    ("Фильм Hospital Party вышел на экраны.", set(), {"Hospital Party"}),
]


@pytest.mark.parametrize(("text", "present", "absent"), ORGS)
def test_org_name_lookalikes(nlp, text: str, present: set[str], absent: set[str]) -> None:
    orgs = set(span_texts(process_text(nlp, text), "ORG"))
    assert present <= orgs
    assert not absent & orgs


# text, SECTOR mention texts expected (306, 307, 308, 322)
SECTORS = [
    ("Правительство увеличило расходы на науку на 10 млрд рублей.", ["науку"]),
    ("Министерство науки и высшего образования объявило конкурс.", []),
    ("Он внёс большой вклад в развитие науки.", []),
    ("Он получил Нобелевскую премию по физике и медицине.", []),
    ("Компания инвестирует в медицину и энергетику.", ["медицину", "энергетику"]),
    ("Физика ему не давалась, и медицина стала его делом.", ["медицина"]),
    ("Иранское государственное телевидение заявило о взрыве.", []),
    ("Министр заявил на шведском телевидении, что налоги вырастут.", []),
    ("Он двадцать лет работал на телевидении.", ["телевидении"]),
    ("Рекламные доходы телевидения выросли на пять процентов.", ["телевидения"]),
    # 322: the medium after its verb of reporting, as the subject
    ("Об этом сообщило российское телевидение.", []),
    ("Об этом сообщает государственное телевидение Ирана.", []),
    ("Доклад показал, что телевидение теряет зрителей.", ["телевидение"]),
    ("Министр объявил телевидение приоритетом развития.", ["телевидение"]),
    # 322 b: money invested "в" a paid field
    ("Инвестиции в науку выросли.", ["науку"]),
    ("Компания инвестирует в фундаментальную науку.", ["фундаментальную науку"]),
    ("Он внёс вклад в науку.", []),
    ("Он верит в науку.", []),
]


@pytest.mark.parametrize(("text", "expected"), SECTORS)
def test_sector_lookalikes(nlp, text: str, expected: list[str]) -> None:
    assert span_texts(process_text(nlp, text), "SECTOR") == expected


MONEY = ("INCOME", "EXPENDITURE", "PRICE_OF")

# text, money links expected exactly (317, 318)
MONEY_CASES = [
    (
        "Компания «Вектор», заработавшая в прошлом году 3 млрд рублей, открыла завод.",
        {("INCOME", "Компания «Вектор»", "3 млрд рублей")},
    ),
    ("Футболист, получивший травму, пропустит матч с «Вектором».", set()),
    (
        "Компания «Вектор», получившая лицензию, купила завод за 5 млн рублей.",
        {("EXPENDITURE", "Компания «Вектор»", "5 млн рублей")},
    ),
    ("Инвесторы, заработавшие 5 млн рублей, вышли из проекта.", set()),
    ("Выделенные средства пошли на ремонт школы компании «Вектор».", set()),
    ("Выделенные городу участки стоят 5 млн рублей.", set()),
]


@pytest.mark.parametrize(("text", "expected"), MONEY_CASES)
def test_money_participle_lookalikes(nlp, text: str, expected: set) -> None:
    assert links(process_text(nlp, text), MONEY) == expected


# text, place adjectives expected (304)
PLACES = [
    ("Он учился на английском отделении филологического факультета.", []),
    ("Английское отделение компании «Вектор» открылось в Лондоне.", ["Английское"]),
    ("Китайский отдел корпорации «Вектор» сократил штат.", ["Китайский"]),
    ("Турецкий курс лиры упал.", ["Турецкий"]),
]


@pytest.mark.parametrize(("text", "expected"), PLACES)
def test_language_adjective_lookalikes(nlp, text: str, expected: list[str]) -> None:
    assert span_texts(process_text(nlp, text), "PLACE_ADJ") == expected
