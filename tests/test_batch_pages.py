"""`batch --html` pages show each sentence's facts under it, as extract's annotated.html does:
both built from rows, through the real CLI entry point."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest

from pipeline.pages import ArticleInput, article_page
from pipeline.reader import Document
from tests.conftest import SEED, run_cli

FACTS = '<div class="facts"'


@pytest.mark.slow
def test_batch_page_shows_the_facts_extract_shows(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    (corpus / "plain.txt").write_text("Погода в Москве была тёплой.\n", encoding="utf-8")
    result = run_cli(
        "batch", corpus, "--out", tmp_path / "batch", "--workers", "1", "--html", "--no-progress"
    )
    assert result.returncode == 0, result.stderr
    result = run_cli("extract", SEED, "--out", tmp_path / "extract", "--no-progress")
    assert result.returncode == 0, result.stderr

    batch_page = (tmp_path / "batch" / "pages" / f"{SEED.stem}.html").read_text(encoding="utf-8")
    extract_page = (tmp_path / "extract" / "annotated.html").read_text(encoding="utf-8")
    assert batch_page.count(FACTS) == 1  # the seed's one fact (tests/test_facts.py)
    assert batch_page == extract_page
    plain = (tmp_path / "batch" / "pages" / "plain.html").read_text(encoding="utf-8")
    assert FACTS not in plain and "Москве" in plain


TEXT = "Банк купил завод за 5 млн рублей. Погода была тёплой."
FACT = {"doc_id": "d", "fact_id": "F1", "sentence": 0, "trigger": "купить", "agent": "Банк"}


@pytest.mark.parametrize(
    ("facts", "ends", "shown_after"),
    [
        ([FACT], [33, len(TEXT)], "рублей."),
        ([{**FACT, "sentence": 1}], [33, len(TEXT)], "тёплой."),
        ([FACT], None, None),  # no sentence ends: no facts
        ([], [33, len(TEXT)], None),
        ([{**FACT, "sentence": 5}], [33, len(TEXT)], None),  # no such sentence
    ],
    ids=["first sentence", "second sentence", "no ends", "no facts", "out of range"],
)
def test_article_from_document_places_facts(facts, ends, shown_after) -> None:
    document = Document("d", TEXT, "d.txt", "utf-8", date(2025, 1, 2), "Заголовок")
    article = ArticleInput.from_document(document, [], facts, ends)
    assert (article.title, article.date) == ("Заголовок", "2025-01-02")
    page = article_page([article])
    if shown_after is None:
        assert FACTS not in page
    else:
        before = page.split(FACTS, 1)[0]
        end = '<span class="s-end" data-s="article-s'  # the sentence's end mark, then its facts
        assert before.rsplit(end, 1)[0].endswith(shown_after) and "Банк" in page.split(FACTS, 1)[1]


def test_worker_pages_take_sentence_ends_from_its_own_doc(nlp, tmp_path, monkeypatch) -> None:
    """batch --html no longer tokenises a document again for its page: the sentence ends come
    from the Doc the worker already made, and the page is the one those ends gave before."""
    from pipeline.batch import worker
    from pipeline.batch.model import WorkerSettings
    from pipeline.batch.parts import PartRows
    from pipeline.pages.paths import page_relpath
    from pipeline.reader import read_documents

    documents = [*read_documents(SEED), Document("plain", "Погода была тёплой.", "p.txt", "utf-8")]
    settings = WorkerSettings(str(tmp_path), str(tmp_path), None, None, 64, html=True)
    made: list[str] = []
    original = type(nlp).make_doc
    monkeypatch.setattr(
        type(nlp), "make_doc", lambda self, text: made.append(text) or original(self, text)
    )
    rows = PartRows()
    worker._run_chunk(nlp, documents, rows, 64, settings)
    assert made == [d.text for d in documents]  # once each, for the pipeline itself
    seed = documents[0]
    facts = [row for row in rows.facts if row["doc_id"] == seed.doc_id]
    assert facts  # the seed has a fact, so its page needs sentence ends
    ends = [sentence.end_char for sentence in original(nlp, seed.text).sents]
    mentions = [row for row in rows.mentions if row["doc_id"] == seed.doc_id]
    relations = [row for row in rows.relations if row["doc_id"] == seed.doc_id]
    expected = article_page([ArticleInput.from_document(seed, mentions, facts, ends, relations)])
    assert (tmp_path / page_relpath(seed.doc_id)).read_text(encoding="utf-8") == expected
    assert FACTS in expected


def test_table_rows_hands_each_whole_doc_to_the_hook(nlp) -> None:
    from pipeline.runner import table_rows

    documents = [
        Document(f"d{i}", text, "m", "utf-8")
        for i, text in enumerate(["Погода тёплая. Завод закрыт.", "Дождь."])
    ]
    seen: list[tuple[str, int]] = []
    table_rows(
        documents,
        nlp,
        seen=lambda document, doc: seen.append((document.doc_id, len(list(doc.sents)))),
    )
    assert seen == [("d0", 2), ("d1", 1)]


def test_worker_page_of_a_long_document_shows_its_first_part(nlp, tmp_path, monkeypatch) -> None:
    """batch --html pages follow `[long_documents] page_chars` as extract's page does: a
    document past it gets a page of its first part and a note; its rows stay whole."""
    from pipeline.batch import worker
    from pipeline.batch.model import WorkerSettings
    from pipeline.batch.parts import PartRows
    from pipeline.pages.paths import page_relpath

    paragraph = "Компания «Вектор» открыла завод в Казани 3 марта 2024 года."
    text = "\n\n".join([paragraph] * 40)
    monkeypatch.setitem(nlp.meta, "page_chars", 500)
    settings = WorkerSettings(str(tmp_path), str(tmp_path), None, None, 64, html=True)
    rows = PartRows()
    worker._run_chunk(nlp, [Document("long", text, "long.txt", "utf-8")], rows, 64, settings)
    page = (tmp_path / page_relpath("long")).read_text(encoding="utf-8")
    assert 'class="meta note"' in page and f"{len(text):,}" in page
    assert max(row["end"] for row in rows.mentions) > 500  # the rows keep the whole text
    shown = re.search(r"with their ([\d,]+) of its ([\d,]+) mentions", page)
    assert shown and shown[2] == f"{len(rows.mentions):,}"
    assert 0 < int(shown[1].replace(",", "")) < len(rows.mentions)
