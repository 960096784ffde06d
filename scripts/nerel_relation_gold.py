"""Select NEREL's own relations on its economic articles (those that hold money) into a gold
file of ids, sha1 and offsets: no NEREL text enters the repository.

    python scripts/nerel_relation_gold.py --shared ../shared \
        --out corpora/gold/nerel_money_relations.jsonl

An article is selected when NEREL tags at least one MONEY and one ORGANIZATION in it. Each
kept relation is one of the types this project produces (NEREL's names), between entities
whose NEREL types map onto ours (ORG, PER, LOC, AMOUNT). `python -m pipeline evaluate --gold`
reads the file back with the texts from the shared corpora (SHARED_DIR, default ../shared).
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from pipeline.evaluation.corpora import NEREL
from pipeline.evaluation.relations import NEREL_RELATION_TYPES

SPLITS = ("dev", "train")


def select(document: dict, split: str) -> dict | None:
    types = {e["type"] for e in document["entities"]}
    if not {"MONEY", "ORGANIZATION"} <= types:
        return None
    entities = {
        e["ann_id"]: e
        for e in document["entities"]
        if e["type"] in NEREL.types and not e.get("discontinuous")
    }
    relations = []
    for r in document.get("relations", []):
        head, tail = entities.get(r["head"]), entities.get(r["tail"])
        if r["type"] in NEREL_RELATION_TYPES and head and tail:
            relations.append(
                {"type": r["type"], "head": _arg(head), "tail": _arg(tail), "nerel": r["ann_id"]}
            )
    return {
        "source": f"corpora/nerel/{split}.jsonl",
        "id": document["id"],
        "sha1": hashlib.sha1(document["text"].encode("utf-8")).hexdigest(),
        "relations": relations,
    }


def _arg(entity: dict) -> dict:
    return {"start": entity["start"], "end": entity["end"], "type": NEREL.types[entity["type"]][0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    rows = []
    for split in SPLITS:
        path = args.shared / "corpora" / "nerel" / f"{split}.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            row = select(json.loads(line), split)
            if row is not None:
                rows.append(row)
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    kept = sum(len(r["relations"]) for r in rows)
    print(f"{len(rows)} articles, {kept} relations -> {args.out}")


if __name__ == "__main__":
    main()
