"""Russian news extraction: razdel -> pymorphy3/slovnet -> NER -> rules -> tables."""

__version__ = "0.1.0"
