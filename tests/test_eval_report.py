"""Report pieces that are easy to get subtly wrong: context snippets and nested HTML marks."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.config import shared_dir
from pipeline.evaluation.html import render
from pipeline.evaluation.model import Mention
from pipeline.evaluation.report import context
from tests.conftest import load_script

ROOT = Path(__file__).resolve().parents[1]


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.max_depth = 0
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.depth += 1
        self.max_depth = max(self.max_depth, self.depth)

    def handle_endtag(self, tag):
        self.depth -= 1
        assert self.depth >= 0

    def handle_data(self, data):
        self.text += data


def _parse(html: str) -> _Balance:
    parser = _Balance()
    parser.feed(html)
    parser.close()
    return parser


def test_render_nested_and_crossing_spans_stay_balanced():
    text = "Банк Японии <и> Токио"
    spans = [
        (Mention("d", 0, 11, "ORG"), "exact", "ORG"),
        (Mention("d", 5, 11, "LOC"), "missed", "LOC"),
        (Mention("d", 5, 11, "LOC"), "fp", "dup"),
        (Mention("d", 8, 17, "DATE"), "fp", "crosses its parent"),
        (Mention("d", 16, 21, "LOC"), "exact", "Токио"),
    ]
    parsed = _parse(render(text, spans))
    assert parsed.depth == 0
    assert parsed.text == text  # escaped once, nothing lost or repeated
    assert parsed.max_depth == 4


def test_context_marks_span_on_one_line():
    text = "a" * 100 + "\nСпан\n" + "b" * 100
    snippet = context(text, 101, 105)
    assert snippet == "a" * 59 + " ⟦Спан⟧ " + "b" * 59
    assert context("Токио", 0, 5) == "⟦Токио⟧"


def test_corpora_script_skips_without_shared(tmp_path):
    doc = tmp_path / "evaluation.md"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "evaluate_corpora.py"),
            "--shared",
            str(tmp_path / "none"),
            "--doc",
            str(doc),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0
    assert "skipped" in done.stdout
    assert not doc.exists()


SHARED = shared_dir()  # $SHARED_DIR, else ../shared
SCRIPT = ROOT / "scripts" / "evaluate_corpora.py"


def test_corpora_section_replaces_its_block_only(tmp_path):
    script = load_script("evaluate_corpora")
    doc = tmp_path / "evaluation.md"
    doc.write_text("# Evaluation\n\nintro\n", encoding="utf-8")
    script._write_doc(doc, ["### first"], None)
    script._write_doc(doc, ["### second"], 3)
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("# Evaluation\n\nintro\n")
    assert text.count(script.BEGIN) == 1 and text.count(script.END) == 1
    assert "### second" in text and "### first" not in text
    assert "first 3 documents" in text


@pytest.mark.skipif(not (SHARED / "corpora").is_dir(), reason="no shared corpora (SHARED_DIR)")
def test_corpora_script_on_shared(tmp_path):
    doc = tmp_path / "evaluation.md"
    args = [
        sys.executable,
        str(SCRIPT),
        "--shared",
        str(SHARED),
        "--doc",
        str(doc),
        "--out",
        str(tmp_path / "out"),
        "--limit",
        "1",
        "--no-pipeline",
        "--html-docs",
        "1",
    ]
    done = subprocess.run(args, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    text = doc.read_text(encoding="utf-8")
    assert "### nerel dev (1 documents)" in text and "### factrueval dev" in text
    assert (tmp_path / "out" / "nerel-dev" / "report.html").exists()
