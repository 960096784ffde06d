import pytest
import spacy

from pipeline.stages.tokenizer import RazdelTokenizer

TEXTS = [
    " date 2025-12-21 Заголовок без точки\n\nПервое предложение. Второе — тоже!",
    "Компания получила 3 700 000\u00a0рублей (около 1,5%).\r\n\r\n\tКонец",
    "   ",
    "",
    "Слово",
    "«Газпром» и ПАО «Сбербанк» — 2025-12-21, 21.12.2025…  двойной  пробел\n",
    "На ЧМ-2018 и «Мисс Россия-2017», не COVID-19 и Ту-154.",
    "Газета ''Вечерний Курьер'' и ''O'Brien Ltd'' (''Дельта''), не O''Neil.",
]


@pytest.fixture(scope="module")
def tokenizer():
    return RazdelTokenizer(spacy.blank("ru").vocab)


@pytest.mark.parametrize("text", TEXTS)
def test_doc_text_is_input(tokenizer, text):
    assert tokenizer(text).text == text


@pytest.mark.parametrize("text", TEXTS)
def test_token_offsets(tokenizer, text):
    for token in tokenizer(text):
        assert token.text == text[token.idx : token.idx + len(token)]


@pytest.mark.parametrize("text", [t for t in TEXTS if t])
def test_sentences_cover_text(tokenizer, text):
    doc = tokenizer(text)
    assert "".join(s.text_with_ws for s in doc.sents) == text


def test_sentence_split_at_paragraphs_and_punctuation(tokenizer):
    doc = tokenizer(TEXTS[0])
    starts = [s[0].text for s in doc.sents]
    assert starts[1:] == ["Первое", "Второе"]


def test_seed_invariants(tokenizer, seed_text):
    doc = tokenizer(seed_text)
    assert doc.text == seed_text
    assert all(t.text == seed_text[t.idx : t.idx + len(t)] for t in doc)
    assert "".join(s.text_with_ws for s in doc.sents) == seed_text
    assert len(list(doc.sents)) > 30


def test_list_comma_is_split_from_numbers(tokenizer):
    doc = tokenizer("в 1994, 1995 и 2000,5 годах")
    assert [t.text for t in doc] == ["в", "1994", ",", "1995", "и", "2000,5", "годах"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("ЧМ-2018", ["ЧМ", "-", "2018"]),
        ("Евро-2020.", ["Евро", "-", "2020", "."]),
        ("«Евро-2020» прошёл", ["«", "Евро-2020", "»", "прошёл"]),  # a quoted title stays whole
        # not a year glued to a name: two digits, three digits, one letter, digits first
        ("COVID-19", ["COVID-19"]),
        ("Ту-154", ["Ту-154"]),
        ("М-2018", ["М-2018"]),
        ("2001-2003", ["2001-2003"]),
        ("ЧМ-3018", ["ЧМ-3018"]),
    ],
)
def test_year_is_split_from_the_name_it_is_glued_to(tokenizer, text, words):
    assert [t.text for t in tokenizer(text)] == words


def test_configured_pipeline_tokenizes_with_razdel(nlp):
    """The pipeline names razdel_tokenizer in its nlp config (spaCy's own is never built)."""
    assert isinstance(nlp.tokenizer, RazdelTokenizer)
    assert nlp.config["nlp"]["tokenizer"] == {"@tokenizers": "razdel_tokenizer"}


def test_like_num_on_a_set_answers_as_spacys(seed_text):
    from spacy.lang.ru.lex_attrs import _num_words
    from spacy.lang.ru.lex_attrs import like_num as spacy_like_num

    from pipeline.stages.tokenizer import like_num

    words = [*_num_words, *(w.upper() for w in _num_words), *seed_text.split()]
    words += ["", "+5%", "-3,5", "±1.5", "~10", "1/2", "1/2/3", "a/2", "%", "xx", "Двадцать"]
    assert [like_num(w) for w in words] == [spacy_like_num(w) for w in words]
    assert any(like_num(w) for w in words) and not all(like_num(w) for w in words)


def test_the_pipeline_vocab_uses_the_faster_like_num(nlp):
    from spacy.attrs import LIKE_NUM, SHAPE

    from pipeline.stages.tokenizer import like_num, word_shape

    assert nlp.vocab.lex_attr_getters[LIKE_NUM] is like_num
    assert nlp.vocab.lex_attr_getters[SHAPE] is word_shape
    assert nlp.make_doc("двадцать пять")[0].like_num


def test_word_shape_answers_as_spacys(seed_text):
    import random

    from spacy.lang.lex_attrs import word_shape as spacy_word_shape

    from pipeline.stages.tokenizer import word_shape

    words = [*seed_text.split(), "", "a", "A", "Ab", "AB", "aB", "ǅa", "ǅ", "ßa", "中文", "Ⅻ", "²³"]
    words += ["1", "12345", "١٢٣", "x" * 99, "x" * 100, "Ёлка", "ёлка", "Ä", "İstanbul", "ﬁle"]
    alphabet = "aZяЯё1²٣-.ǅß中 \u0301"
    rng = random.Random(0)
    words += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))) for _ in range(3000)]
    assert [word_shape(w) for w in words] == [spacy_word_shape(w) for w in words]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # a pair of doubled apostrophes around a capitalised name: one quote token each
        ("фирма ''Вектор'' в Туле", ["фирма", "''", "Вектор", "''", "в", "Туле"]),
        ("''Blue Harbor Inc.'',", ["''", "Blue", "Harbor", "Inc", ".", "''", ","]),
        ("(''Альфа'') и ''Бета''", ["(", "''", "Альфа", "''", ")", "и", "''", "Бета", "''"]),
        ("журнал ''Bob's Life''", ["журнал", "''", "Bob", "'", "s", "Life", "''"]),
        # not a quotation: italics of a lowercase phrase, a name's letter, a lone mark
        ("в ''добром'' здравии", ["в", "'", "'", "добром", "'", "'", "здравии"]),
        ("O''Neil и 5''", ["O", "'", "'", "Neil", "и", "5", "'", "'"]),
        ("''Альфа и далее", ["'", "'", "Альфа", "и", "далее"]),
        # a pair does not run across a line break; three apostrophes (bold) are no pair
        ("''Альфа\nБета''", ["'", "'", "Альфа", "\n", "Бета", "'", "'"]),
        ("'''Жирный''' шрифт", ["'", "'", "'", "Жирный", "'", "'", "'", "шрифт"]),
    ],
)
def test_doubled_apostrophes_around_a_name_are_one_quote(tokenizer, text, words):
    assert [t.text for t in tokenizer(text)] == words
