"""The quote sets of pipeline/stages/quotes.py: each character's role, and no other module of
pipeline/ spelling a quote set of its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pipeline.stages import quotes

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "pipeline"
QUOTE_CHARS = frozenset('«»„“”"')

# character: (opening, closing, straight)
ROLES = [
    ("«", True, False, False),
    ("»", False, True, False),
    ("„", True, False, False),  # „…“
    ("“", True, True, False),  # opens “…”, closes „…“
    ("”", False, True, False),
    ('"', True, True, True),
    ("''", True, True, True),  # two apostrophes the tokenizer joined (decision 148)
    ("'", False, False, False),  # a lone apostrophe: only the *_OR_APOSTROPHE sets
    ("(", False, False, False),
    (")", False, False, False),
    ("‹", False, False, False),
    ("`", False, False, False),
    ("-", False, False, False),
    ("—", False, False, False),
    ("", False, False, False),
    ("«»", False, False, False),  # a set holds tokens, not strings of marks
]


@pytest.mark.parametrize(("char", "opening", "closing", "straight"), ROLES)
def test_role_of_each_character(char: str, opening: bool, closing: bool, straight: bool) -> None:
    assert (char in quotes.OPENING_QUOTES) is opening
    assert (char in quotes.CLOSING_QUOTES) is closing
    assert (char in quotes.STRAIGHT_QUOTES) is straight
    assert (char in quotes.ANY_QUOTE) is (opening or closing)
    apostrophe = char == quotes.APOSTROPHE
    assert (char in quotes.OPENING_OR_APOSTROPHE) is (opening or apostrophe)
    assert (char in quotes.CLOSING_OR_APOSTROPHE) is (closing or apostrophe)
    assert (char in quotes.ANY_QUOTE_OR_APOSTROPHE) is (opening or closing or apostrophe)


def test_pairs() -> None:
    assert quotes.QUOTE_PAIRS["«"] == "»"
    assert quotes.QUOTE_PAIRS["„"] == "“"
    assert quotes.QUOTE_PAIRS["“"] == "”"
    for straight in quotes.STRAIGHT_QUOTES:
        assert quotes.QUOTE_PAIRS[straight] == straight  # closes itself
    assert quotes.DOUBLE_APOSTROPHE == 2 * quotes.APOSTROPHE


def test_sets_are_frozen() -> None:
    for name in dir(quotes):
        if name.isupper() and isinstance(getattr(quotes, name), set | frozenset):
            assert isinstance(getattr(quotes, name), frozenset), name


# Character checks that are not quote sets of tokens and keep their own subset (outputs
# unchanged): the character after a word in the tokenizer (a title's closing quote), the
# marks an event name may sit in before its year (timex).
ALLOWED = {
    ("pipeline/stages/tokenizer.py", frozenset('»"“')),
    ("pipeline/stages/rules/timex.py", frozenset('«»"')),
}


def _literal_quote_sets(tree: ast.AST) -> list[frozenset[str]]:
    """Sets of two or more quote characters spelled in one literal: a set, tuple, list or dict
    of strings, a string unpacked into one ({*'«»'}), or a string `in` tests against."""
    found = []
    for node in ast.walk(tree):
        strings: list[str] = []
        if isinstance(node, ast.Set | ast.Tuple | ast.List):
            for element in node.elts:
                value = element.value if isinstance(element, ast.Starred) else element
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    strings.append(value.value)
        elif isinstance(node, ast.Dict):
            strings = [
                c.value
                for c in [*node.keys, *node.values]
                if isinstance(c, ast.Constant) and isinstance(c.value, str)
            ]
        elif isinstance(node, ast.Compare) and any(
            isinstance(op, ast.In | ast.NotIn) for op in node.ops
        ):
            strings = [
                c.value
                for c in node.comparators
                if isinstance(c, ast.Constant) and isinstance(c.value, str)
            ]
        chars = frozenset("".join(strings)) & QUOTE_CHARS
        if len(chars) >= 2:
            found.append(chars)
    return found


def test_no_module_spells_its_own_quote_set() -> None:
    root = PACKAGE_DIR.parent
    offenders = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        name = path.relative_to(root).as_posix()
        if name == "pipeline/stages/quotes.py":
            continue
        for chars in _literal_quote_sets(ast.parse(path.read_text(encoding="utf-8"))):
            if (name, chars) not in ALLOWED:
                offenders.append(f"{name}: {''.join(sorted(chars))}")
    assert not offenders, "quote sets belong in pipeline/stages/quotes.py:\n" + "\n".join(offenders)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("X = {*'«»\"', Y}", 1),
        ("X = frozenset({'«', '»'})", 1),
        ("X = {'«': '»', '„': '“'}", 1),
        ("ok = t.text not in '«»'", 1),
        ("ok = t.text in ('«', ',')", 0),  # one quote character: a check, not a set
        ("X = '«»'", 0),  # a plain string (a docstring, an example)
        ("ok = t.text in QUOTES", 0),
    ],
)
def test_literal_finder(source: str, expected: int) -> None:
    assert len(_literal_quote_sets(ast.parse(source))) == expected
