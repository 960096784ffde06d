"""Where a worker's memory goes: the pipeline in one process over N texts (and optionally one
long joined text), printing RSS (current and peak) after each step and the size of every
cache that grows with the documents seen. Memory figures are valid on a busy machine.

    python scripts/memory_probe.py ../shared/corpora/nerel/{train,dev}.jsonl --every 100
    python scripts/memory_probe.py ../shared/corpora/nerel/dev.jsonl --long 4000000 --texts 0
    python scripts/memory_probe.py CORPUS.jsonl --trace 15   # tracemalloc's top allocations

`--drop-caches` ends by clearing the caches (gc + malloc_trim) and prints what that gave back:
the caches' real weight in RSS, which sys.getsizeof cannot see through.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import time
from collections.abc import Callable
from pathlib import Path


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident set in MB, from /proc (peak = VmHWM = ru_maxrss)."""
    current = peak = 0.0
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                current = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    except OSError:  # not Linux: the peak alone
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return current, peak


def say(step: str, **extra) -> None:
    current, peak = rss_mb()
    more = "".join(f"  {k}={v}" for k, v in extra.items())
    print(f"{step:34s} rss {current:6.0f} MB  peak {peak:6.0f} MB{more}", flush=True)


def cache_sizes(nlp) -> dict[str, int]:
    """Entries held by each cache that grows with the vocabulary of the documents seen."""
    from pipeline import models, readings, slovnet_exec
    from pipeline.normalize import inflect
    from pipeline.stages import morphology

    sizes = {
        "models.parses": models.parses.cache_info().currsize,
        "readings.agreeing_parse": readings.agreeing_parse.cache_info().currsize,
        "morphology._lemma": morphology._lemma.cache_info().currsize,
        "inflect._nominative": inflect._nominative.cache_info().currsize,
        "spacy strings": len(nlp.vocab.strings),
        "spacy lexemes": len(nlp.vocab),
    }
    for cache in slovnet_exec.word_ids_caches():
        sizes["slovnet word ids"] = cache.cache_info().currsize
    for name, component in nlp.pipeline:
        for attr, value in _grown_dicts(component):
            sizes[f"{name}.{attr}"] = len(value)
    return sizes


def _grown_dicts(component, depth: int = 2):
    """Dicts on a component (or its helpers) keyed by vocabulary: `known`, `_gate`, ..."""
    if depth == 0:
        return
    for attr, value in vars(component).items() if hasattr(component, "__dict__") else ():
        if isinstance(value, dict) and attr in ("known", "_gate", "_tag_keys"):
            yield attr, value
        elif hasattr(value, "__dict__") and not isinstance(value, type):
            for sub, found in _grown_dicts(value, depth - 1):
                yield f"{attr}.{sub}", found


def hit_rates() -> dict[str, str]:
    from pipeline import models, readings
    from pipeline.stages import morphology

    rates = {}
    for name, cached in (
        ("parses", models.parses),
        ("agreeing_parse", readings.agreeing_parse),
        ("_lemma", morphology._lemma),
    ):
        info = cached.cache_info()
        calls = info.hits + info.misses
        rates[name] = f"{info.hits / calls:.3f}" if calls else "-"
    return rates


def drop_caches() -> None:
    from pipeline import models, readings, slovnet_exec
    from pipeline.normalize import inflect
    from pipeline.runner import trim_heap
    from pipeline.stages import morphology

    for cached in (
        models.parses,
        readings.agreeing_parse,
        morphology._lemma,
        inflect._nominative,
        *slovnet_exec.word_ids_caches(),
    ):
        if cached:
            cached.cache_clear()
    gc.collect()
    trim_heap()


def read_texts(paths: list[Path], limit: int | None) -> list[tuple[str, str]]:
    texts = [
        (str(record.get("id", n)), record["text"])
        for path in paths
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines())
        if line.strip()
        for record in [json.loads(line)]
    ]
    return texts if limit is None else texts[:limit]


def run_texts(nlp, texts: list[tuple[str, str]], every: int, rows_of: Callable) -> None:
    from pipeline.reader import Document

    began, kept = time.process_time(), 0
    for start in range(0, len(texts), 64):
        chunk = [Document(i, t, "<memory>", "utf-8", None) for i, t in texts[start : start + 64]]
        kept += sum(len(result[0]) for result in rows_of(chunk, nlp))
        done = min(start + 64, len(texts))
        if done % every < 64 or done == len(texts):
            say(f"after {done} texts", mentions=kept, cpu_s=f"{time.process_time() - began:.1f}")


def run_long(nlp, texts: list[tuple[str, str]], size: int, rows_of: Callable) -> None:
    from pipeline.reader import Document

    parts, total, i = [], 0, 0
    while total < size and texts:
        text = texts[i % len(texts)][1].strip()
        parts.append(text)
        total += len(text) + 2
        i += 1
    long = Document("long", "\n\n".join(parts)[:size], "<memory>", "utf-8", None)
    began = time.process_time()
    [(mentions, *_)] = rows_of([long], nlp)
    cpu = time.process_time() - began
    say(f"one document of {len(long.text):,} chars", mentions=len(mentions), cpu_s=f"{cpu:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="+", type=Path, help="JSONL files with id and text")
    parser.add_argument("--texts", type=int, help="first N texts only (0: none)")
    parser.add_argument("--every", type=int, default=128, help="print after every N texts")
    parser.add_argument("--long", type=int, default=0, metavar="CHARS", help="one joined text")
    parser.add_argument("--trace", type=int, default=0, metavar="N", help="tracemalloc top N")
    parser.add_argument("--drop-caches", action="store_true", help="clear caches at the end")
    args = parser.parse_args()

    say("start")
    if args.trace:
        import tracemalloc

        tracemalloc.start(8)
    import pandas  # noqa: F401  (a batch worker imports both for its Parquet parts)
    import pyarrow  # noqa: F401

    say("numpy/pandas/pyarrow imported")
    from pipeline.runner import load_pipeline, table_rows

    nlp = load_pipeline()
    say("pipeline loaded")
    loaded = _snapshot() if args.trace else None
    texts = read_texts(args.corpora, args.texts)
    short = [t for t in texts if len(t[1]) > 0]
    if args.texts != 0:
        run_texts(nlp, short, args.every, table_rows)
        say("caches", **hit_rates())
        for name, entries in cache_sizes(nlp).items():
            print(f"  {name:40s} {entries:8,d}")
    if args.long:
        run_long(nlp, read_texts(args.corpora, None), args.long, table_rows)
    if args.drop_caches:
        before = rss_mb()[0]
        drop_caches()
        say("caches cleared, heap trimmed", gave_back_mb=f"{before - rss_mb()[0]:.0f}")
    if args.trace:
        import tracemalloc

        print(f"tracemalloc: {tracemalloc.get_traced_memory()[0] / 2**20:.0f} MB traced now")
        print("grown since the pipeline was loaded (MB, blocks, where allocated):")
        for stat in _snapshot().compare_to(loaded, "lineno")[: args.trace]:
            print(f"  {stat.size_diff / 2**20:7.1f} MB {stat.count_diff:9,d}  {stat.traceback[0]}")


def _snapshot():
    import tracemalloc

    gc.collect()
    return tracemalloc.take_snapshot().filter_traces(
        [tracemalloc.Filter(False, tracemalloc.__file__)]
    )


if __name__ == "__main__":
    main()
