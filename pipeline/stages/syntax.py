"""Syntax stage: natasha's slovnet dependency parser writes `token.head` / `token.dep_` (UD
labels) on the Doc's own tokens, only in the sentences where a fact can be found.

A candidate sentence holds an AMOUNT of the kinds in `amount_kinds` (money by default), or an
ORG together with a mention of a type in `org_with` (SECTOR by default; add "DATE" for the
issue's wider rule: an ORG with a DATE and nothing else gives the relation stage nothing to
link, and those sentences would triple the parser's work). The rule stages run before this.
Every other token keeps itself as head and an empty `dep_`, so `token.dep_ != ""` says a
sentence was parsed. The parser scores every word pair of a sentence,
so a sentence longer than `max_words` is skipped with a warning. The sentence boundaries the
tokenizer set are kept exactly: the tables number sentences from them.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import DEP, HEAD, IS_SPACE, NORM, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline import extensions, models
from pipeline.batching import BatchTagger

ROOT = "root"


class SyntaxTooLong(UserWarning):
    """A candidate sentence was longer than the parser's limit and was left unparsed."""


class SlovnetSyntax(BatchTagger):
    def __init__(
        self,
        nlp: Language,
        name: str,
        batch_size: int = 32,
        max_words: int = 200,
        amount_kinds: list[str] | None = None,
        org_with: list[str] | None = None,
        lexicon: str | None = None,
        read_as: dict[str, str] | None = None,
    ) -> None:
        self.name = name
        # Words the parser reads in place of a token (decision 147): a currency sign before a
        # figure ("за £18 млн") reads as its currency word, as the parser's training text
        # spells it; the sign alone is taken for punctuation and the amount hung anywhere.
        self.read_as = dict(read_as or {})
        self.batch_size = batch_size
        self.max_words = max_words
        self.amount_kinds = tuple(amount_kinds or ())
        self.org_with = tuple(org_with or ())
        # The relation lexicon's role words ("владелец", "основал"): an ORG beside one is
        # worth parsing for OWNER_OF / FOUNDED_BY / MEMBER_OF.
        self.role_words = role_words(lexicon)
        # A money sentence with one of these deal nouns ("Сумма сделки составила X") may
        # name its parties only in the sentence before: that one is parsed too (decision 144).
        self.back_words = back_words(lexicon)
        extensions.register()
        self.infer = models.syntax_parser().infer

    def _tag(self, docs: list[Doc]) -> None:
        sentences = [
            (d, positions, words)
            for d, doc in enumerate(docs)
            for positions, words in self._candidates(doc)
        ]
        heads: list[dict[int, tuple[int, str]]] = [{} for _ in docs]
        sentences.sort(key=lambda item: len(item[2]))
        for group in parser_batches(sentences, self.batch_size):
            self.infer.encoder.batch_size = len(group)
            parsed = self.infer.decoder(
                self.infer.process(self.infer.encoder([w for _, _, w in group]))
            )
            for (d, positions, _), (_, head_ids, rels) in zip(group, parsed, strict=True):
                heads[d].update(tree(positions, [int(h) for h in head_ids], rels))
        for doc, parse in zip(docs, heads, strict=True):
            if parse:
                write_parse(doc, parse)

    def _candidates(self, doc: Doc) -> Iterable[tuple[list[int], list[str]]]:
        """(token positions, words) of each sentence worth parsing."""
        chosen = candidate_sentences(
            doc, self.amount_kinds, self.org_with, self.role_words, self.back_words
        )
        if not chosen:
            return []
        sentence_of, is_space = sentence_numbers(doc), doc.to_array(IS_SPACE)
        words: dict[int, list[int]] = {number: [] for number in chosen}
        for i in np.flatnonzero(np.isin(sentence_of, list(chosen)) & (is_space == 0)).tolist():
            words[int(sentence_of[i])].append(i)
        out = []
        for number, positions in sorted(words.items()):
            if len(positions) > self.max_words:
                warnings.warn(
                    f"{doc._.doc_id or 'document'}: sentence {number} has {len(positions)} "
                    f"words, more than the parser's {self.max_words}; not parsed",
                    SyntaxTooLong,
                    stacklevel=2,
                )
                continue
            if positions:
                out.append(
                    (positions, [self.read_as.get(doc[i].text, doc[i].text) for i in positions])
                )
        return out


# The parser scores every pair of words of a batch (batch x words x words arrays): a batch of
# 32 sentences of ~100 words took 53 MB at once. A batch holds at most this many padded word
# pairs, which every batch of 32 sentences up to 64 words fits (news sentences are shorter).
PAIR_BUDGET = 32 * 64 * 64


def parser_batches(sentences: list, batch_size: int, budget: int = PAIR_BUDGET) -> Iterator:
    """The parser's batches of (shortest first) sentences: batch_size at a time, as slovnet
    makes them; a batch over `budget` padded word pairs (sentences of more than 64 words) is
    split further, a sentence longer than the budget allows going alone."""
    for first in range(0, len(sentences), batch_size):
        batch = sentences[first : first + batch_size]
        if len(batch) * len(batch[-1][2]) ** 2 <= budget:
            yield batch
            continue
        group: list = []
        for item in batch:
            if group and (len(group) + 1) * len(item[2]) ** 2 > budget:
                yield group
                group = []
            group.append(item)
        yield group


def sentence_numbers(doc: Doc) -> np.ndarray:
    """Sentence number of each token, as the tables count them."""
    starts = doc.to_array(SENT_START) == 1
    if len(starts):
        starts[0] = True
    return np.cumsum(starts) - 1


def role_words(lexicon: str | None) -> frozenset[str]:
    if not lexicon:
        return frozenset()
    from pipeline.stages.morphology import fold
    from pipeline.stages.rules.base import load_lexicon

    roles = load_lexicon(lexicon).get("roles", {})
    return frozenset(fold(w) for words in roles.values() for w in words)


def back_words(lexicon: str | None) -> frozenset[str]:
    """The deal nouns of the lexicon's [back_reference] table, folded."""
    if not lexicon:
        return frozenset()
    from pipeline.stages.morphology import fold
    from pipeline.stages.rules.base import load_lexicon

    table = load_lexicon(lexicon).get("back_reference", {})
    return frozenset(fold(w) for w in table.get("deals", []))


def _sentences_with(doc: Doc, sentence_of: np.ndarray, words: frozenset[str]) -> set[int]:
    """Sentences holding a word whose folded lemma (`norm_`) is one of `words`."""
    hashes = np.array([doc.vocab.strings.add(w) for w in words], dtype=np.uint64)
    found = np.isin(doc.to_array(NORM), hashes)
    return {int(n) for n in np.unique(sentence_of[found])}


def candidate_sentences(
    doc: Doc,
    amount_kinds: Iterable[str] = ("money",),
    org_with: Iterable[str] = ("SECTOR",),
    words: frozenset[str] = frozenset(),
    back: frozenset[str] = frozenset(),
) -> set[int]:
    """Sentences holding an AMOUNT (of `amount_kinds`; any kind if empty), or an ORG with a
    mention of a type in `org_with` or a word (folded lemma) of `words`: where a fact (who,
    how much, when, in which sector, whose) can be read. The sentence before an AMOUNT
    sentence holding a deal noun of `back` ("Сумма сделки составила X") is one too: the
    deal's parties may be named there only."""
    if not len(doc):
        return set()
    sentence_of = sentence_numbers(doc)
    kinds = set(amount_kinds)

    def of(label: str) -> set[int]:
        group = doc.spans[label] if label in doc.spans else []
        return {int(sentence_of[s.start]) for s in group if label != "AMOUNT" or _kind_ok(s, kinds)}

    chosen = of("AMOUNT")
    partners = set().union(*(of(label) for label in org_with)) if org_with else set()
    if words:
        partners |= _sentences_with(doc, sentence_of, words)
    if back and chosen:
        chosen |= {n - 1 for n in chosen & _sentences_with(doc, sentence_of, back) if n > 0}
    return chosen | (of("ORG") & partners)


def _kind_ok(span: Span, kinds: set[str]) -> bool:
    value = span._.value
    return not kinds or (value is not None and value.kind in kinds)


def tree(positions: list[int], head_ids: list[int], rels: list[str]) -> dict[int, tuple[int, str]]:
    """token -> (head token, label) for one parsed sentence, made a tree: the parser picks
    each word's head on its own, so a sentence may come back with several roots or a cycle;
    extra roots and words on a cycle hang from the first root."""
    n = len(positions)
    heads = [h - 1 for h in head_ids]  # -1: root
    roots = [i for i, h in enumerate(heads) if h < 0 or h >= n or h == i]
    root = roots[0] if roots else 0
    heads[root] = -1
    labels = list(rels)
    labels[root] = ROOT
    for i in roots[1:]:
        heads[i] = root
    for i in range(n):
        if _on_cycle(heads, i):
            heads[i] = root
    return {
        positions[i]: (positions[i] if heads[i] < 0 else positions[heads[i]], labels[i])
        for i in range(n)
    }


def _on_cycle(heads: list[int], start: int) -> bool:
    seen, i = set(), start
    while heads[i] >= 0:
        if i in seen:
            return True
        seen.add(i)
        i = heads[i]
    return False


def write_parse(doc: Doc, parse: dict[int, tuple[int, str]]) -> None:
    """One from_array call; the sentence starts are put back as they were, since spaCy
    recomputes them from the heads and unparsed tokens have none."""
    starts = doc.to_array([SENT_START])
    rows = np.zeros((len(doc), 2), dtype=np.uint64)
    strings = doc.vocab.strings
    for i, (head, label) in parse.items():
        rows[i, 0] = np.int64(head - i).astype(np.uint64)
        rows[i, 1] = strings.add(label)
    doc.from_array([HEAD, DEP], rows)
    doc.from_array([SENT_START], starts)


@Language.factory(
    "slovnet_syntax",
    default_config={
        "batch_size": 32,
        "max_words": 200,
        "amount_kinds": ["money"],
        "org_with": ["SECTOR"],
        "lexicon": None,
        "read_as": {},
    },
)
def make_slovnet_syntax(
    nlp: Language,
    name: str,
    batch_size: int,
    max_words: int,
    amount_kinds: list[str],
    org_with: list[str],
    lexicon: str | None,
    read_as: dict[str, str],
) -> SlovnetSyntax:
    return SlovnetSyntax(nlp, name, batch_size, max_words, amount_kinds, org_with, lexicon, read_as)
