"""Custom attributes every stage reads or writes on the shared spaCy Doc."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

DOC_ATTRS = ("doc_id", "article_date", "title", "source", "encoding")
TOKEN_ATTRS = ("tag",)  # pymorphy3 OpencorporaTag string of the chosen parse
SPAN_ATTRS = ("value", "normal", "stage", "entity_id", "parent_id")


def register() -> None:
    """Idempotent: safe to call from every component factory and every worker process."""
    for name in DOC_ATTRS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in TOKEN_ATTRS:
        if not Token.has_extension(name):
            Token.set_extension(name, default=None)
    for name in SPAN_ATTRS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


register()
