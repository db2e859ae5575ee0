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
# The `upbit api` commands come from the same spec (upbit_ext/cli/_api.py builds them).
cli_table=${4:-$root/upbit_ext/cli/_api_table.py}
python "$root/scripts/gen_cli.py" "$root/spec/upbit.yaml" "$cli_table"
ruff format --quiet --config "$root/pyproject.toml" "$cli_table"
# The sandbox answers the operations of the spec it ships with, as JSON (no YAML at runtime).
spec_json=${3:-$root/upbit_ext/sandbox/spec.json}
python - "$root/spec/upbit.yaml" "$spec_json" <<'PY'
import json, sys
from ruamel.yaml import YAML
spec = YAML(typ="safe", pure=True).load(open(sys.argv[1], encoding="utf-8"))
with open(sys.argv[2], "w", encoding="utf-8") as out:
    json.dump(spec, out, ensure_ascii=False, indent=1)
    out.write("\n")
PY
