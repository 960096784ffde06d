"""How annotated corpora tag a name headed by a kind noun ("торговый центр «Мега»",
"поезда ICE", "фестиваль «Кинотавр»"): ORG, another type, or nothing — the count that decides
whether a kind noun heads an organisation's name or a facility's, event's or product's.

For each occurrence of a kind noun (pymorphy3 lemmas, one or two words) followed by a name
(a quote, a capitalised or a Latin word), the gold entity over the name's first word is
looked up: the one starting at the name or at the kind noun. Gold only: the pipeline is not
run, so the count is the corpus's convention.

    python scripts/kind_noun_names.py ../shared/corpora/nerel/train.jsonl \\
        ../shared/corpora/factrueval/dev.jsonl --kinds "торговый центр,поезд,стадион"
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

WORD = re.compile(r"[\w][\w'-]*|[«\"„“]")
QUOTES = '«"„“'
DEFAULT_KINDS = (
    "торговый центр,торгово-развлекательный центр,бизнес-центр,аэропорт,стадион,арена,"
    "вокзал,станция,поезд,самолёт,корабль,фестиваль,турнир,чемпионат,форум,саммит,"
    "конференция,выставка,отель,гостиница,ресторан,клуб,кинотеатр,театр,музей,магазин,"
    "парк,завод,комбинат,порт,космодром,телеканал,журнал,газета"
)


_CACHE: dict[str, str] = {}
_MORPH: list = []


def lemmas(words: list[str]) -> list[str]:
    """The first pymorphy3 reading's lemma of each word, folded (ё -> е)."""
    if not _MORPH:
        import pymorphy3

        _MORPH.append(pymorphy3.MorphAnalyzer())
    out = []
    for w in words:
        key = w.lower()
        if key not in _CACHE:
            _CACHE[key] = _MORPH[0].parse(key)[0].normal_form.replace("ё", "е")
        out.append(_CACHE[key])
    return out


def name_start(text: str, tokens: list[re.Match], i: int) -> int | None:
    """Offset of the name after the kind noun ending at token i-1, if a name follows."""
    if i >= len(tokens):
        return None
    tok = tokens[i]
    if tok.group() in QUOTES:
        return tok.end() if i + 1 < len(tokens) else None
    word = tok.group()
    if word[:1].isupper() or re.match(r"[A-Za-z]", word):
        return tok.start()
    return None


def count(path: Path, kinds: list[tuple[str, ...]], show: int) -> None:
    tally: dict[str, Counter] = defaultdict(Counter)
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    for line in path.open(encoding="utf-8"):
        obj = json.loads(line)
        text = obj["text"]
        entities = [e for e in obj["entities"] if "start" in e]
        tokens = list(WORD.finditer(text))
        lem = lemmas([t.group() for t in tokens])
        for kind in kinds:
            n = len(kind)
            for i in range(len(tokens) - n):
                if tuple(lem[i : i + n]) != kind:
                    continue
                start = name_start(text, tokens, i + n)
                if start is None:
                    continue
                kind_start = tokens[i].start()
                over = [
                    e for e in entities if e["start"] in (start, kind_start) and e["end"] > start
                ]
                if over:
                    longest = max(over, key=lambda e: e["end"] - e["start"])
                    tag = longest["type"] + ("(ignored)" if longest.get("ignored_in_eval") else "")
                else:
                    tag = "untagged"
                label = " ".join(kind)
                tally[label][tag] += 1
                examples[(label, tag)].append(text[kind_start : start + 40].replace("\n", " "))
    print(f"## {path}")
    for label, counter in sorted(tally.items()):
        cells = ", ".join(f"{t} {c}" for t, c in counter.most_common())
        print(f"{label:32s} {sum(counter.values()):4d}: {cells}")
        for tag in counter:
            for ex in examples[(label, tag)][:show]:
                print(f"    {tag}: {ex}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", type=Path, nargs="+", help="NEREL or factRuEval JSONL")
    parser.add_argument("--kinds", default=DEFAULT_KINDS, help="comma-separated kind nouns")
    parser.add_argument("--show", type=int, default=0, help="examples per kind and tag")
    args = parser.parse_args()
    kinds = [tuple(lemmas(k.split())) for k in args.kinds.split(",") if k.strip()]
    for path in args.corpora:
        count(path, kinds, args.show)


if __name__ == "__main__":
    main()
