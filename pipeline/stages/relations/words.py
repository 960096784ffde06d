"""Small tests on tokens and the parse shared by the relation rules: prepositions and cases,
quotes and brackets, clause heads, climbing from an amount to its trigger.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import DEP, NORM
from spacy.tokens import Doc, Span, Token

from pipeline.stages.quotes import CLOSING_QUOTES, OPENING_QUOTES
from pipeline.stages.relations.lexicon import Lexicon
from pipeline.stages.relations.mentions import anchor

# A dash between clauses or before an apposition: the em and en dash, and a hyphen the
# tokenizer left alone, which is one typed with spaces for a dash ("«А» получила X, а «Б» - Y");
# a hyphen inside a word stays in its token ("ИТ-компания", "2018-2019"). Decision 171.
TYPOGRAPHIC_DASHES = frozenset({"—", "–"})  # part_of's apposition reads these only (171)
DASHES = TYPOGRAPHIC_DASHES | {"-"}
# A dash or a colon before a list or an apposition ("учреждений — «А», «Б»", "среди них: «А»,
# «Б»"); a colon never stands for a left-out verb, so clause rules take DASHES alone.
LIST_MARKS = DASHES | {":"}


def is_gap_join(token: Token, lex: Lexicon) -> bool:
    """A comma or a joining word (`[facts] gap_joins`: "а", "и", "но", by folded lemma, so a
    sentence-opening capital never hides one, decision 182) that may open a gapped clause. A
    capital one only opens its sentence: mid-sentence, «А» or «И» is a one-letter name (the
    tagger may still call it a conjunction)."""
    if token.text == ",":
        return True
    return _joining(token) and token.norm_ in lex.gap_joins


def is_contrast(token: Token, lex: Lexicon) -> bool:
    """A coordinating contrast word (`[facts] contrast_joins`: "а"/"но", never the list "и")."""
    return token.pos_ == "CCONJ" and _joining(token) and token.norm_ in lex.contrast_joins


def opens_contrast(token: Token, lex: Lexicon) -> bool:
    """A contrasting "а"/"но" that opens a clause of its own ("«А» получила X, а «Б» — Y",
    "на X — Y, но на образование — Z"): its words are not the first clause's. Followed by one
    of `[facts] contrast_additions` ("а также", "но и") it adds to the same clause
    (decisions 167, 209)."""
    if not is_contrast(token, lex):
        return False
    doc = token.doc
    return token.i + 1 >= len(doc) or doc[token.i + 1].norm_ not in lex.contrast_additions


def _joining(token: Token) -> bool:
    return token.is_lower or token.is_sent_start


def gap_dash(doc: Doc, start: int) -> int | None:
    """The dash right before an amount starting at `start`, past spaces and one focus word
    the amount's span leaves out ("а «Б» — лишь Y", "— всего Y", "— только Y")."""
    i, skipped = start - 1, 0
    while i >= 0 and (doc[i].is_space or (doc[i].pos_ in ("PART", "ADV") and skipped == 0)):
        skipped += not doc[i].is_space
        i -= 1
    return i if i >= 0 and doc[i].text in DASHES else None


# Tokens from a gapping dash back to the word that opens its clause: room for a holder or a
# date phrase ("а выручка компании «Б» за год —", "а с 1 октября 2021 года —").
GAP_REACH = 8


def gap_join_before(doc: Doc, dash: int, lex: Lexicon, reach: int = GAP_REACH) -> int | None:
    """The comma or "а"/"и"/"но" that opens the gapped clause a dash ends ("X, а в 2021 году —
    Y", "«А» получила X, а «Б» — Y"; decisions 145, 162, 210). None when a verb (a clause of
    its own: "а затем купил квартиру — за X") or the sentence's start comes first. An aside
    between dashes is crossed: "а «Б» — крупнейший банк региона — Y"."""
    for i in range(dash - 1, max(dash - reach, 0) - 1, -1):
        token = doc[i]
        if is_gap_join(token, lex):
            return i
        if token.pos_ in ("VERB", "AUX") or token.is_sent_start:
            return None
    return None


# Heads climbed from a word to its clause's verb: a parse tree of news prose is rarely deeper
# between a date or an amount and its verb; the cap only stops a cycle-free climb early.
HEAD_DEPTH = 8
# Tokens of a bracketed aside after a name: a foreign name or an abbreviation, "(The Dawn
# Foundation)", not a bracketed clause.
ASIDE_REACH = 8

# What closes a name or an aside: a closing quote or bracket.
CLOSING_OR_BRACKET = CLOSING_QUOTES | {")"}


def skip_closing(doc: Doc, i: int) -> int:
    while i < len(doc) and (doc[i].is_space or doc[i].text in CLOSING_OR_BRACKET):
        i += 1
    return i


def skip_aside(doc: Doc, i: int, longest: int = ASIDE_REACH) -> int:
    """Past a bracketed aside right after a name: "(The Dawn Foundation)"."""
    if i >= len(doc) or doc[i].text != "(":
        return i
    for j in range(i + 1, min(len(doc), i + longest + 2)):
        if doc[j].text == ")":
            return skip_closing(doc, j + 1)
    return i


def field_topic(doc: Doc, start: int, lo: int, fields: frozenset[str]) -> bool:
    """The mention at `start` is the topic of a body's field inside a name that starts at `lo`:
    a field noun (`[part_of] topic_fields`: дело, вопрос) right after "по", with no adjective of
    its own, needs its genitive topic, and the mention is that genitive, past its own opening
    quote and lowercase adjectives ("комитет по делам [СНГ]", "трибунал по делам бывшей
    [Югославии]"). A field with its adjective is complete: the name after it is the parent
    ("комитет по иностранным делам [Сената]"; decision 185)."""
    i = start - 1
    while i > lo and (doc[i].text in OPENING_QUOTES or (doc[i].pos_ == "ADJ" and doc[i].is_lower)):
        i -= 1
    return i - 1 >= lo and doc[i].norm_ in fields and doc[i - 1].lower_ == "по"


def under_other(own: Token, top: Token, others: set[int]) -> bool:
    """An amount that hangs from another amount of its clause, not as its conjunct: a
    restatement or a comparison ("X (около Y …)", "X — Y в 2018 году и Z в 2019 году", "X в
    2021 году против Y годом ранее"), which takes only the dates hanging from it. Brackets
    and comparison words are read by position in relations/dates.py (decisions 160-163)."""
    if preposition_of(own) == "против":
        return True  # "X против Y годом ранее"
    token = own
    for _ in range(4):
        if token.i == top.i or token.head.i == token.i:
            return False
        if token.dep_ == "conj" and token.head.i in others:
            return False  # "долг в 3 млрд и 75 млн": one debt, one date
        token = token.head
        if token.i in others:
            return True
    return False


def clause_head(token: Token, depth: int = HEAD_DEPTH) -> Token:
    """The verb whose clause a word belongs to, or the root of its sentence."""
    for _ in range(depth):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
    return token


def shares_time(verb: Token) -> bool:
    """A verb coordinated with its head, controlled by it, or a gerund on it: it happens when
    its head does ("провёл … и израсходовал", "намерены инвестировать", "приобретя")."""
    if verb.dep_ in ("conj", "xcomp"):
        return True
    return verb.dep_ == "advcl" and "Conv" in verb.morph.get("VerbForm")


def bracket_restates(doc: Doc, start: int, amounts: set[int]) -> bool:
    """An amount opening a bracket right after another amount restates or compares it
    ("200 млн фунтов (около 300 млн долларов)", "X (около Y по нынешнему курсу)"): the first
    carries the fact (decision 106) and the bracketed one only its own dates (116). `start`:
    the amount's first token; `amounts`: tokens of the amounts it may restate."""
    i = start
    if doc[i].text != "(":
        i -= 1
        while i >= 0 and (doc[i].is_space or doc[i].pos_ == "ADP" or doc[i].is_quote):
            i -= 1
        if i < 0 or doc[i].text != "(":
            return False
    return any(k in amounts for k in range(max(i - 2, 0), i))


def climb_to(start: Token, amount: Token, top: Token | None, others: set[int]) -> bool:
    """Whether a date word reaches `amount` (top None) or the clause head `top` through
    its heads without passing another amount or another clause's verb."""
    token = start
    for _ in range(HEAD_DEPTH):
        if token.i == amount.i:
            return True
        if top is not None and token.i == top.i:
            return True
        if token.i in others:
            return False
        if token.i != start.i and token.pos_ in ("VERB", "AUX"):
            return False
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def is_argument(token: Token, role: str) -> bool:
    if role == "subject":
        return token.dep_ == "nsubj"
    if role == "object":
        return token.dep_ == "obj"
    if role == "dative":
        return (
            token.dep_ in ("obl", "iobj") and case_of(token) == "Dat" and not preposition_of(token)
        )
    return token.dep_ == "obl" and preposition_of(token) == role


def argument_dep(token: Token) -> str:
    """A token's relation to its head with the parser's dative-as-object slip undone: a
    dative is who gets the thing, never the thing ("продать «Заре» X": «Заре» is the buyer,
    decision 147)."""
    if token.dep_ == "obj" and case_of(token) == "Dat":
        return "iobj"
    return token.dep_


def role_positions(doc: Doc, words: frozenset[str]) -> list[int]:
    """Parsed tokens whose folded lemma (NORM) is a role word, from two arrays."""
    if not words or not len(doc):
        return []
    hashes = np.array([doc.vocab.strings.add(w) for w in words], dtype=np.uint64)
    norms, deps = doc.to_array(NORM), doc.to_array(DEP)
    return np.flatnonzero(np.isin(norms, hashes) & (deps != 0)).tolist()


def preposition_of(token: Token) -> str:
    return next((c.norm_ for c in token.children if c.dep_ == "case"), "")


def case_of(token: Token) -> str:
    return next(iter(token.morph.get("Case")), "")


def future_aux(token: Token) -> bool:
    """ "будет инвестировать": the auxiliary быть in a non-past form."""
    return (
        token.dep_.startswith("aux")
        and token.norm_ == "быть"
        and ("Past" not in token.morph.get("Tense"))
    )


def instrumental(token: Token) -> bool:
    return token.dep_ in ("obl", "obl:agent") and "Ins" in token.morph.get("Case")


LIST_DEPS = ("obl", "nmod", "appos", "conj", "parataxis")  # "таких как X" as parsed


def after_dash(token: Token) -> bool:
    """A word right after a dash or a colon ("учреждений — «А»")."""
    i = token.i - 1
    while i >= 0 and (token.doc[i].is_space or token.doc[i].is_quote):
        i -= 1
    return i >= 0 and token.doc[i].text in LIST_MARKS


def sector_head(sector: Span) -> Token:
    """The noun a SECTOR phrase hangs by: its anchor, unless that is an adjective the parser
    hung on an adjective before the span ("спутникового и [кабельного телевидения]": the
    second adjective is a conjunct of the first) while the span's noun hangs outside it."""
    token = anchor(sector)
    if token.pos_ != "ADJ":
        return token
    for other in sector:
        if other.pos_ in ("NOUN", "PROPN") and not (sector.start <= other.head.i < sector.end):
            return other
    # an adjective alone whose noun is elided ("[спутникового] и кабельного телевидения",
    # decision 133): the noun it shares stands for it
    if token.dep_ == "amod" and token.head.pos_ == "NOUN" and len(sector) == 1:
        return token.head
    return token


def reaches(head: Token, word: Token, depth: int = 3) -> bool:
    """A sector (by its `sector_head`) inside the noun phrase of `word`: its head climbs to
    the word through nouns and adjectives only ("один из лидеров продаж семян" -> "семян")."""
    token = head
    for _ in range(depth):
        if token.i == word.i:
            return True
        # "активами — от медиа до …": a range after a dash hangs as parataxis (decision 134)
        deps = ("nmod", "amod", "conj", "obl", "appos", "parataxis")
        if token.head.i == token.i or token.dep_ not in deps:
            return False
        if token.dep_ == "conj" and token.head.i == word.i:
            return False  # "фирмы …, а также авиакомпания": another noun of the list
        token = token.head
        if token.i != word.i and token.pos_ in ("VERB", "AUX"):
            return False
    return token.i == word.i


def beside(head: Token, word: Token) -> bool:
    """A sector (by its `sector_head`) that is the descriptor word itself or one of its
    modifiers."""
    deps = ("amod", "nmod", "obj", "obl") if word.pos_ == "VERB" else ("amod", "nmod", "obj")
    return head.i == word.i or (head.head.i == word.i and head.dep_ in deps)


NOMINAL = ("NOUN", "PROPN", "X")  # the parser tags a quoted or Latin name any of these


def first_conjunct(token: Token, depth: int = 4) -> Token:
    """The first noun of the list a noun is a later conjunct of ("занимается развитием и
    обучением" -> "развитием", "«А» и «Б» добывают" -> "«А»"): later conjuncts hang from the
    first, whose head is the list's head (decision 262). A noun conjoined to a verb or an
    adjective is no list of nouns."""
    if token.pos_ not in NOMINAL:
        return token
    for _ in range(depth):
        up = token.head
        if token.dep_ != "conj" or up.i == token.i or up.pos_ not in NOMINAL:
            break
        token = up
    return token
