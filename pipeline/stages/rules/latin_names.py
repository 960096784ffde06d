"""Bounds of an unquoted Latin-script name after a kind noun (guideline 142-143).

Russian news write foreign company names in Latin letters in apposition to a lowercase kind
noun, without quotes: "криптобиржа BTC-e", "банк HSBC", "компании Goldman Sachs", "холдинга
AT&T". The name runs over consecutive Latin words that start with a capital (or are
digits glued to one), joined by hyphens, "&" and a few lowercase function words between two
capitalised ones ("Bank of America"); it stops at punctuation, a quote, a Cyrillic word or a
line break. org_rules calls `latin_name_end` only where a kind-noun lemma is followed by a
token that starts with a Latin capital, so the cost is one check per kind noun.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_WORDS = 6  # longer Latin runs are titles or quotations, not company names
# Lowercase words inside a Latin company name, only between two capitalised words.
JOINERS = frozenset(
    {
        "of",
        "and",
        "for",
        "de",
        "du",
        "des",
        "la",
        "le",
        "et",
        "di",
        "da",
        "del",
        "della",
        "do",
        "dos",
        "das",
        "y",
        "e",
        "von",
        "der",
        "van",
        "und",
        "pour",
    }
)
MAX_JOINERS = 2  # "Rassemblement pour le Mali", "Bank of the West": joiners in a row
CONNECTORS = frozenset({"&", "-", "+"})
# Characters a Latin name word may hold besides ASCII letters and digits ("BTC-e", "AT&T",
# "McDonald's", "Yahoo!").
WORD_EXTRA = frozenset("-&'’.!+")
# razdel splits "King’s", "L'Est" at the apostrophe: glued on both sides it joins the words.
APOSTROPHES = frozenset("'’")
ROMAN = frozenset("IVXLCDM")


def is_latin_word(text: str) -> bool:
    """ASCII letters (at least one), digits and the few name characters only."""
    return (
        any("a" <= c.lower() <= "z" for c in text)
        and text[-1:] not in ".-"
        and all(c.isascii() and (c.isalnum() or c in WORD_EXTRA) for c in text)
    )


def is_latin_start(text: str) -> bool:
    """A word that may open a name: Latin, starting with a letter, with a capital in it
    ("HSBC", "Google", "eBay")."""
    first = text[:1].lower()
    return "a" <= first <= "z" and any("A" <= c <= "Z" for c in text) and is_latin_word(text)


def latin_name_end(words: Sequence[str], glued: Sequence[bool], k: int) -> int:
    """End (exclusive) of the Latin name that starts at words[k], or k when none starts there.
    `glued[j]` is True when words[j] follows words[j - 1] with no space (razdel splits
    "AT&T" into three words); a line break between words is the caller's stop."""
    if k >= len(words) or not is_latin_start(words[k]):
        return k
    end, n = k + 1, len(words)
    while end < n and end - k < MAX_WORDS:
        word = words[end]
        nxt = words[end + 1] if end + 1 < n else ""
        if is_latin_start(word) or (word.isdigit() and glued[end]):
            end += 1
        elif word in APOSTROPHES and glued[end] and end + 1 < n and glued[end + 1]:
            if not is_latin_word(nxt):
                break
            end += 2  # "King’s College", "St Mary's Hospital"
        elif (word in CONNECTORS or word in JOINERS) and is_latin_start(nxt):
            end += 2  # "Johnson & Johnson", "Bank of America": only before a capital
        elif word in JOINERS and (run := _joiner_run(words, end)) > end:
            end = run  # "Rassemblement pour le Mali": lowercase joiners before a capital
        elif glued[end] and is_latin_word(word):
            end += 1  # "BTC" "-e" or a lowercase tail razdel left on its own
        else:
            break
    if end == k + 1 and _label(words[k]):
        return k  # "в группе E", "XIV съезд": a letter or a number, not a name
    if end < n and not glued[end] and words[end].islower() and is_latin_word(words[end]):
        return k  # the name goes on in words the rule cannot read: its bounds are unknown
    return end


def _joiner_run(words: Sequence[str], j: int) -> int:
    """Past up to MAX_JOINERS joiners from words[j] and the capitalised word after them, or j
    when no capital follows ("Bank of the West"; "of the" with no name after stays out)."""
    end = j
    while end < len(words) and end - j < MAX_JOINERS and words[end] in JOINERS | {"the"}:
        end += 1
    return end + 1 if end < len(words) and is_latin_start(words[end]) else j


def _label(word: str) -> bool:
    """One letter, or a Roman numeral."""
    return len(word) == 1 or set(word) <= ROMAN
