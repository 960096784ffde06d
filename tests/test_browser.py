"""The pages in a real browser (headless Chromium, Debian's `chromium` package, driven by
playwright): the seed article's annotated page and the report of a small batch. Skipped,
with the reason, only where Chromium or playwright cannot be had (.ci/run installs it).
Screenshots go to outputs/pages/ for people to look at."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import ROOT, SEED, run_cli

pytestmark = pytest.mark.browser

# CHROMIUM=/path overrides where the browser is looked for.
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = ROOT / "outputs" / "pages"
# Two short made-up news items (with datelines) and one bad input for the small batch.
NEWS = {
    "a.txt": "date 2024-02-10 Сбербанк и ВТБ\n\nСбербанк выделил 5 млрд рублей на "
    "строительство дорог. Банк ВТБ вложил 200 млн долларов в нефтяную отрасль.\n",
    "sub/b.txt": "date 2024-05-03 Газпром\n\nВ 2023 году Газпром и Сбербанк подписали "
    "соглашение. Министерство финансов РФ одобрило сделку.\n",
    "empty.txt": "",
    "win.txt": "date 2024-06-01 Windows\r\n\r\nБанк ВТБ\tоткрыл офис.\r\nВторая строка.\r\n",
}


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium; .ci/run does)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright not installed (pip install -e '.[dev]')"
    )
    with sync_api.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Page:
    """A page opened from a file, with every console error and uncaught exception kept."""

    def __init__(self, browser, path: Path, width: int = 1200, script: bool = True) -> None:
        self.context = browser.new_context(
            viewport={"width": width, "height": 900}, java_script_enabled=script
        )
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else 0)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.requests: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.resolve().as_uri())

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    result = run_cli("extract", SEED, "--out", out, "--no-progress")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def small_batch(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    for name, text in NEWS.items():
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(text, encoding="utf-8")
    shutil.copy(SEED, corpus / SEED.name)
    out = tmp_path_factory.mktemp("batch") / "out"
    result = run_cli("batch", corpus, "--out", out, "--workers", "1", "--html", "--no-progress")
    assert result.returncode == 0, result.stderr
    assert (out / "report.html").exists()
    return out


def test_seed_page_shows_the_article_as_written(browser, seed_page):
    page = Page(browser, seed_page / "annotated.html")
    text = SEED.read_text(encoding="utf-8")
    body = text.split("\n", 1)[1]  # the dateline line is the header
    # Each sentence's facts are notes set under it (issue 12); the text around them is the
    # article exactly, as the page reads with the notes hidden.
    facts = pd.read_parquet(seed_page / "facts.parquet")
    assert page.page.locator("#article .facts tbody tr").count() == len(facts) > 0
    page.page.add_style_tag(content=".facts { display: none !important; }")
    assert page.page.inner_text("#article") == body
    assert page.page.evaluate("document.getElementById('article').innerText") == body
    mentions = pd.read_parquet(seed_page / "mentions.parquet")
    marks = page.page.eval_on_selector_all("mark.m:not(.cont)", "els => els.map(e => e.dataset.m)")
    assert sorted(marks) == sorted(mentions["mention_id"])
    assert "Токаев" in page.page.inner_text("h1")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SHOTS / "annotated.png"))
    assert page.errors == [] and all(u.startswith("file:") for u in page.requests)
    page.close()


def test_hovering_a_nested_mention_shows_its_values(browser, seed_page):
    mentions = pd.read_parquet(seed_page / "mentions.parquet")
    nested = mentions[mentions["parent_id"].notna() & (mentions["type"] == "ORG")].iloc[0]
    page = Page(browser, seed_page / "annotated.html")
    mark = page.page.locator(f"#article mark.m[data-m='{nested['mention_id']}']").first
    mark.hover()
    tip = page.page.locator("#tip")
    assert tip.is_visible()
    shown = tip.inner_text()
    assert nested["normal"] in shown and nested["entity_id"] in shown
    parent = page.page.locator(f"#article mark.m[data-m='{nested['parent_id']}']").first
    assert parent.locator(f"mark.m[data-m='{nested['mention_id']}']").count() == 1
    page.page.screenshot(path=str(SHOTS / "annotated-hover.png"))
    assert page.errors == []
    page.close()


def test_amount_and_sector_values_on_focus(browser, seed_page):
    mentions = pd.read_parquet(seed_page / "mentions.parquet")
    page = Page(browser, seed_page / "annotated.html")
    money = mentions[mentions["unit"] == "USD"].iloc[0]
    page.page.focus(f"mark.m[data-m='{money['mention_id']}']")
    assert "USD" in page.page.inner_text("#tip")
    sector = mentions[mentions["type"] == "SECTOR"].iloc[0]
    page.page.focus(f"mark.m[data-m='{sector['mention_id']}']")
    shown = page.page.inner_text("#tip")
    assert sector["okved"] in shown and "okved_caption" in shown
    page.close()


def test_click_and_enter_select_the_row_filters_and_sorting(browser, seed_page):
    page = Page(browser, seed_page / "annotated.html").page
    page.click("#article mark.m[data-m='M7']")
    assert page.get_attribute("tr[data-m='M7']", "class") == "selected"
    page.focus("#article mark.m[data-m='M10']")
    page.keyboard.press("Enter")
    assert page.get_attribute("tr[data-m='M10']", "class") == "selected"
    assert page.locator("tr.selected").count() == 1
    page.uncheck(".filters input[value='LOC']")
    assert page.locator("tbody tr[data-type='LOC']:visible").count() == 0
    assert page.locator("tbody tr[data-type='ORG']:visible").count() > 0
    page.click("th button:text-is('start')")
    page.click("th button:text-is('start')")  # descending
    starts = page.eval_on_selector_all(
        "table.mentions tbody tr", "rows => rows.map(r => Number(r.cells[2].dataset.sort))"
    )
    assert starts == sorted(starts, reverse=True)
    page.close()


def test_report_numbers_equal_the_tables(browser, small_batch):
    mentions = pd.read_parquet(small_batch / "mentions")
    documents = pd.read_parquet(small_batch / "documents")
    errors = pd.read_csv(small_batch / "errors.csv")
    page = Page(browser, small_batch / "report.html")
    value = lambda selector: float(page.page.get_attribute(selector, "data-value"))  # noqa: E731
    assert value("#n-documents") == len(documents)
    assert value("#n-failed") == len(errors) == 1
    assert value("#n-mentions") == len(mentions)
    for kind, group in mentions.groupby("type"):
        row = f"#type-counts tr[data-type='{kind}']"
        assert value(f"{row} td:nth-child(2)") == len(group)
        assert value(f"{row} td:nth-child(3)") == group["doc_id"].nunique()
    orgs = mentions[mentions["type"] == "ORG"]
    by_entity = orgs.groupby(orgs["entity_id"].fillna(orgs["normal"]))["doc_id"]
    shown = page.page.eval_on_selector_all(
        "#orgs tbody tr",
        "rows => rows.map(r => [r.dataset.entity, Number(r.cells[2].dataset.value),"
        " Number(r.cells[3].dataset.value)])",
    )
    assert shown and all(
        [docs, n] == [by_entity.get_group(e).nunique(), len(by_entity.get_group(e))]
        for e, docs, n in shown
    )
    money = mentions[(mentions["kind"] == "money") & mentions["value"].notna()]
    for currency, total in money.groupby("unit")["value"].sum().items():
        assert value(f"#money-currency tr[data-currency='{currency}'] td:nth-child(2)") == total
    assert "empty article (no text)" in page.page.inner_text("#error-reasons")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SHOTS / "report.png"), full_page=True)
    assert page.errors == [] and all(u.startswith("file:") for u in page.requests)
    page.close()


def test_report_documents_table_searches_and_links_to_pages(browser, small_batch):
    page = Page(browser, small_batch / "report.html")
    documents = pd.read_parquet(small_batch / "documents")
    assert page.page.locator("#documents tbody tr").count() == len(documents)
    page.page.fill("#doc-search", "газпром")
    page.page.wait_for_function("document.querySelectorAll('#documents tbody tr').length === 1")
    link = page.page.locator("#documents tbody a").first
    assert link.inner_text() == "sub/b"
    link.click()
    page.page.wait_for_selector("#article")
    assert page.page.inner_text("#article") == NEWS["sub/b.txt"].split("\n", 1)[1]
    assert page.errors == []
    page.close()


def test_batch_pages_show_each_article(browser, small_batch):
    manifest = json.loads((small_batch / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["ok"] == 4
    page = Page(browser, small_batch / "pages" / "a.html")
    # Facts under their sentences, as on extract's page; the text around them is the article.
    facts = pd.read_parquet(small_batch / "facts")
    assert page.page.locator("#article .facts tbody tr").count() == (facts["doc_id"] == "a").sum()
    assert (facts["doc_id"] == "a").sum() > 0
    page.page.add_style_tag(content=".facts { display: none !important; }")
    assert page.page.inner_text("#article") == NEWS["a.txt"].split("\n", 1)[1]
    assert page.page.locator("#article mark.m").count() > 0 and page.errors == []
    page.close()
    page = Page(browser, small_batch / "pages" / "win.html")  # CR LF line ends, a tab
    assert page.page.inner_text("#article") == NEWS["win.txt"].split("\n", 1)[1]
    page.close()


def test_a_long_article_pages_its_table_and_finds_any_row(browser, tmp_path):
    from pipeline.pages import ArticleInput, article_page

    unit = "Банк России повысил ставку.\n"
    text = unit * 450
    rows = [
        {
            "mention_id": f"M{i + 1}",
            "type": "ORG",
            "start": i * len(unit),
            "end": i * len(unit) + 11,
        }
        for i in range(450)
    ]
    path = tmp_path / "long.html"
    path.write_text(article_page([ArticleInput("long", text, rows)]), encoding="utf-8")
    page = Page(browser, path)
    assert page.page.inner_text("#article") == text
    assert page.page.locator("table.mentions tbody tr").count() == 200
    assert page.page.inner_text(".pager .where") == "1–200 of 450"
    page.page.click("#article mark.m[data-m='M420']")
    assert page.page.get_attribute("tr[data-m='M420']", "class") == "selected"
    assert page.page.inner_text(".pager .where") == "401–450 of 450"
    page.page.click(".pager .prev")
    assert page.page.inner_text(".pager .where") == "201–400 of 450"
    assert page.errors == []
    page.close()


PHONE = 390  # CSS pixels: a common phone's width


def test_the_facts_summary_leads_to_each_sentence_by_keyboard(browser, seed_page):
    facts = pd.read_parquet(seed_page / "facts.parquet")
    page = Page(browser, seed_page / "annotated.html")
    summary = page.page.locator("section.fact-summary tbody tr")
    assert summary.count() == len(facts) > 0
    first = facts.iloc[0]
    link = page.page.locator(f"section.fact-summary a[href='#article-s{first['sentence']}']")
    link.first.focus()
    page.page.keyboard.press("Enter")
    page.page.wait_for_function(f"location.hash === '#article-s{first['sentence']}'")
    top = page.page.evaluate(
        f"document.getElementById('article-s{first['sentence']}').getBoundingClientRect().top"
    )
    assert 0 <= top < 900  # the sentence is on screen, its facts just under it
    assert page.errors == []
    page.close()


@pytest.mark.parametrize("name", ["seed", "report"])
def test_at_phone_width_nothing_runs_off_the_screen(browser, seed_page, small_batch, name):
    path = seed_page / "annotated.html" if name == "seed" else small_batch / "report.html"
    page = Page(browser, path, width=PHONE)
    width = page.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE
    # Each fact is a card of labelled lines, not a table squeezed to letters.
    cell = page.page.locator(".facts-table tbody td").first
    assert cell.evaluate("td => getComputedStyle(td).display") == "grid"
    assert cell.evaluate("td => getComputedStyle(td, '::before').content") != "none"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SHOTS / f"{name}-phone.png"))
    assert page.errors == []
    page.close()


def test_pages_read_without_javascript(browser, seed_page, small_batch):
    page = Page(browser, seed_page / "annotated.html", script=False)
    assert page.page.locator("section.fact-summary tbody tr").count() > 0
    assert page.page.locator("#article mark.m").count() > 0
    assert "mentions.csv" in page.page.inner_text("body")  # the noscript note shows
    page.close()
    page = Page(browser, small_batch / "report.html", script=False)
    assert page.page.locator("#facts tbody tr").count() > 0
    assert "documents table" in page.page.inner_text("body")
    page.close()


def test_report_facts_link_to_their_sentence_on_the_page(browser, small_batch):
    facts = pd.read_parquet(small_batch / "facts")
    page = Page(browser, small_batch / "report.html")
    assert page.page.locator("#facts tbody tr").count() == len(facts) > 0
    link = page.page.locator("#facts tbody a").first
    href = link.get_attribute("href")
    link.click()
    page.page.wait_for_selector("#article")
    anchor = href.split("#", 1)[1]
    assert page.page.evaluate("location.hash") == "#" + anchor
    assert page.page.locator(f"#{anchor}").count() == 1
    assert page.errors == []
    page.close()


def test_a_report_facts_table_fits_a_desktop_screen(browser, tmp_path):
    """Ten columns of long values (a date range, a long name, a sector with its code) still
    show every column, status last, without scrolling the table sideways."""
    from pipeline.pages.report import build_report
    from pipeline.schema import DOCUMENT_COLUMNS, FACT_COLUMNS, MENTION_COLUMNS
    from pipeline.tables import typed_frame

    for name in ("mentions", "documents", "facts"):
        (tmp_path / name).mkdir()
    mention = {"doc_id": "d", "mention_id": "M1", "type": "ORG", "start": 0, "end": 1}
    typed_frame([mention], MENTION_COLUMNS).to_parquet(tmp_path / "mentions" / "p.parquet")
    document = {"doc_id": "d", "characters": 1}
    typed_frame([document], DOCUMENT_COLUMNS).to_parquet(tmp_path / "documents" / "p.parquet")
    fact = {
        "doc_id": "a-rather-long-document-id/2024/05",
        "fact_id": "F1",
        "sentence": 12,
        "trigger": "инвестировать",
        "polarity": "negative",
        "modality": "planned",
        "agent": "Министерство промышленности и торговли Российской Федерации",
        "counterpart": "Государственная корпорация развития «ВЭБ.РФ»",
        "amount_value": 1.25e12,
        "amount_unit": "RUB",
        "qualifier": "approx",
        "date_start": "2024-01-01",
        "date_end": "2026-12-31",
        "sector": "energy.oil_gas",
        "okved": "06",
        "location": "Ханты-Мансийский автономный округ",
    }
    typed_frame([fact], FACT_COLUMNS).to_parquet(tmp_path / "facts" / "p.parquet")
    page = Page(browser, build_report(tmp_path))
    widths = page.page.evaluate(
        "(() => { const t = document.getElementById('facts');"
        " return [t.scrollWidth, t.parentElement.clientWidth]; })()"
    )
    assert widths[0] <= widths[1]
    assert page.page.locator("#facts .status.st-negated").is_visible()
    assert page.page.locator("#facts .status.st-planned").is_visible()
    assert page.errors == []
    page.close()


def _links_of(out: Path) -> pd.DataFrame:
    from pipeline.pages.links import LINK_LABELS

    relations = pd.read_parquet(out / "relations.parquet")
    return relations[relations["type"].isin(list(LINK_LABELS))]


def test_the_links_table_renders_on_the_seed_page(browser, seed_page):
    links = _links_of(seed_page)
    page = Page(browser, seed_page / "annotated.html")
    lines = page.page.locator("section.link-summary tr.link")
    assert lines.count() == len(links) > 0
    first = lines.first
    assert first.locator(".lk-end").count() == 2  # head and tail, in their type colours
    colour = first.locator(".lk-end").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    assert "→" in first.inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.page.locator("section.link-summary").screenshot(path=str(SHOTS / "links.png"))
    # The sentence number leads to the sentence.
    sentence = int(links.sort_values("sentence").iloc[0]["sentence"])
    first.locator(".lk-s a").click()
    page.page.wait_for_function(f"location.hash === '#article-s{sentence}'")
    top = page.page.evaluate(
        f"document.getElementById('article-s{sentence}').getBoundingClientRect().top"
    )
    assert 0 <= top < 900
    assert page.errors == [] and all(u.startswith("file:") for u in page.requests)
    page.close()


def test_hovering_a_linked_mention_outlines_its_partner(browser, seed_page):
    links = _links_of(seed_page)
    link = links.iloc[0]
    head, tail = link["head_mention_id"], link["tail_mention_id"]
    # Every mention the tail is linked to, either way (a chain links it on both sides).
    partners = set(links.loc[links["tail_mention_id"] == tail, "head_mention_id"])
    partners |= set(links.loc[links["head_mention_id"] == tail, "tail_mention_id"])
    page = Page(browser, seed_page / "annotated.html")
    linked = "() => Array.from(document.querySelectorAll('#article mark.linked'), m => m.dataset.m)"
    # The tail is the inner mention of a nested chain: the pointer on it outlines the head.
    page.page.locator(f"#article mark.m[data-m='{tail}']").first.hover()
    assert head in partners and set(page.page.evaluate(linked)) == partners
    mark = page.page.locator(f"#article mark.m[data-m='{head}']").first
    assert mark.evaluate("m => getComputedStyle(m).outlineStyle") == "dashed"
    from pipeline.pages.links import LINK_LABELS

    label = LINK_LABELS[link["type"]][0]
    assert f"← {label}" in page.page.inner_text("#tip")  # the tooltip names its links
    line = page.page.locator(f"tr.link[data-head='{head}'][data-tail='{tail}']")
    assert "hot" in line.get_attribute("class")
    page.page.screenshot(path=str(SHOTS / "links-hover.png"))
    # Focus (keyboard) does the same from the other end; leaving clears it.
    page.page.focus(f"#article mark.m[data-m='{head}']")
    assert tail in page.page.evaluate(linked)
    page.page.keyboard.press("Escape")
    page.page.focus("th button >> nth=0")
    assert page.page.evaluate(linked) == []
    assert page.errors == []
    page.close()


# --------------------------------------------------------------------------- session 13
# What a first-time reader stumbled on: a sector's bare ОКВЭД number, an article without
# facts that said nothing, a sectors table hiding a column behind a scroll bar, a report that
# did not lead to its largest sums, documents that could not be sorted, and paper.


def _fact_page_file(tmp_path: Path, facts: bool = True) -> Path:
    from pipeline.pages import ArticleInput, article_page, facts_by_sentence
    from tests.test_pages import FACT_MENTIONS, FACT_ROWS, FACT_TEXT

    by_sentence = facts_by_sentence(FACT_ROWS) if facts else None
    article = ArticleInput(
        "d", FACT_TEXT, FACT_MENTIONS, sentence_ends=[24, 66, 72], facts=by_sentence
    )
    path = tmp_path / ("facts.html" if facts else "none.html")
    path.write_text(article_page([article]), encoding="utf-8")
    return path


def test_a_sectors_okved_caption_shows_on_hover_a_phone_and_paper(browser, tmp_path):
    path = _fact_page_file(tmp_path)
    page = Page(browser, path, width=1366)
    okved = page.page.locator("section.fact-summary .okved").first
    assert okved.get_attribute("title").startswith("ОКВЭД 64 Деятельность")
    assert not page.page.locator("section.fact-summary .caption").first.is_visible()
    page.page.emulate_media(media="print")
    assert page.page.locator("section.fact-summary .caption").first.is_visible()
    page.close()
    page = Page(browser, path, width=PHONE)
    caption = page.page.locator("section.fact-summary .caption").first
    assert caption.is_visible() and "ОКВЭД 64" in caption.inner_text()
    # In the card, beside its label: the caption starts where the value starts, not under
    # the label (the label column is the card's first grid column).
    boxes = page.page.evaluate(
        "(() => { const c = document.querySelector('section.fact-summary .caption');"
        " const v = document.querySelector('section.fact-summary .okved');"
        " return [c.getBoundingClientRect().left, v.getBoundingClientRect().left]; })()"
    )
    assert abs(boxes[0] - boxes[1]) < 1
    assert page.page.evaluate("document.documentElement.scrollWidth") <= PHONE
    assert page.errors == []
    page.close()


def test_an_article_without_facts_says_so_and_its_header_link_leads_there(browser, tmp_path):
    page = Page(browser, _fact_page_file(tmp_path, facts=False), width=1366)
    note = page.page.locator("#article-facts")
    assert note.is_visible() and "No facts" in note.inner_text()
    page.page.locator("header.doc-head a[href='#article-facts']").focus()
    page.page.keyboard.press("Enter")
    page.page.wait_for_function("location.hash === '#article-facts'")
    assert page.errors == []
    page.close()


PAPER = 700  # an A4 page's printable width in CSS pixels, about


def test_the_print_view_shows_every_row_and_no_controls(browser, seed_page, small_batch):
    page = Page(browser, seed_page / "annotated.html", width=PAPER)
    page.page.emulate_media(media="print")
    style = "e => [getComputedStyle(e).maxHeight, getComputedStyle(e).overflowY]"
    for wrap in ("section.fact-summary .table-wrap", ".links-wrap"):
        assert page.page.locator(wrap).first.evaluate(style) == ["none", "visible"], wrap
    assert not page.page.locator(".filters").is_visible()
    # the mentions table is left off paper, and a note says where its rows are
    assert not page.page.locator("table.mentions").is_visible()
    assert page.page.locator("p.print-only").is_visible()
    # nothing runs off the paper's edge
    assert page.page.evaluate("document.documentElement.scrollWidth") <= PAPER
    assert page.errors == []
    page.close()
    page = Page(browser, small_batch / "report.html", width=PAPER)
    page.page.emulate_media(media="print")
    assert not page.page.locator("#doc-search").is_visible()
    assert page.page.evaluate("document.documentElement.scrollWidth") <= PAPER
    assert page.page.locator("#facts").evaluate("t => t.parentElement.scrollHeight") == (
        page.page.locator("#facts").evaluate("t => t.parentElement.clientHeight")
    )
    page.close()


def test_report_leads_to_the_largest_amounts_and_sorts_documents(browser, small_batch):
    facts = pd.read_parquet(small_batch / "facts")
    page = Page(browser, small_batch / "report.html")
    largest = page.page.locator("#largest tbody tr")
    money = facts[facts["amount_value"].notna()]
    assert 0 < largest.count() <= len(money)
    # the largest sum of the currency most facts name comes first
    counts = money.groupby("amount_unit").size().sort_index()
    currency = counts.idxmax()
    top = money[money["amount_unit"] == currency].sort_values("amount_value").iloc[-1]
    first = largest.first.locator("td")
    assert first.nth(0).inner_text() == top["doc_id"]
    # its sentence link lands on the sentence of the document's page
    link = largest.first.locator("a")
    anchor = link.get_attribute("href").split("#", 1)[1]
    link.click()
    page.page.wait_for_selector("#article")
    assert page.page.locator(f"#{anchor}").count() == 1
    page.close()
    # Sorting by facts (keyboard), most first; again, fewest first.
    page = Page(browser, small_batch / "report.html")
    per_doc = facts.groupby("doc_id").size()
    button = page.page.locator("#documents th button", has_text="facts")
    button.focus()
    page.page.keyboard.press("Enter")
    first_doc = page.page.locator("#documents tbody tr td").first.inner_text()
    assert per_doc.get(first_doc, 0) == per_doc.max()
    assert button.locator("xpath=..").get_attribute("aria-sort") == "descending"
    page.page.keyboard.press("Enter")
    first_doc = page.page.locator("#documents tbody tr td").first.inner_text()
    assert per_doc.get(first_doc, 0) == 0
    assert button.locator("xpath=..").get_attribute("aria-sort") == "ascending"
    assert page.errors == []
    page.close()


def test_a_sectors_table_beside_its_chart_shows_every_column(browser, tmp_path):
    """Long sector names and four-digit counts: the table takes the width it needs beside
    its chart, so no column hides behind a scroll bar on a desktop screen."""
    from pipeline.pages.report import build_report
    from pipeline.schema import DOCUMENT_COLUMNS, MENTION_COLUMNS
    from pipeline.tables import typed_frame

    names = {
        "media.film": ("Кино, телевидение и радиовещание", "59"),
        "ict.internet": ("Интернет-сервисы и платформы", "63.1"),
        "manuf.electronics": ("Электроника и электротехника", "26"),
        "construction.housing": ("Жилищное строительство", "41"),
        "ict.it": ("Информационные технологии", "J"),
    }
    mentions = [
        {
            "doc_id": f"d{i % 40}",
            "mention_id": f"M{i}",
            "type": "SECTOR",
            "start": 0,
            "end": 1,
            "sector": sector,
            "normal": name,
            "okved": code,
        }
        for i, (sector, (name, code)) in enumerate(list(names.items()) * 2000)
    ]
    for name in ("mentions", "documents"):
        (tmp_path / name).mkdir()
    typed_frame(mentions, MENTION_COLUMNS).to_parquet(tmp_path / "mentions" / "p.parquet")
    documents = [{"doc_id": f"d{i}", "characters": 1} for i in range(40)]
    typed_frame(documents, DOCUMENT_COLUMNS).to_parquet(tmp_path / "documents" / "p.parquet")
    page = Page(browser, build_report(tmp_path), width=1366)
    widths = page.page.evaluate(
        "(() => { const t = document.getElementById('sectors').parentElement;"
        " return [t.scrollWidth, t.clientWidth]; })()"
    )
    assert widths[0] <= widths[1]
    assert page.errors == []
    page.close()


def _article_sector_page(tmp_path: Path) -> Path:
    """An article whose money fact's agent gets its sector from the sentence before (309)."""
    from tests.test_fact_agent_sector import CASES

    source = tmp_path / "lukoil.txt"
    source.write_text(CASES[0][0], encoding="utf-8")
    result = run_cli("extract", source, "--out", tmp_path / "out", "--no-progress")
    assert result.returncode == 0, result.stderr
    return tmp_path / "out" / "annotated.html"


TARGET_TEXT = (
    "(() => { const h = CSS.highlights.get('target-sentence');"
    " return h ? [...h][0].toString() : null; })()"
)
MARKER = "getComputedStyle(document.getElementById('article-s0'), '::before').content"


def test_an_article_sector_is_explained_and_leads_to_its_lit_sentence(browser, tmp_path):
    """A first-time reader learns what "(по статье)" means from the note (no hover on a
    phone), and its link lands on the SECTOR_OF sentence, lit to its end, by keyboard."""
    path = _article_sector_page(tmp_path)
    page = Page(browser, path, width=1366)
    note = page.page.locator("section.fact-summary .mark-note")
    assert note.is_visible() and "(по статье)" in note.inner_text()
    link = page.page.locator("section.fact-summary .elsewhere a").first
    assert link.get_attribute("href") == "#article-s0"
    assert page.page.evaluate(MARKER) == "none"  # nothing marked before a link is followed
    link.focus()
    page.page.keyboard.press("Enter")
    page.page.wait_for_function("location.hash === '#article-s0'")
    lit = page.page.evaluate(TARGET_TEXT)
    assert lit and "Нефтяная компания" in lit and "По итогам" not in lit  # that sentence only
    assert "done" not in lit  # not the facts table under it
    assert page.page.evaluate(MARKER) != "none"
    assert page.errors == []
    page.close()
    # without a script the marker still shows where the sentence starts
    page = Page(browser, path, width=1366, script=False)
    page.page.goto(path.resolve().as_uri() + "#article-s0")
    assert page.page.evaluate(MARKER) != "none"
    page.close()
    # on a phone the mark and its note fit the screen
    page = Page(browser, path, width=PHONE)
    assert page.page.locator("section.fact-summary .elsewhere").first.is_visible()
    assert page.page.locator("section.fact-summary .mark-note").is_visible()
    assert page.page.evaluate("document.documentElement.scrollWidth") <= PHONE
    page.close()
