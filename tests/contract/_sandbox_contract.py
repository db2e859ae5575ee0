"""What the sandbox contract tests share: a fresh sandbox per test, a signer, a strict check.

Used by test_fuzz_sandbox.py (schemathesis fuzzing of every operation) and
test_spec_mutation.py (a mutated copy of the spec must make those same checks fail).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes, urlsplit

import jwt
import requests
import schemathesis
from schemathesis.config import SchemathesisConfig
from starlette.types import Receive, Scope, Send

from upbit_ext.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, SandboxConfig, create_app

SPEC = Path(__file__).resolve().parents[2] / "spec" / "upbit.yaml"
ORIGIN_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z: frozen, so every run sees the same market


def sandbox_config(db_path: Path) -> SandboxConfig:
    """Seeded, frozen and unthrottled: the same request gets the same answer on every run.

    Rate limits are off because a frozen clock puts every request in one one-second window:
    all but the first ten quotation requests would be 429, then 418.
    """
    return SandboxConfig(
        db_path=db_path,
        seed=7,
        origin_ms=ORIGIN_MS,
        frozen=True,
        history_days=0.25,
        rate_limits=False,
    )


class CurrentSandbox:
    """The ASGI app schemathesis calls; forwards to the sandbox of the running test.

    Schemathesis ends an app's lifespan after each test item and the sandbox closes its
    database then, so each test gets a new sandbox rather than a closed one.
    """

    def __init__(self) -> None:
        self.app: Any = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.app is None:
            raise RuntimeError("no sandbox: use the fresh sandbox fixture")
        await self.app(scope, receive, send)

    def fresh(self, db_path: Path) -> None:
        self.app = create_app(sandbox_config(db_path))


def sandbox_schema(
    spec_path: Path, app: CurrentSandbox, config: Mapping[str, Any] | None = None
) -> Any:
    """The spec file as a schemathesis schema aimed at `app`, exchange operations signed.

    `config` is schemathesis configuration (the `schemathesis.toml` keys) and replaces any
    such file: the tests behave the same whatever directory they run from.
    """
    settings = SchemathesisConfig.from_dict(dict(config or {}))
    schema = schemathesis.openapi.from_path(spec_path, config=settings)
    schema.app = app
    schema.auth.set_from_requests(UpbitSigner()).skip_for(tag="quotation")
    return schema


class UpbitSigner(requests.auth.AuthBase):
    """Signs the request as sent, the way Upbit documents it, independently of upbit_ext.

    HS256 via PyJWT (Upbit accepts HS256 and HS512). `query_hash` is the SHA-512 of the
    query string as sent (percent-decoded, in order) joined by `&` to the JSON body rendered
    as `k=v` pairs in body order (arrays as repeated `k[]=v`, nulls left out). A body that
    cannot be rendered that way (not a flat JSON object) gets no hash, so it must be refused.
    """

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        claims: dict[str, Any] = {"access_key": DEMO_ACCESS_KEY, "nonce": str(uuid.uuid4())}
        body = request.body if isinstance(request.body, bytes | str) else None
        signed = signed_string(request.url or "", body)
        if signed:
            claims["query_hash"] = hashlib.sha512(signed.encode()).hexdigest()
            claims["query_hash_alg"] = "SHA512"
        token = jwt.encode(claims, DEMO_SECRET_KEY, algorithm="HS256")
        request.headers["Authorization"] = f"Bearer {token}"
        return request


def signed_string(url: str, body: bytes | str | None) -> str:
    query = unquote_to_bytes(urlsplit(url).query).decode("utf-8", "replace")
    raw = body.encode() if isinstance(body, str) else body or b""
    return "&".join(part for part in (query, _rendered_body(raw)) if part)


class _Pairs(list[tuple[str, Any]]):
    """A JSON object as its (key, value) pairs, in body order."""


def _rendered_body(raw: bytes) -> str:
    if not raw.strip():
        return ""
    try:
        pairs = json.loads(raw, object_pairs_hook=_Pairs, parse_float=str, parse_int=str)
    except (ValueError, RecursionError):
        return ""
    if not isinstance(pairs, _Pairs):
        return ""
    rendered: list[str] = []
    for name, value in pairs:
        if value is None:
            continue
        is_array = isinstance(value, list)
        key = f"{name.removesuffix('[]')}[]" if is_array else name
        for item in value if is_array else [value]:
            if isinstance(item, bool):
                item = "true" if item else "false"
            if not isinstance(item, str):
                return ""
            rendered.append(f"{key}={item}")
    return "&".join(rendered)


def every_field_declared(raw_spec: Mapping[str, Any]) -> Callable[[Any, Any, Any], bool | None]:
    """A check: each key of a JSON answer is declared in the spec's schema for that answer.

    The spec leaves response objects open, since Upbit adds fields over time and the client
    must not break on them. The sandbox is ours, so it must answer exactly what the spec
    says: a field deleted from the spec but still sent by the sandbox fails here.
    """

    def sandbox_declares_every_field(ctx: Any, response: Any, case: Any) -> bool | None:
        media = _response_media(raw_spec, case.operation.definition.raw, response.status_code)
        if media is None or "json" not in response.headers.get("content-type", [""])[0]:
            return None
        undeclared = sorted(_undeclared(raw_spec, media["schema"], response.json(), "$"))
        assert not undeclared, (
            f"{case.operation.label} answered {response.status_code} with fields the spec "
            f"does not declare: {', '.join(undeclared)}"
        )
        return None

    return sandbox_declares_every_field


def _resolve(raw_spec: Mapping[str, Any], node: Any) -> Any:
    while isinstance(node, Mapping) and "$ref" in node:
        target: Any = raw_spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _response_media(
    raw_spec: Mapping[str, Any], operation: Mapping[str, Any], status: int
) -> Mapping[str, Any] | None:
    response = operation.get("responses", {}).get(str(status))
    if response is None:
        return None
    media: Mapping[str, Any] | None = (
        _resolve(raw_spec, response).get("content", {}).get("application/json")
    )
    return media


def _properties(raw_spec: Mapping[str, Any], schema: Any) -> dict[str, Any] | None:
    """Every property an object schema declares, through `$ref` and `allOf`; None if open."""
    schema = _resolve(raw_spec, schema)
    if not isinstance(schema, Mapping) or ("properties" not in schema and "allOf" not in schema):
        return None
    found = dict(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        found.update(_properties(raw_spec, part) or {})
    return found


def _undeclared(raw_spec: Mapping[str, Any], schema: Any, value: Any, path: str) -> Iterator[str]:
    schema = _resolve(raw_spec, schema)
    if isinstance(value, list) and isinstance(schema, Mapping) and "items" in schema:
        for i, item in enumerate(value):
            yield from _undeclared(raw_spec, schema["items"], item, f"{path}[{i}]")
    elif isinstance(value, dict):
        declared = _properties(raw_spec, schema)
        if declared is None:
            return
        for key, item in value.items():
            if key in declared:
                yield from _undeclared(raw_spec, declared[key], item, f"{path}.{key}")
            else:
                yield f"{path}.{key}"
