"""The CLI through its real entry point: `python -m pipeline`, in a subprocess."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios

import pandas as pd
import pytest

from tests.conftest import ROOT, SEED, run_cli


def test_help_lists_extract():
    result = run_cli("--help")
    assert result.returncode == 0
    assert "extract" in result.stdout


def test_extract_seed_writes_tables_and_page(tmp_path):
    out = tmp_path / "seed"
    result = run_cli("extract", SEED, "--out", out)
    assert result.returncode == 0, result.stderr
    for name in ("mentions.csv", "mentions.parquet", "documents.csv", "documents.parquet"):
        assert (out / name).stat().st_size > 0
    mentions = pd.read_parquet(out / "mentions.parquet")
    assert {"ORG", "PER", "LOC"} <= set(mentions["type"])
    assert (mentions["doc_id"] == "2025-12-21-tokayev-japan").all()
    page = (out / "annotated.html").read_text(encoding="utf-8")
    assert "Касым-Жомарта" in page and "<table" in page
    assert not list(out.glob(".*.tmp"))


def _stderr_on_a_terminal(*args: object) -> str:
    """Run the CLI with stderr on a pseudo-terminal (where progress bars are shown)."""
    master, slave = pty.openpty()
    # A new pseudo-terminal is 0 columns wide, and tqdm draws a 0-column bar on it.
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pipeline", *map(str, args)],
            stdout=subprocess.PIPE,
            stderr=slave,
            cwd=ROOT,
        )
    finally:
        os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal's other end is closed and drained
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert result.returncode == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_extract_shows_progress_on_a_terminal_only(tmp_path):
    shown = _stderr_on_a_terminal("extract", SEED, "--out", tmp_path / "a")
    assert "100%" in shown and "char/s" in shown  # in characters (tests/test_cli_ux.py)
    hidden = _stderr_on_a_terminal("extract", SEED, "--out", tmp_path / "b", "--no-progress")
    assert "100%" not in hidden
    piped = run_cli("extract", SEED, "--out", tmp_path / "c")  # not a terminal: no bar
    assert piped.returncode == 0 and "100%" not in piped.stderr


def _bad_inputs(tmp_path):
    cases = {}
    cases["missing"] = tmp_path / "nope.txt"
    cases["directory"] = tmp_path / "dir"
    cases["directory"].mkdir()
    cases["empty"] = tmp_path / "empty.txt"
    cases["empty"].write_bytes(b"")
    cases["whitespace"] = tmp_path / "blank.txt"
    cases["whitespace"].write_text("  \n\t \n", encoding="utf-8")
    cases["binary"] = tmp_path / "bin.txt"
    cases["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    cases["undecodable"] = tmp_path / "garbage.txt"
    cases["undecodable"].write_bytes(bytes(range(0x80, 0xC0)) * 4)
    cases["dateline"] = tmp_path / "dateline.txt"
    cases["dateline"].write_text("date 2025-13-45 Заголовок\n\nТекст статьи.", encoding="utf-8")
    return cases


EXPECTED = {
    "missing": "no such file",
    "directory": "is a directory",
    "empty": "empty article",
    "whitespace": "empty article",
    "binary": "binary content",
    "undecodable": "undecodable",
    "dateline": "malformed dateline",
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_bad_input_is_one_clear_line(tmp_path, case):
    path = _bad_inputs(tmp_path)[case]
    result = run_cli("extract", path, "--out", tmp_path / "out")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and EXPECTED[case] in lines[0]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_unknown_option(tmp_path):
    result = run_cli("extract", SEED, "--frobnicate")
    assert result.returncode == 2
    assert "unrecognized arguments: --frobnicate" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_encodings_are_detected_and_reported(tmp_path):
    text = "date 2024-03-01 Заголовок\n\nСбербанк выдал кредит на 5 млн рублей."
    (tmp_path / "cp.txt").write_bytes(text.encode("cp1251"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    for name, encoding in (("cp", "cp1251"), ("bom", "utf-8-sig")):
        result = run_cli("extract", tmp_path / f"{name}.txt", "--out", tmp_path / name)
        assert result.returncode == 0, result.stderr
        docs = pd.read_csv(tmp_path / name / "documents.csv")
        assert docs.loc[0, "encoding"] == encoding
        assert docs.loc[0, "date"] == "2024-03-01"


def test_jsonl_documents_and_date_option(tmp_path):
    src = tmp_path / "docs.jsonl"
    src.write_text(
        '{"id": "a", "text": "Газпром построил завод.", "date": "2024-01-02"}\n'
        '{"id": "b", "text": "Минфин России сообщил.", "title": "Минфин"}\n',
        encoding="utf-8",
    )
    result = run_cli("extract", src, "--out", tmp_path / "o", "--date", "2023-05-06")
    assert result.returncode == 0, result.stderr
    docs = pd.read_csv(tmp_path / "o" / "documents.csv")
    assert list(docs["doc_id"]) == ["a", "b"]
    assert list(docs["date"]) == ["2023-05-06", "2023-05-06"]


def test_malformed_jsonl_line_names_line(tmp_path):
    src = tmp_path / "docs.jsonl"
    src.write_text('{"id": "a", "text": "Текст."}\n{broken\n', encoding="utf-8")
    result = run_cli("extract", src, "--out", tmp_path / "o")
    assert result.returncode == 1
    assert f"{src}:2:" in result.stderr


def test_outputs_get_the_usual_file_mode(tmp_path):
    from pipeline.output import write_text

    target = tmp_path / "page.html"
    write_text(target, "x")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
