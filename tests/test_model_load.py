"""What model loading leaves out must not change what is loaded: spaCy without its CLI
(pipeline/lean_imports.py), slovnet's models without importing natasha and with shared
vocabularies (models.load_slovnet), pandas only where frames are built."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from pipeline import models

ROOT = Path(__file__).resolve().parent.parent


def _python(code: str, path: list[Path] | None = None) -> dict:
    """Run `code` in a fresh interpreter (spaCy is already imported in this one) and return
    the JSON it prints last."""
    env_path = ":".join(str(p) for p in [*(path or []), ROOT])
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_spacy_imported_after_pipeline_leaves_its_cli_out():
    seen = _python(
        """
        import json, sys
        import pipeline, spacy
        from spacy.tokens import Doc
        before = "spacy.cli" in sys.modules
        stand_in = spacy.info
        import spacy.cli
        real = sys.modules["spacy.cli.info"]
        print(json.dumps({
            "cli_before": before,
            "loader_kept": type(spacy.__spec__.loader).__module__.startswith("_frozen"),
            "real_info_file": getattr(real, "__file__", None) or "",
            "info_keys": sorted(stand_in()),
            "hooks_left": [type(f).__name__ for f in sys.meta_path if "Spacy" in type(f).__name__],
        }))
        """
    )
    assert seen["cli_before"] is False
    assert seen["loader_kept"] is True  # spaCy's module keeps its own loader
    assert seen["real_info_file"].endswith("info.py")  # a later import gets the real CLI
    assert "spacy_version" in seen["info_keys"]  # spacy.info still works, through the real one
    assert seen["hooks_left"] == []  # the hook is used once


def test_spacy_cli_is_an_attribute_after_a_plain_import():
    # Users write `import spacy; spacy.cli.download(...)`: the usual spaCy has `cli` as an
    # attribute after `import spacy`, so the deferred CLI must still answer to it.
    seen = _python(
        """
        import json, sys
        import pipeline, spacy
        before = "spacy.cli" in sys.modules
        download = spacy.cli.download
        from spacy import cli
        print(json.dumps({"before": before, "download": callable(download),
                          "same": cli is sys.modules["spacy.cli"]}))
        """
    )
    assert seen == {"before": False, "download": True, "same": True}


def test_spacy_imported_before_pipeline_is_left_alone():
    seen = _python(
        """
        import json, sys
        import spacy, pipeline
        print(json.dumps({"cli": "spacy.cli" in sys.modules,
                          "hooks": [type(f).__name__ for f in sys.meta_path
                                    if "Spacy" in type(f).__name__]}))
        """
    )
    assert seen["hooks"] == []  # nothing installed: spaCy was imported the usual way


FAKE_INIT = {
    # a spaCy whose __init__ takes only `info` from its CLI (as 3.8 does)
    "info only": "from .cli.info import info\n",
    # a spaCy that takes more than the stand-in has: imported the usual way
    "more": "from .cli.info import info, more\n",
}


@pytest.mark.parametrize("kind", list(FAKE_INIT))
def test_a_spacy_importing_more_from_its_cli_imports_as_usual(tmp_path, kind):
    package = tmp_path / "spacy"
    (package / "cli").mkdir(parents=True)
    (package / "__init__.py").write_text(FAKE_INIT[kind], encoding="utf-8")
    (package / "cli" / "__init__.py").write_text("LOADED = True\n", encoding="utf-8")
    (package / "cli" / "info.py").write_text(
        "def info():\n    return 'real'\n\nmore = 1\n", encoding="utf-8"
    )
    seen = _python(
        """
        import json, sys
        import pipeline, spacy
        cli = "spacy.cli" in sys.modules
        print(json.dumps({"cli": cli, "info": spacy.info()}))
        """,
        path=[tmp_path],
    )
    assert seen == {"cli": kind == "more", "info": "real"}


def test_natasha_model_files_are_natashas():
    from natasha import data

    assert models.natasha_data() == Path(data.DATA_DIR)
    files = {kind: entry[0] for kind, entry in models.SLOVNET_MODELS.items()}
    assert Path(data.MODEL_DIR, files["morph"]) == Path(data.NEWS_MORPH)
    assert Path(data.MODEL_DIR, files["ner"]) == Path(data.NEWS_NER)
    assert Path(data.MODEL_DIR, files["syntax"]) == Path(data.NEWS_SYNTAX)
    assert Path(data.EMB_DIR, models.NEWS_EMBEDDING) == Path(data.NEWS_EMBEDDING)


@pytest.mark.parametrize("kind", ["morph", "ner", "syntax"])
def test_load_slovnet_loads_what_natasha_loads(kind):
    """Same weights, same vocabularies (items), same classes as natasha's own news models."""
    from natasha import NewsMorphTagger, NewsNERTagger, NewsSyntaxParser

    natasha_class = {"morph": NewsMorphTagger, "ner": NewsNERTagger, "syntax": NewsSyntaxParser}
    embedding = models.news_embedding()
    theirs = natasha_class[kind](embedding).infer
    ours = models.load_slovnet(kind, embedding).infer
    assert type(ours) is type(theirs)
    assert type(ours.encoder) is type(theirs.encoder)
    for vocab in ("words_vocab", "shapes_vocab"):
        assert getattr(ours.encoder, vocab).items == getattr(theirs.encoder, vocab).items
    labels = "rels_vocab" if kind == "syntax" else "tags_vocab"
    assert getattr(ours.decoder, labels).items == getattr(theirs.decoder, labels).items
    assert _arrays(ours.model) == _arrays(theirs.model)


def _arrays(model) -> list[bytes]:
    """Every weight array of a slovnet model, in the order its `weights` lists them."""
    return [np.asarray(weight.array).tobytes() for weight in model.weights]


def test_the_three_models_share_one_vocabulary():
    morph, ner = models.taggers()
    parser = models.syntax_parser()
    words = {id(m.infer.encoder.words_vocab) for m in (morph, ner, parser)}
    shapes = {id(m.infer.encoder.shapes_vocab) for m in (morph, ner, parser)}
    assert len(words) == 1 and len(shapes) == 1


def test_rows_need_no_pandas():
    seen = _python(
        """
        import json, sys
        from pipeline.reader import Document
        from pipeline.runner import table_rows
        text = "«Газпром» в 2024 году выплатил 1,2 трлн рублей."
        [(mentions, *_)] = table_rows([Document("a", text, "<memory>", "utf-8", None)])
        print(json.dumps({"pandas": "pandas" in sys.modules, "mentions": len(mentions)}))
        """
    )
    assert seen["pandas"] is False and seen["mentions"] > 0
