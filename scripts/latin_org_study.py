"""How often a lowercase kind noun followed directly by an unquoted Latin-script name is an
ORG in a gold corpus, and how often a predictions table misses it (guideline 142-143).

    python scripts/latin_org_study.py ../shared/corpora/nerel/dev.jsonl \
        [--pred /tmp/x/predictions.parquet] [--show]

Counts per kind-noun lemma: candidates (kind noun + Latin run), gold ORG with exactly the
run's bounds, gold ORG overlapping it with other bounds, other gold types on the run
(PRODUCT, PERSON, ...), no gold; with --pred also how many gold ORGs the table misses.
Candidates are found with razdel and pymorphy3 only (no pipeline run), over every noun
lemma, so the table shows which kind nouns agree across corpora. Prints to the terminal
only; --show prints the candidate's words (corpus text: nothing is stored).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

ORG_TYPES = {"ORGANIZATION", "Org"}
ROOT = Path(__file__).resolve().parents[1]


def rule_kinds() -> frozenset[str]:
    """The kind-noun lemmas org_rules uses (names.toml quoted_name_heads + orgs.toml
    [latin_names] heads)."""
    from pipeline.stages.rules.base import load_lexicon
    from pipeline.stages.rules.lexicon import lemma_set

    names = load_lexicon(ROOT / "configs" / "lexicons" / "names.toml")
    orgs = load_lexicon(ROOT / "configs" / "lexicons" / "orgs.toml")
    return lemma_set(names["org"]["quoted_name_heads"]) | lemma_set(orgs["latin_names"]["heads"])


def latin_run(text: str, tokens: list, k: int) -> int:
    """End index (exclusive) of the Latin name starting at token k, or k when none."""
    from pipeline.stages.rules.latin_names import latin_name_end

    lo, hi = k, min(len(tokens), k + 8)
    words = [t.text for t in tokens[lo:hi]]
    glued = [j > lo and tokens[j].start == tokens[j - 1].stop for j in range(lo, hi)]
    end = latin_name_end(words, glued, 0)
    for j in range(1, end):  # a line break ends the name
        if "\n" in text[tokens[lo + j - 1].stop : tokens[lo + j].start]:
            return lo + j
    return lo + end


def study(path: Path, pred: Path | None, show: bool, kinds: frozenset[str] | None) -> None:
    import pymorphy3
    from razdel import tokenize

    morph = pymorphy3.MorphAnalyzer()
    predicted: dict[str, set] = defaultdict(set)
    if pred is not None:
        import pandas as pd

        frame = pd.read_parquet(pred)
        for row in frame.itertuples():
            predicted[str(row.doc_id)].add((row.start, row.end, row.type))
    table: dict[str, Counter] = defaultdict(Counter)
    lemma_cache: dict[str, str | None] = {}
    for line in path.open(encoding="utf-8"):
        doc = json.loads(line)
        text, ents = doc["text"], doc["entities"]
        tokens = list(tokenize(text))
        for k in range(1, len(tokens)):
            word = tokens[k - 1].text
            if not (word.isalpha() and word.islower() and "а" <= word[0] <= "я"):
                continue
            end = latin_run(text, tokens, k)
            if end == k:
                continue
            if word not in lemma_cache:
                p = morph.parse(word)[0]
                lemma_cache[word] = p.normal_form if p.tag.POS == "NOUN" else None
            lemma = lemma_cache[word]
            if lemma is None or (kinds is not None and lemma not in kinds):
                continue
            a, b = tokens[k].start, tokens[end - 1].stop
            exact = [e for e in ents if (e["start"], e["end"]) == (a, b)]
            over = [e for e in ents if e["start"] < b and a < e["end"]]
            c = table[lemma]
            c["cand"] += 1
            pred_here = [t for s, e, t in predicted[str(doc["id"])] if s < b and a < e]
            found = (a, b, "ORG") in predicted[str(doc["id"])]
            if any(e["type"] in ORG_TYPES for e in exact):
                c["org"] += 1
                if pred is not None and not found:
                    c["missed"] += 1
                kind = "ORG"
            elif any(e["type"] in ORG_TYPES for e in over):
                c["org_other_bounds"] += 1
                kind = "ORG~"
            elif exact or over:
                kind = (exact or over)[0]["type"]
                c["other:" + kind] += 1
            else:
                c["none"] += 1
                kind = "-"
            if show:
                mark = "found" if found else ",".join(pred_here) or "-"
                print(f"{lemma:14} {kind:10} pred {mark:8} {word} {text[a:b]!r}")
    print(f"{path}")
    for lemma, c in sorted(table.items(), key=lambda x: -x[1]["cand"]):
        rest = {k: v for k, v in c.items() if k not in ("cand", "org", "missed")}
        print(f"  {lemma:16} cand {c['cand']:3} org {c['org']:3} missed {c['missed']:3} {rest}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--pred", type=Path)
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--rule-kinds", action="store_true", help="only the rule's kind nouns")
    args = parser.parse_args()
    study(args.corpus, args.pred, args.show, rule_kinds() if args.rule_kinds else None)


if __name__ == "__main__":
    main()
