"""Matching predictions to gold and counting.

strict: same start, end and type. partial: same type and overlapping, one-to-one, with as many
pairs as possible (exact pairs kept wherever that costs no other pair). Attribute accuracy is
taken over the partial pairs, for the attributes the gold states.

Zero-division convention: precision with no predictions is 1 when there was nothing to find and
0 otherwise (recall likewise with no gold), so an empty-vs-empty type scores 1 and a system that
predicts nothing scores 0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.evaluation.model import (
    SCORED_ATTRIBUTES,
    Document,
    GoldCorpus,
    Mention,
    values_equal,
)

MODES = ("strict", "partial")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def precision(self) -> float:
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.tp + self.fn == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.tp + self.fn,
            "pred": self.tp + self.fp,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class Tally:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass
class Alignment:
    """One document's outcome under partial matching, for error lists and the HTML page."""

    pairs: list[tuple[Mention, Mention]] = field(default_factory=list)
    missed: list[Mention] = field(default_factory=list)
    spurious: list[Mention] = field(default_factory=list)
    ignored: list[Mention] = field(default_factory=list)


@dataclass(frozen=True)
class ErrorRecord:
    doc_id: str
    error: str  # false_positive | false_negative | boundary | attribute
    type: str
    gold: Mention | None
    pred: Mention | None
    field: str | None = None
    gold_value: Any = None
    pred_value: Any = None


@dataclass
class Evaluation:
    system: str
    types: tuple[str, ...]
    counts: dict[str, dict[str, Counts]]  # mode -> type -> counts
    attributes: dict[str, dict[str, Tally]]  # type -> field -> tally
    alignments: dict[str, Alignment]  # doc_id -> alignment
    predictions: int = 0  # scored ones, after the filters below
    dropped_kinds: int = 0  # AMOUNT kinds the gold does not annotate
    ignored: int = 0  # overlapping spans the gold excludes from scoring (partial mode)
    unknown_docs: set[str] = field(default_factory=set)

    def micro(self, mode: str) -> Counts:
        total = Counts()
        for kind in self.types:
            total += self.counts[mode][kind]
        return total

    def macro(self, mode: str) -> dict[str, float]:
        rows = [self.counts[mode][kind] for kind in self.types]
        if not rows:
            return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
        return {
            name: sum(getattr(c, name) for c in rows) / len(rows)
            for name in ("precision", "recall", "f1")
        }

    def errors(self) -> list[ErrorRecord]:
        out: list[ErrorRecord] = []
        for doc_id, alignment in self.alignments.items():
            records: list[ErrorRecord] = []
            for gold in alignment.missed:
                records.append(ErrorRecord(doc_id, "false_negative", gold.type, gold, None))
            for pred in alignment.spurious:
                records.append(ErrorRecord(doc_id, "false_positive", pred.type, None, pred))
            for gold, pred in alignment.pairs:
                if (gold.start, gold.end) != (pred.start, pred.end):
                    records.append(ErrorRecord(doc_id, "boundary", gold.type, gold, pred))
                for name, want, got in attribute_mismatches(gold, pred):
                    records.append(
                        ErrorRecord(doc_id, "attribute", gold.type, gold, pred, name, want, got)
                    )
            records.sort(key=lambda r: ((r.gold or r.pred).start, r.error, r.field or ""))
            out.extend(records)
        return out


def attribute_mismatches(gold: Mention, pred: Mention) -> list[tuple[str, Any, Any]]:
    return [
        (name, gold.attrs[name], pred.attrs.get(name))
        for name in SCORED_ATTRIBUTES.get(gold.type, ())
        if name in gold.attrs and not values_equal(name, gold.attrs[name], pred.attrs.get(name))
    ]


def match_strict(gold: Sequence[Mention], pred: Sequence[Mention]) -> list[tuple[int, int]]:
    """(gold index, pred index) pairs with equal spans; each side used at most once."""
    free: dict[tuple[int, int], list[int]] = defaultdict(list)
    for g, mention in enumerate(gold):
        free[(mention.start, mention.end)].append(g)
    pairs = []
    for p, mention in enumerate(pred):
        waiting = free.get((mention.start, mention.end))
        if waiting:
            pairs.append((waiting.pop(0), p))
    return sorted(pairs)


def match_partial(gold: Sequence[Mention], pred: Sequence[Mention]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of overlapping spans, grown from the exact pairs.

    Greedy largest-overlap-first can strand a mention (a long prediction taking the only gold a
    short one could have had); augmenting paths (Kuhn's algorithm) cannot.
    """
    candidates: list[list[int]] = []
    for g in gold:
        near = [p for p, m in enumerate(pred) if g.overlaps(m)]
        # Try exact spans, then larger overlaps first, so the matching pairs the likeliest.
        near.sort(
            key=lambda p: (
                (pred[p].start, pred[p].end) != (g.start, g.end),
                -(min(g.end, pred[p].end) - max(g.start, pred[p].start)),
                p,
            )
        )
        candidates.append(near)
    owner: dict[int, int] = {}  # pred -> gold
    for g, p in match_strict(gold, pred):
        owner[p] = g
    taken = set(owner.values())

    def augment(g: int, visited: set[int]) -> bool:
        for p in candidates[g]:
            if p in visited:
                continue
            visited.add(p)
            if p not in owner or augment(owner[p], visited):
                owner[p] = g
                return True
        return False

    for g in range(len(gold)):
        if g not in taken:
            augment(g, set())
    return sorted((g, p) for p, g in owner.items())


def evaluate(
    corpus: GoldCorpus,
    predictions: Iterable[Mention],
    system: str = "pipeline",
    types: Sequence[str] | None = None,
) -> Evaluation:
    """Score `predictions` against `corpus` for `types` (default: the types the gold has)."""
    scored = tuple(types) if types is not None else corpus.types
    result = Evaluation(
        system=system,
        types=scored,
        counts={mode: {kind: Counts() for kind in scored} for mode in MODES},
        attributes={
            kind: {name: Tally() for name in SCORED_ATTRIBUTES.get(kind, ())} for kind in scored
        },
        alignments={},
    )
    by_doc = _predictions_by_doc(corpus, predictions, scored, result)
    for doc in corpus.documents:
        alignment = Alignment()
        for kind in scored:
            gold = [m for m in doc.gold if m.type == kind]
            pred = [m for m in by_doc.get(doc.doc_id, ()) if m.type == kind]
            _score_kind(result, alignment, doc, kind, gold, pred)
        result.alignments[doc.doc_id] = alignment
    return result


def _predictions_by_doc(
    corpus: GoldCorpus, predictions: Iterable[Mention], scored: tuple[str, ...], result: Evaluation
) -> dict[str, list[Mention]]:
    """The predictions to score, by document: of a scored type, in a gold document, of a kind
    the gold annotates; the others counted on `result`."""
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for mention in predictions:
        if corpus.document(mention.doc_id) is None:
            result.unknown_docs.add(mention.doc_id)
            continue
        if mention.type not in scored:
            continue
        kinds = corpus.scored_kinds.get(mention.type)
        kind = mention.attrs.get("kind")
        if kinds is not None and kind is not None and kind not in kinds:
            result.dropped_kinds += 1
            continue
        by_doc[mention.doc_id].append(mention)
    return by_doc


def _score_kind(
    result: Evaluation,
    alignment: Alignment,
    doc: Document,
    kind: str,
    gold: list[Mention],
    pred: list[Mention],
) -> None:
    """One document's mentions of one type: counts in both modes, the partial alignment and
    the attributes of the partial pairs."""
    result.predictions += len(pred)
    for mode, matcher in (("strict", match_strict), ("partial", match_partial)):
        pairs = matcher(gold, pred)
        paired = {p for _, p in pairs}
        loose = [m for i, m in enumerate(pred) if i not in paired]
        spurious: list[Mention] = []
        ignored: list[Mention] = []
        for m in loose:
            (ignored if any(m.overlaps(x) for x in doc.ignored) else spurious).append(m)
        counts = result.counts[mode][kind]
        counts.tp += len(pairs)
        counts.fn += len(gold) - len(pairs)
        counts.fp += len(spurious)
    # The partial pass is the one kept: it is what the errors and the page explain.
    matched = {g for g, _ in pairs}
    alignment.pairs.extend((gold[g], pred[p]) for g, p in pairs)
    alignment.missed.extend(m for i, m in enumerate(gold) if i not in matched)
    alignment.spurious.extend(spurious)
    alignment.ignored.extend(ignored)
    result.ignored += len(ignored)
    for g, p in pairs:
        for name, tally in result.attributes[kind].items():
            if name in gold[g].attrs:
                tally.total += 1
                tally.correct += values_equal(name, gold[g].attrs[name], pred[p].attrs.get(name))
