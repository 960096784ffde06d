"""What the relation error scripts share (scripts/relation_errors.py, end_errors.py,
part_of_errors.py, hq_error_classes.py): the gold texts tagged once by every stage but
`relations` and kept in a cache file, the relation stage of the current code rerun on them,
its output read as the evaluator reads it, grouped per document, and the predicted links
matched to the gold ones (strict, partial, given mentions) as the scorer matches them.

A cache is only valid for the code of the stages before `relations`: delete it after changing
a mention rule or the syntax stage's choice of sentences.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.evaluation.model import Document, GoldCorpus, Mention, Relation
from pipeline.evaluation.relations import _both_in, _match, as_argument, gold_arguments

PROGRESS_EVERY = 100  # documents between two progress lines on stderr


def run_docs(corpus: GoldCorpus, *, relations: bool = True, progress: bool = False) -> list:
    """The pipeline's Docs for the corpus's texts (dated as the evaluation dates them), with or
    without the relation stage."""
    from pipeline.evaluation.systems import _items
    from pipeline.extensions import make_doc
    from pipeline.reader import Document as Article
    from pipeline.runner import load_pipeline

    nlp = load_pipeline()
    articles = [Article(i, t, "<memory>", "utf-8", d) for i, t, d in _items(corpus)]
    docs = []
    with nlp.select_pipes(disable=[] if relations else ["relations"]):
        for n, doc in enumerate(nlp.pipe((make_doc(nlp, a) for a in articles), batch_size=64)):
            docs.append(doc)
            if progress and n % PROGRESS_EVERY == 0:
                print(f"tagged {n}/{len(articles)}", file=sys.stderr)
    return docs


def tagged_docs(corpus: GoldCorpus, cache: Path) -> list:
    """Docs of the corpus through every stage but `relations`, from the cache if present
    (made on the first call)."""
    from spacy.attrs import SENT_START

    if cache.exists():
        docs, starts = pickle.loads(cache.read_bytes())
        for doc, rows in zip(docs, starts, strict=True):
            # A parsed Doc's bytes keep heads, not the sentence starts the pipeline set: put
            # them back as the syntax stage does.
            doc.from_array([SENT_START], rows)
        return docs
    docs = run_docs(corpus, relations=False, progress=True)
    cache.write_bytes(pickle.dumps((docs, [d.to_array([SENT_START]) for d in docs])))
    return docs


def relation_lexicon(config: Any) -> str:
    """The lexicon file the config's relation stage reads."""
    stage = next(s for s in config.stages if s.name == "relations")
    return str(stage.settings["lexicon"])


def rerun_relations(docs: list, config_path: str | None = None) -> list:
    """The relation stage of the current code run again on tagged Docs (in place)."""
    from pipeline.config import load_config
    from pipeline.stages.relations import RelationRules

    config = load_config(Path(config_path) if config_path else None)
    rules = RelationRules(None, "relations", relation_lexicon(config))
    return [rules(doc) for doc in docs]


@dataclass
class Predictions:
    """A run's output in the evaluation's records."""

    mentions: list[Mention] = field(default_factory=list)  # types as the mentions table's
    relations: list[Relation] = field(default_factory=list)  # arguments as scored (as_argument)
    triggers: dict[Relation, str | None] = field(default_factory=dict)  # the first link's


def predictions(docs: Iterable) -> Predictions:
    """The mentions and relations of Docs the relation stage has run on."""
    from pipeline.tables import doc_mentions

    out = Predictions()
    for doc in docs:
        doc_id = doc._.doc_id
        for span in doc_mentions(doc):
            out.mentions.append(span_mention(doc_id, span))
        for r in doc._.relations or []:
            head = as_argument(span_mention(doc_id, r.head))
            tail = as_argument(span_mention(doc_id, r.tail))
            relation = Relation(doc_id, r.type, head, tail)
            out.relations.append(relation)
            out.triggers.setdefault(relation, r.trigger)
    return out


def span_mention(doc_id: str, span: Any) -> Mention:
    return Mention(doc_id, span.start_char, span.end_char, span.label_)


def by_document(
    mentions: Iterable[Mention], relations: Iterable[Relation], kinds: Sequence[str]
) -> tuple[dict[str, list[Mention]], dict[str, list[Relation]]]:
    """Per document: the predicted mentions as relation arguments, and the predicted relations
    of `kinds`."""
    found: dict[str, list[Mention]] = {}
    for m in mentions:
        found.setdefault(m.doc_id, []).append(as_argument(m))
    by_doc: dict[str, list[Relation]] = {}
    for r in relations:
        if r.type in kinds:
            by_doc.setdefault(r.doc_id, []).append(r)
    return found, by_doc


def unmatched(
    gold: list[Relation], pred: list[Relation], mode: str
) -> tuple[list[Relation], list[Relation]]:
    """The gold links no prediction matches and the predictions no gold link matches, one to
    one as the scorer pairs them (mode strict or partial)."""
    pairs = _match(gold, pred, mode)
    hit_g, hit_p = {g for g, _ in pairs}, {p for _, p in pairs}
    return (
        [r for i, r in enumerate(gold) if i not in hit_g],
        [r for i, r in enumerate(pred) if i not in hit_p],
    )


def given_errors(
    corpus: GoldCorpus, relations: list[Relation], mentions: list[Mention], kinds: Sequence[str]
) -> list[tuple[str, Document, Relation]]:
    """Given-mentions misses and spurious links of `kinds`, as (label, doc, relation): MISS and
    SPUR as the given-mentions mode scores them, NOMENTION a gold link whose mentions were not
    found (the mention side of the end-to-end figure)."""
    found, by_doc = by_document(mentions, relations, kinds)
    out: list[tuple[str, Document, Relation]] = []
    for doc in corpus.documents:
        gold = [r for r in doc.relations if r.type in kinds]
        given = [r for r in gold if _both_in(r, found.get(doc.doc_id, []))]
        # as the scorer: a hand relation gold's arguments count beside the corpus's mentions
        pred = [r for r in by_doc.get(doc.doc_id, []) if _both_in(r, gold_arguments(doc))]
        missed, spurious = unmatched(given, pred, "partial")
        out += [("MISS", doc, r) for r in missed]
        out += [("SPUR", doc, r) for r in spurious]
        out += [("NOMENTION", doc, r) for r in gold if r not in given]
    return out


def window(text: str, relation: Relation, before: int, after: int) -> str:
    """The text from `before` characters ahead of a link's first mention to `after` past its
    last one (clipped to the text)."""
    start = min(relation.head.start, relation.tail.start)
    end = max(relation.head.end, relation.tail.end)
    return text[max(0, start - before) : end + after]


def sentence_context(text: str, relation: Relation) -> str:
    """A link's sentence or sentences, roughly (from the last line or ". " before it to the
    next ". "), on one line, at most 600 characters."""
    start = min(relation.head.start, relation.tail.start)
    end = max(relation.head.end, relation.tail.end)
    left = max(text.rfind("\n", 0, start), text.rfind(". ", max(0, start - 400), start) + 1, 0)
    right = text.find(". ", end)
    right = len(text) if right < 0 else right + 1
    return " ".join(text[left:right].split())[:600]
