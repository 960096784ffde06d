"""Stage 3 — NER: natasha's slovnet NER writes PER, LOC and ORG span groups on the Doc.

The model runs on the Doc's own razdel tokens (no second tokenisation of the text), and a
batch of documents goes through it shortest first, since slovnet pads a batch to its longest
sequence. What it tags is cleaned before it becomes a span: cut at line breaks, stray
punctuation off the edges, and a name with its bracketed other form split in two.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, SpanGroup

from pipeline import extensions, models
from pipeline.batching import BatchTagger, doc_words


class SlovnetNER(BatchTagger):
    def __init__(
        self,
        nlp: Language,
        name: str,
        labels: list[str],
        batch_size: int = 8,
        max_tokens: int = 3000,
    ) -> None:
        self.name = name
        self.labels = tuple(labels)
        self.batch_size = batch_size
        self.max_tokens = max_tokens
        extensions.register()
        self.infer = models.ner_tagger().infer

    def _tag(self, docs: list[Doc]) -> None:
        texts = [doc_words(doc) for doc in docs]
        # a Doc of whitespace only has one empty segment, which the model cannot take
        segments = [
            (d, start, end)
            for d, w in enumerate(texts)
            for start, end in segment_bounds(w.sentence_starts, len(w.positions), self.max_tokens)
            if end > start
        ]
        lengths = [end - start for _, start, end in segments]
        # A segment of a long document is tagged alone: unpadded, its tags do not depend on
        # what else is in the batch (a piece run apart gets the same ones).
        cut = {d for d, start, end in segments if end - start < len(texts[d].positions)}
        order = sorted(range(len(segments)), key=lambda i: lengths[i])
        whole = [i for i in order if segments[i][0] not in cut]
        groups = [*self._groups(whole, lengths), *([i] for i in order if segments[i][0] in cut)]
        tags: list[list[str]] = [[] for _ in docs]
        found: dict[int, list[str]] = {}
        for group in groups:
            items = [texts[d].texts[start:end] for d, start, end in (segments[i] for i in group)]
            self.infer.encoder.batch_size = len(group)
            decoded = self.infer.decoder(self.infer.process(self.infer.encoder(items)))
            found.update(zip(group, decoded, strict=True))
        for i, (d, _, _) in enumerate(segments):  # segments are in document order
            tags[d].extend(found.pop(i))
        for doc, w, doc_tags in zip(docs, texts, tags, strict=True):
            self._write(doc, w.positions, doc_tags)

    def _groups(self, order: list[int], lengths: list[int]) -> Iterator[list[int]]:
        """Batches of at most batch_size segments and max_tokens padded tokens: a batch of
        long articles would otherwise need hundreds of MB of activations at once."""
        group: list[int] = []
        for i in order:  # shortest first, so the newest member is the longest
            if group and (len(group) + 1) * lengths[i] > self.max_tokens:
                yield group
                group = []
            group.append(i)
            if len(group) == self.batch_size:
                yield group
                group = []
        if group:
            yield group

    def _write(self, doc: Doc, positions: list[int], tags: list[str]) -> None:
        groups = {label: [] for label in self.labels}
        for label, first, last in bio_chunks(tags):
            if label not in groups:
                continue
            for start, end in self._pieces(doc, label, positions[first], positions[last] + 1):
                span = doc[start:end]
                span.label_ = label
                extensions.set_span_attrs(span, stage=self.name)
                groups[label].append(span)
        for label, spans in groups.items():
            doc.spans[label] = SpanGroup(doc, name=label, spans=spans)

    def _pieces(self, doc: Doc, label: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        for a, b in entity_pieces(doc, start, end):
            # ORG brackets are split by org_rules, which also links the two and keeps places.
            parts = None if label == "ORG" else bracket_parts(doc, a, b)
            yield from parts if parts is not None else [(a, b)]


# Punctuation the model sometimes tags as the first or last word of a name ("заводе."
# before the next sentence); quotes and brackets stay, they belong to names.
EDGE_PUNCT = frozenset(".,:;!?…—–-")


def entity_pieces(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of a tagged stretch a name can be: the model reads the Doc as one sequence,
    so a tagged name may run over a line break (a caption into the next line); it is cut
    there, and stray punctuation at either end of a part is left out. A part cut off as one
    lone adjective ("Южная" of "Южная верфь" on the next line) is no name at all."""
    pieces, piece = [], start
    for i in range(start, end + 1):
        if i == end or (doc[i].is_space and "\n" in doc[i].text):
            first, last = trim(doc, piece, i)
            if last > first:
                pieces.append((first, last))
            piece = i + 1
    if len(pieces) > 1:
        pieces = [(a, b) for a, b in pieces if b - a > 1 or doc[a].pos_ != "ADJ"]
    return pieces


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Without stray punctuation (EDGE_PUNCT) or whitespace at either end; the dot of a
    final initial stays ("Сомов А. В.")."""
    while start < end and (doc[start].text in EDGE_PUNCT or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in EDGE_PUNCT or doc[end - 1].is_space):
        if doc[end - 1].text == "." and end - 2 >= start and _is_initial(doc[end - 2].text):
            break
        end -= 1
    return start, end


def _is_initial(text: str) -> bool:
    return len(text) == 1 and text.isupper()


def bracket_parts(doc: Doc, start: int, end: int) -> list[tuple[int, int]] | None:
    """ "Иван Сомов (Ivan Somov)", "Фонд поддержки малых городов (ФПМГ)": the model tags a name
    and its bracketed other form as one stretch, sometimes without the closing bracket. The
    two parts that hold letters, or None when the stretch is not of that shape ("A (B) C" is
    one name)."""
    texts = [doc[i].text for i in range(start, end)]
    if "(" not in texts[1:] or texts.count("(") > 1:
        return None
    bracket = texts.index("(", 1)
    closed = ")" in texts[bracket:]
    if closed and texts[-1] != ")":
        return None
    name, inner = (start, start + bracket), (start + bracket + 1, end - 1 if closed else end)
    parts = [trim(doc, a, b) for a, b in (name, inner)]
    return [(a, b) for a, b in parts if b > a and any(c.isalpha() for c in doc[a:b].text)]


# Words per run of sentences when a document is longer than the NER batch's max_tokens.
SEGMENT_WORDS = 1000


def segment_bounds(
    sentence_starts: list[int], words: int, whole: int, limit: int = SEGMENT_WORDS
) -> list[tuple[int, int]]:
    """(start, end) word ranges the model tags one at a time: the whole document when it
    has at most `whole` words (every news article: the longest of NEREL and factRuEval has
    ~2,000), else runs of whole sentences of at most `limit` words (a longer sentence alone).
    The model's activations grow with the sequence: a 30,000-character piece of a long
    document tagged whole took 33 MB at once, in runs of 3,000 words 21 MB."""
    if words <= whole:
        return [(0, words)]
    bounds, start = [], 0
    ends = [*sentence_starts[1:], words]
    for previous, end in zip([0, *ends], ends, strict=False):
        if end - start > limit and previous > start:
            bounds.append((start, previous))
            start = previous
    bounds.append((start, words))
    return bounds


def bio_chunks(tags: list[str]) -> Iterator[tuple[str, int, int]]:
    """(label, first, last) of each entity in a BIO tag sequence; a stray I- opens one."""
    label, first = None, 0
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        if label is not None and (prefix != "I" or kind != label):
            yield label, first, i - 1
            label = None
        if prefix in ("B", "I") and label is None:
            label, first = kind, i


@Language.factory(
    "slovnet_ner",
    default_config={"labels": ["PER", "LOC", "ORG"], "batch_size": 8, "max_tokens": 3000},
)
def make_slovnet_ner(
    nlp: Language, name: str, labels: list[str], batch_size: int, max_tokens: int
) -> SlovnetNER:
    return SlovnetNER(nlp, name, labels, batch_size, max_tokens)
