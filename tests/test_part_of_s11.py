"""PART_OF, session 11 (guideline 231-233): a part after its parent opens with any quote the
tokenizer gives a name; a name the text gives as an organisation elsewhere, closing a longer
name in the genitive, is that name's nested parent; and the shapes NEREL types otherwise
(membership, subordination, founding, attachment) stay no PART_OF."""

from __future__ import annotations

from functools import partial

import pytest

from pipeline.stages.quotes import NAME_OPENING_QUOTES, NAME_QUOTES
from pipeline.stages.relations.part_of import _next_to
from tests.conftest import pairs

part_of = partial(pairs, kind="PART_OF")


def orgs(doc) -> list[str]:
    return [s.text for s in doc.spans.get("ORG", [])]


@pytest.mark.parametrize(
    ("gap", "expected"),
    [
        ([], True),
        (["«"], True),
        (["„"], True),  # „…“
        (["“"], True),  # “…”
        (['"'], True),
        (["''"], True),  # two apostrophes the tokenizer joined (decision 148)
        (["'"], True),
        (["‘"], True),  # ‘…’: razdel splits it off
        (["—", "„"], True),
        (["–", "‘"], True),
        ([":", '"'], True),
        (["—"], True),
        # look-alikes: a closing quote, a spaced hyphen (decision 171), a word, two marks
        (["»"], False),
        (["’"], False),
        (["”"], False),
        (["-", "«"], False),
        (["и"], False),
        (["(", "«"], False),
        (["«", "«"], False),
        (["—", "—"], False),
    ],
)  # fmt: skip
def test_next_to_reads_every_opening_quote(gap: list[str], expected: bool) -> None:
    assert _next_to(gap) is expected


def test_name_quote_sets() -> None:
    assert {"«", "„", "“", '"', "''", "'", "‘"} <= NAME_OPENING_QUOTES
    assert not {"»", "”", "’"} & NAME_OPENING_QUOTES
    assert NAME_OPENING_QUOTES | {"»", "”", "’"} <= NAME_QUOTES


@pytest.mark.parametrize(
    "text",
    [
        "Сделку провело подразделение ВТБ — «ВТБ Капитал».",
        "Сделку провело подразделение ВТБ — „ВТБ Капитал“.",
        "Сделку провело подразделение ВТБ — “ВТБ Капитал”.",
        'Сделку провело подразделение ВТБ — "ВТБ Капитал".',
        "Сделку провело подразделение ВТБ — ‘ВТБ Капитал’.",
    ],
)
def test_part_after_its_parent_in_any_quotes(nlp, text: str) -> None:
    assert ("ВТБ Капитал", "ВТБ") in part_of(nlp(text))


@pytest.mark.parametrize(
    ("text", "nested", "link"),
    [
        # the name stands alone elsewhere: nested in the longer name, its parent (232)
        ("Корреспондент Русской службы «Голоса Америки» узнал об этом. «Голос Америки» "
         "вещает давно.", "Голоса Америки",
         ("Русской службы «Голоса Америки»", "Голоса Америки")),
        ("«Вектор» отчитался. Руководитель Аналитического центра «Вектора» выступил.",
         "Вектора", ("Аналитического центра «Вектора»", "Вектора")),
    ],
)  # fmt: skip
def test_known_name_closing_a_longer_one_is_its_parent(nlp, text, nested, link) -> None:
    doc = nlp(text)
    assert nested in orgs(doc)
    assert link in part_of(doc)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # the name nowhere else in the text: nothing says an organisation stands there
        ("Вчера выступил Симфонический оркестр Метрополитен-оперы.", "Метрополитен-оперы"),
        # a first noun that is no unit or body head (оркестр, офис): not read (232)
        ("Метрополитен-опера открыла сезон. Вчера выступил Симфонический оркестр "
         "Метрополитен-оперы.", "Метрополитен-оперы"),
        # a kind in apposition names the same body (decision 79): nominative, no parent
        ("Медиахолдинг «Вектор» заявил о прибыли. «Вектор» доволен.", None),
        # named after a person, no part of anything
        ("Президент Института Пушкина умер. Пушкина помнят.", "Пушкина"),
    ],
)  # fmt: skip
def test_known_name_look_alikes(nlp, text: str, absent: str | None) -> None:
    doc = nlp(text)
    assert absent is None or absent not in orgs(doc)
    assert not part_of(doc)


@pytest.mark.parametrize(
    "text",
    [
        # subordination (NEREL's SUBORDINATE_OF joins persons and professions only)
        "Министерство обороны подчиняется правительству России.",
        "Росстат, подведомственный Минэкономразвития, опубликовал данные.",
        # membership of an association or a league (NEREL MEMBER_OF)
        "Банк «Вектор» вступил в Ассоциацию российских банков.",
        "Клуб «Зенит» является членом Европейской ассоциации клубов.",
        # founding and ownership (NEREL FOUNDED_BY, OWNER_OF)
        "Фонд «Север», учреждённый компанией «Вектор», выделил грант.",
        "Компания «Вектор» владеет банком «Север».",
        # attached "при" a body (decision 109)
        "Экспертный совет при Минфине одобрил проект.",
        # "и" after the parent lists a second parent (decision 122)
        "Сделку провели подразделения ВТБ и МТС.",
    ],
)
def test_other_relations_are_no_part_of(nlp, text: str) -> None:
    assert not part_of(nlp(text))
