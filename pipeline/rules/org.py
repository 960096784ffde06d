"""ORG refinement over the NER output: whole official names with their parent chain, quotes
handled, quoted names after generic heads, and later bare «aliases» of a name already seen.

[Центр японских исследований [Института Китая и современной Азии [РАН]]] is built from the
three pieces the NER model returns, each inner organisation kept as a nested mention.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline import extensions
from pipeline.intervals import Intervals
from pipeline.ner import bracket_parts
from pipeline.rules.base import load_lexicon, make_span, set_group
from pipeline.rules.lexicon import lemma_key, lemma_set, norm_doc, positions, token_lemma

OPEN_QUOTES = {"«": "»", "„": "“", '"': '"', "“": "”"}
CLOSE_QUOTES = set(OPEN_QUOTES.values())


class OrgRules:
    def __init__(self, nlp: Language, name: str, lexicon: str) -> None:
        extensions.register()
        self.name = name
        data = load_lexicon(lexicon)
        self.quoted_heads = lemma_set(data["org"]["quoted_name_heads"])
        self.name_heads = lemma_set(data["org"]["name_heads"])
        self.places = {lemma_key(place) for place in data["loc"]["gazetteer"]}
        self.generic = {lemma_key(word) for word in data["org"]["generic_names"]}
        self.known = PhraseMatcher(nlp.vocab, attr="NORM")
        self.known.add(
            "ORG", [norm_doc(nlp.vocab, lemma_key(n)) for n in data["org"]["known_names"]]
        )

    def __call__(self, doc: Doc) -> Doc:
        spans = [p for s in doc.spans.get("ORG", []) for p in self._split_parenthesis(s)]
        spans = [self._fix_quotes(s) for s in spans]
        spans = [s for s in spans if s is not None and self._is_name(s)]
        spans = self._with_places(doc, spans)
        # The name without its leading adjectives stays as a nested mention of its own.
        spans += [e for s in spans if (e := self._extend_left(s)) is not s]
        spans += self._quoted_after_heads(doc, spans)
        spans += self._known_names(doc, spans)
        spans = self._chains(spans)
        spans += self._aliases(doc, spans)
        set_group(doc, "ORG", spans)
        return doc

    def _relabel(self, span: Span, start: int, end: int) -> Span:
        stage = span._.stage if (start, end) == (span.start, span.end) else self.name
        return make_span(span.doc, start, end, "ORG", stage)

    def _is_name(self, span: Span) -> bool:
        if not any(c.isalpha() for c in span.text):
            return False
        return tuple(token_lemma(t) for t in span) not in self.generic

    def _split_parenthesis(self, span: Span) -> list[Span]:
        """ "Фонд борьбы с коррупцией (ФБК)" is a name and its abbreviation (or an
        abbreviation and its expansion): two mentions, which entity ids then link. A place in
        the brackets ("Apple (США)") is not a second name: the span stays whole, and the
        place is nested in it by name_rules."""
        parts = bracket_parts(span.doc, span.start, span.end)
        if not parts:  # not of that shape, or no letters on either side (dropped later)
            return [span]
        if len(parts) == 2:
            inner = span.doc[parts[1][0] : parts[1][1]]
            if tuple(token_lemma(t) for t in inner) in self.places:
                return [span]
        return [make_span(span.doc, a, b, "ORG", self.name) for a, b in parts]

    def _fix_quotes(self, span: Span) -> Span | None:
        """Close a quote the model left open; drop quotes that surround the whole name, and a
        closing quote the name never opened ("Движения за перемены"" after a quote the model
        left out)."""
        doc, start, end = span.doc, span.start, span.end
        opened = sum(t.text in OPEN_QUOTES for t in span) - sum(
            t.text in CLOSE_QUOTES for t in span
        )
        straight = sum(t.text == '"' for t in span)  # opens and closes: only parity tells
        if straight == 1 and doc[end - 1].text == '"' and end - start > 1:
            end -= 1
        elif straight % 2 and end < len(doc) and doc[end].text == '"':
            end += 1
        if opened < 0 and doc[end - 1].text in CLOSE_QUOTES - {'"'}:
            end -= 1
        if opened > 0 and end < len(doc) and doc[end].text in CLOSE_QUOTES:
            end += 1
        if doc[start].text in OPEN_QUOTES and doc[end - 1].text in CLOSE_QUOTES:
            inner = doc[start + 1 : end - 1]
            if not any(t.text in OPEN_QUOTES for t in inner):
                start, end = start + 1, end - 1
        if doc[start].text in OPEN_QUOTES and not any(
            t.text in CLOSE_QUOTES for t in doc[start:end]
        ):
            start += 1
        return self._relabel(span, start, end) if end > start else None

    def _with_places(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A place in the genitive right after a name is part of it: "Верховный суд
        [Таджикистана]", "Следственного комитета [РФ]". The place stays a nested LOC; the
        name without it is no organisation of its own, so it is replaced."""
        places: dict[int, Span] = {}
        for place in doc.spans.get("LOC", []):
            if place.start not in places or len(place) > len(places[place.start]):
                places[place.start] = place
        return [self._name_with_place(span, places) for span in spans]

    def _name_with_place(self, span: Span, places: dict[int, Span]) -> Span:
        place = places.get(span.end)
        if place is None or not span[-1].whitespace_ or span[-1].text in CLOSE_QUOTES:
            return span
        first = place[0]
        if "Gen" in first.morph.get("Case") or (len(place) == 1 and first.is_upper):
            return self._relabel(span, span.start, place.end)
        return span

    def _extend_left(self, span: Span) -> Span:
        """Take in capitalised adjectives (and "и"-coordinated ones) before a name's head:
        "Экономического и энергетического Диалога" is one name in mid-sentence."""
        doc = span.doc
        if token_lemma(span[0]) not in self.name_heads:
            return span
        start, best = span.start, span.start
        while start > 0:
            prev = doc[start - 1]
            if _is_adjective(prev) and not prev.is_sent_start:
                start -= 1
                if prev.is_title:
                    best = start
            elif prev.lower_ == "и" and start - 2 >= 0 and _is_adjective(doc[start - 2]):
                start -= 1
            else:
                break
        return self._relabel(span, best, span.end) if best < span.start else span

    def _quoted_after_heads(self, doc: Doc, known: list[Span]) -> list[Span]:
        """ "компания «Газпром»": the quoted name is an organisation even if NER missed it.
        A capitalised name head mid-sentence is part of the name: "Форум «Россия — Африка»"."""
        covered = {i for s in known for i in range(s.start, s.end)}
        found = []
        for i in positions(doc, self.quoted_heads | self.name_heads):
            token, lemma = doc[i], token_lemma(doc[i])
            inner = _quoted_after(doc, i + 1)
            if not inner or covered.intersection(range(token.i, inner[1] + 1)):
                continue
            if token.is_title and not token.is_sent_start and lemma in self.name_heads:
                found.append(make_span(doc, token.i, inner[1] + 1, "ORG", self.name))
            elif lemma in self.quoted_heads:
                found.append(make_span(doc, *inner, "ORG", self.name))
        return found

    def _known_names(self, doc: Doc, known: list[Span]) -> list[Span]:
        """Names from the lexicon's `known_names` ("ЕС", "Кремля", "Белом доме"), capitalised,
        where no ORG stands yet; the model's LOC reading of the same words is dropped."""
        covered = {i for s in known for i in range(s.start, s.end)}
        found = [
            make_span(doc, m.start, m.end, "ORG", self.name)
            for m in self.known(doc, as_spans=True)
            if (m[0].is_title or m[0].is_upper) and not covered.intersection(range(m.start, m.end))
        ]
        if found:
            taken = {(s.start, s.end) for s in found}
            places = [s for s in doc.spans.get("LOC", []) if (s.start, s.end) not in taken]
            set_group(doc, "LOC", places)
        return found

    def _chains(self, spans: list[Span]) -> list[Span]:
        """Adjacent names where each next one is in the genitive form one official name."""
        spans = sorted(spans, key=lambda s: (s.start, -s.end))
        runs, out = [], []
        for span in spans:
            if runs and _continues_chain(runs[-1][-1], span):
                runs[-1].append(span)
            else:
                runs.append([span])
        for run in runs:
            if len(run) == 1:
                out.extend(run)
                continue
            end = run[-1].end
            out.extend(make_span(s.doc, s.start, end, "ORG", self.name) for s in run[:-1])
            out.append(run[-1])
        return out

    def _aliases(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A name seen once is the same organisation wherever it recurs, whether the NER model
        caught it there or not; so is the quoted part of a name standing bare
        ("формат «Центральная Азия + Япония»")."""
        matcher = PhraseMatcher(doc.vocab, attr="LEMMA")
        for span in spans:
            # One capitalised word recurs as other things ("Союз" the spacecraft), and common
            # nouns recur as common nouns: only longer capitalised names are propagated.
            words = [t for t in span if any(c.isalpha() for c in t.text)]
            if len(words) > 1 and (span[0].is_title or span[0].is_upper):
                matcher.add("ORG", [_lemma_pattern(span)])
            for token in span:
                inner = _quoted_after(doc, token.i) if token.text in OPEN_QUOTES else None
                if inner and inner[1] <= span.end:
                    matcher.add("ORG", [_lemma_pattern(doc[inner[0] : inner[1]])])
        # Names the NER model gave another type stay theirs ("Барселона" the city).
        names = Intervals((s.start, s.end) for s in spans)
        others = Intervals(
            (s.start, s.end) for label in ("PER", "LOC") for s in doc.spans.get(label, [])
        )
        found = [
            make_span(doc, m.start, m.end, "ORG", self.name)
            for m in matcher(doc, as_spans=True)
            if (m[0].is_title or m[0].is_upper)
            and not names.contain(m.start, m.end)
            and not others.overlap(m.start, m.end)
        ]
        return filter_spans(found)


def _lemma_pattern(span: Span) -> Doc:
    """The span's words and lemmas as a pattern: `Span.as_doc` copies arrays of the whole
    document each time, quadratic over a long one."""
    words = [t.text for t in span]
    spaces = [bool(t.whitespace_) for t in span]
    return Doc(span.doc.vocab, words=words, spaces=spaces, lemmas=[t.lemma_ for t in span])


def _is_adjective(token) -> bool:
    """Both taggers agree: slovnet in context, and pymorphy3's dictionary reading."""
    return token.pos_ == "ADJ" and (token._.tag or "").startswith(("ADJF", "PRTF"))


def _quoted_after(doc: Doc, i: int, max_len: int = 12) -> tuple[int, int] | None:
    """(start, end) of the words inside a quote opening at token i, if it closes soon."""
    if i >= len(doc) or doc[i].text not in OPEN_QUOTES:
        return None
    for j in range(i + 1, min(len(doc), i + 2 + max_len)):
        if doc[j].text in CLOSE_QUOTES:
            return (i + 1, j) if j > i + 1 else None
        if doc[j].is_sent_start or "\n" in doc[j].text:
            return None
    return None


def _continues_chain(left: Span, right: Span) -> bool:
    """Right follows left with only a space between, and is a genitive or an abbreviation."""
    if right.start != left.end:
        return False
    first = right[0]
    return "Gen" in first.morph.get("Case") or (first.is_upper and len(first) > 1)


@Language.factory("org_rules", default_config={"lexicon": None})
def make_org_rules(nlp: Language, name: str, lexicon: str) -> OrgRules:
    return OrgRules(nlp, name, lexicon)
