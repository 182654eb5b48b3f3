# policykg: the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install browser run test eval model bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# make run serves the bundled samples (examples/) from a store of their own, $(SAMPLES), never from ./data, where
# policykg load puts your documents (samples loaded into ./data were counted with them in every answer: session 68);
# make run DATA=DIR serves the store in DIR as it is, loading nothing into it.
# With POLICYKG_STORE=neo4j the samples go into the Neo4j database named, which may hold one's corpus: they are loaded
# only when it holds no document (load --if-empty; otherwise it is served as it is, and a line says so: session 69).
SAMPLES := data/samples
DATA ?= $(SAMPLES)

run: install
ifeq ($(DATA),$(SAMPLES))
ifeq ($(POLICYKG_STORE),neo4j)
	$(BIN)/policykg --data-dir $(DATA) load examples --quiet --if-empty
else
	$(BIN)/policykg --data-dir $(DATA) load examples --quiet
	@echo "make run: serving the 5 bundled samples from their own store, $(DATA) (your documents: policykg load FOLDER" \
	  "stores them in ./data; make run DATA=data serves them)"
endif
else
	@echo "make run: serving the store in $(DATA) as it is (no sample loaded; make run alone serves the samples)"
endif
	$(BIN)/policykg --data-dir $(DATA) serve --host $(HOST) --port $(PORT)

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
# Installed when this runs as root with apt; otherwise those tests skip and say why.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei \
	  >/dev/null; } || echo "note: Chromium could not be installed; the browser tests will be skipped"

test: install browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

# Scores per annotated set (seeds, gold-b, loaders/training) and pooled, with the shared
# scorer: the rules alone, and rules + tagger leave-one-document-out (over five hours on 2 cores with 115 documents);
# then loaders/training/heldout (never fitted on) with the shipped models.
# FOLDS=0: leave one document out (one fit per document); FOLDS=4: 4 folds grouped by document (4 fits)
# MODELS=DIR keeps the fold models there; a later run over the same folds, gold files and texts reuses them (seconds,
# not hours), for a change made after the fitted steps (decoding, relation rules, resolution)
FOLDS ?= 0
MODELS ?=
eval: install
	$(BIN)/python -m policykg.evaluate --shared $(SHARED) --folds $(FOLDS) $(if $(MODELS),--models $(MODELS))

# The shipped tagger model, fitted on every annotated document (deterministic; about seven minutes).
TRAINING_SETS = $(SHARED)/seeds:$(SHARED)/gold $(SHARED)/texts-b:$(SHARED)/gold-b loaders/training/texts:loaders/training/gold
# ADAPT="TEXTS:GOLD ..." also fits on your own annotated sets and adapts both models to their annotation.
ADAPT ?=
model: install
	$(BIN)/python -m policykg.loaders.train --out loaders/data/tagger.crfsuite $(TRAINING_SETS) $(foreach s,$(ADAPT),--adapt $(s))

bench: install
	$(BIN)/python bench/run.py --corpus $(SHARED)/corpus/gwr

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache
