"""Loading configs/pipeline.toml: which stages run, in which order, with which settings."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import InputError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = PROJECT_ROOT / "configs" / "pipeline.toml"


def shared_dir(explicit: str | Path | None = None) -> Path:
    """The shared corpora some dev golds point into (evaluation only, never the product):
    `explicit`, else $SHARED_DIR, else ../shared beside the project."""
    import os

    return Path(explicit or os.environ.get("SHARED_DIR") or PROJECT_ROOT.parent / "shared")


# Keys of a stage table that select the component rather than configure it.
_SELECTORS = ("factory", "module")
# Settings whose value is a file: resolved against the config file's folder.
PATH_KEYS = ("lexicon", "taxonomy", "path", "orgs", "places")


@dataclass(frozen=True)
class StageConfig:
    name: str
    factory: str
    module: str
    settings: dict = field(default_factory=dict)


@dataclass(frozen=True)
class PipelineConfig:
    path: Path
    stages: tuple[StageConfig, ...]
    tables: dict = field(default_factory=dict)
    long_documents: dict = field(default_factory=dict)


def load_config(path: Path | str | None = None) -> PipelineConfig:
    path = Path(path or DEFAULT_CONFIG)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(path, f"cannot read config: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, f"malformed TOML: {exc}") from None
    order = raw.get("pipeline", {}).get("stages", [])
    tables = raw.get("stages", {})
    stages = []
    for name in order:
        if name not in tables:
            raise InputError(
                path, f"stage '{name}' listed in [pipeline] but has no [stages.{name}]"
            )
        stages.append(_stage(name, tables[name], path))
    long_documents = raw.get("long_documents", {})
    for key in ("piece_chars", "page_chars"):
        size = long_documents.get(key, 1000)  # absent: the default applies
        if not isinstance(size, int) or isinstance(size, bool) or size < 1000:
            raise InputError(path, f"[long_documents] {key} must be a whole number >= 1000")
    return PipelineConfig(path, tuple(stages), raw.get("tables", {}), long_documents)


def _stage(name: str, table: dict, path: Path) -> StageConfig:
    missing = [key for key in _SELECTORS if key not in table]
    if missing:
        raise InputError(path, f"[stages.{name}] needs {', '.join(missing)}")
    settings = {k: v for k, v in table.items() if k not in _SELECTORS}
    for key in PATH_KEYS:
        if isinstance(settings.get(key), str):
            settings[key] = str((path.parent / settings[key]).resolve())
    return StageConfig(name, table["factory"], table["module"], settings)
