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
import pickle
import sys
from pathlib import Path

MONEY = ("INCOME", "EXPENDITURE", "PRICE_OF")
SHOWN = ("money", "PART_OF", "HEADQUARTERED_IN")


def tagged_docs(corpus, cache: Path) -> list:
    """Docs of the corpus through every stage but `relations`, from the cache if present."""
    from spacy.attrs import SENT_START

    if cache.exists():
        docs, starts = pickle.loads(cache.read_bytes())
        for doc, rows in zip(docs, starts, strict=True):
            # A parsed Doc's bytes keep heads, not the sentence starts the pipeline set: put
            # them back as the syntax stage does.
            doc.from_array([SENT_START], rows)
        return docs
    from pipeline.evaluation.systems import _items
    from pipeline.extensions import make_doc
    from pipeline.reader import Document
    from pipeline.runner import load_pipeline

    nlp = load_pipeline()
    documents = [Document(i, t, "<memory>", "utf-8", d) for i, t, d in _items(corpus)]
    docs = []
    with nlp.select_pipes(disable=["relations"]):
        for n, doc in enumerate(nlp.pipe((make_doc(nlp, d) for d in documents), batch_size=64)):
            docs.append(doc)
            if n % 100 == 0:
                print(f"tagged {n}/{len(documents)}", file=sys.stderr)
    cache.write_bytes(pickle.dumps((docs, [d.to_array([SENT_START]) for d in docs])))
    return docs


def predicted(docs: list, nlp_config: str | None = None) -> tuple[list, list]:
    """(mentions, relations) of the evaluation's model, from the relation stage run now."""
    from pipeline.config import load_config
    from pipeline.evaluation.model import Mention, Relation
    from pipeline.evaluation.relations import as_argument
    from pipeline.stages.relations import RelationRules
    from pipeline.tables import doc_mentions

    config = load_config(Path(nlp_config) if nlp_config else None)
    lexicon = _relation_lexicon(config)
    rules = RelationRules(None, "relations", lexicon)
    mentions, relations = [], []
    for doc in docs:
        rules(doc)
        doc_id = doc._.doc_id
        for span in doc_mentions(doc):
            mentions.append(Mention(doc_id, span.start_char, span.end_char, span.label_))
        for r in doc._.relations:
            head = as_argument(Mention(doc_id, r.head.start_char, r.head.end_char, r.head.label_))
            tail = as_argument(Mention(doc_id, r.tail.start_char, r.tail.end_char, r.tail.label_))
            relations.append(Relation(doc_id, r.type, head, tail))
    return mentions, relations


def _relation_lexicon(config) -> str:
    stage = next(s for s in config.stages if s.name == "relations")
    return str(stage.settings["lexicon"])


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


def by_document(mentions: list, relations: list, kinds: tuple[str, ...]) -> tuple[dict, dict]:
    """Per document: the predicted mentions as relation arguments, and the predicted relations
    of `kinds`."""
    from pipeline.evaluation.relations import as_argument

    found: dict[str, list] = {}
    for m in mentions:
        found.setdefault(m.doc_id, []).append(as_argument(m))
    by_doc: dict[str, list] = {}
    for r in relations:
        if r.type in kinds:
            by_doc.setdefault(r.doc_id, []).append(r)
    return found, by_doc


def given_errors(corpus, relations: list, mentions: list, kinds: tuple[str, ...]):
    """Given-mentions misses and spurious links of `kinds`, as (label, doc, relation)."""
    from pipeline.evaluation.relations import _both_in, _match, gold_arguments

    found, by_doc = by_document(mentions, relations, kinds)
    out = []
    for doc in corpus.documents:
        gold = [r for r in doc.relations if r.type in kinds]
        given = [r for r in gold if _both_in(r, found.get(doc.doc_id, []))]
        # as the scorer: a hand relation gold's arguments count beside the corpus's mentions
        pred = [r for r in by_doc.get(doc.doc_id, []) if _both_in(r, gold_arguments(doc))]
        pairs = _match(given, pred, "partial")
        hit_g, hit_p = {g for g, _ in pairs}, {p for _, p in pairs}
        out += [("MISS", doc, r) for i, r in enumerate(given) if i not in hit_g]
        out += [("SPUR", doc, r) for i, r in enumerate(pred) if i not in hit_p]
        # gold links whose mentions were not found: the mention side of the end-to-end figure
        out += [("NOMENTION", doc, r) for r in gold if r not in given]
    return out


def context(text: str, relation) -> str:
    start = min(relation.head.start, relation.tail.start)
    end = max(relation.head.end, relation.tail.end)
    left = max(text.rfind("\n", 0, start), text.rfind(". ", max(0, start - 400), start) + 1, 0)
    right = text.find(". ", end)
    right = len(text) if right < 0 else right + 1
    return " ".join(text[left:right].split())[:600]


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
