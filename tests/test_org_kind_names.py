"""Organisation names the NER model misses or reads as a person or a place (guideline
314-315), on sentences written for the tests with invented names: a name in apposition to a
kind noun, and a Latin name holding a kind word; look-alikes that stay persons and places."""

from __future__ import annotations

import pytest

from tests.conftest import process_text


def spans(doc, label: str) -> set[str]:
    return {s.text for s in doc.spans.get(label, [])}


def kind_names(nlp, text: str, label: str) -> set[str]:
    """What decision 314 alone makes of the sentence when the model reads every capitalised
    word after the kind noun as `label` (the model's reading of invented names varies)."""
    doc = process_text(nlp, text)
    rules = nlp.get_pipe("org_rules")
    words = [t for t in doc if t.is_title and t.i > 0 and not t.is_sent_start]
    group = []
    for t in words:
        if group and group[-1][1] == t.i:
            group[-1] = (group[-1][0], t.i + 1)
        else:
            group.append((t.i, t.i + 1))
    doc.spans["ORG"] = []
    doc.spans["PER" if label == "PER" else "LOC"] = [doc[a:b] for a, b in group]
    doc.spans["LOC" if label == "PER" else "PER"] = []
    return {s.text for s in rules._names_after_kinds(doc, [])}


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        # a name in the nominative after a kind noun in any case
        ("Вчера газета Буревестник сообщила о сделке.", "PER", {"Буревестник"}),
        ("Её назвали журналом Кругозор лучшим автором.", "PER", {"Кругозор"}),
        ("Он учился в университете Каллисто в Лиме.", "LOC", {"Каллисто"}),
        ("Выступят группы Ржавый Якорь и другие.", "LOC", {"Ржавый Якорь"}),
        # a person after a genitive kind is its post holder, not the body
        ("Лидер партии Олег Брусникин выступил.", "PER", set()),
        ("Руководитель группы Тарас Мельников уехал.", "PER", set()),
        # a person's initial or a dictionary first name is a person
        ("Об этом заявила партия И. Ковалёва.", "PER", set()),
        # a genitive after the kind is its owner or its seat
        ("Он вложил деньги в компанию Брусникина.", "PER", set()),
        ("Студенты университета Москвы вышли на улицы.", "LOC", set()),
        # a nominative after an oblique kind, before a verb, is the next clause's subject
        ("После университета Каллистов поступил на службу.", "LOC", set()),
        # a kind noun that also names a person's trade
        ("Кадры снял оператор Зорин вчера.", "PER", set()),
        # no kind noun, or a line between them
        ("Вчера Буревестник сообщил о сделке.", "PER", set()),
        ("Об этом пишет газета\nБуревестник", "PER", set()),
    ],
)
def test_name_after_kind_noun(nlp, text, label, expected):
    assert kind_names(nlp, text, label) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ребёнок родился в больнице (Greenvale Memorial Hospital) утром.",
            "Greenvale Memorial Hospital",
        ),
        (
            "Решение приняла коллегия (Colegio de Notarios Veranos) в среду.",
            "Colegio de Notarios Veranos",
        ),
        ("Акции выкупила компания Brightmoor Inc в июле.", "Brightmoor Inc"),
        ("Протест подал совет (Harwick Parish Council) в мае.", "Harwick Parish Council"),
    ],
)
def test_latin_name_with_kind_word_is_org(nlp, text, expected):
    assert expected in spans(process_text(nlp, text), "ORG")


@pytest.mark.parametrize(
    "text",
    [
        "Он установил пакет Brightmoor Office на компьютер.",  # no kind word
        "Матч прошёл в группе FC турнира.",  # the kind word alone
        "Он прочитал статью в Harwick Times утром.",  # a media title, not listed
    ],
)
def test_latin_without_kind_word_is_left(nlp, text):
    doc = process_text(nlp, text)
    rules = nlp.get_pipe("org_rules")
    from pipeline.stages.rules.lexicon import positions_of

    kinds_at = positions_of(doc, (rules.latin_kinds,))[0]
    assert rules._latin_kind_names(doc, [], kinds_at) == []


def test_latin_name_the_model_read_as_person_is_left(nlp):
    doc = process_text(nlp, "Решение приняла коллегия (Colegio de Notarios Veranos) в среду.")
    rules = nlp.get_pipe("org_rules")
    from pipeline.stages.rules.lexicon import positions_of

    start = next(t.i for t in doc if t.text == "Colegio")
    doc.spans["PER"] = [doc[start : start + 4]]
    kinds_at = positions_of(doc, (rules.latin_kinds,))[0]
    assert rules._latin_kind_names(doc, [], kinds_at) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Об обысках сообщил телеграм-канал «Тихий омут» вечером.", "Тихий омут"),
        ("Правительство сформировала коалиция «Кедровая роща» в июне.", "Кедровая роща"),
        ("Альбом выпустил лейбл «Серебряный ключ» в 2010 году.", "Серебряный ключ"),
    ],
)
def test_quoted_name_after_new_kind_noun(nlp, text, expected):
    """Decision 316: the quoted name after these kind nouns is found by
    `_quoted_after_heads` alone (the model's spans taken away)."""
    doc = process_text(nlp, text)
    rules = nlp.get_pipe("org_rules")
    assert expected in {s.text for s in rules._quoted_after_heads(doc, [])}
