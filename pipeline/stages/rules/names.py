"""PER and LOC refinement, nominative forms and entity ids for ORG, PER and LOC.

PER: drop function words the NER model took for names ("Как"), strip titles ("Императора
[Нарухито]"). LOC: quoted names after geographic heads ("месторождения «[Кашаган]»"), named
routes ("[Транскаспийского международного транспортного маршрута]"), and places nested inside
organisation names ("Института [Китая] и современной [Азии]"). Then every name gets its
nominative `normal` and an `entity_id` shared by mentions of the same entity in the document.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline import extensions
from pipeline.normalize.inflect import head_normal, person_normal
from pipeline.stages.morphology import choose_parse
from pipeline.stages.quotes import OPENING_QUOTES
from pipeline.stages.rules.base import load_lexicon, make_span, set_group
from pipeline.stages.rules.entities import assign_entity_ids
from pipeline.stages.rules.lexicon import lemma_key, lemma_set, norm_doc, positions, token_lemma
from pipeline.stages.rules.org import CANONICAL_KEY, _quoted_after


class NameRules:
    def __init__(self, nlp: Language, name: str, lexicon: str) -> None:
        extensions.register()
        self.name = name
        data = load_lexicon(lexicon)
        self.titles = lemma_set(data["per"]["titles"])
        self.function_pos = frozenset(data["per"]["function_pos"])
        self.loc_quoted_heads = lemma_set(data["loc"]["quoted_name_heads"])
        self.route_heads = lemma_set(data["loc"]["route_heads"])
        self.gazetteer = PhraseMatcher(nlp.vocab, attr="NORM")
        patterns = {lemma_key(place) for place in data["loc"]["gazetteer"]}
        self.gazetteer.add("LOC", [norm_doc(nlp.vocab, p) for p in patterns])

    def __call__(self, doc: Doc) -> Doc:
        persons = [p for p in map(self._person, doc.spans.get("PER", [])) if p is not None]
        orgs = list(doc.spans.get("ORG", []))
        places = list(doc.spans.get("LOC", []))
        taken = persons + orgs + places
        places += self._quoted_places(doc, taken) + self._routes(doc, taken)
        places += self._nested_places(doc, orgs, places)
        set_group(doc, "PER", persons)
        set_group(doc, "LOC", places)
        for span in doc.spans["PER"]:
            extensions.set_span_attrs(span, normal=person_normal(span))
        for label in ("ORG", "LOC"):
            for span in doc.spans.get(label, []):
                extensions.set_span_attrs(span, normal=head_normal(span))
        # Gazetteer forms of a well-known body take its canonical name (guideline 53).
        canonical = doc.user_data.get(CANONICAL_KEY, {})
        for span in doc.spans.get("ORG", []):
            canonical_name = canonical.get((span.start_char, span.end_char))
            if canonical_name is not None:
                extensions.set_span_attrs(span, normal=canonical_name)
        assign_entity_ids(doc)
        return doc

    def _person(self, span: Span) -> Span | None:
        start = span.start
        while start < span.end and token_lemma(span.doc[start]) in self.titles:
            start += 1
        words = [t for t in span.doc[start : span.end] if any(c.isalpha() for c in t.text)]
        if not words or all(self._is_function_word(t) for t in words):
            return None
        if start == span.start:
            return span
        return make_span(span.doc, start, span.end, "PER", self.name)

    def _is_function_word(self, token) -> bool:
        parse = choose_parse(token.text, token.pos_, token.morph.to_dict())
        return parse is not None and parse.tag.POS in self.function_pos

    def _quoted_places(self, doc: Doc, taken: list[Span]) -> list[Span]:
        found = []
        for i in positions(doc, self.loc_quoted_heads):
            if i + 1 < len(doc) and doc[i + 1].text in OPENING_QUOTES:
                inner = _quoted_after(doc, i + 1)
                if inner and not _overlaps(inner, taken):
                    found.append(make_span(doc, *inner, "LOC", self.name))
        return found

    def _routes(self, doc: Doc, taken: list[Span]) -> list[Span]:
        """Capitalised adjective mid-sentence, more adjectives, a route head: a named route."""
        found = []
        for head in positions(doc, self.route_heads):
            start = head
            while start > 0 and doc[start - 1].pos_ == "ADJ":
                start -= 1
            first = doc[start]
            if start < head and first.is_title and not first.is_sent_start:
                if not _overlaps((start, head + 1), taken):
                    found.append(make_span(doc, start, head + 1, "LOC", self.name))
        return found

    def _nested_places(self, doc: Doc, orgs: list[Span], places: list[Span]) -> list[Span]:
        """Known places inside organisation names are mentions of their own."""
        known = {(p.start, p.end) for p in places}
        tagged = {i for p in places for i in range(p.start, p.end)}
        found = []
        for org in orgs:
            matches = [m for m in self.gazetteer(org, as_spans=True) if m[0].is_title]
            for match in filter_spans(matches):  # offsets are the doc's, not the span's
                start, end = match.start, match.end
                # A name that is only a place name ("Колумбия" the shuttle) nests nothing.
                # A place the model tagged whole ("Соединённых Штатов Америки") is not split.
                inside_tagged = (start, end) not in known and tagged.intersection(range(start, end))
                if inside_tagged:
                    continue
                if (start, end) not in known and (start, end) != (org.start, org.end):
                    found.append(make_span(doc, start, end, "LOC", self.name))
                    known.add((start, end))
        return found


def _overlaps(bounds: tuple[int, int], spans: list[Span]) -> bool:
    start, end = bounds
    return any(s.start < end and start < s.end for s in spans)


@Language.factory("name_rules", default_config={"lexicon": None})
def make_name_rules(nlp: Language, name: str, lexicon: str) -> NameRules:
    return NameRules(nlp, name, lexicon)
