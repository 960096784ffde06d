"""Scoring extracted mentions against annotated corpora (`python -m pipeline evaluate`).

model: Mention, Document, GoldCorpus. Readers: gold (project JSONL + validator), corpora (NEREL,
factRuEval), brat, predictions (mentions tables); readers.read_gold picks one. systems runs the
pipeline or a baseline on gold texts; metrics matches and counts; scoring ties them together
with sanity checks; run holds a run and its score table, report and html write the files;
offset_gold reads golds stored as id + sha1 + offsets over ../shared texts. See docs/evaluation.md.
"""
