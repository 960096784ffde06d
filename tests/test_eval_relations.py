"""Relation scoring and the relation readers of every gold format."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from pipeline.errors import InputError
from pipeline.evaluation.model import Document, GoldCorpus, Mention, Relation
from pipeline.evaluation.readers import read_gold
from pipeline.evaluation.relations import (
    GIVEN,
    relations_from_tables,
    score_relations,
)

TEXT = "МИД России и «Газпром» в Москве. Сбербанк выделил 5 млрд рублей."


def m(start: int, end: int, kind: str, doc_id: str = "d1") -> Mention:
    return Mention(doc_id, start, end, kind)


MID, RUSSIA, GAZPROM, MOSCOW = m(0, 10, "ORG"), m(4, 10, "LOC"), m(14, 21, "ORG"), m(25, 31, "LOC")
SBER, MONEY = m(33, 41, "ORG"), m(50, 63, "AMOUNT")


def corpus(relations: list[Relation], types=("HEADQUARTERED_IN", "EXPENDITURE")) -> GoldCorpus:
    doc = Document("d1", TEXT, gold=[MID, RUSSIA, GAZPROM, MOSCOW, SBER, MONEY])
    doc.relations = relations
    return GoldCorpus("x", "gold", [doc], ("ORG",), relation_types=tuple(types))


def rel(kind: str, head: Mention, tail: Mention) -> Relation:
    return Relation("d1", kind, head, tail)


@pytest.mark.parametrize(
    ("pred", "strict", "partial"),
    [
        ([rel("HEADQUARTERED_IN", MID, RUSSIA)], (1, 0, 0), (1, 0, 0)),
        ([rel("HEADQUARTERED_IN", RUSSIA, RUSSIA)], (0, 1, 1), (0, 1, 1)),  # head of another type
        ([rel("HEADQUARTERED_IN", m(0, 3, "ORG"), RUSSIA)], (0, 1, 1), (1, 0, 0)),  # boundary
        ([rel("EXPENDITURE", MID, RUSSIA)], (0, 0, 1), (0, 0, 1)),  # counted under its own type
        ([], (0, 0, 1), (0, 0, 1)),
        (
            [rel("HEADQUARTERED_IN", MID, RUSSIA), rel("HEADQUARTERED_IN", MID, RUSSIA)],
            (1, 1, 0),
            (1, 1, 0),
        ),  # one-to-one
    ],
)
def test_strict_and_partial(pred, strict, partial):
    result = score_relations(corpus([rel("HEADQUARTERED_IN", MID, RUSSIA)]), pred)
    for mode, expected in (("strict", strict), ("partial", partial)):
        c = result.counts[mode]["HEADQUARTERED_IN"]
        assert (c.tp, c.fp, c.fn) == expected, mode


def test_per_type_and_money_group():
    gold = [rel("HEADQUARTERED_IN", MID, RUSSIA), rel("EXPENDITURE", SBER, MONEY)]
    result = score_relations(corpus(gold), [rel("EXPENDITURE", SBER, MONEY)])
    strict = result.counts["strict"]
    assert strict["EXPENDITURE"].f1 == 1.0
    assert strict["HEADQUARTERED_IN"].recall == 0.0
    assert strict["money"].tp == 1 and "money" not in result.types


def test_given_mentions_mode_leaves_out_what_mentions_miss():
    gold = [rel("HEADQUARTERED_IN", MID, RUSSIA), rel("HEADQUARTERED_IN", GAZPROM, MOSCOW)]
    found = [MID, RUSSIA]  # the system never found «Газпром» or Москве
    result = score_relations(corpus(gold), [rel("HEADQUARTERED_IN", MID, RUSSIA)], found)
    assert result.counts["strict"]["HEADQUARTERED_IN"].recall == 0.5
    assert result.counts[GIVEN]["HEADQUARTERED_IN"].f1 == 1.0


def test_types_the_gold_does_not_annotate_are_not_scored():
    result = score_relations(corpus([], types=("PART_OF",)), [rel("SECTOR_OF", SBER, MONEY)])
    assert set(result.counts["strict"]) == {"PART_OF"}
    assert result.counts["strict"]["PART_OF"].fp == 0


def test_predictions_from_tables():
    mentions = pd.DataFrame(
        [
            {"doc_id": "d1", "mention_id": "M1", "start": 0, "end": 10, "type": "ORG"},
            {"doc_id": "d1", "mention_id": "M2", "start": 4, "end": 10, "type": "LOC"},
        ]
    )
    relations = pd.DataFrame(
        [
            {
                "doc_id": "d1",
                "type": "HEADQUARTERED_IN",
                "head_mention_id": "M1",
                "tail_mention_id": "M2",
            },
            {"doc_id": "d1", "type": "PART_OF", "head_mention_id": "M1", "tail_mention_id": "M9"},
        ]
    )
    assert relations_from_tables(mentions, relations) == [rel("HEADQUARTERED_IN", MID, RUSSIA)]


def _write_jsonl(path, records):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    return path


def test_nerel_relations_are_read(tmp_path):
    doc = {
        "id": "n1",
        "text": TEXT,
        "entities": [
            {"ann_id": "T1", "start": 0, "end": 10, "type": "ORGANIZATION", "text": "МИД России"},
            {"ann_id": "T2", "start": 4, "end": 10, "type": "COUNTRY", "text": "России"},
            {"ann_id": "T3", "start": 33, "end": 41, "type": "EVENT", "text": "Сбербанк"},
        ],
        "relations": [
            {"ann_id": "R1", "type": "HEADQUARTERED_IN", "head": "T1", "tail": "T2"},
            {"ann_id": "R2", "type": "PART_OF", "head": "T3", "tail": "T1"},  # EVENT: not ours
            {"ann_id": "R3", "type": "AGE_IS", "head": "T1", "tail": "T2"},  # not our type
        ],
    }
    gold = read_gold(_write_jsonl(tmp_path / "nerel.jsonl", [doc]), "nerel")
    assert gold.relation_types == ("HEADQUARTERED_IN",)
    (relation,) = gold.documents[0].relations
    assert (relation.type, relation.head, relation.tail) == (
        "HEADQUARTERED_IN",
        m(0, 10, "ORG", "n1"),
        m(4, 10, "LOC", "n1"),
    )


def _gold_doc(relations):
    return {
        "id": "g1",
        "text": TEXT,
        "entities": [
            {"id": "T1", "start": 0, "end": 10, "type": "ORG", "text": "МИД России"},
            {"id": "T2", "start": 4, "end": 10, "type": "LOC", "text": "России"},
        ],
        "relations": relations,
    }


def test_project_gold_relations_are_read(tmp_path):
    path = _write_jsonl(
        tmp_path / "gold.jsonl",
        [_gold_doc([{"id": "R1", "type": "HEADQUARTERED_IN", "head": "T1", "tail": "T2"}])],
    )
    gold = read_gold(path, "gold")
    assert "PART_OF" in gold.relation_types  # a gold with relations states all of them
    assert len(gold.documents[0].relations) == 1


@pytest.mark.parametrize(
    ("relations", "message"),
    [
        ([{"type": "HEADQUARTERED_IN", "head": "T1", "tail": "T9"}], "tail 'T9' is no entity id"),
        ([{"type": "LIVES_IN", "head": "T1", "tail": "T2"}], "unknown type 'LIVES_IN'"),
        (["R1"], "expected a JSON object"),
        ([{"type": "PART_OF", "head": 1, "tail": "T2"}], "head 1 is no entity id"),
        ("R1", "'relations': expected a list"),
    ],
)
def test_bad_gold_relations_name_the_file_and_line(tmp_path, relations, message):
    path = _write_jsonl(tmp_path / "gold.jsonl", [_gold_doc(relations)])
    with pytest.raises(InputError, match=message) as caught:
        read_gold(path, "gold")
    assert "gold.jsonl" in str(caught.value)


def test_brat_relation_lines(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.ann").write_text(
        "T1\tORG 0 10\tМИД России\nT2\tLOC 4 10\tРоссии\n"
        "R1\tHEADQUARTERED_IN Arg1:T1 Arg2:T2\nR2\tLIVES_IN Arg1:T1 Arg2:T2\n",
        encoding="utf-8",
    )
    gold = read_gold(tmp_path, "brat")
    assert gold.relation_types == ("HEADQUARTERED_IN",)
    assert [r.type for r in gold.documents[0].relations] == ["HEADQUARTERED_IN"]


def test_bad_brat_relation_line(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.ann").write_text("T1\tORG 0 10\tМИД России\nR1\tPART_OF Arg1:T1\n", "utf-8")
    with pytest.raises(InputError, match="relation line needs"):
        read_gold(tmp_path, "brat")


def test_gold_without_relations_scores_none(tmp_path):
    doc = _gold_doc([])
    del doc["relations"]
    gold = read_gold(_write_jsonl(tmp_path / "gold.jsonl", [doc]), "gold")
    assert gold.relation_types == ()


def test_extract_then_evaluate_scores_relations(tmp_path):
    from tests.conftest import SEED, SEED_GOLD, run_cli

    done = run_cli("extract", SEED, "--out", tmp_path / "out", "--no-progress")
    assert done.returncode == 0, done.stderr
    for name in ("relations", "facts"):
        assert (tmp_path / "out" / f"{name}.csv").exists()
        assert (tmp_path / "out" / f"{name}.parquet").exists()
    done = run_cli(
        "evaluate", "--gold", SEED_GOLD, "--pred", tmp_path / "out", "--out", tmp_path / "eval"
    )
    assert done.returncode == 0, done.stderr
    assert "PART_OF F1 1.000" in done.stdout
    assert (tmp_path / "eval" / "relations.md").exists()


def test_pred_without_relations_table_warns(tmp_path):
    from tests.conftest import SEED_GOLD, run_cli

    (tmp_path / "pred").mkdir()
    pd.DataFrame(
        {"doc_id": ["x"], "mention_id": ["M1"], "type": ["ORG"], "start": [0], "end": [1]}
    ).to_csv(tmp_path / "pred" / "mentions.csv", index=False)
    done = run_cli(
        "evaluate", "--gold", SEED_GOLD, "--pred", tmp_path / "pred", "--out", tmp_path / "eval"
    )
    assert done.returncode == 0, done.stderr
    assert "no relations table" in done.stderr


def _offset_gold(tmp_path, sha1: str):
    import hashlib

    shared = tmp_path / "shared"
    (shared / "corpora" / "nerel").mkdir(parents=True)
    doc = {
        "id": "n1",
        "text": TEXT,
        "entities": [
            {"ann_id": "T1", "start": 0, "end": 10, "type": "ORGANIZATION", "text": "МИД России"},
            {"ann_id": "T2", "start": 4, "end": 10, "type": "COUNTRY", "text": "России"},
        ],
    }
    _write_jsonl(shared / "corpora" / "nerel" / "dev.jsonl", [doc])
    record = {
        "source": "corpora/nerel/dev.jsonl",
        "id": "n1",
        "sha1": sha1 or hashlib.sha1(TEXT.encode("utf-8")).hexdigest(),
        "relations": [
            {
                "type": "HEADQUARTERED_IN",
                "head": {"start": 0, "end": 10, "type": "ORG"},
                "tail": {"start": 4, "end": 10, "type": "LOC"},
            }
        ],
    }
    return _write_jsonl(tmp_path / "offsets.jsonl", [record]), shared


def test_offset_gold_reads_texts_from_the_shared_corpus(tmp_path, monkeypatch):
    path, shared = _offset_gold(tmp_path, "")
    monkeypatch.setenv("SHARED_DIR", str(shared))
    gold = read_gold(path)  # detected: sha1 and no text
    assert gold.format == "offsets" and gold.relation_types == ("HEADQUARTERED_IN",)
    assert gold.documents[0].text == TEXT and len(gold.documents[0].gold) == 2


def test_offset_gold_checks_the_text(tmp_path, monkeypatch):
    path, shared = _offset_gold(tmp_path, "0" * 40)
    monkeypatch.setenv("SHARED_DIR", str(shared))
    with pytest.raises(InputError, match="sha1 differs"):
        read_gold(path)
    monkeypatch.setenv("SHARED_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(InputError, match="set SHARED_DIR"):
        read_gold(path)


def test_sector_gold_is_read_by_evaluate(tmp_path, monkeypatch):
    """The SECTOR gold (ids + sha1 + SECTOR spans with their ids, no relations) is a gold
    `evaluate` reads, not an offsets relation gold missing its relations."""
    path, shared = _offset_gold(tmp_path, "")
    record = json.loads(path.read_text(encoding="utf-8"))
    del record["relations"]
    record["entities"] = [{"start": 0, "end": 3, "type": "SECTOR", "sector": "public_admin"}]
    _write_jsonl(path, [record])
    monkeypatch.setenv("SHARED_DIR", str(shared))
    gold = read_gold(path)
    assert gold.format == "sectors" and gold.types == ("SECTOR",)
    (mention,) = gold.documents[0].gold
    assert (mention.start, mention.end, mention.attrs) == (0, 3, {"sector": "public_admin"})
    assert gold.documents[0].relations == []
