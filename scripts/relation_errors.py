"""Relation errors on a gold corpus, fast to re-run while working on the relation stage.

The first run tags the gold texts with every stage but `relations` and keeps the Docs in a
cache file; later runs load them and run only the relation stage of the current code, so a
change to the relation rules is measured in seconds. Prints strict / partial /
given-mentions P/R/F1 for the money group, PART_OF and HEADQUARTERED_IN, and with --show the
given-mentions misses and spurious links of the chosen types with their sentences.

    python scripts/relation_errors.py ../shared/corpora/nerel/train.jsonl --cache /tmp/x.pkl
    python scripts/relation_errors.py corpora/gold/nerel_money_relations.jsonl \
        --cache /tmp/m.pkl --show INCOME,EXPENDITURE,PRICE_OF

The cache is only valid for the code of the stages before `relations`: delete it after
changing a mention rule or the syntax stage's choice of sentences.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Other scripts import by_document, context, given_errors, tagged_docs and _relation_lexicon
# from here; they live in pipeline/evaluation/relation_runs.py, shared by the error scripts.
from pipeline.evaluation.relation_runs import (  # noqa: E402, F401
    by_document,
    given_errors,
    predictions,
    rerun_relations,
    tagged_docs,
)
from pipeline.evaluation.relation_runs import (  # noqa: E402, F401
    relation_lexicon as _relation_lexicon,
)
from pipeline.evaluation.relation_runs import sentence_context as context  # noqa: E402

MONEY = ("INCOME", "EXPENDITURE", "PRICE_OF")
SHOWN = ("money", "PART_OF", "HEADQUARTERED_IN")


def predicted(docs: list, nlp_config: str | None = None) -> tuple[list, list]:
    """(mentions, relations) of the evaluation's model, from the relation stage run now."""
    found = predictions(rerun_relations(docs, nlp_config))
    return found.mentions, found.relations


def figures(result, kinds: tuple[str, ...] = SHOWN) -> str:
    lines = []
    for kind in kinds:
        cells = []
        for mode in ("strict", "partial", "given_mentions"):
            c = result.counts[mode].get(kind)
            if c is None:
                cells.append("-")
                continue
            cells.append(
                f"{c.f1:.3f} (P {c.precision:.3f} R {c.recall:.3f} tp {c.tp} fp {c.fp} fn {c.fn})"
            )
        lines.append(f"{kind:17s} " + " | ".join(cells))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="NEREL JSONL or the project's gold JSONL")
    parser.add_argument("--cache", type=Path, required=True, help="pickle of the tagged Docs")
    parser.add_argument("--show", default="", help="relation types whose errors to print")
    parser.add_argument(
        "--only", default="MISS,SPUR", help="error kinds to print: MISS, SPUR, NOMENTION"
    )
    args = parser.parse_args()

    from pipeline.evaluation.readers import read_gold
    from pipeline.evaluation.relations import score_relations

    corpus = read_gold(args.gold)
    docs = tagged_docs(corpus, args.cache)
    mentions, relations = predicted(docs)
    kinds = tuple(k for k in args.show.split(",") if k)
    shown = SHOWN + tuple(k for k in kinds if k not in MONEY + SHOWN)  # SECTOR_OF, DATE_OF, ...
    print(figures(score_relations(corpus, relations, mentions), shown))
    if not kinds:
        return
    wanted = set(args.only.split(","))
    for label, doc, r in given_errors(corpus, relations, mentions, kinds):
        if label not in wanted:
            continue
        head = doc.text[r.head.start : r.head.end]
        tail = doc.text[r.tail.start : r.tail.end]
        print(f"\n{label} {r.type} [{head}] -> [{tail}]  ({doc.doc_id})")
        print("   ", context(doc.text, r))


if __name__ == "__main__":
    main()
