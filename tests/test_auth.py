"""Acceptance tests for request signing against a loopback server that verifies like Upbit.

The server shares no code with ``upbit_ext._auth``: it decodes the JWT with PyJWT and the secret,
and recomputes the hash with hashlib from the raw request line or the raw body bytes. It rejects
what Upbit rejects (bad signature, hash mismatch, reused nonce) with an Upbit-style 401 body, and
is stricter than Upbit where Upbit's decoding is unknown: it refuses a query whose plain
percent-decoding differs from its form decoding (a raw ``+``), and JSON bodies containing null.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote

import httpx
import jwt
import pytest
from _serve import serving
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from upbit_ext._auth import InsecureTransportError, UpbitAuth, query_hash, websocket_token

# Upbit issues 40-character secrets; PyJWT (used here only to verify) warns that such a key is
# short for HS512. The signer itself does not use PyJWT.
pytestmark = pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")

ACCESS_KEY = "a7Xd92LmQW3vBtRzYpMj5CxNKeT1HuVs0fFgJcAw"
SECRET_KEY = "Zp4qN8vR2sT6wY0bC3eF7hJ1kM5nQ9rU2xA6dG0j"
ALGORITHMS = ["HS512", "HS256"]
UUID_A = "9ca023a5-851b-4fec-9f0a-48cd83c2eaae"
UUID_B = "d098ceaf-6811-4df8-97f2-b7adb4c7c5e5"


class Rejected(Exception):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.message = message


class RawNumber(str):
    pass


def render_body(raw: bytes) -> str:
    """Upbit's rule for POST: the body's fields as ``k=v&…`` in body order, arrays as ``k[]=v``."""
    pairs = json.loads(
        raw.decode("utf-8"), object_pairs_hook=list, parse_int=RawNumber, parse_float=RawNumber
    )
    parts = []
    for key, value in pairs:
        values = value if isinstance(value, list) else [value]
        name = f"{key}[]" if isinstance(value, list) and not key.endswith("[]") else key
        for item in values:
            if item is None:
                raise Rejected("invalid_query_payload", f"null value for {key!r} in body")
            text = {True: "true", False: "false"}[item] if isinstance(item, bool) else item
            parts.append(f"{name}={text}")
    return "&".join(parts)


class UpbitLikeServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), VerifyingHandler)
        self.lock = threading.Lock()
        self.used_nonces: set[str] = set()
        self.records: list[dict[str, Any]] = []

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def verify(self, method: str, target: str, headers: Any, body: bytes) -> dict[str, Any]:
        authorization = headers.get("Authorization", "")
        if not authorization.startswith("Bearer ") or " " in authorization[7:]:
            raise Rejected("no_authorization_token", "Authorization header is missing")
        token = authorization[7:]
        alg = jwt.get_unverified_header(token).get("alg")
        if alg not in ALGORITHMS:
            raise Rejected("jwt_verification", f"unsupported alg {alg!r}")
        try:
            payload = jwt.decode(token, SECRET_KEY, algorithms=[alg])
        except jwt.InvalidTokenError as exc:
            raise Rejected("jwt_verification", str(exc)) from exc
        if set(payload) - {"access_key", "nonce", "query_hash", "query_hash_alg"}:
            raise Rejected("jwt_verification", f"unexpected claims {sorted(payload)}")
        if payload.get("access_key") != ACCESS_KEY:
            raise Rejected("invalid_access_key", "잘못된 엑세스 키입니다.")
        nonce = payload.get("nonce", "")
        if uuid.UUID(nonce).version != 4 or str(uuid.UUID(nonce)) != nonce:
            raise Rejected("jwt_verification", "nonce is not a UUID4 string")

        path, _, raw_query = target.partition("?")
        plain = unquote(raw_query, errors="strict")
        form = "&".join(f"{k}={v}" for k, v in parse_qsl(raw_query, keep_blank_values=True))
        if plain != form:
            raise Rejected("invalid_query_payload", "query decodes differently as a form")
        hashed_body = render_body(body) if body else ""
        if plain and hashed_body:
            raise Rejected("invalid_query_payload", "both query and body")
        expected = plain or hashed_body
        if expected:
            digest = hashlib.sha512(expected.encode("utf-8")).hexdigest()
            if payload.get("query_hash") != digest or payload.get("query_hash_alg") != "SHA512":
                raise Rejected("invalid_query_payload", "Failed to verify query.")
        elif "query_hash" in payload or "query_hash_alg" in payload:
            raise Rejected("invalid_query_payload", "query_hash without a query")

        with self.lock:
            if nonce in self.used_nonces:
                raise Rejected("nonce_used", "이미 요청한 nonce값이 다시 들어왔습니다.")
            self.used_nonces.add(nonce)
            record = {
                "method": method,
                "path": path,
                "raw_query": raw_query,
                "body": body,
                "content_length": headers.get("Content-Length"),
                "content_type": headers.get("Content-Type"),
                "alg": alg,
                "payload": payload,
                "hashed": expected,
            }
            self.records.append(record)
        return record


class VerifyingHandler(BaseHTTPRequestHandler):
    server: UpbitLikeServer
    timeout = 5

    def do_GET(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            self.server.verify(self.command, self.path, self.headers, body)
        except Rejected as exc:
            self.reply(401, {"error": {"name": exc.name, "message": exc.message}})
        except Exception as exc:
            self.reply(500, {"error": {"name": "server_error", "message": repr(exc)}})
        else:
            self.reply(200, {"ok": True})

    do_POST = do_DELETE = do_GET

    def reply(self, status: int, document: dict[str, Any]) -> None:
        data = json.dumps(document, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[UpbitLikeServer]:
    with serving(UpbitLikeServer()) as instance:
        yield instance


@pytest.fixture(params=ALGORITHMS)
def client(request: pytest.FixtureRequest, server: UpbitLikeServer) -> Iterator[httpx.Client]:
    auth = UpbitAuth(ACCESS_KEY, SECRET_KEY, algorithm=request.param)
    with httpx.Client(base_url=server.url, auth=auth, timeout=5) as instance:
        yield instance


def last_record(server: UpbitLikeServer) -> dict[str, Any]:
    with server.lock:
        return server.records[-1]


def assert_accepted(response: httpx.Response) -> None:
    assert response.status_code == 200, response.text


def test_get_without_params_signs_only_key_and_nonce(
    client: httpx.Client, server: UpbitLikeServer
) -> None:
    assert_accepted(client.get("/v1/accounts"))
    record = last_record(server)
    assert set(record["payload"]) == {"access_key", "nonce"}
    assert record["alg"] == client.auth.algorithm  # type: ignore[union-attr]


QUERY_CASES = [
    pytest.param("/v1/order", {"uuid": UUID_A}, f"uuid={UUID_A}", id="scalar"),
    pytest.param(
        "/v1/orders/closed",
        [("market", "KRW-BTC"), ("states[]", "wait"), ("states[]", "watch"), ("limit", 100)],
        "market=KRW-BTC&states[]=wait&states[]=watch&limit=100",
        id="states-array",
    ),
    pytest.param(
        "/v1/orders/uuids",
        [("uuids[]", UUID_A), ("uuids[]", UUID_B), ("order_by", "desc")],
        f"uuids[]={UUID_A}&uuids[]={UUID_B}&order_by=desc",
        id="uuids-array",
    ),
    pytest.param(
        "/v1/travel_rule/vasps",
        {"vasp_name": "업비트 코리아"},
        "vasp_name=업비트 코리아",
        id="korean-with-space",
    ),
    pytest.param(
        "/v1/orders/closed",
        {"start_time": "2024-01-01T00:00:00+09:00", "end_time": "2024-01-07T00:00:00+09:00"},
        "start_time=2024-01-01T00:00:00+09:00&end_time=2024-01-07T00:00:00+09:00",
        id="timestamps",
    ),
    pytest.param(
        "/v1/ticker", {"markets": "KRW-BTC,KRW-ETH"}, "markets=KRW-BTC,KRW-ETH", id="markets"
    ),
    pytest.param(
        "/v1/orders/closed", {"to": "2024-01-01 09:00:00"}, "to=2024-01-01 09:00:00", id="space"
    ),
]


@pytest.mark.parametrize(("path", "params", "hashed"), QUERY_CASES)
def test_get_query_is_hashed_unencoded_in_wire_order(
    client: httpx.Client, server: UpbitLikeServer, path: str, params: Any, hashed: str
) -> None:
    assert_accepted(client.get(path, params=params))
    record = last_record(server)
    assert record["hashed"] == hashed
    assert record["payload"]["query_hash"] == hashlib.sha512(hashed.encode()).hexdigest()
    assert record["payload"]["query_hash_alg"] == "SHA512"


def test_plus_is_sent_as_2b_and_space_as_20(client: httpx.Client, server: UpbitLikeServer) -> None:
    """A raw '+' would mean a space to a form decoder but stay '+' under unquote: never send one."""
    assert_accepted(client.get("/v1/orders/closed", params={"a": "x+y z", "b": "+09:00"}))
    record = last_record(server)
    assert record["raw_query"] == "a=x%2By%20z&b=%2B09%3A00"
    assert record["hashed"] == "a=x+y z&b=+09:00"


def test_literal_plus_in_a_url_string_means_space(
    client: httpx.Client, server: UpbitLikeServer
) -> None:
    assert_accepted(client.get("/v1/orders/closed?memo=a+b&c=d"))
    record = last_record(server)
    assert record["raw_query"] == "memo=a%20b&c=d"
    assert record["hashed"] == "memo=a b&c=d"


def test_ampersand_and_equals_in_values_are_hashed_literally(
    client: httpx.Client, server: UpbitLikeServer
) -> None:
    """Decision: Upbit hashes the unencoded string, so 'a&b=c' is hashed as is.

    The wire keeps them percent-encoded, so the server still parses one pair; the hashed string
    is the same whether the server unquotes the raw query or re-renders its decoded pairs.
    """
    assert_accepted(client.get("/v1/withdraws", params={"memo": "a&b=c", "x": "1"}))
    record = last_record(server)
    assert record["raw_query"] == "memo=a%26b%3Dc&x=1"
    assert record["hashed"] == "memo=a&b=c&x=1"


@pytest.mark.parametrize(
    ("path", "params", "hashed"),
    [
        ("/v1/order", {"uuid": UUID_A}, f"uuid={UUID_A}"),
        (
            "/v1/orders/uuids",
            [("uuids[]", UUID_A), ("uuids[]", UUID_B)],
            f"uuids[]={UUID_A}&uuids[]={UUID_B}",
        ),
        ("/v1/orders/open", {"pairs": "KRW-BTC,KRW-ETH"}, "pairs=KRW-BTC,KRW-ETH"),
    ],
)
def test_delete_with_query(
    client: httpx.Client, server: UpbitLikeServer, path: str, params: Any, hashed: str
) -> None:
    assert_accepted(client.delete(path, params=params))
    record = last_record(server)
    assert record["method"] == "DELETE"
    assert record["hashed"] == hashed


def test_post_json_body_is_hashed_in_body_order(
    client: httpx.Client, server: UpbitLikeServer
) -> None:
    body = {
        "market": "KRW-BTC",
        "side": "bid",
        "volume": "0.001",
        "price": "50000000",
        "ord_type": "limit",
    }
    assert_accepted(client.post("/v1/orders", json=body))
    record = last_record(server)
    assert record["hashed"] == "market=KRW-BTC&side=bid&volume=0.001&price=50000000&ord_type=limit"
    assert json.loads(record["body"]) == body


def test_post_renders_booleans_numbers_arrays_and_korean(
    client: httpx.Client, server: UpbitLikeServer
) -> None:
    body = {"memo": "입금 확인", "count": 3, "ratio": 0.5, "post_only": True, "ids": ["a", "b"]}
    assert_accepted(client.post("/v1/pockets/transfers", json=body))
    assert last_record(server)["hashed"] == (
        "memo=입금 확인&count=3&ratio=0.5&post_only=true&ids[]=a&ids[]=b"
    )


def test_a_key_already_ending_in_brackets_is_not_bracketed_twice(
    client: httpx.Client, server: UpbitLikeServer
) -> None:
    assert_accepted(client.post("/v1/orders/cancel", json={"uuids[]": [UUID_A, UUID_B]}))
    assert last_record(server)["hashed"] == f"uuids[]={UUID_A}&uuids[]={UUID_B}"


def test_a_json_content_type_with_parameters_is_signed(
    client: httpx.Client, server: UpbitLikeServer
) -> None:
    response = client.post(
        "/v1/orders",
        content=b'{"market":"KRW-BTC"}',
        headers={"Content-Type": "Application/JSON; charset=utf-8"},
    )
    assert_accepted(response)
    assert last_record(server)["hashed"] == "market=KRW-BTC"


def test_post_null_and_empty_array_are_dropped_from_hash_and_bytes(
    client: httpx.Client, server: UpbitLikeServer
) -> None:
    body: dict[str, Any] = {
        "market": "KRW-BTC",
        "side": "bid",
        "volume": None,
        "price": "5000",
        "ids": [],
        "ord_type": "price",
    }
    assert_accepted(client.post("/v1/orders", json=body))
    record = last_record(server)
    sent = b'{"market":"KRW-BTC","side":"bid","price":"5000","ord_type":"price"}'
    assert record["body"] == sent
    assert record["content_length"] == str(len(sent))
    assert record["content_type"] == "application/json"
    assert record["hashed"] == "market=KRW-BTC&side=bid&price=5000&ord_type=price"


def test_dropping_a_null_leaves_the_other_fields_bytes_as_httpx_sends_them(
    client: httpx.Client, server: UpbitLikeServer
) -> None:
    """Korean keys and values stay UTF-8, as in every body that is sent as the caller built it."""
    kept = {"메모": "입금 확인", "amount": 1.50, "tags": ["가", "b"]}
    assert_accepted(client.post("/v1/withdraws/krw", json=kept))
    untouched = last_record(server)["body"]
    assert_accepted(client.post("/v1/withdraws/krw", json={**kept, "two_factor_type": None}))
    assert last_record(server)["body"] == untouched
    assert "입금 확인".encode() in untouched


def test_a_streamed_json_body_with_a_null_is_resent_with_its_length(
    client: httpx.Client, server: UpbitLikeServer
) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"market":"KRW-BTC",'
        yield b'"volume":null}'

    response = client.post(
        "/v1/orders", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert_accepted(response)
    record = last_record(server)
    assert record["body"] == b'{"market":"KRW-BTC"}'
    assert record["hashed"] == "market=KRW-BTC"


def test_the_clients_timeout_still_applies_when_a_null_is_dropped() -> None:
    """Rewriting the body must keep the request's extensions, where httpx carries its timeout."""

    def answer_late(listener: socket.socket) -> None:
        connection, _ = listener.accept()
        with connection:
            time.sleep(2)
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        host, port = listener.getsockname()
        late = threading.Thread(target=answer_late, args=(listener,), daemon=True)
        late.start()
        auth = UpbitAuth(ACCESS_KEY, SECRET_KEY)
        with (
            httpx.Client(auth=auth, timeout=0.3) as client,
            pytest.raises(httpx.ReadTimeout),
        ):
            client.post(f"http://{host}:{port}/v1/orders", json={"market": "KRW-BTC", "x": None})
        late.join()


def test_server_rejects_a_null_it_would_not_hash(server: UpbitLikeServer) -> None:
    """The null test above can fail: an unsigned-null body is refused by the verifier."""
    auth = UpbitAuth(ACCESS_KEY, SECRET_KEY)
    signed = next(auth.auth_flow(httpx.Request("POST", server.url, json={"a": "1"})))
    tampered = httpx.Request(
        "POST",
        signed.url,
        headers={"Authorization": signed.headers["Authorization"]},
        json={"a": "1", "b": None},
    )
    with httpx.Client(timeout=5) as plain:
        response = plain.send(tampered)
    assert response.status_code == 401
    assert response.json()["error"]["name"] == "invalid_query_payload"


def test_sending_the_same_request_twice_uses_two_nonces(
    client: httpx.Client, server: UpbitLikeServer
) -> None:
    request = client.build_request("GET", "/v1/orders/closed", params={"market": "KRW-BTC"})
    assert_accepted(client.send(request))
    first = last_record(server)["payload"]["nonce"]
    assert_accepted(client.send(request))
    second = last_record(server)["payload"]["nonce"]
    assert first != second


def test_server_rejects_a_reused_nonce(server: UpbitLikeServer) -> None:
    """Shows the nonce test above can fail: replaying one token earns Upbit's nonce_used."""
    auth = UpbitAuth(ACCESS_KEY, SECRET_KEY)
    signed = next(auth.auth_flow(httpx.Request("GET", f"{server.url}/v1/accounts")))
    with httpx.Client(timeout=5) as plain:
        assert_accepted(plain.send(signed))
        replay = plain.send(signed)
    assert replay.status_code == 401
    assert replay.json()["error"]["name"] == "nonce_used"


def test_server_rejects_a_wrong_secret(server: UpbitLikeServer) -> None:
    auth = UpbitAuth(ACCESS_KEY, "x" * 40)
    with httpx.Client(auth=auth, timeout=5) as wrong:
        response = wrong.get(f"{server.url}/v1/accounts")
    assert response.status_code == 401
    assert response.json()["error"]["name"] == "jwt_verification"


def test_async_client_signs_each_concurrent_request(server: UpbitLikeServer) -> None:
    async def run() -> tuple[httpx.Response, ...]:
        auth = UpbitAuth(ACCESS_KEY, SECRET_KEY)
        async with httpx.AsyncClient(base_url=server.url, auth=auth, timeout=5) as client:
            return await asyncio.gather(
                client.get("/v1/orders/closed", params={"states[]": ["wait", "watch"]}),
                client.post("/v1/orders", json={"market": "KRW-BTC", "volume": None}),
                client.delete("/v1/order", params={"uuid": UUID_A}),
            )

    before = len(server.records)
    for response in asyncio.run(run()):
        assert_accepted(response)
    with server.lock:
        new = server.records[before:]
    assert {record["hashed"] for record in new} == {
        "states[]=wait&states[]=watch",
        "market=KRW-BTC",
        f"uuid={UUID_A}",
    }
    assert len({record["payload"]["nonce"] for record in new}) == 3


def never_called(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"no request may be sent, got {request.method} {request.url}")


@pytest.mark.parametrize(
    "url",
    [
        "http://198.51.100.7/v1/accounts",
        "http://api.upbit.com/v1/accounts",
        "http://127.0.0.1.nip.io/v1/accounts",
        "http://[::ffff:10.0.0.1]/v1/accounts",
    ],
)
def test_plain_http_to_a_remote_host_is_refused_before_sending(url: str) -> None:
    """The transport is the only way out; it never runs, so nothing can leave even on failure."""
    auth = UpbitAuth(ACCESS_KEY, SECRET_KEY)
    with (
        httpx.Client(auth=auth, transport=httpx.MockTransport(never_called)) as client,
        pytest.raises(InsecureTransportError, match="; use https://") as caught,
    ):
        client.get(url)
    assert SECRET_KEY not in str(caught.value)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    "url",
    [
        "https://api.upbit.com/v1/accounts",
        "http://127.0.0.1/v1/accounts",
        "http://127.8.9.10:8080/v1/accounts",
        "http://localhost/v1/accounts",
        "http://[::1]/v1/accounts",
        "http://[::ffff:127.0.0.1]/v1/accounts",
    ],
)
def test_https_and_loopback_are_signed(url: str) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200))
    with httpx.Client(auth=UpbitAuth(ACCESS_KEY, SECRET_KEY), transport=transport) as client:
        response = client.get(url)
    assert response.request.headers["Authorization"].startswith("Bearer ")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"data": {"market": "KRW-BTC"}}, "must be JSON"),
        ({"content": b"market=KRW-BTC"}, "must be JSON.*got no Content-Type"),
        (
            {"content": b'{"a":"\xff"}', "headers": {"Content-Type": "application/json"}},
            "UTF-8 encoded JSON",
        ),
        (
            {"content": b"{not json", "headers": {"Content-Type": "application/json"}},
            "valid JSON",
        ),
        ({"json": ["KRW-BTC"]}, "JSON object"),
        ({"json": {"market": {"code": "KRW-BTC"}}}, "'market'"),
        ({"json": {"ids": [["a"]]}}, "'ids'"),
        ({"json": {"ids": ["a", None]}}, "'ids'"),
        (
            {"content": b'{"a":"1","a":"2"}', "headers": {"Content-Type": "application/json"}},
            "repeat a key",
        ),
        ({"json": {"a": "1"}, "params": {"b": "2"}}, "both a query string and a JSON body"),
    ],
)
def test_unsignable_bodies_are_refused(kwargs: dict[str, Any], message: str) -> None:
    auth = UpbitAuth(ACCESS_KEY, SECRET_KEY)
    with (
        httpx.Client(auth=auth, transport=httpx.MockTransport(never_called)) as client,
        pytest.raises(ValueError, match=message) as caught,
    ):
        client.post("https://api.upbit.com/v1/orders", **kwargs)
    assert str(caught.value).startswith("request ")


def test_a_query_that_is_not_utf8_when_decoded_is_refused_before_sending() -> None:
    auth = UpbitAuth(ACCESS_KEY, SECRET_KEY)
    with (
        httpx.Client(auth=auth, transport=httpx.MockTransport(never_called)) as client,
        pytest.raises(ValueError, match=r"^query string must percent-decode to valid UTF-8$"),
    ):
        client.get("https://api.upbit.com/v1/orders/closed?market=%FF")


@pytest.mark.parametrize("algorithm", ["RS256", "none", "hs512", "HS384", ""])
def test_only_hs512_and_hs256_are_accepted(algorithm: str) -> None:
    with pytest.raises(ValueError, match="algorithm"):
        UpbitAuth(ACCESS_KEY, SECRET_KEY, algorithm=algorithm)
    with pytest.raises(ValueError, match="algorithm"):
        websocket_token(ACCESS_KEY, SECRET_KEY, algorithm=algorithm)


@pytest.mark.parametrize(
    ("access_key", "secret_key", "error", "message"),
    [
        ("", SECRET_KEY, ValueError, "access_key must not be empty"),
        (ACCESS_KEY, "", ValueError, "secret_key must not be empty"),
        (None, SECRET_KEY, TypeError, "access_key must be a str, got NoneType"),
        (ACCESS_KEY, b"secret", TypeError, "secret_key must be a str, got bytes"),
    ],
)
def test_credentials_are_validated(
    access_key: Any, secret_key: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        UpbitAuth(access_key, secret_key)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("access_key", "shown"), [("abc", "****"), ("abcd", "****"), ("abcde", "****bcde")]
)
def test_repr_never_shows_a_whole_short_access_key(access_key: str, shown: str) -> None:
    assert repr(UpbitAuth(access_key, SECRET_KEY)) == (
        f"UpbitAuth(access_key={shown!r}, algorithm='HS512')"
    )


def test_the_default_algorithm_is_hs512_for_requests_and_websockets() -> None:
    assert UpbitAuth(ACCESS_KEY, SECRET_KEY).algorithm == "HS512"
    token = websocket_token(ACCESS_KEY, SECRET_KEY)
    assert jwt.get_unverified_header(token)["alg"] == "HS512"
    jwt.decode(token, SECRET_KEY, algorithms=["HS512"])


def test_repr_masks_the_access_key_and_hides_the_secret() -> None:
    text = repr(UpbitAuth(ACCESS_KEY, SECRET_KEY, algorithm="HS256"))
    assert text == "UpbitAuth(access_key='****JcAw', algorithm='HS256')"
    assert SECRET_KEY not in text


def test_query_hash_is_lowercase_hex_sha512_of_utf8() -> None:
    query = "market=KRW-BTC&states[]=wait&korean_name=비트코인"
    assert query_hash(query) == hashlib.sha512(query.encode("utf-8")).hexdigest()
    assert query_hash("") == hashlib.sha512(b"").hexdigest()


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_websocket_token_carries_only_key_and_fresh_nonce(algorithm: str) -> None:
    first = websocket_token(ACCESS_KEY, SECRET_KEY, algorithm)
    second = websocket_token(ACCESS_KEY, SECRET_KEY, algorithm)
    assert jwt.get_unverified_header(first) == {"alg": algorithm, "typ": "JWT"}
    claims = [jwt.decode(t, SECRET_KEY, algorithms=[algorithm]) for t in (first, second)]
    assert [set(c) for c in claims] == [{"access_key", "nonce"}] * 2
    assert claims[0]["access_key"] == ACCESS_KEY
    assert claims[0]["nonce"] != claims[1]["nonce"]
    assert uuid.UUID(claims[0]["nonce"]).version == 4


# Characters Upbit parameters actually contain, plus the URL delimiters that could break signing.
_tricky = st.sampled_from([*"+:,&=%#?/[] ;'\"\\한글€", "😀"])
_text = st.text(st.one_of(st.characters(codec="utf-8"), _tricky), max_size=12)
_key = st.text(st.one_of(st.characters(codec="utf-8"), _tricky), min_size=1, max_size=8)
_property_settings = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_property_settings
@given(
    st.lists(st.tuples(_key, st.one_of(_text, st.lists(_text, min_size=1, max_size=3))), max_size=6)
)
def test_property_any_query_is_accepted(
    server: UpbitLikeServer, fields: list[tuple[str, str | list[str]]]
) -> None:
    params: list[tuple[str, Any]] = []
    for key, value in fields:
        if isinstance(value, list):
            params.extend((f"{key}[]", item) for item in value)
        else:
            params.append((key, value))
    with httpx.Client(auth=UpbitAuth(ACCESS_KEY, SECRET_KEY), timeout=5) as client:
        response = client.get(f"{server.url}/v1/orders/closed", params=params)
    assert_accepted(response)
    assert last_record(server)["hashed"] == "&".join(f"{k}={v}" for k, v in grouped(params))


def grouped(params: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """httpx sends repeated keys together, at the first key's place; the hash follows the wire."""
    by_key: dict[str, list[Any]] = {}
    for key, value in params:
        by_key.setdefault(key, []).append(value)
    return [(key, value) for key, values in by_key.items() for value in values]


_json_scalar = st.one_of(
    _text,
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
)


def expected_body_rendering(body: dict[str, Any]) -> str:
    parts = []
    for key, value in body.items():
        for item in value if isinstance(value, list) else [value]:
            name = f"{key}[]" if isinstance(value, list) and not key.endswith("[]") else key
            parts.append(f"{name}={item if isinstance(item, str) else json.dumps(item)}")
    return "&".join(parts)


@_property_settings
@given(
    st.dictionaries(
        _key,
        st.one_of(st.none(), _json_scalar, st.lists(_json_scalar, max_size=3)),
        max_size=6,
    )
)
def test_property_any_json_body_is_accepted(server: UpbitLikeServer, body: dict[str, Any]) -> None:
    with httpx.Client(auth=UpbitAuth(ACCESS_KEY, SECRET_KEY), timeout=5) as client:
        response = client.post(f"{server.url}/v1/orders", json=body)
    assert_accepted(response)
    kept = {k: v for k, v in body.items() if v is not None and v != []}
    record = last_record(server)
    assert json.loads(record["body"]) == kept
    assert record["hashed"] == expected_body_rendering(kept)
