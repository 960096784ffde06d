"""What a part leaves in OUT_DIR: its Parquet tables in fixed schemas and its ledger, then
the run-wide views of them (committed files, totals, duplicates, errors.csv)."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import resource
import socket
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.batch.model import (
    DOCUMENTS_DIR,
    DUPLICATE_EXAMPLES,
    ERROR_COLUMNS,
    ERRORS_FILE,
    FACTS_DIR,
    LEDGER_DIR,
    MENTIONS_DIR,
    RELATIONS_DIR,
    PartSummary,
    Task,
    Totals,
    error_row,
    one_line,
)
from pipeline.compact_rows import CompactRows
from pipeline.memory import trim_heap
from pipeline.output import atomic_write
from pipeline.schema import MENTION_TYPES


@dataclass
class PartRows:
    """The rows of one part, as a worker collects them (or the driver, for files whose
    worker died) and `commit_part` writes them."""

    # Compact: a part may hold one document of millions of characters (tens of thousands of
    # mention rows), which as dicts alone would take a worker past its memory budget.
    mentions: CompactRows = field(default_factory=CompactRows)
    documents: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    relations: list[dict] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)

    def summary(self, task: Task, busy_s: float, load_s: float | None = None) -> PartSummary:
        """What goes back to the driver; `load_s` is the worker's model load, if any."""
        counts = {t: sum(d[f"n_{t.lower()}"] for d in self.documents) for t in MENTION_TYPES}
        return PartSummary(
            part=task.part,
            files=len(task.files),
            ok=len(self.documents),
            failed=len(self.errors),
            characters=sum(d["characters"] for d in self.documents),
            mentions=counts,
            worker=f"{socket.gethostname()}:{os.getpid()}",
            load_s=load_s,
            peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            busy_s=busy_s,
        )


@lru_cache(maxsize=1)
def table_schemas() -> dict:
    """The fixed Arrow schema of each table, taken from the typed (empty) pandas frames."""
    import pyarrow as pa

    from pipeline.tables import typed_frame

    return {
        name: pa.Schema.from_pandas(typed_frame([], columns), preserve_index=False)
        for name, columns in _table_columns().items()
    }


def _table_columns() -> dict[str, dict[str, str]]:
    from pipeline.schema import DOCUMENT_COLUMNS, FACT_COLUMNS, MENTION_COLUMNS, RELATION_COLUMNS

    return {
        MENTIONS_DIR: MENTION_COLUMNS,
        DOCUMENTS_DIR: DOCUMENT_COLUMNS,
        RELATIONS_DIR: RELATION_COLUMNS,
        FACTS_DIR: FACT_COLUMNS,
    }


def _arrow_tables(
    mentions: list[dict],
    documents: list[dict],
    relations: list[dict] | None = None,
    facts: list[dict] | None = None,
) -> dict:
    import pyarrow as pa

    rows = _named_rows(mentions, documents, relations, facts)
    return {name: pa.concat_tables(_arrow_slices(name, rows[name])) for name in rows}


def _named_rows(
    mentions: list[dict],
    documents: list[dict],
    relations: list[dict] | None = None,
    facts: list[dict] | None = None,
) -> dict:
    return {
        MENTIONS_DIR: mentions,
        DOCUMENTS_DIR: documents,
        RELATIONS_DIR: relations or [],
        FACTS_DIR: facts or [],
    }


def _arrow_slices(name: str, table_rows: list[dict]) -> Iterator:
    """One table's rows as Arrow tables of FRAME_ROWS rows each (at least one, maybe empty)."""
    import pyarrow as pa

    schema = table_schemas()[name]
    for frame in _frame_slices(name, table_rows):
        yield pa.Table.from_pandas(frame, schema=schema, preserve_index=False)


def _frame_slices(name: str, table_rows: list[dict]) -> Iterator:
    """One table's rows as typed pandas frames of FRAME_ROWS rows each (at least one)."""
    from pipeline.tables import typed_frame

    columns = _table_columns()[name]
    for i in range(0, max(len(table_rows), 1), FRAME_ROWS):
        yield typed_frame(table_rows[i : i + FRAME_ROWS], columns)


def check_tables(rows: PartRows) -> None:
    """Every row converted once to its fixed schema and let go: a document whose rows do not
    fit moves to the errors (`_drop_untypable`), and a long document's tables are never held
    whole in memory (they are converted again, a slice at a time, as they are written)."""
    try:
        for name, table_rows in _named_rows(*_part_rows(rows)).items():
            for _ in _arrow_slices(name, table_rows):
                pass
    except Exception:
        _drop_untypable(rows)


def _part_rows(rows: PartRows) -> tuple:
    return rows.mentions, rows.documents, rows.relations, rows.facts


def write_slices(path: Path, name: str, table_rows: list[dict]) -> None:
    """One table's Parquet file, written a row group of FRAME_ROWS rows at a time."""
    import pyarrow.parquet as pq

    with pq.ParquetWriter(path, table_schemas()[name]) as writer:
        for table in _arrow_slices(name, table_rows):
            writer.write_table(table)


def write_csv_slices(path: Path, name: str, table_rows: list[dict]) -> None:
    """One table's CSV file (header once), written FRAME_ROWS rows at a time: the same text
    pandas writes for the whole frame."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        for i, frame in enumerate(_frame_slices(name, table_rows)):
            frame.to_csv(handle, index=False, header=i == 0)


def write_table_files(directory: Path, name: str, table_rows: list[dict]) -> None:
    """One table as DIR/name.csv (for people) and DIR/name.parquet (typed, for tools), as
    `extract` leaves them; both a slice at a time, like a part's Parquet files."""
    atomic_write(directory / f"{name}.csv", lambda p: write_csv_slices(p, name, table_rows))
    atomic_write(directory / f"{name}.parquet", lambda p: write_slices(p, name, table_rows))


# Rows go through pandas this many at a time: the frames of one long document's tens of
# thousands of mentions at once would push a worker past its memory budget (a 4 M-character
# document's worker: 421 MB at 10,000 rows, 397 at 2,000, 396 at 1,000).
FRAME_ROWS = 2_000


def _drop_untypable(rows: PartRows) -> None:
    by_doc = _by_doc(rows.mentions)
    links, facts_of = _by_doc(rows.relations), _by_doc(rows.facts)
    mentions, documents, relations, facts = [], [], [], []
    for document in rows.documents:
        doc_id = document["doc_id"]
        own = by_doc.get(doc_id, [])
        try:
            _arrow_tables(own, [document], links.get(doc_id), facts_of.get(doc_id))
        except Exception as exc:
            reason = f"table error: {one_line(exc)}"
            rows.errors.append(error_row(document["source"], doc_id, "tables", reason))
            continue
        mentions.extend(own)
        documents.append(document)
        relations.extend(links.get(doc_id, []))
        facts.extend(facts_of.get(doc_id, []))
    rows.mentions, rows.documents = mentions, documents
    rows.relations, rows.facts = relations, facts


def _by_doc(rows: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["doc_id"], []).append(row)
    return grouped


def commit_part(out: Path, task: Task, rows: PartRows) -> None:
    """Both tables first, the ledger last: a part without a ledger was never committed."""
    check_tables(rows)
    for table, table_rows in _named_rows(*_part_rows(rows)).items():
        path = out / table / f"part-{task.part}.parquet"
        atomic_write(path, lambda p, t=table, r=table_rows: write_slices(p, t, r))
    release_rows(rows)
    trim_heap()
    ledger = {
        "part": task.part,
        "files": list(task.files),
        "ok": [d["doc_id"] for d in rows.documents],
        "errors": rows.errors,
        "characters": sum(d["characters"] for d in rows.documents),
        "mentions": {t: sum(d[f"n_{t.lower()}"] for d in rows.documents) for t in MENTION_TYPES},
    }
    text = json.dumps(ledger, ensure_ascii=False, indent=1)
    atomic_write(out / LEDGER_DIR / f"{task.part}.json", lambda p: p.write_text(text, "utf-8"))


def release_rows(rows: PartRows) -> None:
    """Once written, a part's mention, relation and fact rows are not needed again (the
    ledger and the summary read the documents and errors): a long document's rows are tens
    of MB the worker need not hold until its next part."""
    rows.mentions = type(rows.mentions)()
    rows.relations, rows.facts = [], []


def read_ledgers(out: Path) -> Iterator[dict]:
    for path in sorted((out / LEDGER_DIR).glob("*.json")):
        yield json.loads(path.read_text(encoding="utf-8"))


def committed(out: Path) -> tuple[set[str], set[str]]:
    """The files and the part names that ledgers record as committed."""
    files: set[str] = set()
    parts: set[str] = set()
    for ledger in read_ledgers(out):
        files.update(ledger["files"])
        parts.add(ledger["part"])
    return files, parts


def remove_uncommitted(out: Path) -> int:
    """Delete temporary files and parts without a ledger, left by a killed run."""
    ledgers = {p.stem for p in (out / LEDGER_DIR).glob("*.json")}
    removed = 0
    for folder in (MENTIONS_DIR, DOCUMENTS_DIR, LEDGER_DIR, RELATIONS_DIR, FACTS_DIR):
        for path in (out / folder).glob(".*.tmp"):
            path.unlink(missing_ok=True)
            removed += 1
        for path in (out / folder).glob("part-*.parquet"):
            if path.stem.removeprefix("part-") not in ledgers:
                path.unlink(missing_ok=True)
                removed += 1
    return removed


def sum_ledgers(out: Path) -> Totals:
    totals = Totals()
    digests = array("Q")  # 8 bytes per document, whatever the corpus size
    for ledger in read_ledgers(out):
        totals.parts += 1
        totals.files += len(ledger["files"])
        totals.ok += len(ledger["ok"])
        totals.failed += len(ledger["errors"])
        totals.characters += ledger["characters"]
        totals.mentions.update(ledger["mentions"])
        totals.errors.extend(ledger["errors"])
        digests.extend(_digest(doc_id) for doc_id in ledger["ok"])
    repeated = _repeated(digests)
    if repeated:
        names = Counter(
            d for ledger in read_ledgers(out) for d in ledger["ok"] if _digest(d) in repeated
        )
        dupes = sorted(name for name, n in names.items() if n > 1)
        totals.duplicates, totals.duplicate_examples = len(dupes), dupes[:DUPLICATE_EXAMPLES]
    return totals


def _digest(doc_id: str) -> int:
    return int.from_bytes(hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).digest(), "big")


def _repeated(digests: array) -> set[int]:
    """Digests that occur more than once (found by sorting, not by a set of all of them)."""
    import numpy as np

    ordered = np.sort(np.frombuffer(digests, dtype=np.uint64))
    return set(ordered[1:][ordered[1:] == ordered[:-1]].tolist())


def duplicates_warning(totals: Totals) -> str:
    """doc_ids shared by several documents ("a.txt" and "a.json", a repeated JSON id): their
    rows stay in the tables, told apart by the documents table's `source` column."""
    shown = ", ".join(totals.duplicate_examples)
    more = ", ..." if totals.duplicates > len(totals.duplicate_examples) else ""
    return (
        f"warning: {totals.duplicates} doc_id(s) belong to more than one document ({shown}{more});"
        " their rows are all kept, the documents table's `source` column tells them apart"
    )


def parquet_rows(folder: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(p).metadata.num_rows for p in sorted(folder.glob("part-*.parquet")))


def error_order(row: dict) -> tuple:
    """errors.csv's order: path, line, doc_id, missing values first."""
    values = [row.get(k) for k in ("path", "line", "doc_id")]
    return tuple((v is not None, v if v is not None else 0) for v in values)


def failure_lines(corpus: Path, errors: list[dict], limit: int = 10) -> list[str]:
    """The first `limit` failed inputs as `CORPUS/path:line: reason` lines (errors.csv's
    order), and how many more errors.csv holds: a user sees what failed without opening it."""
    lines = []
    for row in sorted(errors, key=error_order)[:limit]:
        line = f":{row['line']}" if row.get("line") is not None else ""
        lines.append(f"failed: {corpus / row['path']}{line}: {row['reason']}")
    if len(errors) > limit:
        lines.append(f"failed: ... and {len(errors) - limit} more (all in errors.csv)")
    return lines


def write_errors(out: Path, errors: list[dict]) -> None:
    """errors.csv sorted by path, line, doc_id (missing values first), empty cells for None.
    Plain csv, not pandas: importing pandas here would add a quarter second to every run."""

    def write(path: Path) -> None:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(ERROR_COLUMNS)
            for row in sorted(errors, key=error_order):
                writer.writerow(["" if row.get(k) is None else row[k] for k in ERROR_COLUMNS])

    atomic_write(out / ERRORS_FILE, write)


def write_json(path: Path, data: dict) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    atomic_write(path, lambda p: p.write_text(text, encoding="utf-8"))
