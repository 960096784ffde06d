"""A second, blind annotation of a slice of the fact gold and the agreement between the two.

    python scripts/fact_agreement.py slice               # the 40 document ids of the slice
    python scripts/fact_agreement.py agree               # agreement table (offsets only)
    python scripts/fact_agreement.py agree --diff --shared ../shared   # + each disagreement
    python scripts/fact_agreement.py subset --out /tmp/first40.jsonl   # the first gold on
        the slice, for `python -m pipeline evaluate --gold /tmp/first40.jsonl`

`slice` draws a reproducible random sample (seed SEED) of SLICE ids from the 128 NEREL money
articles (corpora/gold/nerel_money_relations.jsonl, ids sorted first, so the draw does not
depend on file order). The second annotator annotates those articles by hand under
docs/guideline.md (decisions 112-115) without seeing the first annotation or any pipeline
output, in `S`/`R` files outside the repository, and scripts/nerel_fact_gold.py turns them into
corpora/gold/nerel_fact_relations_second.jsonl (ids + sha1 + offsets).

`agree` scores the second annotation against the first on the slice's documents, the first as
reference: per relation type P/R/F1 (pairwise F1 agreement), strict (same offsets) and with
given mentions (relations whose two arguments the other annotator also marked, partial
overlap), and SECTOR mention agreement (strict and partial). `--diff` prints each
disagreement with its words to the terminal (NEREL text: nothing is stored). A type neither
annotation has gets "—" for P/R/F1 (agreement undefined, not 0).

Any two files of this offset format compare the same way, e.g. the two blind annotations of
held-out slice 3 (factRuEval dev, `scripts/heldout_sector_slice.py --slice 3`):

    python scripts/fact_agreement.py agree --first corpora/gold/factrueval_heldout3.jsonl \
        --second corpora/gold/factrueval_heldout3_second.jsonl [--diff --shared ../shared]

Every document of the second file must be in the first, on the same text (sha1); documents of
the first that the second lacks are left out and counted in the output.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.schema import FACT_RELATION_TYPES

ROOT = Path(__file__).resolve().parents[1]
POOL = ROOT / "corpora" / "gold" / "nerel_money_relations.jsonl"
FIRST = ROOT / "corpora" / "gold" / "nerel_fact_relations.jsonl"
SECOND = ROOT / "corpora" / "gold" / "nerel_fact_relations_second.jsonl"
SEED = 20261130
SLICE = 40
TYPES = FACT_RELATION_TYPES


def pool_ids(pool: Path = POOL) -> list[str]:
    """The ids of the NEREL money articles, sorted."""
    lines = pool.read_text(encoding="utf-8").splitlines()
    return sorted(json.loads(line)["id"] for line in lines if line.strip())


def slice_ids(ids: Iterable[str], size: int = SLICE, seed: int = SEED) -> list[str]:
    """A seeded sample of `size` ids, returned sorted."""
    ordered = sorted(ids)
    if size > len(ordered):
        raise ValueError(f"slice of {size} from {len(ordered)} documents")
    return sorted(random.Random(seed).sample(ordered, size))


Arg = tuple[int, int, str]
Link = tuple[str, Arg, Arg]


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self, name: str) -> str:
        counts = f"| {name} | {self.tp + self.fn} | {self.tp + self.fp} | {self.tp} |"
        if not self.tp + self.fp + self.fn:
            return f"{counts} — | — | — |"
        return f"{counts} {self.precision:.3f} | {self.recall:.3f} | {self.f1:.3f} |"


@dataclass
class Annotation:
    """One annotator's record of a document: its SECTOR mentions, its relation arguments and
    its links (offsets only)."""

    doc_id: str
    sha1: str
    sectors: set[Arg] = field(default_factory=set)
    arguments: set[Arg] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)


def _arg(record: dict) -> Arg:
    return int(record["start"]), int(record["end"]), str(record["type"])


def load(path: Path) -> dict[str, Annotation]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        ann = Annotation(row["id"], row["sha1"])
        for m in row.get("mentions", []):
            ann.arguments.add(_arg(m))
            if m["type"] == "SECTOR":
                ann.sectors.add(_arg(m))
        for r in row.get("relations", []):
            ann.links.append((r["type"], _arg(r["head"]), _arg(r["tail"])))
        out[row["id"]] = ann
    return out


class AgreementError(ValueError):
    """Two annotation files that cannot be compared (the message names the file)."""


def compare(first_path: Path, second_path: Path) -> tuple[dict[str, Tally], int, int]:
    """Tallies of `agreement` over two offset files, how many documents were compared and how
    many of the first the second lacks (left out). Refuses a second file with a document the
    first lacks or annotated on another text."""
    for path in (first_path, second_path):
        if not path.exists():
            raise AgreementError(f"{path}: no such gold file")
    first, second = load(first_path), load(second_path)
    missing = sorted(set(second) - set(first))
    if missing:
        raise AgreementError(f"{second_path}: documents not in the first annotation: {missing[:3]}")
    for doc_id, b in second.items():
        if first[doc_id].sha1 != b.sha1:
            raise AgreementError(f"{second_path}: {doc_id} annotated on another text (sha1)")
    return agreement(first, second), len(second), len(set(first) - set(second))


def _overlap(a: Arg, b: Arg) -> bool:
    return a[2] == b[2] and a[0] < b[1] and b[0] < a[1]


def _match(reference: list, other: list, same) -> int:
    """Greedy one-to-one matches, exact pairs first."""
    used, hits = set(), 0
    for exact in (True, False):
        for i, item in enumerate(reference):
            if ("r", i) in used:
                continue
            for j, cand in enumerate(other):
                if ("o", j) not in used and same(item, cand, exact):
                    used |= {("r", i), ("o", j)}
                    hits += 1
                    break
    return hits


def _same_link(a: Link, b: Link, exact: bool) -> bool:
    if a[0] != b[0]:
        return False
    if exact:
        return a[1] == b[1] and a[2] == b[2]
    return _overlap(a[1], b[1]) and _overlap(a[2], b[2])


def _same_arg(a: Arg, b: Arg, exact: bool) -> bool:
    return a == b if exact else _overlap(a, b)


def _marked(link: Link, arguments: set[Arg]) -> bool:
    return all(any(_overlap(end, m) for m in arguments) for end in link[1:])


def agreement(first: dict[str, Annotation], second: dict[str, Annotation]) -> dict[str, Tally]:
    """Tallies keyed "<TYPE> <mode>" (modes strict, partial, given) and "SECTOR strict/partial"
    over the documents of `second`, `first` the reference."""
    tallies: dict[str, Tally] = {}
    for doc_id, b in second.items():
        a = first[doc_id]
        for kind in TYPES:
            ref = [x for x in a.links if x[0] == kind]
            pred = [x for x in b.links if x[0] == kind]
            _score(tallies, f"{kind} strict", ref, pred, _same_link, strict=True)
            _score(tallies, f"{kind} partial", ref, pred, _same_link, strict=False)
            ref_g = [x for x in ref if _marked(x, b.arguments)]
            pred_g = [x for x in pred if _marked(x, a.arguments)]
            _score(tallies, f"{kind} given", ref_g, pred_g, _same_link, strict=False)
        _score(tallies, "SECTOR strict", sorted(a.sectors), sorted(b.sectors), _same_arg, True)
        _score(tallies, "SECTOR partial", sorted(a.sectors), sorted(b.sectors), _same_arg, False)
    return tallies


def _score(tallies: dict[str, Tally], key: str, ref: list, pred: list, same, strict: bool) -> None:
    hits = _match(ref, pred, lambda a, b, exact: (exact or not strict) and same(a, b, exact))
    t = tallies.setdefault(key, Tally())
    t.tp += hits
    t.fn += len(ref) - hits
    t.fp += len(pred) - hits


def table(tallies: dict[str, Tally]) -> str:
    lines = [
        "| type, mode | first | second | both | P | R | F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for key in sorted(tallies, key=_order):
        lines.append(tallies[key].row(key))
    return "\n".join(lines)


def _order(key: str) -> tuple[int, int]:
    kind, mode = key.split()
    kinds = [*TYPES, "SECTOR"]
    return kinds.index(kind), ["strict", "partial", "given"].index(mode)


def disagreements(first: Annotation, second: Annotation) -> list[tuple[str, str, tuple]]:
    """(who has it, what, item) for every link and SECTOR mention one annotation has and the
    other has not (exact offsets)."""
    out = []
    for who, mine, other in (("first", first, second), ("second", second, first)):
        out += [(who, "link", x) for x in sorted(set(mine.links) - set(other.links))]
        out += [(who, "SECTOR", x) for x in sorted(mine.sectors - other.sectors)]
    return out


def print_diff(
    first: dict[str, Annotation],
    second: dict[str, Annotation],
    shared: Path | None,
    first_path: Path = FIRST,
) -> None:
    from pipeline.evaluation.offset_gold import TextRef, shared_texts

    refs = {d: TextRef(_source(first_path, d), d, b.sha1) for d, b in second.items()}
    texts = shared_texts(first_path, refs.values(), shared)
    for doc_id in sorted(second):
        text = texts[(refs[doc_id].source, doc_id)]
        for who, what, item in disagreements(first[doc_id], second[doc_id]):
            if what == "link":
                kind, head, tail = item
                words = f"{kind} {text[head[0] : head[1]]!r} -> {text[tail[0] : tail[1]]!r}"
            else:
                words = f"SECTOR {text[item[0] : item[1]]!r}"
            print(f"{doc_id}\t{who} only\t{words}")


def _source(path: Path, doc_id: str) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["id"] == doc_id:
            return row["source"]
    raise KeyError(doc_id)


def subset(path: Path, ids: set[str]) -> list[str]:
    """The lines of a gold JSONL whose documents are in `ids`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and json.loads(line)["id"] in ids]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("slice", help="print the slice's document ids")
    agree = sub.add_parser("agree", help="agreement of the second annotation with the first")
    agree.add_argument("--first", type=Path, default=FIRST)
    agree.add_argument("--second", type=Path, default=SECOND)
    agree.add_argument("--diff", action="store_true", help="print each disagreement's words")
    agree.add_argument("--shared", type=Path, default=None, help="shared folder (../shared)")
    part = sub.add_parser("subset", help="write the first gold's records of the slice")
    part.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.command == "slice":
        print("\n".join(slice_ids(pool_ids())))
        return
    if args.command == "subset":
        lines = subset(FIRST, set(slice_ids(pool_ids())))
        args.out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        print(f"{len(lines)} documents -> {args.out}", file=sys.stderr)
        return
    try:
        tallies, compared, left_out = compare(args.first, args.second)
    except AgreementError as exc:
        sys.exit(f"error: {exc}")
    print(f"{compared} documents" + (f" ({left_out} of the first left out)" if left_out else ""))
    print(table(tallies))
    if args.diff:
        print_diff(load(args.first), load(args.second), args.shared, args.first)


if __name__ == "__main__":
    main()
