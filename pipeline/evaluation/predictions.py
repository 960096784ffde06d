"""Predictions: the mentions table (pipeline/schema.py MENTION_COLUMNS) as CSV or Parquet.

Accepts one file, an extract output folder (mentions.parquet / mentions.csv), a folder of such
folders (outputs/), a batch output folder (OUT/mentions/ of Parquet parts) or the parts folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.errors import InputError
from pipeline.evaluation.model import ATTRIBUTE_FIELDS, Mention
from pipeline.schema import MENTION_COLUMNS

REQUIRED = ("doc_id", "type", "start", "end")
_TRUE = {"true", "1", "yes", "t"}
_FALSE = {"false", "0", "no", "f"}


def prediction_files(path: Path) -> list[Path]:
    if not path.exists():
        raise InputError(path, "no such file or folder")
    if path.is_file():
        return [path]
    if (path / "mentions").is_dir():
        path = path / "mentions"
    for name in ("mentions.parquet", "mentions.csv"):  # one extract output folder
        if (path / name).is_file():
            return [path / name]
    # A parts folder is flat; anything deeper (documents/, eval reports) is another table.
    parts = sorted(p for p in path.glob("*.parquet") if not p.name.startswith(("_", ".")))
    if parts:
        return parts
    # Otherwise extract output folders, one per document: Parquet where there, else CSV.
    by_folder: dict[Path, Path] = {}
    for found in sorted(path.rglob("mentions.csv")) + sorted(path.rglob("mentions.parquet")):
        by_folder[found.parent] = found
    if by_folder:
        return [by_folder[folder] for folder in sorted(by_folder)]
    raise InputError(path, "no mentions.parquet, mentions.csv or Parquet parts in this folder")


def read_mentions_table(path: str | Path) -> pd.DataFrame:
    """All mention rows under `path`, typed as MENTION_COLUMNS (missing columns added empty)."""
    frames = [_read_file(p) for p in prediction_files(Path(path))]
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty_mentions()
    return pd.concat(frames, ignore_index=True)


def empty_mentions() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in MENTION_COLUMNS.items()})


def _read_file(path: Path) -> pd.DataFrame:
    if path.suffix == ".parquet":
        try:
            frame = pd.read_parquet(path)
        except Exception as exc:  # pyarrow raises several unrelated types for a bad file
            raise InputError(path, f"cannot read Parquet: {exc}") from None
        from_csv = False
    elif path.suffix in (".csv", ".tsv"):
        try:
            frame = pd.read_csv(
                path,
                sep="\t" if path.suffix == ".tsv" else ",",
                dtype=str,
                keep_default_na=False,
                na_values=[""],
            )
        except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
            raise InputError(path, f"cannot read CSV: {exc}") from None
        from_csv = True
    else:
        raise InputError(path, "expected a .csv or .parquet mentions table")
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise InputError(path, f"missing column(s) {', '.join(missing)} of the mentions table")
    return conform(frame, path, from_csv)


def conform(
    frame: pd.DataFrame, path: Path | str = "<frame>", from_csv: bool = False
) -> pd.DataFrame:
    """Cast to MENTION_COLUMNS dtypes; a value that does not fit names its row."""
    out = {}
    for column, dtype in MENTION_COLUMNS.items():
        if column not in frame.columns:
            out[column] = pd.Series(pd.NA, index=frame.index, dtype=dtype)
            continue
        series = frame[column]
        try:
            out[column] = _cast(series, dtype)
        except ValueError as exc:
            row = int(str(exc))
            shown = series.iloc[row]
            raise InputError(
                path,
                f"column '{column}': {shown!r} is not a valid {dtype} value",
                # header is line 1 of a CSV; in Parquet the row number is all there is
                line=row + 2 if from_csv else None,
            ) from None
    return pd.DataFrame(out, index=frame.index).reset_index(drop=True)


def _cast(series: pd.Series, dtype: str) -> pd.Series:
    """Raise ValueError(str(position)) at the first value that does not fit."""
    if dtype == "string":
        return series.astype("string")
    if dtype == "boolean":
        if pd.api.types.is_bool_dtype(series):
            return series.astype("boolean")
        text = series.astype("string").str.strip().str.lower()
        bad = text.notna() & ~text.isin(_TRUE | _FALSE)
        _raise_first(bad)
        return text.isin(_TRUE).astype("boolean").mask(text.isna())
    numbers = pd.to_numeric(series, errors="coerce")
    bad = numbers.isna() & series.notna()
    if dtype == "Int64":
        bad |= numbers.notna() & (numbers % 1 != 0)
    _raise_first(bad)
    return numbers.astype(dtype)


def _raise_first(bad: pd.Series) -> None:
    positions = bad.to_numpy(dtype=bool, na_value=False).nonzero()[0]
    if len(positions):
        raise ValueError(str(positions[0]))


def mentions_from_frame(frame: pd.DataFrame) -> tuple[list[Mention], int]:
    """Mentions from a MENTION_COLUMNS table, and how many rows lacked doc_id/type/offsets."""
    frame = conform(frame)
    usable = frame[list(REQUIRED)].notna().all(axis=1)
    skipped = int((~usable).sum())
    records = frame[usable].astype(object).where(frame[usable].notna(), None)
    mentions = []
    for row in records.to_dict("records"):
        kind = str(row["type"])
        attrs: dict[str, Any] = {}
        for name in ATTRIBUTE_FIELDS.get(kind, ()):
            attrs[name] = _plain(row.get(name))
        mentions.append(
            Mention(
                doc_id=str(row["doc_id"]),
                start=int(row["start"]),
                end=int(row["end"]),
                type=kind,
                attrs=attrs,
                text=None if row["text"] is None else str(row["text"]),
            )
        )
    return mentions, skipped


def _plain(value: Any) -> Any:
    """numpy scalars to Python ones, so comparisons and JSON see plain values."""
    return value.item() if hasattr(value, "item") else value


def load_predictions(path: str | Path) -> tuple[list[Mention], list[str]]:
    frame = read_mentions_table(path)
    mentions, skipped = mentions_from_frame(frame)
    warnings = []
    if skipped:
        warnings.append(f"{path}: {skipped} prediction row(s) without doc_id, type or offsets")
    return mentions, warnings
