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

from razdel.segmenters.punct import (
    CLOSE_BRACKETS,
    CLOSE_QUOTES,
    DASHES,
    ENDINGS,
    GENERIC_QUOTES,
    QUOTES,
)
from razdel.segmenters.sentenize import (
    BULLET_BOUNDS,
    BULLET_SIZE,
    DELIMITER,
    FIRST_TOKEN,
    LAST_TOKEN,
    PAIR_SOKR,
    SMILE_PREFIX,
    SPACE_PREFIX,
    SPACE_SUFFIX,
    TOKEN,
    WORD,
    SentSplitter,
    is_bullet,
    is_lower_alpha,
    is_sokr,
)
from razdel.segmenters.sentenize import DELIMITERS as SENT_DELIMITERS
from razdel.segmenters.sokr import HEAD_PAIR_SOKRS, HEAD_SOKRS, INITIALS, PAIR_SOKRS, SOKRS
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


# razdel's sentence segmenter (razdel.segmenters.sentenize): the same delimiter regex, windows
# and rules, on plain strings instead of a SentSplit record per delimiter (cached properties
# through a Python descriptor, rule objects called through a generic loop, a generator per
# stage, Substring records found again with str.find). Every rule answers JOIN or nothing, so
# a split is joined when any rule joins it; they run in razdel's order all the same.
_SENT_DELIMITER = re.compile(DELIMITER, re.U)
_WINDOW = SentSplitter().window


def sentence_starts(text: str) -> set[int]:
    """Where razdel's sentences start: {s.start for s in razdel.sentenize(text)}."""
    starts: set[int] = set()
    chunk_start = offset = 0
    for match in _SENT_DELIMITER.finditer(text):
        start, stop = match.span()
        if not _sentence_join(text, chunk_start, start, stop, match.group(1)):
            offset = _add_sentence(text[chunk_start:stop], text, offset, starts)
            chunk_start = stop
    _add_sentence(text[chunk_start:], text, offset, starts)
    return starts


def _sentence_join(text: str, chunk_start: int, start: int, stop: int, delimiter: str) -> bool:
    """razdel's sentence rules for the delimiter at start:stop; the sentence so far (razdel's
    buffer) begins at chunk_start."""
    left = text[max(0, start - _WINDOW) : start]
    right = text[stop : stop + _WINDOW]
    match = LAST_TOKEN.search(left)
    left_token = match.group(1) if match else None
    match = FIRST_TOKEN.match(right)
    right_token = match.group(1) if match else None
    if not left_token or not right_token:  # empty_side
        return True
    if not SPACE_PREFIX.match(right):  # no_space_prefix
        return True
    if is_lower_alpha(right_token):  # lower_right
        return True
    if right_token not in GENERIC_QUOTES:  # delimiter_right
        if right_token in SENT_DELIMITERS or SMILE_PREFIX.match(right):
            return True
    if delimiter == "." and _sokr_join(left, left_token, right_token):
        return True
    if delimiter in BULLET_BOUNDS and start - chunk_start <= BULLET_SIZE:  # list_item
        if all(is_bullet(token) for token in TOKEN.findall(text[chunk_start:start])):
            return True
    if _close_quote(left, left_token, delimiter):
        return True
    if delimiter in CLOSE_BRACKETS and left_token not in ENDINGS:  # close_bracket
        return True
    if right_token in DASHES:  # dash_right
        match = WORD.search(right)
        return bool(match and is_lower_alpha(match.group(1)))
    return False


def _sokr_join(left: str, left_token: str, right_token: str) -> bool:
    """razdel's sokr_left, inside_pair_sokr and initials_left: a dot after an abbreviation
    or an initial."""
    match = PAIR_SOKR.search(left)
    pair_checked = False
    if match:
        first, second = match.groups()
        pair = first.lower(), second.lower()
        if pair in HEAD_PAIR_SOKRS:
            return True
        if pair in PAIR_SOKRS:
            if is_sokr(right_token):
                return True
            pair_checked = True  # sokr_left answers nothing here
    lower = left_token.lower()
    if not pair_checked:
        if lower in HEAD_SOKRS or (lower in SOKRS and is_sokr(right_token)):
            return True
    if (lower, right_token.lower()) in PAIR_SOKRS:  # inside_pair_sokr
        return True
    return (left_token.isupper() and len(left_token) == 1) or lower in INITIALS


def _close_quote(left: str, left_token: str, delimiter: str) -> bool:
    """razdel's close_quote: a closing quote ends a sentence only after final punctuation
    (close_bound); a generic quote does so too unless a space before it makes it opening."""
    if delimiter not in QUOTES:
        return False
    if delimiter in CLOSE_QUOTES:
        return left_token not in ENDINGS
    if delimiter in GENERIC_QUOTES:
        return bool(SPACE_SUFFIX.search(left)) or left_token not in ENDINGS
    return False


def _add_sentence(chunk: str, text: str, offset: int, starts: set[int]) -> int:
    """razdel's post-processing (strip) and find_substrings for one sentence: its start goes
    to starts, its stop is returned as the next search's offset."""
    sentence = chunk.strip()
    start = text.find(sentence, offset)
    starts.add(start)
    return start + len(sentence)
