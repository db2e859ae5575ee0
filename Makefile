# Everyday entry points. `make demo` and `make test` work on a fresh machine with only
# Python >= 3.11 and make: each creates the virtual environment it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
GEN_VENV := .venv-gen
MUT_VENV := .venv-mutate
# .venv is installed from uv.lock by uv, itself pinned here and installed from PyPI into .tools/uv.
UV_VERSION := 0.13.9
UV_DIR := .tools/uv
UV := $(UV_DIR)/bin/uv
UV_STAMP := $(UV_DIR)/.installed-$(UV_VERSION)
# uv must never fetch a Python build: it uses $(PYTHON), like `python -m venv` did.
export UV_PYTHON_DOWNLOADS := never

.PHONY: bench bench-quick collect-acceptance docs help demo test check regenerate lint typecheck spec-check drift clean record record-live fuzz upstream-check lock lock-check mutate

help:
	@echo "make demo        start the sandbox exchange and trade on it with the client (no keys, no network)"
	@echo "make test        run the test suite"
	@echo "make docs        build the documentation site into site/ (mkdocs build --strict)"
	@echo "make check       lock freshness, spec validation, ruff, mypy --strict on upbit_ext, generated-code drift"
	@echo "make regenerate  rebuild generated/upbit_client from spec/upbit.yaml"
	@echo "make lock        re-resolve uv.lock after a dependency change in pyproject.toml"
	@echo "make record      re-record cassettes/sandbox (every operation) and convert the upbeat recordings (offline)"
	@echo "make record-live record the public quotation endpoints from api.upbit.com into cassettes/live (network; never in CI)"
	@echo "make collect-acceptance  the issue's 60 s faulted collection, checked against the sandbox's trade log"
	@echo "make fuzz        schemathesis against the sandbox, FUZZ_EXAMPLES (default 500) fresh random cases per operation"
	@echo "make upstream-check  compare the spec with the newest upbit-sdk from PyPI (network; for a person, not CI)"
	@echo "make bench       ours vs upbit-sdk, pyupbit, ccxt on loopback; rewrites benchmarks/README.md (< 10 min)"
	@echo "make bench-quick the same with fewer rounds (< 2 min)"
	@echo "make mutate      mutation testing of the safety-critical modules (slow; never in CI; see mutation/REPORT.md)"

# pip --target takes seconds; a Python without pip gets it through a venv (ensurepip) instead.
$(UV_STAMP):
	rm -rf $(UV_DIR)
	if $(PYTHON) -m pip --version >/dev/null 2>&1; then \
	  PIP_REQUIRE_VIRTUALENV=false PIP_ROOT_USER_ACTION=ignore $(PYTHON) -m pip install --quiet --target $(UV_DIR) uv==$(UV_VERSION); \
	else \
	  $(PYTHON) -m venv $(UV_DIR) && $(UV_DIR)/bin/python -m pip install --quiet uv==$(UV_VERSION); \
	fi
	touch $@

# Exactly the versions in uv.lock (the `dev` extra: test, sandbox, linters); fails if the lock is
# out of date with pyproject.toml. The project itself is installed editable.
$(BIN)/.installed: pyproject.toml uv.lock $(UV_STAMP)
	rm -rf upbit.egg-info  # left by the old setuptools install; it would shadow the real metadata
	$(UV) sync --locked --extra dev --python $(PYTHON) --quiet
	touch $@

# After changing dependencies in pyproject.toml: `make lock` (newest versions allowed by it) and commit uv.lock.
lock: $(UV_STAMP)
	$(UV) lock

$(GEN_VENV)/bin/.installed: requirements/generate.txt
	$(PYTHON) -m venv $(GEN_VENV)
	$(GEN_VENV)/bin/python -m pip install --quiet -r requirements/generate.txt
	touch $@

demo: $(BIN)/.installed
	$(BIN)/python scripts/demo.py

# The site under docs/ with generated tables and chart (scripts/docs_hooks.py); warnings fail it.
docs: $(BIN)/.installed
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

test: $(BIN)/.installed
	$(BIN)/python -m pytest --cov=upbit_ext --cov-branch --cov-report=term-missing:skip-covered --cov-fail-under=90

# `make test` runs the same fuzz test with 50 derandomized cases per operation; this draws new ones.
FUZZ_EXAMPLES ?= 500
fuzz: $(BIN)/.installed
	UPBIT_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) UPBIT_FUZZ_RANDOM=1 $(BIN)/python -m pytest tests/contract/test_fuzz_sandbox.py

# `make test` runs the faulted collection for 20 s; this is the issue's full minute.
collect-acceptance: $(BIN)/.installed
	UPBIT_COLLECT_SECONDS=60 $(BIN)/python -m pytest tests/stream/test_collect.py -k faulted -p no:randomly

# Offline and deterministic: the same sandbox answers give the same bytes.
record: $(BIN)/.installed
	$(BIN)/python scripts/record_cassettes.py
	$(BIN)/python scripts/record_live.py --from-examples

# Needs network; no keys are used or sent. For a person, never for CI.
record-live: $(BIN)/.installed
	$(BIN)/python scripts/record_live.py

# Installs the newest upbit-sdk into a throw-away venv and lists where it differs from the spec.
upstream-check: $(BIN)/.installed
	$(BIN)/python scripts/upstream_check.py

$(MUT_VENV)/bin/.installed: requirements/mutate.txt pyproject.toml
	$(PYTHON) -m venv $(MUT_VENV)
	$(MUT_VENV)/bin/python -m pip install --quiet -e '.[dev]' -r requirements/mutate.txt
	touch $@

# Mutants of the modules listed in setup.cfg [mutmut], each run against the tests that call the
# mutated function. MUTANTS narrows it, e.g. make mutate MUTANTS='upbit_ext._flow*'.
MUTANTS ?=
mutate: $(MUT_VENV)/bin/.installed
	$(MUT_VENV)/bin/mutmut run --max-children 2 $(MUTANTS)
	$(MUT_VENV)/bin/mutmut results

# Benchmarks (never in CI): peers run from .venv-bench, built by benchmarks/_harness.py from
# requirements/bench.txt; both rewrite benchmarks/results/latest.json, the charts and benchmarks/README.md.
bench: $(BIN)/.installed
	$(BIN)/python benchmarks/run.py

bench-quick: $(BIN)/.installed
	$(BIN)/python benchmarks/run.py --quick

regenerate: $(GEN_VENV)/bin/.installed
	scripts/regenerate.sh generated/upbit_client

check: lock-check spec-check lint typecheck drift

lock-check: $(UV_STAMP)
	$(UV) lock --check --offline || { echo "uv.lock is out of date with pyproject.toml: run 'make lock' and commit" >&2; exit 1; }

spec-check: $(BIN)/.installed
	$(BIN)/openapi-spec-validator spec/upbit.yaml

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(BIN)/.installed
	$(BIN)/mypy

# Regenerate into a temporary directory and fail if the checked-in client, facade or CLI table differs.
drift: $(GEN_VENV)/bin/.installed
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	scripts/regenerate.sh "$$tmp/upbit_client" "$$tmp/_operations.py" "$$tmp/spec.json" "$$tmp/_api_table.py" && \
	if diff -r generated/upbit_client "$$tmp/upbit_client" && diff upbit_ext/_operations.py "$$tmp/_operations.py" \
	  && diff upbit_ext/sandbox/spec.json "$$tmp/spec.json" \
	  && diff upbit_ext/cli/_api_table.py "$$tmp/_api_table.py"; \
	then echo "generated code is up to date with spec/upbit.yaml"; \
	else echo "generated code drifted from spec/upbit.yaml: run 'make regenerate' and commit" >&2; exit 1; fi

clean:
	rm -rf $(VENV) $(GEN_VENV) $(MUT_VENV) .tools mutants .pytest_cache .mypy_cache .ruff_cache
