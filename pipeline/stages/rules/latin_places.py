"""Latin-script place names inside Latin-script organisation names: "Chicago Bulls", "Los
Angeles Times", "Bank of America" (guideline 98).

Russian news writes foreign names in Latin letters, and the place in such a name is the
organisation's seat. It is no LOC: the name is one mention (guideline 4, decision 1) and
factRuEval tags no Location inside a Latin organisation name. So the place becomes a PLACE_ADJ
mention, the kind of pipeline/stages/rules/place_adj.py, with `_.normal` the place in Russian
("America" -> "США"), from configs/lexicons/latin_places.toml; the relation stage links it to
its ORG as HEADQUARTERED_IN. Only ORG mentions holding a Latin-letter word are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline import extensions
from pipeline.stages.morphology import fold
from pipeline.stages.rules.base import add_spans, load_lexicon, make_span
from pipeline.stages.rules.lexicon import token_lemma

LABEL = "PLACE_ADJ"
BLOCKING = ("LOC", "PER")  # already a mention of its own: "Michael Jordan", a LOC found in it
LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class LatinGazetteer:
    places: dict[str, str]  # the English name as written -> the place in Russian
    longest: int  # the most words (tokens) a name spans
    person_titles: frozenset[str] = frozenset()  # "театр им. Вахтангова": a person, no place

    @classmethod
    def load(cls, path: str | Path) -> LatinGazetteer:
        raw = load_lexicon(path)
        places: dict[str, str] = {}
        for table in raw.get("places", {}).values():
            for name, place in table.items():
                places.setdefault(name, place)
        # "St. Louis" is three tokens, "St", ".", "Louis"
        longest = max((len(re.findall(r"\w+|[^\w\s]", n)) for n in places), default=1)
        titles = frozenset(raw.get("names", {}).get("person_titles", []))
        return cls(places, longest, titles)


def russian_places(*paths: str | Path) -> dict[str, str]:
    """Folded one-word place names -> the place: the places the adjective lexicon
    (places.toml) and the Latin gazetteer name, in Russian, nominative (decision 102)."""
    out: dict[str, str] = {}
    for path in paths:
        for table in load_lexicon(path).get("places", {}).values():
            for place in table.values():
                if " " not in place:
                    out.setdefault(fold(place), place)
    return out


class LatinPlaceRules:
    def __init__(self, nlp: Language, name: str, lexicon: str, places: str | None = None) -> None:
        extensions.register()
        self.name = name
        self.gazetteer = LatinGazetteer.load(lexicon)
        # Russian place names inside Cyrillic ORG names (decision 102); none without `places`.
        self.russian = russian_places(places, lexicon) if places else {}

    def __call__(self, doc: Doc) -> Doc:
        orgs = list(doc.spans.get("ORG", []))
        latin = [o for o in orgs if any(LATIN.search(t.text) for t in o)]
        cyrillic = [o for o in orgs if self.russian and o._.name_kind == "proper"]
        if not latin and not cyrillic:
            return doc
        blocked = {
            i for label in BLOCKING for s in doc.spans.get(label, []) for i in range(s.start, s.end)
        }
        spans = [s for org in latin for s in self.places_in(org) if s.start not in blocked]
        seen = {s.start for s in spans}
        for org in cyrillic:
            for span in self.russian_in(org):
                if span.start not in blocked and span.start not in seen:
                    seen.add(span.start)
                    spans.append(span)
        if spans:
            add_spans(doc, LABEL, spans)
        return doc

    def russian_in(self, org: Span) -> list[Span]:
        """A capitalised Cyrillic word of a proper ORG name whose lemma is a place name, not
        the whole name: "«Манчестер Юнайтед»", "Университет Рочестера", "ФК «Тамбов»"."""
        out: list[Span] = []
        if not self.russian:
            return out  # Cyrillic names are read only with the `places` setting
        for token in org:
            if not token.text[:1].isupper() or LATIN.match(token.text):
                continue
            if token.is_upper:  # an abbreviation is a place only by the dictionary ("АН СССР")
                place = token.text if self._geographical(token) else None
            else:
                place = self.russian.get(token_lemma(token)) or self.russian.get(fold(token.text))
                if place is None and self._geographical(token):
                    place = token.lemma_.capitalize()
            if place is not None and len(org) > 1:
                out.append(make_span(org.doc, token.i, token.i + 1, LABEL, self.name, normal=place))
        return out

    def _geographical(self, token: Token) -> bool:
        """pymorphy3's reading in context is a geographical name (Geox), not after "им."."""
        if "Geox" not in str(token._.tag):
            return False
        doc, titles = token.doc, self.gazetteer.person_titles
        return not any(doc[j].lower_ in titles for j in range(max(0, token.i - 3), token.i))

    def places_in(self, org: Span) -> list[Span]:
        """The gazetteer names in an ORG, longest first at each word, never the whole name
        ("Russia" alone names a country, not a seat)."""
        doc, out, i = org.doc, [], org.start
        while i < org.end:
            match = self._match_at(org, i)
            if match is not None and not (match[0] == org.start and match[1] == org.end):
                start, end, place = match
                out.append(make_span(doc, start, end, LABEL, self.name, normal=place))
                i = end
            else:
                i += 1
        return out

    def _match_at(self, org: Span, i: int) -> tuple[int, int, str] | None:
        doc = org.doc
        if not doc[i].text[:1].isupper() or not LATIN.match(doc[i].text):
            return None
        for end in range(min(org.end, i + self.gazetteer.longest), i, -1):
            place = self.gazetteer.places.get(doc[i:end].text)
            if place is not None:
                return i, end, place
        return None


@Language.factory("latin_place_rules", default_config={"lexicon": None, "places": None})
def make_latin_place_rules(
    nlp: Language, name: str, lexicon: str, places: str | None = None
) -> LatinPlaceRules:
    return LatinPlaceRules(nlp, name, lexicon, places)
