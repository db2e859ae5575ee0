# Everyday entry points. `make demo` and `make test` work on a fresh machine with only
# Python >= 3.11 and make: each creates the virtual environment it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
GEN_VENV := .venv-gen
MUT_VENV := .venv-mutate

.PHONY: help demo test check regenerate lint typecheck spec-check drift clean record record-live fuzz mutate

help:
	@echo "make demo        start the sandbox exchange and trade on it with the client (no keys, no network)"
	@echo "make test        run the test suite"
	@echo "make check       spec validation, ruff, mypy --strict on upbit_ext, generated-code drift"
	@echo "make regenerate  rebuild generated/upbit_client from spec/upbit.yaml"
	@echo "make record      re-record cassettes/sandbox (every operation) and convert the upbeat recordings (offline)"
	@echo "make record-live record the public quotation endpoints from api.upbit.com into cassettes/live (network; never in CI)"
	@echo "make fuzz        schemathesis against the sandbox, FUZZ_EXAMPLES (default 500) fresh random cases per operation"
	@echo "make mutate      mutation testing of the safety-critical modules (slow; never in CI; see mutation/REPORT.md)"

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

$(GEN_VENV)/bin/.installed: requirements/generate.txt
	$(PYTHON) -m venv $(GEN_VENV)
	$(GEN_VENV)/bin/python -m pip install --quiet -r requirements/generate.txt
	touch $@

demo: $(BIN)/.installed
	$(BIN)/python scripts/demo.py

test: $(BIN)/.installed
	$(BIN)/python -m pytest --cov=upbit_ext --cov-branch --cov-report=term-missing:skip-covered --cov-fail-under=90

# `make test` runs the same fuzz test with 50 derandomized cases per operation; this draws new ones.
FUZZ_EXAMPLES ?= 500
fuzz: $(BIN)/.installed
	UPBIT_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) UPBIT_FUZZ_RANDOM=1 $(BIN)/python -m pytest tests/contract/test_fuzz_sandbox.py

# Offline and deterministic: the same sandbox answers give the same bytes.
record: $(BIN)/.installed
	$(BIN)/python scripts/record_cassettes.py
	$(BIN)/python scripts/record_live.py --from-examples

# Needs network; no keys are used or sent. For a person, never for CI.
record-live: $(BIN)/.installed
	$(BIN)/python scripts/record_live.py

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

regenerate: $(GEN_VENV)/bin/.installed
	scripts/regenerate.sh generated/upbit_client

check: spec-check lint typecheck drift

spec-check: $(BIN)/.installed
	$(BIN)/openapi-spec-validator spec/upbit.yaml

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(BIN)/.installed
	$(BIN)/mypy

# Regenerate into a temporary directory and fail if the checked-in client or facade differs.
drift: $(GEN_VENV)/bin/.installed
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	scripts/regenerate.sh "$$tmp/upbit_client" "$$tmp/_operations.py" "$$tmp/spec.json" && \
	if diff -r generated/upbit_client "$$tmp/upbit_client" && diff upbit_ext/_operations.py "$$tmp/_operations.py" \
	  && diff upbit_ext/sandbox/spec.json "$$tmp/spec.json"; \
	then echo "generated code is up to date with spec/upbit.yaml"; \
	else echo "generated code drifted from spec/upbit.yaml: run 'make regenerate' and commit" >&2; exit 1; fi

clean:
	rm -rf $(VENV) $(GEN_VENV) $(MUT_VENV) mutants .pytest_cache .mypy_cache .ruff_cache
