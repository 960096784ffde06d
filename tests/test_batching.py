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


def test_kept_words_are_handed_to_the_next_reader_once():
    tokenizer = RazdelTokenizer(spacy.blank("ru").vocab)
    doc = tokenizer("Банк вырос. Рубль упал.")
    kept = doc_words(doc, keep=True)
    assert doc_words(doc) is kept  # the second tagger reads no arrays
    again = doc_words(doc)  # taken off: read afresh, equal
    assert again is not kept and again == kept


def test_the_pipeline_leaves_no_words_on_its_docs(nlp):
    doc = nlp("Банк вырос. Рубль упал.")
    assert not any(key == ("pipeline.batching", "words") for key in doc.user_data)
