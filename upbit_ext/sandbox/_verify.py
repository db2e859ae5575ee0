"""Upbit's authentication checks, done the way api.upbit.com does them to a signed request.

This is a second, independent implementation of Upbit's rules (it shares no code with the
client's signer), so a bug in one side cannot make both sides agree. Everything works on the
raw request as it arrived: the ``Authorization`` header, the query bytes as sent and the body
bytes, so what is verified is exactly what the client put on the wire.

Checks run in this order, each failing with Upbit's error name (HTTP 401 unless noted):

1. header missing or not ``Bearer <token>`` → ``no_authorization_token``
2. token not a compact JWS with a JSON header and payload, or ``alg`` not HS256/HS512
   → ``jwt_verification``
3. ``access_key`` claim missing or unknown → ``invalid_access_key``
4. HMAC signature wrong for that key's secret → ``jwt_verification``
5. key expired → ``expired_access_key``
6. caller IP not in a non-empty allow-list → ``no_authorization_ip``
7. ``nonce`` claim missing or already used with this key → ``nonce_used``
8. ``query_hash`` wrong, missing when the request has parameters, or present when it has none;
   ``query_hash_alg`` other than ``SHA512`` → ``invalid_query_payload``
9. key lacks the operation's permission → ``out_of_scope`` (401; Upbit answers 401 or 403
   depending on the area, and clients are told to branch on the name, not the status)

A nonce is spent at step 7 even if a later step rejects the request: a token the server has
seen is never accepted again, as clients are required to sign every request afresh.

The signature is checked with ``hmac`` rather than PyJWT: PyJWT warns on every HS512 key
shorter than 64 bytes (Upbit issues 40-character secrets), and silencing that with
``warnings.catch_warnings`` is not thread-safe in a threaded server.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import ipaddress
import json
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final, NoReturn, Protocol
from urllib.parse import unquote_to_bytes

from ._errors import SandboxError

__all__ = [
    "ApiKey",
    "KeyRing",
    "NonceStore",
    "hashed_string",
    "require_permission",
    "verify_request",
    "verify_websocket",
]

_DIGESTS: Final[dict[str, Callable[[], Any]]] = {
    "HS256": hashlib.sha256,
    "HS512": hashlib.sha512,
}
_B64URL: Final = re.compile(r"[A-Za-z0-9_-]+")
_JSON_MEDIA_TYPE: Final = "application/json"

_MESSAGES: Final[dict[str, str]] = {
    "no_authorization_token": "인증 토큰이 존재하지 않습니다.",
    "jwt_verification": "Jwt 토큰 검증에 실패했습니다.",
    "invalid_access_key": "잘못된 엑세스 키입니다.",
    "expired_access_key": "만료된 엑세스 키입니다.",
    "no_authorization_ip": "This is not a verified IP.",
    "nonce_used": "이미 요청한 nonce값이 다시 사용되었습니다.",
    "invalid_query_payload": "Jwt의 query를 검증하는데 실패하였습니다.",
    "out_of_scope": "권한이 부족합니다.",
}


def _fail(name: str, status: int = 401) -> NoReturn:
    raise SandboxError(status, name, _MESSAGES[name])


@dataclass(frozen=True)
class ApiKey:
    """One configured key: what it may do, from where, until when, and whose budget it spends.

    ``allowed_ips`` empty means any IP; ``expires_at_ms`` ``None`` means never. ``pocket`` names
    the pocket whose rate-limit budget and balances the key uses.
    """

    access_key: str
    secret_key: str = field(repr=False)
    permissions: frozenset[str]
    allowed_ips: frozenset[str]
    expires_at_ms: int | None
    pocket: str

    def __post_init__(self) -> None:
        for name in ("access_key", "secret_key", "pocket"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value:
                raise ValueError(f"{name} must be a non-empty string")


class KeyRing(Protocol):
    """Where keys are looked up; a plain ``dict[str, ApiKey]`` qualifies."""

    def get(self, access_key: str, /) -> ApiKey | None: ...


class NonceJournal(Protocol):
    """Where spent nonces outlive the process (the sandbox's SQLite store)."""

    def record_nonce(
        self, access_key: str, nonce: str, used_ms: int, forget_before_ms: int
    ) -> None: ...

    def load_nonces(self, since_ms: int, most: int) -> list[tuple[str, str, int]]: ...


class NonceStore:
    """Nonces already used, per access key, so a replayed token is refused.

    Memory is bounded: a nonce is remembered for ``retention_ms`` (24 h by default) and at
    most ``max_entries`` (one million) are kept, the oldest forgotten first. A replay older
    than either bound is accepted again; Upbit does not document its own horizon. With a
    `journal` (the sandbox's SQLite store) spent nonces are also written down and read back
    at start, so a token replayed to a restarted sandbox is still refused. Thread-safe.
    """

    def __init__(
        self,
        *,
        retention_ms: int = 24 * 60 * 60 * 1000,
        max_entries: int = 1_000_000,
        clock_ms: Callable[[], int] | None = None,
        journal: NonceJournal | None = None,
    ) -> None:
        if retention_ms <= 0:
            raise ValueError(f"retention_ms must be > 0, got {retention_ms!r}")
        if max_entries <= 0:
            raise ValueError(f"max_entries must be > 0, got {max_entries!r}")
        self._retention_ms = retention_ms
        self._max_entries = max_entries
        self._clock_ms = clock_ms or (lambda: time.time_ns() // 1_000_000)
        self._seen: OrderedDict[tuple[str, str], int] = OrderedDict()
        self._lock = threading.Lock()
        self._journal = journal
        if journal is not None:
            since = self._clock_ms() - retention_ms
            for access_key, nonce, used_ms in journal.load_nonces(since, max_entries):
                self._seen[(access_key, nonce)] = used_ms

    def __len__(self) -> int:
        with self._lock:
            return len(self._seen)

    def use(self, access_key: str, nonce: str, *, now_ms: int | None = None) -> bool:
        """Record ``nonce`` for ``access_key``; False if it was already used (and remembered)."""
        now = self._clock_ms() if now_ms is None else now_ms
        entry = (access_key, nonce)
        with self._lock:
            self._forget(now)
            if entry in self._seen:
                return False
            self._seen[entry] = now
            while len(self._seen) > self._max_entries:
                self._seen.popitem(last=False)
            if self._journal is not None:
                self._journal.record_nonce(access_key, nonce, now, now - self._retention_ms)
            return True

    def _forget(self, now: int) -> None:
        horizon = now - self._retention_ms
        while self._seen:
            oldest = next(iter(self._seen.values()))
            if oldest > horizon:
                return
            self._seen.popitem(last=False)


def verify_request(
    *,
    authorization: str | None,
    raw_query: bytes,
    body: bytes,
    content_type: str | None,
    client_ip: str,
    keys: KeyRing,
    nonces: NonceStore,
    permission: str | None,
    now_ms: int,
) -> ApiKey:
    """Check a signed REST request as Upbit does; return its key or raise ``SandboxError``.

    ``raw_query`` is the query string exactly as received (still percent-encoded, without
    ``?``); ``body`` the raw body bytes. ``permission`` is the scope the operation needs, or
    ``None`` for operations every valid key may call.
    """
    key, claims = _authenticate(authorization, client_ip, keys, nonces, now_ms)
    _check_query_hash(claims, hashed_string(raw_query, body, content_type))
    require_permission(key, permission)
    return key


def verify_websocket(
    *,
    authorization: str | None,
    client_ip: str,
    keys: KeyRing,
    nonces: NonceStore,
    permission: str | None,
    now_ms: int,
) -> ApiKey:
    """Check the private WebSocket handshake, whose token carries ``access_key`` and ``nonce`` only.

    A ``query_hash`` in that token is refused with ``invalid_query_payload``, like a hash sent
    for a REST request without parameters.
    """
    key, claims = _authenticate(authorization, client_ip, keys, nonces, now_ms)
    _check_query_hash(claims, "")
    require_permission(key, permission)
    return key


def require_permission(key: ApiKey, permission: str | None) -> None:
    """Raise ``out_of_scope`` unless ``key`` holds ``permission`` (``None`` needs none).

    Separate from the verifiers so a WebSocket can check a scope once it knows which private
    types a subscription asks for.
    """
    if permission is not None and permission not in key.permissions:
        _fail("out_of_scope")


def hashed_string(raw_query: bytes, body: bytes, content_type: str | None) -> str:
    """The string whose SHA-512 a correct ``query_hash`` is, rebuilt from the raw request.

    The query is percent-decoded as sent, in the order sent (``+`` stays ``+``). A JSON body
    becomes ``k=v&...`` in body order: strings as is, numbers as their JSON text, booleans as
    ``true``/``false``, arrays as repeated ``k[]=v``, ``null`` fields skipped. A request with
    both is hashed as the query, ``&``, then the body. Raises ``invalid_query_payload`` when
    the request cannot be rendered (non-UTF-8 query, a body that is not a flat JSON object).
    """
    parts = [_decoded_query(raw_query), _rendered_body(body, content_type)]
    return "&".join(part for part in parts if part)


def _authenticate(
    authorization: str | None,
    client_ip: str,
    keys: KeyRing,
    nonces: NonceStore,
    now_ms: int,
) -> tuple[ApiKey, dict[str, Any]]:
    token = _bearer_token(authorization)
    header_b64, payload_b64, signature_b64 = _split_token(token)
    header = _decode_json_segment(header_b64)
    claims = _decode_json_segment(payload_b64)
    alg = header.get("alg")
    digest = _DIGESTS.get(alg) if isinstance(alg, str) else None
    if digest is None:
        _fail("jwt_verification")

    access_key = claims.get("access_key")
    key = keys.get(access_key) if isinstance(access_key, str) and access_key else None
    if key is None:
        _fail("invalid_access_key")

    signing_input = f"{header_b64}.{payload_b64}".encode("ascii")
    expected = hmac.new(key.secret_key.encode("utf-8"), signing_input, digest).digest()
    if not hmac.compare_digest(expected, _b64url_decode(signature_b64)):
        _fail("jwt_verification")

    if key.expires_at_ms is not None and now_ms >= key.expires_at_ms:
        _fail("expired_access_key")
    if key.allowed_ips and not _ip_allowed(client_ip, key.allowed_ips):
        _fail("no_authorization_ip")

    nonce = claims.get("nonce")
    if isinstance(nonce, bool) or not isinstance(nonce, str | int) or nonce == "":
        _fail("nonce_used")
    if not nonces.use(key.access_key, str(nonce), now_ms=now_ms):
        _fail("nonce_used")
    return key, claims


def _bearer_token(authorization: str | None) -> str:
    if authorization is None:
        _fail("no_authorization_token")
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token or any(c.isspace() for c in token):
        _fail("no_authorization_token")
    return token


def _split_token(token: str) -> tuple[str, str, str]:
    parts = token.split(".")
    if len(parts) != 3 or not all(_B64URL.fullmatch(part) for part in parts):
        _fail("jwt_verification")
    return parts[0], parts[1], parts[2]


def _b64url_decode(segment: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    except (binascii.Error, ValueError):
        _fail("jwt_verification")


def _decode_json_segment(segment: str) -> dict[str, Any]:
    try:
        value = json.loads(_b64url_decode(segment).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        _fail("jwt_verification")
    if not isinstance(value, dict):
        _fail("jwt_verification")
    return value


def _canonical_ip(value: str) -> str:
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return value.strip()
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(address)


def _ip_allowed(client_ip: str, allowed: frozenset[str]) -> bool:
    return _canonical_ip(client_ip) in {_canonical_ip(ip) for ip in allowed}


def _check_query_hash(claims: dict[str, Any], signed: str) -> None:
    alg = claims.get("query_hash_alg")
    if alg is not None and alg != "SHA512":
        _fail("invalid_query_payload")
    claimed = claims.get("query_hash")
    if not signed:
        if claimed is not None:
            _fail("invalid_query_payload")
        return
    if not isinstance(claimed, str):
        _fail("invalid_query_payload")
    expected = hashlib.sha512(signed.encode("utf-8")).hexdigest()
    if not hmac.compare_digest(expected.encode("ascii"), claimed.encode("utf-8")):
        _fail("invalid_query_payload")


def _decoded_query(raw_query: bytes) -> str:
    try:
        return unquote_to_bytes(raw_query).decode("utf-8")
    except UnicodeDecodeError:
        _fail("invalid_query_payload")


class _JsonText(str):
    """A JSON number kept as the text it was sent as."""


class _JsonObject(tuple[tuple[str, Any], ...]):
    """A JSON object as its key/value pairs in body order."""


def _reject_constant(_name: str) -> NoReturn:
    _fail("invalid_query_payload")


def _rendered_body(body: bytes, content_type: str | None) -> str:
    if not body.strip():
        return ""
    media_type = (content_type or _JSON_MEDIA_TYPE).split(";")[0].strip().lower()
    if media_type != _JSON_MEDIA_TYPE:
        _fail("invalid_query_payload")
    try:
        parsed = json.loads(
            body.decode("utf-8"),
            object_pairs_hook=_JsonObject,
            parse_int=_JsonText,
            parse_float=_JsonText,
            parse_constant=_reject_constant,
        )
    except (UnicodeDecodeError, ValueError, RecursionError):
        _fail("invalid_query_payload")
    if not isinstance(parsed, _JsonObject):
        _fail("invalid_query_payload")
    rendered: list[str] = []
    for name, value in parsed:
        if value is None:
            continue
        if isinstance(value, list):
            array_name = name if name.endswith("[]") else f"{name}[]"
            rendered.extend(f"{array_name}={_scalar(item)}" for item in value)
        else:
            rendered.append(f"{name}={_scalar(value)}")
    return "&".join(rendered)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):  # also a _JsonText number
        return value
    _fail("invalid_query_payload")
