"""Stage 3 — NER: natasha's slovnet NER writes PER, LOC and ORG span groups on the Doc."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, SpanGroup

from pipeline import extensions, models


class SlovnetNER:
    def __init__(self, nlp: Language, name: str, labels: list[str]) -> None:
        self.name = name
        self.labels = tuple(labels)
        extensions.register()
        self.tagger = models.ner_tagger()

    def __call__(self, doc: Doc) -> Doc:
        groups = {label: [] for label in self.labels}
        for found in self.tagger(doc.text).spans:
            if found.type not in groups:
                continue
            span = doc.char_span(found.start, found.stop, label=found.type, alignment_mode="expand")
            if span is None:
                continue
            span._.stage = self.name
            groups[found.type].append(span)
        for label, spans in groups.items():
            doc.spans[label] = SpanGroup(doc, name=label, spans=spans)
        return doc


@Language.factory("slovnet_ner", default_config={"labels": ["PER", "LOC", "ORG"]})
def make_slovnet_ner(nlp: Language, name: str, labels: list[str]) -> SlovnetNER:
    return SlovnetNER(nlp, name, labels)
