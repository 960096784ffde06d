"""Where predictions come from: a mentions table on disk, the project pipeline run on the gold
texts, or a baseline system run on the same texts.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from pipeline.evaluation.model import BASELINES, GoldCorpus
from pipeline.evaluation.predictions import conform


class SystemUnavailable(RuntimeError):
    """A system cannot run here (not built yet, or a dependency missing)."""


def pipeline_frame(corpus: GoldCorpus) -> pd.DataFrame:
    """Run the project's pipeline (pipeline.runner.extract_texts) on the gold documents."""
    extract_texts = _runner("extract_texts")
    return conform(extract_texts(_items(corpus)), "pipeline.runner.extract_texts")


def _runner(name: str):
    """A function of pipeline.runner, imported only here: the runner loads every model, and
    the other sources do not need it."""
    import importlib

    try:
        return getattr(importlib.import_module("pipeline.runner"), name)
    except (ImportError, AttributeError) as exc:
        raise SystemUnavailable(
            f"cannot run the pipeline on the gold texts: pipeline.runner.{name} is not "
            f"available ({exc}); pass --pred with an extract output instead"
        ) from exc


def _items(corpus: GoldCorpus) -> list[tuple]:
    return [(d.doc_id, d.text, _article_date(d.date)) for d in corpus.documents]


def baseline_frame(name: str, corpus: GoldCorpus) -> pd.DataFrame:
    if name != "natasha":
        raise SystemUnavailable(f"unknown baseline {name!r} (known: {', '.join(BASELINES)})")
    from pipeline.baseline import natasha_mentions

    # normalize=True so the `normal` column is compared like for like with the pipeline's.
    docs = ((d.doc_id, d.text) for d in corpus.documents)
    return natasha_mentions(docs, normalize=True)


def _article_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):  # corpora other than our gold do not validate "date"
        return None


def pipeline_frames(corpus: GoldCorpus) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The pipeline's mentions and relations tables on the gold documents, from one run."""
    mentions, relations = _runner("extract_tables")(_items(corpus))
    return conform(mentions, "pipeline.runner.extract_tables"), relations
