"""SECTOR dev gold (corpora/gold/sectors_dev.jsonl) and its scores.

The gold holds economic articles from ../shared: NEREL texts may not be copied into the repo, so
a NEREL document is stored as its id, the sha1 of its text and the offsets; the text is read
from ../shared and its sha1 checked. factRuEval documents (MIT) carry their text. Without
../shared the NEREL documents cannot be read and `load_sector_gold` raises `SharedMissing`, so
callers (the evaluate-corpora script, an optional test) skip cleanly.

Scores: strict (same span) and partial (overlapping, one-to-one) precision/recall/F1 of SECTOR
spans regardless of id, sector-id accuracy (share of partially matched pairs whose sector ids
are equal), and a per-sector table keyed by the gold id.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import InputError
from pipeline.evaluation.metrics import Counts, match_partial, match_strict
from pipeline.evaluation.model import Document, GoldCorpus, Mention
from pipeline.evaluation.offset_gold import TextRef, check_text, shared_texts

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_GOLD = ROOT / "corpora" / "gold" / "sectors_dev.jsonl"


@dataclass(frozen=True)
class GoldSector:
    start: int
    end: int
    sector: str


@dataclass
class SectorDoc:
    doc_id: str
    source: str
    text: str
    gold: list[GoldSector] = field(default_factory=list)


def load_sector_gold(
    path: str | Path = DEFAULT_GOLD, shared: str | Path | None = None
) -> list[SectorDoc]:
    """The gold documents with their texts; NEREL texts are read from `shared` and checked."""
    path = Path(path)
    records = _records(path)
    refs = [
        TextRef(record["source"], record["id"], record["sha1"], line)
        for line, record in enumerate(records, 1)
    ]
    shared_refs = [ref for ref, record in zip(refs, records, strict=True) if "text" not in record]
    texts = shared_texts(path, shared_refs, shared)
    docs = []
    for ref, record in zip(refs, records, strict=True):
        text = record.get("text")
        if text is None:
            text = texts[(ref.source, ref.doc_id)]
        else:
            check_text(path, ref, text)
        gold = [GoldSector(e["start"], e["end"], e["sector"]) for e in record["entities"]]
        docs.append(SectorDoc(record["id"], record["source"], text, gold))
    return docs


def load_sector_corpus(path: str | Path, shared: str | Path | None = None) -> GoldCorpus:
    """The SECTOR gold as `evaluate` scores any gold: SECTOR mentions with their sector ids
    (the ОКВЭД codes follow from the id, so only the id is stated)."""
    documents = [
        Document(
            doc.doc_id,
            doc.text,
            gold=[
                Mention(doc.doc_id, g.start, g.end, "SECTOR", {"sector": g.sector})
                for g in doc.gold
            ],
        )
        for doc in load_sector_gold(path, shared)
    ]
    return GoldCorpus(path=str(path), format="sectors", documents=documents, types=("SECTOR",))


def _records(path: Path) -> list[dict]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        return [json.loads(line) for line in lines if line.strip()]
    except json.JSONDecodeError as exc:
        raise InputError(path, f"malformed JSON: {exc}") from None


@dataclass
class SectorScores:
    strict: Counts = field(default_factory=Counts)
    partial: Counts = field(default_factory=Counts)
    id_correct: int = 0  # partially matched pairs with equal sector ids
    per_sector: dict[str, Counter] = field(default_factory=dict)

    @property
    def id_accuracy(self) -> float:
        return self.id_correct / self.partial.tp if self.partial.tp else 0.0


Predicted = Sequence[tuple[int, int, str]]  # (start, end, sector id)


def score(docs: Sequence[SectorDoc], predicted: Mapping[str, Predicted]) -> SectorScores:
    scores = SectorScores()
    for doc in docs:
        gold = [
            Mention(doc.doc_id, g.start, g.end, "SECTOR", {"sector": g.sector}) for g in doc.gold
        ]
        pred = [
            Mention(doc.doc_id, s, e, "SECTOR", {"sector": k})
            for s, e, k in predicted.get(doc.doc_id, ())
        ]
        _add(scores, gold, pred)
    return scores


def _add(scores: SectorScores, gold: list[Mention], pred: list[Mention]) -> None:
    for counts, pairs in (
        (scores.strict, match_strict(gold, pred)),
        (scores.partial, match_partial(gold, pred)),
    ):
        counts += Counts(tp=len(pairs), fp=len(pred) - len(pairs), fn=len(gold) - len(pairs))
    matched = dict(match_partial(gold, pred))
    for g, mention in enumerate(gold):
        row = scores.per_sector.setdefault(mention.attrs["sector"], Counter())
        row["gold"] += 1
        if g in matched:
            row["found"] += 1
            same = pred[matched[g]].attrs["sector"] == mention.attrs["sector"]
            row["id_correct"] += same
            scores.id_correct += same
    for p in set(range(len(pred))) - set(matched.values()):
        scores.per_sector.setdefault(pred[p].attrs["sector"], Counter())["spurious"] += 1


def report_lines(scores: SectorScores) -> list[str]:
    """Markdown: the headline table and the per-sector table."""
    lines = ["| match | P | R | F1 | gold | predicted | matched |", "|---|---|---|---|---|---|---|"]
    for name, c in (("strict", scores.strict), ("partial", scores.partial)):
        lines.append(
            f"| {name} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} | "
            f"{c.tp + c.fn} | {c.tp + c.fp} | {c.tp} |"
        )
    lines += [
        "",
        f"Sector-id accuracy (partially matched pairs with the gold id): "
        f"{scores.id_accuracy:.3f} ({scores.id_correct}/{scores.partial.tp})",
        "",
    ]
    lines += ["| sector | gold | found (partial) | right id | spurious |", "|---|---|---|---|---|"]
    for sector, row in sorted(scores.per_sector.items(), key=lambda kv: (-kv[1]["gold"], kv[0])):
        cells = (sector, row["gold"], row["found"], row["id_correct"], row["spurious"])
        lines.append("| " + " | ".join(map(str, cells)) + " |")
    return lines
