"""Check the tokenizer's fast paths against razdel itself on whole corpora, and compare the
tokenizer's Docs (words, spaces, sentence starts) between two trees.

    python scripts/tokenizer_check.py                       # fast paths vs razdel
    python scripts/tokenizer_check.py --dump /tmp/a.json    # this tree's Doc arrays
    python scripts/tokenizer_check.py --compare /tmp/a.json /tmp/b.json

The default check: pipeline.stages.razdel_fast's token spans and sentence starts against
razdel.tokenize and razdel.sentenize, the tokenizer's like_url against spaCy's on every word,
and the tokenizer's Doc against the same tokenizer run on razdel's own functions. The dump
reads only nlp.make_doc, so it runs on an older tree too (PYTHONPATH=<old tree>).

Default corpora: the seed article (corpora/articles), and when ../shared is there NEREL
train + dev and factRuEval dev, read through pipeline.reader as `extract` reads them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from unittest import mock

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parents[1]


def texts() -> list[tuple[str, str]]:
    """(doc_id, text) of every default corpus document."""
    from pipeline.config import shared_dir
    from pipeline.reader import read_documents

    inputs = sorted((ROOT / "corpora" / "articles").glob("*.txt"))
    corpora = shared_dir() / "corpora"
    inputs += [corpora / "nerel" / f"{part}.jsonl" for part in ("dev", "train")]
    inputs.append(corpora / "factrueval" / "dev.jsonl")
    return [(d.doc_id, d.text) for path in inputs if path.exists() for d in read_documents(path)]


def doc_arrays(nlp: Language, text: str) -> list[list]:
    doc = nlp.make_doc(text)
    return [
        [t.text for t in doc],
        [bool(t.whitespace_) for t in doc],
        [t.is_sent_start for t in doc],
    ]


def blank_nlp() -> Language:
    import spacy

    from pipeline.stages import tokenizer  # noqa: F401 (registers razdel_tokenizer)

    return spacy.blank("ru", config={"nlp": {"tokenizer": {"@tokenizers": "razdel_tokenizer"}}})


def razdel_token_spans(text: str) -> list[tuple[int, int]]:
    from razdel import tokenize

    return [(token.start, token.stop) for token in tokenize(text)]


def razdel_sentence_starts(text: str) -> set[int]:
    from razdel import sentenize

    return {sentence.start for sentence in sentenize(text)}


def check(documents: list[tuple[str, str]]) -> int:
    from spacy.lang.lex_attrs import like_url as spacy_like_url

    from pipeline.stages import tokenizer
    from pipeline.stages.razdel_fast import sentence_starts, token_spans

    nlp = blank_nlp()
    differ: dict[str, list[str]] = {"tokens": [], "sentences": [], "like_url": [], "doc": []}
    for doc_id, text in documents:
        if token_spans(text) != razdel_token_spans(text):
            differ["tokens"].append(doc_id)
        if sentence_starts(text) != razdel_sentence_starts(text):
            differ["sentences"].append(doc_id)
        fast = doc_arrays(nlp, text)
        if any(tokenizer.like_url(w) != spacy_like_url(w) for w in fast[0]):
            differ["like_url"].append(doc_id)
        with (
            mock.patch.object(tokenizer, "token_spans", razdel_token_spans),
            mock.patch.object(tokenizer, "sentence_starts", razdel_sentence_starts),
        ):
            if doc_arrays(nlp, text) != fast:
                differ["doc"].append(doc_id)
    print(f"{len(documents)} texts;", ", ".join(f"{k} differ {len(v)}" for k, v in differ.items()))
    for name, ids in differ.items():
        if ids:
            print(name, ids[:10])
    return 1 if any(differ.values()) else 0


def compare(before: Path, after: Path) -> int:
    old = json.loads(before.read_text("utf-8"))
    new = json.loads(after.read_text("utf-8"))
    differ = [doc_id for doc_id in old if old[doc_id] != new.get(doc_id)]
    differ += [doc_id for doc_id in new if doc_id not in old]
    print(f"{len(old)} vs {len(new)} texts; {len(differ)} differ", differ[:10])
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dump", type=Path, help="write this tree's Doc arrays here")
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    documents = texts()
    if args.dump:
        nlp = blank_nlp()
        arrays = {
            f"{i}:{doc_id}": doc_arrays(nlp, text) for i, (doc_id, text) in enumerate(documents)
        }
        args.dump.write_text(json.dumps(arrays, ensure_ascii=False), "utf-8")
        print(len(arrays), "texts ->", args.dump)
        return 0
    return check(documents)


if __name__ == "__main__":
    sys.exit(main())
