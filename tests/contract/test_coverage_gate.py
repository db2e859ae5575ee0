"""The contract suite covers the whole spec: no operation without a facade method on both
clients, a recorded sandbox cassette, and a fuzz run (schemathesis against the sandbox and
the client-side fuzz).

Fuzz runs are read from the test items pytest collects in the fuzz modules, so a test that
stops being generated for an operation (a filter, an exclusion, a renamed path) fails here.
"""

from __future__ import annotations

import inspect
import json
import keyword
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from _spec import ROOT, Operation, load_spec, operations, resolve

from upbit_ext import AsyncUpbit, Upbit

CASSETTES = ROOT / "cassettes" / "sandbox"
FUZZ_MODULES = ("tests/contract/test_fuzz_sandbox.py", "tests/contract/test_client_fuzz.py")
SPEC_OPERATIONS = sorted(operations(), key=lambda op: op.operation_id)
IDS = [op.operation_id for op in SPEC_OPERATIONS]

# Collects in a separate process: the fuzz modules load schemathesis, the sandbox and
# Hypothesis settings that must not leak into this session.
_COLLECT = """
import json, sys
import pytest

class Names:
    items = []
    def pytest_collection_finish(self, session):
        self.items = [[item.path.name, item.name] for item in session.items]

names = Names()
args = ["--collect-only", "-q", "-p", "no:cacheprovider", *sys.argv[2:]]
code = pytest.main(args, plugins=[names])
with open(sys.argv[1], "w") as out:
    json.dump({"code": int(code), "items": names.items}, out)
"""


def _python_name(wire: str) -> str:
    name = wire.removesuffix("[]")
    return f"{name}_" if keyword.iskeyword(name) else name


def _spec_arguments(op: Operation) -> set[str]:
    spec = load_spec()
    names = {_python_name(resolve(p, spec)["name"]) for p in op.definition.get("parameters", [])}
    body = op.definition.get("requestBody")
    if body is not None:
        schema = resolve(resolve(body, spec)["content"]["application/json"]["schema"], spec)
        names |= {_python_name(field) for field in schema.get("properties", {})}
    return names


@pytest.mark.parametrize("facade", [Upbit, AsyncUpbit], ids=["Upbit", "AsyncUpbit"])
def test_every_operation_has_a_facade_method(facade: type[Any]) -> None:
    problems = []
    for op in SPEC_OPERATIONS:
        method = getattr(facade, op.operation_id, None)
        if not callable(method):
            problems.append(f"{op.operation_id}: no method")
            continue
        if inspect.iscoroutinefunction(method) != (facade is AsyncUpbit):
            problems.append(f"{op.operation_id}: {'not ' * (facade is AsyncUpbit)}async")
        taken = {
            name
            for name, param in inspect.signature(method).parameters.items()
            if param.kind is inspect.Parameter.KEYWORD_ONLY
        }
        if taken != _spec_arguments(op):
            problems.append(
                f"{op.operation_id}: takes {sorted(taken)}, spec {sorted(_spec_arguments(op))}"
            )
    assert not problems, f"{facade.__name__} does not match the spec:\n" + "\n".join(problems)


def _path_pattern(op: Operation) -> re.Pattern[str]:
    return re.compile(re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(op.path)) + r"\Z")


@pytest.mark.parametrize("op", SPEC_OPERATIONS, ids=IDS)
def test_every_operation_has_a_sandbox_cassette(op: Operation) -> None:
    assert CASSETTES.is_dir(), f"{CASSETTES} is missing: run `make record`"
    cassette = CASSETTES / f"{op.operation_id}.yaml"
    assert cassette.is_file(), f"no cassette {cassette}: run `make record`"
    recorded = yaml.safe_load(cassette.read_text(encoding="utf-8"))
    requests = [i["request"] for i in recorded.get("interactions") or []]
    path = _path_pattern(op)
    assert any(
        r["method"] == op.method and path.match(urlsplit(r["uri"]).path) for r in requests
    ), f"{cassette.name} records no {op.method} {op.path}"


@pytest.fixture(scope="module")
def fuzz_items(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Test item names (with their parameter ids) of each fuzz module, by module file name."""
    out = tmp_path_factory.mktemp("gate") / "collected.json"
    done = subprocess.run(
        [sys.executable, "-c", _COLLECT, str(out), *FUZZ_MODULES],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    result: dict[str, Any] = (
        json.loads(out.read_text()) if out.exists() else {"code": -1, "items": []}
    )
    assert result["code"] == 0, (
        f"collecting the fuzz modules failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
    )
    by_module: dict[str, list[str]] = {Path(m).name: [] for m in FUZZ_MODULES}
    for module, name in result["items"]:
        by_module.setdefault(module, []).append(name)
    return by_module


def _names_operation(item: str, op: Operation) -> bool:
    """An item id names the operation by operationId or as `METHOD /path` (schemathesis)."""
    param_id = item.partition("[")[2].removesuffix("]")
    parts = {param_id, *param_id.split("-")}
    return op.operation_id in parts or f"{op.method} {op.path}" in parts


@pytest.mark.parametrize("module", [Path(m).name for m in FUZZ_MODULES])
def test_every_operation_has_a_fuzz_run(module: str, fuzz_items: dict[str, list[str]]) -> None:
    items = fuzz_items[module]
    missing = [
        op.operation_id
        for op in SPEC_OPERATIONS
        if not any(_names_operation(item, op) for item in items)
    ]
    assert not missing, f"{module} has no fuzz run for: {', '.join(missing)}"
