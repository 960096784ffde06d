"""Which parts a run processes: the corpus cut into parts, less what a resumed run's ledgers
say is committed already."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.batch.discovery import discover, file_size, plan_tasks
from pipeline.batch.model import Task
from pipeline.batch.parts import committed


@dataclass
class Plan:
    """Which parts to run. The partition covers the whole corpus, as in the first run, so a
    resumed part has the name it would have had: if a worker orphaned by a crash commits it
    late, it overwrites the same part with the same rows instead of adding a duplicate."""

    corpus: Path
    out: Path
    part_size: int
    done_files: set[str]
    done_parts: set[str]
    count: int = 0
    nbytes: int = 0
    scan_errors: list = field(default_factory=list)

    @classmethod
    def make(cls, corpus: Path, out: Path, part_size: int, resume: bool) -> Plan:
        files, parts = committed(out) if resume else (set(), set())
        plan = cls(corpus, out, part_size, files, parts)
        for rel in discover(corpus, out, plan.scan_errors):  # a cheap first pass: the totals
            if rel not in files:
                plan.count += 1
                plan.nbytes += file_size(corpus / rel)
        return plan

    def tasks(self) -> Iterator[Task]:
        files = ((rel, file_size(self.corpus / rel)) for rel in discover(self.corpus, self.out))
        for task in plan_tasks(files, self.part_size):
            if task.part in self.done_parts:
                continue
            rest = [rel for rel in task.files if rel not in self.done_files]
            if len(rest) == len(task.files):
                yield task
            elif rest:  # the corpus changed since the first run: run what is left
                yield Task.of(rest)
