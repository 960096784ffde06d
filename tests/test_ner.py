"""The NER stage: BIO decoding, and spans written on the Doc's own tokens."""

import pytest

from pipeline.stages.ner import bio_chunks, bracket_parts, entity_pieces


@pytest.mark.parametrize(
    ("tags", "chunks"),
    [
        (["B-PER", "I-PER", "O", "B-LOC"], [("PER", 0, 1), ("LOC", 3, 3)]),
        (["I-ORG", "I-ORG", "B-ORG"], [("ORG", 0, 1), ("ORG", 2, 2)]),
        (["B-PER", "I-LOC"], [("PER", 0, 0), ("LOC", 1, 1)]),
        (["O", "O"], []),
        ([], []),
    ],
)
def test_bio_chunks(tags, chunks):
    assert list(bio_chunks(tags)) == chunks


def test_ner_spans_align_with_tokens(seed_doc, seed_text):
    for label in ("PER", "LOC", "ORG"):
        for span in seed_doc.spans[label]:
            assert seed_text[span.start_char : span.end_char] == span.text
            assert not span[0].is_space and not span[-1].is_space


@pytest.mark.parametrize(
    ("text", "tagged", "expected"),
    [
        # A tagged stretch running over a line break is cut there.
        (
            "Пришёл СК\n\nФонд борьбы с коррупцией заявил",
            "СК\n\nФонд борьбы с коррупцией",
            ["СК", "Фонд борьбы с коррупцией"],
        ),
        # Stray punctuation at the edges is left out; quotes stay.
        (
            "Он учился в Колумбийском университете. Потом уехал.",
            "Колумбийском университете.",
            ["Колумбийском университете"],
        ),
        ('Сообщило РИА "Новости" вчера', 'РИА "Новости"', ['РИА "Новости"']),
        # The dot of a final initial stays.
        ("Подписал Михальчук И. Ф. вчера", "Михальчук И. Ф.", ["Михальчук И. Ф."]),
        # A lone adjective cut off by the line break is no name.
        ("Кронпринц Нарухито\nВерхняя палата приняла закон", "Нарухито\nВерхняя", ["Нарухито"]),
    ],
)
def test_entity_pieces(nlp, text, tagged, expected):
    doc = nlp.get_pipe("morphology")(nlp.make_doc(text))
    start_char = text.index(tagged)
    span = doc.char_span(start_char, start_char + len(tagged))
    pieces = entity_pieces(doc, span.start, span.end)
    assert [doc[a:b].text for a, b in pieces] == expected


@pytest.mark.parametrize(
    ("text", "tagged", "parts"),
    [
        ("Тодд Коумс (Todd Combs) сказал", "Тодд Коумс (Todd Combs)", ["Тодд Коумс", "Todd Combs"]),
        (
            "Кен Кокрел (Ken Cockrel Jr.) сказал",
            "Кен Кокрел (Ken Cockrel Jr.)",
            ["Кен Кокрел", "Ken Cockrel Jr"],
        ),
        (
            "Карсон Ёнг (Carson Yeung) сказал",
            "Карсон Ёнг (Carson Yeung",
            ["Карсон Ёнг", "Carson Yeung"],
        ),
        ("Пак Кын Хе () сказала", "Пак Кын Хе ()", ["Пак Кын Хе"]),
        ("Клуб (Москва) Лимитед сказал", "Клуб (Москва) Лимитед", None),  # brackets inside
        ("Тодд Коумс сказал", "Тодд Коумс", None),
    ],
)
def test_bracket_parts(nlp, text, tagged, parts):
    doc = nlp.make_doc(text)
    span = doc.char_span(text.index(tagged), text.index(tagged) + len(tagged))
    found = bracket_parts(doc, span.start, span.end)
    assert (None if found is None else [doc[a:b].text for a, b in found]) == parts
