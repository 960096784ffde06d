"""Where predictions come from: a mentions table on disk, the project pipeline run on the gold
texts, or a baseline system run on the same texts.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pandas as pd

from pipeline.evaluation.model import BASELINES, GoldCorpus
from pipeline.evaluation.predictions import conform


class SystemUnavailable(RuntimeError):
    """A system cannot run here (not built yet, or a dependency missing)."""


def pipeline_frame(corpus: GoldCorpus) -> pd.DataFrame:
    """Run the project's pipeline (pipeline.runner.extract_texts) on the gold documents."""
    extract_texts = _runner("extract_texts")
    with _bar(len(corpus.documents), "pipeline") as bar:
        frame = extract_texts(_items(corpus), done=bar.update)
    return conform(frame, "pipeline.runner.extract_texts")


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


def _bar(total: int, system: str):
    """A progress bar over the gold documents on stderr, on a terminal only (piped output and
    logs stay clean): a run over NEREL train takes minutes."""
    from tqdm import tqdm

    return tqdm(total=total, desc=system, unit="doc", disable=None, dynamic_ncols=True)


def baseline_frame(name: str, corpus: GoldCorpus) -> pd.DataFrame:
    if name != "natasha":
        raise SystemUnavailable(f"unknown baseline {name!r} (known: {', '.join(BASELINES)})")
    from pipeline.baseline import natasha_mentions

    # normalize=True so the `normal` column is compared like for like with the pipeline's.
    with _bar(len(corpus.documents), name) as bar:
        return natasha_mentions(_counted(corpus.documents, bar), normalize=True)


def _counted(documents, bar) -> Iterator[tuple[str, str]]:
    """(doc_id, text) of each document; the bar moves when the next one is asked for, that
    is when the previous one is done."""
    for document in documents:
        yield document.doc_id, document.text
        bar.update()


def _article_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):  # corpora other than our gold do not validate "date"
        return None


def pipeline_frames(corpus: GoldCorpus) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The pipeline's mentions and relations tables on the gold documents, from one run."""
    with _bar(len(corpus.documents), "pipeline") as bar:
        mentions, relations = _runner("extract_tables")(_items(corpus), done=bar.update)
    return conform(mentions, "pipeline.runner.extract_tables"), relations
