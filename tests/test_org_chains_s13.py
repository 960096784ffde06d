"""Over-long ORG names, session 13 (guideline 278-279): words before a name in the genitive
that are no unit of it — a meeting it holds, a post holder's organisation, a bare head before a
body of its own kind, a name governed in the dative, an activity noun with its object, a thing
or a room of the body — make no chain into one name, so no spurious PART_OF. Invented
sentences; the look-alikes keep their units and links."""

from __future__ import annotations

from functools import partial

import pytest

from pipeline.stages.rules.org import _post_holder
from tests.conftest import pairs

part_of = partial(pairs, kind="PART_OF")


def orgs(doc) -> list[str]:
    return [s.text for s in doc.spans.get("ORG", [])]


@pytest.mark.parametrize(
    ("text", "name", "not_a_name"),
    [
        # a meeting the organisation holds is an event, not its unit (278 a)
        ("Делегаты следующего конгресса ФИФА соберутся в Цюрихе.", "ФИФА",
         "конгресса ФИФА"),
        ("Накануне конгресса УЕФА президент союза дал интервью.", "УЕФА", "конгресса УЕФА"),
        # the name after a post holder is his organisation's (278 b)
        ("Президент уволил с военной службы командующего ВДВ России.", "ВДВ России",
         "военной службы командующего ВДВ России"),
        # a bare head before a body of the same kind is the words' field, no unit (278 c)
        ("Он курировал кадры следствия и прокуратуры Генеральной прокуратуры Казахстана.",
         "Генеральной прокуратуры Казахстана",
         "прокуратуры Генеральной прокуратуры Казахстана"),
        # a name in the dative after a subordination adjective governs the body (278 d)
        ("Проверка прошла в подчинённом Минтрансу ФГУП «Морсвязь», который работает давно.",
         "ФГУП «Морсвязь»", "Минтрансу ФГУП «Морсвязь»"),
        # a thing of the body at a line start, capitalised by the line (278 e)
        ("Полиция сменила форму\n\nВывеска МВД России на здании", "МВД России",
         "Вывеска МВД России"),
        # a room of the body the tagger read as an adjective (278 f, extends 123)
        ("Встреча пройдёт в Атриуме экономического факультета Университета Бергена.",
         "Университета Бергена", "Атриуме экономического факультета Университета Бергена"),
        # "управление" governed as an activity: its name is the object (279)
        ("После ареста лидера он взял управление ЛДПР на себя.", "ЛДПР", "управление ЛДПР"),
        ("Наследники отрицают участие в управлении Volvo.", "Volvo", "управлении Volvo"),
    ],
)  # fmt: skip
def test_no_chain_over_words_that_are_no_unit(nlp, text, name, not_a_name) -> None:
    doc = nlp(text)
    assert name in orgs(doc)
    assert not_a_name not in orgs(doc)
    assert not any(head == not_a_name for head, _ in part_of(doc))


@pytest.mark.parametrize(
    ("text", "link"),
    [
        # units and bodies with their parents stay one name and PART_OF it
        ("Совбез ООН принял резолюцию.", ("Совбез ООН", "ООН")),
        ("Депутаты Совета Союза Верховного Совета СССР проголосовали.",
         ("Совета Союза Верховного Совета СССР", "Верховного Совета СССР")),
        ("Пресс-служба МВД России сообщила о задержании.",
         ("Пресс-служба МВД России", "МВД России")),
        ("Председатель совета директоров ОАО «Вектор» ушёл в отставку.",
         ("совета директоров ОАО «Вектор»", "ОАО «Вектор»")),
        # "управление" as a unit: its own verb, not an activity's governor
        ("Он возглавил управление ФСБ по Чечне.", ("управление ФСБ по Чечне", "ФСБ")),
        ("Сотрудники управления МВД по Москве задержали его.",
         ("управления МВД по Москве", "МВД")),
    ],
)  # fmt: skip
def test_units_with_parents_stay(nlp, text, link) -> None:
    assert link in part_of(nlp(text))


def test_bare_head_before_its_own_kind_is_a_field(nlp) -> None:
    unit = "главного управления кадрового учёта прокуратуры Генеральной прокуратуры Казахстана"
    doc = nlp(f"Начальник {unit} ушёл в отставку.")
    assert "прокуратуры" not in orgs(doc)
    assert part_of(doc) == {(unit, "Генеральной прокуратуры Казахстана")}


def test_body_attached_to_a_post_keeps_its_name(nlp) -> None:
    # a post after "при" is what the body is attached to (decision 109), not its complement
    doc = nlp("Он вошёл в состав Научного совета при директоре Росгидромета.")
    assert "Научного совета при директоре Росгидромета" in orgs(doc)


def test_congress_of_a_country_stays_a_body(nlp) -> None:
    assert "Конгресс США" in orgs(nlp("Конгресс США принял закон."))


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        ("уволил начальника", 1, True),  # one person by his post
        ("совет директоров", 1, False),  # members: plural
        ("служба безопасности", 1, False),  # no person
    ],
)
def test_post_holder(nlp, text: str, index: int, expected: bool) -> None:
    assert _post_holder(nlp(text)[index]) is expected
