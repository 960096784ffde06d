"""Scoring relations: a predicted relation is right when its type matches a gold relation's
and both its mentions match that relation's mentions (strict: same offsets and type;
partial: same type and overlapping), one-to-one.

Gold relations come from NEREL's `relations` (ann_id head/tail), the project's gold JSONL
(`relations` with entity ids) and BRAT `R` lines; predictions from a relations table joined to
its mentions table by `mention_id`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pipeline.errors import InputError
from pipeline.evaluation.metrics import MODES, Counts
from pipeline.evaluation.model import Document, GoldCorpus, Mention, Relation
from pipeline.schema import FACT_RELATION_TYPES, RELATION_TYPES

# NEREL relation names this project also produces; its other types are not read.
NEREL_RELATION_TYPES = tuple(t for t in RELATION_TYPES if t not in FACT_RELATION_TYPES)
# Mention kinds that serve as relation arguments only, scored as the gold type they stand
# for: a place adjective ("российская") against NEREL's place mention on that adjective
# (guideline 93). Mention scoring never sees them (they are no gold type).
ARGUMENT_TYPES = {"PLACE_ADJ": "LOC"}
# Reported together: the money relations the targets name.
GROUPS = {"money": ("INCOME", "EXPENDITURE", "PRICE_OF")}


def link(
    doc_id: str,
    raw: Iterable[Any],
    mentions: dict[str, Mention],
    types: Sequence[str],
    where: tuple[Path, int | None] | None = None,
) -> list[Relation]:
    """Relations of one gold document from {"type", "head", "tail"} records naming mentions
    by id. Types outside `types` and arguments that are not scored mentions (NEREL's EVENT,
    a discontinuous span) are skipped; a malformed record raises InputError."""
    out = []
    for index, record in enumerate(raw or []):
        if not isinstance(record, dict):
            _fail(where, f"relation {index}: expected a JSON object")
        kind, head, tail = record.get("type"), record.get("head"), record.get("tail")
        if not all(isinstance(x, str) for x in (kind, head, tail)):
            _fail(where, f"relation {index}: needs string fields type, head, tail")
        if kind not in types:
            continue
        if head in mentions and tail in mentions:
            out.append(Relation(doc_id, kind, mentions[head], mentions[tail]))
    return out


def check_ids(raw: Iterable[Any], known: set[str], where: tuple[Path, int | None]) -> None:
    """The project's gold must name entities it defines (NEREL may name unmapped ones)."""
    for index, record in enumerate(raw or []):
        if isinstance(record, dict):
            for role in ("head", "tail"):
                if record.get(role) not in known:
                    _fail(where, f"relation {index}: {role} {record.get(role)!r} is no entity id")


def _fail(where: tuple[Path, int | None] | None, reason: str) -> None:
    path, line = where or (Path("<gold>"), None)
    raise InputError(path, reason, line=line)


@dataclass
class RelationEvaluation:
    types: tuple[str, ...]
    counts: dict[str, dict[str, Counts]]  # mode -> type (and group) -> counts
    missed: list[Relation] = field(default_factory=list)  # strict
    spurious: list[Relation] = field(default_factory=list)


def _same(gold: Mention, pred: Mention, mode: str) -> bool:
    if gold.type != pred.type:
        return False
    if mode == "strict":
        return (gold.start, gold.end) == (pred.start, pred.end)
    return gold.overlaps(pred)


def _match(gold: list[Relation], pred: list[Relation], mode: str) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs, exact pairs first so partial never costs a strict match."""
    pairs, used_g, used_p = [], set(), set()
    for strict_first in (True, False) if mode == "partial" else (True,):
        current = "strict" if strict_first else "partial"
        for p, r in enumerate(pred):
            if p in used_p:
                continue
            for g, q in enumerate(gold):
                if g in used_g or q.type != r.type:
                    continue
                if _same(q.head, r.head, current) and _same(q.tail, r.tail, current):
                    pairs.append((g, p))
                    used_g.add(g)
                    used_p.add(p)
                    break
    return pairs


# The relation step alone: gold relations whose two mentions the system found, predictions
# whose two mentions the gold has (partial matching). End-to-end modes also count the
# mention misses (an adjective place, an unnamed body the guideline does not tag).
GIVEN = "given_mentions"
RELATION_MODES = (*MODES, GIVEN)


def score_relations(
    corpus: GoldCorpus, predicted: list[Relation], mentions: Sequence[Mention] | None = None
) -> RelationEvaluation:
    """P/R/F1 per relation type the gold annotates, and per group of types; with the
    predicted mentions, also the `given_mentions` mode."""
    types = corpus.relation_types
    modes = RELATION_MODES if mentions is not None else MODES
    result = RelationEvaluation(types, {m: {t: Counts() for t in types} for m in modes})
    found: dict[str, list[Mention]] = {}
    for m in mentions or []:
        found.setdefault(m.doc_id, []).append(as_argument(m))
    by_doc: dict[str, list[Relation]] = {}
    for r in predicted:
        if r.type in types and corpus.document(r.doc_id) is not None:
            by_doc.setdefault(r.doc_id, []).append(r)
    for doc in corpus.documents:
        for mode in modes:
            gold, pred = doc.relations, by_doc.get(doc.doc_id, [])
            if mode == GIVEN:
                gold = [r for r in gold if _both_in(r, found.get(doc.doc_id, []))]
                pred = [r for r in pred if _both_in(r, gold_arguments(doc))]
            pairs = _match(gold, pred, "partial" if mode == GIVEN else mode)
            for kind in types:
                c = result.counts[mode][kind]
                c.tp += sum(gold[g].type == kind for g, _ in pairs)
                c.fn += sum(r.type == kind for r in gold) - sum(
                    gold[g].type == kind for g, _ in pairs
                )
                c.fp += sum(r.type == kind for r in pred) - sum(
                    pred[p].type == kind for _, p in pairs
                )
            if mode == "strict":
                matched_g, matched_p = {g for g, _ in pairs}, {p for _, p in pairs}
                result.missed += [r for i, r in enumerate(gold) if i not in matched_g]
                result.spurious += [r for i, r in enumerate(pred) if i not in matched_p]
    for mode in modes:
        for group, members in GROUPS.items():
            if any(t in types for t in members):
                total = Counts()
                for t in members:
                    if t in types:
                        total += result.counts[mode][t]
                result.counts[mode][group] = total
    return result


def as_argument(mention: Mention) -> Mention:
    """A predicted mention as a relation argument: PLACE_ADJ reads as LOC."""
    kind = ARGUMENT_TYPES.get(mention.type)
    return mention if kind is None else replace(mention, type=kind)


def gold_arguments(doc: Document) -> list[Mention]:
    """The gold mentions a predicted relation may join in the given-mentions mode: the
    document's gold mentions and its gold relations' arguments (a hand relation gold over a
    shared corpus marks its arguments with this guideline's spans, beside the corpus's own
    mentions; for NEREL's relations both are the same mentions)."""
    return [*doc.gold, *(end for r in doc.relations for end in (r.head, r.tail))]


def _both_in(relation: Relation, mentions: list[Mention]) -> bool:
    return all(
        any(_same(m, arg, "partial") for m in mentions) for arg in (relation.head, relation.tail)
    )


def relations_from_tables(mentions: Any, relations: Any) -> list[Relation]:
    """Relations of a relations table, with the mentions its ids name (pandas frames)."""
    by_id: dict[tuple[str, str], Mention] = {}
    for row in mentions.itertuples(index=False):
        key = (str(row.doc_id), str(row.mention_id))
        kind = ARGUMENT_TYPES.get(str(row.type), str(row.type))
        by_id[key] = Mention(str(row.doc_id), int(row.start), int(row.end), kind)
    out = []
    for row in relations.itertuples(index=False):
        doc_id = str(row.doc_id)
        head = by_id.get((doc_id, str(row.head_mention_id)))
        tail = by_id.get((doc_id, str(row.tail_mention_id)))
        if head is not None and tail is not None:
            out.append(Relation(doc_id, str(row.type), head, tail))
    return out


def read_relations_table(path: str | Path) -> Any:
    """The relations table beside a mentions table: relations.csv/.parquet in an extract
    folder, or the Parquet parts of a batch run's relations/ folder. None when absent."""
    import pandas as pd

    path = Path(path)
    folder = path if path.is_dir() else path.parent
    for candidate in (folder / "relations.parquet", folder / "relations.csv"):
        if candidate.exists():
            if candidate.suffix == ".csv":
                return pd.read_csv(candidate, dtype=str)
            return pd.read_parquet(candidate)
    parts = (
        sorted((folder / "relations").glob("*.parquet")) if (folder / "relations").is_dir() else []
    )
    if parts:
        return pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
    return None


def table_rows(result: RelationEvaluation) -> list[dict[str, Any]]:
    rows = []
    for mode in result.counts:
        for kind, counts in result.counts[mode].items():
            rows.append({"mode": mode, "type": kind, **counts.as_dict()})
    return rows


def markdown(result: RelationEvaluation, text_of: dict[str, str], max_errors: int = 50) -> str:
    lines = ["# Relations", ""]
    for mode in result.counts:
        lines += [
            f"## {mode}",
            "",
            "| type | gold | pred | P | R | F1 |",
            "|---|---|---|---|---|---|",
        ]
        for kind, c in result.counts[mode].items():
            lines.append(
                f"| {kind} | {c.tp + c.fn} | {c.tp + c.fp} | {c.precision:.3f} | "
                f"{c.recall:.3f} | {c.f1:.3f} |"
            )
        lines.append("")
    for title, items in (
        ("Missed (strict)", result.missed),
        ("Spurious (strict)", result.spurious),
    ):
        lines += [f"## {title}", ""]
        for r in items[:max_errors]:
            text = text_of.get(r.doc_id, "")
            lines.append(
                f"- {r.doc_id} {r.type}: {text[r.head.start : r.head.end]!r} [{r.head.type}] → "
                f"{text[r.tail.start : r.tail.end]!r} [{r.tail.type}]"
            )
        lines.append("")
    return "\n".join(lines)


def write_relation_reports(result: RelationEvaluation, corpus: GoldCorpus, out: Path) -> list[Path]:
    text_of = {d.doc_id: d.text for d in corpus.documents}
    md, js = out / "relations.md", out / "relations.json"
    md.write_text(markdown(result, text_of), encoding="utf-8")
    js.write_text(json.dumps(table_rows(result), indent=2), encoding="utf-8")
    return [md, js]


def summary(result: RelationEvaluation) -> str:
    parts = []
    for kind, c in result.counts["strict"].items():
        if c.tp + c.fn + c.fp == 0:
            continue
        partial = result.counts["partial"][kind]
        given = result.counts.get(GIVEN, {}).get(kind)
        extra = f", given mentions {given.f1:.3f}" if given is not None else ""
        parts.append(f"{kind} F1 {c.f1:.3f} (partial {partial.f1:.3f}{extra}, gold {c.tp + c.fn})")
    return "relations: " + "; ".join(parts) if parts else "relations: none annotated"
