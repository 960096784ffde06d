"""TimexScanner._counted: the unit a duration is read at and what counts it — a number or a
quantity word before it, past a window word ("28 последних лет"), or the duration word itself
("полгода") — and no unit at an ordinary word."""

from __future__ import annotations

import pytest

# (text, the word read, (unit, amount, the amount's first word, window direction) or None)
# fmt: off
CASES = [
    ("Он работал там три года.", "года", ("year", 3.0, "три", None)),
    ("Стройка длилась 18 месяцев.", "месяцев", ("month", 18.0, "18", None)),
    ("Цены росли свыше 28 последних лет.", "лет", ("year", 28.0, "28", -1)),
    ("Проект займёт полгода.", "полгода", ("month", 6.0, "полгода", None)),
    ("Через несколько дней всё решилось.", "дней", ("day", None, "несколько", None)),
    ("Годы шли, а завод стоял.", "Годы", ("year", None, None, None)),
    ("Завод стоял на берегу.", "берегу", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "word", "expected"), CASES)
def test_counted(nlp, text, word, expected) -> None:
    doc = nlp(text)
    scanner = nlp.get_pipe("date_rules").timex
    u = next(t.i for t in doc if t.text == word)
    counted = scanner._counted(doc, u, doc[u].sent.start)
    if expected is None:
        assert counted is None
        return
    unit, amount, q_start, inner = counted
    first = None if q_start is None else doc[q_start].text
    assert (unit, amount, first, inner) == expected
