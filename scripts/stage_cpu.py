"""CPU time of each pipeline stage on a JSONL corpus (process_time, one process): what share
of the run a stage takes, independent of what else the machine is doing.

    python scripts/stage_cpu.py ../shared/corpora/nerel/{train,dev}.jsonl
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="+", type=Path, help="JSONL files with id and text")
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    from pipeline.runner import load_pipeline

    texts = [
        json.loads(line)["text"]
        for path in args.corpora
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    nlp = load_pipeline()
    spent: Counter = Counter()
    for start in range(0, len(texts), args.batch_size):
        chunk = texts[start : start + args.batch_size]
        began = time.process_time()
        docs = [nlp.make_doc(text) for text in chunk]
        spent["tokenizer"] += time.process_time() - began
        for name, component in nlp.pipeline:
            began = time.process_time()
            if hasattr(component, "pipe"):
                docs = list(component.pipe(docs, batch_size=args.batch_size))
            else:
                docs = [component(doc) for doc in docs]
            spent[name] += time.process_time() - began
    total = sum(spent.values())
    print(f"{len(texts)} texts, {total:.2f} s CPU in the pipeline's stages")
    for name, seconds in spent.items():
        print(f"{name:14s} {seconds:7.2f} s  {100 * seconds / total:5.1f} %")


if __name__ == "__main__":
    main()
