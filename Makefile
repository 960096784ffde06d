# Set-up is incremental: the stamp is rebuilt whenever pyproject.toml changes.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ARTICLES := $(wildcard corpora/articles/*.txt corpora/articles/*.json corpora/articles/*.jsonl)
CONFIGS := $(shell find configs -type f)
CODE := $(shell find pipeline -name '*.py' -o -path '*/templates/*' -type f)
OUTPUTS := $(foreach a,$(ARTICLES),outputs/$(basename $(notdir $(a)))/mentions.csv)

.PHONY: setup extract test lint format evaluate evaluate-corpora batch bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (set PYTHON=...)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

ifdef ARTICLE
extract: $(STAMP)
	$(PY) -m pipeline extract "$(ARTICLE)" $(if $(OUT),--out "$(OUT)")
else
extract: $(STAMP) outputs/report.html
endif

# The overview of every extracted article, rebuilt when any of their tables changes.
outputs/report.html: $(OUTPUTS) $(CODE)
	$(PY) -m pipeline report outputs

# One rule per article: Make re-runs it when the article, configs/ or the code is newer.
.SECONDEXPANSION:
outputs/%/mentions.csv: $$(firstword $$(wildcard corpora/articles/$$*.txt corpora/articles/$$*.json corpora/articles/$$*.jsonl)) $(STAMP) $(CONFIGS) $(CODE)
	$(PY) -m pipeline extract $< --out outputs/$*

test: $(STAMP)
	$(PY) -m pytest -q -rs

lint: $(STAMP)
	$(VENV)/bin/ruff check pipeline tests scripts
	$(VENV)/bin/ruff format --check pipeline tests scripts

format: $(STAMP)
	$(VENV)/bin/ruff format pipeline tests scripts
	$(VENV)/bin/ruff check --fix pipeline tests scripts

clean:
	rm -rf $(VENV) outputs/*/

# --- evaluation -------------------------------------------------------------------------------
.PHONY: evaluate evaluate-corpora
SHARED ?= ../shared

# The seed article against its gold, natasha beside it; reports in outputs/eval/seed/.
evaluate: $(STAMP)
	$(PY) -m pipeline extract corpora/articles/2025-12-21-tokayev-japan.txt --out outputs/2025-12-21-tokayev-japan
	$(PY) -m pipeline evaluate --gold corpora/gold/2025-12-21-tokayev-japan.jsonl --pred outputs/2025-12-21-tokayev-japan/mentions.csv --out outputs/eval/seed --baseline natasha

# NEREL and factRuEval dev sets (when $(SHARED) is there); the table goes into docs/evaluation.md.
evaluate-corpora: $(STAMP)
	@if [ -d "$(SHARED)/corpora" ]; then \
		$(PY) scripts/evaluate_corpora.py --shared "$(SHARED)"; \
	else \
		echo "evaluate-corpora: skipped, $(SHARED)/corpora not found"; \
	fi

# Batch over a corpus folder: make batch CORPUS=DIR OUT=DIR [WORKERS=N] [SCHEDULER=tcp://HOST:PORT]
# [RESUME=1] [OVERWRITE=1]. See docs/batch.md.
.PHONY: batch bench
batch: $(STAMP)
	@test -n "$(CORPUS)" -a -n "$(OUT)" || { echo "usage: make batch CORPUS=DIR OUT=DIR [WORKERS=N] [SCHEDULER=tcp://HOST:PORT] [RESUME=1] [OVERWRITE=1]"; exit 2; }
	$(PY) -m pipeline batch "$(CORPUS)" --out "$(OUT)" $(if $(WORKERS),--workers $(WORKERS)) $(if $(SCHEDULER),--scheduler "$(SCHEDULER)") $(if $(RESUME),--resume) $(if $(OVERWRITE),--overwrite)

# Benchmark (minutes): make bench [CORPUS=DIR] [LIMIT=N]; figures go to outputs/bench/ and
# docs/performance.md. See docs/performance.md.
bench: $(STAMP)
	$(PY) -m pipeline bench --update-docs $(if $(CORPUS),--corpus "$(CORPUS)") $(if $(LIMIT),--limit $(LIMIT))
