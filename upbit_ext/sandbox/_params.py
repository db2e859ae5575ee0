"""Reading a request's parameters the way the spec declares them, with Upbit's error answers.

The sandbox has no hand-written parameter list: every operation's query and body rules
come from the spec it ships with (`spec.json`), so the spec, the client and the sandbox
cannot disagree about what an operation takes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any

from ._errors import SandboxError

__all__ = ["SpecOperation", "load_operations", "parse_body", "parse_query"]

Q_INVALID = "Invalid parameter. Check the given value!"
Q_TYPE = "Type mismatch error. Check the parameters type!"
Q_MISSING = "Missing request parameter error. Check the required parameters!"
_JSON_KINDS: dict[str, tuple[type, ...]] = {
    "string": (str,), "integer": (int,), "boolean": (bool,), "number": (int, float),
}  # fmt: skip


@dataclass(frozen=True)
class SpecOperation:
    id: str
    method: str
    path: str
    tag: str
    rate_group: str
    secured: bool
    parameters: tuple[Mapping[str, Any], ...]
    body_schema: Mapping[str, Any] | None
    success_status: int
    examples: Mapping[int, Any]


@cache
def load_spec() -> dict[str, Any]:
    text = resources.files("upbit_ext.sandbox").joinpath("spec.json").read_text("utf-8")
    spec: dict[str, Any] = json.loads(text)
    return spec


def _resolve(spec: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _example(media: Mapping[str, Any]) -> Any:
    if "example" in media:
        return media["example"]
    return next(iter(media["examples"].values()))["value"]


@cache
def load_operations() -> tuple[SpecOperation, ...]:
    spec = load_spec()
    ops: list[SpecOperation] = []
    for path, item in spec["paths"].items():
        for method, op in item.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            successes = sorted(int(s) for s in op["responses"] if s.startswith("2"))
            examples = {
                int(s): _example(_resolve(spec, r)["content"]["application/json"])
                for s, r in op["responses"].items()
                if s.startswith("2")
            }
            ops.append(
                SpecOperation(
                    id=op["operationId"],
                    method=method.upper(),
                    path=path,
                    tag=op["tags"][0],
                    rate_group=op["x-upbit-rate-group"],
                    secured="security" in op,
                    parameters=tuple(_resolve(spec, p) for p in op.get("parameters", [])),
                    body_schema=_resolve(spec, body["schema"]) if body else None,
                    success_status=successes[-1]
                    if op["operationId"] != "cancel_and_new_order"
                    else 200,
                    examples=examples,
                )
            )
    return tuple(ops)


def _bad(op: SpecOperation, kind: str, detail: str) -> SandboxError:
    if op.tag == "quotation":
        return SandboxError(400, 400, {"missing": Q_MISSING, "type": Q_TYPE}.get(kind, Q_INVALID))
    name = "validation_error" if kind in {"missing", "type"} else "invalid_parameter"
    return SandboxError(400, name, detail)


def _coerce(
    op: SpecOperation, name: str, raw: Any, schema: Mapping[str, Any], *, text: bool
) -> Any:
    kinds = schema.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    value: Any = raw
    if text and isinstance(raw, str):
        if "integer" in kinds:
            if not re.fullmatch(r"-?\d+", raw):
                raise _bad(op, "type", f"{name} does not have a valid value")
            value = int(raw)
        elif "number" in kinds:
            try:
                value = Decimal(raw)
            except InvalidOperation:
                raise _bad(op, "type", f"{name} does not have a valid value") from None
        elif "boolean" in kinds:
            if raw not in {"true", "false"}:
                raise _bad(op, "type", f"{name} does not have a valid value")
            value = raw == "true"
    elif not text:
        if raw is None and "null" in kinds:
            return None
        allowed = tuple(t for k in kinds for t in _JSON_KINDS.get(k, ()))
        wrong_bool = isinstance(raw, bool) and "boolean" not in kinds
        if allowed and (not isinstance(raw, allowed) or wrong_bool):
            raise _bad(op, "type", f"{name} does not have a valid value")
    if "enum" in schema and value not in schema["enum"]:
        raise _bad(op, "invalid", f"{name} does not have a valid value")
    if "minimum" in schema and value < schema["minimum"]:
        raise _bad(op, "invalid", f"{name} must be >= {schema['minimum']}")
    if "maximum" in schema and value > schema["maximum"]:
        raise _bad(op, "invalid", f"{name} must be <= {schema['maximum']}")
    if isinstance(value, str):
        if "minLength" in schema and len(value) < schema["minLength"]:
            raise _bad(op, "invalid", f"{name} is too short")
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            raise _bad(op, "invalid", f"{name} is too long")
        if "pattern" in schema and not _matches(schema["pattern"], value):
            raise _bad(op, "invalid", f"{name} does not have a valid value")
    return value


def _matches(pattern: str, value: str) -> bool:
    """Match as JSON Schema (ECMA-262) does: `$` ends the string, never before a final newline."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.search(pattern, value) is not None


def parse_query(
    op: SpecOperation, query: Mapping[str, list[str]], path_params: Mapping[str, str]
) -> dict[str, Any]:
    """Typed parameters keyed by wire name without `[]`; errors as Upbit answers them."""
    out: dict[str, Any] = {}
    for param in op.parameters:
        name, schema = param["name"], param["schema"]
        key = name.removesuffix("[]")
        if param["in"] == "path":
            out[key] = _coerce(op, name, path_params[name], schema, text=True)
            continue
        values = query.get(name, [])
        if not values or values == [""]:
            if param.get("required"):
                raise _bad(op, "missing", f"{name} is missing")
            if values:  # `name=` means "not given", but only as a value the spec allows
                rule = schema.get("items", {}) if schema.get("type") == "array" else schema
                _coerce(op, name, "", rule, text=True)
            continue
        if schema.get("type") == "array":
            if "maxItems" in schema and len(values) > schema["maxItems"]:
                raise _bad(op, "invalid", f"{name} takes at most {schema['maxItems']} items")
            out[key] = [_coerce(op, name, v, schema.get("items", {}), text=True) for v in values]
        else:
            out[key] = _coerce(op, name, values[-1], schema, text=True)
    return out


def parse_body(op: SpecOperation, raw: bytes) -> dict[str, Any]:
    """The JSON body checked against the operation's request schema."""
    assert op.body_schema is not None
    try:
        body = json.loads(raw or b"null")
    except ValueError:
        raise _bad(op, "type", "the body is not valid JSON") from None
    if not isinstance(body, dict):
        raise _bad(op, "type", "the body must be a JSON object")
    props: Mapping[str, Any] = op.body_schema.get("properties", {})
    for name in body:
        if name not in props:
            raise _bad(op, "invalid", f"{name} is not a parameter of this request")
    for name in op.body_schema.get("required", []):
        if body.get(name) is None:
            raise _bad(op, "missing", f"{name} is missing")
    # `null` is a value like any other: accepted only where the spec says the field is nullable.
    parsed = {
        name: _coerce(op, name, value, props[name], text=False) for name, value in body.items()
    }
    return {name: value for name, value in parsed.items() if value is not None}
