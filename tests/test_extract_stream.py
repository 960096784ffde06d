"""`extract` on the batch path: tables written a slice at a time equal the whole-frame tables
it wrote before (CSV text and Parquet rows), on a document run in pieces beside a short one;
the annotated page streamed in chunks is the page built whole; a long document's page shows
its first part with a note while its tables stay whole. Behaviour only: memory is measured
by scripts/memory_probe.py and `/usr/bin/time -v`, never asserted here."""

from __future__ import annotations

import json
import random
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from pipeline.batch import parts
from pipeline.commands import extract
from pipeline.pages import article as article_module
from pipeline.pages import markup as markup_module
from pipeline.pages.markup import Mark, markup, markup_chunks
from pipeline.pieces import piece_bounds
from pipeline.reader import Document
from pipeline.schema import DOCUMENT_COLUMNS, FACT_COLUMNS, MENTION_COLUMNS, RELATION_COLUMNS
from tests.conftest import SEED

TABLES = {
    "mentions": MENTION_COLUMNS,
    "documents": DOCUMENT_COLUMNS,
    "relations": RELATION_COLUMNS,
    "facts": FACT_COLUMNS,
}
SHORT = "Компания «Северная верфь» в 2024 году получила 5 млрд рублей от банка «Заря»."


class _Bar:
    def update(self, n: int = 1) -> None:
        pass


@pytest.fixture()
def small_pieces(nlp, monkeypatch):
    """Pieces of 2,000 characters and Parquet/CSV slices of 7 rows: a few thousand
    characters take every path a book does (setitem restores the shared pipeline's meta)."""
    monkeypatch.setitem(nlp.meta, "piece_chars", 2_000)
    monkeypatch.setattr(parts, "FRAME_ROWS", 7)
    return nlp


def _long_text(repeats: int = 2) -> str:
    article = re.sub(r"\A\s*date \S+\s*", "", SEED.read_text(encoding="utf-8")).strip()
    return "\n\n".join([article] * repeats)


def _documents() -> list[Document]:
    return [
        Document("long", _long_text(), "<memory>", "utf-8", None),
        Document("short", SHORT, "<memory>", "utf-8", None),
    ]


def _whole_frame_tables(nlp, documents: list[Document], folder: Path) -> None:
    """The tables as extract wrote them before: all rows as dicts, one pandas frame each."""
    from pipeline.runner import table_rows
    from pipeline.tables import typed_frame

    collected = {name: [] for name in TABLES}
    for mentions, document, relations, facts in table_rows(documents, nlp):
        for name, rows in zip(TABLES, (mentions, [document], relations, facts), strict=True):
            collected[name].extend(rows)
    folder.mkdir()
    for name, columns in TABLES.items():
        frame = typed_frame(collected[name], columns)
        frame.to_csv(folder / f"{name}.csv", index=False)
        frame.to_parquet(folder / f"{name}.parquet", index=False)


def test_sliced_tables_equal_the_whole_frame_tables_on_a_document_in_pieces(small_pieces, tmp_path):
    nlp, documents = small_pieces, _documents()
    assert len(piece_bounds(documents[0].text, 2_000)) > 3  # really in pieces
    summary = extract._extract_file(nlp, documents, tmp_path / "new", _Bar())
    _whole_frame_tables(nlp, documents, tmp_path / "old")
    mentions = pd.read_parquet(tmp_path / "old" / "mentions.parquet")
    assert len(mentions) > 7 * 3  # several slices
    assert set(mentions["doc_id"]) == {"long", "short"}
    for name in TABLES:
        new, old = tmp_path / "new" / name, tmp_path / "old" / name
        csv_new = new.with_suffix(".csv").read_text(encoding="utf-8")
        assert csv_new == old.with_suffix(".csv").read_text(encoding="utf-8"), name
        pd.testing.assert_frame_equal(
            pd.read_parquet(new.with_suffix(".parquet")),
            pd.read_parquet(old.with_suffix(".parquet")),
        )
    counts = mentions["type"].value_counts()
    assert summary == ", ".join(f"{t} {counts[t]}" for t in sorted(counts.index))


class _PageData(HTMLParser):
    """The mention data and table JSON of each section, and the text of the article bodies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.json: dict[str, list] = {"mention-data": [], "mention-table": []}
        self.text, self.notes = [], []
        self._in, self._depth = None, 0
        self._facts_at: int | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("class") in self.json:
            self._in = attrs["class"]
            self.json[self._in].append("")
        elif tag == "div" and attrs.get("class") == "article":
            self._in, self._depth = "body", 1
            self.text.append("")
        elif self._in == "body" and tag == "div":
            self._depth += 1
            if attrs.get("class") == "facts":  # a sentence's facts: not the article's text
                self._facts_at = self._depth
        elif tag == "p" and "note" in (attrs.get("class") or ""):
            self._in = "note"
            self.notes.append("")

    def handle_endtag(self, tag):
        if self._in == "body" and tag == "div":
            if self._depth == self._facts_at:
                self._facts_at = None
            self._depth -= 1
            if self._depth == 0:
                self._in = None
        elif (self._in in self.json and tag == "script") or (self._in == "note" and tag == "p"):
            self._in = None

    def handle_data(self, data):
        if self._in in self.json:
            self.json[self._in][-1] += data
        elif self._in == "body" and self._facts_at is None:
            self.text[-1] += data
        elif self._in == "note":
            self.notes[-1] += data


def _page(path: Path) -> _PageData:
    parsed = _PageData()
    parsed.feed(path.read_text(encoding="utf-8"))
    return parsed


def test_a_long_documents_page_shows_its_first_part_with_a_note(
    small_pieces, tmp_path, monkeypatch
):
    nlp = small_pieces
    monkeypatch.setitem(nlp.meta, "page_chars", 3_000)
    text = _long_text()
    extract._extract_file(
        nlp, [Document("long", text, "<memory>", "utf-8", None)], tmp_path, _Bar()
    )
    mentions = pd.read_parquet(tmp_path / "mentions.parquet")
    assert mentions["end"].max() > 3_000  # the tables keep the whole document
    cut = piece_bounds(text[:3_001], 3_000)[0][1]
    page = _page(tmp_path / "annotated.html")
    assert page.text == [text[:cut]]
    shown = json.loads(page.json["mention-table"][0])
    assert len(shown) == int((mentions["end"] <= cut).sum()) > 0
    html = (tmp_path / "annotated.html").read_text(encoding="utf-8")
    id_column = int(re.search(r'data-col="(\d+)"[^>]*>mention_id<', html).group(1))
    assert {row[id_column] for row in shown} == set(
        mentions.loc[mentions["end"] <= cut, "mention_id"]
    )
    assert json.loads(page.json["mention-data"][0])  # the tooltip's columns
    (note,) = page.notes
    assert f"first {cut:,} of the document's {len(text):,} characters" in note
    assert f"{len(shown):,} of its {len(mentions):,} mentions" in note


def test_a_document_within_the_page_size_has_its_whole_page(small_pieces, tmp_path):
    text = _long_text()
    extract._extract_file(
        small_pieces, [Document("long", text, "<memory>", "utf-8", None)], tmp_path, _Bar()
    )
    page = _page(tmp_path / "annotated.html")
    assert page.text == [text] and not page.notes
    assert len(json.loads(page.json["mention-table"][0])) == len(
        pd.read_parquet(tmp_path / "mentions.parquet")
    )


def test_the_page_is_the_same_whatever_its_chunk_sizes(seed_doc, monkeypatch):
    from pipeline.pages import ArticleInput, article_page
    from pipeline.tables import sentence_facts

    articles = [ArticleInput.from_doc(seed_doc, sentence_facts(seed_doc))] * 2
    whole = article_page(articles)
    monkeypatch.setattr(article_module, "JSON_ROWS", 2)
    monkeypatch.setattr(article_module, "CLEAN_ONCE", 10)  # rows cleaned on every pass
    monkeypatch.setattr(markup_module, "CHUNK_PIECES", 3)
    heading = article_module.page_heading(articles)
    chunks = list(article_module.page_chunks(iter(articles), heading, False))
    assert len(chunks) > 100
    assert "".join(chunks) == whole


def test_a_page_of_no_documents_is_still_a_page():
    from pipeline.pages import article_page

    page = "".join(article_module.page_chunks(iter([]), "Annotated articles", False))
    assert page == article_page([]) and page.rstrip().endswith("</html>")


@pytest.mark.parametrize("seed", range(4))
def test_markup_chunks_join_to_the_markup(seed, monkeypatch):
    rng = random.Random(seed)
    text = "".join(rng.choice("аб <&\n\r") for _ in range(300))
    marks = []
    for i in range(60):
        start = rng.randrange(300)
        marks.append(Mark(start, min(300, start + rng.randrange(1, 40)), f"M{i}", "ORG"))
    monkeypatch.setattr(markup_module, "CHUNK_PIECES", 2)
    chunks = list(markup_chunks(text, marks, 5, 290))
    assert len(chunks) > 10
    assert "".join(chunks) == markup(text, marks, 5, 290)


@pytest.mark.parametrize("value", ["0", "999", "'big'", "true"])
def test_page_size_must_be_a_sensible_whole_number(tmp_path, value):
    from pipeline.config import load_config
    from pipeline.errors import InputError

    config = tmp_path / "pipeline.toml"
    config.write_text(f"[pipeline]\nstages = []\n[long_documents]\npage_chars = {value}\n")
    with pytest.raises(InputError, match="page_chars"):
        load_config(config)


def test_a_failing_document_leaves_no_page_or_table_behind(nlp, tmp_path, monkeypatch):
    """The page is written while the documents run: a failure half-way must not leave half
    a page (nor its temporary file) beside the previous results."""
    from pipeline import tables

    real = tables.doc_rows

    def failing(doc):
        if doc._.doc_id == "bad":
            raise ValueError("stage exploded")
        return real(doc)

    monkeypatch.setattr(tables, "doc_rows", failing)
    out = tmp_path / "out"
    out.mkdir()
    (out / "annotated.html").write_text("previous page", encoding="utf-8")
    documents = [
        Document("good", SHORT, "<memory>", "utf-8", None),
        Document("bad", SHORT, "<memory>", "utf-8", None),
    ]
    with pytest.raises(ValueError, match="stage exploded"):
        extract._extract_file(nlp, documents, out, _Bar())
    assert [p.name for p in out.iterdir()] == ["annotated.html"]
    assert (out / "annotated.html").read_text(encoding="utf-8") == "previous page"
