"""The sector an article gives a fact's parties elsewhere (guideline 309): a fact's `sector` is
the SECTOR of its own sentence, which a money sentence seldom names ("«Лукойл» получил прибыль
3 млрд рублей"); the article often says it in another sentence ("нефтяная компания «Лукойл»",
a SECTOR_OF link of the same entity). The facts table adds it, labelled as coming from the
article: `agent_sector`, `agent_okved`, `agent_sector_mention_id` and the same for the
counterpart. `sector`/`okved` stay the sentence's own (what the relation gold scores).

One pass over the document's SECTOR_OF links groups them by the entity id of their ORG; each
fact then looks its parties' entity ids up. Several distinct sectors are all kept, nearest
first (by sentence, an earlier sentence before a later one at the same distance), joined with
";" as the table's other multi-valued cells are: the first is the nearest link's."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

ROLES = ("agent", "counterpart")  # the fact's parties that are entities (ORG/PER/LOC)
FIELDS = ("sector", "okved", "sector_mention_id")


@dataclass(frozen=True)
class SectorLink:
    """One SECTOR_OF link as a fact reads it: where it is and which sector it names."""

    sentence: int
    sector: str
    okved: str | None
    mention_id: str  # the SECTOR mention's id in the mentions table


def empty_fields() -> dict[str, None]:
    """The added columns of a fact row with no sector from the article."""
    return {f"{role}_{name}": None for role in ROLES for name in FIELDS}


def article_fields(
    fact_sentence: int,
    entity_ids: Mapping[str, str | None],
    links: Mapping[str, Sequence[SectorLink]],
) -> dict[str, str | None]:
    """The added columns of one fact row: for each role whose entity id has SECTOR_OF links,
    its sectors nearest first."""
    found = empty_fields()
    for role in ROLES:
        entity = entity_ids.get(role)
        own = links.get(entity) if entity else None
        if own:
            found.update(_joined(role, nearest_first(own, fact_sentence)))
    return found


def nearest_first(links: Sequence[SectorLink], sentence: int) -> list[SectorLink]:
    """One link per distinct sector, the nearest to `sentence` first; at equal distance the
    earlier sentence (what the reader has read already), then the table's order."""
    order = sorted(
        range(len(links)),
        key=lambda i: (abs(links[i].sentence - sentence), links[i].sentence > sentence, i),
    )
    kept: dict[str, SectorLink] = {}
    for i in order:
        kept.setdefault(links[i].sector, links[i])
    return list(kept.values())


def _joined(role: str, links: list[SectorLink]) -> dict[str, str]:
    codes: dict[str, None] = {}  # a sector's okved may hold several codes itself
    for link in links:
        codes.update(dict.fromkeys(c for c in (link.okved or "").split(";") if c))
    return {
        f"{role}_sector": ";".join(link.sector for link in links),
        f"{role}_okved": ";".join(codes) or None,
        f"{role}_sector_mention_id": ";".join(link.mention_id for link in links),
    }


def links_by_entity(
    links: Iterable[tuple[str | None, SectorLink]],
) -> dict[str, list[SectorLink]]:
    """(entity id of the ORG, link) pairs grouped by entity id, in the table's order."""
    grouped: dict[str, list[SectorLink]] = {}
    for entity, link in links:
        if entity:
            grouped.setdefault(entity, []).append(link)
    return grouped


def row_links(
    relations: Iterable[Mapping[str, Any]], mention: Callable[[str], Mapping[str, Any] | None]
) -> dict[str, list[SectorLink]]:
    """The SECTOR_OF links of a document's relation rows, by the entity id of their ORG (the
    mentions table's `entity_id`; `mention` finds a row by its mention id)."""
    pairs = []
    for relation in relations:
        if relation.get("type") != "SECTOR_OF":
            continue
        head = mention(str(relation["head_mention_id"]))
        tail = mention(str(relation["tail_mention_id"]))
        if head is None or tail is None or not tail.get("sector"):
            continue
        sector, okved = str(tail["sector"]), tail.get("okved")
        link = SectorLink(int(relation["sentence"]), sector, okved, str(tail["mention_id"]))
        pairs.append((head.get("entity_id"), link))
    return links_by_entity(pairs)


def refill_rows(
    facts: Iterable[dict],
    relations: Iterable[Mapping[str, Any]],
    mentions: Sequence[Mapping[str, Any]],
) -> None:
    """Fill the added columns of a document's fact rows again from its rows alone (a long
    document run in pieces: entity ids are linked across pieces only once all have run, and a
    party's SECTOR_OF may stand in another piece). Mention ids are "M<n>", row n-1."""

    def mention(mention_id: str | None) -> Mapping[str, Any] | None:
        if not mention_id or not mention_id[1:].isdigit():
            return None
        index = int(mention_id[1:]) - 1
        return mentions[index] if 0 <= index < len(mentions) else None

    links = row_links(relations, mention)
    for row in facts:
        entity_ids = {}
        for role in ROLES:
            found = mention(row.get(f"{role}_mention_id"))
            entity_ids[role] = found.get("entity_id") if found else None
        row.update(article_fields(int(row["sentence"]), entity_ids, links))
