"""Long documents in pieces: a text longer than the configured size (configs/pipeline.toml,
[long_documents] piece_chars) runs through the pipeline a piece at a time, so time stays
linear and memory bounded whatever its length, and spaCy's 1,000,000-character limit is
never met. Pieces are cut at a paragraph, else a sentence, else a space; their rows are joined
into the rows of one document: offsets relative to the whole text, mention ids numbered
across pieces, and entity ids linked over the names of all pieces together."""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterator
from dataclasses import astuple, dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.compact_rows import CompactRows
from pipeline.entity_sectors import refill_rows
from pipeline.extensions import make_doc
from pipeline.memory import trim_heap
from pipeline.reader import Document
from pipeline.stages.rules.entities import doc_names, link_names

DEFAULT_PIECE_CHARS = 30_000
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n\s*")
_LINE = re.compile(r"\n\s*")
_SENTENCE = re.compile(r"[.!?…][»”\"')]*\s+")
_SPACE = re.compile(r"\s+")
_COUNTS = ("sentences", "tokens")


def piece_bounds(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces covering the text, none longer than `size`; each
    cut falls after the last blank line, else line break, else sentence end, else space in
    the second half of its window (a text with none of them is cut at `size`)."""
    bounds, start = [], 0
    while len(text) - start > size:
        end = start + size
        cut = next(
            (
                c
                for pattern in (_PARAGRAPH, _LINE, _SENTENCE, _SPACE)
                if (c := _last_end(pattern, text, start + size // 2, end))
            ),
            end,
        )
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def _last_end(pattern: re.Pattern, text: str, lo: int, hi: int) -> int | None:
    """End of the last match of `pattern` lying within text[lo:hi] (whitespace runs end
    where the next word starts, so a piece never begins with a space)."""
    last = None
    for match in pattern.finditer(text, lo, hi):
        last = match.end()
    return last


@dataclass
class Joined:
    """Rows of the pieces seen so far, joined into one document's rows."""

    document: Document
    # Mention rows kept compact (a long text names the same things again and again: equal
    # strings are kept once), which holds the rows of a 4 M-character document to a few tens
    # of MB; dicts are built only as a reader asks for them.
    mentions: CompactRows = field(default_factory=CompactRows)
    counts: dict = field(default_factory=dict)
    # Per type: names in document order, and where each one's row is (its index in mentions).
    names: dict = field(default_factory=lambda: {t: [] for t in ("PER", "ORG", "LOC")})
    rows_of: dict = field(default_factory=lambda: {t: [] for t in ("PER", "ORG", "LOC")})
    brackets: dict = field(default_factory=lambda: {t: {} for t in ("PER", "ORG", "LOC")})
    shared: dict = field(default_factory=dict)  # equal Name records kept once
    # Links and facts stay within a sentence, so a piece's own are the document's.
    relations: list[dict] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)
    # Where each sentence of the document ends (pieces' sentences in order, shifted by the
    # piece's offset): position n is the sentence the tables number n, so a page places the
    # facts without tokenising the text again. 8 bytes a sentence.
    sentence_ends: array = field(default_factory=lambda: array("q"))

    def add(self, doc: Doc, offset: int) -> None:
        from pipeline.tables import doc_rows

        rows, piece_row, relations, facts = doc_rows(doc)
        self.sentence_ends.extend(sentence.end_char + offset for sentence in doc.sents)
        first, sentences = len(self.mentions), self.counts.get("sentences", 0)
        local_ids = {row["mention_id"]: f"M{first + i + 1}" for i, row in enumerate(rows)}
        where = {}
        for i, row in enumerate(rows):
            row["mention_id"] = local_ids[row["mention_id"]]
            row["parent_id"] = local_ids.get(row["parent_id"]) if row["parent_id"] else None
            where.setdefault((row["start"], row["end"], row["type"]), first + i)
            row["start"] += offset
            row["end"] += offset
            if row.get("sentence") is not None:
                row["sentence"] += sentences
        self.mentions.extend(rows)
        self._add_names(doc, where)
        self._add_links(relations, facts, local_ids, sentences)
        for key, value in piece_row.items():
            if key in _COUNTS or key.startswith("n_"):
                self.counts[key] = self.counts.get(key, 0) + value
            elif key not in self.counts:
                self.counts[key] = value

    def _add_links(
        self, relations: list[dict], facts: list[dict], local_ids: dict, sentences: int
    ) -> None:
        """The piece's relation and fact rows, renumbered into the document's ids."""
        for row in relations:
            row["relation_id"] = f"R{len(self.relations) + 1}"
            self.relations.append(_renumbered(row, local_ids, sentences))
        for row in facts:
            row["fact_id"] = f"F{len(self.facts) + 1}"
            self.facts.append(_renumbered(row, local_ids, sentences))

    def _add_names(self, doc: Doc, where: dict) -> None:
        for label, (spans, names, brackets) in doc_names(doc).items():
            for span, name in zip(spans, names, strict=True):
                row = where.get((span.start_char, span.end_char, label))
                if row is not None:
                    self.names[label].append(self.shared.setdefault(astuple(name), name))
                    self.rows_of[label].append(row)
            self.brackets[label].update(brackets)

    def rows(self) -> tuple[CompactRows, dict, list[dict], list[dict]]:
        """The mention rows (entity ids linked across pieces; a list of dicts to read, held
        compact), the document row, and the relation and fact rows."""
        for label, names in self.names.items():
            ids = link_names(label, names, self.brackets[label])
            for row, entity_id in zip(self.rows_of[label], ids, strict=True):
                self.mentions.set(row, "entity_id", entity_id)
        # A party's SECTOR_OF may stand in another piece (guideline 309): read once all have run.
        refill_rows(self.facts, self.relations, self.mentions)
        document = {**self.counts, "characters": len(self.document.text)}
        return self.mentions, document, self.relations, self.facts


def _renumbered(row: dict, local_ids: dict, sentences: int) -> dict:
    for key, value in row.items():
        if key.endswith("mention_id") and value is not None:
            row[key] = local_ids.get(value, value)
    if row.get("sentence") is not None:
        row["sentence"] += sentences
    return row


def piece_documents(document: Document, size: int) -> Iterator[tuple[Document, int]]:
    """The pieces as documents of their own (same id, date, title, source), with offsets."""
    for start, end in piece_bounds(document.text, size):
        yield replace(document, text=document.text[start:end]), start


def long_rows(
    document: Document, nlp: Language, size: int
) -> tuple[CompactRows, dict, list[dict], list[dict]]:
    """(mention rows, document row, relation rows, fact rows) of a long document, processed
    a piece at a time: one piece's Doc is alive at a time, so memory does not grow with the
    document's length beyond its rows."""
    return run_pieces(document, nlp, size).rows()


def run_pieces(
    document: Document, nlp: Language, size: int, done: Callable[[int], None] | None = None
) -> Joined:
    """A long document run a piece at a time, its rows joined (`Joined.rows()`) and its
    sentence ends kept (`Joined.sentence_ends`, for its page). `done`, if given, is called
    with each piece's length once it has run: a progress bar moves during a long document."""
    joined = Joined(document)
    for piece, offset in piece_documents(document, size):
        # A piece's new words (lexemes, strings) live only as long as its Doc: without the
        # zone, spaCy's vocabulary would grow with the whole document's vocabulary.
        with nlp.memory_zone():
            doc = nlp(make_doc(nlp, piece))
            joined.add(doc, offset)
            del doc
        trim_heap()  # the piece's memory goes back before the next one's is taken
        if done is not None:
            done(len(piece.text))
    return joined


__all__ = [
    "DEFAULT_PIECE_CHARS",
    "Joined",
    "long_rows",
    "piece_bounds",
    "piece_documents",
    "run_pieces",
]
