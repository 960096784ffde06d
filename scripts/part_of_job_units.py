"""How NEREL tags a unit named after a job title (guideline 152), counted on its own gold.

A unit word (`[units] heads` of configs/lexicons/orgs.toml and a few more) right after a
person noun ("начальник", "председатель", "член", its adjectives skipped): is the unit an
ORGANIZATION of its own in NEREL, with or without a named ORG after it?

    python scripts/part_of_job_units.py ../shared/corpora/nerel/train.jsonl [--show]

Counts only, unless --show (NEREL text on the terminal: never paste it into the repository).
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter

import pymorphy3

UNIT_WORDS = frozenset(
    "пресс-служба пресс-центр совет правление президиум политсовет департамент управление "
    "дирекция отдел отделение кафедра факультет аппарат секретариат филиал главк комитет "
    "комиссия служба палата".split()
)
WORD = re.compile(r"[\w-]+|[^\w\s]")
STOPS = ".,;:!?()"


def job_units(doc: dict, morph: pymorphy3.MorphAnalyzer) -> list[tuple[bool, bool, str, str]]:
    """(tagged, named parent after, unit lemma, the words) for each unit after a person noun."""
    text = doc["text"]
    orgs = [
        e for e in doc["entities"] if e["type"] == "ORGANIZATION" and not e.get("discontinuous")
    ]
    tokens = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
    out = []
    for k, (start, end, word) in enumerate(tokens):
        if not word[0].isalpha() or morph.parse(word.lower())[0].normal_form not in UNIT_WORDS:
            continue
        j = k - 1
        while j >= 0 and morph.parse(tokens[j][2].lower())[0].tag.POS in ("ADJF", "PRTF"):
            j -= 1
        person = morph.parse(tokens[j][2].lower())[0] if j >= 0 else None
        if person is None or person.tag.POS != "NOUN" or "anim" not in person.tag:
            continue
        tagged = any(o["start"] <= start and o["end"] >= end > o["start"] > tokens[j][0]
                     for o in orgs)  # fmt: skip
        named = any(
            end <= o["start"] <= end + 80 and not any(c in text[end : o["start"]] for c in STOPS)
            for o in orgs
        )
        lemma = morph.parse(word.lower())[0].normal_form
        out.append((tagged, named, lemma, text[tokens[j][0] : end]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", help="NEREL JSONL")
    parser.add_argument("--show", action="store_true", help="print the untagged cases")
    args = parser.parse_args(argv)
    morph = pymorphy3.MorphAnalyzer()
    counts: Counter = Counter()
    with open(args.corpus, encoding="utf-8") as lines:
        for line in lines:
            for tagged, named, lemma, words in job_units(json.loads(line), morph):
                counts[
                    ("tagged" if tagged else "untagged", "named parent" if named else "bare")
                ] += 1
                if args.show and not tagged:
                    print(f"{lemma:14s} {words}")
    for key, n in sorted(counts.items()):
        print(f"{n:5d}  {' / '.join(key)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
