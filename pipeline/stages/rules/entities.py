"""Entity ids: mentions of one organisation, person or place within a document share an id.

Links made: the same name in any case (by lemmas); a surname or a first name with patronymic to
the full name that contains it; an abbreviation to the name whose initials it spells ("ДЦАЯ" ->
"Диалог «Центральная Азия + Япония»"); a bare quoted name to the name that quotes it; a name
in brackets to the name right before them (organisations and persons).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from pipeline.extensions import set_span_attrs, span_attrs
from pipeline.stages.morphology import choose_parse
from pipeline.stages.rules.lexicon import token_lemma

# Where org_rules leaves the start offsets of organisation units (guideline 94): the quoted
# name inside "совет директоров «Вектора»" is the parent's, not the unit's own name.
UNITS_KEY = "org_rules.units"


def _words(span: Span) -> list:
    return [t for t in span if t.is_alpha or "-" in t.text and not t.is_punct]


def _key(span: Span) -> tuple[str, ...]:
    return tuple(token_lemma(t) for t in _words(span))


def _is_patronymic(token) -> bool:
    parse = choose_parse(token.text, token.pos_, token.morph.to_dict())
    return parse is not None and "Patr" in parse.tag


@dataclass(frozen=True, eq=False)
class Name:
    """What linking needs of one mention, taken from its tokens once: a document cut into
    pieces links the names of all its pieces together (pipeline/pieces.py)."""

    label: str
    key: tuple[str, ...]
    length: int  # characters of its text: the longest mention of a key names the entity
    entity_text: str  # the id's text (normal form, lower case)
    core: frozenset[str] = frozenset()  # PER: lemmas that must occur in a full name
    initials: frozenset[str] = frozenset()  # ORG of more than one word
    upper_text: str | None = None  # ORG written in capitals: an abbreviation candidate
    quoted: tuple[str, ...] | None = None  # ORG: key of the «quoted» part


def _entity_id(name: Name) -> str:
    return f"{name.label}:{name.entity_text}"


def name_of(span: Span) -> Name:
    label = span.label_
    key = _key(span)
    text = span.text
    common = {"label": label, "key": key, "length": len(text)}
    (normal,) = span_attrs(span, ("normal",))
    common["entity_text"] = (normal or text).lower()
    if label == "PER":
        core = frozenset(token_lemma(t) for t in _words(span) if not _is_patronymic(t))
        return Name(**common, core=core)
    if label == "ORG":
        initials = frozenset(_initials(span)) if len(_words(span)) > 1 else frozenset()
        upper = text if text.isupper() else None
        return Name(**common, initials=initials, upper_text=upper, quoted=_quoted_key(span))
    return Name(**common)


def _canonical(names: Sequence[Name]) -> dict[tuple, Name]:
    """For each lemma key, its longest mention: the name that gives the entity its id."""
    by_key: dict[tuple, Name] = {}
    for name in names:
        if name.key not in by_key or name.length > by_key[name.key].length:
            by_key[name.key] = name
    return by_key


def _link_persons(names: Sequence[Name], brackets: dict[tuple, tuple]) -> list[str]:
    canon = _canonical(names)
    owners_of = FullNameIndex(k for k in canon if len(k) > 1)
    ids = []
    for name in names:
        # A short form links only when exactly one full name contains it.
        owners = owners_of(name.core, name.key)
        target = canon[owners[0]] if len(owners) == 1 else canon[name.key]
        if name.key in brackets:
            target = canon[brackets[name.key]]
        ids.append(_entity_id(target))
    return ids


class FullNameIndex:
    """The full names (lemma keys, in order) that contain every lemma of a short form, found
    through the full names of its rarest lemma instead of through all of them: linear in the
    number of persons of a long document, where comparing every pair was quadratic."""

    def __init__(self, keys: Iterable[tuple[str, ...]]) -> None:
        self.by_lemma: dict[str, list[tuple[str, ...]]] = {}
        for key in keys:
            for lemma in dict.fromkeys(key):
                self.by_lemma.setdefault(lemma, []).append(key)

    def __call__(self, core: Iterable[str], key: tuple[str, ...]) -> list[tuple[str, ...]]:
        core = set(core)
        if not core:
            return []
        rarest = min(core, key=lambda lemma: len(self.by_lemma.get(lemma, ())))
        return [k for k in self.by_lemma.get(rarest, ()) if k != key and core <= set(k)]


def _initials(span: Span) -> set[str]:
    """Abbreviations a name can have: of its capitalised words, or of all its content words."""
    words = _words(span)
    capitals = "".join(t.text[0] for t in words if t.text[0].isupper())
    content = "".join(t.text[0].upper() for t in words if t.pos_ not in ("ADP", "CCONJ"))
    return {capitals, content}


def _quoted_key(span: Span) -> tuple[str, ...] | None:
    if span.start_char in span.doc.user_data.get(UNITS_KEY, ()):
        return None
    texts = [t.text for t in span]
    if "«" in texts and "»" in texts:
        inner = span.doc[span.start + texts.index("«") + 1 : span.start + texts.index("»")]
        return _key(inner)
    return None


def bracketed(spans: list[Span]) -> dict[tuple, tuple]:
    """ "Name (ABBR)", "ABBR (Name)", "Иван Сомов (Ivan Somov)": the mention in brackets is the
    same entity as the one right before them; the one with more words (else the first) gives
    the id. Returned as short key -> full key."""
    starts: dict[int, list[Span]] = {}
    for span in spans:
        starts.setdefault(span.start, []).append(span)
    pairs: dict[tuple, tuple] = {}
    for span in spans:
        doc, after = span.doc, span.end
        if after + 1 >= len(doc) or doc[after].text != "(":
            continue
        for inner in starts.get(after + 1, []):
            if inner.end == len(doc) or doc[inner.end].text == ")":
                longer = len(_words(inner)) > len(_words(span))
                short, full = (span, inner) if longer else (inner, span)
                pairs[_key(short)] = _key(full)
    return pairs


def _link_orgs(names: Sequence[Name], brackets: dict[tuple, tuple]) -> list[str]:
    canon = _canonical(names)
    by_initials = {i: n for n in canon.values() for i in n.initials}
    by_quoted = {n.quoted: n for n in canon.values() if n.quoted}
    ids = []
    for name in names:
        key = name.key
        target = canon[key]
        if key in brackets:
            target = canon[brackets[key]]
        elif name.upper_text is not None and name.upper_text in by_initials:
            target = by_initials[name.upper_text]
        elif key in by_quoted and by_quoted[key] is not target:
            target = by_quoted[key]
        ids.append(_entity_id(target))
    return ids


def _link_places(names: Sequence[Name], brackets: dict[tuple, tuple]) -> list[str]:
    canon = _canonical(names)
    return [_entity_id(canon[name.key]) for name in names]


def link_names(label: str, names: Sequence[Name], brackets: dict[tuple, tuple]) -> list[str]:
    """The entity id of each name of one type (names in document order; brackets: short key
    -> full key pairs of persons or organisations)."""
    link = {"PER": _link_persons, "ORG": _link_orgs, "LOC": _link_places}[label]
    return link(names, brackets)


def doc_names(doc: Doc) -> dict[str, tuple[list[Span], list[Name], dict[tuple, tuple]]]:
    """For each linked type: its spans, their names, and its bracket pairs."""
    found = {}
    for label in ("PER", "ORG", "LOC"):
        spans = list(doc.spans.get(label, []))
        brackets = bracketed(spans) if label != "LOC" else {}
        found[label] = (spans, [name_of(s) for s in spans], brackets)
    return found


# --- Bodies named by their common word (guideline 55; org_rules sets `name_kind`) ---------
def _link_descriptors(spans: list[Span]) -> None:
    """A bare descriptor ("правительство", "парламента") is the body a longer mention with the
    same head word names ("Правительство Омской области"), when the document names exactly one."""
    longer: dict[str, set[str]] = {}
    for span in spans:
        words = _words(span)
        if len(words) > 1:
            longer.setdefault(token_lemma(words[0]), set()).add(span._.entity_id)
    for span in spans:
        words = _words(span)
        if span._.name_kind == "descriptor" and len(words) == 1:
            ids = longer.get(token_lemma(words[0]), set())
            if len(ids) == 1:
                span._.entity_id = next(iter(ids))


def assign_entity_ids(doc: Doc) -> None:
    for label, (spans, names, brackets) in doc_names(doc).items():
        for span, entity_id in zip(spans, link_names(label, names, brackets), strict=True):
            set_span_attrs(span, entity_id=entity_id)
    _link_descriptors(list(doc.spans.get("ORG", [])))
