"""Pages people look at: the annotated article and the corpus overview report."""

from pipeline.pages.article import (
    COLORS,
    ArticleInput,
    article_page,
    article_section,
    facts_by_document,
    facts_by_sentence,
    render_doc,
    render_page,
)

__all__ = [
    "COLORS",
    "ArticleInput",
    "article_page",
    "article_section",
    "facts_by_document",
    "facts_by_sentence",
    "render_doc",
    "render_page",
]
