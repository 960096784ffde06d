"""OWNER_OF, FOUNDED_BY and MEMBER_OF from the order of mentions, session 12 (guideline
254-257): role nouns in apposition or after a copula, bodies named by their leader, founding
verbs, a candidate's party after "от", members listed with "входить в", the state that sends a
mission, "принадлежащий X"; and the look-alikes each rule leaves alone."""

from __future__ import annotations

import pytest

from pipeline.stages.relations.lexicon import Lexicon
from tests.conftest import ROOT, links

LEXICON = ROOT / "configs" / "lexicons" / "relations.toml"
ROLES = ("OWNER_OF", "FOUNDED_BY", "MEMBER_OF")


@pytest.mark.parametrize(
    ("text", "link"),
    [
        # 254: a role noun, the name in its genitive, the person after the name
        ("Вчера основатель компании «Вектор» Иван Петров выступил в Москве.",
         ("FOUNDED_BY", "Вектор", "Иван Петров")),
        ("Об этом сообщил владелец банка «Север» Андрей Смирнов.",
         ("OWNER_OF", "Андрей Смирнов", "Север")),
        ("Об этом заявил член партии «Яблоко» Сергей Иванов.",
         ("MEMBER_OF", "Сергей Иванов", "Яблоко")),
        # ... or before the noun behind a comma, past "один из"
        ("Иван Петров, один из основателей компании «Вектор», выступил в Москве.",
         ("FOUNDED_BY", "Вектор", "Иван Петров")),
        # ... or the subject of a copula
        ("Андрей Смирнов является владельцем холдинга «Север».",
         ("OWNER_OF", "Андрей Смирнов", "Север")),
        # 255: a government named by its leader
        ("Правительство Ивана Петрова ушло в отставку.",
         ("FOUNDED_BY", "Правительство Ивана Петрова", "Ивана Петрова")),
        # 256: a candidate's party after "от", behind a dash
        ("Документы подал кандидат от партии «Яблоко» — Сергей Иванов.",
         ("MEMBER_OF", "Сергей Иванов", "Яблоко")),
        # 256: members listed after "в состав … входят"
        ("В состав ОДКБ входят Россия, Армения и Белоруссия.",
         ("MEMBER_OF", "Армения", "ОДКБ")),
        ("Румыния входит в НАТО с 2004 года.", ("MEMBER_OF", "Румыния", "НАТО")),
        # 257: the state that sends a mission, named or as an adjective
        ("Посольство Франции выступило с заявлением.",
         ("OWNER_OF", "Франции", "Посольство Франции")),
        # 255: a founding verb with the person right before it, or its participle
        ("Иван Петров основал компанию «Вектор» в 2001 году.",
         ("FOUNDED_BY", "Вектор", "Иван Петров")),
        ("Сделку одобрила основанная Иваном Петровым компания «Вектор».",
         ("FOUNDED_BY", "Вектор", "Иваном Петровым")),
        # 257: "принадлежащий" + the owner in the dative
        ("Сделку провела принадлежащая Ивану Петрову компания «Вектор».",
         ("OWNER_OF", "Ивану Петрову", "Вектор")),
    ],
)  # fmt: skip
def test_plain_role_shapes(nlp, text: str, link: tuple[str, str, str]) -> None:
    assert link in links(nlp(text), ROLES)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # the person after the name is in another case than the role noun: someone else
        ("Адвокат основателя компании «Вектор» Иван Петров выступил в суде.",
         ("FOUNDED_BY", "Вектор", "Иван Петров")),
        # a member of a legislature works there (NEREL's WORKPLACE)
        ("Об этом заявил член Совета Федерации Иван Петров.",
         ("MEMBER_OF", "Иван Петров", "Совета Федерации")),
        ("Законопроект внёс депутат от Законодательного собрания Андрей Смирнов.",
         ("MEMBER_OF", "Андрей Смирнов", "Законодательного собрания")),
        ("В 2016 году Иван Петров вошёл в Государственную думу.",
         ("MEMBER_OF", "Иван Петров", "Государственную думу")),
        # a job between the body and the person: not the body's leader
        ("Сотрудник администрации президента Ивана Петрова уволен.",
         ("FOUNDED_BY", "администрации президента Ивана Петрова", "Ивана Петрова")),
        # a title before the body names the person its head: no link (255)
        ("Выступил глава правительства Ивана Петрова.",
         ("FOUNDED_BY", "правительства Ивана Петрова", "Ивана Петрова")),
        # "от" and a noun that is no kind of party
        ("Его освободили от должности главы «Вектора» Ивана Петрова.",
         ("MEMBER_OF", "Ивана Петрова", "Вектора")),
        # an organisation that "входит в" another: a part or an owner's, not a member
        ("В состав холдинга «Вектор» входят «Север» и «Юг».",
         ("MEMBER_OF", "Север", "холдинга «Вектор»")),
        # the subject after the verb: the person before it is no founder
        ("Полёт Ивана Петрова организует компания «Вектор».",
         ("FOUNDED_BY", "Вектор", "Ивана Петрова")),
        # the finite verb: shares, not the company, belong to the owner
        ("Компании «Вектор» принадлежит Ивану Петрову.",
         ("OWNER_OF", "Ивану Петрову", "Вектор")),
    ],
)  # fmt: skip
def test_role_look_alikes(nlp, text: str, absent: tuple[str, str, str]) -> None:
    assert absent not in links(nlp(text), ROLES)


def test_role_shape_words_are_no_parse_candidates() -> None:
    """The shape readers' words live in [role_shapes], not [roles]: every [roles] word makes
    an ORG sentence a parse candidate, which these readers do not need."""
    lex = Lexicon.load(str(LEXICON))
    shape_words = lex.leader_bodies | lex.member_verbs | lex.chambers | lex.party_kinds
    assert shape_words and not shape_words & lex.role_words()
    assert ("совет", "федерация") in lex.chamber_phrases
