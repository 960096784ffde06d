"""Hand gold of SECTOR_OF / DATE_OF / AMOUNT_OF on NEREL money articles
(corpora/gold/nerel_fact_relations.jsonl, guideline 112-115): its reader, its scoring, the
annotation helper scripts/nerel_fact_gold.py, and the real file (which needs the NEREL texts
in the shared folder and skips without them)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from pipeline.config import shared_dir
from pipeline.errors import InputError
from pipeline.evaluation.model import Mention, Relation
from pipeline.evaluation.readers import read_gold
from pipeline.evaluation.relations import GIVEN, NEREL_RELATION_TYPES, score_relations
from pipeline.schema import FACT_RELATION_TYPES
from tests.conftest import FACT_ENDS, check_offset_gold_row, load_script

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpora" / "gold" / "nerel_fact_relations.jsonl"
SHARED = shared_dir()
HAVE_SHARED = (SHARED / "corpora" / "nerel" / "train.jsonl").exists()
TYPES = FACT_RELATION_TYPES

# An invented article: "Вектор" [0:6] ORG, "нефтяная компания" [9:26] SECTOR,
# "5 млн рублей" [37:49] AMOUNT, "в 2020 году" [50:61] DATE, "Газ" [63:66] SECTOR.
TEXT = "Вектор — нефтяная компания, получила 5 млн рублей в 2020 году. Газ."
VECTOR, OIL, MONEY, YEAR = (0, 6, "ORG"), (9, 26, "SECTOR"), (37, 49, "AMOUNT"), (50, 61, "DATE")
GAS = (63, 66, "SECTOR")


def arg(span: tuple[int, int, str]) -> dict:
    return {"start": span[0], "end": span[1], "type": span[2]}


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


@pytest.fixture
def shared(tmp_path: Path, monkeypatch) -> Path:
    """A shared folder with one NEREL-style document: NEREL tags the ORG, the money and the
    date, not the sectors."""
    entities = [
        {"ann_id": "T1", "start": 0, "end": 6, "type": "ORGANIZATION", "text": "Вектор"},
        {"ann_id": "T2", "start": 37, "end": 49, "type": "MONEY", "text": "5 млн рублей"},
        {"ann_id": "T3", "start": 50, "end": 61, "type": "DATE", "text": "в 2020 году"},
    ]
    folder = tmp_path / "shared"
    write_jsonl(
        folder / "corpora" / "nerel" / "dev.jsonl",
        [{"id": "n1", "text": TEXT, "entities": entities, "relations": []}],
    )
    monkeypatch.setenv("SHARED_DIR", str(folder))
    return folder


def record(**changes) -> dict:
    row = {
        "source": "corpora/nerel/dev.jsonl",
        "id": "n1",
        "sha1": hashlib.sha1(TEXT.encode("utf-8")).hexdigest(),
        "mentions": [arg(VECTOR), arg(OIL), arg(MONEY), arg(YEAR), arg(GAS)],
        "relations": [
            {"type": "SECTOR_OF", "head": arg(VECTOR), "tail": arg(OIL), "note": "descriptor"},
            {"type": "DATE_OF", "head": arg(MONEY), "tail": arg(YEAR)},
        ],
    }
    row.update(changes)
    return row


def test_reader_keeps_the_corpus_mentions_and_adds_its_own_sectors(shared, tmp_path) -> None:
    gold = read_gold(write_jsonl(tmp_path / "fact.jsonl", [record()]))
    assert gold.format == "offsets" and gold.relation_types == ("SECTOR_OF", "DATE_OF")
    (doc,) = gold.documents
    kinds = sorted((m.start, m.end, m.type) for m in doc.gold)
    # NEREL's ORG/AMOUNT/DATE once each (no duplicate from the record), both SECTORs added.
    assert kinds == sorted([VECTOR, OIL, MONEY, YEAR, GAS])
    assert "SECTOR" in gold.types
    assert [(r.type, r.head.type, r.tail.type) for r in doc.relations] == [
        ("SECTOR_OF", "ORG", "SECTOR"),
        ("DATE_OF", "AMOUNT", "DATE"),
    ]


def m(span: tuple[int, int, str]) -> Mention:
    return Mention("n1", *span)


@pytest.mark.parametrize(
    ("pred", "strict", "given"),
    [
        # right
        ([Relation("n1", "SECTOR_OF", m(VECTOR), m(OIL))], (1, 0, 0), (1, 0, 0)),
        # a SECTOR the gold has but does not link: wrong in every mode
        ([Relation("n1", "SECTOR_OF", m(VECTOR), m(GAS))], (0, 1, 1), (0, 1, 1)),
        # a boundary slip: wrong strictly, right once the mentions are given
        ([Relation("n1", "SECTOR_OF", m(VECTOR), m((9, 17, "SECTOR")))], (0, 1, 1), (1, 0, 0)),
        # a SECTOR the gold does not have: a mention error, left out of the given mode
        ([Relation("n1", "SECTOR_OF", m(VECTOR), m((28, 36, "SECTOR")))], (0, 1, 1), (0, 0, 1)),
    ],
    ids=["right", "unlinked sector", "boundary", "no such sector"],
)
def test_scoring_of_the_project_types(shared, tmp_path, pred, strict, given) -> None:
    gold = read_gold(write_jsonl(tmp_path / "fact.jsonl", [record()]))
    found = [m(VECTOR), m(OIL), m(GAS), m((9, 17, "SECTOR")), m(MONEY), m(YEAR)]
    result = score_relations(gold, pred, found)
    for mode, expected in (("strict", strict), (GIVEN, given)):
        c = result.counts[mode]["SECTOR_OF"]
        assert (c.tp, c.fp, c.fn) == expected, mode


def test_given_mode_knows_arguments_the_corpus_does_not_tag(shared, tmp_path) -> None:
    """An amount whose currency the text leaves out is a gold argument (guideline 112) even
    where NEREL has no MONEY on it: a prediction joining it is judged, not dropped."""
    elided = (39, 49, "AMOUNT")
    row = record(relations=[{"type": "DATE_OF", "head": arg(elided), "tail": arg(YEAR)}])
    gold = read_gold(write_jsonl(tmp_path / "fact.jsonl", [row]))
    pred = [Relation("n1", "DATE_OF", m(elided), m(YEAR))]
    c = score_relations(gold, pred, [m(elided), m(YEAR)]).counts[GIVEN]["DATE_OF"]
    assert (c.tp, c.fp, c.fn) == (1, 0, 0)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sha1": "0" * 40}, r"fact.jsonl:1: n1: the text's sha1 differs from the annotated"),
        ({"id": "zz"}, r"fact.jsonl:1: document 'zz' is not in corpora/nerel/dev.jsonl"),
        (
            {"mentions": [{"start": 60, "end": 90, "type": "SECTOR"}]},
            r"fact.jsonl:1: n1: SECTOR \[60:90\] is no span of the text",
        ),
        (
            {"relations": [{"type": "DATE_OF", "head": arg(MONEY), "tail": arg((62, 63, "DATE"))}]},
            r"fact.jsonl:1: n1: DATE \[62:63\] is no span",  # a blank
        ),
        ({"mentions": [{"start": 0, "end": 6, "type": "BRAND"}]}, "unknown mention type 'BRAND'"),
        ({"mentions": [{"start": 0, "type": "ORG"}]}, "mention needs start, end, type"),
    ],
    ids=["changed text", "unknown document", "outside the text", "blank", "type", "field"],
)
def test_bad_gold_is_reported_with_file_line_and_document(
    shared, tmp_path, changes, message
) -> None:
    path = write_jsonl(tmp_path / "fact.jsonl", [record(**changes)])
    with pytest.raises(InputError, match=message):
        read_gold(path)


def test_without_the_shared_texts_the_reader_says_where_to_point(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SHARED_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(InputError, match="set SHARED_DIR"):
        read_gold(write_jsonl(tmp_path / "fact.jsonl", [record()]))


# --- the annotation helper -------------------------------------------------------------


HELPER = load_script("nerel_fact_gold")


def test_helper_and_agreement_read_the_one_fact_type_table() -> None:
    assert (
        HELPER.TYPES == load_script("fact_agreement").TYPES == ("SECTOR_OF", "DATE_OF", "AMOUNT_OF")
    )
    assert HELPER.ARG_TYPES == {"ORG", "AMOUNT", "DATE", "SECTOR"}
    assert set(NEREL_RELATION_TYPES).isdisjoint(FACT_ENDS)


@pytest.mark.parametrize(
    ("text", "needle", "n", "span"),
    [
        ("5\xa0млн рублей и 5 млн рублей", "5 млн рублей", 1, (0, 12)),  # no-break space
        ("5\xa0млн рублей и 5 млн рублей", "5 млн рублей", 2, (15, 27)),
        ("газовый газ", "газ", 1, (8, 11)),  # not inside a longer word
        ("«Вектор»", "Вектор", 1, (1, 7)),
    ],
)
def test_locate(text, needle, n, span) -> None:
    assert HELPER.locate(text, needle, n) == span


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["S нефть"], r"line 1: 'нефть' @1: only 0 occurrence"),
        (["S газ @3"], r"line 1: 'газ' @3: only 1 occurrence"),
        (["R PART_OF ; ORG Вектор ; ORG Вектор"], "expected 'R TYPE ; head ; tail"),
        (["R SECTOR_OF ; Вектор ; SECTOR газ"], "bad span"),
        (["X газ"], "unknown line"),
    ],
)
def test_parse_refuses_what_it_cannot_place(lines, message) -> None:
    with pytest.raises(HELPER.AnnotationError, match=message):
        HELPER.parse("Вектор добывает газ.", lines)


def test_parse_gives_mentions_relations_and_notes() -> None:
    text = "Вектор добывает газ."
    lines = ["# hard case", "S газ", "R SECTOR_OF ; ORG Вектор ; SECTOR газ ; a verb of activity"]
    mentions, relations, notes = HELPER.parse(text, lines)
    assert [(s.start, s.end, s.type) for s in mentions] == [(0, 6, "ORG"), (16, 19, "SECTOR")]
    assert relations == [
        {
            "type": "SECTOR_OF",
            "head": {"start": 0, "end": 6, "type": "ORG"},
            "tail": {"start": 16, "end": 19, "type": "SECTOR"},
            "note": "a verb of activity",
        }
    ]
    assert notes == ["hard case"]


# --- the real gold file ----------------------------------------------------------------


def rows() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]


def test_gold_file_shape_without_the_texts() -> None:
    """Offline: no NEREL text in the file, every relation's arguments are among its mentions
    with the types FACT_ENDS gives, and all 128 NEREL money articles are there (guideline
    115: none left out)."""
    pool = ROOT / "corpora" / "gold" / "nerel_money_relations.jsonl"
    money_ids = {json.loads(line)["id"] for line in pool.read_text("utf-8").splitlines()}
    gold = rows()
    assert {r["id"] for r in gold} == money_ids and len(gold) == len(money_ids) == 128
    counts = dict.fromkeys(TYPES, 0)
    for row in gold:
        check_offset_gold_row(row)
        assert len(row["sha1"]) == 40
        assert not {k for m in row["mentions"] for k in m} - {"start", "end", "type"}
        for r in row["relations"]:
            counts[r["type"]] += 1
            assert set(r) <= {"type", "head", "tail", "note"}
    assert counts["SECTOR_OF"] >= 30 and counts["DATE_OF"] >= 30 and counts["AMOUNT_OF"] >= 5


@pytest.mark.skipif(not HAVE_SHARED, reason="needs the NEREL texts (SHARED_DIR or ../shared)")
def test_gold_file_reads_against_the_shared_texts() -> None:
    gold = read_gold(GOLD)
    assert gold.relation_types == TYPES and len(gold.documents) == 128
    for doc in gold.documents:
        for r in doc.relations:
            head, tail = (doc.text[e.start : e.end] for e in (r.head, r.tail))
            assert head.strip() == head and tail.strip() == tail, (doc.doc_id, head, tail)
            head_type, tail_types = FACT_ENDS[r.type]
            assert r.head.type == head_type and r.tail.type in tail_types
    # the gold scored against itself is perfect in every mode
    relations = [r for d in gold.documents for r in d.relations]
    found = [e for r in relations for e in (r.head, r.tail)]
    result = score_relations(gold, relations, found)
    for mode in result.counts:
        for kind in TYPES:
            assert result.counts[mode][kind].f1 == 1.0, (mode, kind)


@pytest.mark.skipif(not HAVE_SHARED, reason="needs the NEREL texts (SHARED_DIR or ../shared)")
def test_links_noted_as_adjacent_are_adjacent() -> None:
    """The helper places a span by its occurrence number; a wrong number puts a descriptor's
    link on another mention of the same name. A note that says the descriptor stands right
    before the name must hold in the offsets (at most a quote and a space between, or the
    rest of a coordination: "лидеров парфюмерии и косметики «X»")."""
    gold = read_gold(GOLD)
    for row in rows():
        text = gold.document(row["id"]).text
        for r in row["relations"]:
            if "right before" in r.get("note", ""):
                ends = sorted((e["start"], e["end"]) for e in (r["head"], r["tail"]))
                between = text[ends[0][1] : ends[1][0]]
                coordinated = between.strip().startswith("и ") and len(between.split()) <= 4
                assert len(between) <= 4 or coordinated, (row["id"], r["note"], between)


# --- the second, blind annotation of a slice and the agreement (guideline 136-139) --------

SECOND = ROOT / "corpora" / "gold" / "nerel_fact_relations_second.jsonl"


AGREE = load_script("fact_agreement")


def test_the_slice_is_seeded_sorted_and_drawn_from_the_pool() -> None:
    pool = AGREE.pool_ids()
    ids = AGREE.slice_ids(pool)
    assert len(pool) == 128 and len(ids) == AGREE.SLICE == 40
    assert ids == sorted(ids) and set(ids) <= set(pool)
    assert ids == AGREE.slice_ids(reversed(pool))  # the file's order does not matter
    assert ids != AGREE.slice_ids(pool, seed=AGREE.SEED + 1)
    with pytest.raises(ValueError, match="slice of 129"):
        AGREE.slice_ids(pool, size=129)


def test_second_file_covers_the_slice_with_the_first_files_texts() -> None:
    """Offline: the second annotation is the slice's documents, each on the same text (sha1)
    as the first annotation's record, ids + sha1 + offsets only."""
    first = {r["id"]: r for r in rows()}
    second = [json.loads(line) for line in SECOND.read_text("utf-8").splitlines()]
    assert [r["id"] for r in second] == AGREE.slice_ids(AGREE.pool_ids())
    for row in second:
        check_offset_gold_row(row)
        assert (row["source"], row["sha1"]) == (
            first[row["id"]]["source"],
            first[row["id"]]["sha1"],
        )


def _annotation(doc_id: str, sectors: list, links: list) -> object:
    ann = AGREE.Annotation(doc_id, "0" * 40)
    ann.sectors = set(sectors)
    ann.arguments = set(sectors) | {end for link in links for end in link[1:]}
    ann.links = list(links)
    return ann


# Offsets of the invented article TEXT above.
WIDE_OIL = (9, 27, "SECTOR")  # one character more than OIL


@pytest.mark.parametrize(
    ("second_links", "second_sectors", "expected"),
    [
        # identical: every mode agrees fully
        (
            [("SECTOR_OF", VECTOR, OIL), ("DATE_OF", MONEY, YEAR)],
            [OIL, GAS],
            {
                "SECTOR_OF strict": (1, 0, 0),
                "DATE_OF strict": (1, 0, 0),
                "SECTOR strict": (2, 0, 0),
            },
        ),
        # a wider sector span: strict disagrees, partial and given agree
        (
            [("SECTOR_OF", VECTOR, WIDE_OIL), ("DATE_OF", MONEY, YEAR)],
            [WIDE_OIL, GAS],
            {
                "SECTOR_OF strict": (0, 1, 1),
                "SECTOR_OF partial": (1, 0, 0),
                "SECTOR_OF given": (1, 0, 0),
                "SECTOR strict": (1, 1, 1),
                "SECTOR partial": (2, 0, 0),
            },
        ),
        # the DATE_OF missed, an AMOUNT_OF the first does not have, a SECTOR missed
        (
            [("AMOUNT_OF", MONEY, GAS)],
            [OIL],
            {
                "DATE_OF strict": (0, 0, 1),
                "AMOUNT_OF strict": (0, 1, 0),
                "AMOUNT_OF given": (0, 1, 0),  # both ends marked by the first: kept, extra
                "SECTOR strict": (1, 0, 1),
            },
        ),
    ],
)
def test_agreement_counts(second_links, second_sectors, expected) -> None:
    first = {
        "n1": _annotation("n1", [OIL, GAS], [("SECTOR_OF", VECTOR, OIL), ("DATE_OF", MONEY, YEAR)])
    }
    second = {"n1": _annotation("n1", second_sectors, second_links)}
    tallies = AGREE.agreement(first, second)
    for key, (tp, fp, fn) in expected.items():
        t = tallies[key]
        assert (t.tp, t.fp, t.fn) == (tp, fp, fn), key


@pytest.mark.skipif(not HAVE_SHARED, reason="needs the NEREL texts (SHARED_DIR or ../shared)")
def test_second_file_reads_and_agreement_is_computed() -> None:
    """The second annotation loads through the offset-gold reader (sha1 checked against the
    shared texts) and its agreement with the first is computed for every type."""
    gold = read_gold(SECOND)
    assert len(gold.documents) == 40 and set(gold.relation_types) <= set(TYPES)
    tallies = AGREE.agreement(AGREE.load(GOLD), AGREE.load(SECOND))
    for key in ("SECTOR_OF strict", "DATE_OF strict", "SECTOR strict"):
        t = tallies[key]
        assert t.tp > 0 and 0.0 < t.f1 <= 1.0, key
    for kind in TYPES:
        strict, partial = tallies[f"{kind} strict"], tallies[f"{kind} partial"]
        assert strict.tp <= partial.tp and partial.tp + partial.fn == strict.tp + strict.fn
