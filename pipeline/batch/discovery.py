"""Finding the article files of a corpus and cutting them into parts."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from pipeline.batch.model import PART_BYTES, PART_FILES, Task
from pipeline.reader import SUFFIXES


def discover(
    corpus: Path, exclude: Path | None = None, errors: list | None = None
) -> Iterator[str]:
    """Article files under `corpus` (relative POSIX paths) in a stable, sorted order.

    Symlinked folders are followed once (a folder reached twice, e.g. through a loop, is
    skipped); names starting with "." are ignored, and so is `exclude` (an OUT_DIR inside the
    corpus). Symlinked or special files are yielded: reading them reports their problem.
    """
    seen: set[str] = set()
    skip = os.path.realpath(exclude) if exclude else None
    onerror = errors.append if errors is not None else None
    for root, dirs, files in os.walk(corpus, followlinks=True, onerror=onerror):
        real = os.path.realpath(root)
        if real in seen or real == skip:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = PurePosixPath(Path(root).relative_to(corpus).as_posix())
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                yield str(base / name) if str(base) != "." else name


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def plan_tasks(
    files: Iterable[tuple[str, int]], part_size: int = PART_FILES, part_bytes: int = PART_BYTES
) -> Iterator[Task]:
    """Consecutive files grouped into parts of at most `part_size` files and `part_bytes`."""
    group: list[str] = []
    size = 0
    for rel, nbytes in files:
        if group and (len(group) >= part_size or size + nbytes > part_bytes):
            yield Task.of(group)
            group, size = [], 0
        group.append(rel)
        size += nbytes
    if group:
        yield Task.of(group)


def doc_id_for(rel: str) -> str:
    """The doc_id of a file: its path relative to the corpus, without the suffix."""
    return str(PurePosixPath(rel).with_suffix(""))
