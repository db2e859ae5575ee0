"""Every failure Upbit can send becomes the right typed error, with its hint, and no secret.

Raw bodies are served by a real HTTP server on loopback and read through a real httpx.Client,
so what is tested is exactly what the client will see on the wire: header casing, charsets,
keep-alive, text and HTML bodies. Names and messages come from upbit-api.md §4 and the
``ERROR ...`` entries of upbit-examples.json (copied here; tests do not read ../shared).
"""

from __future__ import annotations

import json
import pickle
import socket
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import jwt
import pytest

from upbit_ext._errors import (
    BadRequest,
    CancelTooLate,
    CircuitOpenError,
    CreateOrderError,
    CurrencyNotFound,
    DepositNotFound,
    DuplicatedIdentifier,
    ExpiredAccessKey,
    Forbidden,
    HTTPStatusError,
    InsufficientFunds,
    InvalidAccessKey,
    InvalidParameter,
    InvalidPostOnly,
    InvalidPrice,
    InvalidQueryPayload,
    InvalidTimeInForce,
    InvalidVolume,
    IpBanned,
    JwtVerification,
    MarketNotFound,
    MarketOffline,
    NoAuthorizationIp,
    NoAuthorizationToken,
    NonceUsed,
    NotFound,
    OrderNotFound,
    OrderStateUnknown,
    OutOfScope,
    OverMaxTotal,
    PocketNotFound,
    RateLimited,
    ResponseTooLarge,
    ServerError,
    ThirdPartyAgreementRequired,
    TransportError,
    Unauthorized,
    UnderMinTotal,
    UnexpectedResponse,
    UpbitConnectionError,
    UpbitError,
    UpbitTimeout,
    ValidationFailed,
    WithdrawAddressNotRegistered,
    WithdrawLocked,
    WithdrawNotFound,
    error_from_response,
    explain,
    transport_error_from,
)

REMAINING = "group=default; min=1800; sec=29"
STATUS_CLASSES: dict[int, type[HTTPStatusError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    418: IpBanned,
    429: RateLimited,
    500: ServerError,
}
NOW = datetime(2026, 11, 2, 12, 0, 0, tzinfo=UTC)
SECRET = "s3cr3t-signing-key-never-shown-" + "0123456789abcdef" * 3
TOKEN = jwt.encode(
    {"access_key": "AK-test-0123456789", "nonce": "7b0e4c2e-0000-4000-8000-000000000000"},
    SECRET,
    algorithm="HS512",
)

# (status, name, message verbatim, name class). Messages marked DOCS/CCXT are real bodies;
# the rest only have to round-trip unchanged.
NAMED: list[tuple[int, str, str, type[HTTPStatusError]]] = [
    (400, "invalid_parameter", "잘못된 파라미터", InvalidParameter),  # DOCS new-order
    (400, "invalid_time_in_force", "주문조건을 다시 확인해 주세요.", InvalidTimeInForce),  # DOCS
    (
        400,
        "over_krw_funds_bid",
        "최대 주문 가능 금액 1000000000 KRW 보다 작은 주문을 입력해 주세요.",  # DOCS
        OverMaxTotal,
    ),
    (400, "insufficient_funds_bid", "주문 가능한 금액(KRW)이 부족합니다.", InsufficientFunds),
    (400, "insufficient_funds_ask", "매수/매도 가능 잔고가 부족합니다.", InsufficientFunds),
    (400, "notfoundmarket", "다음 마켓에 없는 종목입니다: KRW-BTCs", MarketNotFound),  # DOCS
    (
        400,
        "invalid_price_bid",
        "주문가격 단위를 잘못 입력하셨습니다. 확인 후 시도해주세요.",  # DOCS
        InvalidPrice,
    ),
    (400, "invalid_price_ask", "주문가격 단위를 잘못 입력하셨습니다.", InvalidPrice),
    (400, "under_min_total_bid", "최소주문금액 이상으로 주문해주세요", UnderMinTotal),
    (400, "under_min_total_ask", "최소주문금액 이상으로 주문해주세요", UnderMinTotal),
    (400, "create_bid_error", "주문 요청 정보가 올바르지 않습니다.", CreateOrderError),
    (400, "create_ask_error", "주문 요청 정보가 올바르지 않습니다.", CreateOrderError),
    (
        400,
        "validation_error",
        "side is missing, side does not have a valid value",  # CCXT
        ValidationFailed,
    ),
    (400, "duplicated_identifier", "identifier가 중복되었습니다.", DuplicatedIdentifier),
    (400, "invalid_post_only", "post_only는 smp_type과 함께 쓸 수 없습니다.", InvalidPostOnly),
    (400, "volume_too_large", "주문 수량이 너무 큽니다.", InvalidVolume),
    (400, "invalid_volume_ask", "주문 수량이 올바르지 않습니다.", InvalidVolume),
    (
        400,
        "withdraw_address_not_registered",
        "허용되지 않은 출금 주소입니다.",
        WithdrawAddressNotRegistered,
    ),
    (
        400,
        "withdraw_address_not_registerd",  # legacy spelling (pyupbit)
        "허용되지 않은 출금 주소입니다.",
        WithdrawAddressNotRegistered,
    ),
    (401, "invalid_query_payload", "JWT 헤더의 페이로드가 올바르지 않습니다.", InvalidQueryPayload),
    (401, "jwt_verification", "JWT 토큰 검증에 실패했습니다.", JwtVerification),
    (401, "expired_access_key", "This key has expired.", ExpiredAccessKey),  # CCXT
    (401, "nonce_used", "이미 요청한 nonce값이 다시 사용되었습니다.", NonceUsed),
    (401, "no_authorization_ip", "This is not a verified IP.", NoAuthorizationIp),  # DOCS
    (401, "no_authorization_i_p", "허용되지 않은 IP 주소입니다.", NoAuthorizationIp),  # legacy
    (401, "no_authorization_token", "Authorization token not found.", NoAuthorizationToken),
    (401, "invalid_access_key", "잘못된 엑세스 키입니다.", InvalidAccessKey),  # CCXT
    (401, "out_of_scope", "권한이 부족합니다.", OutOfScope),  # CCXT
    (403, "out_of_scope", "권한이 부족합니다.", OutOfScope),  # same name, other status
    (
        403,
        "market_offline",
        "시스템 점검 중입니다. 점검이 완료된 후에 다시 시도해주세요.",
        MarketOffline,
    ),
    (403, "open_api_withdraw_locked", "Open API 출금이 잠겨 있습니다.", WithdrawLocked),
    (
        403,
        "thirdparty_agreement_required",
        "개인정보 제 3자 제공 동의가 필요합니다.",  # CCXT
        ThirdPartyAgreementRequired,
    ),
    (404, "order_not_found", "주문을 찾지 못했습니다.", OrderNotFound),  # DOCS
    (404, "pocket_not_found", "포켓을 찾지 못했습니다.", PocketNotFound),  # DOCS
    (404, "currency_not_found", "화폐를 찾지 못했습니다.", CurrencyNotFound),
    (404, "deposit_not_found", "입금 내역을 찾지 못했습니다.", DepositNotFound),
    (404, "withdraw_not_found", "출금 내역을 찾지 못했습니다.", WithdrawNotFound),
    (500, "order_not_found", "주문을 찾지 못했습니다.", OrderNotFound),  # name class + 5xx
]

# DOCS quotation errors: the name is the integer status. The 404 is an unknown market code:
# the same `MarketNotFound` (and hint) as an order's `notfoundmarket`.
QUOTATION: list[tuple[int, str, type[HTTPStatusError] | None]] = [
    (400, "Invalid parameter. Check the given value!", None),
    (400, "Type mismatch error. Check the parameters type!", None),
    (400, "Missing request parameter error. Check the required parameters!", None),
    (404, "Code not found", MarketNotFound),
]


@dataclass
class Canned:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


ROUTES: dict[str, Canned] = {}


def _json_error(name: str | int, message: str) -> bytes:
    return json.dumps({"error": {"name": name, "message": message}}, ensure_ascii=False).encode()


def _route(key: str, canned: Canned) -> str:
    ROUTES[f"/{key}"] = canned
    return f"/{key}"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    release = threading.Event()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        path = self.path.split("?", 1)[0]
        if path == "/drop":
            self.close_connection = True
            return
        if path == "/hang":
            self.release.wait(10)
            self.close_connection = True
            return
        if path == "/echo-auth":
            echoed = self.headers.get("Authorization", "")
            canned = Canned(
                401,
                _json_error("jwt_verification", f"bad token: {echoed}"),
                {"Content-Type": "application/json", "X-Echo": echoed},
            )
        else:
            canned = ROUTES.get(path, Canned(200, b"{}"))
        self.send_response(canned.status)
        for key, value in canned.headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(canned.body)))
        self.end_headers()
        self.wfile.write(canned.body)

    do_GET = do_POST = do_DELETE = _handle


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that drop keep-alive connections are part of these tests, not failures."""
        if not isinstance(sys.exception(), ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    _Handler.release.clear()  # set by an earlier teardown when the tests run out of module order
    server = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        _Handler.release.set()
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=base_url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=5
    ) as c:
        yield c


def fetch_error(
    client: httpx.Client, route: str, method: str = "GET", query: str = "market=KRW-BTC"
) -> HTTPStatusError:
    response = client.request(method, f"{route}?{query}")
    assert response.status_code >= 400
    return error_from_response(response, method=method, path=f"{route}?{query}", now=NOW)


def assert_safe_line(err: UpbitError) -> None:
    for text in (str(err), repr(err)):
        assert "\n" not in text
        assert TOKEN not in text
        assert SECRET not in text
        assert "Bearer" not in text


# --- named exchange errors ---------------------------------------------------------------------

_NAMED_ROUTES = [
    _route(
        f"named/{i}",
        Canned(
            status,
            _json_error(name, message),
            {"Content-Type": "application/json; charset=utf-8", "Remaining-Req": REMAINING},
        ),
    )
    for i, (status, name, message, _) in enumerate(NAMED)
]


@pytest.mark.parametrize(
    ("route", "case"),
    list(zip(_NAMED_ROUTES, NAMED, strict=True)),
    ids=[f"{status}-{name}" for status, name, _, _ in NAMED],
)
def test_named_error_is_both_name_and_status_class(
    client: httpx.Client,
    route: str,
    case: tuple[int, str, str, type[HTTPStatusError]],
) -> None:
    status, name, message, name_cls = case
    status_cls = STATUS_CLASSES[status]
    err = fetch_error(client, route, method="POST")

    assert isinstance(err, name_cls)
    assert isinstance(err, status_cls)
    assert type(err).__name__ == name_cls.__name__
    for other in set(STATUS_CLASSES.values()) - {status_cls}:
        assert not isinstance(err, other)
    assert (err.status, err.name, err.message) == (status, name, message)
    assert (err.method, err.path) == ("POST", route)
    assert err.remaining_req == REMAINING
    assert err.hint == explain(name)
    assert not err.hint.startswith("Unknown")
    line = str(err)
    for part in (str(status), name, message, f"POST {route}", err.hint):
        assert part in line
    assert "market=KRW-BTC" not in line
    assert_safe_line(err)


def test_name_and_status_classes_both_catch(client: httpx.Client) -> None:
    forbidden = _NAMED_ROUTES[[n for s, n, _, _ in NAMED].index("out_of_scope") + 1]
    with pytest.raises(Forbidden):
        raise fetch_error(client, forbidden)
    with pytest.raises(OutOfScope):
        raise fetch_error(client, forbidden)
    unauthorized = fetch_error(
        client, _NAMED_ROUTES[[n for _, n, _, _ in NAMED].index("out_of_scope")]
    )
    assert isinstance(unauthorized, Unauthorized)
    assert not isinstance(unauthorized, Forbidden)
    # One generated class per (name, status) pair, reused.
    assert type(fetch_error(client, forbidden)) is type(fetch_error(client, forbidden))


# --- quotation errors (integer names) ----------------------------------------------------------

_QUOTATION_ROUTES = [
    _route(
        f"quotation/{i}",
        Canned(
            status,
            _json_error(status, message),
            {"Content-Type": "application/json", "Remaining-Req": "group=candles; min=600; sec=9"},
        ),
    )
    for i, (status, message, _) in enumerate(QUOTATION)
]


@pytest.mark.parametrize(("route", "case"), list(zip(_QUOTATION_ROUTES, QUOTATION, strict=True)))
def test_quotation_integer_names_map_to_status_class(
    client: httpx.Client, route: str, case: tuple[int, str, type[HTTPStatusError] | None]
) -> None:
    status, message, named = case
    err = fetch_error(client, route)
    if named is None:
        assert type(err) is STATUS_CLASSES[status]
        assert err.hint == explain(status)
    else:
        assert isinstance(err, named)
        assert isinstance(err, STATUS_CLASSES[status])
        assert err.hint == explain("notfoundmarket")
        assert pickle.loads(pickle.dumps(err)).hint == err.hint
    assert err.name == status
    assert isinstance(err.name, int)
    assert err.message == message
    assert err.remaining_req == "group=candles; min=600; sec=9"
    assert message in str(err)
    assert_safe_line(err)


# --- bodies that are not the error shape -------------------------------------------------------

ODD: dict[str, tuple[Canned, type[HTTPStatusError], str]] = {
    # key: (response, exact class, message)
    "text-429": (
        Canned(
            429,
            b"Too many API requests.",
            {"Content-Type": "text/plain", "Remaining-Req": "group=ticker; min=600; sec=0"},
        ),
        RateLimited,
        "Too many API requests.",
    ),
    "html-502": (
        Canned(
            502,
            b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            b"<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n",
            {"Content-Type": "text/html"},
        ),
        ServerError,
        "",
    ),
    "empty-500": (Canned(500), ServerError, ""),
    "json-503": (
        Canned(503, _json_error("server_maintenance", "점검 중"), {"Retry-After": "30"}),
        ServerError,
        "점검 중",
    ),
    "text-400": (
        Canned(400, b"Bad Request: malformed query", {"Content-Type": "text/plain"}),
        BadRequest,
        "Bad Request: malformed query",
    ),
    "shape-400": (
        Canned(400, b'{"result": "fail", "code": 7}', {"Content-Type": "application/json"}),
        BadRequest,
        "",
    ),
    "list-400": (Canned(400, b"[1, 2, 3]", {"Content-Type": "application/json"}), BadRequest, ""),
    "error-string-400": (
        Canned(400, b'{"error": "invalid request"}', {"Content-Type": "application/json"}),
        BadRequest,
        "invalid request",
    ),
    "broken-json-400": (
        Canned(400, b'{"error": {"name": "validation_error"', {"Content-Type": "application/json"}),
        BadRequest,
        '{"error": {"name": "validation_error"',
    ),
    "deep-json-400": (Canned(400, b"[" * 200_000 + b"]" * 200_000), BadRequest, "[" * 2048),
    "non-utf8-400": (
        Canned(400, b"\xff\xfe\xfa bad \x80 bytes", {"Content-Type": "text/plain"}),
        BadRequest,
        "\ufffd\ufffd\ufffd bad \ufffd bytes",
    ),
    "unknown-name-400": (
        Canned(400, _json_error("brand_new_error", "새 오류")),
        BadRequest,
        "새 오류",
    ),
    "conflict-409": (Canned(409, _json_error("conflict", "충돌")), HTTPStatusError, "충돌"),
}
for _key, _case in ODD.items():
    _route(f"odd/{_key}", _case[0])


@pytest.mark.parametrize("key", list(ODD))
def test_odd_bodies_become_typed_errors(client: httpx.Client, key: str) -> None:
    canned, cls, message = ODD[key]
    err = fetch_error(client, f"/odd/{key}")
    assert type(err) is cls
    assert err.status == canned.status
    assert err.message == message
    assert err.hint
    assert err.remaining_req == canned.headers.get("Remaining-Req")
    assert len(err.body) <= 2048
    assert f"GET /odd/{key}" in str(err)
    assert_safe_line(err)


def test_text_429_keeps_raw_body_and_no_name(client: httpx.Client) -> None:
    err = fetch_error(client, "/odd/text-429")
    assert err.name is None
    assert err.body == "Too many API requests."
    assert "429" in str(err)
    assert "Too many API requests." in str(err)
    assert err.hint == explain(429)


def test_html_page_stays_out_of_the_message(client: httpx.Client) -> None:
    err = fetch_error(client, "/odd/html-502")
    assert err.name is None
    assert "<title>502 Bad Gateway</title>" in err.body
    assert "<html>" not in str(err)
    assert str(err).startswith("502 Bad Gateway (GET /odd/html-502)")


def test_unknown_name_falls_back_to_status_class_and_says_so(client: httpx.Client) -> None:
    err = fetch_error(client, "/odd/unknown-name-400")
    assert err.name == "brand_new_error"
    assert "Unknown Upbit error name 'brand_new_error'" in err.hint
    assert explain(400).split(": ", 1)[1] in err.hint


def test_unexpected_json_is_shown_in_the_line(client: httpx.Client) -> None:
    err = fetch_error(client, "/odd/shape-400")
    assert err.name is None
    assert '"result": "fail"' in str(err)


def test_server_retry_after_is_carried(client: httpx.Client) -> None:
    err = fetch_error(client, "/odd/json-503")
    assert err.retry_after == 30.0
    assert err.name == "server_maintenance"


def test_long_bodies_are_truncated(client: httpx.Client) -> None:
    _route("long", Canned(500, b"x" * 10_000, {"Content-Type": "text/plain"}))
    err = fetch_error(client, "/long")
    assert err.body == "x" * 2048
    assert len(str(err)) < 1000


# --- 418 and 429 timing ------------------------------------------------------------------------

BANS: dict[str, tuple[Canned, float | None]] = {
    "header-seconds": (Canned(418, b"", {"Retry-After": "120"}), 120.0),
    "header-date": (
        Canned(
            418, b"", {"Retry-After": format_datetime(NOW + timedelta(minutes=10), usegmt=True)}
        ),
        600.0,
    ),
    "body-english": (
        Canned(418, b"Your IP is blocked for 5 minutes.", {"Content-Type": "text/plain"}),
        300.0,
    ),
    "body-korean-json": (
        Canned(418, _json_error(418, "요청이 너무 많아 30초 동안 차단됩니다.")),
        30.0,
    ),
    "body-bare-number": (Canned(418, b"45"), 45.0),
    "header-wins": (Canned(418, b"blocked for 1 hour", {"Retry-After": "7"}), 7.0),
    "unknown": (Canned(418, _json_error(418, "I'm a teapot")), None),
    "junk-header": (Canned(418, b"", {"Retry-After": "soon"}), None),
}
for _key, _ban in BANS.items():
    _route(f"ban/{_key}", _ban[0])


@pytest.mark.parametrize("key", list(BANS))
def test_ip_banned_reports_when_the_block_ends(client: httpx.Client, key: str) -> None:
    _, seconds = BANS[key]
    err = fetch_error(client, f"/ban/{key}")
    assert type(err) is IpBanned
    assert isinstance(err, IpBanned)
    if seconds is None:
        assert err.until is None
        assert err.retry_after is None
        assert "block end unknown" in str(err)
    else:
        assert err.retry_after == pytest.approx(seconds)
        assert err.until == NOW + timedelta(seconds=seconds)
        assert err.until.isoformat(timespec="seconds") in str(err)
    assert err.hint == explain(418)
    assert_safe_line(err)


def test_rate_limited_retry_after(client: httpx.Client) -> None:
    _route("ratelimited", Canned(429, b"Too many API requests.", {"Retry-After": "1.5"}))
    err = fetch_error(client, "/ratelimited")
    assert isinstance(err, RateLimited)
    assert err.retry_after == 1.5
    assert "retry after 1.5s" in str(err)
    _route(
        "ratelimited-past", Canned(429, b"", {"Retry-After": format_datetime(NOW - timedelta(1))})
    )
    assert fetch_error(client, "/ratelimited-past").retry_after == 0.0


def test_every_status_has_its_class(client: httpx.Client) -> None:
    for status in (400, 401, 403, 404, 418, 429, 500, 502, 503, 504):
        _route(f"status/{status}", Canned(status))
        err = fetch_error(client, f"/status/{status}")
        expected = STATUS_CLASSES.get(status, ServerError)
        assert type(err) is expected, status
        assert err.hint == explain(status)
        assert str(err).startswith(f"{status} {httpx.codes.get_reason_phrase(status)}")


# --- secrets -----------------------------------------------------------------------------------


def test_token_echoed_by_server_is_redacted(client: httpx.Client) -> None:
    response = client.get("/echo-auth?market=KRW-BTC")
    assert response.request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert TOKEN in response.text  # the server really did echo it
    err = error_from_response(response, method="GET", path="/echo-auth?market=KRW-BTC", now=NOW)
    assert isinstance(err, JwtVerification)
    for text in (str(err), repr(err), err.message, err.body, repr(vars(err))):
        assert TOKEN not in text
        assert "Bearer ey" not in text
    assert "[REDACTED]" in err.message
    assert err.path == "/echo-auth"
    assert_safe_line(err)
    assert TOKEN not in repr(pickle.loads(pickle.dumps(err)).__reduce__())


def test_a_jwt_that_is_not_this_requests_token_is_redacted_too() -> None:
    # Each retry is signed anew, so a body echoing an earlier attempt's token (a proxy, a
    # cache) carries a JWT that is not on this request: only its shape can catch it.
    earlier = jwt.encode({"access_key": "AK-test-0123456789", "nonce": "n-1"}, SECRET, "HS512")
    later = jwt.encode({"access_key": "AK-test-0123456789", "nonce": "n-2"}, SECRET, "HS512")
    request = httpx.Request(
        "GET", "https://api.upbit.com/v1/accounts", headers={"Authorization": f"Bearer {later}"}
    )
    body = {"error": {"name": "jwt_verification", "message": f"bad token {earlier} (retry)"}}
    response = httpx.Response(401, json=body, request=request)
    err = error_from_response(response, method="GET", path="/v1/accounts", now=NOW)
    for text in (str(err), repr(err), err.message, err.body, repr(vars(err))):
        assert earlier not in text
        assert earlier.split(".")[1] not in text  # not even the claims part
    assert err.message == "bad token [REDACTED] (retry)"


def test_an_echoed_credential_that_is_not_a_jwt_is_replaced_by_the_marker_alone() -> None:
    # Only the request's own Authorization value can catch a credential without JWT shape; the
    # message keeps the server's words around one plain marker, nothing of the secret.
    credential = "opaque-credential-1234567890"
    request = httpx.Request(
        "GET",
        "https://api.upbit.com/v1/accounts",
        headers={"Authorization": f"Bearer {credential}"},
    )
    body = {"error": {"name": "jwt_verification", "message": f"bad token {credential} (retry)"}}
    response = httpx.Response(401, json=body, request=request)
    err = error_from_response(response, method="GET", path="/v1/accounts", now=NOW)
    assert err.message == "bad token [REDACTED] (retry)"
    assert credential not in repr(vars(err))


def test_token_on_request_never_reaches_error_without_echo(client: httpx.Client) -> None:
    err = fetch_error(client, _NAMED_ROUTES[0])
    assert TOKEN not in repr(vars(err))
    assert TOKEN not in repr(err.__reduce__())


def test_path_with_full_url_and_user_info_is_cut_to_the_path() -> None:
    err = BadRequest(status=400, method="get", path="https://user:pw@api.upbit.com/v1/order?uuid=1")
    assert (err.method, err.path) == ("GET", "/v1/order")
    assert "pw" not in str(err)


# --- transport errors over loopback ------------------------------------------------------------


def test_connection_refused_was_not_sent() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with httpx.Client() as plain, pytest.raises(httpx.ConnectError) as caught:
        plain.get(f"http://127.0.0.1:{port}/v1/accounts")
    err = transport_error_from(caught.value, method="GET", path="/v1/accounts")
    assert type(err) is UpbitConnectionError
    assert not err.may_have_been_sent
    assert err.__cause__ is caught.value
    assert "safe to send it again" in str(err)


def test_dropped_connection_after_send_may_have_been_sent(client: httpx.Client) -> None:
    with pytest.raises(httpx.RemoteProtocolError) as caught:
        client.post("/drop", json={"market": "KRW-BTC"})
    err = transport_error_from(caught.value, method="POST", path="/drop")
    assert type(err) is UpbitConnectionError
    assert err.may_have_been_sent
    assert "look an order up by its identifier" in str(err)
    assert_safe_line(err)


def test_read_timeout_may_have_been_sent(base_url: str) -> None:
    timeout = httpx.Timeout(5, read=0.05)
    with (
        httpx.Client(base_url=base_url, timeout=timeout) as c,
        pytest.raises(httpx.ReadTimeout) as caught,
    ):
        c.get("/hang")
    err = transport_error_from(caught.value, method="GET", path="/hang")
    assert type(err) is UpbitTimeout
    assert isinstance(err, TransportError)
    assert err.may_have_been_sent


def test_pool_timeout_was_not_sent(base_url: str) -> None:
    limits = httpx.Limits(max_connections=1)
    timeout = httpx.Timeout(5, pool=0.05)
    with (
        httpx.Client(base_url=base_url, limits=limits, timeout=timeout) as c,
        c.stream("GET", "/named/0"),
        pytest.raises(httpx.PoolTimeout) as caught,
    ):
        c.get("/named/1")
    err = transport_error_from(caught.value, method="GET", path="/named/1")
    assert type(err) is UpbitTimeout
    assert not err.may_have_been_sent


@pytest.mark.parametrize(
    ("exc_type", "cls", "sent"),
    [
        (httpx.ConnectTimeout, UpbitTimeout, False),
        (httpx.PoolTimeout, UpbitTimeout, False),
        (httpx.ReadTimeout, UpbitTimeout, True),
        (httpx.WriteTimeout, UpbitTimeout, True),
        (httpx.ConnectError, UpbitConnectionError, False),
        (httpx.ProxyError, UpbitConnectionError, False),
        (httpx.UnsupportedProtocol, UpbitConnectionError, False),
        (httpx.RemoteProtocolError, UpbitConnectionError, True),
        (httpx.ReadError, UpbitConnectionError, True),
        (httpx.WriteError, UpbitConnectionError, True),
        (httpx.LocalProtocolError, UpbitConnectionError, True),
    ],
)
def test_transport_mapping(
    exc_type: type[httpx.TransportError], cls: type[TransportError], sent: bool
) -> None:
    request = httpx.Request(
        "POST", "https://api.upbit.com/v1/orders", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    exc = exc_type(f"Illegal header value b'Bearer {TOKEN}'", request=request)
    err = transport_error_from(exc, method="post", path="/v1/orders?market=KRW-BTC")
    assert type(err) is cls
    assert err.may_have_been_sent is sent
    assert (err.method, err.path) == ("POST", "/v1/orders")
    assert exc_type.__name__ in str(err)
    assert_safe_line(err)
    assert TOKEN not in err.detail


# --- explain() ---------------------------------------------------------------------------------


def test_explain_hints_say_what_to_do() -> None:
    assert explain("invalid_query_payload").startswith(
        "query_hash did not match the sent query — the signed string must be the exact unencoded"
        " query in sending order"
    )
    ip = explain("no_authorization_ip")
    assert "public IP" in ip
    assert "API key settings" in ip
    assert "upbit.com" in ip
    assert "fresh UUID4 nonce" in explain("nonce_used")
    assert "round_price" in explain("invalid_price_bid")
    assert "permission" in explain("out_of_scope")
    assert "identifier" in explain("duplicated_identifier")


def test_explain_accepts_spellings_and_case() -> None:
    assert explain("no_authorization_i_p") == explain("no_authorization_ip")
    assert explain("withdraw_address_not_registerd") == explain("withdraw_address_not_registered")
    assert explain("withdraw_address") == explain("withdraw_address_not_registered")
    assert explain(" Nonce_Used ") == explain("nonce_used")


def test_every_named_case_has_a_distinct_specific_hint() -> None:
    hints = {name: explain(name) for _, name, _, _ in NAMED}
    assert all(not h.startswith("Unknown") and len(h) > 30 for h in hints.values())
    bid, ask = explain("insufficient_funds_bid"), explain("insufficient_funds_ask")
    assert bid != ask


def test_explain_quotation_integers_and_unknowns() -> None:
    assert "KRW-BTC" in explain(400)
    assert "list_trading_pairs" in explain(404)
    assert "429" in explain(418) or "blocked" in explain(418)
    assert explain(503) == explain(500)
    assert explain("no_such_name").startswith("Unknown Upbit error name 'no_such_name'")
    assert explain(999).startswith("Unknown Upbit error 999")


@pytest.mark.parametrize("bad", [None, True, 4.0, b"nonce_used"])
def test_explain_rejects_non_names(bad: object) -> None:
    with pytest.raises(TypeError, match="name must be"):
        explain(bad)  # type: ignore[arg-type]


# --- misc --------------------------------------------------------------------------------------


def test_errors_survive_pickling(client: httpx.Client) -> None:
    forbidden = fetch_error(
        client, _NAMED_ROUTES[[n for s, n, _, _ in NAMED].index("out_of_scope") + 1]
    )
    banned = fetch_error(client, "/ban/header-seconds")
    timeout = UpbitTimeout(method="GET", path="/v1/ticker", may_have_been_sent=False)
    others = [
        ResponseTooLarge(limit=1024, method="GET", path="/v1/ticker"),
        CircuitOpenError(host="api.upbit.com", retry_after=3.0),
        UpbitError("plain"),
    ]
    for err in [forbidden, banned, timeout, *others]:
        copy = pickle.loads(pickle.dumps(err))
        assert type(copy) is type(err)
        assert str(copy) == str(err)
        assert vars(copy) == vars(err)
    assert isinstance(pickle.loads(pickle.dumps(forbidden)), OutOfScope)


def test_refuses_non_error_responses() -> None:
    with pytest.raises(ValueError, match="status must be >= 400"):
        error_from_response(httpx.Response(200), method="GET", path="/")
    with pytest.raises(TypeError, match="response must be"):
        error_from_response("nope", method="GET", path="/")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="timezone-aware"):
        error_from_response(httpx.Response(500), method="GET", path="/", now=datetime(2026, 1, 1))


def test_unread_streamed_body_counts_as_empty(client: httpx.Client) -> None:
    with client.stream("GET", "/odd/text-429") as response:
        err = error_from_response(response, method="GET", path="/odd/text-429")
    assert isinstance(err, RateLimited)
    assert err.body == ""


def test_response_without_request_is_fine() -> None:
    err = error_from_response(
        httpx.Response(401, json={"error": {"name": "nonce_used", "message": "m"}}),
        method="GET",
        path="/v1/accounts",
    )
    assert isinstance(err, NonceUsed)
    assert isinstance(err, Unauthorized)


def test_other_errors_read_well() -> None:
    too_large = ResponseTooLarge(limit=4_000_000, method="get", path="/v1/ticker?markets=KRW-BTC")
    assert str(too_large).startswith("response to GET /v1/ticker exceeded 4000000 bytes")
    circuit = CircuitOpenError(host="api.upbit.com", retry_after=12.0)
    assert "api.upbit.com" in str(circuit)
    assert "12.0s" in str(circuit)
    assert all(isinstance(e, UpbitError) for e in (too_large, circuit))


# --- whole lines, as a user reads them (each pinned word for word: fragments pass a garbled text)


def test_transport_error_lines_in_full() -> None:
    sent = UpbitTimeout(
        method="post", path="/v1/orders?market=KRW-BTC", may_have_been_sent=True,
        detail="ReadTimeout: timed out",
    )  # fmt: skip
    assert str(sent) == (
        "timeout on POST /v1/orders: ReadTimeout: timed out — The request may have reached"
        " Upbit: retry reads freely, but look an order up by its identifier before sending it"
        " again."
    )
    refused = UpbitConnectionError(method="GET", path="/v1/ticker", may_have_been_sent=False)
    assert refused.detail == ""
    assert str(refused) == (
        "connection error on GET /v1/ticker — The request never reached Upbit, so it is safe to"
        " send it again."
    )
    copy = pickle.loads(pickle.dumps(sent))
    assert (copy.detail, copy.may_have_been_sent, str(copy)) == (
        "ReadTimeout: timed out", True, str(sent),
    )  # fmt: skip


def test_transport_error_detail_is_the_exception_and_its_text() -> None:
    request = httpx.Request("GET", "https://api.upbit.com/v1/ticker")
    timed_out = transport_error_from(
        httpx.ReadTimeout("timed out", request=request), method="GET", path="/v1/ticker"
    )
    assert timed_out.detail == "ReadTimeout: timed out"
    silent = transport_error_from(httpx.ReadError("", request=request), method="GET", path="/x")
    assert silent.detail == "ReadError"
    assert str(silent).startswith("connection error on GET /x: ReadError — ")
    with pytest.raises(TypeError, match=r"^exc must be an httpx.TransportError, got str$"):
        transport_error_from("boom", method="GET", path="/")  # type: ignore[arg-type]


def test_size_and_circuit_errors_in_full() -> None:
    too_large = ResponseTooLarge(limit=65_536, method="GET", path="/v1/market/all")
    assert too_large.limit == 65_536
    assert str(too_large) == (
        "response to GET /v1/market/all exceeded 65536 bytes — Raise the response size cap if"
        " this endpoint legitimately returns more, or narrow the query (fewer markets, a smaller"
        " count)."
    )
    circuit = CircuitOpenError(host="api.upbit.com", retry_after=12.0)
    assert (circuit.host, circuit.retry_after) == ("api.upbit.com", 12.0)
    hint = (
        "Recent requests kept failing with transport errors or 5xx; wait for the cool-down and"
        " check Upbit's status before sending more."
    )
    assert circuit.hint == hint
    assert str(circuit) == f"circuit open for api.upbit.com (half-opens in 12.0s) — {hint}"
    assert str(CircuitOpenError(host="h")) == f"circuit open for h — {hint}"


def test_a_status_line_without_retry_after_or_ban_end_in_full(client: httpx.Client) -> None:
    plain = BadRequest(
        status=400, name="invalid_parameter", message="잘못된 파라미터", method="POST",
        path="/v1/orders",
    )  # fmt: skip
    assert str(plain) == (
        f"400 invalid_parameter: 잘못된 파라미터 (POST /v1/orders) — {explain('invalid_parameter')}"
    )
    unknown = fetch_error(client, "/ban/unknown")
    assert str(unknown) == (
        "418 I'm a teapot: I'm a teapot (GET /ban/unknown) block end unknown — " + explain(418)
    )


def test_statuses_at_the_edges_of_5xx(client: httpx.Client) -> None:
    assert explain(599) == explain(500)
    assert explain(600) == "Unknown Upbit error 600: this client has no advice for it."
    for status, cls in ((599, ServerError), (600, HTTPStatusError)):
        _route(f"edge/{status}", Canned(status))
        err = fetch_error(client, f"/edge/{status}")
        assert type(err) is cls
    err = fetch_error(client, "/edge/599")
    assert err.hint == explain(500)
    assert fetch_error(client, "/edge/600").hint == (
        "Unexpected HTTP status from Upbit; the body may say more."
    )
    assert fetch_error(client, "/odd/conflict-409").hint == (
        "Unknown Upbit error name 'conflict'. Unexpected HTTP status from Upbit; the body may say"
        " more."
    )


def test_explain_names_the_type_it_refuses() -> None:
    with pytest.raises(TypeError, match=r"^name must be a str or an int error name, got bool$"):
        explain(True)


def test_a_name_under_an_undocumented_status_is_exactly_the_name_class() -> None:
    err = error_from_response(
        httpx.Response(409, json={"error": {"name": "order_not_found", "message": "m"}}),
        method="GET", path="/v1/order",
    )  # fmt: skip
    assert type(err) is OrderNotFound


def test_a_name_and_status_class_is_built_once_and_survives_pickling(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A fresh process builds each (name, status) class on its first error: start from there.
    from upbit_ext import _errors

    monkeypatch.setattr(_errors, "_combined_cache", {})
    response = httpx.Response(403, json={"error": {"name": "out_of_scope", "message": "m"}})
    err = error_from_response(response, method="GET", path="/v1/accounts", now=NOW)
    cls = type(err)
    assert cls.__bases__ == (OutOfScope, Forbidden)
    assert (cls.__name__, cls.__qualname__, cls.__module__) == (
        "OutOfScope", "OutOfScope", "upbit_ext._errors",
    )  # fmt: skip
    assert cls.__doc__ == OutOfScope.__doc__
    again = error_from_response(response, method="GET", path="/v1/accounts", now=NOW)
    assert type(again) is cls
    copy = pickle.loads(pickle.dumps(err))
    assert type(copy) is cls
    assert str(copy) == str(err)


def test_write_outcome_errors_in_full() -> None:
    order = OrderStateUnknown(identifier="my-1", method="post", path="/v1/orders?x=1")
    assert (order.identifier, order.method, order.path) == ("my-1", "POST", "/v1/orders")
    assert order.lookup == "get_order(identifier='my-1')"
    assert str(order) == (
        "state unknown after a failed POST /v1/orders — It may or may not have been placed;"
        " check get_order(identifier='my-1') before trying again."
    )
    cancel = OrderStateUnknown(
        identifier="u-1", method="DELETE", path="/v1/order", lookup="get_order(uuid='u-1')",
        action="cancelled",
    )  # fmt: skip
    assert cancel.lookup == "get_order(uuid='u-1')"
    assert cancel.hint == (
        "It may or may not have been cancelled; check get_order(uuid='u-1') before trying again."
    )
    late = CancelTooLate(uuid="u-2", state="done", found={"uuid": "u-2"})
    assert (late.uuid, late.state, late.found) == ("u-2", "done", {"uuid": "u-2"})
    assert str(late) == (
        "cancel of u-2 came too late: it is 'done' — It was filled (or processed) before the"
        " cancel reached it; nothing was cancelled."
    )
    odd = UnexpectedResponse(
        method="get", path="/v1/ticker?markets=KRW-BTC", detail="KeyError:\n 'x'"
    )
    assert (odd.method, odd.path) == ("GET", "/v1/ticker")
    assert str(odd) == (
        "unexpected answer to GET /v1/ticker: KeyError: 'x' — Upbit answered in a shape"
        " spec/upbit.yaml does not describe; update the spec (make regenerate) if the API changed."
    )
    for err in (order, cancel, late, odd):
        copy = pickle.loads(pickle.dumps(err))
        assert type(copy) is type(err)
        assert vars(copy) == vars(err)
        assert str(copy) == str(err)


def _served(client: httpx.Client, key: str, canned: Canned) -> HTTPStatusError:
    return fetch_error(client, _route(f"served/{key}", canned))


def test_an_html_page_is_recognised_by_its_doctype_or_html_tag(client: httpx.Client) -> None:
    # A doctype with a long head (no "<html" early on), after blank lines, as proxies send it.
    page = b"\r\n\r\n<!DOCTYPE html>\n<!-- " + b"x" * 600 + b" -->\n<html><body>502</body></html>"
    err = _served(client, "doctype", Canned(502, page, {"Content-Type": "text/html"}))
    assert err.message == ""
    assert str(err) == f"502 Bad Gateway (GET /served/doctype) — {explain(502)}"
    # The sniff reads the first 512 characters: a tag that starts inside them counts.
    inside = b" " * 4 + b"<p>" + b"x" * 504 + b"<html>"  # "<html" at 507..511 after lstrip
    outside = b"<p>" + b"x" * 505 + b"<html>"  # "<html" at 508..512
    html = _served(client, "inside", Canned(500, inside))
    assert html.message == ""
    assert str(html) == f"500 Internal Server Error (GET /served/inside) — {explain(500)}"
    assert _served(client, "outside", Canned(500, outside)).message == outside.decode()


def test_bodies_are_decoded_by_their_charset(client: httpx.Client) -> None:
    message = "주문 가능한 금액(KRW)이 부족합니다."  # Upbit's text for insufficient_funds_bid
    euc_kr = _json_error("insufficient_funds_bid", message).decode().encode("euc-kr")
    err = _served(
        client, "euc-kr", Canned(400, euc_kr, {"Content-Type": "application/json; charset=euc-kr"})
    )
    assert (type(err).__name__, err.message) == ("InsufficientFunds", message)
    unknown = _served(
        client, "unknown-charset",
        Canned(400, "잘못된 파라미터".encode(), {"Content-Type": "text/plain; charset=x-nope"}),
    )  # fmt: skip
    assert unknown.message == "잘못된 파라미터"


def test_json_bodies_of_every_shape(client: httpx.Client) -> None:
    def parsed(key: str, body: object) -> HTTPStatusError:
        raw = json.dumps(body, ensure_ascii=False).encode()
        return _served(client, key, Canned(400, raw, {"Content-Type": "application/json"}))

    top = parsed("top-level", {"name": "validation_error", "message": "side is missing"})
    assert (type(top).__name__, top.name, top.message) == (
        "ValidationFailed", "validation_error", "side is missing",
    )  # fmt: skip
    assert parsed("error-number", {"error": 42}).message == ""
    for key, name in (("name-bool", True), ("name-list", ["invalid_parameter"])):
        odd = parsed(key, {"error": {"name": name, "message": "m"}})
        assert (type(odd), odd.name, odd.message) == (BadRequest, None, "m")
    structured = parsed(
        "message-object", {"error": {"name": "validation_error", "message": {"side": "값 없음"}}}
    )
    assert structured.message == '{"side": "값 없음"}'
    number = _served(client, "bare-number", Canned(400, b"123", {"Content-Type": "text/plain"}))
    assert number.message == "123"


def test_json_bodies_are_parsed_up_to_one_mebibyte(client: httpx.Client) -> None:
    head = '{"error": {"name": "nonce_used", "message": "m"}'
    limit = 1 << 20
    at_limit = (head + " " * (limit - len(head) - 1) + "}").encode()
    assert len(at_limit) == limit
    assert type(_served(client, "mib", Canned(401, at_limit))).__name__ == "NonceUsed"
    over = _served(client, "mib-plus", Canned(401, at_limit[:-1] + b" }"))
    assert (type(over), over.name) == (Unauthorized, None)


@pytest.mark.parametrize(
    ("body", "seconds"),
    [
        (b"0", 0.0),
        (b"0.5", 0.5),
        (b"-5", None),
        (b"inf", None),
        ("차단 시간: 10분".encode(), 600.0),
        (b"Blocked for 2 hours", 7200.0),
        (b"Blocked for 3 min", 180.0),
    ],
)
def test_ban_durations_in_a_body(client: httpx.Client, body: bytes, seconds: float | None) -> None:
    err = _served(client, f"ban-body-{body.hex()}", Canned(418, body))
    assert isinstance(err, IpBanned)
    assert err.retry_after == seconds
    assert err.until == (None if seconds is None else NOW + timedelta(seconds=seconds))


def test_status_error_defaults_and_an_explicit_hint() -> None:
    bare = ServerError(status=500)
    assert (bare.name, bare.message, bare.method, bare.path, bare.body) == (None, "", "", "", "")
    assert (bare.remaining_req, bare.retry_after) == (None, None)
    assert bare.hint == explain(500)
    custom = BadRequest(status=400, message="m", method="GET", path="/x", hint="Do this instead.")
    assert custom.hint == "Do this instead."
    assert str(custom) == "400 Bad Request: m (GET /x) — Do this instead."
    assert pickle.loads(pickle.dumps(custom)).hint == "Do this instead."


def test_status_lines_for_odd_names_and_bodies(client: httpx.Client) -> None:
    _route("edge/600-line", Canned(600))
    assert str(fetch_error(client, "/edge/600-line")).startswith(
        "600 HTTP error (GET /edge/600-line)"
    )
    other = ServerError(status=500, name=400, message="m", method="GET", path="/v1/ticker")
    assert (
        str(other) == f"500 Internal Server Error (name 400): m (GET /v1/ticker) — {explain(500)}"
    )
    same = BadRequest(status=400, name=400, message="m", method="GET", path="/v1/ticker")
    assert str(same) == f"400 Bad Request: m (GET /v1/ticker) — {explain(400)}"
    shape = fetch_error(client, "/odd/shape-400")
    assert str(shape) == (
        '400 Bad Request: unexpected body \'{"result": "fail", "code": 7}\''
        f" (GET /odd/shape-400) — {explain(400)}"
    )


def test_long_texts_are_cut_to_300_characters_in_the_line() -> None:
    exact = "가" * 300
    assert str(BadRequest(status=400, message=exact, path="/x", hint="H.")) == (
        f"400 Bad Request: {exact} ( /x) — H."
    )
    assert str(BadRequest(status=400, message=exact + "나", path="/x", hint="H.")) == (
        f"400 Bad Request: {'가' * 299}… ( /x) — H."
    )


def test_a_ban_without_now_ends_in_utc_from_the_wall_clock() -> None:
    before = datetime.now(UTC)
    err = error_from_response(
        httpx.Response(418, headers={"Retry-After": "60"}), method="GET", path="/v1/ticker"
    )
    assert isinstance(err, IpBanned)
    assert err.until is not None
    assert before + timedelta(seconds=60) <= err.until <= datetime.now(UTC) + timedelta(seconds=60)


def test_bad_arguments_are_refused_by_name_and_type() -> None:
    with pytest.raises(TypeError, match=r"^response must be an httpx.Response, got str$"):
        error_from_response("nope", method="GET", path="/")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^now must be a timezone-aware datetime$"):
        error_from_response(httpx.Response(500), method="GET", path="/", now=datetime(2026, 1, 1))
    with pytest.raises(TypeError, match=r"^method must be a str, got int$"):
        BadRequest(status=400, method=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^path must be a str, got bytes$"):
        BadRequest(status=400, path=b"/x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "path",
    ["/v1/order?uuid=1?x=2", "/v1/order#a#b", "/v1/order#frag?x=1", " /v1/order?uuid=1 "],
)
def test_only_the_path_is_kept(path: str) -> None:
    assert BadRequest(status=400, path=path).path == "/v1/order"


@pytest.mark.parametrize(
    ("authorization", "echoed"),
    [
        ("Bearer opaque part-two-123456", "opaque part-two-123456"),  # a value with a space
        ("opaque-credential-123456", "opaque-credential-123456"),  # no scheme
        ("Bearer abcdefgh", "abcdefgh"),  # 8 characters, the shortest redacted
    ],
)
def test_echoed_credentials_of_any_shape_are_redacted(authorization: str, echoed: str) -> None:
    request = httpx.Request(
        "GET", "https://api.upbit.com/v1/accounts", headers={"Authorization": authorization}
    )
    body = {"error": {"name": "jwt_verification", "message": f"bad {echoed} !"}}
    err = error_from_response(
        httpx.Response(401, json=body, request=request), method="GET", path="/"
    )
    assert err.message == "bad [REDACTED] !"


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("https://api.upbit.com", "/"),
        (
            "https://api.upbit.com/v1/redirect/https://x.example/y?z=1",
            "/v1/redirect/https://x.example/y",
        ),
    ],
)
def test_a_full_url_is_cut_to_its_path(url: str, path: str) -> None:
    assert BadRequest(status=400, path=url).path == path
