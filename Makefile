# newsfacts: `make demo` and `make test` work on a fresh machine (they create .venv themselves).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUM := $(shell cksum pyproject.toml | cut -d' ' -f1)
STAMP := $(VENV)/.installed-$(SUM)
RUN_STAMP := $(VENV)/.installed-run-$(SUM)
# the default warehouse (newsfacts.duckdb here), so that `newsfacts sql "..."` in this folder
# reads what the demo loaded; a second demo finds its articles unchanged
DEMO_DB := newsfacts.duckdb
SHARED := ../shared

.PHONY: install demo test lint eval bench stress fuzz clean

# (and the extraction modules compiled with mypyc, rebuilt when they change: scripts/compile_extract.py;
# without a C compiler extraction runs as pure Python)
install: $(STAMP)
	$(BIN)/python scripts/compile_extract.py

# everything: the tools of `make test` too
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-* && touch $@ $(RUN_STAMP)

# only what `newsfacts` itself needs (the demo)
$(RUN_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e .
	rm -f $(VENV)/.installed-run-* && touch $@

demo: $(RUN_STAMP)
	$(BIN)/newsfacts run samples --db $(DEMO_DB)
	$(BIN)/newsfacts sql "select metric, value, actor, target, location, event_date, attributed_to from facts order by event_date, metric" --db $(DEMO_DB)
	$(BIN)/newsfacts failures --db $(DEMO_DB)
	@echo "next: . $(VENV)/bin/activate, then newsfacts sql \"select count(*) from facts\" here (newsfacts --help)"

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest -q

# Extraction scores: our own corpus (tests/cases); the seeds and the real reports if ../shared is there.
eval: install
	$(BIN)/python scripts/evaluate.py --shared $(SHARED) --show

# Throughput, stage times, memory and the unchanged re-run on a synthetic corpus (docs/performance.md);
# `make bench BENCH_ARGS=--dask` then runs it on a Dask LocalCluster and compares the warehouses.
BENCH_N ?= 20000
BENCH_ARGS ?=
bench: install
	$(BIN)/python scripts/bench.py --articles $(BENCH_N) $(BENCH_ARGS)

# Reads during a run, runs killed with SIGKILL, and SIGINT/SIGTERM to run and serve, STRESS_SIGNALS
# times each (docs/reliability.md); e.g. `make stress STRESS_SIGNALS=2` for a shorter loop.
STRESS_SIGNALS ?= 10
stress: install
	$(BIN)/python scripts/stress.py --signals $(STRESS_SIGNALS)

# The reader and the extractor fuzzed for FUZZ_MINUTES (hypothesis; `make test` runs the same tests
# on a few fixed examples); found failures stay in .fuzz/hypothesis and are tried first next time.
FUZZ_MINUTES ?= 10
fuzz: install
	$(BIN)/python scripts/fuzz.py --minutes $(FUZZ_MINUTES)

clean:
	rm -rf $(VENV) src/ingest/extract/_compiled .fuzz .mypy_cache .ruff_cache .pytest_cache .hypothesis .grimp_cache .import_linter_cache
