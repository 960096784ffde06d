"""The relation stage as a spaCy component: runs the shape rules on every sentence and the parse
readers where the syntax stage left a parse.
"""

from __future__ import annotations

from spacy.attrs import DEP
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import extensions
from pipeline.stages.relations.lexicon import Lexicon
from pipeline.stages.relations.mentions import MentionIndex
from pipeline.stages.relations.money import MoneyReader
from pipeline.stages.relations.part_of import (
    bare_unit_parents,
    coordinated_units,
    nested_relations,
    part_of_words,
)
from pipeline.stages.relations.records import unique, with_stage
from pipeline.stages.relations.roles import role_relations
from pipeline.stages.relations.seats import (
    adjective_seats,
    bracketed_seats,
    coordinated_seats,
    latin_name_seats,
    name_place_seats,
    quoted_name_seats,
    seat_after,
    seats_through_words,
)


def register() -> None:
    extensions.register()
    for name in ("relations", "facts"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


class RelationRules:
    def __init__(self, nlp: Language, name: str, lexicon: str) -> None:
        self.name = name
        register()
        self.lex = Lexicon.load(lexicon)

    def __call__(self, doc: Doc) -> Doc:
        index = MentionIndex(doc, self.lex.pronouns)
        relations = list(nested_relations(doc, index, self.lex))
        relations += coordinated_units(doc, index, relations, self.lex)
        relations += seat_after(doc, index, self.lex)
        relations += adjective_seats(doc, index, self.lex)
        relations += seats_through_words(doc, index, self.lex)
        relations += latin_name_seats(doc, index)
        relations += name_place_seats(doc, index, self.lex)
        relations += coordinated_seats(doc, index, relations, self.lex)
        relations += quoted_name_seats(doc, index, relations, self.lex)
        relations += bracketed_seats(doc, index, relations)
        relations += role_relations(doc, index, self.lex)
        facts = []
        if len(doc) and doc.to_array(DEP).any():  # a Token object per word costs more
            reader = MoneyReader(doc, index, self.lex)
            facts = reader.money_facts() + reader.sector_facts()
            relations += reader.back_references(facts)  # joins facts' links or stands alone
            for fact in facts:
                relations += fact.relations
            relations += reader.role_relations()
            relations += reader.untriggered_dates()
            # every amount the links reach without a trigger word gets a row (decision 132)
            facts += reader.amount_facts(unique(relations), facts)
            # sentence order, so the table reads as the article (a sentence's own unchanged)
            facts.sort(key=lambda fact: int(index.sentence[fact.trigger_i]))
        relations += part_of_words(doc, index, self.lex)
        relations += bare_unit_parents(doc, index, self.lex)
        doc._.relations = unique([with_stage(r, self.name) for r in relations])
        doc._.facts = facts
        return doc


@Language.factory("relation_rules", default_config={"lexicon": None})
def make_relation_rules(nlp: Language, name: str, lexicon: str) -> RelationRules:
    return RelationRules(nlp, name, lexicon)
