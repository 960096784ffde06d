"""The article page's Links table: the relations table's rows as "head → tail" lines with a
plain label, built from rows (as batch workers keep them) and from a Doc (as extract has it),
streamed with the page's sections."""

from __future__ import annotations

import re
from datetime import date

import pytest

from pipeline.compact_rows import CompactRows
from pipeline.pages import ArticleInput, article_page
from pipeline.pages.article import first_part
from pipeline.pages.links import END_CHARS, LINK_LABELS, link_ends, link_rows, shorten
from pipeline.reader import Document
from pipeline.schema import FACT_RELATION_TYPES, RELATION_TYPES

TEXT = "Пресс-служба Сбербанка в Москве сообщила новость. Банк ВТБ открыл офис в Казани."


def _mention(key: str, words: str, kind: str, sentence: int) -> dict:
    start = TEXT.index(words)
    return {
        "doc_id": "d",
        "mention_id": key,
        "start": start,
        "end": start + len(words),
        "type": kind,
        "text": words,
        "sentence": sentence,
    }


MENTIONS = [
    _mention("M1", "Пресс-служба Сбербанка", "ORG", 0),
    _mention("M2", "Сбербанка", "ORG", 0),
    _mention("M3", "Москве", "LOC", 0),
    _mention("M4", "Банк ВТБ", "ORG", 1),
    _mention("M5", "Казани", "LOC", 1),
]


def _relation(number: int, kind: str, head: str, tail: str, sentence: object) -> dict:
    return {
        "doc_id": "d",
        "relation_id": f"R{number}",
        "type": kind,
        "head_mention_id": head,
        "tail_mention_id": tail,
        "sentence": sentence,
        "trigger": "nested",
        "stage": "relations",
    }


RELATIONS = [
    _relation(12, "HEADQUARTERED_IN", "M4", "M5", 1),
    _relation(2, "PART_OF", "M1", "M2", 0),
    _relation(3, "HEADQUARTERED_IN", "M1", "M3", 0),
    _relation(4, "INCOME", "M4", "M5", 1),  # a money relation: the facts show it
]
ENDS = [TEXT.index(" Банк"), len(TEXT)]


def test_every_relation_type_but_the_money_ones_has_a_label() -> None:
    money = {"INCOME", "EXPENDITURE", "PRICE_OF"}
    assert set(LINK_LABELS) == set(RELATION_TYPES) - money
    assert set(FACT_RELATION_TYPES) <= set(LINK_LABELS)
    assert all(en and ru for en, ru in LINK_LABELS.values())


def test_link_rows_in_sentence_then_table_order_with_their_ends() -> None:
    rows = link_rows(RELATIONS, MENTIONS)
    assert [r.relation_id for r in rows] == ["R2", "R3", "R12"]  # R12 after R2, by number
    part_of = rows[0]
    assert (part_of.type, part_of.label, part_of.label_ru) == ("PART_OF", "part of", "входит в")
    assert (part_of.head.text, part_of.head.type) == ("Пресс-служба Сбербанка", "ORG")
    assert (part_of.tail.mention_id, part_of.tail.text) == ("M2", "Сбербанка")
    assert rows[2].sentence == 1 and rows[2].tail.text == "Казани"


@pytest.mark.parametrize(
    ("relations", "mentions", "ids"),
    [
        ([], MENTIONS, []),
        ([_relation(1, "INCOME", "M4", "M5", 1)], MENTIONS, []),
        ([_relation(1, "PART_OF", "M1", "M9", 0)], MENTIONS, []),  # tail not on the page
        ([_relation(1, "PART_OF", "M1", "M2", None)], MENTIONS, ["R1"]),  # no sentence number
        (RELATIONS, MENTIONS[:3], ["R2", "R3"]),  # a first part: the later mentions cut off
    ],
    ids=["none", "money only", "missing end", "no sentence", "cut mentions"],
)
def test_which_relations_become_links(relations, mentions, ids) -> None:
    assert [r.relation_id for r in link_rows(relations, mentions)] == ids


def test_mentions_are_read_in_one_pass_and_only_linked_ones_kept() -> None:
    """The page streams: a document's mentions (compact rows, or made as read) are gone over
    once, and only the mentions a link names are kept."""
    passes = []

    def once():
        passes.append(1)
        yield from CompactRows(MENTIONS)

    rows = link_rows(RELATIONS, once())
    assert len(passes) == 1 and len(rows) == 3
    kept = link_ends(CompactRows(MENTIONS), {"M2", "M5"})
    assert sorted(kept) == ["M2", "M5"] and kept["M5"].type == "LOC"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Банк", "Банк"),
        ("Банк\n  ВТБ", "Банк ВТБ"),
        ("а" * (END_CHARS + 5), "а" * (END_CHARS - 1) + "…"),
    ],
)
def test_a_mention_text_reads_on_one_line(text, shown) -> None:
    assert shorten(text) == shown


def _page(relations=RELATIONS, ends=ENDS) -> str:
    document = Document("d", TEXT, "d.txt", "utf-8", date(2025, 1, 2), "Заголовок")
    return article_page([ArticleInput.from_document(document, MENTIONS, (), ends, relations)])


def _links_table(page: str) -> str:
    match = re.search(r'<section class="link-summary".*?</section>', page, re.S)
    assert match, "no Links table"
    return match[0]


def test_the_page_shows_a_links_table_that_leads_to_each_sentence() -> None:
    page = _page()
    table = _links_table(page)
    lines = re.findall(r'<tr class="link" data-head="(M\d)" data-tail="(M\d)"', table)
    assert lines == [("M1", "M2"), ("M1", "M3"), ("M4", "M5")]
    assert 'href="#article-links">3 links</a>' in page
    assert 'href="#article-s0"' in table and 'href="#article-s1"' in table
    for anchor in ("article-s0", "article-s1"):  # each linked sentence has its anchor
        assert f'<span class="anchor" id="{anchor}"></span>' in page
    # the ends in their type colours, the label between them, Russian on hover
    assert '<span class="chip t-LOC lk-end" data-ref="M5"' in table
    assert 'title="находится в · HEADQUARTERED_IN">based in →</span>' in table
    assert page.index("link-summary") < page.index('<div class="article"')


def test_anchors_follow_the_text_order_and_facts_keep_theirs() -> None:
    page = _page()
    text = page[page.index('<div class="article"') :]
    assert text.index('id="article-s0"') < text.index("Пресс") < text.index('id="article-s1"')
    assert text.index('id="article-s1"') < text.index("Банк ВТБ")


@pytest.mark.parametrize(
    ("relations", "ends", "table", "anchors"),
    [
        ([], ENDS, False, False),
        ([_relation(4, "INCOME", "M4", "M5", 1)], ENDS, False, False),
        (RELATIONS, None, True, False),  # no sentence ends: lines without a sentence link
    ],
    ids=["no relations", "money only", "no ends"],
)
def test_no_links_no_table(relations, ends, table, anchors) -> None:
    page = _page(relations, ends)
    assert ('class="link-summary"' in page) is table
    assert ('id="article-s' in page) is anchors


def test_a_first_part_shows_the_links_of_its_mentions_only() -> None:
    document = Document("d", TEXT, "d.txt", "utf-8")
    whole = ArticleInput.from_document(document, MENTIONS, (), ENDS, RELATIONS)
    part = first_part(whole, ENDS[0] + 3)  # cut after the first sentence
    table = _links_table(article_page([part]))
    assert 'data-tail="M5"' not in table and table.count('<tr class="link"') == 2
    assert 'href="#article-s0"' in table


def test_links_from_a_doc_are_its_relations_table(seed_doc) -> None:
    from pipeline.tables import mention_rows, relation_rows

    relations = relation_rows(seed_doc)
    article = ArticleInput.from_doc(seed_doc)
    assert list(article.relations) == relations
    shown = [r for r in relations if r["type"] in LINK_LABELS]
    assert shown, "the seed article has links (PART_OF chains)"
    rows = link_rows(article.relations, mention_rows(seed_doc))
    assert sorted(r.relation_id for r in rows) == sorted(r["relation_id"] for r in shown)
    assert article.sentence_ends is not None  # its links lead to their sentences
    table = _links_table(article_page([article]))
    assert table.count('<tr class="link"') == len(shown)
