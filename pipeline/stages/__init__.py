"""The stages of the pipeline, in the order configs/pipeline.toml runs them: tokenizer (razdel),
morphology (slovnet + pymorphy3), ner (slovnet), rules/ (org, names, amount, date, sector),
syntax (slovnet parser on candidate sentences), relations (relations and facts)."""
