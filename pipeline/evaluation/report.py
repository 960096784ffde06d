"""The files `evaluate` writes: metrics (JSON, CSV), errors.csv, report.md, and the terminal table.

The first system is the one under test (the pipeline); any others are baselines, shown beside
it with the F1 difference, so every report states the distance to the baseline.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

from pipeline.evaluation.html import write_html
from pipeline.evaluation.metrics import MODES, ErrorRecord, Evaluation
from pipeline.evaluation.model import Mention
from pipeline.evaluation.run import Run, markdown_table, score_table, scores

CONTEXT = 60
MODE_TITLES = {
    "strict": "Strict (same start, end and type)",
    "partial": "Partial (same type, overlapping, one-to-one)",
}
ERROR_COLUMNS = (
    "system",
    "doc_id",
    "error",
    "type",
    "field",
    "gold_value",
    "pred_value",
    "gold_start",
    "gold_end",
    "gold_text",
    "pred_start",
    "pred_end",
    "pred_text",
    "context",
)
METRIC_COLUMNS = (
    "system",
    "mode",
    "type",
    "gold",
    "pred",
    "tp",
    "fp",
    "fn",
    "precision",
    "recall",
    "f1",
)
ATTRIBUTE_COLUMNS = ("system", "type", "field", "correct", "total", "accuracy")


def context(text: str, start: int, end: int, width: int = CONTEXT) -> str:
    """The span in ⟦⟧ with `width` characters either side, on one line."""
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    snippet = f"{left}⟦{text[start:end]}⟧{right}"
    return " ".join(snippet.split())


def error_rows(run: Run) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for name, result in run.results.items():
        for record in result.errors():
            doc = run.corpus.document(record.doc_id)
            rows.append(_error_row(name, record, doc.text if doc else ""))
    return rows


def _error_row(system: str, record: ErrorRecord, text: str) -> dict[str, Any]:
    spans = [m for m in (record.gold, record.pred) if m is not None]
    start, end = min(m.start for m in spans), max(m.end for m in spans)

    def side(m: Mention | None) -> tuple[Any, Any, Any]:
        return (m.start, m.end, text[m.start : m.end]) if m else (None, None, None)

    gold_start, gold_end, gold_text = side(record.gold)
    pred_start, pred_end, pred_text = side(record.pred)
    return {
        "system": system,
        "doc_id": record.doc_id,
        "error": record.error,
        "type": record.type,
        "field": record.field,
        "gold_value": record.gold_value,
        "pred_value": record.pred_value,
        "gold_start": gold_start,
        "gold_end": gold_end,
        "gold_text": gold_text,
        "pred_start": pred_start,
        "pred_end": pred_end,
        "pred_text": pred_text,
        "context": context(text, start, end),
    }


def metrics_dict(run: Run) -> dict[str, Any]:
    corpus = run.corpus
    gold_counts = Counter(m.type for d in corpus.documents for m in d.gold)
    systems: dict[str, Any] = {}
    for name, result in run.results.items():
        entry: dict[str, Any] = {
            "source": run.sources.get(name),
            "predictions_scored": result.predictions,
            "dropped_unscored_kinds": result.dropped_kinds,
            "ignored_overlapping_excluded_gold": result.ignored,
            "unknown_documents": sorted(result.unknown_docs),
        }
        for mode in MODES:
            entry[mode] = {
                **{t: result.counts[mode][t].as_dict() for t in result.types},
                "micro": result.micro(mode).as_dict(),
                "macro": result.macro(mode),
            }
        entry["attributes"] = {
            t: {
                f: {"correct": x.correct, "total": x.total, "accuracy": x.accuracy}
                for f, x in fields.items()
            }
            for t, fields in result.attributes.items()
            if fields
        }
        systems[name] = entry
    return {
        "gold": {
            "path": corpus.path,
            "format": corpus.format,
            "documents": len(corpus.documents),
            "mentions": {t: gold_counts.get(t, 0) for t in run.primary.types},
            "excluded_from_scoring": sum(len(d.ignored) for d in corpus.documents),
            "scored_types": list(run.primary.types),
            "scored_kinds": {t: sorted(k) for t, k in corpus.scored_kinds.items()},
        },
        "systems": systems,
        "warnings": run.warnings,
    }


def metrics_rows(run: Run) -> list[dict[str, Any]]:
    rows = []
    for name, result in run.results.items():
        for mode in MODES:
            for kind in result.types:
                rows.append(
                    {"system": name, "mode": mode, "type": kind}
                    | _rounded(result.counts[mode][kind].as_dict())
                )
            rows.append(
                {"system": name, "mode": mode, "type": "micro"}
                | _rounded(result.micro(mode).as_dict())
            )
            rows.append(
                {"system": name, "mode": mode, "type": "macro"} | _rounded(result.macro(mode))
            )  # macro has no counts: those cells stay empty
    return rows


def attribute_rows(run: Run) -> list[dict[str, Any]]:
    rows = []
    for name, result in run.results.items():
        for kind, fields in result.attributes.items():
            for field_name, tally in fields.items():
                rows.append(
                    {
                        "system": name,
                        "type": kind,
                        "field": field_name,
                        "correct": tally.correct,
                        "total": tally.total,
                        "accuracy": None if tally.accuracy is None else round(tally.accuracy, 4),
                    }
                )
    return rows


def _rounded(values: dict[str, Any]) -> dict[str, Any]:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in values.items()}


def write_csv(path: Path, rows: list[dict[str, Any]], columns: tuple[str, ...]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows(rows)


def write_reports(run: Run, out: Path, html_docs: int = 20, md_errors: int = 100) -> list[Path]:
    """Write every report file into `out`; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    path = out / "metrics.json"
    path.write_text(
        json.dumps(metrics_dict(run), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    written.append(path)
    for name, rows, columns in (
        ("metrics.csv", metrics_rows(run), METRIC_COLUMNS),
        ("attributes.csv", attribute_rows(run), ATTRIBUTE_COLUMNS),
        ("errors.csv", error_rows(run), ERROR_COLUMNS),
    ):
        write_csv(out / name, rows, columns)
        written.append(out / name)
    path = out / "report.md"
    path.write_text(markdown(run, md_errors), encoding="utf-8")
    written.append(path)
    written.append(write_html(run, out / "report.html", html_docs))
    return written


# --- Markdown -------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.replace("|", "\\|").split())


def attributemarkdown_table(run: Run) -> list[str]:
    header = ["type", "attribute", "gold stated"]
    header += [f"{r.system} accuracy" for r in run.results.values()]
    rows = []
    for kind, fields in run.primary.attributes.items():
        for name in fields:
            tallies = [r.attributes.get(kind, {}).get(name) for r in run.results.values()]
            cells = [
                "–"
                if t is None or t.accuracy is None
                else f"{t.accuracy:.3f} ({t.correct}/{t.total})"
                for t in tallies
            ]
            rows.append([kind, name, str(fields[name].total)] + cells)
    return markdown_table(header, rows)


def markdown(run: Run, max_errors: int = 100) -> str:
    lines = _markdown_header(run)
    for mode in MODES:
        lines += ["", f"## {MODE_TITLES[mode]}", "", *score_table(run, mode)]
    if any(run.primary.attributes.values()):
        lines += [
            "",
            "## Attribute accuracy",
            "",
            "Over partially matched mentions whose gold states the attribute.",
            "",
            *attributemarkdown_table(run),
        ]
    lines += ["", "## Errors", ""]
    lines.append(
        "`boundary`: matched under partial, not strict matching (one strict false positive and "
        "one strict false negative). Full list: errors.csv; side by side: report.html."
    )
    for name, result in run.results.items():
        lines += _error_section(run, name, result, max_errors)
    return "\n".join(lines) + "\n"


def _markdown_header(run: Run) -> list[str]:
    """The report's title and what was scored: the gold, the systems, types, warnings."""
    corpus = run.corpus
    n_gold = sum(len(d.gold) for d in corpus.documents)
    n_ignored = sum(len(d.ignored) for d in corpus.documents)
    lines = [
        "# Evaluation report",
        "",
        f"- Gold: `{corpus.path}` ({corpus.format}; {len(corpus.documents)} document(s), "
        f"{n_gold} mention(s)"
        + (f", {n_ignored} excluded from scoring" if n_ignored else "")
        + ")",
    ]
    for name, source in run.sources.items():
        lines.append(f"- {name}: {source}")
    lines.append(f"- Scored types: {', '.join(run.primary.types) or 'none'}")
    for kind, kinds in corpus.scored_kinds.items():
        lines.append(
            f"- Scored kinds: {kind} predictions of kind {'/'.join(sorted(kinds))} only "
            "(the gold annotates no other kinds)"
        )
    for warning in run.warnings:
        lines.append(f"- ⚠ {warning}")
    return lines


def _error_section(run: Run, name: str, result: Evaluation, max_errors: int) -> list[str]:
    """One system's error counts by type; for the pipeline, its first errors in context."""
    errors = result.errors()
    by_kind = Counter((e.error, e.type) for e in errors)
    kinds = ("false_negative", "false_positive", "boundary", "attribute")
    lines = ["", f"### {name}", ""]
    lines += markdown_table(
        ["type", *kinds],
        [[t] + [str(by_kind.get((k, t), 0)) for k in kinds] for t in result.types],
    )
    if name != run.primary.system:
        return lines  # the baseline's own errors are in errors.csv; this report is about ours
    shown = errors[:max_errors]
    if not shown:
        return lines
    lines += ["", f"First {len(shown)} of {len(errors)}:", ""]
    rows = [_error_cells(run, name, e) for e in shown]
    return lines + markdown_table(
        ["doc", "error", "type", "gold", "predicted", "detail", "context"], rows
    )


def _error_cells(run: Run, name: str, e: ErrorRecord) -> list[str]:
    doc = run.corpus.document(e.doc_id)
    row = _error_row(name, e, doc.text if doc else "")
    detail = f"{e.field}: gold {e.gold_value!r}, predicted {e.pred_value!r}" if e.field else ""
    return [
        _cell(e.doc_id),
        e.error,
        e.type,
        _cell(row["gold_text"]),
        _cell(row["pred_text"]),
        _cell(detail),
        _cell(row["context"]),
    ]


# --- terminal -------------------------------------------------------------------------------


def summary(run: Run) -> str:
    """A fixed-width table: strict P/R/F1 and partial F1 per type for every system."""
    primary = run.primary
    names = list(run.results)
    width = 26
    head1 = f"{'':8} {'':>5}  " + "".join(f"{n[:width]:<{width}}" for n in names)
    head2 = f"{'type':8} {'gold':>5}  " + "".join(
        f"{'P':>6}{'R':>6}{'F1':>6}{'pF1':>6}  " for _ in names
    )
    lines = [head1.rstrip(), head2.rstrip()]
    for kind in [*primary.types, "micro", "macro"]:
        gold = (
            primary.micro("strict")
            if kind in ("micro", "macro")
            else primary.counts["strict"][kind]
        )
        line = f"{kind:8} {gold.tp + gold.fn:>5}  "
        for result in run.results.values():
            s = scores(result, "strict", kind)
            p = scores(result, "partial", kind)
            line += f"{s['precision']:6.3f}{s['recall']:6.3f}{s['f1']:6.3f}{p['f1']:6.3f}  "
        lines.append(line.rstrip())
    return "\n".join(lines)
