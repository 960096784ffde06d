"""Relation stage: links between the mentions of a sentence, and the facts they make.

Two kinds of evidence. The shape of the mentions alone gives the organisation chains
(PART_OF: an ORG nested in an ORG) and seats (HEADQUARTERED_IN: "МИД России", "«X» в
Татарстане") in every sentence. The dependency parse (the syntax stage, on candidate
sentences only) gives the money and sector links: a money AMOUNT climbs its heads to the
nearest trigger word (configs/lexicons/relations.toml), whose class tells INCOME, EXPENDITURE
or PRICE_OF, whose subject (or agent, or genitive) is the holder, and whose clause holds the
DATE, SECTOR and place of the fact. Relations are kept on `doc._.relations`, facts on
`doc._.facts`; pipeline/tables.py turns both into rows with the mentions table's ids.

Modules, in the order the component runs them: component (the spaCy stage), mentions (the
index of mentions by token), seats (HEADQUARTERED_IN), part_of (PART_OF), reader (trigger and
holder), facts (dates, sectors, deal objects), money (INCOME/EXPENDITURE/PRICE_OF, roles);
records, lexicon and words hold what they share.
"""

from pipeline.stages.relations.component import RelationRules, make_relation_rules, register
from pipeline.stages.relations.lexicon import Lexicon
from pipeline.stages.relations.mentions import MentionIndex, anchor
from pipeline.stages.relations.records import Fact, Relation, unique

__all__ = [
    "Fact",
    "Lexicon",
    "MentionIndex",
    "Relation",
    "RelationRules",
    "anchor",
    "make_relation_rules",
    "register",
    "unique",
]
