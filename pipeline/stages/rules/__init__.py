"""Stage 4 — rule-based extraction: one spaCy component per family (org, amount, date, sector)."""
