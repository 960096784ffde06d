"""pipeline/slovnet_exec.py must compute what slovnet's own numpy code computes."""

import numpy as np
import pytest
from natasha import NewsMorphTagger, NewsNERTagger
from slovnet.exec.model import CRF as SlovnetCRF
from slovnet.exec.model import Weight

from pipeline import models, slovnet_exec

SENTENCES = [
    ["Банк", "России", "сохранил", "ключевую", "ставку", "на", "уровне", "16", "%", "."],
    ["В", "2024", "году", "«", "Газпром", "»", "выплатил", "1,2", "трлн", "рублей", "."],
    ["Тест"],
    ["Президент", "Казахстана", "Касым-Жомарт", "Токаев", "посетил", "Токио", "."],
]


@pytest.fixture(scope="module", params=[NewsMorphTagger, NewsNERTagger], ids=["morph", "ner"])
def slovnet_tagger(request):
    """A tagger running slovnet's own code (models.taggers() holds the accelerated ones)."""
    return request.param(models.news_embedding())


def _inputs(tagger):
    encoder = tagger.infer.encoder
    encoder.batch_size = len(SENTENCES)
    return list(encoder(SENTENCES))


def test_encoder_output_equals_slovnets(slovnet_tagger):
    model = slovnet_tagger.infer.model
    fast = slovnet_exec.CNNEncoder(model.encoder)
    for batch in _inputs(slovnet_tagger):
        embedded = model.emb(batch.word_id, batch.shape_id)
        expected = model.encoder(embedded, batch.pad_mask)
        got = fast(embedded, batch.pad_mask)
        assert got.shape == expected.shape
        np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-4)


def test_distinct_rows_give_the_same_activations(slovnet_tagger):
    """Multiplying each distinct (word, shape) row once, then placing it, is the same layer."""
    model = slovnet_tagger.infer.model
    fast = slovnet_exec.CNNEncoder(model.encoder)
    distinct = slovnet_exec.DistinctEmbedding(model.emb)
    for batch in _inputs(slovnet_tagger):
        rows = distinct(batch.word_id, batch.shape_id)
        assert len(rows.rows) < batch.word_id.size  # padding and repeated words share rows
        embedded = model.emb(batch.word_id, batch.shape_id)
        np.testing.assert_array_equal(rows.rows[rows.index], embedded)
        expected = fast(embedded, batch.pad_mask)
        np.testing.assert_allclose(fast(rows, batch.pad_mask), expected, rtol=1e-5, atol=1e-5)


def test_accelerated_tagger_gives_the_same_tags(slovnet_tagger):
    infer = slovnet_tagger.infer
    expected = list(infer.decoder(infer.process(infer.encoder(SENTENCES))))
    fast = type(slovnet_tagger)(models.news_embedding())
    slovnet_exec.accelerate(fast)
    assert isinstance(fast.infer.model.encoder, slovnet_exec.CNNEncoder)
    got = list(fast.infer.decoder(fast.infer.process(fast.infer.encoder(SENTENCES))))
    assert [list(tags) for tags in got] == [list(tags) for tags in expected]


@pytest.mark.parametrize(
    "seed, batch, length, shortest",
    [(seed, 6, 9, 1) for seed in range(5)]
    + [(5, 4, 12, 12), (6, 3, 1, 1), (7, 1, 7, 1), (8, 5, 30, 20)],  # all full; one token
)
def test_viterbi_equals_slovnets_crf(seed, batch, length, shortest):
    rng = np.random.default_rng(seed)
    tags = 5
    emissions = rng.normal(size=(batch, length, tags)).astype(np.float32)
    transitions = rng.normal(size=(tags, tags)).astype(np.float32)
    sizes = rng.integers(shortest, length + 1, size=batch)
    sizes[0] = length  # one full-length sequence, as in a real padded batch
    mask = np.arange(length)[None, :] < sizes[:, None]
    crf = SlovnetCRF(Weight(transitions.shape, "float32", transitions))
    expected = crf.decode(emissions, mask)
    got = slovnet_exec.viterbi(emissions, mask, transitions)
    assert [list(path) for path in got] == [list(path) for path in expected]
    assert [len(path) for path in got] == list(sizes)


def test_word_rows_equal_navecs_on_any_ids(slovnet_tagger):
    """The flattened-codes gather gives navec's own vectors, first and last words included."""
    emb = slovnet_tagger.infer.model.emb
    distinct = slovnet_exec.DistinctEmbedding(emb)
    count = emb.word.indexes.array.shape[0]
    words = np.array([0, count - 1, *np.random.RandomState(1).randint(0, count, 500)])
    shapes = np.random.RandomState(2).randint(0, emb.shape.weight.array.shape[0], len(words))
    np.testing.assert_array_equal(distinct._rows(words, shapes), emb(words, shapes))


def test_word_ids_equal_slovnets_encoding(slovnet_tagger):
    from slovnet.exec.encoders import WordShapeEncoder

    encoder = slovnet_tagger.infer.encoder
    words = ["Москва", "москва", "ООО", "2024", "«", "Тест-Слово", "", "qwerty", "Ёлка"] * 2
    own = WordShapeEncoder(encoder.words_vocab, encoder.shapes_vocab).item(words)
    assert slovnet_exec.word_ids(encoder)(words) == own
