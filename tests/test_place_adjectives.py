"""Place adjectives (guideline 90-93): the PLACE_ADJ mentions, their seats, their scoring.
Table-driven, each mechanism with the look-alike that must not fire."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.errors import InputError
from pipeline.evaluation.metrics import evaluate
from pipeline.evaluation.model import Document, GoldCorpus, Mention, Relation
from pipeline.evaluation.relations import GIVEN, relations_from_tables, score_relations
from pipeline.stages.rules.place_adj import PlaceLexicon
from pipeline.tables import mention_rows


def places(doc) -> set[tuple[str, str]]:
    return {(s.text, s._.normal) for s in doc.spans.get("PLACE_ADJ", [])}


def seats(doc) -> set[tuple[str, str]]:
    return {
        (r.head.text, r.tail.text)
        for r in doc._.relations
        if r.type == "HEADQUARTERED_IN" and r.tail.label_ == "PLACE_ADJ"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Российская компания открыла офис.", {("Российская", "Россия")}),
        ("Суд вынес решение в московском офисе.", {("московском", "Москва")}),
        (
            "Американские и китайские власти спорят.",
            {("Американские", "США"), ("китайские", "Китай")},
        ),
        ("Рабочие татарстанского завода бастуют.", {("татарстанского", "Татарстан")}),
        ("Офис нью-йоркской биржи закрыт.", {("нью-йоркской", "Нью-Йорк")}),
        # look-alikes: a language, a place's own name, a person's name, an ethnic adjective
        ("Он говорит на немецком языке.", set()),
        ("Российская Федерация подписала договор.", set()),
        ("Александр Македонский основал город.", set()),
        ("Русский музей открыл выставку.", set()),
        ("Западные страны ввели санкции.", set()),
    ],
)
def test_place_adjective_mentions(nlp, text, expected):
    assert places(nlp(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # decision 91: inside an ORG, before its head word
        ("Российское правительство выделит деньги.", {("Российское правительство", "Российское")}),
        ("Московский суд арестовал бизнесмена.", {("Московский суд", "Московский")}),
        ("Американские власти ввели санкции.", {("Американские власти", "Американские")}),
        # decision 92: before the name, agreeing with the descriptor or with the name
        ("Российская компания «Яндекс» открыла офис.", {("Яндекс", "Российская")}),
        (
            "Акции американского автопроизводителя General Motors упали.",
            {("General Motors", "американского")},
        ),
        ("Он работает в российском Минфине.", {("Минфине", "российском")}),
        ("Матч с тульским «Арсеналом» прошёл вничью.", {("Арсеналом", "тульским")}),
        (
            "Концерт советской и российской рок-группы «Алиса» прошёл в Москве.",
            {("Алиса", "советской"), ("Алиса", "российской")},
        ),
        # decision 93: part of the name
        (
            "Компания «Российские железные дороги» повысила тарифы.",
            {("Компания «Российские железные дороги»", "Российские")},
        ),
        # look-alikes: a person, a currency, a topic after the head, a place noun, a complement
        ("Американский актёр Джордж Клуни приехал в Москву.", set()),
        ("Зарплату платят в российских рублях.", set()),
        ("Сотрудник Института российской истории РАН выступил.", set()),
        ("После концертов в российских городах «Ленинград» уехал в Ниццу.", set()),
        ("Американский инвестор «Газпрома» продал акции.", set()),
    ],
)
def test_adjective_seats(nlp, text, expected):
    assert seats(nlp(text)) == expected


def test_place_adjectives_in_the_mentions_table(nlp):
    doc = nlp("Российская компания «Яндекс» открыла офис.")
    rows = [r for r in mention_rows(doc) if r["type"] == "PLACE_ADJ"]
    assert [(r["text"], r["normal"]) for r in rows] == [("Российская", "Россия")]


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('[places.a]\n"российский" = "Россия"\n', {"российский": "Россия"}),
        ('[places.a]\n"зелёный" = "Зелёный"\n', {"зеленый": "Зелёный"}),  # ё folded
        (
            '[places.a]\n"российский" = "Россия"\n[places.b]\n"российский" = "РФ"\n',
            {"российский": "Россия"},
        ),
        ("", {}),
    ],
)
def test_lexicon_load(tmp_path, toml, expected):
    path = tmp_path / "places.toml"
    path.write_text(toml, encoding="utf-8")
    assert PlaceLexicon.load(path).places == expected


def test_lexicon_bad_input(tmp_path):
    path = tmp_path / "places.toml"
    path.write_text("[places\n", encoding="utf-8")
    with pytest.raises(InputError, match="places.toml"):
        PlaceLexicon.load(path)


# --- scoring: a PLACE_ADJ is matched against the gold's place mention on the adjective ---

TEXT = "Российская компания «Яндекс» открыла офис."
GOLD_ADJ = Mention("d1", 0, 10, "LOC")  # NEREL tags COUNTRY on "Российская"
YANDEX = Mention("d1", 21, 27, "ORG")


def _corpus() -> GoldCorpus:
    doc = Document("d1", TEXT, gold=[GOLD_ADJ, YANDEX])
    doc.relations = [Relation("d1", "HEADQUARTERED_IN", YANDEX, GOLD_ADJ)]
    return GoldCorpus("x", "nerel", [doc], ("ORG", "LOC"), relation_types=("HEADQUARTERED_IN",))


def _tables(adjective_end: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    mentions = pd.DataFrame(
        [
            {
                "doc_id": "d1",
                "mention_id": "M1",
                "type": "PLACE_ADJ",
                "start": 0,
                "end": adjective_end,
            },
            {"doc_id": "d1", "mention_id": "M2", "type": "ORG", "start": 21, "end": 27},
        ]
    )
    relations = pd.DataFrame(
        [
            {
                "doc_id": "d1",
                "type": "HEADQUARTERED_IN",
                "head_mention_id": "M2",
                "tail_mention_id": "M1",
            }
        ]
    )
    return mentions, relations


@pytest.mark.parametrize(
    ("adjective_end", "strict_tp", "partial_tp"),
    [(10, 1, 1), (9, 0, 1)],  # same offsets; overlapping only
)
def test_place_adjective_scored_as_the_gold_place(adjective_end, strict_tp, partial_tp):
    mentions, relations = _tables(adjective_end)
    predicted = relations_from_tables(mentions, relations)
    found = [Mention("d1", 0, adjective_end, "PLACE_ADJ"), YANDEX]
    result = score_relations(_corpus(), predicted, found)
    assert result.counts["strict"]["HEADQUARTERED_IN"].tp == strict_tp
    assert result.counts["partial"]["HEADQUARTERED_IN"].tp == partial_tp
    assert result.counts[GIVEN]["HEADQUARTERED_IN"].tp == 1


def test_mention_scoring_leaves_place_adjectives_out():
    predicted = [Mention("d1", 0, 10, "PLACE_ADJ"), YANDEX]
    result = evaluate(_corpus(), predicted)
    loc = result.counts["strict"]["LOC"]
    assert (loc.tp, loc.fp, loc.fn) == (0, 0, 1)  # neither a hit nor a false positive
