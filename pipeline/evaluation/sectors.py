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

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import InputError
from pipeline.evaluation.metrics import match_partial, match_strict
from pipeline.evaluation.model import Mention

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_GOLD = ROOT / "corpora" / "gold" / "sectors_dev.jsonl"
SOURCES = {  # "source" field -> file under ../shared
    "nerel/dev": "corpora/nerel/dev.jsonl",
    "nerel/train": "corpora/nerel/train.jsonl",
    "factrueval/dev": "corpora/factrueval/dev.jsonl",
}


def default_shared() -> Path:
    """$SHARED_DIR, else ../shared beside the project (pipeline.config.shared_dir)."""
    from pipeline.config import shared_dir

    return shared_dir()


class SharedMissing(RuntimeError):
    """A gold document's text lives in ../shared, which is not here."""


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


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def load_sector_gold(
    path: str | Path = DEFAULT_GOLD, shared: str | Path | None = None
) -> list[SectorDoc]:
    """The gold documents with their texts; NEREL texts are read from `shared` and checked."""
    path = Path(path)
    shared = Path(shared) if shared else default_shared()
    records = _records(path)
    texts = _shared_texts(shared, {r["source"] for r in records if "text" not in r})
    docs = []
    for line, record in enumerate(records, 1):
        text = record.get("text")
        if text is None:
            text = texts.get((record["source"], record["id"]))
            if text is None:
                raise InputError(path, f"line {line}: {record['id']} not in {record['source']}")
        if sha1(text) != record["sha1"]:
            raise InputError(path, f"line {line}: text of {record['id']} differs (sha1)")
        gold = [GoldSector(e["start"], e["end"], e["sector"]) for e in record["entities"]]
        docs.append(SectorDoc(record["id"], record["source"], text, gold))
    return docs


def _records(path: Path) -> list[dict]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        return [json.loads(line) for line in lines if line.strip()]
    except json.JSONDecodeError as exc:
        raise InputError(path, f"malformed JSON: {exc}") from None


def _shared_texts(shared: Path, sources: Iterable[str]) -> dict[tuple[str, str], str]:
    texts = {}
    for source in sources:
        file = shared / SOURCES[source]
        if not file.exists():
            raise SharedMissing(f"{file} not found")
        with open(file, encoding="utf-8") as handle:
            for line in handle:
                obj = json.loads(line)
                texts[(source, obj["id"])] = obj["text"]
    return texts


@dataclass
class PRF:
    tp: int = 0
    n_gold: int = 0
    n_pred: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class SectorScores:
    strict: PRF = field(default_factory=PRF)
    partial: PRF = field(default_factory=PRF)
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
    for prf, pairs in (
        (scores.strict, match_strict(gold, pred)),
        (scores.partial, match_partial(gold, pred)),
    ):
        prf.tp += len(pairs)
        prf.n_gold += len(gold)
        prf.n_pred += len(pred)
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
    for name, prf in (("strict", scores.strict), ("partial", scores.partial)):
        lines.append(
            f"| {name} | {prf.precision:.3f} | {prf.recall:.3f} | {prf.f1:.3f} | "
            f"{prf.n_gold} | {prf.n_pred} | {prf.tp} |"
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
