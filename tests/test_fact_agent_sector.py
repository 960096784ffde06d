"""A fact's parties' sectors from elsewhere in the article (guideline 309): `agent_sector`,
`agent_okved`, `agent_sector_mention_id` (and `counterpart_*`) come from the SECTOR_OF links of
the party's entity anywhere in the document, nearest first; `sector`/`okved` stay the
sentence's own. Invented texts through the whole pipeline, the row-level logic on its own, the
long-document path and the article page's cell."""

from __future__ import annotations

import pytest

from pipeline.entity_sectors import SectorLink, article_fields, nearest_first, refill_rows
from pipeline.tables import fact_rows, mention_rows
from tests.conftest import process_text

ADDED = (
    "agent_sector",
    "agent_okved",
    "agent_sector_mention_id",
    "counterpart_sector",
    "counterpart_okved",
    "counterpart_sector_mention_id",
)


def _money_fact(doc) -> dict:
    return next(r for r in fact_rows(doc) if r["amount_value"] is not None)


def _mention_text(doc, mention_id: str) -> str:
    return next(r["text"] for r in mention_rows(doc) if r["mention_id"] == mention_id)


# text, role, expected sector of the role (None: nothing from the article), its SECTOR text
CASES = [
    (
        "Нефтяная компания «Лукойл» открыла новый офис в Казани. "
        "По итогам года «Лукойл» получил прибыль 3 млрд рублей.",
        "agent",
        "energy.oil_gas",
        "Нефтяная",
    ),
    (  # the SECTOR_OF may follow the money sentence
        "Компания «Север» купила «Юг» за 2 млн рублей. «Юг» — строительная компания.",
        "counterpart",
        "construction",
        "строительная",
    ),
    (
        "Фермер Иван Петров отсудил 8 млн рублей у компании «Агросемена». "
        "Компания «Агросемена» — крупнейший производитель семян.",
        "counterpart",
        "agriculture",
        "семян",
    ),
    (  # another organisation's sector is not the agent's
        "Нефтяная компания «Лукойл» открыла новый офис в Казани. "
        "По итогам года «Сбербанк» получил прибыль 3 млрд рублей.",
        "agent",
        None,
        None,
    ),
    (  # a person has no SECTOR_OF (guideline 74): nothing
        "Иван Петров получил премию 5 млн рублей. Строительная компания «Юг» работает в Казани.",
        "agent",
        None,
        None,
    ),
]


@pytest.mark.parametrize(("text", "role", "sector", "sector_text"), CASES)
def test_a_party_takes_the_sector_the_article_gives_it(nlp, text, role, sector, sector_text):
    doc = process_text(nlp, text)
    row = _money_fact(doc)
    assert row["sector"] is None  # the money sentence names no sector of its own
    assert row[f"{role}_sector"] == sector
    if sector is None:
        assert row[f"{role}_sector_mention_id"] is None
        return
    assert row[f"{role}_okved"]
    assert sector_text in _mention_text(doc, row[f"{role}_sector_mention_id"])


def test_the_sentence_sector_stays_the_sentences_own(nlp):
    """A sector fact keeps its own `sector`; its agent's article sector says the same."""
    doc = process_text(nlp, CASES[1][0])
    row = next(r for r in fact_rows(doc) if r["amount_value"] is None)
    assert row["sector"] == row["agent_sector"] == "construction"
    assert row["sector_mention_id"] == row["agent_sector_mention_id"]


def test_no_links_leave_the_added_columns_empty(nlp):
    doc = process_text(nlp, "«Север» заплатил 2 млн рублей.")
    row = _money_fact(doc)
    assert all(row[c] is None for c in ADDED)


def _link(sentence: int, sector: str, okved: str | None, mention: str) -> SectorLink:
    return SectorLink(sentence, sector, okved, mention)


NEAREST = [
    # links, fact sentence, expected (sector, okved, mention ids)
    ([_link(0, "a", "01", "M1")], 5, ("a", "01", "M1")),
    ([_link(0, "a", "01", "M1"), _link(4, "b", "02", "M7")], 5, ("b;a", "02;01", "M7;M1")),
    # equal distance: the earlier sentence (read already) first
    ([_link(6, "b", "02", "M9"), _link(4, "a", "01", "M7")], 5, ("a;b", "01;02", "M7;M9")),
    # one sector named twice: its nearest mention only
    ([_link(0, "a", "01", "M1"), _link(5, "a", "01", "M8")], 5, ("a", "01", "M8")),
    # okved codes of several sectors: their union, each once, in the sectors' order
    ([_link(1, "a", "01;02", "M1"), _link(2, "b", "02;03", "M2")], 2, ("b;a", "02;03;01", "M2;M1")),
    ([_link(1, "a", None, "M1")], 1, ("a", None, "M1")),
]


@pytest.mark.parametrize(("links", "sentence", "expected"), NEAREST)
def test_sectors_are_joined_nearest_first(links, sentence, expected):
    found = article_fields(sentence, {"agent": "ORG:x", "counterpart": None}, {"ORG:x": links})
    got = (found["agent_sector"], found["agent_okved"], found["agent_sector_mention_id"])
    assert got == expected
    assert found["counterpart_sector"] is None
    assert [link.sector for link in nearest_first(links, sentence)] == expected[0].split(";")


def test_rows_alone_give_the_same_columns(nlp):
    """A long document's pieces are refilled from the joined rows: the same columns as the
    Doc path gives."""
    doc = process_text(nlp, CASES[0][0])
    from pipeline.tables import doc_rows

    mentions, _, relations, facts = doc_rows(doc)
    expected = [{c: r[c] for c in ADDED} for r in facts]
    for row in facts:
        row.update(dict.fromkeys(ADDED))
    refill_rows(facts, relations, mentions)
    assert [{c: r[c] for c in ADDED} for r in facts] == expected
    assert expected[1]["agent_sector"] == "energy.oil_gas"


def test_a_sector_of_another_piece_reaches_the_fact(nlp):
    """Run in pieces, the SECTOR_OF in the first piece still gives the second piece's fact
    its agent's sector (entity ids are linked across pieces before the refill)."""
    from pipeline.pieces import long_rows
    from pipeline.reader import Document

    text = (
        "Нефтяная компания «Лукойл» открыла новый офис в Казани.\n\n"
        "По итогам года «Лукойл» получил прибыль 3 млрд рублей."
    )
    _, _, _, facts = long_rows(Document("t", text, "<test>", "utf-8"), nlp, 60)
    money = next(r for r in facts if r["amount_value"] is not None)
    assert money["sector"] is None
    assert money["agent_sector"] == "energy.oil_gas"


# --------------------------------------------------------------------------- the page


def test_the_page_marks_the_sector_as_coming_from_the_article(nlp):
    from pipeline.pages.article import render_doc
    from pipeline.tables import sentence_facts

    doc = process_text(nlp, CASES[0][0])
    html = render_doc(doc, sentence_facts(doc))
    assert '<a href="#article-s0">' in html  # leads to the sentence of the SECTOR_OF
    assert "(по статье)</a>" in html
    assert 'class="elsewhere"' in html


CELLS = [
    # row, expected texts of the sector cell's article sectors
    (
        {"agent": "Юг", "agent_sector": "construction", "agent_sector_mention_id": "M2"},
        ["Строительство (по статье)"],
    ),
    # the sentence's own sector is not repeated
    (
        {
            "agent": "Юг",
            "sector": "construction",
            "agent_sector": "construction",
            "agent_sector_mention_id": "M2",
        },
        [],
    ),
    # the counterpart's is named by the counterpart; a sector without a name shows its id
    (
        {
            "counterpart": "Юг",
            "counterpart_sector": "construction;made.up",
            "counterpart_sector_mention_id": "M2;M3",
        },
        ["Юг: Строительство (по статье)", "Юг: made.up (по статье)"],
    ),
    ({"agent": "Юг"}, []),
]


@pytest.mark.parametrize(("row", "expected"), CELLS)
def test_fact_cells_add_the_article_sectors(row, expected):
    from pipeline.pages.article import FACT_HEADINGS, fact_cells

    names = {"construction": "Строительство"}
    cells = fact_cells(row, names, {"M2": "#article-s4"})
    cell = cells[FACT_HEADINGS.index("sector · ОКВЭД")]
    found = getattr(cell, "elsewhere", [])
    assert [s.text for s in found] == expected
    if expected:
        assert found[0].href == "#article-s4"  # only M2's sentence is on the page
        assert all(s.href == "" for s in found[1:])
