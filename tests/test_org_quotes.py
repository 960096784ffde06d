"""Straight quotes glued to a word (decision 168): glued to the word before closes, glued to
the word after opens; parity decides only what glue leaves open."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.stages.rules.org import _closes_a_word, _opens_a_word, _quoted_after

VOCAB = Vocab()


def doc_of(text: str) -> Doc:
    """Words split on spaces; a '|' joins two words with no space between them."""
    words, spaces = [], []
    for chunk in text.split(" "):
        parts = chunk.split("|")
        words += parts
        spaces += [False] * (len(parts) - 1) + [True]
    spaces[-1] = False
    return Doc(VOCAB, words=words, spaces=spaces)


def index(doc: Doc, nth: int, mark: str = '"') -> int:
    return [t.i for t in doc if t.text == mark][nth]


@pytest.mark.parametrize(
    ("text", "nth", "closes", "opens"),
    [
        ('компания "|Альфа|" заявила', 0, False, True),
        ('компания "|Альфа|" заявила', 1, True, False),
        ('остаётся в "|Анжи|" ещё', 1, True, False),
        ('на ухо : "|Мам , не делал|!|" - цитирует', 1, True, False),  # after "!"
        ('(|"|Альфа|"|)', 0, False, True),  # after a bracket: opens
        ('—|"|Альфа|"', 0, False, True),  # after a dash: opens
        ('"|Альфа|"|-|Банк', 1, True, False),  # a hyphen after: still closes
        ('"|А|"|Б', 1, False, False),  # glued both ways: parity decides
        ('слово " слово', 0, False, False),  # free-standing: parity decides
        ('"|Альфа', 0, False, True),  # the text's first token
        ('Альфа|"', 0, True, False),  # the text's last token
        ("газета ''|Курьер|'' вышла", 1, True, False),  # decision 148 unchanged
    ],
)
def test_glue_says_which_way_a_straight_quote_faces(text, nth, closes, opens):
    doc = doc_of(text)
    mark = "''" if "''" in text else '"'
    i = index(doc, nth, mark)
    assert (_closes_a_word(doc, i), _opens_a_word(doc, i)) == (closes, opens)


@pytest.mark.parametrize(
    ("text", "nth", "inner"),
    [
        ('компания "|Альфа Групп|" заявила', 0, "Альфа Групп"),
        # an opening quote went missing: the glued closing one opens nothing
        ('в Анжи|" ещё на год "|Бета|"', 0, None),
        ('в Анжи|" ещё на год "|Бета|"', 1, "Бета"),
        # a closing quote went missing: the next glued opening one closes nothing
        ('"|Деньги на оборудование выделило "|Роснано|" .', 0, None),
        ('"|Деньги на оборудование выделило "|Роснано|" .', 1, "Роснано"),
        ('"|"', 0, None),  # empty quotes
        ('"|Альфа', 0, None),  # never closed
    ],
)
def test_quoted_words_follow_the_glue(text, nth, inner):
    doc = doc_of(text)
    found = _quoted_after(doc, index(doc, nth))
    assert (doc[found[0] : found[1]].text if found else None) == inner


def test_not_a_quote_is_neither():
    doc = doc_of("слово ( слово")
    assert not _closes_a_word(doc, 1) and not _opens_a_word(doc, 1)
    assert _quoted_after(doc, 5) is None  # past the end
