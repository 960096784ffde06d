"""What the two neural stages share: they tag many documents at once, reading words from
Doc arrays."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.tokens import Doc
from spacy.util import minibatch


class BatchTagger:
    """A spaCy component whose work is done by `_tag(docs)` on a list of Docs: `nlp.pipe`
    hands it whole batches, so the model sees many sentences (sorted by length) at once."""

    def _tag(self, docs: list[Doc]) -> None:
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        self._tag([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 16) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            self._tag(batch)
            yield from batch


@dataclass
class Words:
    """A Doc's tokens as the taggers see them: whitespace tokens left out."""

    positions: list[int] = field(default_factory=list)  # token index of each word
    texts: list[str] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)  # word indexes opening a sentence
    spaces: list[int] = field(default_factory=list)  # token indexes of whitespace tokens

    def sentences(self) -> Iterator[tuple[list[int], list[str]]]:
        """(token positions, words) of each sentence."""
        for start, end in pairwise([*self.sentence_starts, len(self.positions)]):
            yield self.positions[start:end], self.texts[start:end]


# Where the first tagger leaves a Doc's Words for the next (morphology, then NER): the
# tokens, spaces and sentence starts they are read from are the tokenizer's and no stage
# before NER changes them.
_WORDS_KEY = ("pipeline.batching", "words")


def doc_words(doc: Doc, keep: bool = False) -> Words:
    """Read from one array per Doc: a Token object per word costs more than tagging it.
    With `keep`, the Words stay on the Doc (`user_data`) for the next call, which takes them
    off again: the second tagger does not read the same arrays a second time."""
    words = doc.user_data.pop(_WORDS_KEY, None)
    if words is None:
        words = _read_words(doc)
    if keep:
        doc.user_data[_WORDS_KEY] = words
    return words


def _read_words(doc: Doc) -> Words:
    strings, words = doc.vocab.strings, Words()
    for i, (orth, is_space, sent_start) in enumerate(
        doc.to_array([ORTH, IS_SPACE, SENT_START]).tolist()
    ):
        if is_space:
            words.spaces.append(i)
            continue
        if not words.positions or sent_start == 1:
            words.sentence_starts.append(len(words.positions))
        words.positions.append(i)
        words.texts.append(strings[orth])
    return words
