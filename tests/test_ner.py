"""The NER stage: BIO decoding, and spans written on the Doc's own tokens."""

import pytest

from pipeline.ner import bio_chunks


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
