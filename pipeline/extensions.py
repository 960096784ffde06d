"""Custom attributes every stage reads or writes on the shared spaCy Doc."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from pipeline.readings import choose_parse

if TYPE_CHECKING:
    from spacy.language import Language

    from pipeline.reader import Document

DOC_ATTRS = ("doc_id", "article_date", "title", "source", "encoding")
SPAN_ATTRS = ("value", "normal", "stage", "entity_id", "parent_id", "name_kind")


def register() -> None:
    """Idempotent: safe to call from every component factory and every worker process."""
    for name in DOC_ATTRS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Token.has_extension("tag"):
        Token.set_extension("tag", getter=_pymorphy_tag)
    for name in SPAN_ATTRS:
        if not Span.has_extension(name):
            Span.set_extension(name, getter=_span_getter(name), setter=_span_setter(name))


def _pymorphy_tag(token: Token) -> str | None:
    """pymorphy3 tag of the reading that agrees with the tagger: computed on demand, since
    few rules need it and storing it for every token costs more than the lookup."""
    parse = choose_parse(token.text, token.pos_, token.morph.to_dict())
    return str(parse.tag) if parse is not None else None


# spaCy keys span attributes by character offsets alone, so an ORG and a LOC over the same
# characters would share one `normal`; keying by the label too keeps nested mentions apart.
def _span_key(span: Span, name: str) -> tuple:
    return ("mention._.", name, span.start_char, span.end_char, span.label_)


def span_attrs(span: Span, names: tuple[str, ...]) -> list:
    """The values of several span attributes at once, as `span._.<name>` gives each: one
    key per attribute, without building spaCy's `Underscore` object for every read."""
    data, start, end, label = span.doc.user_data, span.start_char, span.end_char, span.label_
    return [data.get(("mention._.", name, start, end, label)) for name in names]


def set_span_attrs(span: Span, **values: object) -> None:
    """`span._.<name> = value` for each, in the order given, without spaCy's `Underscore`
    object per assignment (the setter's own key)."""
    data, start, end, label = span.doc.user_data, span.start_char, span.end_char, span.label_
    for name, value in values.items():
        data["mention._.", name, start, end, label] = value


def _span_getter(name: str):
    return lambda span: span.doc.user_data.get(_span_key(span, name))


def _span_setter(name: str):
    def set_value(span: Span, value: object) -> None:
        span.doc.user_data[_span_key(span, name)] = value

    return set_value


register()


def make_doc(nlp: Language, document: Document) -> Doc:
    """The tokenised Doc of a document, with its attributes set, ready for the stages."""
    doc = nlp.make_doc(document.text)
    doc._.doc_id = document.doc_id
    doc._.article_date = document.date
    doc._.title = document.title
    doc._.source = document.source
    doc._.encoding = document.encoding
    return doc
