"""DateMatchers (pipeline/stages/rules/date.py) runs only the patterns a stretch can match: its
matches, alignments and their order must equal those of the Matcher of every pattern."""

import pytest

from pipeline.stages.rules.date import DateMatchers, _feature_test, build_matcher

SENTENCES = [
    "2019",
    "В 2019 году",
    "Заседание прошло 15 марта 2021 года",
    "с 1 января 2010 года по 31 декабря 2015 года включительно",
    "в период с 2003 по 2011 годы и в 1990\u00a0году",
    "27–28 сентября, в понедельник, 27 апреля 2020 года",
    "в 70-х годах прошлого века и в XX в. и во второй половине XIX века",
    "около 14 лет назад, почти через два года, чуть больше недели назад",
    "во вторник — 13 сентября; вчера — 17 февраля; весной 2018 года",
    "в начале 1990-х годов, во II квартале 2020 г., в первой декаде мая",
    "на декабрьском заседании в настоящее время и сегодня",
    "с.г. и 12.05.2019 и 2000-2005 и ноябре-декабре",
    "Слова без дат совсем.",
    "",
]


@pytest.fixture(scope="module")
def parts(nlp):
    date = nlp.get_pipe("date_rules")
    full = {True: build_matcher(nlp.vocab, date.lex)[0]}
    full[False] = build_matcher(nlp.vocab, date.lex, spaces=False)[0]
    return date, full


@pytest.mark.parametrize("text", SENTENCES)
def test_same_matches_as_every_pattern(nlp, parts, text):
    date, full = parts
    doc = nlp.make_doc(text)
    spans = [doc[:], *(doc[s:e] for s, e in date._stretches(doc))]
    for span in spans:
        expected = full[any(t.is_space for t in span)](span, with_alignments=True)
        assert date.matchers(span) == expected
    assert (text == "" or "Слова" in text) or date.matchers(doc[:])


def test_few_patterns_for_a_short_stretch(nlp, parts):
    date, _ = parts
    matchers = DateMatchers(nlp.vocab, date.lex)
    doc = nlp.make_doc("в 2019 году")
    assert matchers(doc[:])
    ((_, chosen),) = matchers._matchers
    assert 0 < len(chosen) < len(matchers._patterns[False]) / 10


@pytest.mark.parametrize(
    "spec, text, expected",
    [
        ({"LOWER": "с"}, "С", True),
        ({"ORTH": ","}, ",", True),
        ({"LOWER": {"IN": ["мая"]}}, "Мая", True),
        ({"ORTH": {"IN": ["-"]}}, "–", False),
        ({"TEXT": {"REGEX": "^\\d+$"}}, "2019", True),
        ({"LOWER": {"REGEX": "^ab$"}}, "AB", True),
    ],
)
def test_feature_test_agrees_with_matcher_attrs(spec, text, expected):
    assert _feature_test(spec)(text) is expected


@pytest.mark.parametrize(
    "spec", [{"POS": "NUM"}, {"LOWER": {"NOT_IN": ["a"]}}, {"LOWER": "a", "IS_DIGIT": True}]
)
def test_feature_test_refuses_what_it_cannot_decide(spec):
    with pytest.raises(ValueError):
        _feature_test(spec)
