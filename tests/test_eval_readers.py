"""Every gold and prediction reader on the fixtures of tests/fixtures/eval/, good and malformed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.config import shared_dir
from pipeline.errors import InputError
from pipeline.evaluation.predictions import load_predictions, read_mentions_table
from pipeline.evaluation.readers import detect_format, read_gold
from pipeline.schema import MENTION_COLUMNS

FIXTURES = Path(__file__).parent / "fixtures" / "eval"
SHARED = shared_dir() / "corpora"  # $SHARED_DIR, else ../shared


def spans(doc, which: str = "gold") -> set[tuple[int, int, str]]:
    return {(m.start, m.end, m.type) for m in getattr(doc, which)}


# --- project gold --------------------------------------------------------------------------


def test_gold_jsonl_reads_documents_and_attributes():
    corpus = read_gold(FIXTURES / "gold.jsonl")
    assert corpus.format == "gold"
    assert [d.doc_id for d in corpus.documents] == ["d1", "d2"]
    assert corpus.types == ("ORG", "PER", "LOC", "AMOUNT", "DATE", "SECTOR")
    d1 = corpus.document("d1")
    assert d1.date == "2025-12-21"
    amount = next(m for m in d1.gold if m.type == "AMOUNT")
    assert amount.attrs == {
        "kind": "money",
        "value": 5e6,
        "value_max": None,
        "unit": "RUB",
        "qualifier": "eq",
    }
    sector = next(m for m in d1.gold if m.type == "SECTOR")
    assert sector.attrs == {"sector": "oil_gas", "okved": "06.20"}
    for doc in corpus.documents:
        for m in doc.gold:
            assert doc.text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("bad_json.jsonl", "invalid JSON"),
        ("bad_offsets.jsonl", "entity 2 field 'end'"),
        ("bad_text.jsonl", "entity 2 field 'text'"),
        ("bad_type.jsonl", "entity 1 field 'type': unknown type 'ORGANIZATION'"),
        ("bad_qualifier.jsonl", "entity 0 field 'qualifier'"),
    ],
)
def test_malformed_gold_names_file_line_and_field(name, message):
    path = FIXTURES / name
    with pytest.raises(InputError) as caught:
        read_gold(path)
    error = caught.value
    assert error.line == 2
    assert message in error.reason
    assert str(error).startswith(f"{path}:2: ")


def _gold_with(tmp_path: Path, **changes) -> Path:
    doc = json.loads((FIXTURES / "gold.jsonl").read_text(encoding="utf-8").splitlines()[0])
    type_ = changes.pop("type_", "AMOUNT")
    entity = next(e for e in doc["entities"] if e["type"] == type_)
    entity.update(changes)
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "volume"}, "field 'kind': expected one of money|count|percent"),
        ({"value": "5 млн"}, "field 'value': expected a number"),
        ({"value": True}, "field 'value': expected a number"),
        ({"value_max": 1.0}, "field 'value_max': 1 is below value 5e+06"),
        ({"qualifier": None}, "field 'qualifier': must not be null"),
        ({"timex": "2025"}, "field 'timex': not an attribute of AMOUNT"),
        ({"start": "16"}, "field 'start': expected int"),
        ({"type_": "DATE", "granularity": "week"}, "field 'granularity': expected one of"),
        ({"type_": "DATE", "relative": "no"}, "field 'relative': expected true or false"),
        ({"type_": "DATE", "date_start": "21.12.2025"}, "field 'date_start': expected an ISO"),
        ({"type_": "DATE", "date_end": "2025-02-30"}, "field 'date_end': expected an ISO"),
        ({"type_": "SECTOR", "okved": "банки"}, "field 'okved': expected ОКВЭД 2"),
    ],
)
def test_attribute_validation(tmp_path, changes, message):
    with pytest.raises(InputError) as caught:
        read_gold(_gold_with(tmp_path, **changes))
    assert message in caught.value.reason
    assert caught.value.line == 1


def test_gold_rejects_duplicate_entities_and_ids(tmp_path):
    line = (FIXTURES / "gold.jsonl").read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "dup.jsonl"
    path.write_text(line + "\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="'d1' already used on line 1") as caught:
        read_gold(path)
    assert caught.value.line == 3  # blank lines still count
    doc = json.loads(line)
    doc["entities"].append(dict(doc["entities"][0]))
    path.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="duplicates entity 0"):
        read_gold(path)


def test_gold_accepts_free_comment_and_absent_attributes(tmp_path):
    path = _gold_with(tmp_path, comment="сумма сделки")
    doc = read_gold(path).documents[0]
    amount = next(m for m in doc.gold if m.type == "AMOUNT")
    assert "comment" not in amount.attrs
    loc = next(m for m in doc.gold if m.type == "PER")
    assert "entity_id" not in loc.attrs  # absent = not annotated, so not scored


def test_missing_gold_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_gold(tmp_path / "none.jsonl")


# --- ../shared corpora formats ---------------------------------------------------------------


def test_nerel_mapping_discontinuous_and_scored_kinds():
    corpus = read_gold(FIXTURES / "nerel.jsonl")
    assert corpus.format == "nerel"
    doc = corpus.documents[0]
    text = doc.text
    got = {(text[s:e], t) for s, e, t in spans(doc)}
    assert got == {
        ("Михайловский комбинаты", "ORG"),
        ("России", "LOC"),  # COUNTRY and LOCATION on one span: kept once
        ("8,1 млн долларов", "AMOUNT"),
        ("на 40 %", "AMOUNT"),
        ("в 2019 году", "DATE"),
    }
    kinds = {m.text: m.attrs.get("kind") for m in doc.gold if m.type == "AMOUNT"}
    assert kinds == {"8,1 млн долларов": "money", "на 40 %": "percent"}
    assert [m.text for m in doc.ignored] == ["Лебединский и Михайловский комбинаты"]
    assert corpus.scored_kinds == {"AMOUNT": frozenset({"money", "percent"})}
    assert "SECTOR" not in corpus.types and "PER" not in corpus.types


def test_factrueval_mapping_and_ignored_in_eval():
    corpus = read_gold(FIXTURES / "factrueval.jsonl")
    assert corpus.format == "factrueval"
    doc = corpus.documents[0]
    assert {(doc.text[s:e], t) for s, e, t in spans(doc)} == {
        ("Мэрия Москвы", "ORG"),
        ("России", "LOC"),
        ("ООН", "ORG"),
    }
    assert {m.text for m in doc.ignored} == {"Москвы", "правительство России"}
    assert corpus.types == ("ORG", "LOC")


def test_shared_corpus_line_errors(tmp_path):
    lines = (FIXTURES / "nerel.jsonl").read_text(encoding="utf-8").splitlines()
    doc = json.loads(lines[0])
    doc["entities"][4]["start"] += 1
    path = tmp_path / "nerel.jsonl"
    path.write_text(lines[0] + "\n" + json.dumps(doc, ensure_ascii=False) + "\n", "utf-8")
    with pytest.raises(InputError) as caught:
        read_gold(path, "nerel")
    assert caught.value.line == 2
    assert "entity 4 field 'text'" in caught.value.reason


# --- BRAT ------------------------------------------------------------------------------------


def test_brat_folder_with_attributes_crlf_and_discontinuous():
    corpus = read_gold(FIXTURES / "brat")
    assert corpus.format == "brat"
    doc = corpus.documents[0]
    assert doc.doc_id == "b1"
    assert "\r\n" in doc.text  # offsets count the file as stored
    by_text = {doc.text[m.start : m.end]: m for m in doc.gold}
    assert set(by_text) == {"Сбербанк", "2 млрд рублей", "в мае 2024 года"}
    assert by_text["2 млрд рублей"].attrs == {"kind": "money", "value": 2e9, "unit": "RUB"}
    assert by_text["в мае 2024 года"].attrs == {"granularity": "month", "relative": False}
    assert [doc.text[m.start : m.end] for m in doc.ignored] == ["30 и 40 аналитиков"]
    assert any("PROFESSION" in w for w in corpus.warnings)


def test_brat_single_file_and_detection():
    assert detect_format(FIXTURES / "brat" / "b1.ann") == "brat"
    assert detect_format(FIXTURES / "brat" / "b1.txt") == "brat"
    assert read_gold(FIXTURES / "brat" / "b1.ann").documents[0].doc_id == "b1"


def test_brat_errors_name_ann_file_and_line(tmp_path):
    with pytest.raises(InputError) as caught:
        read_gold(FIXTURES / "brat_bad")
    assert caught.value.path.endswith("b1.ann")
    assert caught.value.line == 6
    assert "field 'end'" in caught.value.reason
    folder = tmp_path / "brat"
    shutil.copytree(FIXTURES / "brat", folder)
    (folder / "b1.ann").write_text("T1\tORG 0 x\tСбербанк\nA1\tkind T1\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad offsets") as caught:
        read_gold(folder)
    assert caught.value.line == 1
    (folder / "b1.txt").unlink()
    with pytest.raises(InputError, match="missing"):
        read_gold(folder)


def test_brat_bad_attribute_value(tmp_path):
    folder = tmp_path / "brat"
    shutil.copytree(FIXTURES / "brat", folder)
    ann = (folder / "b1.ann").read_text(encoding="utf-8").replace("kind T2 money", "kind T2 cash")
    (folder / "b1.ann").write_text(ann, encoding="utf-8")
    with pytest.raises(InputError, match="attribute A1 field 'kind'") as caught:
        read_gold(folder)
    assert caught.value.line == 3


# --- predictions -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["mentions.csv", "mentions.parquet", "batch", "batch/mentions"])
def test_prediction_sources_agree(name):
    frame = read_mentions_table(FIXTURES / name)
    assert list(frame.columns) == list(MENTION_COLUMNS)
    assert dict(frame.dtypes.astype(str)) == MENTION_COLUMNS
    mentions, warnings = load_predictions(FIXTURES / name)
    assert warnings == []
    assert len(mentions) == 14
    key = sorted((m.doc_id, m.start, m.end, m.type) for m in mentions)
    reference, _ = load_predictions(FIXTURES / "mentions.csv")
    assert key == sorted((m.doc_id, m.start, m.end, m.type) for m in reference)
    date = next(m for m in mentions if m.type == "DATE" and m.doc_id == "d2")
    assert date.attrs["relative"] is False and date.attrs["timex"] == "2004"
    amount = next(m for m in mentions if m.type == "AMOUNT" and m.doc_id == "d1")
    assert amount.attrs["value"] == 5e6 and amount.attrs["value_max"] is None


def test_extract_output_folder(tmp_path):
    folder = tmp_path / "outputs" / "d1"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURES / "mentions.csv", folder / "mentions.csv")
    mentions, _ = load_predictions(tmp_path / "outputs")
    assert len(mentions) == 14


def test_malformed_predictions(tmp_path):
    text = (FIXTURES / "mentions.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[2] = lines[2].replace(",0,7,", ",zero,7,", 1)
    bad = tmp_path / "mentions.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="column 'start': 'zero'") as caught:
        load_predictions(bad)
    assert caught.value.line == 3
    pd.DataFrame({"doc_id": ["d1"], "start": [0]}).to_csv(bad, index=False)
    with pytest.raises(InputError, match="missing column"):
        load_predictions(bad)
    bad_parquet = tmp_path / "mentions.parquet"
    bad_parquet.write_text("not parquet", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read Parquet"):
        load_predictions(bad_parquet)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no mentions.parquet"):
        load_predictions(empty)
    with pytest.raises(InputError, match="no such file"):
        load_predictions(tmp_path / "absent.csv")


# --- the real corpora, when ../shared is there ------------------------------------------------


@pytest.mark.skipif(not SHARED.exists(), reason="shared corpora not available (set SHARED_DIR)")
@pytest.mark.parametrize(("name", "fmt"), [("nerel", "nerel"), ("factrueval", "factrueval")])
def test_shared_dev_sets_load(name, fmt):
    corpus = read_gold(SHARED / name / "dev.jsonl")
    assert corpus.format == fmt
    assert len(corpus.documents) > 50
    assert {"ORG", "PER", "LOC"} <= set(corpus.types)


def test_extract_output_folder_ignores_other_tables(tmp_path):
    folder = tmp_path / "d1"
    folder.mkdir()
    shutil.copy(FIXTURES / "mentions.parquet", folder / "mentions.parquet")
    shutil.copy(FIXTURES / "mentions.csv", folder / "mentions.csv")
    pd.DataFrame({"doc_id": ["d1"], "title": ["x"]}).to_parquet(folder / "documents.parquet")
    mentions, _ = load_predictions(folder)
    assert len(mentions) == 14
    other = tmp_path / "d2"
    other.mkdir()
    frame = pd.read_csv(FIXTURES / "mentions.csv", dtype=str)
    frame[frame.doc_id == "d2"].to_csv(other / "mentions.csv", index=False)
    mentions, _ = load_predictions(tmp_path)  # d1 from Parquet, d2 from CSV: no double count
    assert len(mentions) == 14 + 5
