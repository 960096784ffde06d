"""Writing result files atomically: a temporary file beside the target, then a rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas takes a quarter of a second to import: a batch driver never needs it
    import pandas as pd


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp makes owner-only files; results should get the permissions any new file would.
_FILE_MODE = 0o666 & ~_current_umask()


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call write(tmp_path), then rename over `path`; on any failure the old file stays."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, _FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    atomic_write(path, lambda p: p.write_text(text, encoding="utf-8"))


def write_table(frame: pd.DataFrame, directory: Path, name: str) -> list[Path]:
    """The same table as CSV (for people) and Parquet (typed, for tools)."""
    csv, parquet = directory / f"{name}.csv", directory / f"{name}.parquet"
    atomic_write(csv, lambda p: frame.to_csv(p, index=False))
    atomic_write(parquet, lambda p: frame.to_parquet(p, index=False))
    return [csv, parquet]
