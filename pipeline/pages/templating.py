"""The Jinja2 environment of the pages: templates ship inside the package (package data)."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("pipeline.pages", "templates"),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True),
        undefined=StrictUndefined,  # a misspelt variable fails the build, not the reader
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = number
    return env


def number(value: object, digits: int = 0) -> str:
    """1234567.891 -> '1 234 568' (narrow no-break spaces group the thousands)."""
    if value is None:
        return ""
    return f"{float(value):,.{digits}f}".replace(",", "\u202f")
