"""`bench`: the benchmark (scripts/bench.py) as a subcommand; `make bench` runs it."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from pipeline.config import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "scripts" / "bench.py"


def load_script(path: Path = SCRIPT) -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_script", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    if not SCRIPT.exists():  # an installed package without the repository's scripts/
        return
    script = load_script()  # imports only the standard library: cheap at start-up
    parser = subparsers.add_parser(
        "bench",
        help="benchmark against natasha and across cores (minutes; see docs/performance.md)",
        description=script.__doc__.split("\n\n")[0],
    )
    script.add_arguments(parser)
    parser.set_defaults(func=run, bench_script=script)


def run(args: argparse.Namespace) -> int:
    return args.bench_script.bench(args)
