"""Pick the held-out SECTOR slice: 20 NEREL economy/business articles no rule was shaped on.

    python scripts/heldout_sector_slice.py --shared ../shared --out /tmp/heldout/pool.jsonl

Fixed criterion, no pipeline involved: a NEREL dev/train article that is in none of the
project's NEREL golds (money, fact, fact second, sector dev), whose NEREL annotation holds at
least one MONEY or at least 3 ORGANIZATION entities, and whose text contains one of the
economic word stems of ECONOMIC_STEMS (case-folded substring). From those, a seeded random
sample of 20, sorted by id. Writes the pool (source, id, sha1: no text) that
`scripts/nerel_fact_gold.py --pool` reads.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from pipeline.evaluation.offset_gold import sha1

ROOT = Path(__file__).resolve().parents[1]
USED = (
    "nerel_money_relations.jsonl",
    "nerel_fact_relations.jsonl",
    "nerel_fact_relations_second.jsonl",
    "sectors_dev.jsonl",
)
ECONOMIC_STEMS = (
    "компани",
    "рынк",
    "рынок",
    "продаж",
    "производств",
    "экспорт",
    "импорт",
    "отрасл",
    "бизнес",
    "акци",
    "выручк",
    "прибыл",
    "инвест",
)
SEED = 20268
SIZE = 20


def used_ids() -> set[str]:
    ids = set()
    for name in USED:
        for line in (ROOT / "corpora" / "gold" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                ids.add(json.loads(line)["id"])
    return ids


def eligible(doc: dict) -> bool:
    types = [e["type"] for e in doc["entities"]]
    text = doc["text"].casefold()
    business = "MONEY" in types or types.count("ORGANIZATION") >= 3
    return business and any(stem in text for stem in ECONOMIC_STEMS)


def select(shared: Path) -> list[dict]:
    used = used_ids()
    candidates = []
    for split in ("dev", "train"):
        source = f"corpora/nerel/{split}.jsonl"
        for line in (shared / source).read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            if doc["id"] not in used and eligible(doc):
                candidates.append({"source": source, "id": doc["id"], "sha1": sha1(doc["text"])})
    candidates.sort(key=lambda r: (r["source"], r["id"]))
    picked = random.Random(SEED).sample(candidates, SIZE)
    return sorted(picked, key=lambda r: r["id"]), len(candidates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, required=True, help="pool JSONL to write")
    args = parser.parse_args()
    rows, pool = select(args.shared)
    args.out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} of {pool} eligible articles -> {args.out}")


if __name__ == "__main__":
    main()
