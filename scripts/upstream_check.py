"""Compare spec/upbit.yaml with the newest `upbit-sdk` (Upbit's official Python SDK).

Upbit generates that SDK (with Stainless) from its own API definition, so a difference is the
earliest sign that the spec is out of date. `make upstream-check` runs this for a maintainer
(it needs PyPI; never CI):

1. a throw-away virtual environment gets the newest `upbit-sdk` from PyPI;
2. inside it, this same file (`--introspect`) calls every method of the SDK's REST resources
   against an in-memory transport, so the method, path, query keys and JSON body keys are the
   ones the SDK really sends, and reads parameter required-ness and `Literal` values from the
   signatures and response fields from the pydantic models; it prints that as JSON;
3. here, that surface is compared with the spec: operations (by HTTP method and path),
   parameter names, required-ness and allowed values, response fields and their
   required-ness.

Each difference is one line. Deliberate ones are listed with their reason in
`spec/upstream-differences.yaml`; what is left is printed and the exit status is 1. An entry
of that file that no longer matches anything is reported too, so the list cannot rot.
Nothing of the SDK is imported by the project; the introspection runs in its own venv.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import subprocess
import sys
import tempfile
import venv
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "upbit.yaml"
ALLOWED = ROOT / "spec" / "upstream-differences.yaml"
HTTP_METHODS = ("get", "post", "put", "patch", "delete")

# ----------------------------------------------------------------------------- the SDK side
# This part runs inside the throw-away venv: standard library, httpx, pydantic and `upbit`.


def introspect() -> dict[str, Any]:
    """The REST surface of the installed `upbit` package, as plain JSON data."""
    import inspect
    import typing

    import httpx
    import pydantic
    import upbit  # the SDK, only ever present in the throw-away venv

    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=[])

    client = upbit.Upbit(
        access_key="introspection-access-key-0000000000000000",
        secret_key="introspection-secret-key-0000000000000000",
        base_url="http://sdk.invalid",
        max_retries=0,
        http_client=httpx.Client(transport=httpx.MockTransport(answer)),
    )

    def walk(tp: Any) -> Iterator[Any]:
        """Every leaf of a type: through Optional/Union/List/Annotated/TypeAlias."""
        origin = typing.get_origin(tp)
        if origin is typing.Literal:
            yield tp
            return
        args = typing.get_args(tp)
        if origin is not None and args:
            for arg in args:
                yield from walk(arg)
            return
        yield tp

    def literals(tp: Any) -> list[Any] | None:
        values = [v for leaf in walk(tp) if typing.get_origin(leaf) is typing.Literal
                  for v in typing.get_args(leaf)]  # fmt: skip
        return sorted({json.dumps(v): v for v in values}.values(), key=json.dumps) or None

    def is_list(tp: Any) -> bool:
        names = ("list", "List", "Sequence", "SequenceNotStr", "Iterable")
        return any(
            getattr(typing.get_origin(leaf) or leaf, "__name__", "") in names
            for leaf in [tp, *typing.get_args(tp)]
        )

    def dummy(name: str, tp: Any, index: int) -> Any:
        lits = literals(tp)
        leaves = [leaf for leaf in walk(tp) if leaf is not type(None)]
        if lits:
            value: Any = lits[0]
        elif bool in leaves:
            value = True
        elif int in leaves:
            value = 7001 + index
        elif float in leaves:
            value = 7001.5 + index
        else:
            value = f"v-{name}"
        return [value] if is_list(tp) and not isinstance(value, bool) else value

    def models(tps: list[Any]) -> list[type[pydantic.BaseModel]]:
        return [
            leaf
            for tp in tps
            for leaf in walk(tp)
            if isinstance(leaf, type) and issubclass(leaf, pydantic.BaseModel)
        ]

    def fields(tps: list[Any], prefix: str = "", depth: int = 0) -> dict[str, bool]:
        """`field path -> required`, over every model variant (required only if in all)."""
        variants = models(tps)
        flags: dict[str, list[bool]] = {}
        nested: dict[str, list[Any]] = {}
        for model in variants:
            for name, info in model.model_fields.items():
                key = info.alias or name
                flags.setdefault(key, []).append(info.is_required())
                sub = f"{prefix}{key}[]." if is_list(info.annotation) else f"{prefix}{key}."
                nested.setdefault(sub, []).append(info.annotation)
        out = {prefix + k: len(f) == len(variants) and all(f) for k, f in flags.items()}
        if depth < 4:
            for sub, annotations in nested.items():
                out.update(fields(annotations, sub, depth + 1))
        return out

    def response_type(method: Any) -> Any:
        tp = typing.get_type_hints(method).get("return")
        name = getattr(typing.get_origin(tp) or tp, "__name__", "")
        if "Page" in name:  # SyncPageNumberPage[Order] and friends: the item type
            args = typing.get_args(tp)
            return args[0] if args else tp.model_fields["items"].annotation
        return tp

    operations = []
    from upbit._resource import SyncAPIResource

    for resource_name in sorted(dir(client)):
        if resource_name.startswith(("_", "with_", "ws_")):
            continue
        try:
            resource = getattr(client, resource_name)
        except Exception:  # a property that needs more set-up is no resource
            continue
        if not isinstance(resource, SyncAPIResource):
            continue
        for method_name, method in inspect.getmembers(resource, inspect.ismethod):
            if method_name.startswith(("_", "with_")):
                continue
            signature = inspect.signature(method)
            hints = typing.get_type_hints(method, include_extras=False)
            params = {
                name: p
                for name, p in signature.parameters.items()
                if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)
                and not name.startswith("extra_")
                and name != "timeout"
            }
            values = {name: dummy(name, hints.get(name, str), i) for i, name in enumerate(params)}
            sent.clear()
            with contextlib.suppress(Exception):  # the request matters, not parsing `[]`
                method(**values)
            if not sent:
                operations.append({"sdk": f"{resource_name}.{method_name}", "error": "no request"})
                continue
            request = sent[0]
            query = list(request.url.params.multi_items())
            body = json.loads(request.content) if request.content else {}
            wire: dict[str, Any] = {}
            for name, value in values.items():
                rendered = json.dumps(value[0] if isinstance(value, list) else value)
                keys = [k for k, v in query if json.dumps(v) == rendered or v == str(value).lower()
                        or json.dumps(_maybe_number(v)) == rendered]  # fmt: skip
                keys += [k for k, v in body.items() if json.dumps(v) == json.dumps(value)]
                keys = sorted(set(keys))
                if len(keys) != 1:
                    options = [name, f"{name}[]", name.rstrip("_"), f"{name.rstrip('_')}[]"]
                    keys = [k for k in options if k in dict(query) or k in body][:1]
                where = "body" if keys and keys[0] in body else "query"
                if not keys and str(value) in request.url.path.split("/"):
                    keys, where = [name], "path"
                wire_name = keys[0] if keys else name
                wire[wire_name] = {
                    "in": where,
                    "required": params[name].default is inspect.Parameter.empty,
                    "values": literals(hints.get(name, str)),
                    "python": name,
                }
            operations.append(
                {
                    "sdk": f"{resource_name}.{method_name}",
                    "method": request.method,
                    "path": request.url.path,
                    "params": wire,
                    "response": fields([response_type(method)]),
                }
            )
    return {"version": upbit.__version__, "operations": operations}


def _maybe_number(text: str) -> Any:
    try:
        return int(text)
    except ValueError:
        return text


# ---------------------------------------------------------------------------- the spec side


def _resolve(spec: Mapping[str, Any], node: Any) -> Any:
    while isinstance(node, Mapping) and "$ref" in node:
        node = spec["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _variants(spec: Mapping[str, Any], schema: Any) -> list[Mapping[str, Any]]:
    """The object shapes a schema allows: allOf merged, oneOf/anyOf as variants."""
    schema = _resolve(spec, schema)
    if not isinstance(schema, Mapping):
        return []
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return [v for option in schema[key] for v in _variants(spec, option)]
    if "allOf" in schema:
        merged: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
        for part in schema["allOf"]:
            for variant in _variants(spec, part):
                merged["properties"].update(variant.get("properties", {}))
                merged["required"] += list(variant.get("required", []))
        return [merged]
    if schema.get("type") == "array" or "items" in schema:
        return _variants(spec, schema.get("items", {}))
    return [schema]


def _is_array(spec: Mapping[str, Any], schema: Any) -> bool:
    schema = _resolve(spec, schema)
    kind = schema.get("type") if isinstance(schema, Mapping) else None
    return kind == "array" or (isinstance(kind, list) and "array" in kind)


def schema_fields(
    spec: Mapping[str, Any], schemas: list[Any], prefix: str = "", depth: int = 0
) -> dict[str, bool]:
    """`field path -> required` over every variant of the given schemas (required in all)."""
    variants = [v for s in schemas for v in _variants(spec, s)]
    seen: dict[str, list[bool]] = {}
    nested: dict[str, list[Any]] = {}
    for variant in variants:
        for name, sub in variant.get("properties", {}).items():
            seen.setdefault(name, []).append(name in variant.get("required", []))
            if depth < 4:
                key = f"{prefix}{name}[]." if _is_array(spec, sub) else f"{prefix}{name}."
                nested.setdefault(key, []).append(sub)
    out = {
        prefix + name: len(flags) == len(variants) and all(flags) for name, flags in seen.items()
    }
    for key, subs in nested.items():
        out.update(schema_fields(spec, subs, key, depth + 1))
    return out


def _values(spec: Mapping[str, Any], schema: Any) -> list[Any] | None:
    schema = _resolve(spec, schema) or {}
    if _is_array(spec, schema):
        schema = _resolve(spec, schema.get("items", {}))
    if "enum" in schema:
        return sorted(schema["enum"], key=json.dumps)
    if "const" in schema:
        return [schema["const"]]
    return None


def spec_surface(spec: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """`METHOD /path -> {id, params, response}` for every operation of the spec."""
    surface: dict[str, dict[str, Any]] = {}
    for path, item in spec["paths"].items():
        for method in HTTP_METHODS:
            op = item.get(method)
            if op is None:
                continue
            params: dict[str, dict[str, Any]] = {}
            for p in [*item.get("parameters", []), *op.get("parameters", [])]:
                params[p["name"]] = {
                    "in": p["in"],
                    "required": bool(p.get("required")),
                    "values": _values(spec, p.get("schema", {})),
                }
            content = op.get("requestBody", {}).get("content", {})
            for media in content.values():
                for variant in _variants(spec, media.get("schema", {})):
                    for name, sub in variant.get("properties", {}).items():
                        params[name] = {
                            "in": "body",
                            "required": name in variant.get("required", []),
                            "values": _values(spec, sub),
                        }
            bodies = [
                media["schema"]
                for status, response in op.get("responses", {}).items()
                if str(status).startswith("2")
                for media in _resolve(spec, response).get("content", {}).values()
                if "schema" in media
            ]
            surface[f"{method.upper()} {path}"] = {
                "id": op["operationId"],
                "params": params,
                "response": schema_fields(spec, bodies),
            }
    return surface


# ------------------------------------------------------------------------------ comparison


def _template_match(template: str, path: str) -> bool:
    parts, actual = template.split("/"), path.split("/")
    return len(parts) == len(actual) and all(
        p == a or (p.startswith("{") and p.endswith("}"))
        for p, a in zip(parts, actual, strict=True)
    )


def compare(sdk: Mapping[str, Any], spec: Mapping[str, Any]) -> list[str]:
    """Every difference between the SDK's surface and the spec's, one stable line each."""
    ours = spec_surface(spec)
    out: list[str] = []
    matched: set[str] = set()
    for theirs in sdk["operations"]:
        if "error" in theirs:
            out.append(f"sdk {theirs['sdk']}: {theirs['error']}")
            continue
        key = next(
            (
                k
                for k in ours
                if k.split(" ", 1)[0] == theirs["method"]
                and _template_match(k.split(" ", 1)[1], theirs["path"])
            ),
            None,
        )
        if key is None:
            out.append(
                f"operation {theirs['method']} {theirs['path']} ({theirs['sdk']}):"
                " in the SDK, not in the spec"
            )
            continue
        matched.add(key)
        op = ours[key]
        out += _compare_params(op["id"], theirs["params"], op["params"])
        out += _compare_fields(op["id"], theirs["response"], op["response"])
    for key, op in ours.items():
        if key not in matched:
            out.append(f"operation {key} ({op['id']}): in the spec, not in the SDK")
    return sorted(set(out))


def _compare_params(
    op_id: str, theirs: Mapping[str, Any], ours: Mapping[str, Any]
) -> Iterator[str]:
    for name in sorted(theirs.keys() | ours.keys()):
        label = f"{op_id} parameter {name}"
        if name not in ours:
            yield f"{label}: in the SDK, not in the spec"
            continue
        if name not in theirs:
            yield f"{label}: in the spec, not in the SDK"
            continue
        a, b = theirs[name], ours[name]
        if a["required"] != b["required"]:
            sdk, ours_ = _required(a["required"]), _required(b["required"])
            yield f"{label}: {sdk} in the SDK, {ours_} in the spec"
        if a["values"] is not None or b["values"] is not None:
            sdk_values = set(map(json.dumps, a["values"] or []))
            spec_values = set(map(json.dumps, b["values"] or []))
            if a["values"] is None:
                yield f"{label}: the spec allows only {sorted(spec_values)}, the SDK any value"
            elif b["values"] is None:
                yield f"{label}: the SDK allows only {sorted(sdk_values)}, the spec any value"
            elif sdk_values != spec_values:
                yield (
                    f"{label}: allowed values differ, SDK only {sorted(sdk_values - spec_values)},"
                    f" spec only {sorted(spec_values - sdk_values)}"
                )


def _parent(path: str) -> str | None:
    head, dot, _ = path.rstrip(".").rpartition(".")
    return head.removesuffix("[]") if dot else None


def _compare_fields(
    op_id: str, theirs: Mapping[str, Any], ours: Mapping[str, bool]
) -> Iterator[str]:
    for name in sorted(theirs.keys() | ours.keys()):
        parent = _parent(name)
        if parent is not None and (parent not in theirs or parent not in ours):
            continue  # the missing parent is the one difference worth a line
        label = f"{op_id} response field {name}"
        if name not in ours:
            yield f"{label}: in the SDK, not in the spec"
        elif name not in theirs:
            yield f"{label}: in the spec, not in the SDK"
        elif theirs[name] != ours[name]:
            sdk, ours_ = _required(theirs[name]), _required(ours[name])
            yield f"{label}: {sdk} in the SDK, {ours_} in the spec"


def _required(flag: bool) -> str:
    return "required" if flag else "optional"


def triage(differences: list[str], allowed: list[Mapping[str, str]]) -> tuple[list[str], list[str]]:
    """(differences no allow-list entry explains, entries that match no difference).

    An entry's `difference` is the line as printed, where `*` stands for any text, so one
    reason can cover the same deliberate choice on several operations; each needs a `reason`.
    """
    patterns = [str(entry.get("difference", "")) for entry in allowed]
    for entry, pattern in zip(allowed, patterns, strict=True):
        if not pattern or not str(entry.get("reason") or "").strip():
            raise ValueError(f"{ALLOWED.name}: each entry needs a difference and a reason: {entry}")
    compiled = [re.compile(".*".join(map(re.escape, p.split("*"))) + r"\Z") for p in patterns]
    left = [d for d in differences if not any(c.match(d) for c in compiled)]
    stale = [
        p for p, c in zip(patterns, compiled, strict=True) if not any(map(c.match, differences))
    ]
    return left, stale


# ------------------------------------------------------------------------------------ main


def _sdk_surface(package: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="upbit-sdk-") as tmp:
        env = Path(tmp) / "venv"
        venv.EnvBuilder(with_pip=True).create(env)
        python = env / "bin" / "python"
        installed = subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--upgrade", package],
            capture_output=True, text=True,
        )  # fmt: skip
        if installed.returncode:
            sys.exit(f"pip install {package} failed:\n{installed.stdout}{installed.stderr}")
        return _run_introspection(python)


def _run_introspection(python: Path) -> dict[str, Any]:
    done = subprocess.run(  # its tracebacks go straight to stderr
        [str(python), __file__, "--introspect"], check=True, stdout=subprocess.PIPE, text=True
    )
    return dict(json.loads(done.stdout))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--introspect", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--package", default="upbit-sdk", help="pip requirement to compare with")
    parser.add_argument("--sdk-json", type=Path, help="a saved introspection, instead of PyPI")
    parser.add_argument("--sdk-python", type=Path, help="a Python that has upbit-sdk already")
    parser.add_argument("--save", type=Path, help="write the SDK's surface here as JSON")
    args = parser.parse_args(argv)
    if args.introspect:
        json.dump(introspect(), sys.stdout, indent=1, sort_keys=True)
        return 0

    import yaml

    if args.sdk_json:
        sdk = json.loads(args.sdk_json.read_text())
    elif args.sdk_python:
        sdk = _run_introspection(args.sdk_python)
    else:
        sdk = _sdk_surface(args.package)
    if args.save:
        args.save.write_text(json.dumps(sdk, indent=1, sort_keys=True) + "\n")
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    allowed = yaml.safe_load(ALLOWED.read_text(encoding="utf-8")) if ALLOWED.exists() else []
    left, stale = triage(compare(sdk, spec), allowed or [])
    print(f"upbit-sdk {sdk['version']} against {SPEC.relative_to(ROOT)}:")
    for line in left:
        print(f"  {line}")
    for line in stale:
        print(f"  stale entry in {ALLOWED.relative_to(ROOT)} (no longer differs): {line}")
    if not left and not stale:
        print(f"  no differences beyond the {len(allowed or [])} listed in {ALLOWED.name}")
        return 0
    print(f"{len(left)} difference(s) unexplained, {len(stale)} stale entry(ies)")
    return 1


if __name__ == "__main__":
    sys.exit(main())
