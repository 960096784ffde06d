"""SECTOR recall classes of issue 12, session 8 (configs/sectors.toml, stages/rules/sector.py;
guideline 156-159): education paid for or provided (156), ОКВЭД 2 goods groups, compounds of
service prefixes and Latin tags, goods counted one by one, heads outside the span, names of
bodies take their field in the genitive, statuses and state schemes that name no industry.
Sentences are made up for each class, not taken from any corpus."""

from __future__ import annotations

import pytest

from pipeline.sector_taxonomy import DEFAULT_PATH, Taxonomy
from pipeline.stages.rules.sector import _Compounds


def pairs(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(s.text, s._.value.sector) for s in doc.spans["SECTOR"]]


EDUCATION = [  # decision 156: paid for or provided is the sector, one's schooling is not
    ("Фонд выделил грант на оплату обучения студентов.", [("обучения", "education")]),
    ("Семья не может платить за обучение сына.", [("обучение", "education")]),
    ("Выросла стоимость обучения в колледжах.", [("обучения", "education")]),
    ("Студенты получат пособие для обучения.", [("обучения", "education")]),
    ("Центр занимается воспитанием и обучением подростков.", [("обучением", "education")]),
    ("Ему дали стипендию, чтобы получить образование.", [("образование", "education")]),
    ("Она получила образование в Канаде.", []),
    ("Обучение персонала заняло неделю.", []),
    ("Он инженер по образованию.", []),
    ("Соседка окончила частную школу.", []),
]

GOODS = [  # goods groups of ОКВЭД 2 captions (26.11, 26.40, 27.40, 08.12)
    (
        "Выросли продажи звукозаписывающей аппаратуры.",
        [("звукозаписывающей аппаратуры", "manufacturing.electronics")],
    ),
    (
        "Рынок заполнили дешёвые лампы накаливания.",
        [("лампы накаливания", "manufacturing.electronics")],
    ),
    (
        "Завод выпускает диоды и транзисторы.",
        [("диоды", "manufacturing.electronics"), ("транзисторы", "manufacturing.electronics")],
    ),
    ("Артель занялась добычей гравия.", [("гравия", "mining")]),
]

COMPOUNDS = [  # service prefixes and Latin tags before goods (decision 138: one span)
    ("Власти запретили VPN-сервисы.", [("VPN-сервисы", "ict.internet")]),
    ("Компания купила сеть ТВ-каналов.", [("ТВ-каналов", "media.broadcasting")]),
    ("Фирма продаёт веб-хостинг.", [("веб-хостинг", "ict.internet")]),
    ("Оператор продвигает LTE-смартфоны.", [("LTE-смартфоны", "manufacturing.electronics")]),
    ("Билеты продавались через интернет-площадку.", [("интернет-площадку", "ict.internet")]),
]

ONE_OBJECT = [  # guideline 44: goods counted one by one in the singular are one object
    ("На трассе перевернулся автобус.", []),
    ("Владельцу сервера грозит штраф.", []),
    ("Фермер распылял гербицид на поле.", []),
    ("Он продал свой ноутбук соседу.", []),
    # the plural, or the singular after a word that announces an industry, stays the goods
    ("Завод выпускает автобусы.", [("автобусы", "manufacturing.automotive")]),
    ("Производство автобуса наладили в Казани.", [("автобуса", "manufacturing.automotive")]),
    # mass goods are the goods in the singular
    ("Подорожал сахар.", [("сахар", "food")]),
]

BOUNDS = [  # decisions 45/138: the operator or service noun stays outside
    ("Затраты операторов связи вырастут.", [("связи", "ict.telecom")]),
    ("Абоненты платят за услуги мобильной связи.", [("мобильной связи", "ict.telecom")]),
]

NAMES = [  # a name of a body or post takes its field in the genitive or after "по"
    ("Министр энергетики выступил с докладом.", []),
    ("Он отвечал за управление торговой сетью.", [("торговой сетью", "trade")]),
    ("Его задержали на пункте морского транспорта.", []),
]

NO_INDUSTRY = [  # statuses, state schemes, gases, instruments as sums (44, 136)
    ("Деньги вывели через офшорную компанию.", []),
    ("Он назвал номер социального страхования.", []),
    ("Выбросы углекислого газа сократились.", []),
    ("Мошенники украли данные кредитных карт.", []),
    ("Он купил криптовалюту на все сбережения.", []),
    ("Вырос рынок криптовалют.", [("криптовалют", "finance")]),
    ("Отец был известным виноделом.", []),
]


@pytest.mark.parametrize(
    "text, expected", EDUCATION + GOODS + COMPOUNDS + ONE_OBJECT + BOUNDS + NAMES + NO_INDUSTRY
)
def test_sector_class(nlp, text: str, expected: list) -> None:
    assert pairs(nlp, text) == expected


@pytest.mark.parametrize(
    "lemma, sector",
    [
        ("lte-смартфон", "manufacturing.electronics"),
        ("4k-телевизор", "manufacturing.electronics"),
        ("vpn-сервис", "ict.internet"),
        ("тв-канал", "media.broadcasting"),
        ("шоу-бизнес", None),  # a Cyrillic first part is no Latin tag; "бизнес" no goods
        ("экс-автобус", None),
        ("abc-", None),
        ("-смартфон", None),
    ],
)
def test_compound_split(lemma: str, sector: str | None) -> None:
    compounds = _Compounds(Taxonomy.load(DEFAULT_PATH))
    assert compounds.sector(lemma) == sector


def test_paid_terms_and_rules_load() -> None:
    taxonomy = Taxonomy.load(DEFAULT_PATH)
    assert ("обучение",) in [lemmas for lemmas, _ in taxonomy.paid_terms()]
    rules = taxonomy.rules
    assert "оплата" in rules.payment_heads and "получить" in rules.receiving_words
    assert "автобус" in rules.object_goods and "сахар" not in rules.object_goods
    assert set(rules.outside_heads) == {"оператор", "услуга", "провайдер"}  # 241
