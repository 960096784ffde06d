"""The closed-class words of org_rules are data (configs/lexicons/orgs.toml): in [titles] the
prepositions that make a seat of government its building, the words that make a platform the
place a post goes (guideline 58) and the words of a list of quoted titles (guideline 54); in
[grammar] the joins of coordinated fields and persons and the preposition of an instrumental
object in a "по" field; in [complements] "имени". Each case reads the shipped list, then
another: the behaviour follows the list."""

from __future__ import annotations

import tomllib

import pytest
import spacy
from spacy.tokens import Doc, Span

from pipeline.config import PROJECT_ROOT
from pipeline.errors import InputError
from pipeline.stages.rules.org import _before_quoted_list, _in_building, _word_forms
from pipeline.stages.rules.org_grammar import (
    Complements,
    OrgGrammar,
    _person_list,
    _with_instrumental,
)

ORGS = PROJECT_ROOT / "configs" / "lexicons" / "orgs.toml"
SHIPPED = tomllib.loads(ORGS.read_text(encoding="utf-8"))


def _doc(words: list[str], cases: list[str]) -> Doc:
    morphs = [f"Case={c}" if c else "" for c in cases]
    return Doc(spacy.blank("ru").vocab, words=words, morphs=morphs)


def test_shipped_lists() -> None:
    assert _word_forms(SHIPPED, "seat_prepositions", str(ORGS)) == {"в", "во"}
    assert _word_forms(SHIPPED, "platform_words", str(ORGS)) == {
        "в",
        "во",
        "через",
        "своём",
        "своем",
    }
    assert "среди" in _word_forms(SHIPPED, "list_words", str(ORGS))


@pytest.mark.parametrize(
    ("words", "cases", "key", "other"),
    [
        (["выступил", "в", "Кремле"], ["", "", "Loc"], "seat_prepositions", {"на"}),
        (["написал", "через", "Twitter"], ["", "", ""], "platform_words", {"в", "во"}),
        (["написал", "в", "своём", "Фейсбуке"], ["", "", "", "Loc"], "platform_words", {"в"}),
    ],
)
def test_building_words_follow_the_list(words, cases, key, other) -> None:
    doc = _doc(words, cases)
    name = doc[len(words) - 1 :]
    assert _in_building(name, _word_forms(SHIPPED, key, str(ORGS)), ("Loc", "Acc"))
    assert not _in_building(name, frozenset(other), ("Loc", "Acc"))


def test_title_list_words_follow_the_list() -> None:
    words = ["кинотеатрах", "«", "Звезда", "»", "и", "«", "Юность", "»"]
    doc = _doc(words, [""] * len(words))
    shipped = _word_forms(SHIPPED, "list_words", str(ORGS))
    assert _before_quoted_list(doc, 4, shipped) == 0  # back over "и" and «Звезда»
    assert _before_quoted_list(doc, 4, frozenset({"или"})) == 4


def test_a_bare_string_is_an_input_error() -> None:
    with pytest.raises(InputError, match="list_words"):
        _word_forms({"titles": {"list_words": "и"}}, "list_words", str(ORGS))


GRAMMAR = OrgGrammar.from_lexicon(SHIPPED, str(ORGS))


def test_shipped_grammar_lists() -> None:
    assert GRAMMAR.list_joins == {",", "и"}
    assert GRAMMAR.instrumental_prepositions == {"с", "со"}
    complements = Complements.from_lexicon(SHIPPED, GRAMMAR, str(ORGS))
    assert complements.named_after == {"имени", "им"}
    assert complements.grammar is GRAMMAR


def test_instrumental_prepositions_follow_the_list() -> None:
    words = ["по", "борьбе", "с", "терроризмом"]
    doc = Doc(
        spacy.blank("ru").vocab,
        words=words,
        pos=["ADP", "NOUN", "ADP", "NOUN"],
        morphs=["", "Case=Dat", "", "Case=Ins"],
    )
    assert _with_instrumental(doc, 2, GRAMMAR.instrumental_prepositions) == 4
    assert _with_instrumental(doc, 2, frozenset({"со"})) == 2


def test_person_list_joins_follow_the_list() -> None:
    doc = _doc(["Любови", "Соболь", "и", "Ивана", "Жданова"], [""] * 5)
    first, second = Span(doc, 0, 2, "PER"), Span(doc, 3, 5, "PER")
    assert _person_list(doc, first, {3: second}, GRAMMAR.list_joins) == 5
    assert _person_list(doc, first, {3: second}, frozenset({","})) == 2


def test_a_grammar_list_written_as_a_string_is_an_input_error() -> None:
    data = {**SHIPPED, "grammar": {**SHIPPED["grammar"], "list_joins": "и"}}
    with pytest.raises(InputError, match="list_joins"):
        OrgGrammar.from_lexicon(data, str(ORGS))
