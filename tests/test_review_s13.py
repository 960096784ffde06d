"""Look-alikes of session 13's rules (guideline 278-295), read on invented text the rules were
not read off, and the classes the review fixed (guideline 300-303): the shape each rule reads,
in a sentence where it must not fire, next to a guard where it must. Made-up sentences, none
from a corpus."""

from __future__ import annotations

import pytest

from tests.conftest import pairs, sector_pairs, span_texts

RELATIONS = ("OWNER_OF", "MEMBER_OF", "FOUNDED_BY", "AMOUNT_OF")


def links(doc) -> set[tuple[str, str, str]]:
    return {(kind, head, tail) for kind in RELATIONS for head, tail in pairs(doc, kind)}


@pytest.mark.parametrize(
    ("text", "org", "present"),
    [
        # 300 a: a territorial branch's "по" + place names the branch, not managing (279)
        ("Документы передали в управление ФСБ по Москве.", "управление ФСБ по Москве", True),
        ("Он получил доступ в управление ФСБ по Москве.", "управление ФСБ по Москве", True),
        # 279 stands: managing a body, with no territory after it
        ("Их участие в управлении Lego никогда не обсуждалось.", "управлении Lego", False),
        ("Государство передало управление «Вектором» холдингу «Север».",
         "управление «Вектором»", False),
        # 300 b: capitalised words before a post holder are a body's own name (278 b)
        ("Решение принял Институт прокурора Генеральной прокуратуры РФ.",
         "Институт прокурора Генеральной прокуратуры РФ", True),
        # 278 b stands: lower-case words ending in a post holder
        ("Президент уволил с военной службы начальника ВВС Бразилии.",
         "военной службы начальника ВВС Бразилии", False),
        # 278 a: a meeting head that names a body by a place after it, or by its members
        ("Конгресс США одобрил закон о бюджете.", "Конгресс США", True),
        ("В работе конгресса Всемирной федерации профсоюзов приняли участие делегаты.",
         "конгресса Всемирной федерации профсоюзов", False),
        ("Конференция католических епископов США осудила решение.",
         "Конференция католических епископов США", True),
        # 278 e: line-start heads of the grammar or with an organisation's reading stay
        ("Армия США провела учения в Польше.", "Армия США", True),
        ("Кабмин Украины утвердил программу.", "Кабмин Украины", True),
        # 278 f: a body's head after a capitalised adjective is no room
        ("Встреча прошла в Государственной думе России.", "Государственной думе России", True),
        # 283: a place adjective before the parent's name; 285: a bare postgraduate school
        ("Он окончил факультет журналистики московского Института международных отношений.",
         "факультет журналистики московского Института международных отношений", True),
        ("Он поступил в аспирантуру в 1990 году.", "аспирантуру", False),
    ],
)  # fmt: skip
def test_org_look_alikes(nlp, text: str, org: str, present: bool) -> None:
    assert (org in span_texts(nlp(text), "ORG")) is present


@pytest.mark.parametrize(
    "text",
    [
        # 286: "принадлежит" of no ownership
        "Эта книга принадлежит перу Ивана Петрова.",
        "Инициатива создания компании «Вектор» принадлежит Ивану Петрову.",
        "Компания «Вектор» принадлежит к группе компаний «Север».",
        "Первое место принадлежит компании «Вектор».",
        "Пальма первенства принадлежит «Вектору».",
        "Ивану Петрову принадлежит заслуга создания компании «Вектор».",
        "Холдингу «Вектор» принадлежит 40 % российского рынка удобрений.",
        # 287: property of no named owner, or of no named thing
        "В собственности государства находится компания «Вектор».",
        "В собственности «Вектора» находится земля.",
        # 288 a: the role noun is another person's, not an item of the definition
        "Иван Петров — сын владельца компании «Вектор».",
        "Иван Петров — бывший водитель владельца компании «Вектор».",
        "Иван Петров — заместитель владельца компании «Вектор».",
        "Мария Петрова — вдова основателя компании «Вектор».",
        # 303 a: a member of a family; the company is its owner's or founder's (254, 288)
        "Иван Петров — член семьи владельца компании «Вектор».",
        "Член семьи основателя компании «Вектор» Иван Петров уехал.",
        "Иван Петров — член партии «Яблоко», член семьи владельца «Вектора».",
        # 288 b: nouns joined by "и" before another person's role noun
        "Сын и наследник владельца компании «Вектор» Иван Петров уехал.",
        "Критик и противник основателя компании «Вектор» Иван Петров выступил.",
        "Дочь и единственная наследница владельца «Вектора» Мария Петрова дала интервью.",
        # 303 b: the person after the party is another noun's, not the candidate (256, 289)
        "Соперник кандидата от Республиканской партии 70-летний Иван Петров выступил.",
        "Жена кандидата от Демократической партии Мария Петрова выступила.",
        "Кандидата от Республиканской партии поддержал 70-летний Иван Петров.",
        # 301: a fine is no goods its sum measures (290)
        "Компания получила штраф в размере 2 млн рублей за продажу алкоголя.",
    ],
)
def test_relation_look_alikes(nlp, text: str) -> None:
    found = links(nlp(text))
    assert not {link for link in found if link[0] != "MEMBER_OF" or "Яблоко" not in link[2]}


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("Иван Петров — друг, партнёр и совладелец компании «Вектор».",
         ("OWNER_OF", "Иван Петров", "Вектор")),
        ("Иван Петров — инженер, а владелец компании «Вектор» — Пётр Сидоров.",
         ("OWNER_OF", "Пётр Сидоров", "Вектор")),
        ("Кандидат в мэры Москвы от партии «Яблоко» Иван Петров выступил.",
         ("MEMBER_OF", "Иван Петров", "Яблоко")),
        ("Член и основатель партии «Яблоко» Иван Петров выступил.",
         ("FOUNDED_BY", "Яблоко", "Иван Петров")),
        ("Компания закупила оборудование для добычи нефти на сумму 10 млн рублей.",
         ("AMOUNT_OF", "10 млн рублей", "нефти")),
    ],
)  # fmt: skip
def test_relation_guards(nlp, text: str, link: tuple[str, str, str]) -> None:
    assert link in links(nlp(text))


def test_dash_definition_keeps_to_its_own_items(nlp) -> None:
    """288 a: a second dash opens another definition; its person is the owner."""
    found = links(nlp("Иван Петров — инженер, а владелец компании «Вектор» — Пётр Сидоров."))
    assert ("OWNER_OF", "Иван Петров", "Вектор") not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 302: generic goods after a trade noun: the trade noun is the mention
        ("Компания занимается торговлей продукцией собственного производства.",
         [("торговлей", "trade")]),
        # ... unless the goods phrase is a mention after all (138)
        ("Он занимается торговлей товарами народного потребления.",
         [("товарами народного потребления", "consumer_goods")]),
        # 295: trading in no industry's goods is no mention at all
        ("Торговля влиянием является преступлением.", []),
        ("Торговля органами запрещена законом.", []),
        ("Торговля голосами избирателей запрещена.", []),
        ("Торговля должностями процветала в министерстве.", []),
        # 294: conjuncts of another kind are not read
        ("Магазин продаёт смартфоны и стулья.", [("смартфоны", "manufacturing.electronics")]),
        ("Компания занимается добычей нефти и защитой окружающей среды.",
         [("нефти", "energy.oil_gas")]),
        ("Рост производства автомобилей и доходов компании замедлился.",
         [("автомобилей", "manufacturing.automotive")]),
        ("Он торгует нефтью и влиянием.", [("нефтью", "energy.oil_gas")]),
        ("Импорт мяса и других товаров вырос.", [("мяса", "food")]),
    ],
)  # fmt: skip
def test_sector_look_alikes(nlp, text: str, expected: list[tuple[str, str]]) -> None:
    assert sector_pairs(nlp, text) == expected
