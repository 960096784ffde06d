"""Benchmark: natasha's own pipeline vs this pipeline vs `batch` on 1 and all cores.

Every system runs as a whole run in its own subprocess, one after another (never two at once):
start-up, imports and model loading are included, because that is what a user waits for. The
parent measures each run's wall time and peak RSS (wait4 for the process, psutil polling for
its worker processes); the children report their model load and processing times. The time per
stage comes from a separate run that calls the tokenizer, each pipeline component and the table
builders one by one on every document.

    python scripts/bench.py [--corpus DIR] [--limit N] [--out DIR] [--update-docs]
    python -m pipeline bench ...     (the same)
    make bench

Results: OUT/results.json and OUT/results.md (default outputs/bench/); --update-docs also
rewrites the figures section of docs/performance.md.

The scaling table (--sizes, --scaling-only) runs one document of each size against the same
text as separate articles, each in its own process: time per character and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_NEREL = ROOT.parent / "shared" / "corpora" / "nerel"
DEFAULT_OUT = ROOT / "outputs" / "bench"
PERFORMANCE_DOC = ROOT / "docs" / "performance.md"
DOC_START, DOC_END = "<!-- bench:start -->", "<!-- bench:end -->"
REPEATS = 100  # copies of each corpora/articles file when NEREL is not available
# One BLAS thread per process for every system: multi-threaded OpenBLAS makes slovnet's small
# matrix products slower, and a "one process" figure should use one core.
SINGLE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
# The targets: (comparison, limit).
TARGETS = {
    "pipeline_vs_natasha": (">=", 3.5),
    "peak_rss_mb_per_worker": ("<=", 400.0),
    "model_load_s": ("<=", 2.0),
    "batch_2_cores_vs_1": (">=", 1.7),
    "report_100k_docs_s": ("<=", 60.0),
}
REPORT_DOCS = 100_000  # documents of the synthetic output the report is built from


@dataclass
class Measured:
    """One system's whole run, as the parent saw it plus what the child reported."""

    system: str
    documents: int
    characters: int
    wall_s: float
    peak_rss_mb: float
    worker_rss_mb: list[float] = field(default_factory=list)
    load_s: float | None = None
    # CPU seconds of the same load (the children's own): unlike the wall figure, unmoved by
    # other programs taking the cores while this one loads (a batch worker reports wall only).
    load_cpu_s: float | None = None
    process_s: float | None = None
    mentions: dict[str, int] = field(default_factory=dict)
    stages: dict[str, float] = field(default_factory=dict)
    other_cores: float = 0.0  # CPU used by other programs during the run, in cores
    walls: list[float] = field(default_factory=list)  # every repeat's wall time (batch runs)

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.wall_s

    @property
    def chars_per_s(self) -> float:
        return self.characters / self.wall_s


# --------------------------------------------------------------------------- corpus


def prepare_corpus(out: Path) -> Path:
    """outputs/bench/corpus/: NEREL train+dev texts as .txt, or corpora/ articles repeated."""
    corpus = out / "corpus"
    if SHARED_NEREL.is_dir():
        for split in ("train", "dev"):
            write_split(SHARED_NEREL / f"{split}.jsonl", corpus / split)
    else:
        articles = sorted((ROOT / "corpora" / "articles").glob("*.txt"))
        corpus.mkdir(parents=True, exist_ok=True)
        for article in articles:
            for i in range(REPEATS):
                target = corpus / f"{article.stem}-{i:03d}.txt"
                if not target.exists():
                    target.write_bytes(article.read_bytes())
    return corpus


def write_split(source: Path, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            target = folder / f"{record['id']}.txt"
            if not target.exists():
                target.write_text(record["text"], encoding="utf-8")


def select_files(corpus: Path, limit: int | None, out: Path) -> tuple[Path, list[Path]]:
    """The first `limit` articles in batch's own order, and a folder holding just those."""
    from pipeline.batch import discover

    files = [corpus / rel for rel in discover(corpus)]
    if limit is None or limit >= len(files):
        return corpus, files
    files = files[:limit]
    subset = out / f"corpus-first-{limit}"
    if subset.exists():
        import shutil

        shutil.rmtree(subset)
    for path in files:  # symlinks keep batch's doc_ids and order
        link = subset / path.relative_to(corpus)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(path.resolve())
    return subset, files


# --------------------------------------------------------------------------- measuring runs


@dataclass
class Outcome:
    wall_s: float
    status: int
    peak_rss_mb: float
    descendants_rss_mb: dict[int, float]
    other_cores: float


def measure(command: list[str], env: dict) -> Outcome:
    """Run a command to the end: wall time, exit status, peak RSS of the process itself (exact,
    from wait4) and of each of its descendants (psutil, sampled every 50 ms), and how busy the
    rest of the machine was meanwhile (a shared machine makes figures noisy)."""
    import psutil

    busy_before = _busy_seconds(psutil.cpu_times())
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    peaks: dict[int, float] = {}
    parent = psutil.Process(child.pid)
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        try:
            for proc in parent.children(recursive=True):
                rss = proc.memory_info().rss / 2**20
                peaks[proc.pid] = max(peaks.get(proc.pid, 0.0), rss)
        except psutil.Error:
            pass  # a worker exited between listing and reading: fine
        time.sleep(0.05)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    # usage covers the process and the workers it waited for; the bench itself idles.
    others = _busy_seconds(psutil.cpu_times()) - busy_before - usage.ru_utime - usage.ru_stime
    return Outcome(wall, child.returncode, usage.ru_maxrss / 1024, peaks, max(others, 0) / wall)


def _busy_seconds(times) -> float:
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def child_run(system: str, files_list: Path, out: Path, env: dict) -> Measured:
    result = out / f"child-{system}.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--child", system]
    command += ["--files", str(files_list), "--result", str(result)]
    run = measure(command, env)
    if run.status != 0:
        raise SystemExit(f"bench: the {system} run failed (exit {run.status})")
    report = json.loads(result.read_text(encoding="utf-8"))
    return Measured(
        system=system,
        wall_s=run.wall_s,
        peak_rss_mb=run.peak_rss_mb,
        other_cores=run.other_cores,
        **report,
    )


def batch_run(workers: int, corpus: Path, out: Path, env: dict) -> Measured:
    target = out / f"batch-{workers}"
    command = [sys.executable, "-m", "pipeline", "batch", str(corpus), "--out", str(target)]
    # --no-report: the report build is measured on its own (report_run), not in throughput.
    command += ["--overwrite", "--no-progress", "--no-report", "--workers", str(workers)]
    run = measure(command, env)
    if run.status != 0:
        raise SystemExit(f"bench: batch --workers {workers} failed (exit {run.status})")
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    counts, workers_info = manifest["counts"], manifest["workers"]
    loads = [w["model_load_s"] for w in workers_info if w["model_load_s"] is not None]
    return Measured(
        system=f"batch, {workers} worker{'s' if workers > 1 else ''}",
        documents=counts["documents"],
        characters=counts["characters"],
        wall_s=run.wall_s,
        peak_rss_mb=run.peak_rss_mb,
        # ru_maxrss reported by each worker itself; psutil's samples are the fallback.
        worker_rss_mb=[w["peak_rss_mb"] for w in workers_info]
        or sorted(run.descendants_rss_mb.values()),
        other_cores=run.other_cores,
        load_s=max(loads) if loads else None,
        process_s=manifest["timings"]["processing_s"],
        mentions=counts["mentions"],
    )


def batch_runs(
    counts: list[int], repeats: int, corpus: Path, out: Path, env: dict
) -> dict[str, Measured]:
    """Each worker count `repeats` times, alternating (1, N, 1, N, ...), keeping the fastest
    run of each: on a shared VM one run of the same work moves by 5-10 %, and alternating
    exposes both counts to the same drift. Every repeat's wall time is kept in `walls`."""
    measured: dict[int, list[Measured]] = {n: [] for n in counts}
    for repeat in range(repeats):
        for workers in counts:
            _start(f"batch --workers {workers} (run {repeat + 1} of {repeats})")
            measured[workers].append(batch_run(workers, corpus, out, env))
    best = {}
    for workers, runs in measured.items():
        fastest = min(runs, key=lambda run: run.wall_s)
        fastest.walls = [run.wall_s for run in runs]
        best[f"batch-{workers}"] = fastest
    return best


# --------------------------------------------------------------------------- report build


def synthetic_output(folder: Path, documents: int = REPORT_DOCS, seed: int = 0) -> Path:
    """A batch output folder (mentions/, documents/, errors.csv, manifest.json) of
    `documents` made-up documents, ~60 mentions each, in the batch's exact Arrow schema, one
    part per 1,000 documents. Organisation names follow a Zipf law like real news."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.batch import table_schemas
    from pipeline.sector_taxonomy import Taxonomy

    rng = np.random.default_rng(seed)
    schemas = table_schemas()
    sectors = Taxonomy.load().sectors
    for name in ("mentions", "documents"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    per_part = 1_000
    for part, first in enumerate(range(0, documents, per_part)):
        count = min(per_part, documents - first)
        mentions, docs = _synthetic_part(rng, first, count, sectors)
        for name, table in (("mentions", mentions), ("documents", docs)):
            table = _conform(pa.table(table), schemas[name])
            pq.write_table(table, folder / name / f"part-{part:05d}.parquet")
    (folder / "errors.csv").write_text(
        "path,line,doc_id,stage,reason\nbad.txt,,bad,read,empty article (no text)\n",
        encoding="utf-8",
    )
    (folder / "manifest.json").write_text(json.dumps({"synthetic": documents}), encoding="utf-8")
    return folder


def _conform(table, schema):
    """The table in the batch's schema; columns the synthetic rows leave out are null (the
    schema grows as stages add columns)."""
    import pyarrow as pa

    columns = [
        table[f.name] if f.name in table.column_names else pa.nulls(len(table), f.type)
        for f in schema
    ]
    return pa.Table.from_arrays(columns, names=schema.names).cast(schema)


def _synthetic_part(rng, first: int, count: int, sectors) -> tuple[dict, dict]:
    import numpy as np
    import pyarrow as pa

    types = np.array(["ORG", "PER", "LOC", "AMOUNT", "DATE", "SECTOR"])
    per_doc = rng.poisson(60, count)
    doc = np.repeat(np.arange(first, first + count), per_doc)
    n = len(doc)
    within = np.concatenate([np.arange(k) for k in per_doc]) if n else np.zeros(0, int)
    kind = rng.choice(len(types), n, p=[0.2, 0.25, 0.25, 0.08, 0.17, 0.05])
    label = types[kind]
    org = np.minimum(rng.zipf(1.3, n), 20_000)
    is_org, is_amount, is_date, is_sector = (kind == 0), (kind == 3), (kind == 4), (kind == 5)
    sector = rng.integers(0, len(sectors), n)
    money = is_amount & (rng.random(n) < 0.6)
    day = rng.integers(np.datetime64("1990-01-01").astype(int), 20_454, n).astype("datetime64[D]")
    dates = np.datetime_as_string(day)
    starts = within * 40 + rng.integers(0, 10, n)
    normal = np.where(
        is_org,
        np.char.add("Организация ", org.astype(str)),
        np.char.add("имя ", (org % 997).astype(str)),
    )
    mentions = {
        "doc_id": np.char.add("synthetic/", doc.astype(str)),
        "mention_id": np.char.add("M", (within + 1).astype(str)),
        "type": label,
        "start": starts,
        "end": starts + 12,
        "text": normal,
        "normal": normal,
        "entity_id": pa.array(np.char.add("ORG:", org.astype(str)), mask=~is_org),
        "parent_id": pa.nulls(n, pa.string()),
        "sentence": within // 3,
        "stage": np.where(is_org, "org_rules", "ner"),
        "kind": pa.array(np.where(money, "money", "count"), mask=~is_amount),
        "value": pa.array(rng.lognormal(16, 3, n), mask=~is_amount),
        "value_max": pa.nulls(n, pa.float64()),
        "unit": pa.array(rng.choice(["RUB", "USD", "EUR", "CNY"], n), mask=~money),
        "qualifier": pa.array(np.full(n, "eq"), mask=~is_amount),
        "timex": pa.array(dates, mask=~is_date),
        "date_start": pa.array(dates, mask=~is_date),
        "date_end": pa.array(dates, mask=~is_date),
        "granularity": pa.array(rng.choice(["day", "month", "year", "decade"], n), mask=~is_date),
        "relative": pa.array(np.zeros(n, bool), mask=~is_date),
        "sector": pa.array(np.array([s.id for s in sectors])[sector], mask=~is_sector),
        "okved": pa.array(np.array([";".join(s.okved) for s in sectors])[sector], mask=~is_sector),
    }
    doc_ids = np.arange(first, first + count)
    published = np.datetime_as_string(
        rng.integers(np.datetime64("2015-01-01").astype(int), 20_454, count).astype("datetime64[D]")
    )
    documents = {
        "doc_id": np.char.add("synthetic/", doc_ids.astype(str)),
        "source": np.char.add(np.char.add("synthetic/", doc_ids.astype(str)), ".txt"),
        "encoding": np.full(count, "utf-8"),
        "title": np.char.add("Документ ", doc_ids.astype(str)),
        "date": published,
        "characters": per_doc * 40 + 100,
        "sentences": per_doc // 3 + 1,
        "tokens": per_doc * 8,
        **{
            f"n_{t.lower()}": np.bincount(doc[kind == i] - first, minlength=count)
            for i, t in enumerate(types)
        },
    }
    return mentions, documents


def report_run(out: Path, env: dict, documents: int = REPORT_DOCS) -> Measured:
    """`python -m pipeline report` on a synthetic output of `documents` documents (made once
    and kept in OUT/report-{documents}/; only the report build is timed)."""
    folder = out / f"report-{documents}"
    if not (folder / "manifest.json").exists():
        _say(f"writing a synthetic output of {documents:,} documents to {folder} ...")
        synthetic_output(folder, documents)
    _start(f"report on {documents:,} synthetic documents")
    run = measure([sys.executable, "-m", "pipeline", "report", str(folder)], env)
    if run.status != 0:
        raise SystemExit(f"bench: the report build failed (exit {run.status})")
    return Measured(
        system=f"report, {documents:,} documents",
        documents=documents,
        characters=0,
        wall_s=run.wall_s,
        peak_rss_mb=run.peak_rss_mb,
        other_cores=run.other_cores,
    )


# --------------------------------------------------------------------------- child side


def read_texts(files_list: Path):
    """(doc_id, text) of each listed file, read as batch reads them."""
    from pipeline.reader import Document, iter_records

    for line in files_list.read_text(encoding="utf-8").splitlines():
        for record in iter_records(Path(line)):
            if isinstance(record, Document):
                yield record


def child_natasha() -> tuple[float, Callable]:
    """natasha's own usage: segment, morphology, NER, dates and money over the whole text."""
    started = time.perf_counter()
    from natasha import (
        DatesExtractor,
        Doc,
        MoneyExtractor,
        MorphVocab,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        Segmenter,
    )

    segmenter, embedding, vocab = Segmenter(), NewsEmbedding(), MorphVocab()
    morph, ner = NewsMorphTagger(embedding), NewsNERTagger(embedding)
    dates, money = DatesExtractor(vocab), MoneyExtractor(vocab)
    load_s = time.perf_counter() - started

    def run(document) -> Counter:
        doc = Doc(document.text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.tag_ner(ner)
        found = Counter(span.type for span in doc.spans)
        found["DATE"] += sum(1 for _ in dates(document.text))
        found["AMOUNT"] += sum(1 for _ in money(document.text))
        return found

    return load_s, run


def child_baseline() -> tuple[float, Callable]:
    """The project's baseline module (pipeline.baseline), as the evaluation runs it."""
    started = time.perf_counter()
    from pipeline.baseline import models, natasha_mentions

    models()
    load_s = time.perf_counter() - started

    def run(document) -> Counter:
        table = natasha_mentions([(document.doc_id, document.text)])
        return Counter(table["type"].tolist())

    return load_s, run


def child_pipeline() -> tuple[float, Callable]:
    """This pipeline in one process: nlp.pipe, then the table rows, as batch does."""
    started = time.perf_counter()
    # pipeline first, as every entry point (`python -m pipeline`, batch workers) imports it:
    # importing spaCy before it would bring in spaCy's CLI too (pipeline/lean_imports.py).
    from pipeline.runner import load_pipeline, table_rows
    from spacy.util import minibatch  # isort: skip

    nlp = load_pipeline()
    load_s = time.perf_counter() - started

    def run_all(documents) -> Counter:
        found: Counter = Counter()
        for chunk in minibatch(documents, size=64):
            for mentions, *_ in table_rows(chunk, nlp):
                found.update(row["type"] for row in mentions)
        return found

    return load_s, run_all


def child_stages(files_list: Path) -> dict:
    """Seconds per stage: the tokenizer, each component and the tables, one call at a time."""
    started, cpu = time.perf_counter(), time.process_time()
    from pipeline.runner import load_pipeline, make_doc
    from pipeline.tables import document_row, mention_rows

    nlp = load_pipeline()
    load_s, load_cpu_s = time.perf_counter() - started, time.process_time() - cpu
    stages: Counter = Counter()
    documents = characters = 0
    for document in read_texts(files_list):
        tick = time.perf_counter()
        doc = make_doc(nlp, document)
        stages["tokenizer (razdel)"] += time.perf_counter() - tick
        for name, component in nlp.pipeline:
            tick = time.perf_counter()
            doc = component(doc)
            stages[name] += time.perf_counter() - tick
        tick = time.perf_counter()
        mention_rows(doc)
        document_row(doc)
        stages["tables"] += time.perf_counter() - tick
        documents += 1
        characters += len(document.text)
    return {
        "documents": documents,
        "characters": characters,
        "load_s": load_s,
        "load_cpu_s": load_cpu_s,
        "process_s": sum(stages.values()),
        "stages": dict(stages),
    }


def run_child(system: str, files_list: Path, result: Path) -> int:
    if system == "stages":
        report = child_stages(files_list)
    elif system == "scaling":
        report = child_scaling(files_list)
    else:
        report = _timed_child(system, files_list)
    result.write_text(json.dumps(report), encoding="utf-8")
    return 0


def _timed_child(system: str, files_list: Path) -> dict:
    loaders = {"natasha": child_natasha, "baseline": child_baseline, "pipeline": child_pipeline}
    cpu = time.process_time()
    load_s, run = loaders[system]()
    load_cpu_s = time.process_time() - cpu
    documents = list(read_texts(files_list))  # texts read before the clock starts
    started = time.perf_counter()
    if system == "pipeline":
        found = run(documents)
    else:
        found = Counter()
        for document in documents:
            found.update(run(document))
    return {
        "documents": len(documents),
        "characters": sum(len(d.text) for d in documents),
        "load_s": load_s,
        "load_cpu_s": load_cpu_s,
        "process_s": time.perf_counter() - started,
        "mentions": dict(found),
    }


def child_scaling(path: Path) -> dict:
    """The documents of one file through `table_rows` (as batch runs them, 64 at a time),
    keeping only counts: CPU and wall time of the processing alone."""
    from pipeline.reader import Document, iter_records
    from pipeline.runner import load_pipeline, table_rows
    from spacy.util import minibatch  # isort: skip (after pipeline: see child_pipeline)

    nlp = load_pipeline()
    documents = [r for r in iter_records(path, max_bytes=None) if isinstance(r, Document)]
    cpu, wall, found = time.process_time(), time.perf_counter(), 0
    for chunk in minibatch(documents, size=64):
        found += sum(len(mentions) for mentions, *_ in table_rows(chunk, nlp))
    return {
        "documents": len(documents),
        "characters": sum(len(d.text) for d in documents),
        "cpu_s": time.process_time() - cpu,
        "wall_s": time.perf_counter() - wall,
        "mentions": found,
    }


# --------------------------------------------------------------------------- scaling

DEFAULT_SIZES = "10000,100000,1000000,4000000"


def scaling_articles() -> list[str]:
    """Texts to build long documents from: NEREL train+dev, else corpora/articles."""
    if SHARED_NEREL.is_dir():
        return [
            json.loads(line)["text"]
            for split in ("dev", "train")
            for line in (SHARED_NEREL / f"{split}.jsonl").open(encoding="utf-8")
        ]
    return [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora/articles").glob("*.txt"))
    ]


def scaling_inputs(size: int, articles: list[str], folder: Path) -> tuple[Path, Path]:
    """One .txt of about `size` characters (whole articles joined by a blank line, repeated
    as needed) and the same articles as a .jsonl of separate documents."""
    chosen, total, i = [], 0, 0
    while total < size:
        text = articles[i % len(articles)].strip()
        chosen.append(text[: size - total] if total + len(text) > size else text)
        total += len(chosen[-1]) + 2
        i += 1
    folder.mkdir(parents=True, exist_ok=True)
    one, split = folder / f"one-{size}.txt", folder / f"split-{size}.jsonl"
    one.write_text("\n\n".join(chosen), encoding="utf-8")
    lines = (
        json.dumps({"id": f"a{n}", "text": t}, ensure_ascii=False) for n, t in enumerate(chosen)
    )
    split.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return one, split


def scaling_runs(sizes: list[int], out: Path, env: dict) -> list[dict]:
    articles, rows = scaling_articles(), []
    for size in sizes:
        row = {"size": size}
        inputs = scaling_inputs(size, articles, out / "scaling")
        for kind, path in zip(("one", "split"), inputs, strict=True):
            _start(f"scaling: {size:,} characters as {kind} document(s)")
            result = out / f"child-scaling-{kind}-{size}.json"
            command = [sys.executable, str(Path(__file__).resolve()), "--child", "scaling"]
            run = measure(command + ["--files", str(path), "--result", str(result)], env)
            if run.status != 0:
                raise SystemExit(f"bench: the scaling run on {path} failed (exit {run.status})")
            report = json.loads(result.read_text(encoding="utf-8"))
            row[kind] = {**report, "peak_rss_mb": run.peak_rss_mb, "other_cores": run.other_cores}
        row["cpu_ratio"] = row["one"]["cpu_s"] / max(row["split"]["cpu_s"], 1e-9)
        row["wall_ratio"] = row["one"]["wall_s"] / max(row["split"]["wall_s"], 1e-9)
        rows.append(row)
    return rows


def scaling_markdown(rows: list[dict]) -> str:
    lines = [
        "Scaling: one document against the same text as separate articles, each run in its own "
        "process (processing only; time per character in microseconds; target: one document "
        "within 1.5x of the separate articles, peak RSS <= 400 MB):",
        "",
        "| characters | one doc µs/char (wall, CPU) | articles µs/char (wall, CPU) | "
        "ratio wall, CPU | peak RSS MB one doc, articles | mentions one doc, articles |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        one, split = row["one"], row["split"]

        def per_char(run: dict) -> str:
            chars = max(run["characters"], 1)
            return f"{1e6 * run['wall_s'] / chars:.1f}, {1e6 * run['cpu_s'] / chars:.1f}"

        lines.append(
            f"| {one['characters']:,} | {per_char(one)} | {per_char(split)} | "
            f"{row['wall_ratio']:.2f}, {row['cpu_ratio']:.2f} | "
            f"{one['peak_rss_mb']:.0f}, {split['peak_rss_mb']:.0f} | "
            f"{one['mentions']:,}, {split['mentions']:,} |"
        )
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- report


def summarise(runs: dict[str, Measured], cores: int) -> dict:
    natasha, ours = runs["natasha"], runs["pipeline"]
    one, many = runs["batch-1"], runs.get(f"batch-{cores}")
    worker_rss = [r for run in (one, many) if run for r in run.worker_rss_mb]
    ratios = {
        "pipeline_vs_natasha": ours.docs_per_s / natasha.docs_per_s,
        "pipeline_vs_natasha_processing_only": (natasha.process_s or 0) / (ours.process_s or 1),
        f"batch_{cores}_cores_vs_1": many.docs_per_s / one.docs_per_s if many else None,
    }
    loads = [r.load_s for r in (ours, one, many) if r and r.load_s is not None]
    measured = {
        "pipeline_vs_natasha": ratios["pipeline_vs_natasha"],
        "peak_rss_mb_per_worker": max(worker_rss),
        "model_load_s": max(loads),
    }
    if many and cores == 2:
        measured["batch_2_cores_vs_1"] = ratios["batch_2_cores_vs_1"]
    if "report" in runs:
        measured["report_100k_docs_s"] = runs["report"].wall_s
    targets = {}
    for name, value in measured.items():
        op, limit = TARGETS[name]
        met = value >= limit if op == ">=" else value <= limit
        targets[name] = {"measured": round(value, 3), "target": f"{op} {limit}", "met": met}
    return {"ratios": ratios, "targets": targets}


def markdown(runs: dict[str, Measured], summary: dict, context: dict) -> str:
    lines = [
        f"Corpus: {context['corpus']} — {context['documents']} documents, "
        f"{context['characters']:,} characters. Machine: {context['machine']}, "
        f"{context['cores']} cores. Stages: {', '.join(context['stages'])}. "
        f"Date: {context['date']}.",
        "",
        "Whole runs (start-up and model loading included), one after another:",
        "",
        "| system | docs/s | chars/s | wall s | model load s | processing s | "
        "peak RSS MB (process) | peak RSS MB (per worker) | other load (cores) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key in runs:
        run = runs[key]
        if key == "stages":
            continue
        workers = ", ".join(f"{r:.0f}" for r in run.worker_rss_mb) or "—"
        lines.append(
            f"| {run.system} | {run.docs_per_s:.1f} | {run.chars_per_s:,.0f} | "
            f"{run.wall_s:.1f} | {_load(run)} | {_num(run.process_s)} | "
            f"{run.peak_rss_mb:.0f} | {workers} | {run.other_cores:.2f} |"
        )
    lines += [
        "",
        "*other load*: CPU that other programs used during the run, in cores; above ~0.2 the "
        "figures of that row are skewed (the machine was shared).",
        "",
        "*model load*: wall seconds, imports included; in brackets the CPU seconds of the same "
        "load, where the child reports them: a wall figure well above its CPU figure is a "
        "wait for the cores (a burst of other work during the load hardly shows in *other "
        "load*, which averages over the whole run).",
    ]
    repeated = [runs[key] for key in runs if len(runs[key].walls) > 1]
    if repeated:
        walls = "; ".join(
            f"{run.system}: {', '.join(f'{w:.1f}' for w in run.walls)} s" for run in repeated
        )
        lines += [""]
        lines.append(
            f"*batch rows*: the fastest of {len(repeated[0].walls)} runs, made alternately "
            f"(all wall times — {walls})."
        )
    lines += ["", "Targets:", "", "| target | measured | goal | met |", "|---|---:|---|---|"]
    for name, check in summary["targets"].items():
        met = "yes" if check["met"] else "**no**"
        lines.append(f"| {name} | {check['measured']} | {check['target']} | {met} |")
    stages = runs["stages"].stages
    total = sum(stages.values()) or 1.0
    lines += [
        "",
        "Time per stage (one process, components called one by one on each document):",
        "",
        "| stage | seconds | share | ms per document |",
        "|---|---:|---:|---:|",
    ]
    for name, seconds in sorted(stages.items(), key=lambda item: -item[1]):
        per_doc = 1000 * seconds / max(runs["stages"].documents, 1)
        lines.append(f"| {name} | {seconds:.2f} | {seconds / total:.0%} | {per_doc:.1f} |")
    mentions = {k: runs[k].mentions for k in runs if k != "stages" and runs[k].mentions}
    lines += ["", "Mentions found (sanity check that each system did its work):", ""]
    for key, found in mentions.items():
        counts = ", ".join(f"{t} {n}" for t, n in sorted(found.items()))
        lines.append(f"- {runs[key].system}: {counts}")
    return "\n".join(lines) + "\n"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _load(run: Measured) -> str:
    if run.load_cpu_s is None:
        return _num(run.load_s)
    return f"{_num(run.load_s)} (CPU {run.load_cpu_s:.2f})"


def update_docs(table: str, doc: Path = PERFORMANCE_DOC) -> None:
    text = doc.read_text(encoding="utf-8") if doc.exists() else f"{DOC_START}\n{DOC_END}\n"
    if DOC_START not in text or DOC_END not in text:
        text += f"\n{DOC_START}\n{DOC_END}\n"
    head, rest = text.split(DOC_START, 1)
    _, tail = rest.split(DOC_END, 1)
    doc.write_text(f"{head}{DOC_START}\n{table}{DOC_END}{tail}", encoding="utf-8")


# --------------------------------------------------------------------------- main


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus",
        type=Path,
        help="folder of articles (default: NEREL train+dev written to OUT/corpus/, "
        "or corpora/articles repeated when ../shared is absent)",
    )
    parser.add_argument("--limit", type=int, metavar="N", help="first N documents only")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="results folder (default: %(default)s)"
    )
    parser.add_argument(
        "--workers", type=int, metavar="N", help="cores for the parallel batch run (default all)"
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=2,
        metavar="N",
        help="batch runs per worker count, alternating; the fastest is reported (default 2)",
    )
    parser.add_argument(
        "--update-docs", action="store_true", help="write the figures into docs/performance.md"
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help=f"only time `report` on a synthetic output of {REPORT_DOCS:,} documents",
    )
    parser.add_argument(
        "--sizes",
        default=DEFAULT_SIZES,
        metavar="N,N,...",
        help=f"document sizes (characters) of the scaling table (default {DEFAULT_SIZES})",
    )
    parser.add_argument("--scaling-only", action="store_true", help="run only the scaling table")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench", description=__doc__.split("\n\n")[0])
    add_arguments(parser)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--files", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))  # run as a script: the project's package is importable
    if args.child:
        return run_child(args.child, args.files, args.result)
    return bench(args)


def bench(args: argparse.Namespace) -> int:
    from pipeline.batch import available_cores
    from pipeline.config import load_config

    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **SINGLE_THREAD}
    if args.report_only:
        run = report_run(out, env)
        line = (
            f"report build, {run.documents:,} synthetic documents: {run.wall_s:.1f} s wall, "
            f"peak RSS {run.peak_rss_mb:.0f} MB, other load {run.other_cores:.2f} cores "
            f"(target <= {TARGETS['report_100k_docs_s'][1]:.0f} s)\n"
        )
        (out / "report.json").write_text(json.dumps(asdict(run), indent=2), encoding="utf-8")
        sys.stdout.write(line)
        return 0
    sizes = _sizes(args.sizes)
    if args.scaling_only:
        scaling = scaling_runs(sizes, out, env)
        return _report({"scaling": scaling}, scaling_markdown(scaling), out, args.update_docs)
    corpus = args.corpus.resolve() if args.corpus else prepare_corpus(out)
    corpus, files = select_files(corpus, args.limit, out)
    if not files:
        raise SystemExit(f"bench: no articles in {corpus}")
    files_list = out / "files.txt"
    files_list.write_text("".join(f"{p}\n" for p in files), encoding="utf-8")
    cores = args.workers or available_cores()
    stages = [s.name for s in load_config().stages]  # as the runs start: others edit it
    runs: dict[str, Measured] = {}
    plan = [("natasha", "natasha (5 components)"), ("pipeline", "this pipeline, 1 process")]
    if _has_baseline():
        plan.insert(1, ("baseline", "natasha via pipeline.baseline"))
    for key, label in plan:
        _start(f"{label} on {len(files)} documents")
        runs[key] = child_run(key, files_list, out, env)
        runs[key].system = label
    runs.update(batch_runs(sorted({1, cores}), args.repeats, corpus, out, env))
    runs["report"] = report_run(out, env)
    _start("time per stage")
    runs["stages"] = child_run("stages", files_list, out, env)
    scaling = scaling_runs(sizes, out, env)
    summary = summarise(runs, cores)
    context = {
        "corpus": str(corpus.relative_to(ROOT) if corpus.is_relative_to(ROOT) else corpus),
        "documents": runs["pipeline"].documents,
        "characters": runs["pipeline"].characters,
        "machine": f"{platform.machine()} {platform.processor() or platform.system()}",
        "cores": available_cores(),
        "stages": stages,
        "date": time.strftime("%Y-%m-%d"),
    }
    table = markdown(runs, summary, context) + "\n" + scaling_markdown(scaling)
    results = {
        "context": context,
        "runs": {k: {**asdict(r), "docs_per_s": r.docs_per_s} for k, r in runs.items()},
        "scaling": scaling,
        **summary,
    }
    return _report(results, table, out, args.update_docs)


def _report(results: dict, table: str, out: Path, update: bool) -> int:
    (out / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    (out / "results.md").write_text(table, encoding="utf-8")
    if update:
        update_docs(table)
    sys.stdout.write(table)
    sys.stdout.write(f"\nresults: {out / 'results.json'}, {out / 'results.md'}\n")
    return 0


def _sizes(value: str) -> list[int]:
    try:
        sizes = [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        message = f"bench: --sizes takes whole numbers separated by commas, not {value!r}"
        raise SystemExit(message) from None
    if not sizes or min(sizes) < 1:
        raise SystemExit("bench: --sizes needs at least one positive size")
    return sizes


def wait_until_quiet(limit_s: float = 600.0, threshold: float = 0.2) -> float:
    """On a shared machine, start a run only once other programs leave the cores alone (up to
    `limit_s`); returns the cores they were using when the run started."""
    import psutil

    deadline, warned = time.monotonic() + limit_s, False
    while True:
        before = _busy_seconds(psutil.cpu_times())
        time.sleep(2.0)
        busy = (_busy_seconds(psutil.cpu_times()) - before) / 2.0
        if busy <= threshold or time.monotonic() > deadline:
            return busy
        if not warned:
            _say(f"waiting: other programs use {busy:.1f} cores (figures would be skewed)")
            warned = True


def _has_baseline() -> bool:
    return (ROOT / "pipeline" / "baseline.py").exists()


def _start(what: str) -> None:
    busy = wait_until_quiet()
    _say(f"{what} ..." + (f" (other programs still use {busy:.1f} cores)" if busy > 0.2 else ""))


def _say(message: str) -> None:
    sys.stderr.write(f"bench: {message}\n")
    sys.stderr.flush()


if __name__ == "__main__":
    sys.exit(main())
