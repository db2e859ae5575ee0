"""Helpers shared by the spec tests: load the spec and walk its operations."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "spec" / "upbit.yaml"
DATA = Path(__file__).resolve().parent / "data"
HTTP_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str  # upper case
    path: str
    definition: dict[str, Any]

    @property
    def tag(self) -> str:
        tags: list[str] = self.definition["tags"]
        return tags[0]


@cache
def load_spec() -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return spec


@cache
def load_examples() -> dict[str, Any]:
    examples: dict[str, Any] = json.loads((DATA / "upbit-examples.json").read_text("utf-8"))
    examples.pop("_note", None)
    return examples


def operations(spec: dict[str, Any] | None = None) -> Iterator[Operation]:
    spec = spec if spec is not None else load_spec()
    for path, item in spec["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                op = item[method]
                yield Operation(op["operationId"], method.upper(), path, op)


def operation_for(method: str, path: str) -> Operation:
    for op in operations():
        if op.method == method and op.path == path:
            return op
    raise KeyError(f"{method} {path} is not in the spec")


def resolve(node: dict[str, Any], spec: dict[str, Any] | None = None) -> dict[str, Any]:
    """Follow a local `$ref` (one level at a time) to the object it names."""
    spec = spec if spec is not None else load_spec()
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node
