"""configs/sectors.toml: structure, ОКВЭД 2 codes, and that real inflected phrases hit terms."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pymorphy3
import pytest

from pipeline.sector_taxonomy import (
    DEFAULT_OKVED_PATH,
    DEFAULT_PATH,
    Sector,
    Taxonomy,
    parent_of,
    read_okved_codes,
)

SHARED_OKVED = Path("/work/shared/okved2/okved2.csv")


@cache
def taxonomy() -> Taxonomy:
    return Taxonomy.load(DEFAULT_PATH)


@cache
def morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


@cache
def term_index() -> dict[tuple[str, ...], str]:
    return {lemmas: sector_id for lemmas, sector_id in taxonomy().terms()}


def lemmatize(phrase: str) -> tuple[str, ...]:
    # Word by word with the first pymorphy3 reading, i.e. without context; the pipeline's
    # tagger-guided choice can only do better on homographs.
    words = re.findall(r"[\w-]+", phrase.lower())
    return tuple(morph().parse(word)[0].normal_form for word in words)


def test_loads_sectors() -> None:
    tax = taxonomy()
    assert 60 <= len(tax) <= 90
    assert all(isinstance(sector, Sector) for sector in tax.sectors)
    assert tax["energy.nuclear"].parent == "energy"
    assert tax["energy"].parent is None


def test_validates_against_repo_copy_of_okved() -> None:
    assert taxonomy().validate(DEFAULT_OKVED_PATH, morph=morph()) == []


@pytest.mark.skipif(not SHARED_OKVED.exists(), reason="official ОКВЭД 2 file not available")
def test_validates_against_full_official_okved() -> None:
    assert taxonomy().validate(SHARED_OKVED) == []


@pytest.mark.skipif(not SHARED_OKVED.exists(), reason="official ОКВЭД 2 file not available")
def test_repo_copy_holds_exactly_the_used_rows_verbatim() -> None:
    used = {code for sector in taxonomy().sectors for code in sector.okved}
    assert read_okved_codes(DEFAULT_OKVED_PATH) == used
    # Bytes, not read_text(): the official file mixes CRLF records with LF inside captions.
    official = SHARED_OKVED.read_bytes().decode("utf-8")
    copied = DEFAULT_OKVED_PATH.read_bytes().decode("utf-8").split("\n", 1)[1]
    header, rows = copied.split("\n", 1)
    assert official.startswith(header + "\n")
    # Captions may span lines; each copied record must occur verbatim in the official file.
    for record in re.split(r"\r\n(?=[0-9A-U][0-9.]*,[A-U],)", rows.rstrip("\r\n")):
        assert record in official


def test_parent_chain() -> None:
    chain = [sector.id for sector in taxonomy().ancestors("energy.renewables")]
    assert chain == ["energy.renewables", "energy"]
    assert parent_of("a.b.c") == "a.b"
    assert parent_of("a") is None


def test_terms_are_lemma_tuples_with_one_owner() -> None:
    pairs = list(taxonomy().terms())
    assert len(pairs) == len({lemmas for lemmas, _ in pairs})
    assert all(lemmas and all(word for word in lemmas) for lemmas, _ in pairs)


def test_validate_reports_problems(tmp_path: Path) -> None:
    broken = Taxonomy(
        [
            Sector("x.y", "x", "Икс", "X", ("99.99.99",), ("Нефть",)),
            Sector("z", None, "Зет", "Z", ("A",), ("нефть", "уголь")),
            Sector("z", None, "Зет", "Z", ("A",), ("газ",)),
        ],
        negative_terms=("уголь",),
    )
    problems = "\n".join(broken.validate(DEFAULT_OKVED_PATH, morph=morph()))
    assert "duplicate sector id 'z'" in problems
    assert "parent 'x' does not exist" in problems
    assert "'99.99.99' not in" in problems
    assert "not lowercase" in problems
    assert "negative term 'уголь'" in problems


# (phrase as it appears in text, expected sector id)
PHRASES = [
    ("сельского хозяйства", "agriculture"),
    ("в сельском хозяйстве", "agriculture"),
    ("агропромышленного комплекса", "agriculture"),
    ("АПК", "agriculture"),
    ("аграрных технологий", "agriculture"),
    ("нефтепереработки", "energy.oil_refining"),
    ("нефтеперерабатывающих заводов", "energy.oil_refining"),
    ("НПЗ", "energy.oil_refining"),
    ("атомной энергии", "energy.nuclear"),
    ("атомной энергетике", "energy.nuclear"),
    ("АЭС", "energy.nuclear"),
    ("мирного атома", "energy.nuclear"),
    ("зеленой энергетике", "energy.renewables"),
    ("зелёной энергетики", "energy.renewables"),
    ("возобновляемых источников энергии", "energy.renewables"),
    ("солнечной энергетики", "energy.renewables"),
    ("ветровой энергетике", "energy.renewables"),
    ("гидроэнергетики", "energy.renewables"),
    ("электроэнергетики", "energy.power"),
    ("электроэнергии", "energy.power"),
    ("топливно-энергетического комплекса", "energy"),
    ("энергетике", "energy"),
    ("нефтяной отрасли", "energy.oil_gas"),
    ("нефтегазового сектора", "energy.oil_gas"),
    ("нефтедобычи", "energy.oil_gas"),
    ("сжиженного природного газа", "energy.oil_gas"),
    ("природного газа", "energy.oil_gas"),
    ("угледобычи", "mining.coal"),
    ("угольной промышленности", "mining.coal"),
    ("коксующегося угля", "mining.coal"),
    ("горнодобывающей отрасли", "mining"),
    ("добывающей промышленности", "mining"),
    ("полезных ископаемых", "mining"),
    ("редкоземельных металлов", "mining.metals"),
    ("железной руды", "mining.metals"),
    ("золотодобычи", "mining.metals"),
    ("металлургической отрасли", "metallurgy"),
    ("черной металлургии", "metallurgy"),
    ("цветных металлов", "metallurgy"),
    ("нефтехимии", "chemicals.petrochemicals"),
    ("минеральных удобрений", "chemicals"),
    ("химической промышленности", "chemicals"),
    ("зерна", "agriculture.crops"),
    ("зерновых культур", "agriculture.crops"),
    ("животноводства", "agriculture.livestock"),
    ("рыбной отрасли", "agriculture.fisheries"),
    ("рыбохозяйственного комплекса", "agriculture.fisheries"),
    ("лесопромышленного комплекса", "agriculture.forestry"),
    ("пищевой промышленности", "food"),
    ("масложировой отрасли", "food.oils"),
    ("растительного масла", "food.oils"),
    ("обрабатывающей промышленности", "manufacturing"),
    ("промышленности", "manufacturing"),
    ("лёгкой промышленности", "consumer_goods.apparel"),
    ("автопрома", "manufacturing.automotive"),
    ("автомобильной промышленности", "manufacturing.automotive"),
    ("машиностроения", "manufacturing.machinery"),
    ("станкостроении", "manufacturing.machinery"),
    ("авиастроения", "manufacturing.transport_equipment"),
    ("судостроительной отрасли", "manufacturing.transport_equipment"),
    ("микроэлектроники", "manufacturing.electronics"),
    ("оборонно-промышленного комплекса", "manufacturing.defence"),
    ("ОПК", "manufacturing.defence"),
    ("строительной отрасли", "construction"),
    ("строительства", "construction"),
    ("жилищного строительства", "construction.housing"),
    ("жилья", "construction.housing"),
    ("транспортной инфраструктуры", "construction.infrastructure"),
    ("инфраструктуры", "construction.infrastructure"),
    ("коммерческой недвижимости", "real_estate"),
    ("коммерческой недвижимости", "real_estate"),
    ("жилищно-коммунального хозяйства", "utilities"),
    ("ЖКХ", "utilities"),
    ("твердых коммунальных отходов", "utilities"),
    ("транспортной отрасли", "transport"),
    ("грузоперевозок", "transport"),
    ("логистики", "transport.logistics"),
    ("железнодорожного транспорта", "transport.rail"),
    ("железных дорог", "transport.rail"),
    ("гражданской авиации", "transport.aviation"),
    ("авиаперевозок", "transport.aviation"),
    ("морских портов", "transport.shipping"),
    ("Северного морского пути", "transport.shipping"),
    ("цифровых технологий", "ict"),
    ("информационных технологий", "ict"),
    ("ИТ-отрасли", "ict"),
    # "искусственного интеллекта", "ИИ": context terms since decision 172 (a tool or a topic)
    ("облачных сервисов", "ict"),
    ("кибербезопасности", "ict"),
    # "программного обеспечения": a product since decision 222 (a named program is one object)
    ("цифровой экономики", "ict"),
    ("телекоммуникаций", "ict.telecom"),
    ("мобильной связи", "ict.telecom"),
    ("операторов связи", "ict.telecom"),
    ("банковском секторе", "finance.banking"),
    ("банковской системы", "finance.banking"),
    ("ипотечного кредитования", "finance.banking"),
    ("страхового рынка", "finance.insurance"),
    ("страхования", "finance.insurance"),
    ("финансового сектора", "finance"),
    ("финтеха", "finance"),
    ("фондового рынка", "finance.investment"),
    ("розничной торговли", "trade"),
    ("ритейла", "trade"),
    ("маркетплейсов", "trade.ecommerce"),
    ("электронной коммерции", "trade.ecommerce"),
    ("туристической отрасли", "tourism"),
    # sectors added for issue 9: every ОКВЭД 2 section and the divisions news names
    ("пивоварения", "food.beverages"),
    ("табачной промышленности", "food.tobacco"),
    ("потребительских товаров", "consumer_goods"),
    ("швейной промышленности", "consumer_goods.apparel"),
    ("косметического рынка", "consumer_goods.cosmetics"),
    ("мебельной промышленности", "consumer_goods.furniture"),
    ("интернет-торговли", "trade.ecommerce"),
    ("социальных сетей", "ict.internet"),
    ("медиарынка", "media"),
    ("кинопроката", "media.broadcasting"),
    ("консалтинговых услуг", "professional"),
    ("рекламного рынка", "professional.advertising"),
    ("кадровых агентств", "business_services"),
    ("государственного сектора", "public_sector"),
    ("шоу-бизнеса", "entertainment"),
    ("фитнес-индустрии", "entertainment.sport"),
    ("игорной индустрии", "entertainment.gambling"),
    ("бытовых услуг", "personal_services"),
    ("домашнего персонала", "households"),
    ("экстерриториальных организаций", "extraterritorial"),
    ("паевых фондов", "finance.investment"),
    ("внутреннего туризма", "tourism"),
    ("гостиничного бизнеса", "tourism"),
    ("здравоохранения", "healthcare"),
    ("медицинских услуг", "healthcare"),
    ("фармацевтической промышленности", "pharma"),
    ("лекарственных препаратов", "pharma"),
    ("образования", "education"),
    ("высшего образования", "education"),
    ("научных исследований", "science"),
    ("НИОКР", "science"),
    # dative, instrumental, accusative, nominative plural
    ("сельскому хозяйству", "agriculture"),
    ("нефтепереработкой", "energy.oil_refining"),
    ("атомной энергетикой", "energy.nuclear"),
    ("банковскому сектору", "finance.banking"),
    ("цифровыми технологиями", "ict"),
    ("угольной промышленностью", "mining.coal"),
    ("на зеленую энергетику", "energy.renewables"),
    ("логистические коридоры", "transport.logistics"),
    ("природным ресурсам", "mining"),
    ("зерновые культуры", "agriculture.crops"),
    ("растительных масел", "food.oils"),
    ("по добыче нефти и газа", "energy.oil_gas"),
    ("генерирующие мощности", "energy.power"),
    ("выплавка стали", "metallurgy"),
]


def longest_term(lemmas: tuple[str, ...]) -> tuple[tuple[str, ...], str] | None:
    # The span is the minimal noun phrase, so a preposition before it stays outside.
    index = term_index()
    for size in range(len(lemmas), 0, -1):
        for start in range(len(lemmas) - size + 1):
            window = lemmas[start : start + size]
            if window in index:
                return window, index[window]
    return None


@pytest.mark.parametrize(("phrase", "sector_id"), PHRASES)
def test_inflected_phrase_matches_a_term(phrase: str, sector_id: str) -> None:
    lemmas = lemmatize(phrase)
    found = longest_term(lemmas)
    assert found is not None, f"{phrase!r} -> {' '.join(lemmas)!r} matches no term"
    window, found_id = found
    assert found_id == sector_id, f"{phrase!r} -> {' '.join(window)!r} is {found_id}"
    content = tuple(word for word in lemmas if word not in {"в", "на", "о", "об", "по", "для"})
    assert window == content, f"{phrase!r}: only {' '.join(window)!r} matched"


@pytest.mark.parametrize(
    "phrase",
    [
        "ядерного разоружения",
        "сектора Газа",
        "в связи с",
        "технологий",
        "военной авиации",
        "парниковых газов",
        "экономических наук",
        "муниципального образования",
        "внешней торговли",
    ],
)
def test_policy_and_generic_phrases_are_negative_not_terms(phrase: str) -> None:
    lemmas = lemmatize(phrase)
    assert lemmas not in term_index()
    assert lemmas in set(taxonomy().negatives())


def test_every_sector_is_covered_by_a_phrase() -> None:
    covered = {sector_id for _, sector_id in PHRASES}
    assert covered == set(taxonomy().ids())
