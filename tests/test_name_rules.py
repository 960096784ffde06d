"""ORG chains and quotes, PER titles, LOC additions, normal forms and entity ids, on sentences
written for the tests (not taken from the seed article)."""

from __future__ import annotations

import pytest

from pipeline.normalize.inflect import nominative_word, restore_case
from tests.conftest import process_text
from tests.conftest import span_texts as spans


def normals(doc, label: str) -> dict[str, str]:
    return {s.text: s._.normal for s in doc.spans.get(label, [])}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Об этом сообщил директор Института востоковедения РАН Алексей Иванов.",
            ["Института востоковедения РАН", "РАН"],
        ),
        (
            "Сделку одобрил совет директоров компании «Норникель» в понедельник.",
            ["Норникель"],
        ),
    ],
)
def test_org_chains_and_quotes(nlp, text, expected):
    found = spans(process_text(nlp, text), "ORG")
    for name in expected:
        assert name in found


def test_unclosed_quote_is_closed_and_repeats_are_found(nlp):
    text = (
        "Министры обсудили работу Форума «Россия — Африка». "
        "Следующая встреча Форума «Россия — Африка» пройдёт осенью. "
        "Формат «Россия — Африка» оказался удачным."
    )
    doc = process_text(nlp, text)
    found = spans(doc, "ORG")
    assert found.count("Форума «Россия — Африка»") == 2
    assert "Россия — Африка" in found
    ids = {s._.entity_id for s in doc.spans["ORG"]}
    assert len(ids) == 1


def test_abbreviation_shares_entity_with_full_name(nlp):
    doc = process_text(
        nlp,
        "Заседание Организации Договора о коллективной безопасности прошло в Минске. "
        "Позже ОДКБ выпустила заявление.",
    )
    by_text = {s.text: s._.entity_id for s in doc.spans["ORG"]}
    assert "ОДКБ" in by_text
    full = [t for t in by_text if t.startswith("Организации")]
    assert full and by_text[full[0]] == by_text["ОДКБ"]


def test_person_titles_and_function_words(nlp):
    doc = process_text(
        nlp, "Как сообщает пресс-служба, короля Карла III принял президент Эммануэль Макрон."
    )
    people = spans(doc, "PER")
    assert "Как" not in people
    assert not any(p.lower().startswith(("короля", "президент")) for p in people)
    assert any("Макрон" in p for p in people)


def test_person_normal_and_short_forms_link(nlp):
    doc = process_text(
        nlp, "Встреча Владимира Путина с Си Цзиньпином длилась час. Путин отметил успех."
    )
    norm = normals(doc, "PER")
    assert norm["Владимира Путина"] == "Владимир Путин"
    ids = {s.text: s._.entity_id for s in doc.spans["PER"]}
    assert ids["Путин"] == ids["Владимира Путина"]


def test_named_routes_and_quoted_places(nlp):
    doc = process_text(
        nlp, "Грузы пойдут по Северному морскому пути, а газ — с месторождения «Ковыкта»."
    )
    places = spans(doc, "LOC")
    assert "Северному морскому пути" in places
    assert "Ковыкта" in places
    assert normals(doc, "LOC")["Северному морскому пути"] == "Северный морской путь"


def test_places_nested_in_org_names(nlp):
    doc = process_text(
        nlp, "Доклад подготовил Институт Европы РАН совместно с Посольством Франции."
    )
    places = spans(doc, "LOC")
    assert "Европы" in places


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Казахстане", "Казахстан"), ("Астаной", "Астана"), ("Токио", "Токио"), ("Жомарта", "Жомарт")],
)
def test_nominative_word(word, expected):
    assert nominative_word(word) == expected


@pytest.mark.parametrize(
    ("word", "model", "expected"),
    [("мид", "МИД", "МИД"), ("центр", "Центра", "Центр"), ("центр", "центра", "центр")],
)
def test_restore_case(word, model, expected):
    assert restore_case(word, model) == expected


@pytest.mark.parametrize(
    ("text", "name", "inner"),
    [
        (
            "Фонд борьбы с коррупцией (ФБК) опубликовал расследование.",
            "Фонд борьбы с коррупцией",
            "ФБК",
        ),
        (
            "Он стал чемпионом Всемирного боксерского совета (WBC) в 2010 году.",
            "Всемирного боксерского совета",
            "WBC",
        ),
        (
            "Выступил член партии ХДС (Христианско-демократический союз) Томас Шефер.",
            "ХДС",
            "Христианско-демократический союз",
        ),
    ],
)
def test_name_and_bracketed_abbreviation_are_two_mentions_of_one_org(nlp, text, name, inner):
    doc = process_text(nlp, text)
    found = {s.text: s._.entity_id for s in doc.spans["ORG"]}
    assert name in found and inner in found
    assert not any("(" in s for s in found)
    assert found[name] == found[inner]


def _org_rules_on(nlp, text: str, start: int, end: int):
    """org_rules alone on a Doc whose ORG group is one given span (what the model might tag)."""
    from spacy.tokens import Span

    doc = nlp.get_pipe("morphology")(nlp.make_doc(text))
    doc.spans["ORG"] = [Span(doc, start, end, label="ORG")]
    return [s.text for s in nlp.get_pipe("org_rules")(doc).spans["ORG"]]


def test_bracket_split_keeps_places_and_middle_brackets(nlp):
    # "Apple (США)": a place in brackets is no second organisation.
    assert _org_rules_on(nlp, "Компания Apple (США) отчиталась.", 1, 5) == ["Apple (США)"]
    # An unclosed bracket at the end of the tagged name still splits.
    text = "Член партии ХДС (Христианско-демократический союз Германии) выступил."
    assert _org_rules_on(nlp, text, 2, 6) == ["ХДС", "Христианско-демократический союз"]
    # Brackets with no letters on either side: nothing to split, and no name either.
    assert _org_rules_on(nlp, "Итог: 5 (6) раз.", 2, 6) == []
    # "A (B) C": the bracket is inside the name, which stays whole.
    text = "Спонсор «Клуб (Москва) Лимитед» объявил."
    assert _org_rules_on(nlp, text, 2, 7) == ["Клуб (Москва) Лимитед"]


def test_stray_straight_quotes_at_name_edges(nlp):
    text = 'Лидер "Движения за демократические перемены" выступил.'
    assert _org_rules_on(nlp, text, 2, 7) == ["Движения за демократические перемены"]
    text = 'Об этом сообщило РИА "Новости" в пятницу.'
    assert _org_rules_on(nlp, text, 3, 6) == ['РИА "Новости"']


def test_generic_words_are_not_organisations(nlp):
    """ "СМИ" (the media in general) names no organisation, whatever the model says."""
    assert _org_rules_on(nlp, "Об этом сообщили СМИ в пятницу.", 3, 4) == []
    assert _org_rules_on(nlp, "Об этом сообщили СМИ России.", 3, 5) == ["СМИ России"]


@pytest.mark.parametrize(
    ("text", "org", "place"),
    [
        (
            "Решение принял Верховный суд Таджикистана в среду.",
            "Верховный суд Таджикистана",
            "Таджикистана",
        ),
        ("Дело возбудил Следственный комитет РФ.", "Следственный комитет РФ", "РФ"),
        ("Кредит Сбербанка Казахстану одобрен.", "Сбербанка", "Казахстану"),  # dative
    ],
)
def test_place_in_genitive_after_a_name_belongs_to_it(nlp, text, org, place):
    doc = process_text(nlp, text)
    assert spans(doc, "ORG") == [org]
    assert place in spans(doc, "LOC")


def test_person_and_bracketed_original_name_are_two_mentions_of_one_person(nlp):
    doc = process_text(nlp, "Тодд Коумс (Todd Combs) станет менеджером фонда. Коумс согласился.")
    found = {s.text: s._.entity_id for s in doc.spans["PER"]}
    assert set(found) == {"Тодд Коумс", "Todd Combs", "Коумс"}
    assert len(set(found.values())) == 1


def test_known_organisations_the_model_takes_for_places(nlp):
    doc = process_text(
        nlp, "Санкции ЕС против России продлили. Решение Евросоюза приняли. В Кремле молчат."
    )
    assert spans(doc, "ORG") == ["ЕС", "Евросоюза", "Кремле"]
    assert spans(doc, "LOC") == ["России"]
    # Lowercase words are not the names ("кремль" of a Russian town is a fortress).
    doc = process_text(nlp, "Туристы осмотрели кремль и собор.")
    assert spans(doc, "ORG") == []
