"""Lexicon.load: every field read from relations.toml, word lists folded, the money classes'
order deciding a trigger listed twice."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.stages.relations.lexicon import MONEY_CLASSES, WORD_LISTS, Lexicon

# read by steps of their own in Lexicon.load
SHAPED = {"triggers", "roles", "bare_units", "chamber_phrases", "states"}


def test_every_field_is_loaded() -> None:
    """A field missing from WORD_LISTS would silently stay empty."""
    names = {f.name for f in fields(Lexicon)}
    assert set(WORD_LISTS) | SHAPED == names
    assert not set(WORD_LISTS) & SHAPED


def test_no_two_fields_read_one_list() -> None:
    assert len(set(WORD_LISTS.values())) == len(WORD_LISTS)


def _write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "relations.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_lists_are_folded_and_shaped(tmp_path: Path) -> None:
    lex = Lexicon.load(
        _write(
            tmp_path,
            """
[triggers]
income = ["получить", "Выручка"]
sale = ["получить", "продать"]
modal = ["Планировать"]
[seat]
prepositions = ["в"]
[part_of]
bare_units = ["Совет директоров", "правление"]
[roles]
owner_verbs = ["владеть"]
[dates]
basis_nouns = ["курс", "ёмкость"]
""",
        ),
    )
    # "получить" is listed as income and sale: the first class of MONEY_CLASSES keeps it
    assert MONEY_CLASSES.index("income") < MONEY_CLASSES.index("sale")
    assert lex.triggers == {"получить": "income", "выручка": "income", "продать": "sale"}
    assert lex.modal == {"планировать"}
    assert lex.seat_prepositions == {"в"}
    assert lex.bare_units == {("совет", "директоров"), ("правление",)}
    assert lex.roles == {"owner_verbs": frozenset({"владеть"})}
    assert lex.basis_nouns == {"курс", "емкость"}  # folded: ё -> е
    assert lex.negation == frozenset() and lex.back_deals == frozenset()


def test_empty_lexicon(tmp_path: Path) -> None:
    lex = Lexicon.load(_write(tmp_path, ""))
    assert lex.triggers == {} and lex.roles == {} and lex.role_words() == frozenset()
    assert all(getattr(lex, name) == frozenset() for name in WORD_LISTS)


def test_bad_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="relations.toml"):
        Lexicon.load(_write(tmp_path, "[triggers\nincome = 1"))


def test_the_shipped_lexicon_fills_every_list() -> None:
    """A list left out of configs/lexicons/relations.toml would silently switch a rule off
    (every field defaults to empty): the shipped file gives each one."""
    path = Path(__file__).resolve().parent.parent / "configs" / "lexicons" / "relations.toml"
    lex = Lexicon.load(str(path))
    empty = [name for name in WORD_LISTS if not getattr(lex, name)]
    assert empty == []
    assert lex.list_joins == {"и", ","}  # punctuation is kept as written


@pytest.mark.parametrize(
    ("name", "words"),
    [  # closed-class words that were literals in facts.py, part_of.py and seats.py (s12)
        ("fine_joins", {"с", "со"}),
        ("partner_prepositions", {"с", "со"}),
        ("example_list_joins", {"и", "или"}),
        ("unit_list_joins", {"и", ","}),
        ("seat_list_joins", {"и"}),
    ],
)
def test_shipped_closed_class_lists(name: str, words: set[str]) -> None:
    path = Path(__file__).resolve().parent.parent / "configs" / "lexicons" / "relations.toml"
    assert getattr(Lexicon.load(str(path)), name) == words
