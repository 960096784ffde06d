"""The closed-class words of org_rules are data (configs/lexicons/orgs.toml [titles]): the
prepositions that make a seat of government its building, the words that make a platform the
place a post goes (guideline 58), and the words of a list of quoted titles (guideline 54).
Each case reads the shipped list, then another: the behaviour follows the list."""

from __future__ import annotations

import tomllib

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.config import PROJECT_ROOT
from pipeline.errors import InputError
from pipeline.stages.rules.org import _before_quoted_list, _in_building, _word_forms

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
