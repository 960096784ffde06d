"""spaCy without its command line at import: `import spacy` also imports `spacy.cli` (typer,
requests, httpx, weasel, rich, jinja2's config templates; ~360 modules) only to re-export one
function, `spacy.info`. The pipeline never runs spaCy's CLI, and that import was a third of
spaCy's import time (~0.3 s CPU of every process's model load) and ~18 MB of every process.

`defer_spacy_cli()` (called from `pipeline/__init__.py`, before any stage imports spaCy) lets
spaCy's own `__init__` find a stand-in for `spacy.cli.info` while it runs, and only then:
`spacy.info` stays callable (the stand-in imports the real command on first call), and a later
`import spacy.cli` or the attribute `spacy.cli` loads the real package. If spaCy was imported
before `pipeline`, or a spaCy version imports more than `info` from its CLI, spaCy is imported
exactly as usual.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

SPACY = "spacy"
CLI_INFO = "spacy.cli.info"


def defer_spacy_cli() -> None:
    """Install the one-shot import hook, unless spaCy is already imported (nothing to save)."""
    if SPACY in sys.modules or any(isinstance(f, _SpacyFinder) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _SpacyFinder())


class _SpacyFinder:
    """A meta path finder (importlib.abc is not imported for it: the batch driver imports
    `pipeline` and stays light): finds `spacy` as the finders after it would, and wraps its
    loader; used once."""

    def find_spec(self, name, path=None, target=None):
        if name != SPACY:
            return None
        sys.meta_path.remove(self)  # one import of spaCy per process: never asked again
        spec = importlib.util.find_spec(name)  # by the finders after this one
        if spec is None or spec.loader is None:
            return spec
        spec.loader = _WithoutCli(spec.loader)
        return spec


class _WithoutCli:
    """spaCy's own loader (a duck-typed importlib loader), run with the stand-in
    `spacy.cli.info` in place."""

    def __init__(self, loader) -> None:
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module) -> None:
        # The module keeps spaCy's real loader: importlib.resources and friends read it.
        module.__loader__ = module.__spec__.loader = self.loader
        stand_in = _info_stand_in()
        sys.modules.setdefault(CLI_INFO, stand_in)
        try:
            self.loader.exec_module(module)
        except ImportError:
            # A spaCy that imports more from its CLI than `info`: import it the usual way
            # (the submodules already imported stay valid; __init__ runs again in full).
            _drop(stand_in)
            self.loader.exec_module(module)
        finally:
            _drop(stand_in)
        _cli_on_first_use(module)


def _cli_on_first_use(module: types.ModuleType) -> None:
    """The usual `import spacy` leaves `spacy.cli` as an attribute, and users call
    `spacy.cli.download(...)` after a plain `import spacy`: that attribute imports the real
    CLI on first use (PEP 562), so only code that touches it pays for it."""
    if "cli" in vars(module) or "__getattr__" in vars(module):
        return

    def __getattr__(name: str):
        if name == "cli":
            return importlib.import_module(f"{SPACY}.cli")  # also binds module.cli
        raise AttributeError(f"module {SPACY!r} has no attribute {name!r}")

    module.__getattr__ = __getattr__


def _drop(stand_in: types.ModuleType) -> None:
    if sys.modules.get(CLI_INFO) is stand_in:
        del sys.modules[CLI_INFO]


def _info_stand_in() -> types.ModuleType:
    module = types.ModuleType(CLI_INFO, "Stand-in for spaCy's `info` command (lean_imports).")

    def info(*args, **kwargs):
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    info.__doc__ = "spaCy's `spacy.info`, imported from spacy.cli on its first call."
    module.info = info
    return module
