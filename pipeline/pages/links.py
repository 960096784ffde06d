"""The article page's links: the relations table's rows (who belongs to whom, where a body
sits, who owns or founded what) as lines a reader takes in at a glance, "head → tail" with a
plain label of the type. Built per article from its relation rows and one pass over its
mention rows that keeps only the mentions a link names, so a page streamed a section at a
time never holds a second copy of a document's mentions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Row = Mapping[str, Any]

# Type -> (English label, Russian label), read as "head <label> → tail". The money relations
# (INCOME, EXPENDITURE, PRICE_OF) are the facts the page already shows: not repeated here.
LINK_LABELS: dict[str, tuple[str, str]] = {
    "PART_OF": ("part of", "входит в"),
    "HEADQUARTERED_IN": ("based in", "находится в"),
    "OWNER_OF": ("owns", "владеет"),
    "MEMBER_OF": ("member of", "член"),
    "FOUNDED_BY": ("founded by", "основан"),
    "SECTOR_OF": ("works in", "отрасль"),
    "DATE_OF": ("dated", "дата"),
    "AMOUNT_OF": ("amount for", "сумма на"),
}
END_CHARS = 60  # a longer mention text is cut with "…": a link reads in one line


@dataclass(frozen=True)
class LinkEnd:
    """One end of a link: the mention's id (its `data-m` in the text), text and type."""

    mention_id: str
    text: str
    type: str


@dataclass(frozen=True)
class LinkRow:
    """One relation as the page shows it."""

    sentence: int
    relation_id: str
    type: str
    label: str
    label_ru: str
    head: LinkEnd
    tail: LinkEnd


def link_rows(relations: Iterable[Row], mentions: Iterable[Row]) -> list[LinkRow]:
    """The relations the page shows, in sentence order (then as the table numbers them).
    A relation whose head or tail is not among `mentions` (a long document's page shows its
    first part) is left out. Linear in relations plus mentions."""
    shown = [r for r in relations if r.get("type") in LINK_LABELS]
    if not shown:
        return []
    wanted = {str(r[k]) for r in shown for k in ("head_mention_id", "tail_mention_id")}
    ends = link_ends(mentions, wanted)
    rows = []
    for relation in shown:
        head = ends.get(str(relation["head_mention_id"]))
        tail = ends.get(str(relation["tail_mention_id"]))
        if head is None or tail is None:
            continue
        label, label_ru = LINK_LABELS[str(relation["type"])]
        rows.append(
            LinkRow(
                _sentence(relation.get("sentence")),
                str(relation.get("relation_id") or ""),
                str(relation["type"]),
                label,
                label_ru,
                head,
                tail,
            )
        )
    rows.sort(key=lambda r: (r.sentence, _number(r.relation_id)))
    return rows


def shorten(text: str, limit: int = END_CHARS) -> str:
    """A mention's text on one line, cut at `limit` characters with "…"."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def link_ends(mentions: Iterable[Row], wanted: set[str]) -> dict[str, LinkEnd]:
    """The ends named in `wanted`, from one pass over the mentions (nothing else kept)."""
    ends: dict[str, LinkEnd] = {}
    for row in mentions:
        key = str(row.get("mention_id"))
        if key in wanted:
            ends[key] = LinkEnd(key, shorten(str(row.get("text") or "")), str(row.get("type")))
    return ends


def _sentence(value: Any) -> int:
    """The relation's sentence number; -1 when the table has none (placed by no sentence)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def _number(relation_id: str) -> tuple[int, str]:
    """R12 sorts after R2."""
    digits = relation_id.lstrip("R")
    return (int(digits), "") if digits.isdigit() else (0, relation_id)


def sentences_with_links(rows: Sequence[LinkRow]) -> list[int]:
    """The sentence numbers that carry links, ascending, once each."""
    return sorted({r.sentence for r in rows if r.sentence >= 0})
