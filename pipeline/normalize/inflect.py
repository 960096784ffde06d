"""Names in the nominative: "Касым-Жомарта Токаева" -> "Касым-Жомарт Токаев".

Only the words that agree with the head are inflected; dependent parts keep their case
("Центра японских исследований" -> "Центр японских исследований").
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Span, Token

from pipeline.readings import choose_parse

_CASES = {"gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2"}
_AGREEING = {"NOUN", "ADJF", "PRTF", "NUMR"}


def restore_case(word: str, model: str) -> str:
    """Give `word` the capitalisation pattern of `model` (upper, title or lower)."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def nominative_word(
    text: str, pos: str | None = None, feats: dict | None = None, gender: str | None = None
) -> str:
    """One word, or each part of a hyphenated name, in the nominative; unknown words unchanged.
    `gender` makes an adjective agree with its head noun."""
    return _nominative(text, pos or "", (feats or {}).get("Case", ""), gender)


@lru_cache(maxsize=20_000)
def _nominative(text: str, pos: str, case: str, gender: str | None) -> str:
    # Cached: names recur throughout an article, and pymorphy3's inflect is slow.
    if "-" in text and not text.startswith("-"):
        return "-".join(_nominative(part, pos, case, gender) for part in text.split("-"))
    parse = choose_parse(text, pos, {"Case": case})
    if parse is None or parse.tag.POS not in _AGREEING or not (_CASES & parse.tag.grammemes):
        return text
    wanted = {"nomn"} | ({"plur"} if "plur" in parse.tag else set())
    if gender and "plur" not in parse.tag and parse.tag.POS != "NOUN":
        wanted.add(gender)
    inflected = parse.inflect(wanted)
    return restore_case(inflected.word, text) if inflected else text


def _gender(token: Token) -> str | None:
    parse = choose_parse(token.text, token.pos_, token.morph.to_dict())
    return parse.tag.gender if parse is not None else None


def _token_case(token: Token) -> str | None:
    case = token.morph.get("Case")
    return case[0] if case else None


def _inflect_tokens(tokens: Sequence[Token], which: set[int], gender: str | None = None) -> str:
    out = []
    for i, token in enumerate(tokens):
        word = token.text
        # The tagger saw the word in context: trust its nominative over dictionary guesses.
        if i in which and _token_case(token) != "Nom" and (token.is_alpha or "-" in word):
            word = nominative_word(word, token.pos_, token.morph.to_dict(), gender)
        out.append(word + token.whitespace_)
    return "".join(out).strip()


def person_normal(span: Span) -> str:
    """Every word of a person's name shares the case of the first."""
    case = _token_case(span[0])
    which = {i for i, t in enumerate(span) if _token_case(t) in (case, None) and t.is_title}
    return _inflect_tokens(list(span), which)


def head_normal(span: Span) -> str:
    """The head noun and the adjectives before it, in the nominative; the rest kept."""
    tokens = list(span)
    head = next((i for i, t in enumerate(tokens) if t.pos_ in ("NOUN", "PROPN")), None)
    if head is None or tokens[head].text.isupper() or '"' in tokens[head].text:
        return span.text
    case = _token_case(tokens[head])
    which = {head} | {
        i
        for i in range(head)
        if tokens[i].pos_ in ("ADJ", "DET") and _token_case(tokens[i]) == case
    }
    return _inflect_tokens(tokens, which, _gender(tokens[head]))
