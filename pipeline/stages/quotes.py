"""The quote characters every stage reads, defined once: which marks open a quotation, which
close one, which do both, and the wider sets a few readers use that count an apostrophe too.

A quote here is a token's whole text. Besides « » „ “ ” and the straight '"', the tokenizer
joins two apostrophes around a capitalised name into one "''" token (Wikinews markup:
''Samsung''), read like '"' everywhere (decision 148).
"""

from __future__ import annotations

# Two apostrophes typed for a double quote; the tokenizer makes them one token (decision 148).
DOUBLE_APOSTROPHE = "''"
# A lone apostrophe: English-style 'name', or half of a doubled pair the tokenizer left alone
# (around a lowercase phrase, or unpaired).
APOSTROPHE = "'"

# Each opening quote and the quote that closes it. „ closes with “ (German-style pairs), which
# is also an opening quote in English-style “…” pairs: “ is in both sets.
QUOTE_PAIRS = {"«": "»", "„": "“", "“": "”", '"': '"', DOUBLE_APOSTROPHE: DOUBLE_APOSTROPHE}
OPENING_QUOTES = frozenset(QUOTE_PAIRS)
CLOSING_QUOTES = frozenset(QUOTE_PAIRS.values())
# Open and close alike: only parity and glue to a neighbouring word tell which (decision 168).
STRAIGHT_QUOTES = frozenset({'"', DOUBLE_APOSTROPHE})
ANY_QUOTE = OPENING_QUOTES | CLOSING_QUOTES

# PART_OF's named-unit and parent tests, FactReader's closing quote after a holder and the
# sector rules' name after a term also count a lone apostrophe as a quote ('Вектор'); the ORG,
# DATE and seat rules do not. Kept as found (outputs unchanged); whether one set should serve
# all is a behaviour question, not settled here.
OPENING_OR_APOSTROPHE = OPENING_QUOTES | {APOSTROPHE}
CLOSING_OR_APOSTROPHE = CLOSING_QUOTES | {APOSTROPHE}
ANY_QUOTE_OR_APOSTROPHE = ANY_QUOTE | {APOSTROPHE}

# Curly single quotes ‘…’ (English-style typography): razdel splits them off as tokens of their
# own, and no other set counts them. PART_OF's part after its parent ("подразделение «А» ‘Б’")
# reads a name opening with any quote the tokenizer gives it (decision 231).
LEFT_SINGLE_QUOTE = "‘"
RIGHT_SINGLE_QUOTE = "’"
NAME_OPENING_QUOTES = OPENING_OR_APOSTROPHE | {LEFT_SINGLE_QUOTE}
NAME_QUOTES = ANY_QUOTE_OR_APOSTROPHE | {LEFT_SINGLE_QUOTE, RIGHT_SINGLE_QUOTE}


def unclosed_quotes(texts: list[str]) -> int:
    """Quotes a run of tokens opens and leaves open, less the closing quotes it never opened,
    each closing quote matched to the latest open one of its pair: "„Свой Дом“" is closed,
    so "ПКФ „Луч“" inside «…» takes no outer "»" (decision 264). Straight quotes count
    neither way (their parity is read apart, decision 168); a "“" with nothing open opens
    only where a "”" follows it (English-style), else it is left uncounted."""
    stack: list[str] = []
    stray = 0
    for i, text in enumerate(texts):
        if text in STRAIGHT_QUOTES:
            continue
        if stack and QUOTE_PAIRS[stack[-1]] == text:
            stack.pop()
        elif text in OPENING_QUOTES and text in CLOSING_QUOTES and not stack:
            if QUOTE_PAIRS[text] in texts[i + 1 :]:
                stack.append(text)
        elif text in OPENING_QUOTES:
            stack.append(text)
        elif text in CLOSING_QUOTES:
            stray += 1
    return len(stack) - stray
