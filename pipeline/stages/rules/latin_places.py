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
from spacy.tokens import Doc, Span

from pipeline import extensions
from pipeline.stages.rules.base import add_spans, load_lexicon, make_span

LABEL = "PLACE_ADJ"
BLOCKING = ("LOC", "PER")  # already a mention of its own: "Michael Jordan", a LOC found in it
LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class LatinGazetteer:
    places: dict[str, str]  # the English name as written -> the place in Russian
    longest: int  # the most words (tokens) a name spans

    @classmethod
    def load(cls, path: str | Path) -> LatinGazetteer:
        places: dict[str, str] = {}
        for table in load_lexicon(path).get("places", {}).values():
            for name, place in table.items():
                places.setdefault(name, place)
        # "St. Louis" is three tokens, "St", ".", "Louis"
        longest = max((len(re.findall(r"\w+|[^\w\s]", n)) for n in places), default=1)
        return cls(places, longest)


class LatinPlaceRules:
    def __init__(self, nlp: Language, name: str, lexicon: str) -> None:
        extensions.register()
        self.name = name
        self.gazetteer = LatinGazetteer.load(lexicon)

    def __call__(self, doc: Doc) -> Doc:
        orgs = [o for o in doc.spans.get("ORG", []) if any(LATIN.search(t.text) for t in o)]
        if not orgs:
            return doc
        blocked = {
            i for label in BLOCKING for s in doc.spans.get(label, []) for i in range(s.start, s.end)
        }
        spans = [s for org in orgs for s in self.places_in(org) if s.start not in blocked]
        if spans:
            add_spans(doc, LABEL, spans)
        return doc

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


@Language.factory("latin_place_rules", default_config={"lexicon": None})
def make_latin_place_rules(nlp: Language, name: str, lexicon: str) -> LatinPlaceRules:
    return LatinPlaceRules(nlp, name, lexicon)
