"""DATE errors by class, from the errors.csv files `python -m pipeline evaluate` writes.

The class is read from the shape of the text (digits, dashes, unit words, prepositions), never
from a list of one corpus's strings, so before/after counts say which kind of expression moved:

    python scripts/date_error_classes.py before=/tmp/eval/nerel_dev after=/tmp/eval2/nerel_dev

`--drop CLASS` (repeatable) adds the strict DATE F1 of each run (from its metrics.json) with the
errors of those classes taken out of both sides: what the score would be if the corpus and the
pipeline agreed on them.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections import Counter
from pathlib import Path

_UNIT = (
    r"(лет|год|года|году|годам|годы|годах|месяц\w*|недел\w*|дн(я|ей|ям)|день|сут\w*|час\w*|век\w*)"
)
_PRESENT = re.compile(
    r"^(сейчас|ныне|нынче|в (настоящее|наше) время|в наши дни"
    r"|(в|на) (настоящий|данный|текущий) момент)$"
)
_DAY_DEIXIS = re.compile(r"(сегодн|вчера|завтра|накануне|на днях)")
_SET = re.compile(
    r"(ежегодн|ежемесячн|ежедневн|еженедельн|ежеквартальн|кажд|раз в"
    r"|^в (год|день|месяц|неделю)$|^по \w+м$)"
)
_ANAPHORIC = re.compile(
    r"(следующ|том же|тот же|этот же|этом же|позже|спустя|ранее|до этого|той же)"
)
_DURATION = re.compile(
    rf"^(в течени[ея] |на протяжении |на |за |около |почти |более |до |свыше )*[\w.,-]* ?{_UNIT}$"
)
_AGE_LIKE = re.compile(rf"^\d+ {_UNIT}$")
_GLUED = re.compile(r"\w-$")
_MONTH_ADJ = re.compile(
    r"(январск|февральск|мартовск|апрельск|майск|июньск|июльск|августовск|сентябрьск|октябрьск|ноябрьск|декабрьск|новогодн|субботн|воскресн)",
    re.IGNORECASE,
)
_CALENDAR = re.compile(
    r"\d|январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр|понедельник|вторник|сред[уае]|четверг|пятниц|суббот|воскресен|весн|лет[оа]|осен|зим",
    re.IGNORECASE,
)
_PREPOSITION = re.compile(
    r"^(в|во|с|со|на|до|по|к|за|от|через|после|спустя|в течение)\s", re.IGNORECASE
)

FALSE_POSITIVES = (
    "bare present",
    "day deixis",
    "set",
    "anaphoric",
    "number of years (age-like)",
    "duration",
    "calendar",
    "other",
)
MISSES = (
    "year glued to a name",
    "year alone (list, range, caption)",
    "month/weekday adjective",
    "set",
    "anaphoric",
    "duration",
    "calendar",
    "other",
)
BOUNDARIES = ("preposition", "range or list cut differently", "other")


def _shape(text: str, classes: tuple[str, ...]) -> str:
    low = text.lower().strip()
    tests = (
        ("bare present", _PRESENT.match(low)),
        ("day deixis", _DAY_DEIXIS.search(low)),
        ("set", _SET.search(low)),
        ("month/weekday adjective", _MONTH_ADJ.search(low) and not re.search(r"\d", low)),
        ("anaphoric", _ANAPHORIC.search(low)),
        ("number of years (age-like)", _AGE_LIKE.match(low)),
        ("duration", _DURATION.match(low)),
        ("calendar", _CALENDAR.search(low)),
    )
    return next((name for name, hit in tests if hit and name in classes), "other")


def classify(row: dict) -> str | None:
    if row["type"] != "DATE":
        return None
    if row["error"] == "false_positive":
        return "FP: " + _shape(row["pred_text"], FALSE_POSITIVES)
    if row["error"] == "false_negative":
        return "miss: " + _miss(row)
    if row["error"] == "boundary":
        return "boundary: " + _boundary(row["gold_text"], row["pred_text"])
    return None


def _miss(row: dict) -> str:
    gold = row["gold_text"].strip()
    if gold.isdigit():
        before = row["context"].split("⟦", 1)[0]
        return (
            "year glued to a name" if _GLUED.search(before) else "year alone (list, range, caption)"
        )
    return _shape(gold, MISSES)


def _boundary(gold: str, pred: str) -> str:
    g, p = gold.lower().strip(), pred.lower().strip()
    if _PREPOSITION.sub("", g) == _PREPOSITION.sub("", p) or g in p and _PREPOSITION.match(p):
        return "preposition"
    if re.search(r"[-–—]|\bпо\b|\bи\b|,", g + " " + p):
        return "range or list cut differently"
    return "other"


def count(folder: Path) -> Counter:
    with (folder / "errors.csv").open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle)
        # errors.csv of evaluate_corpora holds the natasha baseline's rows too
        mine = (r for r in rows if r.get("system", "pipeline") == "pipeline")
        return Counter(c for row in mine if (c := classify(row)))


def strict_f1(folder: Path, counts: Counter, drop: list[str]) -> tuple[float, float]:
    """Strict DATE F1 of a run as scored, and with the errors of the `drop` classes removed
    (a boundary error is one false positive and one false negative)."""
    with (folder / "metrics.json").open(encoding="utf-8") as handle:
        scored = json.load(handle)["systems"]["pipeline"]["strict"]["DATE"]
    tp, fp, fn = scored["tp"], scored["fp"], scored["fn"]
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    for name in drop:
        n = counts[name]
        fp -= n if name.startswith(("FP", "boundary")) else 0
        fn -= n if name.startswith(("miss", "boundary")) else 0
    return f1, (2 * tp / (2 * tp + fp + fn) if tp else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="+", help="label=folder holding errors.csv")
    parser.add_argument("--drop", action="append", default=[], help="a class, as printed")
    args = parser.parse_args()
    runs = [run.split("=", 1) for run in args.runs]
    counts = [count(Path(folder)) for _, folder in runs]
    names = [f"FP: {c}" for c in FALSE_POSITIVES] + [f"miss: {c}" for c in MISSES]
    names += [f"boundary: {c}" for c in BOUNDARIES]
    print("| class | " + " | ".join(label for label, _ in runs) + " |")
    print("|---|" + "---|" * len(runs))
    for name in names:
        if any(c[name] for c in counts):
            print(f"| {name} | " + " | ".join(str(c[name]) for c in counts) + " |")
    if args.drop:
        pairs = zip(runs, counts, strict=True)
        scores = [strict_f1(Path(folder), c, args.drop) for (_, folder), c in pairs]
        print("| strict F1 | " + " | ".join(f"{a:.3f}" for a, _ in scores) + " |")
        print("| without dropped | " + " | ".join(f"{b:.3f}" for _, b in scores) + " |")


if __name__ == "__main__":
    main()
