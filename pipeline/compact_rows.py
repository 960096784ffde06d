"""Table rows held compactly: a long document's tens of thousands of mention rows as dicts
take ~1.2 KB each, as (shared keys, values) tuples with equal strings kept once a few hundred
bytes. `CompactRows` reads like a list of dicts (len, index, slice, iteration build the dicts
on demand), so callers keep the dict rows they know while memory holds only the tuples."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

# One string per row already (ids): interning them would only grow the table of shared ones.
UNSHARED = frozenset({"mention_id", "parent_id", "relation_id", "fact_id"})


class CompactRows(Sequence[dict]):
    """Rows as (keys, values) tuples; keys tuples and repeated strings are shared."""

    def __init__(self, rows: Iterable[dict] = ()) -> None:
        self._rows: list[tuple[tuple, tuple]] = []
        self._shared: dict = {}
        self.extend(rows)

    def append(self, row: dict) -> None:
        share = self._shared.setdefault
        keys = tuple(row)
        values = tuple(
            share(v, v) if type(v) is str and k not in UNSHARED else v for k, v in row.items()
        )
        self._rows.append((share(keys, keys), values))

    def extend(self, rows: Iterable[dict]) -> None:
        if isinstance(rows, CompactRows):  # already compact: take the tuples as they are
            share = self._shared.setdefault
            self._rows.extend((share(k, k), v) for k, v in rows._rows)
            return
        for row in rows:
            self.append(row)

    def set(self, index: int, key: str, value: Any) -> None:
        """rows[index][key] = value (a dict built on demand cannot be written through)."""
        keys, values = self._rows[index]
        if key in keys:
            at = keys.index(key)
            values = (*values[:at], value, *values[at + 1 :])
        else:
            keys, values = (*keys, key), (*values, value)
            keys = self._shared.setdefault(keys, keys)
        self._rows[index] = (keys, values)

    def column(self, key: str) -> list:
        """One column's values (None where a row lacks the key), without building dicts."""
        found, where = [], {}  # id of a (shared) keys tuple -> the key's position in it
        for keys, values in self._rows:
            at = where.get(id(keys), -1)
            if at == -1:
                at = where[id(keys)] = keys.index(key) if key in keys else None
            found.append(None if at is None else values[at])
        return found

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> dict: ...

    @overload
    def __getitem__(self, index: slice) -> CompactRows: ...

    def __getitem__(self, index):
        if isinstance(index, slice):  # the same tuples, no copy of the values
            part = CompactRows()
            part._rows, part._shared = self._rows[index], self._shared
            return part
        keys, values = self._rows[index]
        return dict(zip(keys, values, strict=True))

    def __iter__(self) -> Iterator[dict]:
        for keys, values in self._rows:
            yield dict(zip(keys, values, strict=True))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  (mutable, like a list)

    def __repr__(self) -> str:
        return f"CompactRows({len(self)} rows)"


__all__ = ["CompactRows"]
