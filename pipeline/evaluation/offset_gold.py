"""Gold kept as document id + sha1 of the text + offsets over a shared corpus (NEREL texts may
not be copied into the repo): finding those texts in the shared folder and checking that they
are the ones annotated. The SECTOR dev gold, the NEREL relation gold and the TIMEX value set
all read their texts here; `load_offset_gold` is the relation gold's whole reader."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pipeline.config import shared_dir
from pipeline.errors import InputError
from pipeline.evaluation.corpora import NEREL, load_corpus
from pipeline.evaluation.model import Document, GoldCorpus, Mention, Relation, present_types
from pipeline.evaluation.sources import iter_jsonl, require
from pipeline.schema import MENTION_TYPES, RELATION_TYPES

T = TypeVar("T")


@dataclass(frozen=True)
class TextRef:
    """One gold record's claim on a shared text. `source` names the corpus file, either
    short ("nerel/dev") or as a path under the shared folder ("corpora/nerel/dev.jsonl");
    `line` is the record's line in the gold file, for the error messages."""

    source: str
    doc_id: str
    sha1: str
    line: int | None = None


class SharedMissing(InputError):
    """A gold document's text lives in the shared folder, which is not here: callers that
    can do without it (optional tests, the evaluate-corpora script) skip."""


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def corpus_path(source: str) -> str:
    """The corpus file under the shared folder: "nerel/dev" -> "corpora/nerel/dev.jsonl"."""
    return source if source.endswith(".jsonl") else f"corpora/{source}.jsonl"


def check_text(gold: Path, ref: TextRef, text: str) -> None:
    """The text must be the one annotated: offsets over another text are meaningless."""
    if sha1(text) != ref.sha1:
        raise InputError(
            gold,
            f"{ref.doc_id}: the text's sha1 differs from the annotated text's (corpus changed?)",
            line=ref.line,
        )


def shared_documents(
    gold: Path,
    refs: Iterable[TextRef],
    read: Callable[[Path, set[str]], Mapping[str, T]],
    text_of: Callable[[T], str],
    shared: str | Path | None = None,
) -> dict[tuple[str, str], T]:
    """(source, doc id) -> the document `read` makes of it, each corpus file read once and
    every text checked against its sha1. `shared`, else $SHARED_DIR, else ../shared."""
    root, refs = shared_dir(shared), list(refs)
    wanted: dict[str, set[str]] = {}
    for ref in refs:
        wanted.setdefault(ref.source, set()).add(ref.doc_id)
    loaded: dict[str, Mapping[str, T]] = {}
    found: dict[tuple[str, str], T] = {}
    for ref in refs:
        if ref.source not in loaded:
            file = root / corpus_path(ref.source)
            if not file.is_file():
                raise SharedMissing(gold, f"needs {file} (set SHARED_DIR)", line=ref.line)
            loaded[ref.source] = read(file, wanted[ref.source])
        document = loaded[ref.source].get(ref.doc_id)
        if document is None:
            where = corpus_path(ref.source)
            raise InputError(gold, f"document {ref.doc_id!r} is not in {where}", line=ref.line)
        check_text(gold, ref, text_of(document))
        found[(ref.source, ref.doc_id)] = document
    return found


def corpus_texts(file: Path, wanted: set[str]) -> dict[str, str]:
    """doc id -> text of the wanted documents of a shared JSONL corpus."""
    texts = {}
    for line, obj in iter_jsonl(file):
        doc_id = str(require(file, line, obj, "id", str))
        if doc_id in wanted:
            texts[doc_id] = require(file, line, obj, "text", str)
    return texts


def shared_texts(
    gold: Path, refs: Iterable[TextRef], shared: str | Path | None = None
) -> dict[tuple[str, str], str]:
    """(source, doc id) -> checked text, for golds that need only the texts."""
    return shared_documents(gold, refs, corpus_texts, _itself, shared)


def _itself(text: str) -> str:
    return text


def _nerel_documents(file: Path, wanted: set[str]) -> dict[str, Document]:
    return {d.doc_id: d for d in load_corpus(file, NEREL).documents if d.doc_id in wanted}


def _document_text(document: Document) -> str:
    return document.text


def load_offset_gold(path: str | Path, shared: str | Path | None = None) -> GoldCorpus:
    """Relations stored as ids + sha1 + offsets over a shared corpus (NEREL), with that
    corpus's texts and mentions: what scripts/nerel_relation_gold.py writes, and the hand
    gold of SECTOR_OF/DATE_OF/AMOUNT_OF (scripts/nerel_fact_gold.py), whose records also list
    their own `mentions` (see `own_mentions`)."""
    path = Path(path)
    records = list(iter_jsonl(path))
    refs = [
        TextRef(str(obj.get("source", "")), str(obj.get("id")), str(obj.get("sha1")), line)
        for line, obj in records
    ]
    by_ref = shared_documents(path, refs, _nerel_documents, _document_text, shared)
    documents = []
    for ref, (line, obj) in zip(refs, records, strict=True):
        doc = by_ref[(ref.source, ref.doc_id)]
        raw = require(path, line, obj, "relations", list)
        doc.relations = [_offset_relation(doc.doc_id, r, path, line) for r in raw]
        for relation in doc.relations:
            for end in (relation.head, relation.tail):
                _check_offsets(doc, end, path, line)
        doc.gold += own_mentions(doc, obj.get("mentions") or [], path, line)
        documents.append(doc)
    seen = {r.type for d in documents for r in d.relations}
    return GoldCorpus(
        path=str(path),
        format="offsets",
        documents=documents,
        types=present_types(documents, MENTION_TYPES),
        scored_kinds=dict(NEREL.scored_kinds),
        relation_types=tuple(t for t in RELATION_TYPES if t in seen),
    )


# The mention types the shared corpus annotates itself (NEREL: ORG, PER, LOC, DATE, AMOUNT).
CORPUS_TYPES = frozenset(kind for kind, _ in NEREL.types.values())


def own_mentions(doc: Document, raw: list[Any], path: Path, line: int) -> list[Mention]:
    """The record's mentions of a type the corpus does not annotate (SECTOR over NEREL): the
    record annotates every one of them, so they join the gold mentions and are scored. Its
    mentions of the corpus's own types are relation arguments under this project's guideline;
    the corpus's own mentions of those types stay the gold (no duplicates in mention scores)."""
    out = []
    for record in raw:
        mention = _mention_record(doc.doc_id, record, path, line)
        _check_offsets(doc, mention, path, line)
        if mention.type not in CORPUS_TYPES:
            out.append(mention)
    return out


def _mention_record(doc_id: str, record: Any, path: Path, line: int) -> Mention:
    try:
        mention = _mention(doc_id, record)
    except (KeyError, TypeError, ValueError):
        raise InputError(path, "mention needs start, end, type", line=line) from None
    if mention.type not in MENTION_TYPES:
        raise InputError(path, f"{doc_id}: unknown mention type {mention.type!r}", line=line)
    return mention


def _check_offsets(doc: Document, mention: Mention, path: Path, line: int) -> None:
    """Offsets outside the text, or an empty or blank span, mean the gold was made on
    another text or is broken: say which document and span."""
    span = doc.text[mention.start : mention.end] if 0 <= mention.start < mention.end else ""
    if mention.end > len(doc.text) or not span.strip():
        raise InputError(
            path,
            f"{doc.doc_id}: {mention.type} [{mention.start}:{mention.end}] is no span of the "
            f"text ({len(doc.text)} characters)",
            line=line,
        )


def _offset_relation(doc_id: str, record: Any, path: Path, line: int) -> Relation:
    try:
        head, tail = record["head"], record["tail"]
        return Relation(
            doc_id,
            str(record["type"]),
            _mention(doc_id, head),
            _mention(doc_id, tail),
        )
    except (KeyError, TypeError, ValueError):
        raise InputError(
            path, "relation needs type and head/tail with start, end, type", line=line
        ) from None


def _mention(doc_id: str, end: Mapping[str, Any]) -> Mention:
    return Mention(doc_id, int(end["start"]), int(end["end"]), str(end["type"]))
