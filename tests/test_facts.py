"""Facts and relations of the seed article against its hand-made gold (guideline section 10)."""

from __future__ import annotations

import json

import pytest

from pipeline.evaluation.gold import load_gold
from pipeline.evaluation.relations import relations_from_tables, score_relations
from pipeline.schema import MENTION_COLUMNS, RELATION_COLUMNS
from pipeline.tables import fact_rows, mention_rows, relation_rows, typed_frame
from tests.conftest import SEED_GOLD


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])


def _entity(gold: dict, ident: str | None) -> dict | None:
    return next(e for e in gold["entities"] if e["id"] == ident) if ident else None


def test_every_gold_fact_is_found_with_its_amount_date_and_sector(seed_doc, gold):
    mentions = {r["mention_id"]: r for r in mention_rows(seed_doc)}
    rows = fact_rows(seed_doc)
    assert gold["facts"]
    for fact in gold["facts"]:
        amount = _entity(gold, fact["amount"])
        found = [
            r
            for r in rows
            if r["trigger"] == fact["trigger"]
            and mentions[r["amount_mention_id"]]["start"] == amount["start"]
        ]
        assert len(found) == 1, fact
        row = found[0]
        assert (row["amount_value"], row["amount_unit"], row["qualifier"]) == (
            amount["value"],
            amount["unit"],
            amount["qualifier"],
        )
        assert (row["modality"], row["polarity"]) == (fact["modality"], fact["polarity"])
        for role in ("date", "sector", "agent"):
            expected = _entity(gold, fact[role])
            got = row[f"{role}_mention_id"]
            if expected is None:
                assert got is None, (fact, role)
            else:
                assert mentions[got]["start"] == expected["start"], (fact, role)


def test_seed_has_no_fact_the_gold_lacks(seed_doc, gold):
    assert len(fact_rows(seed_doc)) == len(gold["facts"])


def test_seed_relations_match_the_gold(seed_doc):
    corpus = load_gold(SEED_GOLD)
    mentions = typed_frame(mention_rows(seed_doc), MENTION_COLUMNS)
    relations = typed_frame(relation_rows(seed_doc), RELATION_COLUMNS)
    frame_doc = mentions.assign(doc_id=corpus.documents[0].doc_id)
    predicted = relations_from_tables(frame_doc, relations.assign(doc_id=frame_doc.doc_id[0]))
    result = score_relations(corpus, predicted)
    strict = result.counts["strict"]
    assert strict["PART_OF"].tp == 3
    assert sum(c.fp for c in strict.values()) == 0
    assert sum(c.fn for c in strict.values()) == 0
