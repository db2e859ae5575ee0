"""Upbit request signing: a JWT per request whose ``query_hash`` covers exactly what is sent.

Upbit hashes the *unencoded* query string (``k=v&k[]=v`` in wire order), or for JSON bodies the
body's fields rendered the same way in body order. The hash here is always computed from the
final request (URL and body bytes), never from the caller's arguments, so what is signed and what
is sent cannot drift apart.

Two wire-level decisions make the unencoded string unambiguous for the server:

* A raw ``+`` in the query means a space in form encoding, but ``unquote`` keeps it as ``+``.
  httpx encodes spaces as ``+``, so the query is re-written with ``%20`` before hashing; a literal
  plus is always sent as ``%2B``. The hashed string then equals the decoded values, however the
  server decodes.
* ``&`` and ``=`` inside keys or values are sent percent-encoded (so the server parses the right
  pairs) and hashed literally, exactly as Upbit's documented ``unquote(urlencode(...))`` does.
  The rendering is therefore not reversible for such values, but it is the string both sides
  compute.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import ipaddress
import json
import uuid
from collections.abc import Callable, Generator
from typing import Any, Final, NoReturn
from urllib.parse import unquote

import httpx

__all__ = ["InsecureTransportError", "UpbitAuth", "query_hash", "websocket_token"]

_DIGESTS: Final[dict[str, Callable[[], Any]]] = {
    "HS512": hashlib.sha512,
    "HS256": hashlib.sha256,
}
_JSON_MEDIA_TYPE: Final = "application/json"


class InsecureTransportError(ValueError):
    """Credentials were about to be attached to a plain-text request to a non-loopback host."""


class _JsonNumber(str):
    """A JSON number kept as its source text, so it is hashed and re-serialised unchanged."""


class _JsonObject(list[tuple[str, Any]]):
    """A JSON object as its ordered key/value pairs."""


def query_hash(query: str) -> str:
    """Return Upbit's ``query_hash``: lowercase hex SHA-512 of the unencoded query string."""
    return hashlib.sha512(query.encode("utf-8")).hexdigest()


def websocket_token(access_key: str, secret_key: str, algorithm: str = "HS512") -> str:
    """Return a JWT for the private WebSocket handshake (``access_key`` and ``nonce`` only)."""
    _check_credentials(access_key, secret_key)
    _check_algorithm(algorithm)
    return _encode_jwt(
        {"access_key": access_key, "nonce": str(uuid.uuid4())}, secret_key, algorithm
    )


class UpbitAuth(httpx.Auth):
    """Sign every request sent through an httpx client, freshly on every attempt.

    httpx runs the auth flow once per ``send``, so a request sent again (a retry) gets a new
    nonce and a new token. Raises ``InsecureTransportError`` before any connection is made
    when the URL is not ``https://`` and the host is not loopback.
    """

    requires_request_body = True

    def __init__(self, access_key: str, secret_key: str, algorithm: str = "HS512") -> None:
        _check_credentials(access_key, secret_key)
        _check_algorithm(algorithm)
        self._access_key = access_key
        self._secret_key = secret_key
        self._algorithm = algorithm

    @property
    def algorithm(self) -> str:
        return self._algorithm

    def __repr__(self) -> str:
        return f"UpbitAuth(access_key={_mask(self._access_key)!r}, algorithm={self._algorithm!r})"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        _require_secure(request.url)
        request = _with_canonical_query(request)
        query = _unencoded_query(request.url)
        body_fields, body = _signable_body(request)
        if query and body_fields:
            raise ValueError(
                "request has both a query string and a JSON body; Upbit signs one or the other"
            )
        if body is not None:
            request = _with_body(request, body)
        claims = {"access_key": self._access_key, "nonce": str(uuid.uuid4())}
        signed = query or body_fields
        if signed:
            claims["query_hash"] = query_hash(signed)
            claims["query_hash_alg"] = "SHA512"
        token = _encode_jwt(claims, self._secret_key, self._algorithm)
        request.headers["Authorization"] = f"Bearer {token}"
        yield request


def _check_credentials(access_key: object, secret_key: object) -> None:
    for name, value in (("access_key", access_key), ("secret_key", secret_key)):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a str, got {type(value).__name__}")
        if not value:
            raise ValueError(f"{name} must not be empty")


def _check_algorithm(algorithm: object) -> None:
    if algorithm not in _DIGESTS:
        raise ValueError(f"algorithm must be one of {sorted(_DIGESTS)}, got {algorithm!r}")


def _mask(access_key: str) -> str:
    return "****" + access_key[-4:] if len(access_key) > 4 else "****"


def _b64url(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


# The JWT header segment is the same for every token of an algorithm: encoded once.
_HEADERS: Final[dict[str, bytes]] = {
    algorithm: _b64url(json.dumps({"alg": algorithm, "typ": "JWT"}, separators=(",", ":")).encode())
    for algorithm in _DIGESTS
}


def _encode_jwt(claims: dict[str, str], secret_key: str, algorithm: str) -> str:
    """HMAC-sign a compact JWT with the stdlib.

    PyJWT warns on every HS512 signature with a key shorter than 64 bytes, and Upbit issues
    40-character secrets; signing here keeps callers free of an unactionable warning.
    """
    signing_input = b".".join(
        (_HEADERS[algorithm], _b64url(json.dumps(claims, separators=(",", ":")).encode("utf-8")))
    )
    digest = hmac.new(secret_key.encode("utf-8"), signing_input, _DIGESTS[algorithm]).digest()
    return (signing_input + b"." + _b64url(digest)).decode("ascii")


@functools.lru_cache(maxsize=64)
def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def _require_secure(url: httpx.URL) -> None:
    if url.scheme == "https" or is_loopback(url.host):
        return
    raise InsecureTransportError(
        f"refusing to send Upbit credentials over {url.scheme}:// to {url.host!r}; "
        "use https:// (plain http is allowed only for loopback hosts)"
    )


def _with_canonical_query(request: httpx.Request) -> httpx.Request:
    if b"+" in request.url.query:
        request.url = request.url.copy_with(query=request.url.query.replace(b"+", b"%20"))
    return request


def _unencoded_query(url: httpx.URL) -> str:
    query = url.query.decode("ascii")
    if "%" not in query:
        return query
    try:
        return unquote(query, encoding="utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise ValueError("query string must percent-decode to valid UTF-8") from exc


def _signable_body(request: httpx.Request) -> tuple[str, bytes | None]:
    """Return the body rendered for hashing, and new body bytes if fields had to be dropped."""
    content = request.content
    if not content:
        return "", None
    media_type = request.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if media_type != _JSON_MEDIA_TYPE:
        raise ValueError(
            f"request body must be JSON (Content-Type: {_JSON_MEDIA_TYPE}); "
            f"got {media_type or 'no Content-Type'}"
        )
    fields = _parse_json_object(content)
    kept = [(key, value) for key, value in fields if not _is_absent(value)]
    rendered = "&".join(_render_field(key, value) for key, value in kept)
    if len(kept) == len(fields):
        return rendered, None
    return rendered, _dump_object(kept).encode("utf-8")


def _is_absent(value: Any) -> bool:
    """Null and an empty array send nothing, as ``urlencode(doseq=True)`` would for a query."""
    return value is None or (type(value) is list and not value)


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"request body must not contain {name}")


# Built once: `json.loads` with hooks builds a new decoder (and scanner) on every call.
_BODY_DECODER: Final = json.JSONDecoder(
    object_pairs_hook=_JsonObject,
    parse_int=_JsonNumber,
    parse_float=_JsonNumber,
    parse_constant=_reject_constant,
)


def _parse_json_object(content: bytes) -> _JsonObject:
    try:
        text = content.decode("utf-8")
        if text.startswith("\ufeff"):  # as json.loads says it
            raise ValueError("request body must be valid JSON: Unexpected UTF-8 BOM")
        parsed = _BODY_DECODER.decode(text)
    except UnicodeDecodeError as exc:
        raise ValueError("request body must be UTF-8 encoded JSON") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"request body must be valid JSON: {exc.msg}") from exc
    if not isinstance(parsed, _JsonObject):
        raise ValueError("request body must be a JSON object")
    keys = [key for key, _ in parsed]
    if len(set(keys)) != len(keys):
        raise ValueError("request body must not repeat a key")
    return parsed


def _render_scalar(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    raise ValueError(
        f"request body field {key!r} must be a string, number, boolean or a flat array of them"
    )


def _render_field(key: str, value: Any) -> str:
    if isinstance(value, list) and not isinstance(value, _JsonObject):
        array_key = key if key.endswith("[]") else f"{key}[]"
        return "&".join(f"{array_key}={_render_scalar(key, item)}" for item in value)
    return f"{key}={_render_scalar(key, value)}"


def _dump_value(value: Any) -> str:
    if isinstance(value, _JsonNumber):
        return str(value)
    if isinstance(value, list):
        return "[" + ",".join(_dump_value(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _dump_object(fields: list[tuple[str, Any]]) -> str:
    return (
        "{"
        + ",".join(json.dumps(key, ensure_ascii=False) + ":" + _dump_value(v) for key, v in fields)
        + "}"
    )


def _with_body(request: httpx.Request, body: bytes) -> httpx.Request:
    """Copy ``request`` with new body bytes; httpx sets the matching Content-Length."""
    headers = request.headers.copy()
    for name in ("Content-Length", "Transfer-Encoding"):
        headers.pop(name, None)
    return httpx.Request(
        request.method,
        request.url,
        headers=headers,
        content=body,
        extensions=request.extensions,
    )
