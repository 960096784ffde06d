"""Session 13 DATE classes on invented sentences: a league's season named from the article date
(decision 311) and a night's two days as one range (decision 312)."""

from datetime import date

import pytest

ARTICLE = date(2025, 12, 21)


def dates(nlp, text: str, article: date | None = ARTICLE) -> dict[str, tuple]:
    doc = nlp.make_doc(text)
    doc._.article_date = article
    doc = nlp(doc)
    return {
        s.text: (s._.value.timex, s._.value.date_start, s._.value.date_end, s._.value.anchor)
        for s in doc.spans.get("DATE", [])
    }


# (sentence, DATE span, timex)
# fmt: off
SEASONS = [
    ("В прошлом сезоне команда заняла пятое место.", "В прошлом сезоне", "PAST_REF"),
    ("В минувшем сезоне театр показал три премьеры.", "В минувшем сезоне", "PAST_REF"),
    ("В текущем сезоне нападающий провёл 12 матчей.", "В текущем сезоне", "PRESENT_REF"),
    ("Клуб арендовал защитника до конца этого сезона.", "до конца этого сезона", "PRESENT_REF"),
    ("Тренер уйдёт по окончании текущего сезона.", "по окончании текущего сезона",
     "PRESENT_REF"),
    ("В начале прошлого сезона он получил травму.", "В начале прошлого сезона", "PAST_REF"),
    ("Вратарь перейдёт в другой клуб в следующем сезоне.", "в следующем сезоне", "FUTURE_REF"),
]
# A season the clause talks about, a season of the year's weather, a season with no modifier.
NOT_SEASONS = [
    "Прошлый сезон команда завершила на пятом месте.",
    "Это был лучший матч этого сезона.",
    "В отопительном сезоне цены на газ выросли.",
    "Сезон открылся премьерой оперы.",
]
# (sentence, DATE span, timex)
NIGHTS = [
    ("В ночь с 15 на 16 июля в столице произошёл взрыв.", "с 15 на 16 июля",
     "2025-07-15/2025-07-16"),
    ("Ночью с 3 на 4 июня 1989 года войска вошли в город.", "с 3 на 4 июня 1989 года",
     "1989-06-03/1989-06-04"),
    ("В ночь со 2-го на 3 ноября 2010 года умер актёр.", "со 2-го на 3 ноября 2010 года",
     "2010-11-02/2010-11-03"),
]
# Not after "ночь": a move from one day to another keeps the day it moves to (as before).
NOT_NIGHTS = [
    ("Заседание перенесли с 15 на 16 июля.", "на 16 июля"),
    ("Матч сдвинули с 5 на 6 мая из-за дождя.", "на 6 мая"),
]
# fmt: on


@pytest.mark.parametrize(("text", "span", "timex"), SEASONS)
def test_relative_seasons(nlp, text, span, timex):
    found = dates(nlp, text)
    assert found.get(span) == (timex, None, None, "article")


def test_season_without_article_date(nlp):
    assert dates(nlp, SEASONS[0][0], None) == {"В прошлом сезоне": ("PAST_REF", None, None, "none")}


@pytest.mark.parametrize("text", NOT_SEASONS)
def test_not_seasons(nlp, text):
    assert not [span for span in dates(nlp, text) if "сезон" in span.lower()]


@pytest.mark.parametrize(("text", "span", "timex"), NIGHTS)
def test_night_ranges(nlp, text, span, timex):
    found = dates(nlp, text)
    assert span in found
    assert found[span][0] == timex


@pytest.mark.parametrize(("text", "span"), NOT_NIGHTS)
def test_moves_are_not_nights(nlp, text, span):
    assert list(dates(nlp, text)) == [span]


def test_night_without_article_date(nlp):
    found = dates(nlp, NIGHTS[0][0], None)
    assert list(found) == ["с 15 на 16 июля"]
    assert found["с 15 на 16 июля"][0] is None  # no year to resolve, as "16 июля" alone


def test_night_needs_the_day_before(nlp):
    assert list(dates(nlp, "В ночь с 15 на 17 июля шёл дождь.")) == ["на 17 июля"]
