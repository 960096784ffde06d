"""Assembling the configured spaCy pipeline and running documents through it."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import extensions
from pipeline.config import PipelineConfig, load_config
from pipeline.extensions import make_doc
from pipeline.memory import freeze_loaded, trim_heap
from pipeline.pieces import DEFAULT_PIECE_CHARS, run_pieces
from pipeline.reader import Document
from pipeline.stages import tokenizer as _tokenizer  # noqa: F401 (registers razdel_tokenizer)

if TYPE_CHECKING:
    import pandas as pd


def build_pipeline(config: PipelineConfig) -> Language:
    extensions.register()
    nlp = spacy.blank("ru", config={"nlp": {"tokenizer": {"@tokenizers": "razdel_tokenizer"}}})
    for stage in config.stages:
        importlib.import_module(stage.module)  # registers the factory
        nlp.add_pipe(stage.factory, name=stage.name, config=stage.settings)
    nlp.meta["piece_chars"] = config.long_documents.get("piece_chars", DEFAULT_PIECE_CHARS)
    nlp.meta["page_chars"] = config.long_documents.get("page_chars", DEFAULT_PAGE_CHARS)
    return nlp


@lru_cache(maxsize=4)
def load_pipeline(config_path: str | None = None) -> Language:
    """The pipeline for a config file, built once per process. Loading leaves ~25 MB of
    freed heap behind (the taggers' duplicate vocabularies, the model files read whole):
    handed back to the system at once, a worker starts that much smaller."""
    nlp = build_pipeline(load_config(Path(config_path) if config_path else None))
    trim_heap()
    freeze_loaded()
    return nlp


def process(
    documents: Iterable[Document], nlp: Language | None = None, batch_size: int = 64
) -> Iterator[Doc]:
    """Docs for documents, in order. Taggers sort each batch's sentences by length, so larger
    batches pad less; 64 news articles stay a few MB."""
    nlp = nlp or load_pipeline()
    docs = (make_doc(nlp, d) for d in documents)
    yield from nlp.pipe(docs, batch_size=batch_size)


Rows = tuple[Sequence[dict], dict, list[dict], list[dict]]


def table_rows(
    documents: Iterable[Document],
    nlp: Language | None = None,
    batch_size: int = 64,
    seen: Callable[[Document, Doc], None] | None = None,
    pieced: Callable[[Document, Sequence[int]], None] | None = None,
) -> list[Rows]:
    """(mention rows, document row, relation rows, fact rows) for each document, in order;
    the relation and fact rows name the mention rows' own ids. Only rows are kept, and the
    freed heap is handed back to the system after each batch. A document longer than the
    piece size runs in pieces (`pieces.long_rows`): its mention rows are held compact
    (`CompactRows`, read like a list of dicts). (spaCy's memory zones would also free each
    batch's lexemes, but re-creating them costs a tenth of the run; batch workers rebuild
    the pipeline every few thousand documents instead.) `seen`, if given, is called with each
    document run whole and its Doc, while the Doc is alive: what a caller needs from the Doc
    beyond the rows (a batch page's sentence ends) without tokenising the text again;
    `pieced`, if given, is called with each document run in pieces and its sentence ends
    (`pieces.Joined.sentence_ends`: numbered as its tables number sentences)."""
    from pipeline.tables import doc_rows

    nlp = nlp or load_pipeline()
    rows: list[Rows] = []
    for document, doc in process_each(documents, nlp, batch_size):
        if doc is None:
            joined = run_pieces(document, nlp, piece_size(nlp))
            if pieced is not None:
                pieced(document, joined.sentence_ends)
            rows.append(joined.rows())
            continue
        if seen is not None:
            seen(document, doc)
        rows.append(doc_rows(doc))
    trim_heap()
    return rows


BATCH_PIECES = 5


def piece_size(nlp: Language) -> int:
    return nlp.meta.get("piece_chars", DEFAULT_PIECE_CHARS)


# A long document's annotated page shows this many characters at most (`extract`); its
# tables are always whole.
DEFAULT_PAGE_CHARS = 1_000_000


def page_size(nlp: Language) -> int:
    return nlp.meta.get("page_chars", DEFAULT_PAGE_CHARS)


def process_each(
    documents: Iterable[Document], nlp: Language, batch_size: int = 64
) -> Iterator[tuple[Document, Doc | None]]:
    """(document, its Doc) in order; None for a document longer than the piece size, which
    the caller runs in pieces (`pieces.long_rows`) when it comes. A batch also ends at
    BATCH_PIECES pieces' worth of characters: 64 documents just under the piece size would
    otherwise be tagged at once."""
    size, short, characters = piece_size(nlp), [], 0
    for document in documents:
        if len(document.text) <= size:
            short.append(document)
            characters += len(document.text)
            if len(short) < batch_size and characters < BATCH_PIECES * size:
                continue
        yield from zip(short, process(short, nlp, batch_size), strict=True)
        short, characters = [], 0
        if len(document.text) > size:
            yield document, None
    yield from zip(short, process(short, nlp, batch_size), strict=True)


def extract_texts(
    items: Iterable[tuple[str, str, date | None]],
    nlp: Language | None = None,
    done: Callable[[], object] | None = None,
) -> pd.DataFrame:
    """Mentions table for (doc_id, text, article date) triples: the evaluation's entry point.
    `done`, if given, is called as each document is finished (a progress bar)."""
    from pipeline.schema import MENTION_COLUMNS
    from pipeline.tables import typed_frame

    documents = (Document(i, text, "<memory>", "utf-8", when) for i, text, when in items)
    rows = [row for mentions, *_ in table_rows(documents, nlp, **_each(done)) for row in mentions]
    return typed_frame(rows, MENTION_COLUMNS)


def _each(done: Callable[[], object] | None) -> dict:
    """`table_rows`' per-document callbacks (`seen` for a document run whole, `pieced` for
    one run in pieces), both calling `done`."""
    if done is None:
        return {}
    return {"seen": lambda *_: done(), "pieced": lambda *_: done()}


def extract_tables(
    items: Iterable[tuple[str, str, date | None]],
    nlp: Language | None = None,
    done: Callable[[], object] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(mentions, relations) tables for (doc_id, text, article date) triples: the evaluation's
    entry point when the gold has relations (one run gives both). `done` as in
    `extract_texts`."""
    from pipeline.schema import MENTION_COLUMNS, RELATION_COLUMNS
    from pipeline.tables import typed_frame

    documents = (Document(i, text, "<memory>", "utf-8", when) for i, text, when in items)
    mentions, relations = [], []
    for rows, _, links, _ in table_rows(documents, nlp, **_each(done)):
        mentions.extend(rows)
        relations.extend(links)
    return typed_frame(mentions, MENTION_COLUMNS), typed_frame(relations, RELATION_COLUMNS)
