"""OWNER_OF, FOUNDED_BY and MEMBER_OF from the order of mentions, session 13 (guideline
286-289): ownership in a finite clause ("принадлежит", shares, "в собственности"),
a person defined with a dash before a list of roles, a role noun coordinated with another,
and a party's candidate past the office run for; and the look-alikes each rule leaves alone.
Made-up sentences, none from a corpus."""

from __future__ import annotations

import pytest

from pipeline.stages.relations.lexicon import WORD_LISTS, Lexicon
from tests.conftest import ROOT, pairs

LEXICON = ROOT / "configs" / "lexicons" / "relations.toml"
KINDS = ("OWNER_OF", "MEMBER_OF", "FOUNDED_BY")


def links(doc) -> set[tuple[str, str, str]]:
    return {(kind, head, tail) for kind in KINDS for head, tail in pairs(doc, kind)}


@pytest.mark.parametrize(
    ("text", "link"),
    [
        # 286: the dative owner before "принадлежит", the share noun names the company
        ("Холдингу «Вектор» принадлежит 40 % акций «Севера».",
         ("OWNER_OF", "Холдингу «Вектор»", "Севера")),
        ("Ивану Петрову принадлежит 40 % акций «Севера».",
         ("OWNER_OF", "Ивану Петрову", "Севера")),
        # 286: a Latin name whose abbreviation's dot it leaves out
        ("Alpha Corp. принадлежит 12 % акций BetaSoft.", ("OWNER_OF", "Alpha Corp", "BetaSoft")),
        # 286: the share's company before the verb, the owner after it
        ("Около 30 % акций «Севера» принадлежит Ивану Петрову.",
         ("OWNER_OF", "Ивану Петрову", "Севера")),
        # 286: a dative relative pronoun on the name before the comma
        ("Он возглавил холдинг «Вектор», которому принадлежит завод «Север».",
         ("OWNER_OF", "Вектор", "Север")),
        # 287: "в собственности X находится Y" and "Y находится в собственности X"
        ("Кроме того, в собственности «Вектора» находится ООО «Север».",
         ("OWNER_OF", "Вектора", "ООО «Север»")),
        ("Завод «Север» находится в собственности компании «Вектор».",
         ("OWNER_OF", "Вектор", "Север")),
        # 288: a person defined with a dash, the role noun one item of the list
        ("Иван Петров — инженер, издатель журнала, совладелец компании «Вектор».",
         ("OWNER_OF", "Иван Петров", "Вектор")),
        # 288: a role noun coordinated with another shares the name
        ("Об этом сказал основатель и директор компании «Вектор» Иван Петров.",
         ("FOUNDED_BY", "Вектор", "Иван Петров")),
        # 289: "от" + a party past the office run for, and past an age
        ("Выступил кандидат от Демократической партии в вице-президенты США Иван Петров.",
         ("MEMBER_OF", "Иван Петров", "Демократической партии")),
        ("Кандидат в президенты США от Демократической партии 68-летний Иван Петров уехал.",
         ("MEMBER_OF", "Иван Петров", "Демократической партии")),
    ],
)  # fmt: skip
def test_session13_shapes(nlp, text: str, link: tuple[str, str, str]) -> None:
    assert link in links(nlp(text))


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # the participle is 257's shape, not a finite clause the other way round
        ("Ему принадлежит идея создания «Вектора».", ("OWNER_OF", "Вектора", "Вектора")),
        # a genitive between the verb and the name: the name is another noun's
        ("Компании «Север», которой принадлежит идея создания «Вектора», нет.",
         ("OWNER_OF", "Север", "Вектора")),
        # a share with no company named after it owns nothing in this sentence
        ("Более 40 % акций принадлежит «Вектору».", ("OWNER_OF", "Вектору", "Вектору")),
        # "в собственности" with no verb of being there: no ownership read
        ("Он говорил о собственности «Вектора» и «Севера».", ("OWNER_OF", "Вектора", "Севера")),
        # 288: a verb between the dash and the role noun: another clause
        ("Иван Петров — инженер, сказал владелец компании «Вектор».",
         ("OWNER_OF", "Иван Петров", "Вектор")),
        # 288: another person between the dash and the role noun
        ("Иван Петров — сын Сергея Смирнова, владелец компании «Вектор».",
         ("OWNER_OF", "Иван Петров", "Вектор")),
        # 289: a recipient after the party, not a candidate (268)
        ("Он получил письмо от Демократической партии в понедельник Ивану Петрову.",
         ("MEMBER_OF", "Ивану Петрову", "Демократической партии")),
    ],
)  # fmt: skip
def test_session13_look_alikes(nlp, text: str, absent: tuple[str, str, str]) -> None:
    assert absent not in links(nlp(text))


def test_word_lists_name_each_field_once() -> None:
    """Every `WORD_LISTS` row fills its own field: a key written twice would let one table's
    words replace another's (a second `holding_verbs` row, for 286, once replaced the facts'
    SECTOR_OF verbs)."""
    lex = Lexicon.load(str(LEXICON))
    assert len({(table, key) for table, key in WORD_LISTS.values()}) == len(WORD_LISTS)
    assert "иметь" in lex.holding_verbs


def test_session13_words_are_no_parse_candidates() -> None:
    """The new words are [role_shapes], read from word order: no sentence becomes a parse
    candidate for them that was none before ("владеть" and "принадлежать" already are)."""
    lex = Lexicon.load(str(LEXICON))
    assert not (lex.share_nouns | lex.property_nouns | lex.property_verbs) & lex.role_words()
