"""Assembling the configured spaCy pipeline and running documents through it."""

from __future__ import annotations

import ctypes
import importlib
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import extensions
from pipeline import tokenizer as _tokenizer  # noqa: F401 (registers razdel_tokenizer)
from pipeline.config import PipelineConfig, load_config
from pipeline.reader import Document


def build_pipeline(config: PipelineConfig) -> Language:
    extensions.register()
    nlp = spacy.blank("ru", config={"nlp": {"tokenizer": {"@tokenizers": "razdel_tokenizer"}}})
    for stage in config.stages:
        importlib.import_module(stage.module)  # registers the factory
        nlp.add_pipe(stage.factory, name=stage.name, config=stage.settings)
    return nlp


@lru_cache(maxsize=4)
def load_pipeline(config_path: str | None = None) -> Language:
    """The pipeline for a config file, built once per process."""
    return build_pipeline(load_config(Path(config_path) if config_path else None))


def make_doc(nlp: Language, document: Document) -> Doc:
    doc = nlp.make_doc(document.text)
    doc._.doc_id = document.doc_id
    doc._.article_date = document.date
    doc._.title = document.title
    doc._.source = document.source
    doc._.encoding = document.encoding
    return doc


def process(
    documents: Iterable[Document], nlp: Language | None = None, batch_size: int = 64
) -> Iterator[Doc]:
    """Docs for documents, in order. Taggers sort each batch's sentences by length, so larger
    batches pad less; 64 news articles stay a few MB."""
    nlp = nlp or load_pipeline()
    docs = (make_doc(nlp, d) for d in documents)
    yield from nlp.pipe(docs, batch_size=batch_size)


def table_rows(
    documents: Iterable[Document], nlp: Language | None = None, batch_size: int = 64
) -> list[tuple[list[dict], dict]]:
    """(mention rows, document row) for each document, for long runs: only rows are kept, and
    the freed heap is handed back to the system after each batch. (spaCy's memory zones would
    also free each batch's lexemes, but re-creating them costs a tenth of the run; batch
    workers rebuild the pipeline every few thousand documents instead.)"""
    from pipeline.tables import document_row, mention_rows

    nlp = nlp or load_pipeline()
    rows = [(mention_rows(d), document_row(d)) for d in process(documents, nlp, batch_size)]
    _trim_heap()
    return rows


def linked_table_rows(
    documents: Iterable[Document], nlp: Language | None = None, batch_size: int = 64
) -> list[tuple[list[dict], dict, list[dict], list[dict]]]:
    """(mention rows, document row, relation rows, fact rows) for each document: table_rows
    with the relation stage's tables, whose mention ids are the mention rows' own."""
    from pipeline.tables import document_row, fact_rows, mention_ids, mention_rows, relation_rows

    nlp = nlp or load_pipeline()
    rows = []
    for doc in process(documents, nlp, batch_size):
        ids = mention_ids(doc)
        rows.append(
            (mention_rows(doc), document_row(doc), relation_rows(doc, ids), fact_rows(doc, ids))
        )
    _trim_heap()
    return rows


def _trim_heap() -> None:
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to hand back this way
        pass


def extract_texts(items: Iterable[tuple[str, str, date | None]], nlp: Language | None = None):
    """Mentions table for (doc_id, text, article date) triples: the evaluation's entry point."""
    from pipeline.tables import mentions_table

    documents = (Document(i, text, "<memory>", "utf-8", when) for i, text, when in items)
    return mentions_table(process(documents, nlp))


def extract_tables(items: Iterable[tuple[str, str, date | None]], nlp: Language | None = None):
    """(mentions, relations) tables for (doc_id, text, article date) triples: the evaluation's
    entry point when the gold has relations (one run gives both)."""
    from pipeline.tables import mentions_table, relations_table

    documents = (Document(i, text, "<memory>", "utf-8", when) for i, text, when in items)
    docs = list(process(documents, nlp))
    return mentions_table(docs), relations_table(docs)
