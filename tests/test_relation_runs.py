"""The parts the relation error scripts share (pipeline/evaluation/relation_runs.py)."""

from __future__ import annotations

import pytest

from pipeline.evaluation.model import Document, GoldCorpus, Mention, Relation
from pipeline.evaluation.relation_runs import (
    by_document,
    given_errors,
    predictions,
    rerun_relations,
    sentence_context,
    tagged_docs,
    unmatched,
    window,
)
from tests.conftest import load_script


def m(start: int, end: int, kind: str = "ORG", doc: str = "d") -> Mention:
    return Mention(doc, start, end, kind)


def rel(head: Mention, tail: Mention, kind: str = "PART_OF") -> Relation:
    return Relation(head.doc_id, kind, head, tail)


def corpus(*documents: Document) -> GoldCorpus:
    return GoldCorpus("<test>", "gold", list(documents), ("ORG", "LOC"))


def test_by_document_reads_place_adjectives_as_places_and_keeps_only_kinds() -> None:
    mentions = [m(0, 5), m(6, 12, "PLACE_ADJ"), m(0, 3, doc="e")]
    relations = [rel(m(0, 5), m(6, 12, "LOC"), "HEADQUARTERED_IN"), rel(m(0, 5), m(20, 30))]
    found, by_doc = by_document(mentions, relations, ("HEADQUARTERED_IN",))
    assert found == {"d": [m(0, 5), m(6, 12, "LOC")], "e": [m(0, 3, doc="e")]}
    assert by_doc == {"d": [relations[0]]}


@pytest.mark.parametrize(
    ("pred_tail", "mode", "matched"),
    [
        ((10, 20), "strict", True),
        ((10, 21), "strict", False),
        ((10, 21), "partial", True),
        ((25, 30), "partial", False),
    ],
)
def test_unmatched_pairs_as_the_scorer(pred_tail, mode, matched) -> None:
    gold = [rel(m(0, 5), m(10, 20))]
    pred = [rel(m(0, 5), m(*pred_tail))]
    missed, spurious = unmatched(gold, pred, mode)
    assert (missed, spurious) == (([], []) if matched else (gold, pred))


def test_unmatched_is_one_to_one() -> None:
    gold = [rel(m(0, 5), m(10, 20))]
    pred = [rel(m(0, 5), m(10, 20)), rel(m(0, 5), m(10, 20))]
    assert unmatched(gold, pred, "strict") == ([], [pred[1]])


def test_given_errors_labels_misses_spurious_links_and_unfound_mentions() -> None:
    a, b, c, d = m(0, 5), m(10, 20), m(30, 40), m(50, 60)
    gold = [rel(a, b), rel(b, c), rel(c, d)]
    doc = Document("d", "x" * 70, gold=[a, b, c, d], relations=gold)
    found = [a, b, c]  # d not found: the link c -> d is a mention miss
    pred = [rel(a, b), rel(a, c), rel(a, m(62, 66))]  # the last joins no gold mention
    out = given_errors(corpus(doc), pred, found, ("PART_OF",))
    assert [(label, r) for label, _, r in out] == [
        ("MISS", gold[1]),
        ("SPUR", pred[1]),
        ("NOMENTION", gold[2]),
    ]


def test_window_is_clipped_to_the_text() -> None:
    text = "0123456789" * 3
    link = rel(m(12, 14), m(3, 5))
    assert window(text, link, 2, 3) == text[1:17]
    assert window(text, link, 10, 100) == text[0:]


def test_sentence_context_runs_from_the_sentence_before_to_its_end() -> None:
    text = "Первое предложение. Завод в Казани закрыт. Третье."
    start = text.index("Завод")
    link = rel(m(start, start + 5), m(text.index("Казани"), text.index("Казани") + 6))
    assert sentence_context(text, link) == "Завод в Казани закрыт."


def test_cached_docs_give_the_relations_of_a_fresh_run(tmp_path, nlp) -> None:
    texts = ["МИД России заявил о планах.", "Сотрудники завода в Татарстане. Второе предложение."]
    gold = corpus(*(Document(f"d{i}", t) for i, t in enumerate(texts)))
    cache = tmp_path / "docs.pkl"
    fresh = predictions(rerun_relations(tagged_docs(gold, cache)))
    assert cache.exists()
    cached_docs = tagged_docs(gold, cache)
    assert [len(list(d.sents)) for d in cached_docs] == [1, 2]
    again = predictions(rerun_relations(cached_docs))
    assert again == fresh
    assert any(r.type == "HEADQUARTERED_IN" for r in again.relations)


@pytest.mark.parametrize(
    ("script", "names"),
    [
        (
            "relation_errors",
            ("tagged_docs", "predicted", "by_document", "given_errors", "context", "figures"),
        ),
        ("end_errors", ("lost_to_ends", "main")),
        ("part_of_errors", ("predicted", "classify_doc", "main")),
        ("hq_error_classes", ("predicted", "classify_missed", "main")),
    ],
)
def test_error_scripts_load_with_the_shared_module(script, names) -> None:
    module = load_script(script)
    assert all(callable(getattr(module, name)) for name in names)
