"""Pick a held-out SECTOR/fact slice of NEREL articles no rule was shaped on.

    python scripts/heldout_sector_slice.py --shared ../shared --out /tmp/heldout/pool.jsonl
    python scripts/heldout_sector_slice.py --slice 2 --shared ../shared --out /tmp/h2/pool.jsonl

Fixed criteria, no pipeline involved; each writes the pool (source, id, sha1: no text) that
`scripts/nerel_fact_gold.py --pool` reads, a seeded random sample sorted by id.

Slice 1 (session 8, corpora/gold/nerel_sector_heldout.jsonl): a NEREL dev/train article in none
of the project's NEREL golds then (money, fact, fact second, sector dev), whose NEREL annotation
holds at least one MONEY or at least 3 ORGANIZATION entities, and whose text contains one of
ECONOMIC_STEMS (case-folded substring); 20 articles, seed 20268.

Slice 2 (session 9, corpora/gold/nerel_heldout2.jsonl): an article in none of the NEREL golds of
SLICE2_USED (slice 1 and the TIMEX value gold included), whose NEREL annotation holds a MONEY
entity or whose text contains stems of at least two distinct groups of ECONOMIC_GROUPS (a
group is one word family: "рынк"/"рынок" count once); 30 of the 33 eligible, seed 20269 (the first
25 of that sample were annotated first; random.sample keeps them as its prefix). A MONEY entity
with two stems was the first wish, but after the earlier golds took every NEREL article with a
MONEY and an ORGANIZATION, none is left (7 unused articles hold a MONEY, none of them two
stems), so either condition admits an article.

Slice 3 (session 10, corpora/gold/factrueval_heldout3.jsonl): NEREL has no eligible article
left, so the slice comes from another source no SECTOR or fact rule was shaped on: factRuEval-2016
dev (a different news mix; only its ORG/PER/LOC annotation was ever measured). An article
qualifies when its text holds stems of at least two ECONOMIC_GROUPS or a money word
(MONEY_WORD); 30 of the 44 eligible, seed 20270.

Slice 4 (session 11): slice 3 becomes the slice the sector rules are read from, so a new blind
slice is needed. Both sources are nearly spent for the slice-2/3 criteria (10 factRuEval articles
left, 3 NEREL), so an article qualifies with ONE economic word family or a money word, from
NEREL dev/train and factRuEval dev, in none of the earlier golds (slices 1-3 included): general
news that touches the economy, the mix a held-out reader meets. 30 of the eligible, seed 20271.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from pipeline.evaluation.offset_gold import sha1

ROOT = Path(__file__).resolve().parents[1]
USED = (
    "nerel_money_relations.jsonl",
    "nerel_fact_relations.jsonl",
    "nerel_fact_relations_second.jsonl",
    "sectors_dev.jsonl",
)
SLICE2_USED = (*USED, "nerel_sector_heldout.jsonl", "timex_values.jsonl")
SLICE4_USED = (*SLICE2_USED, "nerel_heldout2.jsonl", "factrueval_heldout3.jsonl")
ECONOMIC_STEMS = (
    "компани",
    "рынк",
    "рынок",
    "продаж",
    "производств",
    "экспорт",
    "импорт",
    "отрасл",
    "бизнес",
    "акци",
    "выручк",
    "прибыл",
    "инвест",
)
# Slice 2: word families of economic activity, not of any one sector. "акци" is out (a protest
# is an "акция"), "прибыль" replaces "прибыл" ("прибыл" is also "arrived").
ECONOMIC_GROUPS = (
    ("компани",),
    ("рынк", "рынок"),
    ("продаж",),
    ("производств", "производител"),
    ("экспорт",),
    ("импорт",),
    ("отрасл",),
    ("бизнес",),
    ("выручк",),
    ("прибыль",),
    ("инвест",),
    ("предприяти",),
    ("поставк", "поставщик"),
    ("торгов",),
    ("банк",),
    ("промышлен",),
    ("экономи",),
)
MONEY_WORD = re.compile(r"\b(?:рубл|руб\.|доллар|евро\b|млрд|млн)|\$", re.IGNORECASE)
NEREL = ("corpora/nerel/dev.jsonl", "corpora/nerel/train.jsonl")
FACTRUEVAL = ("corpora/factrueval/dev.jsonl",)
SEED = 20268
SIZE = 20


def used_ids(names: tuple[str, ...] = USED) -> set[str]:
    """Ids of the NEREL articles the named golds hold (the TIMEX gold names them `doc_id`)."""
    ids = set()
    for name in names:
        for line in (ROOT / "corpora" / "gold" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                ids.add(record.get("id") or record["doc_id"])
    return ids


def eligible(doc: dict) -> bool:
    types = [e["type"] for e in doc["entities"]]
    text = doc["text"].casefold()
    business = "MONEY" in types or types.count("ORGANIZATION") >= 3
    return business and any(stem in text for stem in ECONOMIC_STEMS)


def economic_groups(text: str) -> int:
    """How many word families of ECONOMIC_GROUPS the text holds."""
    folded = text.casefold()
    return sum(any(stem in folded for stem in group) for group in ECONOMIC_GROUPS)


def eligible2(doc: dict) -> bool:
    money = any(e["type"] == "MONEY" for e in doc["entities"])
    return money or economic_groups(doc["text"]) >= 2


def eligible3(doc: dict) -> bool:
    return economic_groups(doc["text"]) >= 2 or MONEY_WORD.search(doc["text"]) is not None


def eligible4(doc: dict) -> bool:
    return economic_groups(doc["text"]) >= 1 or MONEY_WORD.search(doc["text"]) is not None


class Slice(NamedTuple):
    # a NamedTuple, not a dataclass: the tests load this script by path, outside sys.modules
    used: tuple[str, ...]
    eligible: Callable[[dict], bool]
    seed: int
    size: int
    sources: tuple[str, ...] = NEREL


SLICES = {
    1: Slice(USED, eligible, SEED, SIZE),
    2: Slice(SLICE2_USED, eligible2, 20269, 30),
    3: Slice((), eligible3, 20270, 30, FACTRUEVAL),
    4: Slice(SLICE4_USED, eligible4, 20271, 30, NEREL + FACTRUEVAL),
}


def select(shared: Path, number: int = 1) -> tuple[list[dict], int]:
    spec = SLICES[number]
    used = used_ids(spec.used)
    candidates = []
    for source in spec.sources:
        for line in (shared / source).read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            if doc["id"] not in used and spec.eligible(doc):
                candidates.append({"source": source, "id": doc["id"], "sha1": sha1(doc["text"])})
    candidates.sort(key=lambda r: (r["source"], r["id"]))
    picked = random.Random(spec.seed).sample(candidates, min(spec.size, len(candidates)))
    return sorted(picked, key=lambda r: r["id"]), len(candidates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, required=True, help="pool JSONL to write")
    parser.add_argument("--slice", type=int, choices=sorted(SLICES), default=1, help="which slice")
    args = parser.parse_args()
    rows, pool = select(args.shared, args.slice)
    args.out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} of {pool} eligible articles -> {args.out}")


if __name__ == "__main__":
    main()
