"""Stage 1 — tokenisation: razdel tokens and sentences on a spaCy Doc whose text is the input."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import numpy
from spacy.attrs import LIKE_NUM, LIKE_URL, SENT_START, SHAPE
from spacy.lang.lex_attrs import like_url as spacy_like_url
from spacy.lang.lex_attrs import word_shape as spacy_word_shape
from spacy.lang.ru import lex_attrs as ru_lex_attrs
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from pipeline.stages.quotes import DOUBLE_APOSTROPHE
from pipeline.stages.razdel_fast import sentence_starts, token_spans


@registry.tokenizers("razdel_tokenizer")
def create_razdel_tokenizer() -> Callable[[Language], RazdelTokenizer]:
    """Named in the nlp config, so spacy.blank never builds its default Russian tokenizer (its
    prefix/suffix rules take a tenth of a second to compile) only to have it replaced."""

    def create(nlp: Language) -> RazdelTokenizer:
        nlp.vocab.lex_attr_getters[LIKE_NUM] = like_num
        nlp.vocab.lex_attr_getters[SHAPE] = word_shape
        nlp.vocab.lex_attr_getters[LIKE_URL] = like_url
        return RazdelTokenizer(nlp.vocab)

    return create


# spaCy's Russian `like_num` looks a word up in a sorted *list* of ~600 number words: a third
# of the cost of every new word (lexeme) the vocabulary meets. The same test on a set.
_NUM_WORDS = frozenset(ru_lex_attrs._num_words)


def like_num(text: str) -> bool:
    """spacy.lang.ru.lex_attrs.like_num, answer for answer (tests/test_tokenizer.py)."""
    if text.startswith(("+", "-", "±", "~")):
        text = text[1:]
    if text.endswith("%"):
        text = text[:-1]
    text = text.replace(",", "").replace(".", "")
    if text.isdigit():
        return True
    if text.count("/") == 1:
        num, denom = text.split("/")
        if num.isdigit() and denom.isdigit():
            return True
    return text.lower() in _NUM_WORDS


def word_shape(text: str) -> str:
    """spacy.lang.lex_attrs.word_shape, answer for answer, without its loop over characters
    for the words most new lexemes are: all lowercase letters, a capital and lowercase
    letters, all digits (a shape keeps at most 4 of a run of one character class)."""
    if len(text) < 100:
        if text.isdigit():
            return "dddd"[: len(text)]
        if text.isalpha():
            if text.islower():
                return "xxxx"[: len(text)]
            if text[0].isupper() and text[1:].islower():
                return "X" + "xxxx"[: len(text) - 1]
    return spacy_word_shape(text)


def like_url(text: str) -> bool:
    """spacy.lang.lex_attrs.like_url, answer for answer: a word with no dot that does not
    start with a scheme is no URL, answered before its loop over characters looks for a dot."""
    if text and "." not in text and not text.startswith(("http://", "https://")):
        return False
    return spacy_like_url(text)


class RazdelTokenizer:
    """A spaCy tokenizer: words from razdel, the whitespace between them kept as spaCy does."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces, sent_starts = _doc_arrays(text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        if words:
            # what Doc(sent_starts=...) stores (1 starts a sentence, -1 does not, as uint64),
            # without its Python loops over the list and over a numpy array
            values = numpy.where(sent_starts, 1, -1).astype(numpy.uint64)
            doc.from_array([SENT_START], values)
        return doc

    def to_disk(self, *_args, **_kwargs) -> None:  # spaCy serialisation hooks: nothing to save
        return None

    def from_disk(self, *_args, **_kwargs) -> RazdelTokenizer:
        return self


def _words(text: str) -> Iterator[tuple[int, str]]:
    """razdel tokens, with a list comma split off a number ("1994, 1995" reads "1994," as one
    token, as if it might continue as a decimal), a year off the name it is glued to
    ("ЧМ-2018" → "ЧМ", "-", "2018": the edition's year is a DATE, guideline decision 69),
    and the two apostrophes of a quoting pair as one quote token (decision 148)."""
    words = _razdel_words(text)
    if DOUBLE_APOSTROPHE in text:  # the cheap filter: most texts have none
        return _join_apostrophes(words, _quote_apostrophes(text))
    return words


def _razdel_words(text: str) -> Iterator[tuple[int, str]]:
    for start, stop in token_spans(text):  # razdel.tokenize's tokens, read off faster
        word = text[start:stop]
        if len(word) > 1 and word[-1] == "," and word[:-1].isdigit():
            yield start, word[:-1]
            yield stop - 1, ","
        elif len(word) > 6 and word[-5] == "-" and _edition(word, text[stop : stop + 1]):
            yield start, word[:-5]
            yield stop - 5, "-"
            yield stop - 4, word[-4:]
        else:
            yield start, word


# Two apostrophes typed for a double quote (Wikinews' wiki markup, plain-text keyboards):
# ''Samsung'', ''Wall Street Journal''. razdel splits them into two "'" tokens, which no
# quote rule reads. A pair on one line around a capitalised name is a quotation as « » are
# (decision 148); around a lowercase phrase it is italics ("в ''полном'' здравии"), left alone.
# opening after no letter ("O''Neil" is a name), closing before none
_APOSTROPHE_PAIR = re.compile(r"(?<![\w'])''(?!')((?:[^'\n]|'(?!'))+?)(?<!')''(?![\w'])")


def _quote_apostrophes(text: str) -> set[int]:
    """Offsets of the doubled apostrophes that open or close a quoted capitalised name."""
    marks = set()
    for match in _APOSTROPHE_PAIR.finditer(text):
        inner = match.group(1)
        if inner[:1].isupper() and not inner[-1:].isspace():
            marks.update((match.start(), match.end() - 2))
    return marks


def _join_apostrophes(
    words: Iterator[tuple[int, str]], marks: set[int]
) -> Iterator[tuple[int, str]]:
    """One "''" token for each doubled apostrophe at a mark, the rest as they come."""
    held: tuple[int, str] | None = None
    for start, word in words:
        if held is not None:
            if word == "'" and start == held[0] + 1:
                yield held[0], DOUBLE_APOSTROPHE
                held = None
                continue
            yield held
            held = None
        if word == "'" and start in marks:
            held = (start, word)
        else:
            yield start, word
    if held is not None:
        yield held


# a name and a four-digit year after a hyphen: "Евро-2020"
_NAME_YEAR = re.compile(r"^[^\W\d_]{2,}-(1[89]|20)\d\d$")


def _edition(word: str, next_char: str) -> bool:
    """A year glued to a name, not closing a quoted title («Новой волны-2009» stays whole: a
    title is a name, dates in it are not dates of the text)."""
    return next_char not in ("»", '"', "“") and bool(_NAME_YEAR.match(word))


def _doc_arrays(text: str) -> tuple[list[str], list[bool], list[bool]]:
    """spaCy's words, spaces and sent_starts for text, in one pass over the words.

    spaCy represents one plain space as a flag on the previous token, any other whitespace as
    a whitespace token, which keeps Doc.text identical to the input. A sentence starts where
    razdel's does, and also at the first word after a line break: razdel does not split at line
    breaks, but a title or a paragraph without final punctuation is still its own sentence.
    Leading whitespace belongs to the first sentence, a whitespace token starts none."""
    razdel_starts = sentence_starts(text)
    words: list[str] = []
    spaces: list[bool] = []
    flags: list[bool] = []
    cursor, seen_word, after_newline = 0, False, False
    for start, word in _words(text):
        if start == cursor + 1 and text[cursor] == " " and words:  # the common gap, inline
            spaces[-1] = True
        elif start != cursor:
            after_newline = _add_gap(text[cursor:start], words, spaces, flags) or after_newline
        flags.append(not flags or (seen_word and (after_newline or start in razdel_starts)))
        words.append(word)
        spaces.append(False)
        seen_word, after_newline = True, False
        cursor = start + len(word)
    if cursor < len(text):
        _add_gap(text[cursor:], words, spaces, flags)
    return words, spaces, flags


def _add_gap(gap: str, words: list[str], spaces: list[bool], flags: list[bool]) -> bool:
    """The whitespace between two words (razdel's tokens hold every non-space character): a
    space flag on the previous word, the rest as a whitespace token. Whether it breaks a line."""
    if words and gap[0] == " ":
        spaces[-1] = True
        gap = gap[1:]
        if not gap:
            return False
    words.append(gap)
    spaces.append(False)
    flags.append(not flags)
    return "\n" in gap
