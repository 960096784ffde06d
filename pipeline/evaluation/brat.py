"""BRAT standoff (`name.txt` + `name.ann`), the export format of most annotation tools.

Entity lines `T1<TAB>TYPE start end<TAB>text` give spans; attribute lines `A1<TAB>name T1 value`
give our attributes (kind, qualifier, timex, ...). Types are ours (ORG, AMOUNT, ...) or NEREL's /
factRuEval's names, mapped as for those corpora. Relation lines `R1<TAB>TYPE Arg1:T1 Arg2:T2`
of the relation types this project scores are read; events and notes are not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import InputError
from pipeline.evaluation.corpora import FACTRUEVAL, NEREL
from pipeline.evaluation.gold import check_attribute
from pipeline.evaluation.model import (
    ATTRIBUTE_FIELDS,
    Document,
    GoldCorpus,
    Mention,
    Relation,
    present_types,
)
from pipeline.evaluation.relations import link
from pipeline.evaluation.sources import check_span
from pipeline.schema import MENTION_COLUMNS, MENTION_TYPES, RELATION_TYPES

_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


@dataclass
class _Entity:
    line: int
    type: str
    start: int
    end: int
    kind: str | None
    discontinuous: bool
    text: str
    attrs: dict[str, Any] = field(default_factory=dict)


def _map_type(name: str) -> tuple[str, str | None] | None:
    if name in MENTION_TYPES:
        return name, None
    return NEREL.types.get(name) or FACTRUEVAL.types.get(name)


def load_brat(path: str | Path) -> GoldCorpus:
    """A folder of .ann/.txt pairs, or one .ann (or .txt) file with its partner beside it."""
    path = Path(path)
    if path.is_dir():
        anns = sorted(path.rglob("*.ann"))
        if not anns:
            raise InputError(path, "no .ann files in this folder")
    elif path.suffix in (".ann", ".txt") and path.exists():
        anns = [path.with_suffix(".ann")]
    else:
        raise InputError(path, "expected a folder of BRAT .ann/.txt files or one .ann file")
    documents: list[Document] = []
    unmapped: set[str] = set()
    nerel_amounts = False
    for ann in anns:
        doc, skipped, from_nerel = _load_pair(ann)
        documents.append(doc)
        unmapped |= skipped
        nerel_amounts |= from_nerel
    seen_relations = {r.type for d in documents for r in d.relations}
    corpus = GoldCorpus(
        path=str(path),
        format="brat",
        documents=documents,
        types=present_types(documents, MENTION_TYPES),
        relation_types=tuple(t for t in RELATION_TYPES if t in seen_relations),
        # NEREL's MONEY/PERCENT carry no counts, whichever file format they come in.
        scored_kinds=dict(NEREL.scored_kinds) if nerel_amounts else {},
    )
    if unmapped:
        corpus.warnings.append(f"BRAT types not scored: {', '.join(sorted(unmapped))}")
    return corpus


def _load_pair(ann: Path) -> tuple[Document, set[str], bool]:
    txt = ann.with_suffix(".txt")
    # newline="" keeps "\r\n" as two characters: BRAT offsets count the file as stored.
    text = _read(txt)
    # Not splitlines(): it also splits on U+2028 and friends, which may sit in span texts.
    lines = [raw.rstrip("\r") for raw in _read(ann).split("\n")]
    entities: dict[str, _Entity] = {}
    unmapped: set[str] = set()
    relation_lines: list[tuple[int, str]] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        if raw.startswith("T"):
            ident, entity = _parse_entity(ann, number, raw, text)
            if entity is None:
                unmapped.add(raw.split("\t")[1].split(" ")[0])
                continue
            if ident in entities:
                raise InputError(ann, f"entity {ident} defined twice", line=number)
            entities[ident] = entity
        elif raw.startswith("A") or raw.startswith("M"):
            _parse_attribute(ann, number, raw, entities)
        elif raw.startswith("R"):
            relation_lines.append((number, raw))
    doc = Document(doc_id=ann.stem, text=text)
    seen: set[tuple[int, int, str, bool]] = set()
    nerel_amounts = False
    for entity in entities.values():
        key = (entity.start, entity.end, entity.type, entity.discontinuous)
        if key in seen:
            continue
        seen.add(key)
        attrs = dict(entity.attrs)
        if entity.kind:
            attrs.setdefault("kind", entity.kind)
            nerel_amounts = True
        mention = Mention(doc.doc_id, entity.start, entity.end, entity.type, attrs, entity.text)
        (doc.ignored if entity.discontinuous else doc.gold).append(mention)
    doc.relations = _relations(ann, doc.doc_id, relation_lines, entities)
    return doc, unmapped, nerel_amounts


def _relations(
    ann: Path, doc_id: str, lines: list[tuple[int, str]], entities: dict[str, _Entity]
) -> list[Relation]:
    mentions = {
        ident: Mention(doc_id, e.start, e.end, e.type)
        for ident, e in entities.items()
        if not e.discontinuous
    }
    records = []
    for number, raw in lines:
        fields = raw.split("\t")
        parts = fields[1].split() if len(fields) > 1 else []
        args = dict(p.split(":", 1) for p in parts[1:] if ":" in p)
        if not parts or "Arg1" not in args or "Arg2" not in args:
            raise InputError(ann, "relation line needs TYPE Arg1:T.. Arg2:T..", line=number)
        records.append({"type": parts[0], "head": args["Arg1"], "tail": args["Arg2"]})
    return link(doc_id, records, mentions, RELATION_TYPES, (ann, None))


def _read(path: Path) -> str:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except FileNotFoundError:
        raise InputError(path, "missing (BRAT needs both .txt and .ann)") from None
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8: {exc.reason} at byte {exc.start}") from None


def _parse_entity(ann: Path, number: int, raw: str, text: str) -> tuple[str, _Entity | None]:
    parts = raw.split("\t")
    if len(parts) < 2 or " " not in parts[1]:
        raise InputError(
            ann, "expected 'T<n><TAB>TYPE start end<TAB>text' on an entity line", line=number
        )
    ident = parts[0]
    name, _, offsets = parts[1].partition(" ")
    fragments: list[tuple[int, int]] = []
    for fragment in offsets.split(";"):
        bounds = fragment.split()
        if len(bounds) != 2 or not all(b.isdigit() for b in bounds):
            raise InputError(ann, f"entity {ident}: bad offsets {offsets!r}", line=number)
        fragments.append((int(bounds[0]), int(bounds[1])))
    start, end = fragments[0][0], fragments[-1][1]
    for a, b in fragments:
        check_span(ann, number, f"entity {ident}", text, a, b, None)
    stated = parts[2] if len(parts) > 2 else None
    if len(fragments) == 1:
        check_span(ann, number, f"entity {ident}", text, start, end, stated)
    mapped = _map_type(name)
    if mapped is None:
        return ident, None
    our_type, kind = mapped
    entity = _Entity(number, our_type, start, end, kind, len(fragments) > 1, text[start:end])
    return ident, entity


def _parse_attribute(ann: Path, number: int, raw: str, entities: dict[str, _Entity]) -> None:
    parts = raw.split("\t")
    fields = parts[1].split() if len(parts) > 1 else []
    if len(fields) not in (2, 3):
        raise InputError(
            ann, "expected 'A<n><TAB>name T<n> [value]' on an attribute line", line=number
        )
    name, target = fields[0], fields[1]
    entity = entities.get(target)
    if entity is None or name not in ATTRIBUTE_FIELDS[entity.type]:
        return  # an unmapped entity's attribute, or one we don't score
    where = f"attribute {parts[0]} field '{name}'"
    value: Any = fields[2] if len(fields) == 3 else True  # a binary attribute is a flag
    dtype = MENTION_COLUMNS[name]
    if dtype == "Float64" and isinstance(value, str):
        try:
            value = float(value.replace(",", "."))
        except ValueError:
            raise InputError(
                ann, f"{where}: expected a number, got {value!r}", line=number
            ) from None
    elif dtype == "boolean" and isinstance(value, str):
        if value.lower() not in _TRUE | _FALSE:
            raise InputError(ann, f"{where}: expected true or false, got {value!r}", line=number)
        value = value.lower() in _TRUE
    entity.attrs[name] = check_attribute(ann, number, where, name, value)
