"""An evaluation run (the gold and every system's scores on it) and the per-type score table
that report.md, report.html and docs/evaluation.md all show of it."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.evaluation.metrics import Evaluation
from pipeline.evaluation.model import GoldCorpus


@dataclass
class Run:
    """One evaluation: the gold, each system's scores on it, where its predictions came from."""

    corpus: GoldCorpus
    results: dict[str, Evaluation]  # the system under test first, then baselines
    sources: dict[str, str]  # system -> where its predictions came from
    warnings: list[str] = field(default_factory=list)

    @property
    def primary(self) -> Evaluation:
        return next(iter(self.results.values()))

    @property
    def baselines(self) -> list[Evaluation]:
        return list(self.results.values())[1:]


def fmt(value: float | None) -> str:
    """A score with three decimals, a dash where there is none."""
    return "–" if value is None else f"{value:.3f}"


def markdown_table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def score_table(run: Run, mode: str) -> list[str]:
    """Per-type P/R/F1 of every system side by side, with ΔF1 to each baseline."""
    primary = run.primary
    header = ["type", "gold"]
    for result in run.results.values():
        header += [f"{result.system} P", f"{result.system} R", f"{result.system} F1"]
    for base in run.baselines:
        header.append(f"ΔF1 vs {base.system}")
    rows = []
    for kind in [*primary.types, "micro", "macro"]:
        gold = primary.micro(mode) if kind in ("micro", "macro") else primary.counts[mode][kind]
        row = [f"**{kind}**" if kind in ("micro", "macro") else kind, str(gold.tp + gold.fn)]
        for result in run.results.values():
            values = scores(result, mode, kind)
            row += [fmt(values["precision"]), fmt(values["recall"]), fmt(values["f1"])]
        for base in run.baselines:
            delta = scores(primary, mode, kind)["f1"] - scores(base, mode, kind)["f1"]
            row.append(f"{delta:+.3f}")
        rows.append(row)
    return markdown_table(header, rows)


def scores(result: Evaluation, mode: str, kind: str) -> dict[str, float]:
    """P/R/F1 of one type, or of all types (`micro`, `macro`)."""
    if kind == "micro":
        return result.micro(mode).as_dict()
    if kind == "macro":
        return result.macro(mode)
    return result.counts[mode][kind].as_dict()
