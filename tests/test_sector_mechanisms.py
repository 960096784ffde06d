"""SECTOR mechanisms of issue 9, one table per mechanism (stages/rules/sector.py): products,
context terms, sector adjectives on organisation heads, compounds, the embedding fallback,
negative contexts, and the documents table's sector profile. Sentences are made up for the
mechanism, not taken from any corpus."""

from __future__ import annotations

import pytest

from pipeline.sector_embedding import Centroids
from pipeline.sector_taxonomy import Taxonomy, sector_adjectives
from pipeline.stages.rules.sector import _Compounds


def found(nlp, text: str) -> list[tuple[str, str, str]]:
    doc = nlp(text)
    return [(s.text, s._.value.sector, s._.stage) for s in doc.spans["SECTOR"]]


def pairs(nlp, text: str) -> list[tuple[str, str]]:
    return [(t, k) for t, k, _ in found(nlp, text)]


LEXICON = [  # a term of the taxonomy in different cases
    ("Кризис охватил медиарынок.", [("медиарынок", "media")]),
    ("Падение медиарынка продолжилось.", [("медиарынка", "media")]),
    ("Власти помогут киноиндустрии.", [("киноиндустрии", "media.broadcasting")]),
    ("Инвесторы ушли из паевых фондов.", [("паевых фондов", "finance.investment")]),
    ("Он давно работает в игорном бизнесе.", [("игорном бизнесе", "entertainment.gambling")]),
    ("Компания развивает лизинг техники.", [("лизинг", "finance")]),
    ("Выросли продажи через маркетплейсы.", [("маркетплейсы", "trade.ecommerce")]),
    ("Рекламный рынок сократился.", [("Рекламный рынок", "professional.advertising")]),
]

PRODUCTS = [  # goods named in general are a product group (guideline 44)
    ("Цены на холодильники выросли.", [("холодильники", "manufacturing.electronics")]),
    (
        "Магазины продают ноутбуки и смартфоны.",
        [
            ("ноутбуки", "manufacturing.electronics"),
            ("смартфоны", "manufacturing.electronics"),
        ],
    ),
    ("Урожай пшеницы оказался рекордным.", [("пшеницы", "agriculture.crops")]),
    ("Подорожала медь.", [("медь", "metallurgy")]),
    ("Поставки вакцин задерживаются.", [("вакцин", "pharma")]),
    ("Страна продаёт газ соседям.", [("газ", "energy.oil_gas")]),
    ("Вырос спрос на вино и пиво.", [("вино", "food.beverages"), ("пиво", "food.beverages")]),
]

ONE_OBJECT = [  # the same words naming one object are not mentions
    "Он купил четыре автомобиля у соседа.",
    "Украинский автомобиль «Славута» уходит в историю.",
    "Продажи смартфонов iPhone начались вчера.",
]

CONTEXT = [  # ambiguous words count only after a word that announces an industry
    ("Рынок оружия растёт.", [("оружия", "manufacturing.defence")]),
    ("Глава производителя оружия ушёл в отставку.", [("оружия", "manufacturing.defence")]),
    ("Выросли продажи одежды.", [("одежды", "consumer_goods.apparel")]),
]

CONTEXT_ABSENT = [
    "Полицейский применил оружие.",
    "Вешалки с одеждой упали.",
    "Раздался громкий хлопок.",
]

ORG_ADJECTIVE = [  # a sector adjective on an organisation head (guideline 41)
    ("Глава нефтяного гиганта выступил.", [("нефтяного гиганта", "energy.oil_gas")]),
    (
        "Автомобильный концерн построит завод.",
        [("Автомобильный концерн", "manufacturing.automotive")],
    ),
    ("Акции фармацевтического концерна упали.", [("фармацевтического концерна", "pharma")]),
    ("Он возглавил страховую группу.", [("страховую группу", "finance.insurance")]),
    # coordinated adjectives on one head (guideline 43)
    (
        "Холдинг управляет газовыми и энергосбытовыми компаниями.",
        [("газовыми", "energy.oil_gas"), ("энергосбытовыми компаниями", "energy.power")],
    ),
]

COMPOUND = [  # prefix + organisation/market head (word formation)
    ("Автогигант вернёт долг.", [("Автогигант", "manufacturing.automotive")]),
    ("Сделку одобрил инвестхолдинг.", [("инвестхолдинг", "finance.investment")]),
    ("Он ушёл из медиа-бизнеса.", [("медиа-бизнеса", "media")]),
    ("Агрохолдинг купил элеватор.", [("Агрохолдинг", "agriculture")]),
    ("Об убытках отчитался фармгигант.", [("фармгигант", "pharma")]),
]

NEGATIVE = [  # sector words that are no mention
    "Министр энергетики прибыл в Москву.",  # a post
    "Закон «О банках и банковской деятельности» изменён.",  # a quoted title
    "Начато строительство газопровода.",  # building one object (guideline 47)
    "Россия расширяет торговлю с Китаем.",  # foreign trade
    "У него большой опыт работы в отрасли.",  # anaphoric (guideline 42)
    "Крупный банк открыл филиал.",  # a plain organisation noun (guideline 41)
    "Газон подстригли вовремя.",  # "газо" + a head that is no compound head
]


@pytest.mark.parametrize(("text", "expected"), LEXICON + PRODUCTS + CONTEXT)
def test_lexicon_products_context(nlp, text: str, expected: list) -> None:
    assert pairs(nlp, text) == expected


@pytest.mark.parametrize("text", ONE_OBJECT + CONTEXT_ABSENT + NEGATIVE)
def test_no_mention(nlp, text: str) -> None:
    assert pairs(nlp, text) == []


@pytest.mark.parametrize(("text", "expected"), ORG_ADJECTIVE)
def test_sector_adjective_on_org_head(nlp, text: str, expected: list) -> None:
    assert pairs(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), COMPOUND)
def test_compound_prefix(nlp, text: str, expected: list) -> None:
    assert pairs(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("Поставки холодильников выросли.", "sector_rules.product"),
        ("Рынок оружия растёт.", "sector_rules.context"),
        ("Кризис нефтяной отрасли углубился.", "sector_rules"),
        ("Инвесторы уважают этот нефтехолдинг.", "sector_rules.wordform"),
        ("Сделку обсудил кондитерский концерн.", "sector_rules.org_adjective"),
    ],
)
def test_stage_names_the_mechanism(nlp, text: str, stage: str) -> None:
    assert [s for _, _, s in found(nlp, text)] == [stage]


def test_adjectives_are_derived_from_terms(taxonomy: Taxonomy) -> None:
    adjectives = sector_adjectives(taxonomy)
    assert adjectives["нефтяной"] == "energy.oil_gas"
    assert adjectives["страховой"] == "finance.insurance"
    assert "государственный" not in adjectives  # an ownership word names no sector


@pytest.mark.parametrize(
    ("lemma", "sector"),
    [
        ("автогигант", "manufacturing.automotive"),
        ("нефтехолдинг", "energy.oil_gas"),
        ("медиа-холдинг", "media"),
        ("интернет-гигант", "ict.internet"),
        ("автобус", None),
        ("газон", None),
        ("медведь", None),
    ],
)
def test_compound_split(taxonomy: Taxonomy, lemma: str, sector: str | None) -> None:
    assert _Compounds(taxonomy).sector(lemma) == sector


class FakeVectors:
    """Three-dimensional 'embeddings' so the fallback is tested without navec."""

    table = {
        "пшеница": (1.0, 0.0, 0.0),
        "ячмень": (0.9, 0.1, 0.0),
        "нефть": (0.0, 1.0, 0.0),
        "гречиха": (0.95, 0.05, 0.0),
        "дружба": (0.0, 0.0, 1.0),
    }

    def phrase(self, words, forms=()):
        import numpy as np

        found = [np.array(self.table[w]) for w in words if w in self.table]
        if not found:
            return None
        mean = np.mean(found, axis=0)
        return mean / np.linalg.norm(mean)


@pytest.mark.parametrize(
    ("words", "sector", "accepted"),
    [
        (["гречиха"], "crops", True),  # no list has it; close to the crops centroid
        (["дружба"], "oil", False),  # nearest is oil by argmax but far below the threshold
        (["неизвестное"], None, False),  # no vector
    ],
)
def test_embedding_fallback_fixed_threshold(words, sector, accepted) -> None:
    centroids = Centroids(FakeVectors(), {"crops": ["пшеница", "ячмень"], "oil": ["нефть"]})
    nearest = centroids.nearest(words)
    threshold = 0.9
    if sector is None:
        assert nearest is None
    else:
        assert (nearest.similarity >= threshold) is accepted
        if accepted:
            assert nearest.sector == sector


def test_embedding_fallback_in_pipeline(nlp) -> None:
    # "пылесосов" after "производство": no list has it, navec puts it near the electronics
    # centroid. A low threshold on a copy of the stage keeps it independent
    # of the tuned value; the mention carries the embedding stage.
    rules = nlp.get_pipe("sector_rules")
    doc = nlp.make_doc("Растёт производство пылесосов.")
    for name, proc in nlp.pipeline:
        if name == "sector_rules":
            break
        doc = proc(doc)
    saved = rules.threshold
    try:
        rules.threshold = 0.2
        doc = rules(doc)
    finally:
        rules.threshold = saved
    stages = [(s.text, s._.stage) for s in doc.spans["SECTOR"]]
    assert stages == [("пылесосов", "sector_rules.embedding")]
    assert doc.spans["SECTOR"][0]._.value.sector == "manufacturing.electronics"


def test_documents_table_sector_profile(nlp) -> None:
    from pipeline.tables import document_row

    doc = nlp("Цены на нефть и газ выросли, а поставки пшеницы упали. Нефть дорожает.")
    assert document_row(doc)["sectors"] == "energy.oil_gas:3;agriculture.crops:1"
    assert document_row(nlp("Погода хорошая."))["sectors"] is None


# decision 133: the first of two coordinated adjectives sharing a term's head is a mention of
# its own when the adjective with that head is a term too; not an adjective of another phrase
ELIDED = [
    (
        "Оператор спутникового и кабельного телевидения вырос.",
        [("спутникового", "ict.telecom"), ("кабельного телевидения", "ict.telecom")],
    ),
    (
        "Развивается морской и речной транспорт.",
        [("морской", "transport.shipping"), ("речной транспорт", "transport.shipping")],
    ),
    ("Новый и речной транспорт развивается.", [("речной транспорт", "transport.shipping")]),
]


@pytest.mark.parametrize(("text", "expected"), ELIDED)
def test_elided_head_of_coordinated_adjectives(nlp, text: str, expected: list) -> None:
    assert pairs(nlp, text) == expected


# decision 133: a descriptor inside a unit's ORG span, right before the parent's name, is the
# parent's sector; a field inside a body's own name is not
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Его избрали председателем совета директоров медиахолдинга NordSat.",
            [("медиахолдинга", "media")],
        ),
        (
            "Председатель совета директоров инжиниринговой компании «Вектор» ушёл.",
            [("инжиниринговой компании", "professional")],
        ),
        ("Директор Института нефти и газа РАН уволен.", []),
        ("Эксперты Всемирной продовольственной и сельскохозяйственной организации ООН.", []),
    ],
)
def test_descriptor_inside_a_unit_span(nlp, text: str, expected: list) -> None:
    assert pairs(nlp, text) == expected


# decision 134: goods after a producer or a brand, assets and units of a sector
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Он купил акции производителя предметов роскоши.",
            [("предметов роскоши", "consumer_goods")],
        ),
        ("Она основала компанию по изготовлению сумок.", [("сумок", "consumer_goods.apparel")]),
        ("Она показывала бренд женского белья.", [("женского белья", "consumer_goods.apparel")]),
        ("Компания занимается пошивом одежды.", [("пошивом одежды", "consumer_goods.apparel")]),
        ("Он продал нефтяные активы.", [("нефтяные активы", "energy.oil_gas")]),
        ("Холдинг развивает азотный бизнес.", [("азотный бизнес", "chemicals")]),
        (
            "Рядом свиноводческие комплексы.",
            [("свиноводческие комплексы", "agriculture.livestock")],
        ),
        ("Директор похоронного бюро заявил.", [("похоронного бюро", "personal_services")]),
        ("Она купила новые сумки и бельё.", []),  # no producer, market or brand before
    ],
)
def test_goods_assets_and_units(nlp, text: str, expected: list) -> None:
    assert pairs(nlp, text) == expected
