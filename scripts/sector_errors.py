"""SECTOR mention errors on the two SECTOR golds, fast to re-run while working on the lexicon.

The first run tags the gold texts with every stage before `sector_rules` and keeps the Docs in
a cache file; later runs load them and run only the sector stage of the current code and
configs/sectors.toml, so a lexicon change is measured in seconds. Prints strict and partial
P/R/F1 of SECTOR mentions and, with --show, each miss (MISS), spurious mention (SPUR) and
bound error (BOUND: overlapping, not equal) with its context. Prints to the terminal only:
the NEREL texts stay in ../shared.

    python scripts/sector_errors.py fact --cache /tmp/sector/fact.pkl --show
    python scripts/sector_errors.py dev --cache /tmp/sector/dev.pkl --show
    SHARED_DIR=../shared python scripts/sector_errors.py nerel-dev --cache /tmp/s/nd.pkl \
        --dump /tmp/s/nd_before.tsv      # later: --diff /tmp/s/nd_before.tsv --outside

`fact` is corpora/gold/nerel_fact_relations.jsonl (every SECTOR mention of its 128 articles
is annotated, guideline 115), `dev` the SECTOR dev gold corpora/gold/sectors_dev.jsonl,
`heldout` the blind held-out slice corpora/gold/nerel_sector_heldout.jsonl (measure on it,
shape no rule on it), `heldout2` the second slice corpora/gold/nerel_heldout2.jsonl,
`heldout3` the third (corpora/gold/factrueval_heldout3.jsonl, fitted since session 11),
`nerel-dev` and `nerel-train` NEREL's own texts (no SECTOR gold: counts, --dump and
--diff; the stage's CPU time is printed for every set). The cache is valid only for the
code of the stages before `sector_rules`.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDS = {
    "fact": ROOT / "corpora" / "gold" / "nerel_fact_relations.jsonl",
    "dev": ROOT / "corpora" / "gold" / "sectors_dev.jsonl",
    "heldout": ROOT / "corpora" / "gold" / "nerel_sector_heldout.jsonl",
    "heldout2": ROOT / "corpora" / "gold" / "nerel_heldout2.jsonl",
    "heldout3": ROOT / "corpora" / "gold" / "factrueval_heldout3.jsonl",
}
# NEREL itself has no SECTOR annotation: these print counts and, with --dump/--diff, which
# mentions a change adds or drops (read them by hand; --outside keeps the articles no gold holds)
NEREL = {"nerel-dev": "dev.jsonl", "nerel-train": "train.jsonl"}


def gold_texts(name: str) -> list[tuple[str, str, list[tuple[int, int]]]]:
    """(doc id, text, gold SECTOR spans) of one gold; NEREL corpora have no SECTOR gold."""
    if name in NEREL:
        from pipeline.config import shared_dir

        path = shared_dir() / "corpora" / "nerel" / NEREL[name]
        rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
        return [(r["id"], r["text"], []) for r in rows]
    if name == "dev":
        from pipeline.evaluation.sectors import load_sector_gold

        docs = load_sector_gold(GOLDS["dev"])
        return [(d.doc_id, d.text, sorted({(g.start, g.end) for g in d.gold})) for d in docs]
    from pipeline.evaluation.readers import read_gold

    corpus = read_gold(GOLDS[name])
    return [
        (
            d.doc_id,
            d.text,
            sorted({(m.start, m.end) for m in d.gold if m.type == "SECTOR"}),
        )
        for d in corpus.documents
    ]


def tagged_docs(items: list, cache: Path) -> list:
    """Docs through every stage before `sector_rules`, from the cache if present."""
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    from pipeline.extensions import make_doc
    from pipeline.reader import Document
    from pipeline.runner import load_pipeline

    nlp = load_pipeline()
    names = nlp.pipe_names
    later = names[names.index("sector_rules") :]
    documents = [Document(i, t, "<memory>", "utf-8", None) for i, t, _ in items]
    with nlp.select_pipes(disable=later):
        docs = list(nlp.pipe((make_doc(nlp, d) for d in documents), batch_size=32))
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(docs))
    return docs


def sector_stage():
    """The sector stage of the current code, with configs/pipeline.toml's settings."""
    from pipeline.config import load_config
    from pipeline.runner import load_pipeline

    config = load_config(None)
    stage = next(s for s in config.stages if s.name == "sector_rules")
    nlp = load_pipeline()
    return nlp.get_pipe(stage.name)


def context(text: str, start: int, end: int, width: int = 70) -> str:
    left = " ".join(text[max(0, start - width) : start].split())
    right = " ".join(text[end : end + width].split())
    return f"{left} [{text[start:end]}] {right}"


def compare(items: list, docs: list, rules) -> tuple[dict[str, int], list[tuple[str, str, str]]]:
    counts = {"tp": 0, "fp": 0, "fn": 0, "partial": 0}
    errors = []
    from pipeline.stages.rules.sector import NEGATIVE, STAGES

    labels = [NEGATIVE] + [f"{k}|{sid}" for k in STAGES for sid in rules.values]
    for (doc_id, text, gold), doc in zip(items, docs, strict=True):
        for label in labels:  # a cached Doc has its own vocabulary: new matcher keys
            doc.vocab.strings.add(label)
        doc.spans["SECTOR"] = []
        rules(doc)
        pred = {(s.start_char, s.end_char): s for s in doc.spans["SECTOR"]}
        gold_set = set(gold)
        counts["tp"] += len(gold_set & set(pred))
        for s, e in sorted(gold_set - set(pred)):
            counts["fn"] += 1
            near = [p for p in pred if p[0] < e and s < p[1]]
            counts["partial"] += bool(near)
            label = "BOUND" if near else "MISS"
            shown = f" (found {', '.join(text[a:b] for a, b in near)})" if near else ""
            errors.append((label, doc_id, context(text, s, e) + shown))
        for (s, e), span in sorted(pred.items()):
            if (s, e) in gold_set:
                continue
            counts["fp"] += 1
            if not any(g[0] < e and s < g[1] for g in gold):
                sector = span._.value.sector if span._.value else "?"
                errors.append(("SPUR", doc_id, f"{context(text, s, e)}  {sector} {span._.stage}"))
    return counts, errors


def figures(counts: dict[str, int]) -> str:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    bounds = counts["partial"]
    return f"strict P {p:.3f} R {r:.3f} F1 {f:.3f} (tp {tp} fp {fp} fn {fn}; bounds {bounds})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", choices=sorted({*GOLDS, *NEREL}), help="which SECTOR gold")
    parser.add_argument("--cache", type=Path, required=True, help="pickle of the tagged Docs")
    parser.add_argument("--show", action="store_true", help="print each error with context")
    parser.add_argument("--dump", type=Path, help="write the predicted mentions (TSV) here")
    parser.add_argument("--diff", type=Path, help="print mentions added/dropped since a --dump")
    parser.add_argument(
        "--outside", action="store_true", help="with --diff: articles in no project gold only"
    )
    parser.add_argument(
        "--skip", type=Path, help="a JSONL of ids never to print (a blind slice): --show, --diff"
    )
    args = parser.parse_args()
    items = gold_texts(args.gold)
    docs = tagged_docs(items, args.cache)
    rules = sector_stage()
    started = time.process_time()
    counts, errors = compare(items, docs, rules)
    cpu = time.process_time() - started
    print(f"SECTOR {args.gold}: {figures(counts)}; sector stage CPU {cpu:.2f} s", file=sys.stderr)
    if args.show:
        hidden = _ids(args.skip) if args.skip else set()
        errors = [e for e in errors if e[1] not in hidden]
        for label, doc_id, line in sorted(errors, key=lambda e: (e[0], e[1])):
            print(f"{label:5} {doc_id:14} {line}")
    rows = mention_rows(items, docs)
    if args.dump:
        args.dump.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    if args.diff:
        print_diff(items, rows, args.diff, args.outside, args.skip)


def mention_rows(items: list, docs: list) -> list[tuple[str, ...]]:
    """(doc id, start, end, text, sector, stage) of every predicted mention."""
    return [
        (doc_id, str(s.start_char), str(s.end_char), s.text, s._.value.sector, s._.stage)
        for (doc_id, _, _), doc in zip(items, docs, strict=True)
        for s in doc.spans["SECTOR"]
    ]


def print_diff(
    items: list, rows: list, before: Path, outside: bool, blind: Path | None = None
) -> None:
    """Mentions added (+) or dropped (-) since the dump `before`, with their context.

    A blind slice's articles (`blind`, a JSONL with an `id` per line) are counted but never
    printed: nobody reads the rules' output on text that measures them.
    """
    old = {tuple(line.split("\t")) for line in before.read_text(encoding="utf-8").splitlines()}
    new = set(rows)
    texts = {doc_id: text for doc_id, text, _ in items}
    skip = _gold_ids() if outside else set()
    hidden = _ids(blind) if blind else set()
    changed = [("+", r) for r in new - old] + [("-", r) for r in old - new]
    changed = [c for c in changed if c[1][0] not in skip]
    counted = len(changed)
    changed = [c for c in changed if c[1][0] not in hidden]
    for sign, (doc_id, s, e, _, sector, stage) in sorted(changed, key=lambda c: c[1][:3]):
        line = context(texts[doc_id], int(s), int(e))
        print(f"{sign} {doc_id:10} {line}  {sector} {stage}")
    added = sum(sign == "+" for sign, _ in changed)
    blind_note = f"; {counted - len(changed)} in the blind slice, not shown" if hidden else ""
    print(f"added {added}, dropped {len(changed) - added}{blind_note}", file=sys.stderr)


def _gold_ids() -> set[str]:
    """Ids of the NEREL articles any project gold holds."""
    ids = set()
    for path in (ROOT / "corpora" / "gold").glob("*.jsonl"):
        ids |= _ids(path)
    return ids


def _ids(path: Path) -> set[str]:
    """The `id` (or `doc_id`) of every record of a JSONL file."""
    ids = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            ids.add(str(record.get("id") or record.get("doc_id")))
    return ids


if __name__ == "__main__":
    main()
