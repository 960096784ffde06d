"""The syntax stage: slovnet's parse on the Doc's own tokens, candidate sentences only."""

from __future__ import annotations

import warnings

import pytest

from pipeline.stages.syntax import ROOT, SyntaxTooLong, candidate_sentences, tree

SENTENCE = "«Газпром» выделит 5 млрд рублей на строительство завода."


def _parsed(doc):
    return [t for t in doc if t.dep_]


def test_heads_and_labels_on_a_fixed_sentence(nlp):
    doc = nlp(SENTENCE)
    by_text = {t.text: t for t in doc}
    assert by_text["выделит"].dep_ == ROOT and by_text["выделит"].head.i == by_text["выделит"].i
    assert by_text["Газпром"].dep_ == "nsubj" and by_text["Газпром"].head.text == "выделит"
    assert by_text["рублей"].dep_ == "obj" and by_text["рублей"].head.text == "выделит"
    assert by_text["строительство"].dep_ == "obl"
    assert by_text["на"].dep_ == "case" and by_text["на"].head.text == "строительство"


def test_only_candidate_sentences_are_parsed(nlp):
    doc = nlp("Погода была хорошей. " + SENTENCE + " Потом пошёл дождь.")
    sentences = list(doc.sents)
    assert len(sentences) == 3
    assert not any(t.dep_ for t in sentences[0])
    assert all(t.dep_ for t in sentences[1] if not t.is_space)
    assert not any(t.dep_ for t in sentences[2])


def test_sentence_boundaries_are_kept(nlp):
    text = "Погода была хорошей. " + SENTENCE + " Потом пошёл дождь."
    with nlp.select_pipes(disable=["syntax", "relations"]):
        before = [s.text for s in nlp(text).sents]
    assert [s.text for s in nlp(text).sents] == before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("«Газпром» выделит 5 млрд рублей.", {0}),  # money
        ("В городе живут 500 человек.", set()),  # a count is no candidate by default
        ("Нефтяная компания «Лукойл» выросла.", {0}),  # ORG + SECTOR
        ("«Лукойл» в 2024 году вырос.", set()),  # ORG + DATE: not by default
        ("Погода хорошая. «Лукойл» получил 2 млрд рублей.", {1}),
    ],
)
def test_candidate_sentences(nlp, text, expected):
    with nlp.select_pipes(disable=["syntax", "relations"]):
        doc = nlp(text)
    assert candidate_sentences(doc) == expected


def test_empty_doc_has_no_candidates(nlp):
    from spacy.tokens import Doc

    assert candidate_sentences(Doc(nlp.vocab, words=[])) == set()


def test_role_words_make_an_org_sentence_a_candidate(nlp):
    from pipeline.config import PROJECT_ROOT
    from pipeline.stages.syntax import role_words

    words = role_words(str(PROJECT_ROOT / "configs" / "lexicons" / "relations.toml"))
    assert {"владеть", "основатель", "член"} <= words
    with nlp.select_pipes(disable=["syntax", "relations"]):
        doc = nlp("«Яндекс» вырос. Аркадий Волож основал «Яндекс». Волож основал фонд.")
    assert candidate_sentences(doc, words=words) == {1}


def test_wider_candidate_rule_by_config(nlp):
    with nlp.select_pipes(disable=["syntax", "relations"]):
        doc = nlp("«Лукойл» в 2024 году вырос. В городе живут 500 человек.")
    assert candidate_sentences(doc, amount_kinds=(), org_with=("SECTOR", "DATE")) == {0, 1}


def test_too_long_sentence_is_skipped_with_a_warning(nlp):
    from pipeline.stages.syntax import SlovnetSyntax

    stage = SlovnetSyntax(nlp, "short", max_words=5)
    with nlp.select_pipes(disable=["syntax", "relations"]):
        doc = nlp(SENTENCE)
    with pytest.warns(SyntaxTooLong, match="more than the parser's 5"):
        stage(doc)
    assert not _parsed(doc)


def test_text_without_candidates_is_left_alone(nlp):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        doc = nlp("Просто текст без цифр.\n\n\n")
    assert not _parsed(doc)


@pytest.mark.parametrize(
    ("heads", "expected"),
    [
        ([2, 0, 2], [1, 1, 1]),  # a plain tree (1-based heads, 0 = root)
        ([0, 0, 2], [0, 0, 1]),  # two roots: the second hangs from the first
        ([2, 3, 1], [0, 2, 0]),  # a cycle and no root: the first word becomes the root
        ([0, 3, 2], [0, 0, 1]),  # a cycle beside the root: it is cut where first met
    ],
)
def test_tree_repair(heads, expected):
    positions = [10, 11, 12]
    parse = tree(positions, heads, ["nsubj", "root", "obj"])
    assert [parse[p][0] - 10 for p in positions] == expected
    roots = [p for p in positions if parse[p][0] == p]
    assert len(roots) == 1 and parse[roots[0]][1] == ROOT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # decision 144: a deal noun in a money sentence makes the sentence before a candidate
        ("Погода хорошая. «Вектор» продал завод. Сумма сделки составила 3 млрд рублей.", {1, 2}),
        ("Погода хорошая. Штраф составил 5 млн рублей.", {0, 1}),
        # no deal noun, or a deal noun with no money amount: nothing more
        ("Погода хорошая. «Вектор» получил 3 млрд рублей.", {1}),
        ("Погода хорошая. Сделка закрыта.", set()),
        # the first sentence has no sentence before it
        ("Сумма сделки составила 3 млрд рублей.", {0}),
    ],
)
def test_sentence_before_a_deal_noun_is_a_candidate(nlp, text, expected):
    from pipeline.config import PROJECT_ROOT
    from pipeline.stages.syntax import back_words

    back = back_words(str(PROJECT_ROOT / "configs" / "lexicons" / "relations.toml"))
    assert {"сделка", "штраф"} <= back
    with nlp.select_pipes(disable=["syntax", "relations"]):
        doc = nlp(text)
    assert candidate_sentences(doc, back=back) == expected


def test_back_words_without_a_lexicon():
    from pipeline.stages.syntax import back_words

    assert back_words(None) == frozenset()
