"""Handing freed memory back to the system: after a model load or a long document's piece,
glibc keeps the freed arenas and the worker's RSS would stay at its peak."""

from __future__ import annotations

import ctypes


def trim_heap() -> None:
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to hand back this way
        pass
