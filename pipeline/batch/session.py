"""What this invocation of `batch` processed, as the driver learns it from the workers'
summaries: the progress bar and each worker's counts (the manifest reports them)."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field

from pipeline.batch.model import PartSummary


@dataclass
class Progress:
    """The tqdm bar over files, with documents and documents/s alongside."""

    total: int
    enabled: bool
    started: float = field(default_factory=time.perf_counter)
    docs: int = 0
    bar: object = None

    def __post_init__(self) -> None:
        if self.enabled and self.total:  # nothing to do (an empty or finished corpus): no bar
            from tqdm import tqdm

            self.bar = tqdm(
                total=self.total, unit="file", file=sys.stderr, dynamic_ncols=True, smoothing=0.1
            )

    def update(self, summary: PartSummary) -> None:
        self.docs += summary.ok + summary.failed
        if self.bar is not None:
            rate = self.docs / max(time.perf_counter() - self.started, 1e-9)
            self.bar.set_postfix_str(f"{self.docs} docs, {rate:.1f} docs/s", refresh=False)
            self.bar.update(summary.files)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@dataclass
class WorkerStats:
    load_s: float | None = None
    peak_rss_mb: float = 0.0
    parts: int = 0
    documents: int = 0
    characters: int = 0
    busy_s: float = 0.0

    def add(self, summary: PartSummary) -> None:
        self.load_s = summary.load_s if summary.load_s is not None else self.load_s
        self.peak_rss_mb = max(self.peak_rss_mb, summary.peak_rss_mb)
        self.parts += 1
        self.documents += summary.ok + summary.failed
        self.characters += summary.characters
        self.busy_s += summary.busy_s


@dataclass
class Session:
    """What this invocation processed (a resumed run's earlier parts are in the ledgers)."""

    progress: Progress
    workers: dict[str, WorkerStats] = field(default_factory=dict)

    def on_done(self, summary: PartSummary) -> None:
        self.workers.setdefault(summary.worker, WorkerStats()).add(summary)
        self.progress.update(summary)

    @property
    def documents(self) -> int:
        return sum(s.documents for s in self.workers.values())

    @property
    def characters(self) -> int:
        return sum(s.characters for s in self.workers.values())
