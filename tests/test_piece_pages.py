"""A document run in pieces (`[long_documents] piece_chars`) has its facts on its page, as a
document run whole does: the pieces' sentence ends are joined with the rows, sentence numbers
are document-wide in the tables and on the page alike, a first-part page keeps the facts up
to its cut and says how many lie beyond it, and report.html's links land on anchors that
exist. The text is invented: money facts in every paragraph, pieces of 1,000 characters."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from pipeline.commands import extract
from pipeline.pages.links import LINK_LABELS
from pipeline.pieces import piece_bounds, run_pieces
from pipeline.reader import Document

PIECE = 1_000
COMPANIES = ("Северная верфь", "Уральский химзавод", "Восточный порт", "Невская энергия")
BANKS = ("Заря", "Рассвет", "Меридиан")


def _paragraph(i: int) -> str:
    company, bank = COMPANIES[i % len(COMPANIES)], BANKS[i % len(BANKS)]
    return (
        f"Компания «{company}» в {2010 + i % 12} году получила {i + 2} млрд рублей от банка "
        f"«{bank}». Погода в городе была тёплой, и жители гуляли по набережной до вечера. "
        "Местные газеты писали о новом парке, открытом весной у реки. "
        f"Правительство выделило {i + 3} млн рублей на ремонт дорог в области."
    )


TEXT = "\n\n".join(_paragraph(i) for i in range(16))


class _Bar:
    def update(self, n: int = 1) -> None:
        pass


@pytest.fixture()
def pieces(nlp, monkeypatch):
    """The pipeline with `[long_documents] piece_chars` = 1,000 (setitem restores the shared
    pipeline's setting afterwards, as a config file's value would be read into it)."""
    monkeypatch.setitem(nlp.meta, "piece_chars", PIECE)
    return nlp


def _document() -> Document:
    return Document("long", TEXT, "<memory>", "utf-8", None)


def test_pieced_sentence_numbers_are_the_whole_documents(pieces) -> None:
    """Pieces do not restart the numbering: a fact's `sentence` in the pieced tables is the
    one the same text run whole gives, and the joined ends place every mention."""
    from pipeline.tables import doc_rows

    assert len(piece_bounds(TEXT, PIECE)) >= 5
    joined = run_pieces(_document(), pieces, PIECE)
    mentions, document, _, facts = joined.rows()
    ends = list(joined.sentence_ends)
    assert len(ends) == document["sentences"] and ends == sorted(ends) and ends[-1] == len(TEXT)
    for row in mentions:
        s = row["sentence"]
        assert (ends[s - 1] if s else 0) <= row["start"] < row["end"] <= ends[s], row
    whole = doc_rows(pieces(TEXT))[3]
    key = ("sentence", "trigger", "agent", "amount_value")
    assert [tuple(f[k] for k in key) for f in facts] == [tuple(f[k] for k in key) for f in whole]
    assert len({f["sentence"] for f in facts}) > 10 and facts[-1]["sentence"] > 40


class _Page(HTMLParser):
    """The page's ids, its summary's links, its note, and the article body read in order:
    the body's own text, and at each anchor or facts table how much text came before it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []  # the facts summary's
        self.link_lines: list[str] = []  # the Links table's (relations)
        self._summary = ""  # the summary section the parser is in: "fact-summary" or ...
        self.anchors: dict[str, int] = {}
        self.blocks: list[tuple[int, int, list[list[str]]]] = []  # sentence, before, rows
        self.body, self.note = "", ""
        self._where: list[str] = []  # "body", "facts", "note", "td" as they nest
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        classes = (attrs.get("class") or "").split()
        if tag == "section" and classes[:1] in (["fact-summary"], ["link-summary"]):
            self._summary = classes[0]
        if tag == "a" and (attrs.get("href") or "").startswith("#article-s"):
            kept = self.links if self._summary == "fact-summary" else self.link_lines
            kept.append(attrs["href"][1:])
        if tag == "div" and "article" in classes:
            self._where, self._depth = ["body"], 1
        elif self._where[:1] == ["body"] and tag == "div":
            self._depth += 1
            if "facts" in classes:
                sentence = int(attrs["aria-label"].rsplit(" ", 1)[1])
                self.blocks.append((sentence, len(self.body), []))
                self._where.append("facts")
        elif self._where[-1:] == ["facts"] and tag == "tr":
            self.blocks[-1][2].append([])
        elif self._where[-1:] == ["facts"] and tag == "td":
            self.blocks[-1][2][-1].append("")
            self._where.append("td")
        elif tag == "span" and "anchor" in classes and self._where[:1] == ["body"]:
            self.anchors[attrs["id"]] = len(self.body)
        elif tag == "p" and "note" in classes:
            self._where = ["note"]

    def handle_endtag(self, tag):
        if tag == "section":
            self._summary = ""
        if self._where[-1:] == ["td"] and tag == "td":
            self._where.pop()
        elif self._where[:1] == ["body"] and tag == "div":
            self._depth -= 1
            if self._where[-1] == "facts":
                self._where.pop()
            elif self._depth == 0:
                self._where = []
        elif self._where == ["note"] and tag == "p":
            self._where = []

    def handle_data(self, data):
        if self._where == ["body"]:
            self.body += data
        elif self._where[-1:] == ["td"]:
            self.blocks[-1][2][-1][-1] += data
        elif self._where == ["note"]:
            self.note += data


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _assert_facts_under_their_sentences(page: _Page, facts: pd.DataFrame, ends: list[int]):
    """Each sentence's facts stand right after its text, its anchor right before it, one row
    per fact in the facts table's order, naming the fact's agent; the summary links there."""
    by_sentence = {s: rows for s, rows in facts.groupby("sentence", sort=True)}
    assert [b[0] for b in page.blocks] == list(by_sentence)
    for sentence, before, rows in page.blocks:
        table = by_sentence[sentence]
        assert before == ends[sentence]  # the sentence's text ends where its facts begin
        assert [r[1] for r in rows if r] == list(table["agent"].fillna(""))
        start = page.anchors[f"article-s{sentence}"]
        assert start == (ends[sentence - 1] if sentence else 0)
    assert sorted(set(page.links)) == sorted(f"article-s{s}" for s in by_sentence)
    assert len(page.links) == len(facts)  # one summary row per fact
    assert set(page.links) <= page.ids
    assert set(page.link_lines) <= page.ids  # the Links table's lines land on anchors too


def test_a_pieced_documents_page_shows_every_fact_under_its_sentence(pieces, tmp_path) -> None:
    extract._extract_file(pieces, [_document()], tmp_path, _Bar())
    facts = pd.read_parquet(tmp_path / "facts.parquet")
    assert len(facts) >= 20 and facts["sentence"].max() > 40
    ends = list(run_pieces(_document(), pieces, PIECE).sentence_ends)
    page = _parse(tmp_path / "annotated.html")
    assert page.body == TEXT and not page.note
    _assert_facts_under_their_sentences(page, facts, ends)
    relations = pd.read_parquet(tmp_path / "relations.parquet")
    linked = relations[relations["type"].isin(list(LINK_LABELS))]
    assert len(page.link_lines) == len(linked) > 0  # the pieces' links, each to its sentence


def test_a_first_part_page_keeps_the_facts_up_to_its_cut(pieces, tmp_path, monkeypatch) -> None:
    monkeypatch.setitem(pieces.meta, "page_chars", 3_000)
    extract._extract_file(pieces, [_document()], tmp_path, _Bar())
    facts = pd.read_parquet(tmp_path / "facts.parquet")
    ends = list(run_pieces(_document(), pieces, PIECE).sentence_ends)
    cut = piece_bounds(TEXT[:3_001], 3_000)[0][1]
    whole = sum(1 for end in ends if end <= cut)  # sentences shown whole
    shown, beyond = facts[facts["sentence"] < whole], facts[facts["sentence"] >= whole]
    assert len(shown) > 3 and len(beyond) > 10
    page = _parse(tmp_path / "annotated.html")
    assert page.body == TEXT[:cut]
    _assert_facts_under_their_sentences(page, shown, ends)
    assert f"{len(beyond):,} of its {len(facts):,} facts are in sentences beyond" in page.note
    assert "facts.csv" in page.note
    # The sentences beyond the cut keep an anchor, on the note: a link to them lands there.
    assert {f"article-s{s}" for s in beyond["sentence"]} <= page.ids
    assert not {f"article-s{s}" for s in beyond["sentence"]} & set(page.anchors)


@pytest.mark.parametrize("page_chars", [1_000_000, 3_000], ids=["whole page", "first part"])
def test_report_links_to_a_pieced_documents_facts_land_on_anchors(
    pieces, tmp_path, monkeypatch, page_chars
) -> None:
    from pipeline.pages.report import build_report

    monkeypatch.setitem(pieces.meta, "page_chars", page_chars)
    short = Document("short", _paragraph(3), "<memory>", "utf-8", None)
    extract._extract_file(pieces, [_document()], tmp_path / "long", _Bar())
    extract._extract_file(pieces, [short], tmp_path / "short", _Bar())
    report = build_report(tmp_path).read_text(encoding="utf-8")
    link = r'href="((?:long|short)/annotated\.html)#([^"]+)"'
    links = re.findall(link, report)  # the facts table's and the largest amounts' alike
    table = re.search(r'<table class="facts-table" id="facts">.*?</table>', report, re.DOTALL)
    in_table = re.findall(link, table.group(0)) if table else []
    facts = pd.read_parquet(tmp_path / "long" / "facts.parquet")
    assert sum(1 for page, _ in in_table if page.startswith("long/")) == len(facts)
    assert any(page.startswith("short/") for page, _ in links)
    pages = {name: _parse(tmp_path / name / "annotated.html").ids for name in ("long", "short")}
    for page, anchor in links:
        assert anchor in pages[page.split("/")[0]], (page, anchor)


def test_a_batch_page_of_a_pieced_document_shows_its_facts(pieces, tmp_path) -> None:
    """batch --html takes the joined ends too: its page is extract's page."""
    from pipeline.batch import worker
    from pipeline.batch.model import WorkerSettings
    from pipeline.batch.parts import PartRows
    from pipeline.pages.paths import page_relpath

    settings = WorkerSettings(str(tmp_path), str(tmp_path), None, None, 64, html=True)
    worker._run_chunk(pieces, [_document()], PartRows(), 64, settings)
    extract._extract_file(pieces, [_document()], tmp_path / "extract", _Bar())
    batch_page = (tmp_path / page_relpath("long")).read_text(encoding="utf-8")
    assert batch_page == (tmp_path / "extract" / "annotated.html").read_text(encoding="utf-8")
    assert batch_page.count('<div class="facts"') > 10
