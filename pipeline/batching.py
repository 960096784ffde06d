"""What the two neural stages share: they tag many documents at once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

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
