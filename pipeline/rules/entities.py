"""Entity ids: mentions of one organisation, person or place within a document share an id.

Links made: the same name in any case (by lemmas); a surname or a first name with patronymic to
the full name that contains it; an abbreviation to the name whose initials it spells ("ДЦАЯ" ->
"Диалог «Центральная Азия + Япония»"); a bare quoted name to the name that quotes it; a name
in brackets to the name right before them (organisations and persons).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.morphology import choose_parse
from pipeline.rules.lexicon import token_lemma

_QUOTES = set('«»„“”"')


def _words(span: Span) -> list:
    return [t for t in span if t.is_alpha or "-" in t.text and not t.is_punct]


def _key(span: Span) -> tuple[str, ...]:
    return tuple(token_lemma(t) for t in _words(span))


def _is_patronymic(token) -> bool:
    parse = choose_parse(token.text, token.pos_, token.morph.to_dict())
    return parse is not None and "Patr" in parse.tag


def _entity_id(label: str, span: Span) -> str:
    return f"{label}:{(span._.normal or span.text).lower()}"


def _canonical(spans: list[Span]) -> dict[tuple, Span]:
    """For each lemma key, its longest mention: the name that gives the entity its id."""
    by_key: dict[tuple, Span] = {}
    for span in spans:
        key = _key(span)
        if key not in by_key or len(span.text) > len(by_key[key].text):
            by_key[key] = span
    return by_key


def _link_persons(spans: list[Span]) -> None:
    canon = _canonical(spans)
    by_brackets = _bracketed(spans)
    full = [k for k in canon if len(k) > 1]
    for span in spans:
        key = _key(span)
        words = _words(span)
        core = {token_lemma(t) for t in words if not _is_patronymic(t)}
        # A short form links only when exactly one full name contains it.
        owners = [k for k in full if k != key and core and core <= set(k)]
        target = canon[owners[0]] if len(owners) == 1 else canon[key]
        if key in by_brackets:
            target = canon[_key(by_brackets[key])]
        span._.entity_id = _entity_id("PER", target)


def _initials(span: Span) -> set[str]:
    """Abbreviations a name can have: of its capitalised words, or of all its content words."""
    words = _words(span)
    capitals = "".join(t.text[0] for t in words if t.text[0].isupper())
    content = "".join(t.text[0].upper() for t in words if t.pos_ not in ("ADP", "CCONJ"))
    return {capitals, content}


def _quoted_key(span: Span) -> tuple[str, ...] | None:
    texts = [t.text for t in span]
    if "«" in texts and "»" in texts:
        inner = span.doc[span.start + texts.index("«") + 1 : span.start + texts.index("»")]
        return _key(inner)
    return None


def _bracketed(spans: list[Span]) -> dict[tuple, Span]:
    """ "Name (ABBR)", "ABBR (Name)", "Тодд Коумс (Todd Combs)": the mention in brackets is the
    same entity as the one right before them; the one with more words (else the first) gives
    the id."""
    starts: dict[int, list[Span]] = {}
    for span in spans:
        starts.setdefault(span.start, []).append(span)
    pairs: dict[tuple, Span] = {}
    for span in spans:
        doc, after = span.doc, span.end
        if after + 1 >= len(doc) or doc[after].text != "(":
            continue
        for inner in starts.get(after + 1, []):
            if inner.end == len(doc) or doc[inner.end].text == ")":
                longer = len(_words(inner)) > len(_words(span))
                short, full = (span, inner) if longer else (inner, span)
                pairs[_key(short)] = full
    return pairs


def _link_orgs(spans: list[Span]) -> None:
    canon = _canonical(spans)
    by_initials = {i: s for s in canon.values() if len(_words(s)) > 1 for i in _initials(s)}
    by_quoted = {q: s for s in canon.values() if (q := _quoted_key(s))}
    by_brackets = _bracketed(spans)
    for span in spans:
        key = _key(span)
        target = canon[key]
        if key in by_brackets:
            target = canon[_key(by_brackets[key])]
        elif span.text.isupper() and span.text in by_initials:
            target = by_initials[span.text]
        elif key in by_quoted and by_quoted[key] is not target:
            target = by_quoted[key]
        span._.entity_id = _entity_id("ORG", target)


def _link_places(spans: list[Span]) -> None:
    canon = _canonical(spans)
    for span in spans:
        span._.entity_id = _entity_id("LOC", canon[_key(span)])


# --- Bodies named by their common word (guideline 55; org_rules sets `name_kind`) ---------
def _link_descriptors(spans: list[Span]) -> None:
    """A bare descriptor ("правительство", "парламента") is the body a longer mention with the
    same head word names ("Правительство России"), when the document names exactly one."""
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
    _link_persons(list(doc.spans.get("PER", [])))
    _link_orgs(list(doc.spans.get("ORG", [])))
    _link_descriptors(list(doc.spans.get("ORG", [])))
    _link_places(list(doc.spans.get("LOC", [])))
