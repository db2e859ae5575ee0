# Everyday entry points. `make demo` and `make test` work on a fresh machine with only
# Python >= 3.11 and make: each creates the virtual environment it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
GEN_VENV := .venv-gen

.PHONY: help demo test check regenerate lint typecheck spec-check drift clean

help:
	@echo "make demo        start the sandbox exchange and trade on it with the client (no keys, no network)"
	@echo "make test        run the test suite"
	@echo "make check       spec validation, ruff, mypy --strict on upbit_ext, generated-code drift"
	@echo "make regenerate  rebuild generated/upbit_client from spec/upbit.yaml"

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
	$(BIN)/python -m pytest

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
	rm -rf $(VENV) $(GEN_VENV) .pytest_cache .mypy_cache .ruff_cache
