"""The annotated page (kept for callers of the old module): see pipeline/pages/."""

from __future__ import annotations

from pipeline.pages import COLORS, render_doc, render_page
from pipeline.schema import MENTION_TYPES

__all__ = ["render_page", "render_doc", "COLORS", "MENTION_TYPES"]
