"""Generated blocks inside hand-written Markdown (docs/evaluation.md): each evaluation script
owns the text between its BEGIN and END markers and leaves the rest of the file alone."""

from __future__ import annotations

from pathlib import Path


def write_block(doc: Path, block: str, begin: str, end: str, heading: str) -> None:
    """Put `block` (which starts with `begin` and ends with `end`) in place of the file's
    marked block; a file without the markers gets it appended under `heading`, a missing file
    is started."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Evaluation\n"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + f"\n\n## {heading}\n\n" + block + "\n"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text, encoding="utf-8")
