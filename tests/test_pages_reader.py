"""The pages as a first-time reader meets them (session 13): a fact's "when" that is a span
reads as words, a sector's ОКВЭД code carries its caption, an article without facts says so,
and the report leads to its largest amounts and sorts its documents by facts."""

from __future__ import annotations

import json
import re

import pytest

from pipeline.pages import ArticleInput, article_page, facts_by_sentence
from pipeline.pages.report import build_report, largest_amounts, load_output, report_context
from tests.test_pages import (  # noqa: F401 (small_output is a fixture)
    FACT_MENTIONS,
    FACT_ROWS,
    FACT_TEXT,
    _write_facts,
    small_output,
)


@pytest.mark.parametrize(
    ("timex", "shown"),
    [
        ("P1Y", "1 year"),
        ("P3M", "3 months"),
        ("P2Q", "2 quarters"),
        ("P10D", "10 days"),
        ("PT30M", "30 minutes"),  # T: a time, so M is minutes
        ("PT1H", "1 hour"),
        ("PXY", "years"),  # "годами": a count not given
        ("P1Y6M", "P1Y6M"),  # not one unit: the code, as before
    ],
)
def test_a_facts_span_without_ends_reads_as_words(timex, shown):
    from pipeline.pages.article import fact_cells

    assert fact_cells({"date_timex": timex})[4] == shown
    # a span with its ends still shows them (the ends say more than the length)
    ends = {"date_timex": timex, "date_start": "2020-01-01", "date_end": "2020-12-31"}
    assert fact_cells(ends)[4] == "2020-01-01 – 2020-12-31"


def test_a_sectors_okved_code_carries_its_caption():
    from pipeline.pages.article import FACT_HEADINGS, sector_text

    cell = sector_text("ict.telecom", "61;61.1", {"ict.telecom": "Телекоммуникации"})
    assert cell == "Телекоммуникации · 61" and cell.caption.startswith("61 Деятельность в сфере")
    assert "ОКВЭД" in FACT_HEADINGS[5]  # the heading says what the number is
    page = _fact_page()
    summary = re.search(r'<section class="fact-summary".*?</section>', page, re.DOTALL).group(0)
    caption = re.search(r'<span class="okved" title="ОКВЭД 64 ([^"]+)">Банки · 64</span>', summary)
    assert caption and caption.group(1).startswith("Деятельность по предоставлению финансовых")
    assert f'<span class="caption">ОКВЭД 64 {caption.group(1)}</span>' in summary
    # under the sentence too
    assert page.count('<span class="okved" title="ОКВЭД 64 ') == 2


def test_a_sector_without_a_known_code_has_no_caption_markup():
    from pipeline.pages.article import fact_cells

    cells = fact_cells({"sector": "made.up", "okved": None}, {"made.up": "Выдумка"})
    assert cells[5] == "Выдумка" and not hasattr(cells[5], "caption")


def _fact_page(facts: list[dict] = FACT_ROWS) -> str:
    article = ArticleInput(
        "d", FACT_TEXT, FACT_MENTIONS, sentence_ends=[24, 66, 72], facts=facts_by_sentence(facts)
    )
    return article_page([article])


def test_an_article_without_facts_says_so_under_its_header():
    page = article_page([ArticleInput("d", FACT_TEXT, FACT_MENTIONS)])
    header = re.search(r'<header class="doc-head">.*?</header>', page, re.DOTALL).group(0)
    assert '<a href="#article-facts">no facts</a>' in header
    note = re.search(r'<p class="no-facts meta" id="article-facts">(.*?)</p>', page, re.DOTALL)
    assert note and "No facts" in note.group(1) and "money amount or a sector" in note.group(1)
    assert page.count('id="article-facts"') == 1
    assert "no-facts" not in _fact_page()  # a page with facts has its table instead


def test_a_first_parts_page_without_facts_points_at_the_note():
    article = ArticleInput("d", FACT_TEXT, FACT_MENTIONS, note="The first part.")
    article.sentences_beyond = [5]
    page = article_page([article])
    note = re.search(r'<p class="no-facts meta" id="article-facts">(.*?)</p>', page, re.DOTALL)
    assert note and "in the part shown" in note.group(1)


def _amount(doc: str, fact: str, sentence: int, value: float, unit: str) -> dict:
    return {
        **FACT_ROWS[1],
        "doc_id": doc,
        "fact_id": fact,
        "sentence": sentence,
        "amount_value": value,
        "amount_unit": unit,
    }


def test_report_leads_with_the_largest_amounts_of_each_currency(small_output):  # noqa: F811
    (small_output / "pages").mkdir()
    facts = [_amount("a", f"F{i}", i, float(i) * 1e6, "RUB") for i in range(1, 8)]
    facts += [
        _amount("a", "F8", 9, 7e6, "RUB"),  # 7 mn RUB again in "a": counted once
        _amount("b", "F1", 1, 7e6, "RUB"),  # in another document: its own row
        _amount("b", "F2", 2, 3e3, "USD"),
        _amount("b", "F3", 3, float("nan"), "USD"),  # no sum: left out
        {**FACT_ROWS[0], "doc_id": "b", "fact_id": "F4", "sentence": 4},  # no amount at all
    ]
    _write_facts(small_output, facts)
    output = load_output(small_output)
    sectors = report_context(output)["sectors"]
    rows = largest_amounts(output, sectors, per_currency=3)
    shown = [(r["doc_id"], r["cells"][3], r["href"]) for r in rows]
    assert shown == [
        ("a", "7 mn RUB", "pages/a.html#article-s7"),
        ("b", "7 mn RUB", "pages/b.html#article-s1"),
        ("a", "6 mn RUB", "pages/a.html#article-s6"),
        ("b", "3 K USD", "pages/b.html#article-s2"),  # RUB first: more facts name it
    ]
    five = [r["cells"][3] for r in largest_amounts(output, sectors, currencies=1)]
    assert five == ["7 mn RUB", "7 mn RUB", "6 mn RUB", "5 mn RUB", "4 mn RUB"]
    page = build_report(small_output).read_text(encoding="utf-8")
    table = re.search(r'<table class="facts-table" id="largest">.*?</table>', page, re.DOTALL)
    assert table and '<a href="pages/a.html#article-s7">7</a>' in table.group(0)
    assert page.index('id="h-largest"') < page.index('id="h-facts"')


def test_report_without_amounts_has_no_largest_table(small_output):  # noqa: F811
    _write_facts(small_output, [{**FACT_ROWS[0], "doc_id": "a", "fact_id": "F1"}])
    assert 'id="largest"' not in build_report(small_output).read_text(encoding="utf-8")
    assert largest_amounts(load_output(small_output), []) == []


def test_report_documents_carry_their_number_of_facts(small_output):  # noqa: F811
    facts = [{**FACT_ROWS[1], "doc_id": "b", "fact_id": f"F{i}"} for i in (1, 2)]
    _write_facts(small_output, facts)
    context = report_context(load_output(small_output))
    rows = {r[0]: r for r in json.loads(context["documents_json"])}
    assert (rows["a"][4], rows["b"][4]) == (0, 2)  # after the characters
    page = build_report(small_output).read_text(encoding="utf-8")
    heads = re.findall(r'data-col="(\d+)"[^>]*>([^<]*)<', page)
    assert ("4", "facts") in heads


@pytest.mark.parametrize(("n", "label"), [(1, "1 fact"), (2, "2 facts")])
def test_the_header_counts_read_as_english(n, label):
    page = _fact_page(FACT_ROWS[:n])
    header = re.search(r'<header class="doc-head">.*?</header>', page, re.DOTALL).group(0)
    assert f'<a href="#article-facts">{label}</a>' in header
    assert '<a href="#article-mentions">2 mentions</a>' in header
