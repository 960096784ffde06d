"""Russian news extraction: razdel -> pymorphy3/slovnet -> NER -> rules -> tables."""

from pipeline.lean_imports import defer_spacy_cli

__version__ = "0.1.0"

defer_spacy_cli()  # before any stage imports spaCy (pipeline/lean_imports.py says why)
