"""batching.doc_words: what both taggers read from a Doc."""

import spacy

from pipeline.batching import doc_words
from pipeline.stages.tokenizer import RazdelTokenizer


def test_words_sentences_and_spaces():
    tokenizer = RazdelTokenizer(spacy.blank("ru").vocab)
    doc = tokenizer("Заголовок\n\nБанк  вырос. Рубль\u00a0упал.")
    words = doc_words(doc)
    assert [doc[i].text for i in words.positions] == words.texts
    assert words.texts == ["Заголовок", "Банк", "вырос", ".", "Рубль", "упал", "."]
    assert [doc[i].is_space for i in words.spaces] == [True] * len(words.spaces)
    assert len(words.positions) + len(words.spaces) == len(doc)
    assert [texts for _, texts in words.sentences()] == [
        ["Заголовок"],
        ["Банк", "вырос", "."],
        ["Рубль", "упал", "."],
    ]


def test_empty_doc_has_no_sentences():
    doc = RazdelTokenizer(spacy.blank("ru").vocab)("")
    assert list(doc_words(doc).sentences()) == []
