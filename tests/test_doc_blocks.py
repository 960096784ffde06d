"""The generated blocks the evaluation scripts keep in docs/evaluation.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.evaluation.doc_blocks import write_block

BEGIN, END = "<!-- BEGIN x -->", "<!-- END x -->"
BLOCK = f"{BEGIN}\nnew figures\n{END}"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            f"# Evaluation\n\nhand text\n\n{BEGIN}\nold figures\n{END}\n\nmore hand text\n",
            f"# Evaluation\n\nhand text\n\n{BLOCK}\n\nmore hand text\n",
        ),
        ("# Evaluation\n\nhand text\n\n", f"# Evaluation\n\nhand text\n\n## Scores\n\n{BLOCK}\n"),
        (None, f"# Evaluation\n\n## Scores\n\n{BLOCK}\n"),
        (f"{BEGIN} without its end\n", f"{BEGIN} without its end\n\n## Scores\n\n{BLOCK}\n"),
    ],
    ids=["replaced", "appended", "new file", "half a marker pair"],
)
def test_write_block(tmp_path: Path, before: str | None, after: str) -> None:
    doc = tmp_path / "docs" / "evaluation.md"
    if before is not None:
        doc.parent.mkdir()
        doc.write_text(before, encoding="utf-8")
    write_block(doc, BLOCK, BEGIN, END, "Scores")
    assert doc.read_text(encoding="utf-8") == after
