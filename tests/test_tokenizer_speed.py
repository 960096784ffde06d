"""The tokenizer's fast paths give razdel's and spaCy's answers: random strings built from the
pieces razdel's rules look at (dashes, decimal points, abbreviations, initials, emoticons,
quotes, brackets, URLs, symbols) compared token for token and sentence for sentence."""

import random
from unittest import mock

import pytest
import spacy
from razdel import sentenize, tokenize
from spacy.lang.lex_attrs import like_url as spacy_like_url

from pipeline.stages import tokenizer
from pipeline.stages.razdel_fast import sentence_starts, token_spans

# fmt: off
PIECES = [
    # words, names, initials, abbreviations
    "Москва", "компания", "ПАО", "Газпром", "А.", "С.", "Пушкин", "т.е.", "т. е.", "г.", "гг.",
    "и т.д.", "т.к.", "др.", "млн", "млрд.", "руб.", "ул.", "им.", "проф.", "Dr.", "Mr.", "St.",
    "e.g.", "U.S.", "Inc.", "Ltd.", "co.", "ст.", "св.", "т.", "д.", "в.", "вв.", "XII", "IV",
    "Yahoo", "yahoo!", "iPhone", "COVID-19", "Ту-154", "ЧМ-2018", "Евро-2020", "Мисс Россия-2017",
    "что-то", "кое-где", "К_тому_же", "snake_case", "ёлка", "ЁЖ", "O'Neil", "O''Neil",
    "Дж.", "Вс.", "Ed.", "мн.", "Ч.", "ед.", "т. п.", "Н. Э.", "с. г.", "Р. Х.", "к.т.н.", "Т.",
    # numbers
    "1", "2025", "1 000,5", "3,14", "1.5", "1/2", "3\\4", "1994,", "1994, 1995", "21.12.2025",
    "2025-12-21", "15:30", "+7", "-5", "±3", "~10", "50%", "$100", "100$", "€5", "№3", "1)", "2.",
    "8.1.", "а)", "б.", "§", "1-й", "2-х", "10-15",
    # punctuation, quotes, brackets, dashes
    ".", ",", ";", ":", "!", "?", "?!", "!!!", "...", "…", "--", "---", "**", "***", "-", "‑",
    "–", "—", "−", "_", "/", "\\", "«", "»", "“", "”", "„", '"', "'", "''", "‘", "’", "(", ")",
    "[", "]", "{", "}", "@", "#", "&", "*", "^", "`", "|", "<", ">", "=",
    # emoticons, symbols, other scripts
    ":)", ":-)", ";)))", "=(", ":(((", ":-((", "😀", "👍🏻", "Δσ", "mβж", "ΔP", "™", "©", "°C",
    "日本", "Ñandú", "straße", "ſ", "K", "İstanbul",
    # URLs and e-mail
    "https://example.com/a_b?x=1", "http://ria.ru", "www.site.ru", "site.ru", "mail@site.ru",
    "ftp://x.org:21/", "example.com.", ".net", "a.b.c", "v1.2.3", "http://", "www.", "x.io/",
]
# fmt: on
SEPARATORS = ["", "", " ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", " \n ", "\r\n"]


def random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 25)):
            parts.append(rng.choice(PIECES))
            parts.append(rng.choice(SEPARATORS))
        texts.append("".join(parts[: -1 if rng.random() < 0.5 else None]))
    return texts


FIXED = [
    "",
    " ",
    "\n\n",
    "Слово",
    "Первое предложение. Второе — тоже! А третье?",
    "См. т.е. 1 000,5 руб., т. е. около 2 млн. руб. В 1994 г. А. С. Пушкин (1799—1837) писал.",
    "Цена 1,5%:) А потом:-( и ещё;))) Yahoo! Ура!!! Что?! Да...",
    "«Газпром» — крупнейшая. «Роснефть»… Так. ''Вечерний Курьер'' и ''Дельта''.",
    "Сайт https://example.com/a_b?x=1, почта mail@site.ru; www.site.ru. Конец",
    "1. Пункт первый. 2) Пункт второй. а) подпункт. IV. Раздел.",
    "Δσ и ΔP, mβж — 😀 👍🏻 日本 straße ſ K.",
    "Заголовок без точки\nАбзац. \n  \nЕщё абзац",
    "1 1 1 1 1 1 1 1 1 12. Далее",  # a list item's number: 20 characters at most
    "1 1 1 1 1 1 1 1 1 123. Далее",
    "Сокращения: и т. П. Так и н. Э. Было, т. Д. Конец. Вс. Мейерхольд и Дж. Смит. Мн. Ч. Да.",
]
TEXTS = FIXED + random_texts(2000, seed=12)


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("ru", config={"nlp": {"tokenizer": {"@tokenizers": "razdel_tokenizer"}}})


def _doc_arrays(nlp, text):
    doc = nlp.make_doc(text)
    return [(t.text, t.whitespace_, t.is_sent_start) for t in doc]


def test_token_spans_are_razdels():
    for text in TEXTS:
        assert token_spans(text) == [(t.start, t.stop) for t in tokenize(text)], text


def test_sentence_starts_are_razdels():
    for text in TEXTS:
        assert sentence_starts(text) == {s.start for s in sentenize(text)}, text


def test_doc_is_the_one_razdels_own_functions_make(nlp):
    texts = TEXTS[:600]  # the spans and starts themselves are compared on all of them above
    fast = [_doc_arrays(nlp, text) for text in texts]
    with (
        mock.patch.object(
            tokenizer, "token_spans", lambda t: [(s.start, s.stop) for s in tokenize(t)]
        ),
        mock.patch.object(tokenizer, "sentence_starts", lambda t: {s.start for s in sentenize(t)}),
    ):
        slow = [_doc_arrays(nlp, text) for text in texts]
    assert fast == slow


@pytest.mark.parametrize("text", PIECES + ["http://x", "https://", "ab", "a@b.c", "x.", "a.b:80"])
def test_like_url_is_spacys(text):
    assert tokenizer.like_url(text) == spacy_like_url(text)


def test_random_texts_reach_every_razdel_rule():
    """The random strings exercise the joins the fast path re-implements (else the comparisons
    above would prove little)."""
    joined = {text[a:b] for text in TEXTS for a, b in token_spans(text)}
    for token in (
        "1,5",
        "что-то",
        "К_тому_же",
        "1/2",
        ":)",
        ";)))",
        "?!",
        "...",
        "--",
        "ΔP",
        "yahoo!",
    ):
        assert any(token in t for t in joined), token
