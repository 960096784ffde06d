"""Place adjectives: "российская компания", "московский суд", "американские власти".

A relational adjective of a place is not a LOC (guideline 4, decisions 1/2/38), yet it is the
seat news gives most organisations ("российская компания «X»"). Such adjectives become
mentions of their own kind, `doc.spans["PLACE_ADJ"]`, one token each, with `_.normal` the
place they name in the nominative ("российской" -> "Россия"), from the adjective -> place
lexicon configs/lexicons/places.toml (guideline 90-93). The relation stage uses them as
HEADQUARTERED_IN seats; the mention evaluators score only ORG/PER/LOC/..., so no LOC figure
moves. The whole stage is one lookup of the tokens' folded lemmas (NORM) in a set; the few
adjectives that inside a name mostly mean something else (`not_in_names`: "Колумбийский
университет", decision 230) are then checked against the ORG mentions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pipeline import extensions
from pipeline.stages.morphology import fold
from pipeline.stages.rules.base import load_lexicon, make_span, set_group, word_list
from pipeline.stages.rules.lexicon import positions, token_lemma

LABEL = "PLACE_ADJ"
BLOCKING = ("LOC", "PER")  # "Российская Федерация", "Александр Македонский": part of a name
ADJECTIVE_TAGS = ("ADJ", "NOUN", "PROPN")
LOOK_AHEAD = 3  # words after the adjective searched for the noun it modifies


@dataclass(frozen=True)
class PlaceLexicon:
    places: dict[str, str]  # folded adjective lemma -> the place, nominative
    not_heads: frozenset[str]  # "язык": the adjective names a language, not a place
    not_in_names: frozenset[str] = frozenset()  # "Колумбийский университет": Columbia (230)
    languages: frozenset[str] = frozenset()  # "английский": also a language's adjective (304)
    academic_units: frozenset[str] = frozenset()  # "отделение", "кафедра" of a school (304)
    academic_parents: frozenset[str] = frozenset()  # "факультет", "университет" (304)

    @classmethod
    def load(cls, path: str | Path) -> PlaceLexicon:
        raw = load_lexicon(path)
        places: dict[str, str] = {}
        for table in raw.get("places", {}).values():
            for adjective, place in table.items():
                places.setdefault(fold(adjective), place)
        lists = {
            key: frozenset(fold(w) for w in word_list(raw, "place_adjectives", key, path))
            for key in (
                "not_heads",
                "not_in_names",
                "languages",
                "academic_units",
                "academic_parents",
            )
        }
        return cls(places, **lists)


class PlaceAdjectiveRules:
    def __init__(self, nlp: Language, name: str, lexicon: str) -> None:
        extensions.register()
        self.name = name
        self.lex = PlaceLexicon.load(lexicon)
        self.keys = frozenset(self.lex.places)

    def __call__(self, doc: Doc) -> Doc:
        found = positions(doc, self.keys) if len(doc) else []
        # Only a capitalised word can be part of a name: the spans are read for those alone.
        blocked = _covered(doc, [i for i in found if not doc[i].is_lower])
        blocked |= self._other_names(doc, found)
        spans = [
            make_span(doc, i, i + 1, LABEL, self.name, normal=self.lex.places[token_lemma(doc[i])])
            for i in found
            if i not in blocked and self.is_place(doc, i)
        ]
        set_group(doc, LABEL, spans)
        return doc

    def _other_names(self, doc: Doc, found: list[int]) -> set[int]:
        """Adjectives of `not_in_names` capitalised inside an ORG mention, past the
        sentence's first word: "в Колумбийском университете" names Columbia (decision 230)."""
        named = [
            i
            for i in found
            if token_lemma(doc[i]) in self.lex.not_in_names
            and doc[i].text[:1].isupper()
            and not doc[i].is_sent_start
        ]
        if not named:
            return set()
        inside = {i for s in doc.spans.get("ORG", []) for i in range(s.start, s.end)}
        return {i for i in named if i in inside}

    def is_place(self, doc: Doc, i: int) -> bool:
        """Not a language's adjective ("немецкий язык", "английское отделение факультета").
        The lemma is an adjective's, so a token the tagger calls a noun ("нидерландской",
        NOUN) is read as the adjective."""
        if doc[i].pos_ not in ADJECTIVE_TAGS:
            return False
        j = _next_noun(doc, i + 1)
        if j is None:
            return True
        head = token_lemma(doc[j])
        if head in self.lex.not_heads:
            return False
        return not (
            head in self.lex.academic_units
            and token_lemma(doc[i]) in self.lex.languages
            and self._academic(doc, j)
        )

    def _academic(self, doc: Doc, j: int) -> bool:
        """The unit at `j` is a school's: its head is a school's own unit ("кафедра",
        "факультет"), or a school's noun follows it past its adjectives ("отделение
        филологического факультета"): its language adjective names the subject (decision 304).
        """
        if token_lemma(doc[j]) in self.lex.academic_parents:
            return True
        k = _next_noun(doc, j + 1, punctuation=False)
        return k is not None and token_lemma(doc[k]) in self.lex.academic_parents


def _next_noun(doc: Doc, start: int, punctuation: bool = True) -> int | None:
    """The first noun within LOOK_AHEAD words from `start` with only adjectives (and, when
    `punctuation`, conjunctions and punctuation) before it."""
    between = ("ADJ", "CCONJ", "PUNCT") if punctuation else ("ADJ",)
    for j in range(start, min(len(doc), start + LOOK_AHEAD)):
        if doc[j].pos_ in ("NOUN", "PROPN"):
            return j
        if doc[j].pos_ not in between:
            break
    return None


def _covered(doc: Doc, found: list[int]) -> set[int]:
    """Of the candidate tokens, those inside a longer LOC or PER mention. A LOC that is the
    adjective alone (the NER model's "Стамбульская полиция") keeps it: the LOC stays as
    found, and the adjective is a PLACE_ADJ as well."""
    if not found:
        return set()
    wanted, out = set(found), set()
    for label in BLOCKING:
        for span in doc.spans.get(label, []):
            if len(span) > 1 or label == "PER":
                out.update(i for i in range(span.start, span.end) if i in wanted)
    return out


@Language.factory("place_adj_rules", default_config={"lexicon": None})
def make_place_adj_rules(nlp: Language, name: str, lexicon: str) -> PlaceAdjectiveRules:
    return PlaceAdjectiveRules(nlp, name, lexicon)
