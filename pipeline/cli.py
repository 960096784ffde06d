"""Command-line entry point: `python -m pipeline SUBCOMMAND` and the `ru-news-extract` script."""

from __future__ import annotations

import argparse
import importlib
import sys

from pipeline.errors import InputError

# Each module exposes add_parser(subparsers) registering a subcommand whose `func(args) -> int`.
COMMAND_MODULES = (
    "pipeline.commands.extract",
    "pipeline.commands.evaluate",
    "pipeline.commands.batch",
    "pipeline.commands.bench",
    "pipeline.commands.report",
)

EXAMPLES = """examples:
  python -m pipeline extract article.txt                  # -> outputs/article/
  python -m pipeline extract a.txt --out /tmp/a --date 2025-12-21
  python -m pipeline batch corpus/ --out outputs/batch    # a folder, all cores, report.html
  python -m pipeline report outputs/batch                 # rebuild the overview page
  python -m pipeline evaluate --gold corpora/gold/2025-12-21-tokayev-japan.jsonl"""


class _HelpFormatter(argparse.HelpFormatter):
    """Wraps descriptions as usual but keeps an epilog of examples line for line."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("examples:"):
            return "\n".join(indent + line for line in text.splitlines())
        return super()._fill_text(text, width, indent)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # one line, no usage dump, exit 2
        sys.stderr.write(f"{self.prog}: error: {message} (see: {self.prog} --help)\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m pipeline",
        description="Extract organisations, amounts, dates and sectors from Russian news "
        "articles into annotated tables. `python -m pipeline COMMAND --help` explains each "
        "command.",
        epilog=EXAMPLES,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # subcommand not built yet
                continue
            raise
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except InputError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
