"""Memory per worker (issue 14): compact rows read exactly like the dict rows they replace
(and give the same tables), the caches keep to their bounds, and the one row path gives
(mentions, document, relations, facts) for short and long documents alike. No RSS figures
are asserted: they depend on the machine; scripts/memory_probe.py measures them."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from pipeline import models, readings
from pipeline.batch.parts import FRAME_ROWS, _arrow_tables
from pipeline.compact_rows import CompactRows
from pipeline.reader import Document
from pipeline.runner import table_rows
from pipeline.schema import MENTION_COLUMNS
from pipeline.stages import morphology
from pipeline.tables import typed_frame

TYPES = ("ORG", "PER", "LOC", "AMOUNT", "DATE", "SECTOR")


def random_rows(seed: int, n: int) -> list[dict]:
    """Mention rows shaped as tables.mention_rows makes them: value columns only on some."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        kind = rng.choice(TYPES)
        start = rng.randrange(10_000)
        row = {
            "doc_id": rng.choice(["a", "b"]),
            "mention_id": f"M{i + 1}",
            "type": kind,
            "start": start,
            "end": start + rng.randrange(1, 30),
            "text": rng.choice(["Газпром", "Москва", "2 млрд рублей", "в 2020 году"]),
            "normal": rng.choice(["газпром", "москва", None]),
            "entity_id": rng.choice([None, "ORG:газпром", "LOC:москва"]),
            "parent_id": rng.choice([None, f"M{max(i, 1)}"]),
            "sentence": rng.choice([None, rng.randrange(50)]),
            "stage": "rules",
        }
        if kind == "AMOUNT":
            row.update(kind="money", value=rng.choice([None, 2e9, 1.5]), unit="RUB")
        if kind == "DATE":
            row.update(timex="2020", granularity="year", relative=rng.random() < 0.5)
        if kind == "ORG":
            row["name_kind"] = rng.choice(["proper", "descriptor"])
        rows.append(row)
    return rows


@pytest.mark.parametrize("seed", range(5))
def test_compact_rows_read_like_the_list_of_dicts(seed):
    rows = random_rows(seed, 300)
    compact = CompactRows(rows)
    assert len(compact) == len(rows)
    assert list(compact) == rows
    assert compact == rows
    assert compact[0] == rows[0] and compact[-1] == rows[-1]
    assert list(compact[10:20]) == rows[10:20]
    assert compact.column("value") == [r.get("value") for r in rows]


def test_equal_strings_are_kept_once_but_ids_are_not_interned():
    rows = [
        {"doc_id": "".join(["d", "1"]), "mention_id": f"M{i}", "text": "".join(["a", "b"])}
        for i in range(3)
    ]
    compact = CompactRows(rows)
    assert compact[0]["text"] is compact[2]["text"]
    assert compact[0]["doc_id"] is compact[1]["doc_id"]
    assert all(f"M{i}" not in compact._shared for i in range(3))


def test_set_writes_one_row_existing_or_new_key():
    compact = CompactRows([{"a": 1, "b": None}, {"a": 2, "b": None}])
    compact.set(1, "b", "x")
    compact.set(0, "c", 3)
    assert list(compact) == [{"a": 1, "b": None, "c": 3}, {"a": 2, "b": "x"}]


def test_extend_with_compact_rows_takes_their_tuples():
    first, second = CompactRows(random_rows(1, 5)), CompactRows(random_rows(2, 5))
    first.extend(second)
    assert list(first) == random_rows(1, 5) + random_rows(2, 5)


def test_empty_compact_rows_make_a_typed_empty_frame():
    frame = typed_frame(CompactRows(), MENTION_COLUMNS)
    pd.testing.assert_frame_equal(frame, typed_frame([], MENTION_COLUMNS))


@pytest.mark.parametrize("seed", range(5))
def test_frame_from_compact_rows_equals_frame_from_dicts(seed):
    rows = random_rows(seed, 400)
    pd.testing.assert_frame_equal(
        typed_frame(CompactRows(rows), MENTION_COLUMNS), typed_frame(rows, MENTION_COLUMNS)
    )


def test_batch_part_tables_equal_between_compact_and_dict_rows():
    rows = random_rows(7, FRAME_ROWS + 123)  # more than one frame of rows
    documents = [{"doc_id": "a", "characters": 10}, {"doc_id": "b", "characters": 5}]
    compact = _arrow_tables(CompactRows(rows), documents)
    plain = _arrow_tables(rows, documents)
    for name, table in plain.items():
        assert compact[name].equals(table), name


def test_caches_keep_to_their_bounds():
    assert models.parses.cache_info().maxsize == models.PARSES_CACHE
    assert readings.agreeing_parse.cache_info().maxsize == readings.CHOICE_CACHE
    assert morphology._lemma.cache_info().maxsize == morphology.LEMMA_CACHE
    for i in range(models.PARSES_CACHE + 50):
        models.parses(f"слово{i}")
    assert models.parses.cache_info().currsize == models.PARSES_CACHE


def test_the_word_ids_cache_of_the_taggers_is_bounded(nlp):
    from pipeline import slovnet_exec

    caches = slovnet_exec.word_ids_caches()
    assert caches  # morphology and NER share one (one vocabulary)
    assert all(cache.cache_info().maxsize == models.SHAPE_CACHE for cache in caches)


def test_one_row_path_for_short_and_long_documents(nlp, seed_text, monkeypatch):
    """A document run in pieces gives the same 4 tables as one run whole (mentions apart
    from entity ids linked across pieces), and its links name its own mention ids."""
    short = Document("short", seed_text, "<memory>", "utf-8")
    [whole] = table_rows([short], nlp)
    monkeypatch.setitem(nlp.meta, "piece_chars", len(seed_text) // 2 + 500)
    [pieces] = table_rows([Document("long", seed_text, "<memory>", "utf-8")], nlp)
    assert isinstance(pieces[0], CompactRows)
    for rows in (whole, pieces):
        mentions, document, relations, facts = rows
        ids = {row["mention_id"] for row in mentions}
        assert len(ids) == len(mentions)
        assert {r["head_mention_id"] for r in relations} <= ids
        assert {r["tail_mention_id"] for r in relations} <= ids
        assert document["characters"] == len(seed_text)
    assert document["n_org"] == sum(r["type"] == "ORG" for r in mentions)


@pytest.mark.parametrize(
    ("starts", "words", "whole", "limit", "expected"),
    [
        ([0, 3, 5, 9], 12, 100, 4, [(0, 12)]),  # short enough: the document whole
        ([0, 3, 5, 9], 12, 10, 5, [(0, 5), (5, 9), (9, 12)]),
        ([0, 3, 5, 9], 12, 10, 4, [(0, 3), (3, 5), (5, 9), (9, 12)]),
        ([0, 8], 12, 10, 5, [(0, 8), (8, 12)]),  # a sentence longer than the limit alone
        ([], 0, 10, 5, [(0, 0)]),
    ],
)
def test_ner_segments_are_whole_sentences_within_the_limit(starts, words, whole, limit, expected):
    from pipeline.stages.ner import segment_bounds

    assert segment_bounds(starts, words, whole, limit) == expected


@pytest.mark.parametrize("seed", range(10))
def test_ner_segments_cover_the_words_in_order(seed):
    from pipeline.stages.ner import segment_bounds

    rng = random.Random(seed)
    starts, at = [], 0
    for _ in range(rng.randint(1, 80)):
        starts.append(at)
        at += rng.randint(1, 60)
    bounds = segment_bounds(starts, at, 100, 50)
    assert bounds[0][0] == 0 and bounds[-1][1] == at
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    assert all(start in starts for start, _ in bounds)
    assert all(
        end - start <= 50 or sum(start < s < end for s in starts) == 0 for start, end in bounds
    )


def test_parser_batches_keep_news_batches_and_split_long_sentences():
    from pipeline.stages.syntax import PAIR_BUDGET, parser_batches

    def sentences(*lengths):
        return [(0, None, ["w"] * n) for n in sorted(lengths)]

    short = sentences(*[20] * 70)
    assert [len(b) for b in parser_batches(short, 32)] == [32, 32, 6]  # as slovnet's own
    long = sentences(*[20] * 20, *[150] * 12)
    batches = list(parser_batches(long, 32))
    assert [item for batch in batches for item in batch] == long  # all, in order
    assert all(len(b) * len(b[-1][2]) ** 2 <= PAIR_BUDGET or len(b) == 1 for b in batches)
    assert [len(b) for b in parser_batches(sentences(400), 32)] == [1]


def test_a_committed_part_releases_its_rows_but_keeps_its_tables(tmp_path):
    import pyarrow.parquet as pq

    from pipeline.batch.model import Task
    from pipeline.batch.parts import commit_part
    from pipeline.batch.worker import PartRows
    from pipeline.schema import MENTION_TYPES

    rows = random_rows(3, 50)
    counts = {f"n_{t.lower()}": 0 for t in MENTION_TYPES}
    documents = [{"doc_id": d, "source": f"{d}.txt", "characters": 9, **counts} for d in "ab"]
    part = PartRows(mentions=CompactRows(rows), documents=documents)
    task = Task.of(["a.txt", "b.txt"])
    commit_part(tmp_path, task, part)
    assert len(part.mentions) == 0 and part.documents == documents
    written = pq.read_table(tmp_path / "mentions" / f"part-{task.part}.parquet")
    assert written.column("mention_id").to_pylist() == [r["mention_id"] for r in rows]
    assert part.summary(task, 0.0).ok == 2
