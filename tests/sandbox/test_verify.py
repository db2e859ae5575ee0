"""The sandbox's auth checks, fed tokens built here with PyJWT and hashlib (not the client's code).

Every rejection comes from a correctly shaped request that is wrong in exactly one way.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import time
import uuid
import warnings
from typing import Any
from urllib.parse import quote, urlencode

import httpx
import jwt
import pytest
from jwt.warnings import InsecureKeyLengthWarning

from upbit_ext.sandbox._errors import SandboxError
from upbit_ext.sandbox._verify import (
    ApiKey,
    NonceStore,
    hashed_string,
    require_permission,
    verify_request,
    verify_websocket,
)

NOW_MS = 1_767_225_600_000
ACCESS = "a7Xd92LmQW3vBtRzYpMj5CxNKeT1HuVs0fFgJcAw"
SECRET = "Zq8rT1mWv3Xy5Ba7Cd9Ef2Gh4Jk6Lm8Np0Qr2St4"
OTHER_SECRET = "Y" * 40
ALL_PERMISSIONS = frozenset({"view_account", "view_order", "order"})


def sign(claims: dict[str, Any], secret: str = SECRET, algorithm: str = "HS512") -> str:
    """Sign like an ordinary Upbit user would, with PyJWT (which warns on 40-char HS512 keys)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InsecureKeyLengthWarning)
        return jwt.encode(claims, secret, algorithm=algorithm)


def sha512(text: str) -> str:
    return hashlib.sha512(text.encode("utf-8")).hexdigest()


def claims(signed: str | None = None, access_key: str = ACCESS) -> dict[str, Any]:
    payload: dict[str, Any] = {"access_key": access_key, "nonce": str(uuid.uuid4())}
    if signed is not None:
        payload["query_hash"] = sha512(signed)
        payload["query_hash_alg"] = "SHA512"
    return payload


def bearer(payload: dict[str, Any], secret: str = SECRET, algorithm: str = "HS512") -> str:
    return "Bearer " + sign(payload, secret, algorithm)


def make_key(**changes: Any) -> ApiKey:
    fields: dict[str, Any] = {
        "access_key": ACCESS,
        "secret_key": SECRET,
        "permissions": ALL_PERMISSIONS,
        "allowed_ips": frozenset(),
        "expires_at_ms": None,
        "pocket": "main",
    }
    fields.update(changes)
    return ApiKey(**fields)


@pytest.fixture
def nonces() -> NonceStore:
    return NonceStore()


def verify(
    authorization: str | None,
    nonces: NonceStore,
    *,
    raw_query: bytes = b"",
    body: bytes = b"",
    content_type: str | None = None,
    client_ip: str = "127.0.0.1",
    key: ApiKey | None = None,
    permission: str | None = None,
    now_ms: int = NOW_MS,
) -> ApiKey:
    key = key or make_key()
    return verify_request(
        authorization=authorization,
        raw_query=raw_query,
        body=body,
        content_type=content_type,
        client_ip=client_ip,
        keys={key.access_key: key},
        nonces=nonces,
        permission=permission,
        now_ms=now_ms,
    )


def rejected(name: str, authorization: str | None, nonces: NonceStore, **kwargs: Any) -> None:
    with pytest.raises(SandboxError) as info:
        verify(authorization, nonces, **kwargs)
    assert (info.value.status, info.value.name) == (401, name)
    assert info.value.body()["error"]["name"] == name


# Accepted requests


@pytest.mark.parametrize("algorithm", ["HS256", "HS512"])
def test_independent_signer_is_accepted_without_parameters(
    nonces: NonceStore, algorithm: str
) -> None:
    key = verify(bearer(claims(), algorithm=algorithm), nonces)
    assert key.pocket == "main"


@pytest.mark.parametrize("algorithm", ["HS256", "HS512"])
def test_independent_signer_is_accepted_with_query_and_body(
    nonces: NonceStore, algorithm: str
) -> None:
    query = [("market", "KRW-BTC"), ("states[]", "wait"), ("states[]", "watch")]
    raw = urlencode(query).encode("ascii")
    signed = "market=KRW-BTC&states[]=wait&states[]=watch"
    verify(bearer(claims(signed), algorithm=algorithm), nonces, raw_query=raw)

    body = {"market": "KRW-BTC", "side": "bid", "volume": "0.001", "price": "50000000"}
    verify(
        bearer(claims("market=KRW-BTC&side=bid&volume=0.001&price=50000000"), algorithm=algorithm),
        nonces,
        body=json.dumps(body).encode(),
        content_type="application/json; charset=utf-8",
    )


def test_query_hash_alg_may_be_omitted(nonces: NonceStore) -> None:
    payload = claims("market=KRW-BTC")
    del payload["query_hash_alg"]
    verify(bearer(payload), nonces, raw_query=b"market=KRW-BTC")


def test_the_documented_order_example_is_accepted(nonces: NonceStore) -> None:
    body = (
        b'{"market":"KRW-BTC","side":"bid","volume":"0.001","price":"50000000","ord_type":"limit"}'
    )
    signed = "market=KRW-BTC&side=bid&volume=0.001&price=50000000&ord_type=limit"
    verify(bearer(claims(signed)), nonces, body=body, content_type="application/json")


CLOSED_ORDERS_QUERY: list[tuple[str, str | int | float | bool | None]] = [
    ("market", "KRW-BTC"),
    ("states[]", "done"),
    ("states[]", "cancel"),
    ("start_time", "2024-01-01T00:00:00+09:00"),
    ("memo", "한글 메모"),
]


def test_the_clients_own_signer_agrees_with_the_sandbox(nonces: NonceStore) -> None:
    """The two sides share no code; here they meet on one real httpx request."""
    from upbit_ext._auth import UpbitAuth

    auth = UpbitAuth(ACCESS, SECRET)
    for request in (
        httpx.Request(
            "GET",
            "http://127.0.0.1/v1/orders/closed",
            params=CLOSED_ORDERS_QUERY,
        ),
        httpx.Request(
            "POST",
            "http://127.0.0.1/v1/orders",
            json={"market": "KRW-BTC", "side": "bid", "price": "5000", "ord_type": "price"},
        ),
    ):
        signed = next(auth.auth_flow(request))
        verify(
            signed.headers["Authorization"],
            nonces,
            raw_query=signed.url.query,
            body=signed.content,
            content_type=signed.headers.get("Content-Type"),
        )


# Hash rules


@pytest.mark.parametrize(
    ("raw_query", "signed"),
    [
        (b"states%5B%5D=wait&states%5B%5D=watch", "states[]=wait&states[]=watch"),
        (b"states[]=wait&states[]=watch", "states[]=wait&states[]=watch"),
        (b"markets=KRW-BTC%2CKRW-ETH", "markets=KRW-BTC,KRW-ETH"),
        (b"markets=KRW-BTC,KRW-ETH", "markets=KRW-BTC,KRW-ETH"),
        (b"to=2024-01-01T00%3A00%3A00%2B09%3A00", "to=2024-01-01T00:00:00+09:00"),
        (b"to=2024-01-01T00:00:00+09:00", "to=2024-01-01T00:00:00+09:00"),
        (("memo=" + quote("한글")).encode(), "memo=한글"),
        (b"b=2&a=1", "b=2&a=1"),
    ],
)
def test_query_is_hashed_unencoded_as_sent(
    nonces: NonceStore, raw_query: bytes, signed: str
) -> None:
    assert hashed_string(raw_query, b"", None) == signed
    verify(bearer(claims(signed)), nonces, raw_query=raw_query)


@pytest.mark.parametrize(
    "wrongly_signed",
    [
        "to=2024-01-01T00%3A00%3A00%2B09%3A00",  # hashed the encoded form
        "to=2024-01-01T00:00:00 09:00",  # decoded + as a space
    ],
)
def test_query_hashed_any_other_way_is_rejected(nonces: NonceStore, wrongly_signed: str) -> None:
    raw = b"to=2024-01-01T00%3A00%3A00%2B09%3A00"
    rejected("invalid_query_payload", bearer(claims(wrongly_signed)), nonces, raw_query=raw)


def test_query_in_another_order_than_sent_is_rejected(nonces: NonceStore) -> None:
    rejected("invalid_query_payload", bearer(claims("a=1&b=2")), nonces, raw_query=b"b=2&a=1")


def test_body_is_rendered_in_body_order_with_json_values() -> None:
    body = (
        '{"side":"bid","price":5.10,"count":10,"flag":true,"off":false,"skip":null,'
        '"uuids":["u1","u2"],"states[]":["wait"],"empty":[],"memo":"한글 +09:00, a"}'
    ).encode()
    assert hashed_string(b"", body, "application/json") == (
        "side=bid&price=5.10&count=10&flag=true&off=false"
        "&uuids[]=u1&uuids[]=u2&states[]=wait&memo=한글 +09:00, a"
    )


def test_body_fields_hashed_in_sorted_order_are_rejected(nonces: NonceStore) -> None:
    body = b'{"side":"bid","market":"KRW-BTC"}'
    rejected(
        "invalid_query_payload",
        bearer(claims("market=KRW-BTC&side=bid")),
        nonces,
        body=body,
        content_type="application/json",
    )
    verify(bearer(claims("side=bid&market=KRW-BTC")), nonces, body=body)


def test_body_with_only_null_fields_needs_no_hash(nonces: NonceStore) -> None:
    verify(bearer(claims()), nonces, body=b'{"identifier":null}', content_type="application/json")


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"market=KRW-BTC", "application/x-www-form-urlencoded"),
        (b'["market"]', "application/json"),
        (b'{"market":{"code":"KRW-BTC"}}', "application/json"),
        (b'{"market":', "application/json"),
        (b'{"price":NaN}', "application/json"),
    ],
)
def test_a_body_that_is_not_a_flat_json_object_cannot_match(
    nonces: NonceStore, body: bytes, content_type: str
) -> None:
    rejected(
        "invalid_query_payload",
        bearer(claims("market=KRW-BTC")),
        nonces,
        body=body,
        content_type=content_type,
    )


def test_query_and_body_together_hash_query_then_body(nonces: NonceStore) -> None:
    verify(bearer(claims("a=1&b=2")), nonces, raw_query=b"a=1", body=b'{"b":"2"}')


# Rejections, in Upbit's order


@pytest.mark.parametrize(
    "authorization", [None, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer a b"]
)
def test_missing_or_malformed_header(nonces: NonceStore, authorization: str | None) -> None:
    rejected("no_authorization_token", authorization, nonces)


@pytest.mark.parametrize(
    "token",
    [
        "not-a-jwt",
        "a.b",
        "e30.e30.e30.e30",
        "!!!.e30.sig",
        "W10.e30.c2ln",
        "e30.e30.c2ln",
        "e30xx.e30.c2ln",  # 5 characters: no base64 padding makes that whole
        "__4.e30.c2ln",  # b"\xff\xfe": not UTF-8
        "bm90IGpzb24.e30.c2ln",  # b"not json"
    ],
)
def test_undecodable_token(nonces: NonceStore, token: str) -> None:
    rejected("jwt_verification", "Bearer " + token, nonces)


def test_tokens_of_every_length_are_accepted(nonces: NonceStore) -> None:
    # Segments lose their base64 padding; nonces of 1..20 characters give payloads of every
    # length modulo 4 and 5, so restoring the padding any other way fails for some of them.
    lengths = set()
    for size in range(1, 21):
        token = sign({"access_key": ACCESS, "nonce": "n" * size})
        lengths.add(len(token.split(".")[1]) % 20)
        verify("Bearer " + token, nonces)
    assert len(lengths) >= 15


def test_a_query_that_is_not_utf8_cannot_match(nonces: NonceStore) -> None:
    rejected("invalid_query_payload", bearer(claims("a=\ufffd")), nonces, raw_query=b"a=%FF")


def test_a_body_that_is_not_json_cannot_match_even_when_its_text_would(
    nonces: NonceStore,
) -> None:
    signed = bearer(claims("market=KRW-BTC"))
    kwargs: dict[str, Any] = {"body": b'{"market":"KRW-BTC"}', "content_type": "text/plain"}
    rejected("invalid_query_payload", signed, nonces, **kwargs)
    with pytest.raises(SandboxError) as info:
        hashed_string(b"", **kwargs)
    assert info.value.name == "invalid_query_payload"


def test_wrong_secret(nonces: NonceStore) -> None:
    rejected("jwt_verification", bearer(claims(), secret=OTHER_SECRET), nonces)


@pytest.mark.parametrize("algorithm", ["HS384", "none"])
def test_algorithm_other_than_hs256_or_hs512(nonces: NonceStore, algorithm: str) -> None:
    if algorithm == "none":
        token = jwt.encode(claims(), None, algorithm="none")
    else:
        token = sign(claims(), algorithm=algorithm)
    rejected("jwt_verification", "Bearer " + token, nonces)


def test_tampered_payload(nonces: NonceStore) -> None:
    header, _, signature = sign(claims("market=KRW-BTC")).split(".")
    forged = jwt.utils.base64url_encode(json.dumps(claims("market=KRW-ETH")).encode()).decode()
    rejected(
        "jwt_verification",
        f"Bearer {header}.{forged}.{signature}",
        nonces,
        raw_query=b"market=KRW-ETH",
    )


def test_unknown_access_key(nonces: NonceStore) -> None:
    rejected("invalid_access_key", bearer(claims(access_key="unknown-key")), nonces)


def test_missing_access_key_claim(nonces: NonceStore) -> None:
    rejected("invalid_access_key", bearer({"nonce": str(uuid.uuid4())}), nonces)


def test_expired_key(nonces: NonceStore) -> None:
    key = make_key(expires_at_ms=NOW_MS)
    rejected("expired_access_key", bearer(claims()), nonces, key=key)
    verify(bearer(claims()), nonces, key=key, now_ms=NOW_MS - 1)


def test_ip_not_in_allow_list(nonces: NonceStore) -> None:
    key = make_key(allowed_ips=frozenset({"10.0.0.7"}))
    with pytest.raises(SandboxError) as info:
        verify(bearer(claims()), nonces, key=key, client_ip="127.0.0.1")
    assert info.value.body() == {
        "error": {"name": "no_authorization_ip", "message": "This is not a verified IP."}
    }
    verify(bearer(claims()), nonces, key=key, client_ip="10.0.0.7")
    verify(bearer(claims()), nonces, key=key, client_ip="::ffff:10.0.0.7")


def test_reused_nonce(nonces: NonceStore) -> None:
    authorization = bearer(claims())
    verify(authorization, nonces)
    rejected("nonce_used", authorization, nonces)


def test_missing_nonce(nonces: NonceStore) -> None:
    rejected("nonce_used", bearer({"access_key": ACCESS}), nonces)
    for nonce in ["", True, 1.5, ["n"]]:
        rejected("nonce_used", bearer({"access_key": ACCESS, "nonce": nonce}), nonces)


def test_claims_of_the_wrong_json_type_are_refused_by_name(nonces: NonceStore) -> None:
    def segment(value: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    unhashable_alg = f"{segment({'alg': ['HS512'], 'typ': 'JWT'})}.{segment(claims())}.c2ln"
    rejected("jwt_verification", "Bearer " + unhashable_alg, nonces)
    for access_key in [[ACCESS], {"key": ACCESS}, 7]:
        payload = {"access_key": access_key, "nonce": str(uuid.uuid4())}
        rejected("invalid_access_key", bearer(payload), nonces)


def test_nonces_are_per_access_key(nonces: NonceStore) -> None:
    other = make_key(access_key="b" * 40, secret_key=OTHER_SECRET)
    nonce = str(uuid.uuid4())
    verify(bearer({"access_key": ACCESS, "nonce": nonce}), nonces)
    verify(
        bearer({"access_key": other.access_key, "nonce": nonce}, OTHER_SECRET), nonces, key=other
    )


def test_a_badly_signed_request_does_not_spend_the_nonce(nonces: NonceStore) -> None:
    payload = claims()
    rejected("jwt_verification", bearer(payload, secret=OTHER_SECRET), nonces)
    verify(bearer(payload), nonces)


def test_missing_query_hash_when_the_request_has_a_query(nonces: NonceStore) -> None:
    rejected("invalid_query_payload", bearer(claims()), nonces, raw_query=b"market=KRW-BTC")


def test_query_hash_without_parameters(nonces: NonceStore) -> None:
    rejected("invalid_query_payload", bearer(claims("")), nonces)


def test_wrong_query_hash(nonces: NonceStore) -> None:
    rejected(
        "invalid_query_payload",
        bearer(claims("market=KRW-ETH")),
        nonces,
        raw_query=b"market=KRW-BTC",
    )


def test_query_hash_alg_other_than_sha512(nonces: NonceStore) -> None:
    for alg in ("SHA256", "sha512", ""):
        payload = claims("market=KRW-BTC")
        payload["query_hash_alg"] = alg
        rejected("invalid_query_payload", bearer(payload), nonces, raw_query=b"market=KRW-BTC")


def test_missing_permission(nonces: NonceStore) -> None:
    key = make_key(permissions=frozenset({"view_account"}))
    rejected("out_of_scope", bearer(claims()), nonces, key=key, permission="order")
    verify(bearer(claims()), nonces, key=key, permission="view_account")
    verify(bearer(claims()), nonces, key=key, permission=None)


def test_earlier_checks_win(nonces: NonceStore) -> None:
    key = make_key(
        expires_at_ms=NOW_MS, allowed_ips=frozenset({"10.0.0.7"}), permissions=frozenset()
    )
    rejected("expired_access_key", bearer(claims()), nonces, key=key, permission="order")
    rejected(
        "no_authorization_ip", bearer(claims()), nonces, key=make_key(allowed_ips=key.allowed_ips)
    )
    reused = claims()
    verify(bearer(reused), nonces)
    rejected("nonce_used", bearer(reused), nonces, raw_query=b"x=1", permission="missing")


# WebSocket handshake


def test_websocket_token_with_access_key_and_nonce_only(nonces: NonceStore) -> None:
    key = make_key()
    arguments: dict[str, Any] = {
        "client_ip": "127.0.0.1",
        "keys": {ACCESS: key},
        "nonces": nonces,
        "permission": "view_order",
        "now_ms": NOW_MS,
    }
    assert verify_websocket(authorization=bearer(claims()), **arguments) == key
    with pytest.raises(SandboxError) as info:
        verify_websocket(authorization=bearer(claims("")), **arguments)
    assert info.value.name == "invalid_query_payload"
    with pytest.raises(SandboxError) as info:
        verify_websocket(authorization=None, **arguments)
    assert info.value.name == "no_authorization_token"
    with pytest.raises(SandboxError) as info:
        verify_websocket(authorization=bearer(claims()), **{**arguments, "permission": "x"})
    assert info.value.name == "out_of_scope"


def test_websocket_handshake_checks_the_keys_ip_list_and_expiry(nonces: NonceStore) -> None:
    key = make_key(allowed_ips=frozenset({"10.0.0.7"}), expires_at_ms=NOW_MS + 1)
    arguments: dict[str, Any] = {"keys": {ACCESS: key}, "nonces": nonces, "permission": None}
    ws = verify_websocket
    assert (
        ws(authorization=bearer(claims()), client_ip="10.0.0.7", now_ms=NOW_MS, **arguments) == key
    )
    for client_ip, now_ms, name in [
        ("10.0.0.8", NOW_MS, "no_authorization_ip"),
        ("10.0.0.7", NOW_MS + 1, "expired_access_key"),
    ]:
        with pytest.raises(SandboxError) as info:
            ws(authorization=bearer(claims()), client_ip=client_ip, now_ms=now_ms, **arguments)
        assert info.value.name == name


def test_require_permission_alone() -> None:
    require_permission(make_key(), "order")
    with pytest.raises(SandboxError) as info:
        require_permission(make_key(permissions=frozenset()), "order")
    assert (info.value.status, info.value.name) == (401, "out_of_scope")


# Nonce memory and key hygiene


def test_nonce_store_forgets_after_retention() -> None:
    store = NonceStore(retention_ms=1000)
    assert store.use(ACCESS, "n1", now_ms=0)
    assert not store.use(ACCESS, "n1", now_ms=999)
    assert store.use(ACCESS, "n2", now_ms=1000)
    assert store.use(ACCESS, "n1", now_ms=1000)


def test_nonce_store_forgets_the_oldest_first() -> None:
    store = NonceStore(retention_ms=1000)
    assert store.use(ACCESS, "early", now_ms=0)
    assert store.use(ACCESS, "late", now_ms=500)
    assert store.use(ACCESS, "now", now_ms=1200)  # "early" is forgotten, "late" is not
    assert not store.use(ACCESS, "late", now_ms=1200)
    assert store.use(ACCESS, "early", now_ms=1200)


def test_nonces_are_timed_by_the_requests_clock() -> None:
    store = NonceStore(retention_ms=1000, clock_ms=lambda: 0)  # a clock the verifier must not use
    token = bearer(claims())
    verify(token, store, now_ms=NOW_MS)
    rejected("nonce_used", token, store, now_ms=NOW_MS + 999)
    verify(token, store, now_ms=NOW_MS + 1000)


def test_nonce_store_settings_are_checked_by_name() -> None:
    for settings, message in [
        ({"retention_ms": 0}, "retention_ms must be > 0, got 0"),
        ({"max_entries": 0}, "max_entries must be > 0, got 0"),
    ]:
        with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
            NonceStore(**settings)
    smallest = NonceStore(retention_ms=1, max_entries=1)
    assert smallest.use(ACCESS, "a", now_ms=0)
    assert smallest.use(ACCESS, "b", now_ms=0)
    assert len(smallest) == 1
    assert NonceStore()._max_entries == 1_000_000  # the documented bound (filling it takes ~250 MB)


def test_nonce_store_default_clock_is_wall_clock_milliseconds() -> None:
    journal = MemoryJournal()
    store = NonceStore(journal=journal)
    before = time.time_ns() // 1_000_000
    assert store.use(ACCESS, "n")
    after = time.time_ns() // 1_000_000
    used_ms = journal.rows[-1][2]
    assert type(used_ms) is int
    assert before <= used_ms <= after


def test_api_keys_need_non_empty_strings() -> None:
    for name, value in [("access_key", ""), ("secret_key", None), ("pocket", 7)]:
        with pytest.raises(ValueError, match=f"^{name} must be a non-empty string$"):
            make_key(**{name: value})


def test_nonce_store_is_bounded() -> None:
    store = NonceStore(max_entries=3)
    for index in range(5):
        assert store.use(ACCESS, f"n{index}", now_ms=index)
    assert len(store) == 3
    assert not store.use(ACCESS, "n4", now_ms=5)
    assert store.use(ACCESS, "n0", now_ms=5)


def test_nonce_store_uses_its_clock_when_no_time_is_given() -> None:
    clock = iter([0, 10, 2000])
    store = NonceStore(retention_ms=1000, clock_ms=lambda: next(clock))
    assert store.use(ACCESS, "n")
    assert not store.use(ACCESS, "n")
    assert store.use(ACCESS, "n")


def test_secret_never_appears_in_repr_or_errors(nonces: NonceStore) -> None:
    key = make_key()
    assert SECRET not in repr(key)
    with pytest.raises(SandboxError) as info:
        verify(bearer(claims(), secret=OTHER_SECRET), nonces, key=key)
    assert SECRET not in str(info.value)
    assert SECRET not in json.dumps(info.value.body(), ensure_ascii=False)


class MemoryJournal:
    """A stand-in for the sandbox's SQLite store: what a restarted NonceStore reads back."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, int]] = []

    def record_nonce(
        self, access_key: str, nonce: str, used_ms: int, forget_before_ms: int
    ) -> None:
        self.rows = [r for r in self.rows if r[2] >= forget_before_ms] + [
            (access_key, nonce, used_ms)
        ]

    def load_nonces(self, since_ms: int, most: int) -> list[tuple[str, str, int]]:
        return [r for r in self.rows if r[2] >= since_ms][-most:]


def test_nonce_store_reads_back_its_journal_within_retention() -> None:
    journal = MemoryJournal()
    first = NonceStore(retention_ms=1000, clock_ms=lambda: 0, journal=journal)
    assert first.use(ACCESS, "old", now_ms=0)
    assert first.use(ACCESS, "recent", now_ms=900)
    restarted = NonceStore(retention_ms=1000, clock_ms=lambda: 1500, journal=journal)
    assert not restarted.use(ACCESS, "recent", now_ms=1500)
    assert restarted.use(ACCESS, "old", now_ms=1500)  # beyond retention: forgotten
    journal = MemoryJournal()
    first = NonceStore(retention_ms=1000, journal=journal)
    assert first.use(ACCESS, "a", now_ms=100)
    assert first.use(ACCESS, "b", now_ms=900)  # writing "b" must not drop "a" from the journal
    restarted = NonceStore(retention_ms=1000, clock_ms=lambda: 1050, journal=journal)
    assert not restarted.use(ACCESS, "a", now_ms=1050)
    assert not restarted.use(ACCESS, "b", now_ms=1050)
