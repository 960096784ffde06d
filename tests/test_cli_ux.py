"""What a new user meets at the CLI (session 13, ux): help that explains every argument, notes
and one-line errors instead of silence or tracebacks, a report of an empty run, UTF-16 input,
and a progress bar that moves during one long article. Through the real entry point; runs
that need a pipeline use a config without stages (`TINY`), so they take a second."""

from __future__ import annotations

import argparse
import functools
import json
from pathlib import Path

import pytest

from pipeline.errors import InputError
from tests.conftest import run_cli
from tests.test_cli import _stderr_on_a_terminal

TEXT = "date 2025-03-01 Газпром\n\nКомпания «Газпром» в 2024 году получила 10 млрд рублей.\n"
UNDATED = "В прошлом году «Газпром» получил 10 млрд рублей.\n"
PLAIN = TEXT.replace("«", '"').replace("»", '"')  # KOI8-R has no guillemets
BULLETS = "Итоги года:\n" + "• выручка компании выросла на 10 процентов;\n" * 5


@pytest.fixture
def tiny(tmp_path) -> Path:
    """A config without stages and with 1,000-character pieces: tables without mentions,
    but read, run in pieces and written as with the real one, in a fraction of the time."""
    config = tmp_path / "tiny.toml"
    config.write_text("[pipeline]\nstages = []\n[long_documents]\npiece_chars = 1000\n")
    return config


# --------------------------------------------------------------------------- help


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    from pipeline.cli import build_parser

    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


@pytest.mark.parametrize("command", ["extract", "batch", "evaluate", "report", "bench"])
def test_every_argument_is_explained(command):
    parser = _subparsers()[command]
    for action in parser._actions:
        assert action.help, f"{command} {action.dest}: no help"
        if action.default not in (None, False, argparse.SUPPRESS) and action.option_strings:
            assert "default" in action.help, f"{command} {action.dest}: default not shown"


@pytest.mark.parametrize("command", ["", "extract", "batch", "evaluate", "report"])
def test_help_shows_examples(command):
    result = run_cli(*([command] if command else []), "--help")
    assert result.returncode == 0
    examples = result.stdout.split("examples:\n", 1)[1].splitlines()
    # Kept line for line (not re-wrapped): each example is a command of its own.
    assert examples[0].strip().startswith("python -m pipeline ")
    if command:
        assert all(f"pipeline {command}" in e for e in examples if "python -m" in e)


# --------------------------------------------------------------------------- extract


def test_undated_article_gets_a_note(tmp_path, tiny):
    feed = tmp_path / "feed.jsonl"
    rows = [{"id": "a", "text": UNDATED}, {"id": "b", "text": UNDATED, "date": "2025-03-01"}]
    feed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    result = run_cli("extract", feed, "--out", tmp_path / "a", "--config", tiny)
    assert result.returncode == 0, result.stderr
    assert f"note: {feed}: 1 of 2 documents: no article date" in result.stderr
    assert (tmp_path / "a" / "mentions.csv").exists()  # a note, not an error
    dated = run_cli(
        "extract", feed, "--out", tmp_path / "b", "--config", tiny, "--date", "2025-03-01"
    )
    assert dated.returncode == 0 and "no article date" not in dated.stderr


def test_utf16_and_koi8_articles_are_read(tmp_path, tiny):
    import pandas as pd

    for name, data, encoding in (
        ("le", TEXT.encode("utf-16"), "utf-16"),  # BOM + little-endian, as Notepad saves
        ("be", b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
        ("koi8", PLAIN.encode("koi8_r"), "koi8-r"),
    ):
        (tmp_path / f"{name}.txt").write_bytes(data)
        out = tmp_path / name
        result = run_cli("extract", tmp_path / f"{name}.txt", "--out", out, "--config", tiny)
        assert result.returncode == 0, result.stderr
        documents = pd.read_csv(out / "documents.csv")
        assert documents.loc[0, "encoding"] == encoding
        assert documents.loc[0, "date"] == "2025-03-01"
        assert documents.loc[0, "title"] == "Газпром"


@pytest.mark.parametrize(
    ("text", "data", "encoding"),
    [
        (TEXT, TEXT.encode("utf-16"), "utf-16"),
        (TEXT, b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT, TEXT.encode("cp1251"), "cp1251"),
        (TEXT.upper(), TEXT.upper().encode("cp1251"), "cp1251"),  # capitals are no KOI8-R sign
        (PLAIN, PLAIN.encode("koi8_r"), "koi8-r"),  # not cp1251 mojibake (ЛПНРБОЙС)
        (PLAIN.upper(), PLAIN.upper().encode("koi8_r"), "koi8-r"),
        (BULLETS, BULLETS.encode("cp1251"), "cp1251"),  # was "undecodable": 2% bullets
    ],
)
def test_decode(text, data, encoding):
    from pipeline.reader import decode

    assert decode(data, "a.txt") == (text, encoding)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"\xff\xfe" + TEXT.encode("utf-16-le") + b"x", "undecodable text after UTF-16"),
        (b"\xff\xfe" + "a\x00b".encode("utf-16-le"), "binary content"),
        (TEXT.encode("utf-16-le"), "binary content"),  # no BOM: cannot be told apart
        (bytes(range(0x80, 0xC0)) * 4, "undecodable"),
    ],
)
def test_decode_refuses(data, error):
    from pipeline.reader import decode

    with pytest.raises(InputError, match=error):
        decode(data, "a.txt")


def test_progress_moves_during_one_long_article(tmp_path, tiny):
    """The bar counts characters, advanced a piece at a time: a long article no longer holds
    it at 0/1 until it is done."""
    paragraph = "Компания «Газпром» в 2024 году получила 10 млрд рублей. " * 6
    (tmp_path / "long.txt").write_text("\n\n".join([paragraph] * 40), encoding="utf-8")
    shown = _stderr_on_a_terminal(
        "extract", tmp_path / "long.txt", "--out", tmp_path / "o", "--config", tiny
    )
    assert "char/s" in shown and "100%" in shown
    assert "doc/s" not in shown


def test_pieces_report_their_progress(nlp):
    from pipeline.pieces import piece_bounds, run_pieces
    from pipeline.reader import Document

    paragraph = "Компания «Газпром» получила 10 млрд рублей. " * 8
    text = "\n\n".join([paragraph] * 8)
    done: list[int] = []
    run_pieces(Document("d", text, "<test>", "utf-8"), nlp, 1000, done.append)
    bounds = piece_bounds(text, 1000)
    assert len(done) == len(bounds) > 1
    assert done == [end - start for start, end in bounds]


# --------------------------------------------------------------------------- batch, report


def test_empty_corpus_is_noted_and_reported(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notes.md").write_text(UNDATED, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("batch", corpus, "--out", out, "--no-progress", "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert f"note: no .txt, .json, .jsonl files under {corpus}" in result.stderr
    assert f"report: {out / 'report.html'}" in result.stderr  # built, not a traceback
    assert "No organisations found" in (out / "report.html").read_text(encoding="utf-8")
    target = corpus / "notes.md" / "report.html"  # under a file: one line, not a traceback
    again = run_cli("report", out, "--output", target)
    assert again.returncode == 1
    assert again.stderr.startswith(f"error: {target}: cannot write the report: "), again.stderr
    assert len(again.stderr.splitlines()) == 1


def test_output_folder_that_is_the_corpus_is_refused(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    result = run_cli("batch", corpus, "--out", corpus, "--no-progress")
    assert result.returncode == 1
    assert (
        result.stderr
        == f"error: {corpus}: is the corpus folder itself: give --out another folder\n"
    )
    assert sorted(p.name for p in corpus.iterdir()) == ["a.txt"]


def test_failure_lines_are_capped():
    from pipeline.batch import failure_lines

    errors = [
        {"path": f"f{i:02}.txt", "line": None, "doc_id": f"f{i:02}", "reason": "empty article"}
        for i in range(12)
    ]
    errors.append({"path": "a.jsonl", "line": 3, "doc_id": "a/3", "reason": "bad JSON"})
    lines = failure_lines(Path("corpus"), errors, limit=10)
    assert lines[:2] == [
        "failed: corpus/a.jsonl:3: bad JSON",
        "failed: corpus/f00.txt: empty article",
    ]
    assert lines[-1] == "failed: ... and 3 more (all in errors.csv)"
    assert len(lines) == 11


def test_report_of_a_file_says_it_is_not_a_folder(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    result = run_cli("report", tmp_path / "a.txt")
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {tmp_path / 'a.txt'}: not a folder")


# --------------------------------------------------------------------------- evaluate


def test_evaluate_report_folder_that_cannot_be_made_is_one_line(tmp_path):
    from tests.conftest import SEED_GOLD

    (tmp_path / "file").write_text("x")
    out = tmp_path / "file" / "eval"
    result = run_cli("evaluate", "--gold", SEED_GOLD, "--out", out)
    assert result.returncode == 1
    assert result.stderr == f"error: {out}: cannot create the report folder: Not a directory\n"


def test_evaluation_run_reports_each_document_done(nlp, monkeypatch):
    """`evaluate`'s progress bar moves per finished document, pieced ones included."""
    from pipeline.runner import extract_tables, extract_texts

    monkeypatch.setitem(nlp.meta, "piece_chars", 1000)
    long = "\n\n".join(["Компания «Газпром» получила 10 млрд рублей. " * 8] * 6)
    items = [("a", UNDATED, None), ("b", long, None), ("c", UNDATED, None)]
    for run in (extract_texts, extract_tables):
        done: list[int] = []
        run(items, nlp, done=functools.partial(done.append, 1))
        assert len(done) == len(items)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "python -m pipeline: error: the following arguments are required: COMMAND"),
        (("extrct",), "python -m pipeline: error: argument COMMAND: invalid choice: 'extrct'"),
        (("extract",), "python -m pipeline extract: error: the following arguments are required"),
    ],
)
def test_argument_errors_point_to_help(args, message):
    result = run_cli(*args)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(message) and line.endswith("--help)"), line


def test_bad_item_of_a_json_array_is_named(tmp_path):
    source = tmp_path / "docs.json"
    source.write_text('[{"id": "a", "text": "Газпром."}, {"id": "b", "text": 5}]', "utf-8")
    result = run_cli("extract", source, "--out", tmp_path / "out")
    assert result.returncode == 1
    assert result.stderr == f"error: {source}: [1]: field 'text' missing or not a string\n"
    assert not (tmp_path / "out").exists()


def test_two_articles_of_one_name_are_refused(tmp_path):
    """a/x.txt and b/x.txt would both write outputs/x/, the second replacing the first."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(TEXT, encoding="utf-8")
    result = run_cli("extract", tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt")
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"error: {tmp_path / 'b' / 'x.txt'}: would replace the results of")


def test_output_folder_under_a_file_fails_before_the_run(tmp_path):
    """Checked before the models load (the late failure says 'Not a directory')."""
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "a.txt" / "out"
    result = run_cli("extract", tmp_path / "a.txt", "--out", out)
    assert result.returncode == 1
    assert (
        result.stderr
        == f"error: {out}: cannot write results: {tmp_path / 'a.txt'} is not a folder\n"
    )
