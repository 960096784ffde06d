"""scripts/fact_agreement.py's partial and given modes (guideline 136-139): the one-to-one
matching pairs exact links first, so a span-bound disagreement never costs a link that both
annotators drew exactly; a link whose ends the other annotator did not mark leaves the given
mode. Offline: annotations of invented offsets only."""

from __future__ import annotations

import pytest

from tests.conftest import load_script

AGREE = load_script("fact_agreement")

# "Вектор — нефтегазовая компания …": one ORG, a wide SECTOR phrase and a narrower one inside
# it, a second sector after it, a money amount and two dates.
ORG = (0, 6, "ORG")
WIDE = (9, 30, "SECTOR")  # the whole descriptor phrase
NARROW = (20, 30, "SECTOR")  # its head word only
LEFT = (9, 19, "SECTOR")  # the adjective before it: overlaps WIDE, not NARROW
MONEY = (40, 52, "AMOUNT")
YEAR = (53, 64, "DATE")
MONTH = (66, 75, "DATE")


def _ann(links: list, marked: list | None = None) -> object:
    ann = AGREE.Annotation("n1", "0" * 40)
    ann.links = list(links)
    ends = {end for link in links for end in link[1:]}
    ann.arguments = ends | set(marked or [])
    ann.sectors = {a for a in ann.arguments if a[2] == "SECTOR"}
    return ann


def _counts(first: list, second: list, key: str, marked=None) -> tuple[int, int, int]:
    tallies = AGREE.agreement({"n1": _ann(first)}, {"n1": _ann(second, marked)})
    t = tallies[key]
    return t.tp, t.fp, t.fn


@pytest.mark.parametrize(
    ("first", "second", "key", "expected"),
    [
        # The first annotator's WIDE link would take the second's NARROW one on overlap alone,
        # leaving its NARROW link unmatched; exact pairs first give two partial hits.
        (
            [("SECTOR_OF", ORG, WIDE), ("SECTOR_OF", ORG, NARROW)],
            [("SECTOR_OF", ORG, NARROW), ("SECTOR_OF", ORG, LEFT)],
            "SECTOR_OF partial",
            (2, 0, 0),
        ),
        # strict counts the bound disagreement
        (
            [("SECTOR_OF", ORG, WIDE), ("SECTOR_OF", ORG, NARROW)],
            [("SECTOR_OF", ORG, NARROW), ("SECTOR_OF", ORG, LEFT)],
            "SECTOR_OF strict",
            (1, 1, 1),
        ),
        # overlapping ends of another type do not agree, partial or not
        (
            [("DATE_OF", MONEY, YEAR)],
            [("AMOUNT_OF", MONEY, YEAR)],
            "DATE_OF partial",
            (0, 0, 1),
        ),
        # a date link to another date: partial needs both ends to overlap
        (
            [("DATE_OF", MONEY, YEAR)],
            [("DATE_OF", MONEY, MONTH)],
            "DATE_OF partial",
            (0, 1, 1),
        ),
    ],
)
def test_partial_agreement(first, second, key, expected) -> None:
    assert _counts(first, second, key) == expected


def test_given_mode_keeps_only_links_the_other_could_have_drawn() -> None:
    """The second annotator did not mark MONTH: the first's link to it leaves the given mode
    (it is a mention disagreement), while it still counts as a miss in partial."""
    first = [("DATE_OF", MONEY, YEAR), ("DATE_OF", MONEY, MONTH)]
    second = [("DATE_OF", MONEY, YEAR)]
    assert _counts(first, second, "DATE_OF partial") == (1, 0, 1)
    assert _counts(first, second, "DATE_OF given") == (1, 0, 0)
    # once the second marked MONTH without linking it, the miss is a link disagreement
    assert _counts(first, second, "DATE_OF given", marked=[MONTH]) == (1, 0, 1)
