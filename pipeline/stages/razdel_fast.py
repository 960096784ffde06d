"""razdel's word tokenizer (razdel.segmenters.tokenize), the same algorithm on plain offsets.

razdel cuts a text into atoms (a run of Cyrillic letters, of Latin letters, of digits, one
punctuation mark, one other non-space character) with its own ATOM regex, then decides for
every two neighbouring atoms whether they are one token: never across whitespace, else when
one of its seven rules says JOIN (a dash, underscore, decimal point or slash between two
atoms, two punctuation marks of an emoticon, an ellipsis or "--", a non-letter symbol glued to
a letter, "Yahoo!"). It does so through an object per atom and per split (records with cached
properties, rule objects called through a generic loop) and finds each token again with
str.find: three quarters of the tokenizer stage's CPU. This module applies the same rules,
in the same order of atoms, to the match objects of the same regex, and reads each token's
offsets off its first and last atom. tests/test_tokenizer_speed.py checks it against razdel
on many varied strings, scripts/tokenizer_check.py on whole corpora.
"""

from __future__ import annotations

import re

from razdel.rule import JOIN
from razdel.segmenters.punct import DASHES, ENDINGS
from razdel.segmenters.sentenize import DELIMITER, SentSplit, SentSplitter
from razdel.segmenters.sentenize import RULES as SENT_RULES
from razdel.segmenters.tokenize import ATOM, SMILE

_PUNCT = "PUNCT"
_INT = "INT"
_OTHER = "OTHER"
_LETTER_OR_OTHER = ("OTHER", "RU", "LAT")


def token_spans(text: str) -> list[tuple[int, int]]:
    """(start, stop) of each razdel token of text, in order: [(t.start, t.stop) for t in
    razdel.tokenize(text)]."""
    atoms = list(ATOM.finditer(text))
    if not atoms:
        return []
    spans = []
    start, stop = atoms[0].span()
    for index in range(1, len(atoms)):
        atom_start, atom_stop = atoms[index].span()
        # whitespace between two atoms always splits; only glued atoms go through the rules
        if atom_start != stop or not _join(text, atoms, index, start):
            spans.append((start, stop))
            start = atom_start
        stop = atom_stop
    spans.append((start, stop))
    return spans


def _join(text: str, atoms: list[re.Match], index: int, token_start: int) -> bool:
    """razdel's TokenSegmenter.join for the glued atoms index - 1 and index: any of its rules
    (each answers JOIN or nothing, so their order does not matter)."""
    left, right = atoms[index - 1], atoms[index]
    left_text, right_text = left.group(), right.group()
    left_type, right_type = left.lastgroup, right.lastgroup
    if left_type == _PUNCT or right_type == _PUNCT:
        if _joined_by_2112(atoms, index, left_text, right_text):
            return True
        if left_type == _PUNCT and right_type == _PUNCT:
            return _punct(text, token_start, right.end(), left_text, right_text)
        return right_text == "!" and left_text.lower() == "yahoo"  # razdel's `yahoo` rule
    # razdel's `other` rule: a symbol glued to a letter or symbol ("ΔP"); the rules above
    # all need a punctuation mark on one side
    if left_type == _OTHER:
        return right_type in _LETTER_OR_OTHER
    if right_type == _OTHER:
        return left_type in _LETTER_OR_OTHER
    return False


def _joined_by_2112(atoms: list[re.Match], index: int, left_text: str, right_text: str) -> bool:
    """razdel's Rule2112 family (dash, underscore, float, fraction): a delimiter atom on one
    side of the split, the atoms either side of that delimiter decide (they may lie across
    whitespace: "1, 2" joins "1,")."""
    before = atoms[index - 2] if index >= 2 else None
    after = atoms[index + 1] if index + 1 < len(atoms) else None
    for is_delimiter, rule in _RULES_2112:
        if is_delimiter(left_text):
            outer_left, outer_right = before, atoms[index]
        elif is_delimiter(right_text):
            outer_left, outer_right = atoms[index - 1], after
        else:
            continue
        if outer_left is not None and outer_right is not None:
            if rule(outer_left.lastgroup, outer_right.lastgroup):
                return True
    return False


def _no_punct(left_type: str | None, right_type: str | None) -> bool:
    return left_type != _PUNCT and right_type != _PUNCT


def _both_int(left_type: str | None, right_type: str | None) -> bool:
    return left_type == _INT and right_type == _INT


# razdel's DashRule, UnderscoreRule, FloatRule, FractionRule: "in" is a substring test there
# as here (atoms that reach it are single characters)
_RULES_2112 = (
    (lambda text: text in DASHES, _no_punct),
    (lambda text: text == "_", _no_punct),
    (lambda text: text in ".,", _both_int),
    (lambda text: text in "/\\", _both_int),
)


def _punct(text: str, token_start: int, stop: int, left_text: str, right_text: str) -> bool:
    """razdel's `punct` rule: an emoticon so far, "?!", "...", "--", "**"."""
    if SMILE.match(text[token_start:stop]):
        return True
    if left_text in ENDINGS and right_text in ENDINGS:
        return True
    return left_text + right_text in ("--", "**")


# razdel's sentence segmenter (razdel.segmenters.sentenize): the same delimiter regex and
# windows, its own SentSplit records and rule functions, without the generic segmenter
# around them (a generator per stage, a rule object per call, Substring records).
_SENT_DELIMITER = re.compile(DELIMITER, re.U)
_SENT_RULES = tuple(rule.function for rule in SENT_RULES)
_SENT_WINDOW = SentSplitter().window


def sentence_starts(text: str) -> set[int]:
    """Where razdel's sentences start: {s.start for s in razdel.sentenize(text)}."""
    starts: set[int] = set()
    chunk_start = offset = 0
    for match in _SENT_DELIMITER.finditer(text):
        start, stop = match.span()
        split = SentSplit(
            text[max(0, start - _SENT_WINDOW) : start],
            match.group(1),
            text[stop : stop + _SENT_WINDOW],
        )
        split.buffer = text[chunk_start:start]
        if not _sentence_join(split):
            offset = _add_sentence(text[chunk_start:stop], text, offset, starts)
            chunk_start = stop
    _add_sentence(text[chunk_start:], text, offset, starts)
    return starts


def _sentence_join(split: SentSplit) -> bool:
    """razdel's Segmenter.join: the first rule with an answer decides."""
    for rule in _SENT_RULES:
        action = rule(split)
        if action:
            return action == JOIN
    return False


def _add_sentence(chunk: str, text: str, offset: int, starts: set[int]) -> int:
    """razdel's post-processing (strip) and find_substrings for one sentence: its start goes
    to starts, its stop is returned as the next search's offset."""
    sentence = chunk.strip()
    start = text.find(sentence, offset)
    starts.add(start)
    return start + len(sentence)
