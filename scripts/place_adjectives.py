"""Check the adjective -> place lexicon (configs/lexicons/places.toml) against pymorphy3.

Every key must be the lemma of an adjective (ADJF) to pymorphy3, or the place-adjective stage
never sees it (it matches tokens' folded lemmas); a place whose first word pymorphy3 does not
know as a geographic name (Geox) is listed for a human to review, not rejected.

    python scripts/place_adjectives.py [--lexicon configs/lexicons/places.toml]

Exit 1 when a key is no adjective lemma.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

import pymorphy3

ROOT = Path(__file__).resolve().parents[1]


def problems(lexicon: dict, morph: pymorphy3.MorphAnalyzer) -> tuple[list[str], list[str]]:
    """(keys that are no adjective lemma, places pymorphy3 does not tag Geox)."""
    bad, review = [], []
    for table, entries in lexicon.get("places", {}).items():
        for adjective, place in entries.items():
            lemmas = {
                p.normal_form.replace("ё", "е") for p in morph.parse(adjective) if "ADJF" in p.tag
            }
            if adjective.replace("ё", "е") not in lemmas:
                bad.append(f"{table}: {adjective!r} is no adjective lemma ({sorted(lemmas)})")
            first = place.split()[0].split("-")[0]
            if not any("Geox" in p.tag for p in morph.parse(first)):
                review.append(f"{table}: {adjective!r} -> {place!r} (no Geox reading)")
    return bad, review


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lexicon", default=str(ROOT / "configs/lexicons/places.toml"))
    args = parser.parse_args()
    lexicon = tomllib.loads(Path(args.lexicon).read_text(encoding="utf-8"))
    bad, review = problems(lexicon, pymorphy3.MorphAnalyzer())
    for line in review:
        print("review:", line)
    for line in bad:
        print("error:", line, file=sys.stderr)
    total = sum(len(v) for v in lexicon.get("places", {}).values())
    print(f"{total} entries, {len(bad)} errors, {len(review)} to review")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
