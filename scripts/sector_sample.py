"""A seeded random sample of the pipeline's SECTOR mentions on a corpus, with context, to judge
precision by the guideline (session 12, secprec: SECTOR has no NEREL/factRuEval gold).

    python scripts/sector_sample.py --pred /tmp/x/train/predictions.parquet \
        --gold ../shared/corpora/nerel/train.jsonl --pred /tmp/x/fre/predictions.parquet \
        --gold ../shared/corpora/factrueval/dev.jsonl --skip ids.json --n 130 --seed 1201

Prints one line per sampled mention: number, doc id, stage, sector, and the sentence-ish window
with the mention in [brackets]. `--skip` is a JSON list of doc ids left out (the blind slice's
ids: only the ids are read). The texts come from the gold files' "text" field only.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import pandas as pd

WINDOW = 90  # characters of context on each side


def _texts(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as lines:
        return {d["id"]: d["text"] for d in map(json.loads, lines)}


def _window(text: str, start: int, end: int) -> str:
    left = text[max(0, start - WINDOW) : start]
    right = text[end : end + WINDOW]
    return f"{left}[{text[start:end]}]{right}".replace("\n", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pred", type=Path, action="append", required=True)
    parser.add_argument("--gold", type=Path, action="append", required=True)
    parser.add_argument("--skip", type=Path, help="JSON list of doc ids to leave out")
    parser.add_argument("--n", type=int, default=130)
    parser.add_argument("--seed", type=int, default=1201)
    args = parser.parse_args()
    skip = set(json.loads(args.skip.read_text())) if args.skip else set()
    rows = []
    for pred, gold in zip(args.pred, args.gold, strict=True):
        texts = _texts(gold)
        frame = pd.read_parquet(pred)
        frame = frame[(frame["type"] == "SECTOR") & ~frame["doc_id"].isin(skip)]
        for r in frame.itertuples():
            rows.append((r.doc_id, int(r.start), int(r.end), r.stage, r.sector, texts[r.doc_id]))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    print(f"# {len(rows)} SECTOR mentions; sample {min(args.n, len(rows))}, seed {args.seed}")
    sample = random.Random(args.seed).sample(rows, min(args.n, len(rows)))
    for k, (doc, start, end, stage, sector, text) in enumerate(sample, 1):
        print(f"{k:3d} {doc} {stage} {sector} | {_window(text, start, end)}")


if __name__ == "__main__":
    main()
