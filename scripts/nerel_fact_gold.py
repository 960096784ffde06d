"""Turn hand annotations of SECTOR_OF / DATE_OF / AMOUNT_OF on NEREL articles into the offset
gold corpora/gold/nerel_fact_relations.jsonl (ids + sha1 + offsets: no NEREL text in the repo),
checking every span against the text.

    python scripts/nerel_fact_gold.py --ann /tmp/factgold/ann --shared ../shared \
        --out corpora/gold/nerel_fact_relations.jsonl

`--pool` names another article list (source, id, sha1), e.g. a held-out slice written by
scripts/heldout_sector_slice.py; its sources may be any shared JSONL corpus with `id` and
`text` (NEREL, factRuEval). The annotations live outside the repository (they quote the text):
one `<doc id>.ann` file per article, written by a person reading the article under
docs/guideline.md (decisions 112-115), never from pipeline output. Lines:

    S <span text> [@N]                      a SECTOR mention (every one of the article)
    R <TYPE> ; <ARG TYPE> <span text> [@N] ; <ARG TYPE> <span text> [@N] [; note]
    # note      a hard case without a link, in the annotator's own words

`@N` picks the N-th occurrence of the span text in the article (default 1); an occurrence
inside a longer word is refused. Relation arguments become mentions too. Notes are the
annotator's own words about a hard case (no quoted text). `--show` prints each span in its
context, for checking the annotation by eye.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline.evaluation.offset_gold import TextRef, sha1, shared_texts
from pipeline.schema import FACT_RELATION_ENDS, FACT_RELATION_TYPES

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpora" / "gold" / "nerel_money_relations.jsonl"  # the article pool
TYPES = FACT_RELATION_TYPES
ARG_TYPES = {kind for head, tails in FACT_RELATION_ENDS.values() for kind in (head, *tails)}
SPAN = re.compile(r"^(?P<type>[A-Z]+) (?P<text>.+?)(?: @(?P<n>\d+))?$")
WORD = re.compile(r"\w")


class AnnotationError(ValueError):
    pass


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "type": self.type}


def locate(text: str, needle: str, n: int) -> tuple[int, int]:
    """Offsets of the n-th occurrence of `needle` that is not inside a longer word; a space in
    the needle matches any run of whitespace (NEREL texts hold no-break spaces in amounts)."""
    pattern = re.compile(r"\s+".join(re.escape(part) for part in needle.split()))
    found = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        inside = (start > 0 and WORD.match(text[start - 1]) and WORD.match(needle[0])) or (
            end < len(text) and WORD.match(text[end]) and WORD.match(needle[-1])
        )
        if not inside:
            found += 1
            if found == n:
                return start, end
    raise AnnotationError(f"{needle!r} @{n}: only {found} occurrence(s) in the text")


def parse_span(text: str, field: str, kind: str | None = None) -> Span:
    if kind is not None:
        field = f"{kind} {field}"
    match = SPAN.match(field.strip())
    if not match or match["type"] not in ARG_TYPES:
        raise AnnotationError(f"bad span {field!r}: expected 'TYPE text [@N]'")
    start, end = locate(text, match["text"], int(match["n"] or 1))
    return Span(start, end, match["type"])


def parse(text: str, lines: list[str]) -> tuple[list[Span], list[dict], list[str]]:
    mentions: dict[tuple[int, int, str], Span] = {}
    relations, notes = [], []
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        try:
            if line.startswith("#"):
                notes.append(line.lstrip("# ").strip())
                continue
            if not line:
                continue
            if line.startswith("S "):
                span = parse_span(text, line[2:], "SECTOR")
                mentions[(span.start, span.end, span.type)] = span
            elif line.startswith("R "):
                fields = [f.strip() for f in line[2:].split(";")]
                if len(fields) < 3 or fields[0] not in TYPES:
                    raise AnnotationError(f"expected 'R TYPE ; head ; tail [; note]': {line!r}")
                head, tail = parse_span(text, fields[1]), parse_span(text, fields[2])
                for span in (head, tail):
                    mentions[(span.start, span.end, span.type)] = span
                relation = {"type": fields[0], "head": head.as_dict(), "tail": tail.as_dict()}
                if len(fields) > 3 and fields[3]:
                    relation["note"] = ";".join(fields[3:]).strip()
                relations.append(relation)
            else:
                raise AnnotationError(f"unknown line {line!r}")
        except AnnotationError as exc:
            raise AnnotationError(f"line {number}: {exc}") from None
    ordered = sorted(mentions.values(), key=lambda s: (s.start, -s.end, s.type))
    return ordered, relations, [n for n in notes if n]


def build(ann: Path, shared: Path | None, pool_file: Path = GOLD) -> list[dict]:
    pool = {}
    for line in pool_file.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        pool[row["id"]] = row
    files = sorted(ann.glob("*.ann"))
    refs = []
    for file in files:
        row = pool.get(file.stem)
        if row is None:
            raise AnnotationError(f"{file.name}: {file.stem} is not in the pool {pool_file.name}")
        refs.append(TextRef(row["source"], row["id"], row["sha1"]))
    texts = shared_texts(pool_file, refs, shared)
    out = []
    for file, ref in zip(files, refs, strict=True):
        text = texts[(ref.source, ref.doc_id)]
        try:
            mentions, relations, notes = parse(text, file.read_text(encoding="utf-8").splitlines())
        except AnnotationError as exc:
            raise AnnotationError(f"{file.name}: {exc}") from None
        out.append(
            {
                "source": ref.source,
                "id": ref.doc_id,
                "sha1": sha1(text),
                "mentions": [m.as_dict() for m in mentions],
                "relations": relations,
                **({"notes": notes} if notes else {}),
            }
        )
    return out


def show(rows: list[dict], shared: Path | None, pool_file: Path = GOLD) -> None:
    refs = [TextRef(r["source"], r["id"], r["sha1"]) for r in rows]
    texts = shared_texts(pool_file, refs, shared)
    for row in rows:
        text = texts[(row["source"], row["id"])]
        print(f"== {row['id']}")
        for r in row["relations"]:
            h, t = r["head"], r["tail"]
            print(
                f"  {r['type']}: {text[h['start'] : h['end']]!r} -> {text[t['start'] : t['end']]!r}"
                f"   ...{text[max(0, t['start'] - 40) : t['end'] + 20]!r}"
            )
        sectors = [text[m["start"] : m["end"]] for m in row["mentions"] if m["type"] == "SECTOR"]
        print(f"  SECTOR: {sectors}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ann", type=Path, required=True, help="folder of <doc id>.ann files")
    parser.add_argument("--shared", type=Path, default=None, help="shared folder (../shared)")
    parser.add_argument("--out", type=Path, help="gold JSONL to write")
    parser.add_argument("--show", action="store_true", help="print each span in context")
    parser.add_argument(
        "--pool", type=Path, default=GOLD, help="JSONL of the articles (source, id, sha1)"
    )
    args = parser.parse_args()
    try:
        rows = build(args.ann, args.shared, args.pool)
    except AnnotationError as exc:
        sys.exit(f"error: {exc}")
    if args.show:
        show(rows, args.shared, args.pool)
    if args.out:
        body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        args.out.write_text(body, encoding="utf-8")
    counts = {t: sum(r["type"] == t for row in rows for r in row["relations"]) for t in TYPES}
    print(f"{len(rows)} articles, relations {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
