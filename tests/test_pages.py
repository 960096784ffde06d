"""The pages without a browser: the markup sweep, the article page's pieces, the report's
aggregates on a small hand-made output, page paths and the report command's errors."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from pipeline.pages import ArticleInput, article_page, facts_by_sentence
from pipeline.pages.article import clean_row, display, okved_caption, table_columns
from pipeline.pages.markup import Insert, Mark, markup
from pipeline.pages.paths import page_relpath
from pipeline.pages.report import build_report, load_output, report_context
from pipeline.schema import DOCUMENT_COLUMNS, MENTION_COLUMNS
from pipeline.tables import typed_frame
from tests.conftest import run_cli

# --------------------------------------------------------------------------- markup


def _text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


class _Tree(HTMLParser):
    """Checks that tags balance and records each mark's text by its data-m key."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.texts: dict[str, str] = {}
        self.depth_max = 0

    def handle_starttag(self, tag, attrs):
        self.stack.append((tag, dict(attrs).get("data-m")))
        self.depth_max = max(self.depth_max, sum(1 for t, _ in self.stack if t == "mark"))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"unbalanced </{tag}>"
        self.stack.pop()

    def handle_data(self, data):
        for tag, key in self.stack:
            if tag == "mark" and key:
                self.texts[key] = self.texts.get(key, "") + data


def _parse(fragment: str) -> _Tree:
    tree = _Tree()
    tree.feed(fragment)
    tree.close()
    assert not tree.stack
    return tree


CASES = [
    # (text, marks as (start, end, key, label)) — nested, crossing, touching, whole text
    ("Центр исследований РАН", [(0, 22, "A", "ORG"), (19, 22, "B", "ORG")]),
    (
        "ab cd ef gh",
        [(0, 5, "A", "ORG"), (3, 5, "B", "LOC"), (3, 8, "C", "ORG"), (6, 11, "D", "DATE")],
    ),
    ("один два", [(0, 4, "A", "PER"), (4, 8, "B", "LOC")]),
    ("x", [(0, 1, "A", "ORG"), (0, 1, "B", "LOC")]),
    ('<b> & "q"\n\n  end', [(0, 3, "A", "ORG"), (4, 5, "B", "ORG")]),
    ("no mentions at all\n", []),
    ("Windows\r\nline ends\r\n", [(0, 7, "A", "ORG")]),
]


@pytest.mark.parametrize(("text", "marks"), CASES)
def test_markup_keeps_the_text_and_each_mark_covers_its_characters(text, marks):
    fragment = markup(text, [Mark(*m) for m in marks])
    assert _text_of(fragment) == text
    tree = _parse(fragment)
    for start, end, key, _ in marks:
        assert tree.texts[key] == text[start:end]


def test_carriage_returns_survive_the_html_parser():
    fragment = markup("a\r\nb", [])
    assert "\r" not in fragment and "&#13;" in fragment


def test_nested_mention_is_an_element_inside_its_parent():
    fragment = markup("Институт Китая РАН", [Mark(0, 18, "A", "ORG"), Mark(9, 14, "B", "LOC")])
    assert fragment.startswith('<mark class="m t-ORG" data-m="A">Институт <mark class="m t-LOC"')
    assert _parse(fragment).depth_max == 2


def test_crossing_mention_is_split_into_a_continued_piece():
    fragment = markup("ab cd ef", [Mark(0, 5, "A", "ORG"), Mark(3, 8, "B", "LOC")])
    assert fragment.count('data-m="B"') == 2 and 'class="m t-LOC cont"' in fragment


def test_markup_clips_to_a_window_and_drops_marks_outside():
    text = "date 2025-01-02 Title\nBody ORG"
    fragment = markup(text, [Mark(5, 15, "D", "DATE"), Mark(27, 30, "O", "ORG")], lo=22)
    assert _text_of(fragment) == "Body ORG" and 'data-m="D"' not in fragment


def test_insert_closes_and_reopens_open_marks():
    fragment = markup("abcdef", [Mark(0, 6, "A", "ORG")], inserts=[Insert(3, "<aside>F</aside>")])
    assert "</mark><aside>F</aside><mark" in fragment
    assert _text_of(fragment.replace("<aside>F</aside>", "")) == "abcdef"


def test_markup_of_a_long_document_with_many_mentions():
    # 2 MB of text and 200,000 mentions, some nested: one sweep handles it.
    unit = "Банк России (ЦБ) сообщил. "
    text = unit * 80_000
    marks = []
    for i in range(0, len(text), len(unit) * 4):
        marks += [Mark(i, i + 16, f"A{i}", "ORG"), Mark(i + 5, i + 11, f"B{i}", "LOC")]
    fragment = markup(text, marks)
    assert len(_text_of(fragment)) == len(text)


# --------------------------------------------------------------------------- article page

ARTICLE = "date 2025-03-04 Сбербанк купил банк\n\nСбербанк выделил 5 млрд рублей.\nВторая строка."


def _rows() -> list[dict]:
    return [
        {"mention_id": "M1", "type": "DATE", "start": 5, "end": 15, "text": "2025-03-04"},
        {"mention_id": "M2", "type": "ORG", "start": 16, "end": 24, "text": "Сбербанк"},
        {"mention_id": "M3", "type": "ORG", "start": 37, "end": 45, "text": "Сбербанк"},
        {
            "mention_id": "M4",
            "type": "AMOUNT",
            "start": 54,
            "end": 67,
            "text": "5 млрд рублей",
            "value": 5e9,
            "unit": "RUB",
            "kind": "money",
            "new_column": "shown",
        },
    ]


def _article_html(page: str) -> str:
    match = re.search(r'<div class="article" id="article">(.*?)</div>\n<h2', page, re.DOTALL)
    assert match
    return match.group(1)


def test_article_page_body_is_the_text_after_the_dateline():
    page = article_page([ArticleInput("d1", ARTICLE, _rows(), "Сбербанк купил банк", "2025-03-04")])
    body = ARTICLE.split("\n", 1)[1]
    assert _text_of(_article_html(page)) == body
    header = page.split('<div class="article"', 1)[0]
    assert 'data-m="M2"' in header and 'data-m="M1"' in header  # title and date keep mentions
    assert "new_column" in page and "5\u202f000\u202f000\u202f000" in page
    assert "http://" not in page and "https://" not in page  # nothing fetched at view time


def test_article_page_without_dateline_uses_title_and_date_fields():
    text = "Газпром растёт."
    rows = [{"mention_id": "M1", "type": "ORG", "start": 0, "end": 7, "text": "Газпром"}]
    page = article_page([ArticleInput("j/1", text, rows, "Заголовок", "2024-01-01")])
    assert _text_of(_article_html(page)) == text
    assert "Заголовок" in page and "2024-01-01" in page


def test_facts_are_rendered_under_their_sentence():
    text = "Первое предложение. Второе предложение."
    facts = facts_by_sentence(
        [{"sentence": 0, "trigger": "выделить", "amount_value": 1.5, "amount_unit": "RUB"}]
    )
    article = ArticleInput("d", text, [], sentence_ends=[19, 39], facts=facts)
    body = _article_html(article_page([article]))
    before, after = body.split('<div class="facts"', 1)
    assert _text_of(before) == "Первое предложение."
    assert "выделить" in after and "1.5 RUB" in after


def test_render_page_takes_facts_by_document(seed_doc):
    from pipeline.pages import facts_by_document
    from pipeline.render import render_page

    rows = [{"doc_id": seed_doc._.doc_id, "sentence": 1, "trigger": "работать"}]
    page = render_page([seed_doc], facts=facts_by_document(rows))
    assert page.count('<div class="facts"') == 1 and "работать" in page
    body = _article_html(page)
    without = re.sub(r'<div class="facts".*?</table></div>', "", body, flags=re.DOTALL)
    assert _text_of(without) == seed_doc.text.split("\n", 1)[1]


def test_several_documents_get_one_section_each():
    one = ArticleInput("a", "Текст А.", [])
    two = ArticleInput("b", "Текст Б.", [])
    page = article_page([one, two])
    assert page.count('<section class="doc"') == 2
    assert 'id="article-1"' in page and 'id="article-2"' in page


def test_render_page_of_the_seed_doc_keeps_the_text(seed_doc):
    from pipeline.render import render_page

    page = render_page([seed_doc])
    body = seed_doc.text.split("\n", 1)[1]
    assert _text_of(_article_html(page)) == body
    assert "аудиенция , переговоры" not in page


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, ""),
        (3.7e9, "3\u202f700\u202f000\u202f000"),
        (0.25, "0.25"),
        (True, "yes"),
        ("x", "x"),
    ],
)
def test_display_values(value, shown):
    assert display(value) == shown


def test_clean_row_turns_pandas_missing_values_into_none():
    frame = typed_frame(
        [{"mention_id": "M1", "type": "SECTOR", "start": 0, "end": 3, "okved": "B;08"}],
        MENTION_COLUMNS,
    )
    row = clean_row(frame.to_dict("records")[0])
    assert row["value"] is None and row["start"] == 0 and isinstance(row["start"], int)
    assert row["okved_caption"].startswith("B ")


def test_table_columns_keep_schema_order_add_new_ones_and_drop_empty():
    rows = [{"mention_id": "M1", "type": "ORG", "start": 0, "end": 1, "zeta": 1, "value": None}]
    assert table_columns(rows) == ["mention_id", "type", "start", "end", "zeta"]


@pytest.mark.parametrize(("okved", "starts"), [("B;08", "B "), ("07;07.1", "07 "), ("", None)])
def test_okved_caption_of_the_main_code(okved, starts):
    caption = okved_caption(okved)
    assert caption is None if starts is None else caption.startswith(starts)


@pytest.mark.parametrize(
    ("doc_id", "path"),
    [
        ("a", "pages/a.html"),
        ("news/2024/a", "pages/news/2024/a.html"),
        ("feed/3", "pages/feed/3.html"),
    ],
)
def test_page_paths_of_plain_ids(doc_id, path):
    assert page_relpath(doc_id) == path


@pytest.mark.parametrize("doc_id", ["../../etc/passwd", "a b?c", "/abs", "..", "x/./y", ".hidden"])
def test_page_paths_of_odd_ids_stay_inside_and_apart(doc_id):
    path = page_relpath(doc_id)
    assert path.startswith("pages/") and ".." not in path.split("/")
    assert not any(p.startswith(".") for p in path.split("/"))
    assert path != page_relpath(doc_id + "x")


# --------------------------------------------------------------------------- report


def _write_output(folder, mentions: list[dict], documents: list[dict], errors: str = "") -> None:
    (folder / "mentions").mkdir(parents=True)
    (folder / "documents").mkdir()
    typed_frame(mentions, MENTION_COLUMNS).to_parquet(folder / "mentions" / "part-a.parquet")
    typed_frame(documents, DOCUMENT_COLUMNS).to_parquet(folder / "documents" / "part-a.parquet")
    (folder / "errors.csv").write_text("path,line,doc_id,stage,reason\n" + errors, encoding="utf-8")


def _m(doc, mid, label, sentence=0, **values) -> dict:
    return {
        "doc_id": doc,
        "mention_id": mid,
        "type": label,
        "start": 0,
        "end": 1,
        "text": "x",
        "sentence": sentence,
        **values,
    }


@pytest.fixture
def small_output(tmp_path):
    mentions = [
        _m("a", "M1", "ORG", normal="Сбербанк", entity_id="ORG:сбербанк"),
        _m("a", "M2", "ORG", normal="Сбербанка", entity_id="ORG:сбербанк"),
        _m("b", "M1", "ORG", normal="Сбербанк", entity_id="ORG:сбербанк"),
        _m("b", "M2", "ORG", normal="Газпром", entity_id="ORG:газпром"),
        _m("a", "M3", "AMOUNT", 1, kind="money", value=5e9, unit="RUB"),
        _m("a", "M4", "SECTOR", 1, sector="banking", okved="K;64", normal="Банки"),
        _m("b", "M3", "AMOUNT", 2, kind="money", value=1e6, unit="USD"),
        _m("b", "M4", "AMOUNT", 2, kind="count", value=3.0, unit="человек"),
        _m("b", "M5", "DATE", date_start="2020-05-01", granularity="day"),
        _m("b", "M6", "DATE", date_start="2022-01-01", granularity="year"),
        _m("b", "M7", "DATE", date_start="1990-01-01", granularity="decade"),
    ]
    documents = [
        {"doc_id": "a", "title": "Первая", "date": "2024-01-05", "characters": 100},
        {"doc_id": "b", "title": "Вторая", "date": "2024-03-01", "characters": 50},
    ]
    _write_output(tmp_path, mentions, documents, "bad.txt,,bad,read,empty article (no text)\n")
    return tmp_path


def test_report_aggregates(small_output):
    context = report_context(load_output(small_output))
    assert context["n_documents"] == 2 and context["n_failed"] == 1
    counts = {t["type"]: (t["mentions"], t["documents"]) for t in context["types"]}
    assert counts["ORG"] == (4, 2) and counts["PER"] == (0, 0)
    top = context["orgs"][0]
    assert (top["name"], top["documents"], top["mentions"]) == ("Сбербанк", 2, 3)
    assert context["sectors"][0]["section"] == "K"
    money = {m["currency"]: m["total"] for m in context["money_currency"]}
    assert money == {"RUB": 5e9, "USD": 1e6}
    by_sector = {(m["sector"], m["currency"]): m["total"] for m in context["money_sector"]}
    assert by_sector == {("banking", "RUB"): 5e9, ("(no sector in the sentence)", "USD"): 1e6}
    assert context["months"] == [("2024-01", 1), ("2024-02", 0), ("2024-03", 1)]
    assert dict(context["years"])["2020"] == 1 and "1990" not in dict(context["years"])
    assert len(context["years"]) == 3  # 2020..2022, the empty year kept on the axis


def test_report_command_writes_one_self_contained_page(small_output):
    result = run_cli("report", small_output)
    assert result.returncode == 0, result.stderr
    page = (small_output / "report.html").read_text(encoding="utf-8")
    assert page.count("<svg") >= 4 and "<?xml" not in page
    assert not re.search(r"""(src|href)=["']https?:""", page)
    assert "empty article (no text)" in page


def test_report_of_an_empty_folder_is_a_one_line_error(tmp_path):
    result = run_cli("report", tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "no tables found" in result.stderr


def test_report_of_extract_outputs_links_each_page(tmp_path):
    sub = tmp_path / "art"
    sub.mkdir()
    typed_frame([_m("art", "M1", "ORG", normal="X")], MENTION_COLUMNS).to_parquet(
        sub / "mentions.parquet"
    )
    typed_frame([{"doc_id": "art", "characters": 5}], DOCUMENT_COLUMNS).to_parquet(
        sub / "documents.parquet"
    )
    (sub / "annotated.html").write_text("<p>page</p>", encoding="utf-8")
    page = build_report(tmp_path).read_text(encoding="utf-8")
    assert "art/annotated.html" in page


def test_report_reads_parts_with_an_older_schema(tmp_path):
    """An output written before a column existed still gives a report."""
    (tmp_path / "mentions").mkdir()
    (tmp_path / "documents").mkdir()
    pd.DataFrame({"doc_id": ["a"], "type": ["ORG"], "normal": ["X"]}).to_parquet(
        tmp_path / "mentions" / "p.parquet"
    )
    typed_frame([{"doc_id": "a", "characters": 1}], DOCUMENT_COLUMNS).to_parquet(
        tmp_path / "documents" / "p.parquet"
    )
    context = report_context(load_output(tmp_path))
    assert context["orgs"][0]["name"] == "X"


def test_templates_ship_as_package_data():
    import tomllib

    from tests.conftest import ROOT

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["pipeline.pages"]
    folder = ROOT / "pipeline" / "pages" / "templates"
    shipped = {p for pattern in patterns for p in (folder.parent).glob(pattern)}
    assert set(folder.iterdir()) <= shipped
    dependencies = " ".join(config["project"]["dependencies"])
    assert "jinja2" in dependencies and "matplotlib" in dependencies
    assert any("playwright" in d for d in config["project"]["optional-dependencies"]["dev"])


def test_batch_builds_the_report_unless_told_not_to(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Банк России повысил ставку.", encoding="utf-8")
    result = run_cli("batch", corpus, "--out", tmp_path / "one", "--workers", "1", "--no-progress")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "one" / "report.html").exists() and "report:" in result.stderr
    assert len(result.stdout.strip().splitlines()) == 1  # the summary line stays alone
    result = run_cli(
        "batch", corpus, "--out", tmp_path / "two", "--workers", "1", "--no-progress", "--no-report"
    )
    assert result.returncode == 0 and not (tmp_path / "two" / "report.html").exists()


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            {
                "trigger": "выделить",
                "agent": "Правительство",
                "amount_value": 5e9,
                "amount_unit": "RUB",
                "qualifier": None,
                "modality": "planned",
                "polarity": "positive",
                "date_start": "2024-01-01",
                "date_end": "2024-12-31",
            },
            [
                "выделить",
                "Правительство",
                "",
                "5 bn RUB",
                "2024-01-01 – 2024-12-31",
                "",
                "",
                "planned",
            ],
        ),
        (
            {
                "trigger": "получить",
                "amount_value": 3.7e6,
                "amount_unit": "USD",
                "qualifier": "gt",
                "polarity": "negative",
                "sector": "energy.oil_gas",
                "okved": "06",
                "location": "Татарстан",
            },
            [
                "получить",
                "",
                "",
                "> 3.7 mn USD",
                "",
                "06 Добыча сырой нефти и природного газа",  # no mention names it: the caption
                "Татарстан",
                "negated",
            ],
        ),
        (
            {"trigger": "инвестировать", "polarity": "positive"},
            ["инвестировать", "", "", "", "", "", "", "done"],
        ),
        (  # a dated amount without a trigger word (decision 132)
            {"trigger": None, "amount_value": 1.2e4, "amount_unit": "RUB", "date_start": "2021"},
            ["—", "", "", "12 K RUB", "2021", "", "", "done"],
        ),
    ],
)
def test_fact_cells_read_as_one_line(row, expected):
    from pipeline.pages.article import FACT_HEADINGS, fact_cells

    assert fact_cells(row) == expected
    assert len(expected) == len(FACT_HEADINGS)


@pytest.mark.parametrize(
    ("row", "amount", "when"),
    [
        ({"amount_value": 2.2e12, "amount_unit": "RUB", "qualifier": "approx"}, "≈ 2.2 tn RUB", ""),
        (  # a month reads as its TIMEX value, not as its first and last day
            {"date_start": "2013-12-01", "date_end": "2013-12-31", "date_timex": "2013-12"},
            "",
            "2013-12",
        ),
        (  # a TIMEX that is not a plain date (a duration) leaves the two ends
            {"date_start": "2020-01-01", "date_end": "2022-12-31", "date_timex": "P3Y"},
            "",
            "2020-01-01 – 2022-12-31",
        ),
    ],
)
def test_fact_amounts_and_dates_read_as_people_write_them(row, amount, when):
    from pipeline.pages.article import fact_cells

    cells = fact_cells(row)
    assert (cells[3], cells[4]) == (amount, when)


@pytest.mark.parametrize(
    ("row", "status"),
    [
        ({"polarity": "positive", "modality": "done"}, "done"),
        ({"polarity": "positive", "modality": "planned"}, "planned"),
        ({"polarity": "negative", "modality": "done"}, "negated"),
        ({"polarity": "negative", "modality": "planned"}, "negated, planned"),
        ({}, "done"),
    ],
)
def test_fact_status_names_what_makes_a_fact_less_than_done(row, status):
    from pipeline.pages.article import fact_status

    assert fact_status(row) == status


@pytest.mark.parametrize(
    ("sector", "okved", "names", "shown"),
    [
        ("ict.telecom", "61;61.1", {"ict.telecom": "Телекоммуникации"}, "Телекоммуникации · 61"),
        ("energy.oil_gas", "06", {}, "06 Добыча сырой нефти и природного газа"),
        ("made.up", None, {}, "made.up"),  # nothing better known: the id, not an empty cell
        (None, "61", {}, ""),
    ],
)
def test_a_facts_sector_is_named_not_shown_as_its_id(sector, okved, names, shown):
    from pipeline.pages.article import sector_text

    assert sector_text(sector, okved, names) == shown


# A sentence with a planned fact without an agent, and one with a negated dated fact; the
# rows come as pandas gives them (NA, NaN), as a batch worker reads them.
FACT_TEXT = "Компания выделит деньги. Банк не получил 5 млн рублей в 2024 году. Конец."
FACT_ROWS = [
    {
        "doc_id": "d",
        "fact_id": "F1",
        "sentence": 0,
        "trigger": "выделить",
        "polarity": "positive",
        "modality": "planned",
        "agent": pd.NA,
        "amount_value": float("nan"),
        "sector": "finance.banking",
        "okved": "64",
    },
    {
        "doc_id": "d",
        "fact_id": "F2",
        "sentence": 1,
        "trigger": "получить",
        "polarity": "negative",
        "modality": "done",
        "agent": "Банк",
        "amount_value": 5e6,
        "amount_unit": "RUB",
        "date_timex": "2024",
    },
]
FACT_MENTIONS = [
    {"mention_id": "M1", "type": "ORG", "start": 0, "end": 8, "text": "Компания", "sentence": 0},
    {
        "mention_id": "M2",
        "type": "SECTOR",
        "start": 25,
        "end": 29,
        "text": "Банк",
        "sentence": 1,
        "sector": "finance.banking",
        "normal": "Банки",
        "okved": "64",
    },
]


def _fact_page() -> str:
    article = ArticleInput(
        "d",
        FACT_TEXT,
        FACT_MENTIONS,
        sentence_ends=[24, 66, 72],
        facts=facts_by_sentence(FACT_ROWS),
    )
    return article_page([article])


def _summary(page: str) -> str:
    match = re.search(r'<section class="fact-summary".*?</section>', page, re.DOTALL)
    assert match, "no facts summary"
    return match.group(0)


def test_a_page_opens_with_a_summary_of_its_facts_linking_to_each_sentence():
    page = _fact_page()
    summary = _summary(page)
    assert page.index("fact-summary") < page.index('<div class="article"')
    assert summary.count("<tr>") == 3  # the heading row and one row per fact
    assert '<a href="#article-s0">0</a>' in summary and '<a href="#article-s1">1</a>' in summary
    body = _article_html(page)
    # The anchor stands where its sentence starts, after the facts of the sentence before.
    for sentence, start in ((0, 0), (1, 24)):
        anchor = f'<span class="anchor" id="article-s{sentence}"></span>'
        assert body.count(anchor) == 1
        assert (
            _text_of(body[: body.index(anchor)].split('<div class="facts"')[0])
            == (FACT_TEXT[:start])
        )
    assert body.index('id="article-s1"') > body.index('aria-label="facts of sentence 0"')
    without = re.sub(r'<div class="facts".*?</table></div>', "", body, flags=re.DOTALL)
    assert _text_of(without) == FACT_TEXT


def test_facts_spell_out_values_and_never_show_none_or_nan():
    page = _fact_page()
    facts = _summary(page) + "".join(re.findall(r'<div class="facts".*?</div>', page, re.DOTALL))
    for word in ("None", "nan", "NaN", "<NA>", "finance.banking"):
        assert word not in facts
    assert "Банки · 64" in facts  # the sector by the name its mention carries
    assert "5 mn RUB" in facts and ">2024<" in facts
    # A value the sentence does not give: a muted dash, "not found" for screen readers.
    assert '<td data-label="who" class="none"><span aria-hidden="true">—</span>' in facts
    assert '<span class="sr-only">not found</span>' in facts


def test_planned_and_negated_facts_are_marked_visibly():
    summary = _summary(_fact_page())
    assert '<span class="status st-planned">planned</span>' in summary
    assert '<span class="status st-negated">negated</span>' in summary


def test_a_page_without_facts_has_no_summary():
    page = article_page([ArticleInput("d", FACT_TEXT, FACT_MENTIONS)])
    assert '<section class="fact-summary"' not in page and 'class="anchor"' not in page


def test_several_documents_anchor_their_sentences_apart():
    one = ArticleInput(
        "a", FACT_TEXT, [], sentence_ends=[24, 66, 72], facts=facts_by_sentence(FACT_ROWS)
    )
    page = article_page([one, one])
    assert 'id="article-1-s1"' in page and 'id="article-2-s1"' in page
    assert 'href="#article-2-s1"' in page


def test_the_legend_spells_out_each_type_and_the_page_says_what_needs_a_script():
    from pipeline.pages.article import COLORS, TYPE_NAMES

    page = article_page([ArticleInput("d", FACT_TEXT, FACT_MENTIONS)])
    assert set(TYPE_NAMES) == set(COLORS)
    for label, name in TYPE_NAMES.items():
        assert f'<span class="chip t-{label}">{label}</span> {name}' in page
    assert "<noscript>" in page and "mentions.csv" in page


def _luminance(color: str) -> float:
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, two: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _css_colors() -> dict[str, str]:
    from tests.conftest import ROOT

    css = (ROOT / "pipeline" / "pages" / "templates" / "common.css").read_text(encoding="utf-8")
    variables = dict(re.findall(r"--(\w+): (#[0-9a-f]{6})", css))
    for status in ("planned", "negated"):
        rule = re.search(rf"\.status\.st-{status} \{{ background: (#\w+); color: (#\w+);", css)
        variables[f"{status}-bg"], variables[f"{status}-ink"] = rule.groups()
    return variables


def test_text_on_every_mention_colour_and_badge_meets_wcag_aa():
    from pipeline.pages.article import COLORS

    css = _css_colors()
    for label, color in COLORS.items():
        assert _contrast(css["ink"], color) >= 4.5, label
    assert _contrast(css["muted"], css["bg"]) >= 4.5
    for status in ("planned", "negated"):
        assert _contrast(css[f"{status}-ink"], css[f"{status}-bg"]) >= 4.5, status


# --------------------------------------------------------------------------- report facts


def _write_facts(folder, rows: list[dict]) -> None:
    from pipeline.schema import FACT_COLUMNS

    (folder / "facts").mkdir()
    typed_frame(rows, FACT_COLUMNS).to_parquet(folder / "facts" / "part-a.parquet")


def test_report_facts_table_spells_out_each_fact_and_links_its_sentence(small_output):
    (small_output / "pages").mkdir()
    facts = [
        {**FACT_ROWS[1], "doc_id": "b", "fact_id": "F2", "sentence": 2},
        {**FACT_ROWS[0], "doc_id": "a", "fact_id": "F1", "sentence": 1, "sector": "banking"},
        {**FACT_ROWS[1], "doc_id": "b", "fact_id": "F10", "sentence": 2, "agent": None},
    ]
    _write_facts(small_output, facts)
    context = report_context(load_output(small_output))
    assert context["n_facts"] == 3
    shown = [(f["doc_id"], f["cells"][1], f["href"]) for f in context["facts"]]
    assert shown == [
        ("a", "", "pages/a.html#article-s1"),
        ("b", "Банк", "pages/b.html#article-s2"),  # F2 before F10
        ("b", "", "pages/b.html#article-s2"),
    ]
    assert context["facts"][0]["cells"][5] == "Банки · 64"  # named as the Sectors table names it
    page = build_report(small_output).read_text(encoding="utf-8")
    table = re.search(r'<table class="facts-table" id="facts">.*?</table>', page, re.DOTALL)
    assert table and '<a href="pages/a.html#article-s1">1</a>' in table.group(0)
    assert "None" not in table.group(0) and "nan" not in table.group(0)
    assert 'id="n-facts" data-value="3"' in page


def test_report_facts_table_marks_the_agents_sector_from_the_article(small_output):
    """A party's sector from another sentence (guideline 309) reads "(по статье)" in the
    sector cell, unlinked in the report; the sentence's own sector cell stays empty."""
    fact = {**FACT_ROWS[1], "doc_id": "a", "agent_sector": "banking"}
    _write_facts(small_output, [{**fact, "agent_sector_mention_id": "M3"}])
    (row,) = report_context(load_output(small_output))["facts"]
    cell = row["cells"][5]
    assert cell == "" and [(s.text, s.href) for s in cell.elsewhere] == [("Банки (по статье)", "")]
    page = build_report(small_output).read_text(encoding="utf-8")
    assert '<span class="elsewhere"' in page and "Банки (по статье)" in page


def test_report_of_an_output_without_facts_says_nothing_of_them(small_output):
    context = report_context(load_output(small_output))
    assert context["n_facts"] is None and context["facts"] == []
    assert 'id="h-facts"' not in build_report(small_output).read_text(encoding="utf-8")


def test_report_of_extract_outputs_links_facts_into_a_page_of_several_documents(tmp_path):
    from pipeline.schema import FACT_COLUMNS

    sub = tmp_path / "file"
    sub.mkdir()
    typed_frame([_m("one", "M1", "ORG", normal="X")], MENTION_COLUMNS).to_parquet(
        sub / "mentions.parquet"
    )
    documents = [{"doc_id": "one", "characters": 5}, {"doc_id": "two", "characters": 5}]
    typed_frame(documents, DOCUMENT_COLUMNS).to_parquet(sub / "documents.parquet")
    typed_frame([{**FACT_ROWS[1], "doc_id": "two"}], FACT_COLUMNS).to_parquet(sub / "facts.parquet")
    (sub / "annotated.html").write_text("<p>page</p>", encoding="utf-8")
    context = report_context(load_output(tmp_path))
    assert [f["href"] for f in context["facts"]] == ["file/annotated.html#article-2-s1"]


def test_report_of_an_org_without_name_or_entity_leaves_it_out(tmp_path):
    mentions = [_m("a", "M1", "ORG"), _m("a", "M2", "ORG", normal="Газпром")]
    _write_output(tmp_path, mentions, [{"doc_id": "a", "characters": 1}])
    context = report_context(load_output(tmp_path))
    assert [o["name"] for o in context["orgs"]] == ["Газпром"]
    _write_output(tmp_path / "only", [_m("a", "M1", "ORG")], [{"doc_id": "a", "characters": 1}])
    assert report_context(load_output(tmp_path / "only"))["orgs"] == []


def test_a_headlines_facts_stand_at_the_top_of_the_text_and_its_link_works():
    text = "date 2024-02-10 Сбербанк выделил 5 млрд рублей\n\nТекст статьи. Конец."
    body_start = text.index("\n") + 1  # the line after the dateline
    fact = {"sentence": 0, "trigger": "выделить", "amount_value": 5e9, "amount_unit": "RUB"}
    article = ArticleInput(
        "d",
        text,
        [],
        sentence_ends=[text.index("\n"), len(text) - 6, len(text)],
        facts=facts_by_sentence([fact]),
    )
    page = article_page([article])
    assert 'href="#article-s0"' in _summary(page)
    body = _article_html(page)
    assert body.startswith(
        '<span class="anchor" id="article-s0"></span>'
        '<span class="s-end" data-s="article-s0"></span><div class="facts"'
    )
    without = re.sub(r'<div class="facts".*?</table></div>', "", body, flags=re.DOTALL)
    assert _text_of(without) == text[body_start:]


def test_the_header_links_to_the_facts_and_the_mentions_table():
    """A keyboard user reaches the table without tabbing through every mention."""
    page = _fact_page()
    header = re.search(r'<header class="doc-head">.*?</header>', page, re.DOTALL).group(0)
    for target, label in (("article-facts", "2 facts"), ("article-mentions", "2 mentions")):
        assert f'<a href="#{target}">{label}</a>' in header
        assert page.count(f'id="{target}"') == 1


def _extract_output(sub, doc_ids: list[str], fact_rows: list[dict]) -> None:
    from pipeline.schema import FACT_COLUMNS

    sub.mkdir()
    typed_frame([_m(doc_ids[0], "M1", "ORG", normal="X")], MENTION_COLUMNS).to_parquet(
        sub / "mentions.parquet"
    )
    documents = [{"doc_id": d, "characters": 5} for d in doc_ids]
    typed_frame(documents, DOCUMENT_COLUMNS).to_parquet(sub / "documents.parquet")
    typed_frame(fact_rows, FACT_COLUMNS).to_parquet(sub / "facts.parquet")
    (sub / "annotated.html").write_text("<p>page</p>", encoding="utf-8")


@pytest.mark.parametrize(
    ("folder", "quoted"),
    [
        ("run #1", "run%20%231"),  # review: a '#' in the folder cut the link at the wrong '#'
        ("отчёт 50%", "%D0%BE%D1%82%D1%87%D1%91%D1%82%2050%25"),
    ],
)
def test_report_links_of_extract_folders_with_odd_names(tmp_path, folder, quoted):
    _extract_output(tmp_path / folder, ["one", "two"], [{**FACT_ROWS[1], "doc_id": "two"}])
    context = report_context(load_output(tmp_path))
    assert [f["href"] for f in context["facts"]] == [f"{quoted}/annotated.html#article-2-s1"]
    pages = [row[-1] for row in json.loads(context["documents_json"])]
    assert pages == [f"{quoted}/annotated.html#article-{i}" for i in (1, 2)]


def test_report_escapes_fact_cells(tmp_path):
    fact = {**FACT_ROWS[1], "doc_id": "a<b>&c", "agent": "<script>x</script> & Co"}
    _extract_output(tmp_path / "file", ["a<b>&c"], [fact])
    page = build_report(tmp_path).read_text(encoding="utf-8")
    table = re.search(r'<table class="facts-table" id="facts">.*?</table>', page, re.DOTALL)
    assert table and "<script>x" not in table.group(0)
    assert "&lt;script&gt;x&lt;/script&gt; &amp; Co" in table.group(0)
    assert "a&lt;b&gt;&amp;c" in table.group(0)


def test_report_fact_with_a_nan_amount_shows_not_found(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    _extract_output(tmp_path / "file", ["one"], [{**FACT_ROWS[1], "doc_id": "one"}])
    # a facts table written by another tool: a missing amount as NaN, not null
    row = {**FACT_ROWS[1], "doc_id": "one", "amount_value": float("nan")}
    columns = {k: [v if v is not pd.NA else None] for k, v in row.items()}
    pq.write_table(pa.table(columns), tmp_path / "file" / "facts.parquet")
    cells = report_context(load_output(tmp_path))["facts"][0]["cells"]
    assert "nan" not in " ".join(cells)
