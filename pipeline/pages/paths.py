"""Where a batch run puts each document's annotated page: OUT/pages/<doc_id>.html."""

from __future__ import annotations

import hashlib
import re

PAGES_DIR = "pages"
REPORT_FILE = "report.html"
_UNSAFE = re.compile(r"[^\w.\-]+")


def page_relpath(doc_id: str) -> str:
    """A safe relative path for a doc_id: `news/2024/a` -> `pages/news/2024/a.html`.

    Folder-like ids keep their folders; anything a file system or a URL would trip on is
    replaced, and then a short hash of the id keeps two different ids apart."""
    parts = [p for p in str(doc_id).split("/") if p not in ("", ".", "..")]
    safe = [_UNSAFE.sub("_", p).lstrip(".") or "_" for p in parts] or ["_"]
    name = "/".join(safe)
    if name != str(doc_id):
        name += "-" + hashlib.sha1(str(doc_id).encode("utf-8")).hexdigest()[:8]
    return f"{PAGES_DIR}/{name}.html"
