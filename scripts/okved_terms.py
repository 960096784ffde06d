"""Candidate SECTOR terms from the ОКВЭД 2 captions, for a person to review into
configs/sectors.toml (the lexicon stays reproducible: every caption-derived term can be traced
to a code).

    .venv/bin/python scripts/okved_terms.py [--okved ../shared/okved2/okved2.csv] [--out FILE]

For every sector of the taxonomy and every ОКВЭД code it lists (with the codes below them in the
classifier), the caption is split into noun phrases (adjectives + a noun, with a genitive noun
after it: "производство растительных масел") and each phrase is lemmatised word by word with
pymorphy3 into the taxonomy's term form ("растительный масло"). Activity words that head most
captions ("производство", "деятельность", "торговля", "выращивание") are dropped from the front,
so their complements — the goods — become candidates too. Output: a TSV of sector id, code,
candidate, and whether the taxonomy already has it; nothing is written into configs/.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pymorphy3

from pipeline.sector_taxonomy import DEFAULT_OKVED_PATH, Taxonomy

ROOT = Path(__file__).resolve().parents[1]
# Caption heads that name an activity, not an industry or its goods.
ACTIVITY = frozenset(
    "производство деятельность торговля выращивание добыча разведение предоставление услуга "
    "издание обработка изготовление ремонт оптовый розничный прочий вспомогательный "
    "сопутствующий организация обеспечение область сфера вид работа".split()
)
WORD = re.compile(r"[А-Яа-яЁё-]+")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    shared = ROOT.parent / "shared" / "okved2" / "okved2.csv"
    parser.add_argument("--okved", type=Path, default=shared if shared.exists() else None)
    parser.add_argument("--out", type=Path, help="TSV file (default: stdout)")
    args = parser.parse_args(argv)
    okved = args.okved or DEFAULT_OKVED_PATH
    try:
        rows = list(candidate_rows(Taxonomy.load(), read_captions(okved)))
    except OSError as exc:
        print(f"error: {okved}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    out = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(["sector", "code", "candidate", "in_taxonomy"])
    writer.writerows(rows)
    if args.out:
        out.close()
        print(f"{len(rows)} candidates -> {args.out}")
    return 0


def read_captions(path: Path) -> dict[str, tuple[str, str]]:
    """code -> (parent, caption); `#` lines are citations."""
    with open(path, encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return {r["code"]: (r["parent"], r["caption"]) for r in csv.DictReader(lines)}


def candidate_rows(
    taxonomy: Taxonomy, captions: dict[str, tuple[str, str]]
) -> Iterator[tuple[str, str, str, str]]:
    morph = pymorphy3.MorphAnalyzer()
    known = {t for s in taxonomy.sectors for t in s.vocabulary()}
    children: dict[str, list[str]] = {}
    for code, (parent, _) in captions.items():
        children.setdefault(parent, []).append(code)
    seen: set[tuple[str, str]] = set()
    for sector in taxonomy.sectors:
        for code in _with_descendants(sector.okved, children):
            if code not in captions:
                continue
            for phrase in caption_phrases(captions[code][1], morph):
                if (sector.id, phrase) not in seen:
                    seen.add((sector.id, phrase))
                    yield sector.id, code, phrase, "yes" if phrase in known else "no"


def _with_descendants(codes: tuple[str, ...], children: dict[str, list[str]]) -> list[str]:
    # Sections ("C") are too broad to mine: their divisions belong to other sectors.
    out, stack = [], [c for c in codes if not c.isalpha()]
    while stack:
        code = stack.pop()
        out.append(code)
        stack.extend(children.get(code, []))
    return sorted(out)


def caption_phrases(caption: str, morph: pymorphy3.MorphAnalyzer) -> list[str]:
    """Noun phrases of a caption as term lemmas: "Производство растительных и животных масел и
    жиров" -> ["растительный масло", "животный масло", "жир", ...]."""
    parses = [morph.parse(w)[0] for w in WORD.findall(caption)]
    phrases, adjectives = [], []
    for parse in parses:
        lemma = parse.normal_form
        if parse.tag.POS in ("ADJF", "PRTF"):
            adjectives.append(lemma)
        elif parse.tag.POS == "NOUN":
            if lemma not in ACTIVITY:
                phrases += [f"{a} {lemma}" for a in adjectives] or [lemma]
                if adjectives:
                    phrases.append(lemma)
            adjectives = []
        elif parse.tag.POS != "CONJ":
            adjectives = []
    return [p for p in dict.fromkeys(phrases) if len(p) > 2]


if __name__ == "__main__":
    sys.exit(main())
