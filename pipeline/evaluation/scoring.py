"""Scoring several systems on one gold corpus, with the sanity checks that explain bad scores
(predictions for other documents, offsets computed on a different text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from pipeline.evaluation.metrics import evaluate
from pipeline.evaluation.model import GoldCorpus, Mention
from pipeline.evaluation.run import Run


def scored_types(
    corpus: GoldCorpus, requested: Sequence[str] | None
) -> tuple[list[str], list[str]]:
    """The gold's types, restricted to `requested`; plus warnings for requests left out."""
    if not requested:
        return list(corpus.types), []
    types = [t for t in corpus.types if t in requested]
    absent = [t for t in requested if t not in corpus.types]
    warnings = [f"--types {t}: the gold has no {t} mentions, not scored" for t in absent]
    return types, warnings


def align_doc_ids(
    corpus: GoldCorpus, mentions: list[Mention], system: str
) -> tuple[list[Mention], list[str]]:
    """One gold document and one predicted document under another id: score them together.

    `make evaluate` compares a single extract output with a single gold document, and a doc_id
    convention drifting between the two would otherwise score silently as "all missed".
    """
    gold_ids = {d.doc_id for d in corpus.documents}
    pred_ids = {m.doc_id for m in mentions}
    if len(gold_ids) == 1 and len(pred_ids) == 1 and pred_ids != gold_ids:
        (gold_id,), (pred_id,) = gold_ids, pred_ids
        warning = (
            f"{system}: predictions are for doc_id {pred_id!r}, the gold for {gold_id!r}; "
            "scored against each other as the only document on each side"
        )
        return [replace(m, doc_id=gold_id) for m in mentions], [warning]
    unknown = pred_ids - gold_ids
    warnings = []
    if unknown:
        n = sum(m.doc_id in unknown for m in mentions)
        sample = ", ".join(repr(x) for x in sorted(unknown)[:3])
        warnings.append(
            f"{system}: {n} prediction(s) for {len(unknown)} document(s) not in the gold "
            f"(e.g. {sample}) were not scored"
        )
    return mentions, warnings


def text_mismatches(corpus: GoldCorpus, mentions: list[Mention], system: str) -> list[str]:
    """Warn when predicted span texts disagree with the gold text at the same offsets."""
    bad: list[Mention] = []
    checked = 0
    for m in mentions:
        doc = corpus.document(m.doc_id)
        if doc is None or m.text is None:
            continue
        checked += 1
        if m.end > len(doc.text) or doc.text[m.start : m.end] != m.text:
            bad.append(m)
    if not bad:
        return []
    first = bad[0]
    doc = corpus.document(first.doc_id)
    found = doc.text[first.start : first.end] if doc else ""
    return [
        f"{system}: {len(bad)} of {checked} predicted span(s) differ from the gold text at "
        f"their offsets (first: {first.doc_id} [{first.start}:{first.end}] predicted "
        f"{first.text!r}, gold text {found!r}); were the offsets computed on another text?"
    ]


def score_systems(
    corpus: GoldCorpus,
    systems: dict[str, tuple[list[Mention], str]],
    types: Sequence[str] | None = None,
) -> Run:
    """Evaluate each system's mentions (first = system under test) into one Run for reporting."""
    chosen, warnings = scored_types(corpus, types)
    warnings = list(corpus.warnings) + warnings
    results = {}
    sources = {}
    for name, (mentions, source) in systems.items():
        mentions, notes = align_doc_ids(corpus, mentions, name)
        warnings += notes
        warnings += text_mismatches(corpus, mentions, name)
        results[name] = evaluate(corpus, mentions, system=name, types=chosen)
        sources[name] = source
    return Run(corpus=corpus, results=results, sources=sources, warnings=warnings)
