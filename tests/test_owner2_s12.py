"""OWNER_OF and MEMBER_OF from the order of mentions, session 12 second pass (guideline
274-277): an owner noun opening a relative clause on the company, participants and a
party's representatives, a league's clubs; and the look-alikes each rule leaves
alone. Made-up sentences, none from a corpus."""

from __future__ import annotations

import pytest

from pipeline.stages.relations.lexicon import Lexicon
from tests.conftest import ROOT, pairs

LEXICON = ROOT / "configs" / "lexicons" / "relations.toml"


def links(doc) -> set[tuple[str, str, str]]:
    return {
        (kind, head, tail) for kind in ("OWNER_OF", "MEMBER_OF") for head, tail in pairs(doc, kind)
    }


@pytest.mark.parametrize(
    ("text", "link"),
    [
        # 274: an owner noun opening a relative clause on the company before the comma
        ("Банк «Север», крупнейшим акционером которого является Иван Петров, закрыт.",
         ("OWNER_OF", "Иван Петров", "Банк «Север»")),
        ("Он работал в «Векторе» (торгует углём), основным совладельцем (70 %) которого "
         "являются его компании «Север» и «Юг».",
         ("OWNER_OF", "Юг", "Векторе")),
        # 275: participants listed after the name; a party's representative
        ("Гитару подарили участники группы «Звери» Иван Петров и Сергей Иванов.",
         ("MEMBER_OF", "Сергей Иванов", "Звери")),
        ("Об этом сообщила участница панк-группы «Звери» Анна Смирнова.",
         ("MEMBER_OF", "Анна Смирнова", "Звери")),
        ("Представитель Демократической партии Иван Петров выступил с речью.",
         ("MEMBER_OF", "Иван Петров", "Демократической партии")),
        # 276: a club noun, the league, the club's name in apposition
        ("Нападающий перешёл в команду НХЛ «Вектор» в прошлом году.",
         ("MEMBER_OF", "Вектор", "НХЛ")),
    ],
)  # fmt: skip
def test_second_pass_shapes(nlp, text: str, link: tuple[str, str, str]) -> None:
    assert link in links(nlp(text))


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a relative clause with a noun that owns nothing
        ("Банк «Север», директором которого является Иван Петров, закрыт.",
         ("OWNER_OF", "Иван Петров", "Банк «Север»")),
        # the copula not right after the pronoun: another clause
        ("Банк «Север», акционером которого Иван Петров стал в 2001 году, закрыт.",
         ("OWNER_OF", "Иван Петров", "Банк «Север»")),
        # a representative of a ministry works there (NEREL's WORKPLACE), even one whose
        # name holds a party kind's word after its first noun
        ("Представитель Роскомнадзора Иван Петров выступил с речью.",
         ("MEMBER_OF", "Иван Петров", "Роскомнадзора")),
        ("Представитель Министерства объединения Кореи Иван Петров выступил.",
         ("MEMBER_OF", "Иван Петров", "Министерства объединения Кореи")),
        # a legislature: its participants work there (254)
        ("Выступил участник Государственной думы Иван Петров.",
         ("MEMBER_OF", "Иван Петров", "Государственной думы")),
        # a preposition between the noun and the name: no genitive of the organisation
        ("Об этом сказал участник переговоров с «Вектором» Иван Петров.",
         ("MEMBER_OF", "Иван Петров", "Вектором")),
        # the person after the name in another case than the noun: someone else
        ("Адвокат участника группы «Звери» Иван Петров выступил в суде.",
         ("MEMBER_OF", "Иван Петров", "Звери")),
        # 276: two leagues listed, no club named after the first
        ("Он играл за команды НХЛ и КХЛ «Вектор».", ("MEMBER_OF", "КХЛ", "НХЛ")),
        # a club and its rival: the club's name does not follow the noun's genitive
        ("Команда «Вектор» обыграла «Север» в финале.", ("MEMBER_OF", "Север", "Вектор")),
    ],
)  # fmt: skip
def test_second_pass_look_alikes(nlp, text: str, absent: tuple[str, str, str]) -> None:
    assert absent not in links(nlp(text))


def test_second_pass_words_are_no_parse_candidates() -> None:
    """The new nouns are [role_shapes], read from word order: no sentence becomes a parse
    candidate for them."""
    lex = Lexicon.load(str(LEXICON))
    nouns = lex.relative_pronouns | lex.participant_nouns | lex.party_member_nouns
    assert nouns and not (nouns | lex.club_nouns) & lex.role_words()
