#!/usr/bin/env bash
# Regenerate the typed client from spec/upbit.yaml into OUT (default generated/upbit_client).
# Runs with the pinned generator venv (see requirements/generate.txt); used by `make regenerate`
# and, into a temporary directory, by the drift check of `make check`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/generated/upbit_client}
gen_bin=${GEN_BIN:-$root/.venv-gen/bin}
export PATH="$gen_bin:$PATH"   # the generator's post-hooks call the pinned ruff
mkdir -p "$(dirname "$out")"
openapi-python-client generate \
  --path "$root/spec/upbit.yaml" \
  --config "$root/spec/opc-config.yaml" \
  --meta none \
  --output-path "$out" \
  --overwrite \
  --fail-on-warning >/dev/null
rm -rf "$out/.ruff_cache"
touch "$out/py.typed"
# The facade methods of Upbit/AsyncUpbit are generated from the same spec and client.
facades=${2:-$root/upbit_ext/_operations.py}
python "$root/scripts/gen_facades.py" "$root/spec/upbit.yaml" "$(dirname "$out")" "$facades"
ruff format --quiet --config "$root/pyproject.toml" "$facades"
ruff check --quiet --fix-only --config "$root/pyproject.toml" "$facades"
ruff format --quiet --config "$root/pyproject.toml" "$facades"
