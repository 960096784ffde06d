"""What a first-time reader needs to read the "(по статье)" sectors (guideline 309–310) on
the pages: the tables' notes say what the mark means (no hover title on a phone or paper),
the page marks where each linked sentence ends (so its script can light the whole sentence
a link leads to), and the report's "money by sector" says what it counts and how many money
facts it leaves to the facts table's party sectors."""

from __future__ import annotations

import re

import pytest

from pipeline.pages.report import (
    build_report,
    load_output,
    money_with_article_sectors,
    report_context,
)
from tests.conftest import process_text
from tests.test_fact_agent_sector import CASES
from tests.test_pages import (  # noqa: F401 (small_output is a fixture)
    FACT_ROWS,
    _write_facts,
    small_output,
)

MARK_NOTE = '<span class="mark-note"><i>(по статье)</i>'


def _page(nlp, text: str) -> str:
    from pipeline.pages.article import render_doc
    from pipeline.tables import sentence_facts

    doc = process_text(nlp, text)
    return render_doc(doc, sentence_facts(doc))


# text, whether a fact of it shows a sector "(по статье)"
NOTES = [
    (CASES[0][0], True),  # «Лукойл»'s money sentence, its sector in the sentence before
    ("По итогам года «Сбербанк» получил прибыль 3 млрд рублей.", False),  # no sector at all
]


@pytest.mark.parametrize(("text", "marked"), NOTES)
def test_the_facts_note_says_what_the_article_mark_means_when_it_is_shown(nlp, text, marked):
    page = _page(nlp, text)
    assert ("(по статье)</a>" in page) is marked
    note = re.search(r'<section class="fact-summary".*?<p class="meta">(.*?)</p>', page, re.S)
    assert note and (MARK_NOTE in note.group(1)) is marked
    if marked:
        assert "it leads to that sentence" in note.group(1)  # the page links it


def test_each_anchored_sentence_marks_its_end_before_its_facts(nlp):
    page = _page(nlp, CASES[0][0])
    anchors = re.findall(r'<span class="anchor" id="([^"]+)"></span>', page)
    ends = re.findall(r'<span class="s-end" data-s="([^"]+)"></span>', page)
    assert anchors and ends == anchors
    for key in anchors:  # in order: anchor, the sentence, its end, then its facts (if any)
        start = page.index(f'id="{key}"')
        end = page.index(f'data-s="{key}"')
        assert start < end
        assert '<div class="facts"' not in page[start:end]


def _money_fact(**fields) -> dict:
    return {**FACT_ROWS[1], "doc_id": "a", **fields}


# facts, money facts "money by sector" leaves to the parties' sectors from the article,
# whether the facts table shows a sector "(по статье)" (so its note explains the mark)
MONEY = [
    ([_money_fact(agent_sector="banking")], 1, True),
    ([_money_fact(counterpart_sector="banking")], 1, True),
    ([_money_fact(agent_sector="banking", sector="banking")], 0, False),  # its sentence's own
    ([_money_fact(agent_sector="banking", amount_value=float("nan"))], 0, True),  # no money
    ([_money_fact()], 0, False),
    ([_money_fact(agent_sector="banking"), _money_fact(fact_id="F3", agent_sector="")], 1, True),
]


@pytest.mark.parametrize(("facts", "expected", "marked"), MONEY)
def test_money_facts_with_only_an_article_sector_are_counted(small_output, facts, expected, marked):  # noqa: F811
    _write_facts(small_output, facts)
    output = load_output(small_output)
    assert money_with_article_sectors(output.facts) == expected
    page = build_report(small_output).read_text(encoding="utf-8")
    note = re.search(r'<p class="note" id="money-sector-note">(.*?)</p>', page, re.S)
    assert note and "amount's own sentence only" in note.group(1)
    assert (f"; {expected} money fact" in note.group(1)) is bool(expected)
    facts_note = re.search(
        r'<section aria-labelledby="h-facts">.*?<p class="note">(.*?)</p>', page, re.S
    )
    assert facts_note and (MARK_NOTE in facts_note.group(1)) is marked
    assert "it leads to that sentence" not in facts_note.group(1)  # unlinked in the report
    largest = re.search(
        r'<section aria-labelledby="h-largest">.*?<p class="note">(.*?)</p>', page, re.S
    )
    if expected:  # a money fact with a sector "(по статье)" is among the largest sums
        assert largest and MARK_NOTE in largest.group(1)


def test_an_output_without_facts_counts_none(small_output):  # noqa: F811
    assert money_with_article_sectors(load_output(small_output).facts) == 0
    assert report_context(load_output(small_output))["article_sectors"] is False
