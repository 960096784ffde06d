"""Seeded random texts from fragments that trip rules (brackets, quotes, line breaks, names,
numbers): the pipeline must not raise, and every mention must be the text at its offsets."""

from __future__ import annotations

import random

from pipeline.reader import Document
from pipeline.runner import table_rows

FRAGMENTS = [
    "Фонд",
    "борьбы",
    "(",
    ")",
    "()",
    "((",
    "ФБК",
    "«",
    "»",
    "„",
    "“",
    '"',
    "'",
    "\n",
    "\n\n",
    "\t",
    "\u00a0",
    ".",
    ",",
    "—",
    "-",
    ":",
    "ЕС",
    "Кремле",
    "Белый",
    "дом",
    "Верховный",
    "суд",
    "Таджикистана",
    "РФ",
    "Тодд",
    "Коумс",
    "(Todd",
    "Combs)",
    "И.",
    "Ф.",
    "Михальчук",
    "СМИ",
    "ООН",
    "ОАО",
    "Газпром",
    "в",
    "2019",
    "году",
    "3,7",
    "млрд",
    "$",
    "%",
    "Сирии",
    "Москвы",
    "Банк",
    "России",
    "Apple",
    "(США)",
    "вчера",
    "нефть",
    "с",
    "по",
    "1990-х",
    "около",
]


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    while len(texts) < count:
        glue = rng.choice([" ", "", "  "])
        text = glue.join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 50)))
        if text.strip():
            texts.append(text)
    return texts


def test_random_texts_give_consistent_mentions(nlp):
    texts = _texts(seed=2026, count=400)
    documents = [Document(f"r{i}", t, "<random>", "utf-8") for i, t in enumerate(texts)]
    results = table_rows(documents, nlp)
    assert len(results) == len(texts)
    for text, (mentions, document, _, _) in zip(texts, results, strict=True):
        assert document["characters"] == len(text)
        for row in mentions:
            assert text[row["start"] : row["end"]] == row["text"], row
            assert row["text"].strip() == row["text"] and row["text"], row
