"""PART_OF between ORG mentions (guideline 108-110), on sentences written for the tests, each
mechanism with the look-alike that must stay as it is."""

from __future__ import annotations

from functools import partial

import pytest

from tests.conftest import pairs


def orgs(doc) -> set[str]:
    return {s.text for s in doc.spans.get("ORG", [])}


part_of = partial(pairs, kind="PART_OF")


@pytest.mark.parametrize(
    ("text", "unit", "parent"),
    [
        # decision 108: a unit with its named parent takes its weak adjectives
        ("Он возглавил главное управление МВД России.", "главное управление МВД России",
         "МВД России"),
        ("Сотрудники городского управления «Вектора» уволены.",
         "городского управления «Вектора»", "Вектора"),
        # "по" + place after a territorial unit's parent is the unit's territory
        ("Дело возбуждено в Следственном управлении Следственного комитета России по "
         "Тверской области.",
         "Следственном управлении Следственного комитета России по Тверской области",
         "Следственного комитета России"),
        # ... while a press office leaves it to its parent
        ("Об этом сообщили в пресс-службе ГУ МВД России по Москве.",
         "пресс-службе ГУ МВД России по Москве", "ГУ МВД России по Москве"),
        # a unit's field with an instrumental object and coordinated genitives
        ("Петров руководил департаментом управления проектами и закупок «Вектора».",
         "департаментом управления проектами и закупок «Вектора»", "Вектора"),
        ("Он работал в отделе кадров и бухгалтерии «Вектора».",
         "отделе кадров и бухгалтерии «Вектора»", "Вектора"),
        # a "по" field after a head and its nested body is the head's (decision 95)
        ("Комитет Госдумы по науке одобрил проект.", "Комитет Госдумы по науке", "Госдумы"),
        # a body word with its place is a named parent too
        ("Об этом сообщила пресс-служба правительства Норвегии.",
         "пресс-служба правительства Норвегии", "правительства Норвегии"),
        # ... and ends where its parent ends, once the parent is complete
        ("Об этом сообщили в пресс-службе ГУ МВД России по Тверской области.",
         "пресс-службе ГУ МВД России по Тверской области",
         "ГУ МВД России по Тверской области"),
    ],
)  # fmt: skip
def test_unit_bounds(nlp, text, unit, parent):
    doc = nlp(text)
    assert {unit, parent} <= orgs(doc)
    assert (unit, parent) in part_of(doc)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a weak adjective that picks a unit out of the text stays out of it
        ("Сотрудники этого управления МВД России уволены.", "этого управления МВД России"),
        ("Он возглавлял бывшее управление МВД России.", "бывшее управление МВД России"),
        # "управления проектами" is the activity, not a unit nested in the department
        (
            "Петров руководил департаментом управления проектами «Вектора».",
            "управления проектами «Вектора»",
        ),
        # a unit before a bare body word is not extended (decision 94)
        ("Пресс-служба правительства сообщила об этом.", "Пресс-служба правительства"),
        # the weak adjective of a bare head still makes no body (decision 52)
        ("Городское управление сообщило о ремонте.", "Городское управление"),
    ],
)
def test_unit_bounds_look_alikes(nlp, text, absent):
    assert absent not in orgs(nlp(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # decision 110: a company's unit named alone is PART_OF the named ORG before it
        ("Акции «Вектора» упали. Совет директоров компании уволил гендиректора.",
         {("Совет директоров", "Вектора")}),
        ("Иванов пришёл в Apple в 2001 году и вошёл в совет директоров.",
         {("совет директоров", "Apple")}),
        ("«Север» сменил руководство: наблюдательный совет назначил Петрова.",
         {("наблюдательный совет", "Север")}),
        # look-alikes: no name in this or the previous sentence; a unit with its own parent
        ("Погода была плохой. Дождь шёл весь день. Совет директоров собрался в пятницу.",
         set()),
        ("«Вектор» вырос, правление «Севера» одобрило сделку.",
         {("правление «Севера»", "Севера")}),
    ],
)  # fmt: skip
def test_bare_unit_parent(nlp, text, expected):
    doc = nlp(text)
    assert {
        link for link in part_of(doc) if link[0].lower().startswith(("совет", "наблюд", "правл"))
    } == expected  # noqa: E501


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # decision 108: a person noun opening a model ORG is no part of the body
        ("Солдаты ООН патрулируют город.", "ООН", "Солдаты ООН"),
        ("Корреспондент Русской службы «Голоса Америки» узнал об этом.",
         "Русской службы «Голоса Америки»", "Корреспондент Русской службы «Голоса Америки»"),
        # decision 123: the person noun the model tagged alone chains to no name after it
        ("В Минобороны сообщили об уходе начальника Генштаба\n\nПредставитель Минобороны "
         "Игорь Петров подтвердил это.", "Минобороны", "Представитель Минобороны"),
        # look-alike: a name opening with a person noun before a preposition stays whole
        ("Организация «Врачи без границ» направила помощь.", "Врачи без границ", None),
    ],
)  # fmt: skip
def test_person_word_is_not_the_body(nlp, text, present, absent):
    found = orgs(nlp(text))
    assert present in found
    assert absent is None or absent not in found


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        # decision 109: a body attached "при" another is not its part
        ("Он возглавлял Экспертный совет при ГУ МВД России по Тверской области.",
         ("Экспертный совет при ГУ МВД России по Тверской области",
          "ГУ МВД России по Тверской области"),
         ("ГУ МВД России по Тверской области", "МВД России")),
        # look-alike: the genitive parent stays linked
        ("Он возглавлял управление кадров ГУ МВД России.",
         None, ("управление кадров ГУ МВД России", "ГУ МВД России")),
    ],
)  # fmt: skip
def test_attached_body_is_not_part(nlp, text, absent, present):
    found = part_of(nlp(text))
    assert present in found
    assert absent is None or absent not in found


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a "по" field lists its parts with commas and "и" (decision 108)
        ("Глава комитета Думы по транспорту, связи и дорожному хозяйству выступил.",
         "комитета Думы по транспорту, связи и дорожному хозяйству",
         None),
        ("Комитет Думы по вопросам труда, занятости и миграции одобрил проект.",
         "Комитет Думы по вопросам труда, занятости и миграции", None),
        # look-alikes: a body listed after the field, an aside after a comma
        ("Он направил письма комитету по обороне, министерству финансов и правительству.",
         "комитету по обороне", "комитету по обороне, министерству финансов"),
        ("Комитет по науке, а также министерство поддержали идею.", "Комитет по науке", None),
        # a person noun at the start of a line (a caption) is cut like at a sentence start
        ("Итоги выборов\nПредставитель Минобороны Игорь Петров подтвердил это.", "Минобороны",
         "Представитель Минобороны"),
    ],
)  # fmt: skip
def test_org_bounds(nlp, text, present, absent):
    found = orgs(nlp(text))
    assert present in found
    assert absent is None or absent not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name's own capitalised adjectives make no parent of the rest of it (decision 108)
        ("Он окончил Приморский Государственный Университет.", set()),
        # look-alike: a capitalised head the tagger calls an adjective is still a unit
        ("Пресс-служба МВД сообщила об этом.", {("Пресс-служба МВД", "МВД")}),
    ],
)
def test_name_adjectives_make_no_parent(nlp, text, expected):
    assert part_of(nlp(text)) == expected


@pytest.mark.parametrize(
    ("text", "unit", "parent"),
    [
        # decision 120: "по" + a place noun + the place completes a name like "по" + place
        ("Об этом сообщили в пресс-центре ГУ МВД России по г. Москве.",
         "пресс-центре ГУ МВД России по г. Москве", "ГУ МВД России по г. Москве"),
        ("Об этом сообщили в пресс-службе ГУ МВД России по городу Москве.",
         "пресс-службе ГУ МВД России по городу Москве", "ГУ МВД России по городу Москве"),
        # a unit named by its field is no territorial branch: the place is its parent's
        ("Задержание провело Управление по контролю за оборотом наркотиков Главного "
         "управления МВД по Москве.",
         "Управление по контролю за оборотом наркотиков Главного управления МВД по Москве",
         "Главного управления МВД по Москве"),
        # look-alike: a territorial branch keeps the place to itself (decision 108)
        ("Его задержали сотрудники управления ФСБ России по Москве.",
         "управления ФСБ России по Москве", "ФСБ России"),
    ],
)  # fmt: skip
def test_territory_after_a_place_noun_and_a_field(nlp, text, unit, parent):
    doc = nlp(text)
    assert {unit, parent} <= orgs(doc)
    assert (unit, parent) in part_of(doc)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # decision 121: units coordinated before a unit its parent closes share the parent
        ("Вопрос обсуждали Генеральная ассамблея и Совет Безопасности ООН.",
         {("Генеральная ассамблея", "ООН"), ("Совет Безопасности ООН", "ООН")}, set()),
        ("Проект одобрили комитет по бюджету, комитет по экономике и комитет по науке "
         "Госдумы.",
         {("комитет по бюджету", "Госдумы"), ("комитет по экономике", "Госдумы")}, set()),
        # look-alikes: a named body is no unit of the other's parent; nor is a plain body
        ("Решение приняли «Вектор» и правление «Севера».",
         {("правление «Севера»", "Севера")}, {("Вектор", "Севера")}),
        ("Письмо подписали правительство и комитет по науке Госдумы.",
         {("комитет по науке Госдумы", "Госдумы")}, {("правительство", "Госдумы")}),
    ],
)  # fmt: skip
def test_coordinated_units(nlp, text, present, absent):
    found = part_of(nlp(text))
    assert present <= found
    assert not absent & found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # decision 122: a bare unit followed by its parent's kind and name, all genitive
        ("Петров стал главой совета директоров немецкого оператора кабельного телевидения "
         "Vectra.", {("совета директоров", "Vectra")}),
        # look-alike: a verb between them ends the search; the named ORG before it is taken
        ("«Вектор» объявил: совет директоров одобрил сделку с NordSat.",
         {("совет директоров", "Вектор")}),
    ],
)  # fmt: skip
def test_bare_unit_before_its_parent(nlp, text, expected):
    found = {link for link in part_of(nlp(text)) if link[0].startswith("совет")}
    assert found == expected


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # decision 123: an institution named with the body it serves is no part of it
        ("Он окончил Высшую школу КГБ СССР.", None, ("Высшую школу КГБ СССР", "КГБ СССР")),
        # look-alikes: a university's schools are its units; an academy's research institute
        # is its part (decision 72); a unit of the institution stays linked
        ("Он преподаёт в Медицинской школе Университета Питтсбурга.",
         ("Медицинской школе Университета Питтсбурга", "Университета Питтсбурга"), None),
        ("Он работал в Институте археологии РАН.", ("Институте археологии РАН", "РАН"), None),
        ("Об этом сообщила пресс-служба Высшей школы КГБ СССР.",
         ("пресс-служба Высшей школы КГБ СССР", "Высшей школы КГБ СССР"),
         ("Высшей школы КГБ СССР", "КГБ СССР")),
    ],
)  # fmt: skip
def test_institution_is_not_part_of_its_body(nlp, text, present, absent):
    found = part_of(nlp(text))
    assert present is None or present in found
    assert absent is None or absent not in found


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a part-of word names the part right after its parent or after a dash
        ("Сделку провело подразделение ВТБ — ВТБ Капитал.", ("ВТБ Капитал", "ВТБ"), None),
        # look-alike: "и" after the parent lists a second parent, not a part (decision 122)
        ("Сделку провели подразделения ВТБ и МТС.", None, ("МТС", "ВТБ")),
    ],
)  # fmt: skip
def test_part_of_word_apposition(nlp, text, present, absent):
    found = part_of(nlp(text))
    assert present is None or present in found
    assert absent is None or absent not in found


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # decision 153: a unit's own adjectives before a capitalised unit word are part of
        # the part; the name without them (kept as a nested mention) makes no link
        ("Он возглавлял исполнительный Совет ВАДА.", ("исполнительный Совет ВАДА", "ВАДА"),
         ("Совет ВАДА", "ВАДА")),
        # a word the tagger calls an adjective but the dictionary reads as a noun is a unit
        # of its own, no epithet: "политбюро [центрального комитета партии]"
        ("Бывший посол введён в состав политбюро центрального комитета Компартии Вьетнама.",
         ("политбюро центрального комитета Компартии Вьетнама",
          "центрального комитета Компартии Вьетнама"), None),
        # look-alike: a name's own epithets before a body with no parent make no link
        ("В выборах победила левоцентристская Демократическая партия.", None,
         ("левоцентристская Демократическая партия", "Демократическая партия")),
    ],
)  # fmt: skip
def test_part_with_its_epithets(nlp, text, present, absent):
    found = part_of(nlp(text))
    assert present is None or present in found
    assert absent is None or absent not in found


@pytest.mark.parametrize(
    ("text", "unit", "parent"),
    [
        # decision 154: a compound adjective the tagger leaves without a case still agrees
        ("Начальник главного контрольно-ревизионного управления Минфина уволился.",
         "главного контрольно-ревизионного управления Минфина", "Минфина"),
        # a "по" field after a body named by its field and its parent's name is the body's
        ("Комитет Сената Канады по международной торговле одобрил законопроект.",
         "Комитет Сената Канады по международной торговле", "Сената Канады"),
        ("Руководитель дирекции «Вектора» по радиовещанию ушёл в отставку.",
         "дирекции «Вектора» по радиовещанию", "Вектора"),
    ],
)  # fmt: skip
def test_unit_words_around_its_parent(nlp, text, unit, parent):
    doc = nlp(text)
    assert {unit, parent} <= orgs(doc)
    assert (unit, parent) in part_of(doc)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # look-alikes: a press office has no field; "по" + a place is a territory
        ("Он обратился в пресс-службу «Вектора» по вопросу аккредитации.",
         "пресс-службу «Вектора» по вопросу аккредитации"),
        ("Сотрудники управления ФСБ России по Москве задержали его.", "ФСБ России по Москве"),
        # decision 155: a party's congress is a meeting, no body and no part of the party
        ("Делегаты собрались на Внеочередном съезде Партии зелёных.",
         "Внеочередном съезде Партии зелёных"),
    ],
)  # fmt: skip
def test_unit_words_look_alikes(nlp, text, absent):
    assert absent not in orgs(nlp(text))


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # decision 155: "дочерняя компания" with the parent's own kind before its name
        ("Сделку провёл «Вектор Капитал», дочерняя компания банка «Вектор».",
         ("Вектор Капитал", "Вектор"), None),
        # the part after the parent past a quote and a dash
        ("Лицензию получила дочерняя компания «Севера» — «Север Лизинг».",
         ("Север Лизинг", "Севера"), None),
        # the subject of a linking verb
        ("«Вектор Капитал» является дочерней компанией «Севера».",
         ("Вектор Капитал", "Севера"), None),
        ("Лаборатория «Кристалл», входящая в структуру «Вектора», закрылась.",
         ("Лаборатория «Кристалл»", "Вектора"), None),
        # look-alikes: leaving a body is no part of it; a name nested in the parent is no
        # part beside it
        ("Партия «Вектор» вышла из состава коалиции «Север».", None,
         ("Партия «Вектор»", "Север")),
        ("Он учился в структурном подразделении Московского государственного университета.",
         None, ("Московского государственного университета", "Московского")),
    ],
)  # fmt: skip
def test_part_of_phrase(nlp, text, present, absent):
    found = part_of(nlp(text))
    assert present is None or present in found
    assert absent is None or absent not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # decisions 72 and 152: a chain links each name to its immediate parent only
        ("Доклад подготовил Центр арабских исследований Института востоковедения РАН.",
         {("Центр арабских исследований Института востоковедения РАН",
           "Института востоковедения РАН"),
          ("Института востоковедения РАН", "РАН")}),
        ("Об этом сообщила пресс-служба Центра корейских исследований Института Дальнего "
         "Востока РАН.",
         {("пресс-служба Центра корейских исследований Института Дальнего Востока РАН",
           "Центра корейских исследований Института Дальнего Востока РАН"),
          ("Центра корейских исследований Института Дальнего Востока РАН",
           "Института Дальнего Востока РАН"),
          ("Института Дальнего Востока РАН", "РАН")}),
    ],
)  # fmt: skip
def test_chain_links_immediate_parents(nlp, text, expected):
    assert part_of(nlp(text)) == expected


# decisions 170 and 185: a plural "по делам" is a field; the genitive right after a bare
# field noun is its topic, not the body's parent; a name after a completed field is
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Глава комитета по делам СНГ заявил об этом.", set()),
        ("Депутат комитета по делам СНГ Госдумы выступил вчера.",
         {("комитета по делам СНГ Госдумы", "Госдумы")}),
        # look-alikes: a field with its adjective, or a field of one noun, is complete
        ("Комитет по иностранным делам Сената США одобрил договор.",
         {("Комитет по иностранным делам Сената США", "Сената США")}),
        ("Комитет по делам молодёжи Госдумы провёл слушания.",
         {("Комитет по делам молодёжи Госдумы", "Госдумы")}),
        ("Комитет по науке Госдумы одобрил проект.",
         {("Комитет по науке Госдумы", "Госдумы")}),
    ],
)  # fmt: skip
def test_a_fields_topic_is_no_parent(nlp, text, expected):
    assert part_of(nlp(text)) >= expected
    found = {parent for _, parent in part_of(nlp(text))}
    assert "СНГ" not in found  # the committee's topic, never its parent


def test_field_topic(nlp):
    from pipeline.stages.relations.words import field_topic

    fields = frozenset({"дело", "вопрос"})
    doc = nlp("Трибунал по делам бывшей Югославии и комитет по иностранным делам Сената.")
    assert field_topic(doc, 4, 0, fields)  # "Югославии", past its own adjective
    assert not field_topic(doc, 10, 6, fields)  # "Сената": "по иностранным делам" is complete
    assert not field_topic(doc, 4, 0, frozenset())  # no topic fields in the lexicon: none
    assert not field_topic(doc, 1, 0, fields)  # bad input: no room for "по" before the name
