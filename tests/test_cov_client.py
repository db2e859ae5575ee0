"""Facade behaviour the other suites leave out: settings checks, keys from a `.env` file, the
error log on disk, a lost answer to cancel_and_new_order, the breaker's half-open trial, the
size cap on streamed bodies, and the async conveniences. Against the sandbox or a small
loopback server; nothing here sleeps.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from _serve import serving

from upbit_ext import (
    AsyncUpbit,
    CircuitOpenError,
    ResponseTooLarge,
    ServerError,
    Upbit,
    UpbitAuth,
)
from upbit_ext._retry import breaker_for
from upbit_ext._ticks import round_to_tick, table_tick_size
from upbit_ext.sandbox import DEMO_ACCESS_KEY, DEMO_SECRET_KEY, RunningSandbox, SandboxConfig, serve

ORIGIN_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z
FACADES = [Upbit, AsyncUpbit]


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    config = SandboxConfig(
        db_path=tmp_path / "cov.db", origin_ms=ORIGIN_MS, frozen=True, history_days=1.0,
        rate_limits=False,
    )  # fmt: skip
    with serve(config) as running:
        yield running


def _faults(sandbox: RunningSandbox, **changes: Any) -> None:
    httpx.post(f"{sandbox.url}/_sandbox/faults", json=changes, timeout=5).raise_for_status()


class Counting(httpx.HTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.sent: list[tuple[str, str]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append((request.method, request.url.path))
        return super().handle_request(request)


class AsyncCounting(httpx.AsyncHTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.sent: list[tuple[str, str]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append((request.method, request.url.path))
        return await super().handle_async_request(request)


# --- settings ---------------------------------------------------------------------------


@pytest.mark.parametrize("facade", FACADES)
@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        ({"access_key": "a" * 40}, "secret_key"),
        ({"access_key": " ", "secret_key": "s" * 40}, "access_key"),
        ({"base_url": "ftp://api.upbit.com"}, "base_url"),
        ({"base_url": "http://api.upbit.com"}, "base_url"),
        ({"base_url": "http://example.invalid:8080"}, "base_url"),
        ({"max_retries": -1}, "max_retries"),
        ({"max_retries": True}, "max_retries"),
        ({"max_response_bytes": 100}, "max_response_bytes"),
        ({"cache_ttl": -1}, "cache_ttl"),
        ({"cache_ttl": "60"}, "cache_ttl"),
    ],
)
def test_bad_settings_are_refused_by_name(
    facade: type[Any], kwargs: dict[str, Any], named: str
) -> None:
    with pytest.raises(ValueError, match=named):
        facade(**kwargs)


def test_plain_http_and_custom_transports_are_for_loopback_only() -> None:
    for url in ("http://localhost:9", "http://127.0.0.1:9", "http://[::1]:9"):
        Upbit(base_url=url, transport=httpx.HTTPTransport()).close()
    with pytest.raises(ValueError, match="custom transport"):
        Upbit(base_url="https://api.upbit.com", transport=httpx.HTTPTransport())
    with pytest.raises(ValueError, match="custom transport"):
        AsyncUpbit(base_url="https://api.upbit.com", transport=httpx.AsyncHTTPTransport())


def test_exchange_calls_without_keys_are_refused_before_sending(sandbox: RunningSandbox) -> None:
    transport = Counting()
    with Upbit(base_url=sandbox.url, transport=transport) as client:
        with pytest.raises(ValueError, match="get_accounts needs API keys"):
            client.get_accounts()
        assert client.list_tickers(markets="KRW-BTC")[0].market == "KRW-BTC"
    # Only the ticker went out (twice if the loaded sandbox made the first read time out).
    assert set(transport.sent) == {("GET", "/v1/ticker")}


# --- keys from the environment ------------------------------------------------------------


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [k for k in os.environ if k.startswith("UPBIT_")]:
        monkeypatch.delenv(name)


@pytest.mark.usefixtures("clean_env")
def test_from_env_reads_keys_from_a_dotenv_file(sandbox: RunningSandbox, tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        f"UPBIT_ACCESS_KEY={DEMO_ACCESS_KEY}\nUPBIT_SECRET_KEY={DEMO_SECRET_KEY}\n", "utf-8"
    )
    with Upbit.from_env(env_file=env_file, base_url=sandbox.url) as client:
        assert {a.currency for a in client.get_accounts()} >= {"KRW", "BTC"}
        assert "demo" in repr(client)
        assert DEMO_SECRET_KEY not in repr(client)

    async def accounts() -> set[str]:
        async with AsyncUpbit.from_env(env_file=str(env_file), base_url=sandbox.url) as client:
            assert repr(client).startswith("AsyncUpbit(")
            return {a.currency for a in await client.get_accounts()}

    assert asyncio.run(accounts()) >= {"KRW", "BTC"}


@pytest.mark.usefixtures("clean_env")
def test_environment_wins_over_the_dotenv_file(
    sandbox: RunningSandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("UPBIT_ACCESS_KEY=wrong\nUPBIT_SECRET_KEY=wrong\n", "utf-8")
    monkeypatch.setenv("UPBIT_ACCESS_KEY", DEMO_ACCESS_KEY)
    monkeypatch.setenv("UPBIT_SECRET_KEY", DEMO_SECRET_KEY)
    with Upbit.from_env(env_file=env_file, base_url=sandbox.url) as client:
        assert client.get_accounts()


@pytest.mark.usefixtures("clean_env")
def test_from_env_without_keys_quotes_and_a_private_call_says_where_it_looked(
    sandbox: RunningSandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the default env_file=".env" is relative to here, and absent
    transport = Counting()
    with Upbit.from_env(base_url=sandbox.url, transport=transport) as client:
        assert "access_key=None" in repr(client)
        assert client.list_tickers(markets="KRW-BTC")[0].market == "KRW-BTC"
        with pytest.raises(ValueError, match="get_accounts needs API keys") as raised:
            client.get_balance("KRW")
    assert str(raised.value) == (
        "get_accounts needs API keys: neither UPBIT_ACCESS_KEY nor UPBIT_SECRET_KEY is set"
        f" (Upbit.from_env() looked in the environment and {tmp_path / '.env'}, which does not"
        " exist)"
    )
    # Only the ticker went out (twice if the loaded sandbox made the first read time out).
    assert set(transport.sent) == {("GET", "/v1/ticker")}


@pytest.mark.usefixtures("clean_env")
def test_from_env_names_the_dotenv_file_it_read_or_that_it_read_none(tmp_path: Path) -> None:
    env_file = tmp_path / "bot.env"
    env_file.write_text(
        "UPBIT_RATE_LIMIT_DB=\nUPBIT_ACCESS_KEY=\n", "utf-8"
    )  # a blank counts as unset

    async def refused(client: AsyncUpbit) -> str:
        async with client:
            with pytest.raises(ValueError, match="list_open_orders needs API keys") as raised:
                await client.list_open_orders()
        return str(raised.value)

    message = asyncio.run(
        refused(AsyncUpbit.from_env(env_file=env_file, base_url="http://127.0.0.1:9"))
    )
    assert message.endswith(f"(AsyncUpbit.from_env() looked in the environment and {env_file})")
    message = asyncio.run(
        refused(AsyncUpbit.from_env(env_file=None, base_url="http://127.0.0.1:9"))
    )
    assert message.endswith("(AsyncUpbit.from_env() looked in the environment only, env_file=None)")


def test_a_client_built_without_keys_says_how_to_give_them() -> None:
    with (
        Upbit(base_url="http://127.0.0.1:9") as client,
        pytest.raises(ValueError, match="needs API keys") as raised,
    ):
        client.get_accounts()
    assert str(raised.value) == (
        "get_accounts needs API keys: this client has none; pass access_key and secret_key, or"
        " set UPBIT_ACCESS_KEY and UPBIT_SECRET_KEY and use from_env()"
    )


@pytest.mark.usefixtures("clean_env")
def test_from_env_refuses_one_key_without_the_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_file = tmp_path / ".env"
    monkeypatch.setenv("UPBIT_ACCESS_KEY", DEMO_ACCESS_KEY)
    with pytest.raises(ValueError, match="is not") as raised:
        Upbit.from_env(env_file=env_file)
    assert str(raised.value) == (
        "Upbit.from_env(): UPBIT_ACCESS_KEY is set but UPBIT_SECRET_KEY is not (looked in the"
        f" environment and {env_file}, which does not exist); set both, or neither for a"
        " quotation-only client"
    )
    monkeypatch.delenv("UPBIT_ACCESS_KEY")
    env_file.write_text(f"UPBIT_SECRET_KEY={DEMO_SECRET_KEY}\n", "utf-8")
    with pytest.raises(
        ValueError, match="UPBIT_SECRET_KEY is set but UPBIT_ACCESS_KEY is not"
    ) as raised:
        AsyncUpbit.from_env(env_file=env_file)
    assert f"looked in the environment and {env_file});" in str(raised.value)
    assert DEMO_SECRET_KEY not in str(raised.value)


@pytest.mark.usefixtures("clean_env")
def test_a_blank_environment_variable_does_not_hide_the_dotenv_file(
    sandbox: RunningSandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        f"UPBIT_ACCESS_KEY={DEMO_ACCESS_KEY}\nUPBIT_SECRET_KEY={DEMO_SECRET_KEY}\n", "utf-8"
    )
    monkeypatch.setenv("UPBIT_ACCESS_KEY", "")
    monkeypatch.setenv("UPBIT_SECRET_KEY", " ")
    with Upbit.from_env(env_file=env_file, base_url=sandbox.url) as client:
        assert {a.currency for a in client.get_accounts()} >= {"KRW", "BTC"}


# --- the error log ---------------------------------------------------------------------------


def _open_fds_to(path: Path) -> int:
    fds = Path("/proc/self/fd")
    return sum(1 for fd in fds.iterdir() if os.path.realpath(fd) == str(path.resolve()))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to count open files")
def test_error_log_path_gets_one_line_per_failure_and_is_closed(
    sandbox: RunningSandbox, tmp_path: Path
) -> None:
    log = tmp_path / "errors.jsonl"
    _faults(sandbox, error_rate=1.0)
    client = Upbit(base_url=sandbox.url, max_retries=0, error_log=log)
    with client:
        for _ in range(2):
            with pytest.raises(ServerError):
                client.list_tickers(markets="KRW-BTC")
        assert _open_fds_to(log) == 1
    assert _open_fds_to(log) == 0  # closed with the client
    lines = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
    assert [(x["operation"], x["status"], x["next_action"]) for x in lines] == [
        ("list_tickers", 500, "raise")
    ] * 2
    assert all("KRW-BTC" not in json.dumps(x) for x in lines)  # no query in the log


def test_error_log_must_be_a_file_or_a_stream(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="error_log must be a file path"):
        Upbit(error_log=tmp_path)
    with pytest.raises(TypeError, match="error_log must be a path or a text stream"):
        Upbit(error_log=42)  # type: ignore[arg-type]


# --- a lost answer to cancel_and_new_order -----------------------------------------------------


def _resting_bid(client: Upbit) -> Any:
    price = client.round_price("KRW-BTC", client.get_current_price("KRW-BTC") * Decimal("0.9"))
    return client.create_order(
        market="KRW-BTC", side="bid", ord_type="limit", price=price, volume="0.001"
    )


def test_cancel_and_new_whose_answer_is_lost_is_looked_up_not_resent(
    sandbox: RunningSandbox,
) -> None:
    transport = Counting()
    with Upbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=sandbox.url, transport=transport) as u:
        first = _resting_bid(u)
        new_price = u.round_price("KRW-BTC", Decimal(first.price) * Decimal("0.9"))
        _faults(sandbox, drop_after_commit_rate=1.0)  # commits, then drops the connection
        result = u.cancel_and_new_order(
            prev_order_uuid=first.uuid, new_ord_type="limit", new_price=new_price,
            new_volume="remain_only", new_identifier="replacement-1",
        )  # fmt: skip
        _faults(sandbox, drop_after_commit_rate=0.0)
        assert result.uuid == first.uuid
        assert result.new_order_identifier == "replacement-1"
        placed = u.get_order(identifier="replacement-1")
        assert result.new_order_uuid == placed.uuid
        assert Decimal(str(placed.price)) == new_price
        assert u.get_order(uuid=first.uuid).state == "cancel"
    assert transport.sent.count(("POST", "/v1/orders/cancel_and_new")) == 1


def test_async_cancel_and_new_whose_answer_is_lost_is_looked_up(sandbox: RunningSandbox) -> None:
    with Upbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=sandbox.url) as u:
        first = _resting_bid(u)
        new_price = u.round_price("KRW-BTC", Decimal(first.price) * Decimal("0.9"))
    transport = AsyncCounting()

    async def replace() -> Any:
        async with AsyncUpbit(
            DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url=sandbox.url, transport=transport
        ) as client:
            return await client.cancel_and_new_order(
                prev_order_identifier=first.identifier, new_ord_type="limit",
                new_price=new_price, new_volume="0.001",
            )  # fmt: skip

    _faults(sandbox, drop_after_commit_rate=1.0)
    result = asyncio.run(replace())
    assert result.uuid == first.uuid
    assert result.new_order_identifier.startswith("upbit-py-")
    assert transport.sent.count(("POST", "/v1/orders/cancel_and_new")) == 1
    assert ("GET", "/v1/order") in transport.sent


# --- the circuit breaker through the facade ------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_breaker_half_opens_and_one_good_answer_closes_it(sandbox: RunningSandbox) -> None:
    clock = FakeClock()
    host = sandbox.url.removeprefix("http://")
    breaker_for(host, failure_threshold=2, reset_timeout=30.0, clock=clock)
    transport = Counting()
    with Upbit(base_url=sandbox.url, max_retries=0, transport=transport) as client:
        _faults(sandbox, error_rate=1.0)
        for _ in range(2):
            with pytest.raises(ServerError):
                client.list_tickers(markets="KRW-BTC")
        with pytest.raises(CircuitOpenError):
            client.list_tickers(markets="KRW-BTC")
        assert len(transport.sent) == 2  # the open breaker sent nothing
        assert client.health()["breaker"]["state"] == "open"
        _faults(sandbox, error_rate=0.0)
        clock.now += 30.0
        assert client.health()["breaker"]["state"] == "half_open"
        assert client.list_tickers(markets="KRW-BTC")  # the one trial
        assert client.health()["breaker"]["state"] == "closed"
        assert client.list_tickers(markets="KRW-ETH")
    assert len(transport.sent) == 4


# --- the size cap on bodies without Content-Length ---------------------------------------------


class BloatedServer(ThreadingHTTPServer):
    daemon_threads = True
    declared = False  # send Content-Length, or stream chunks with no length
    lie = False  # with declared: claim 2 bytes, send the 64 KiB all the same

    def handle_error(self, request: Any, client_address: Any) -> None:
        """The client hangs up on an oversized body: that is the point, not a server failure.

        socketserver would print the reset (met when the handler reads the next request on
        the kept-alive connection) as a traceback at the end of the test run.
        """
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Bloated(BaseHTTPRequestHandler):
    """Answers anything with 64 KiB of JSON."""

    protocol_version = "HTTP/1.1"
    server: BloatedServer

    def do_GET(self) -> None:
        body = b"[" + b" " * 65536 + b"]"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if self.server.declared:
            self.send_header("Content-Length", "2" if self.server.lie else str(len(body)))
        else:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            if self.server.declared:
                self.wfile.write(b"[]" + body if self.server.lie else body)
                return
            for start in range(0, len(body), 4096):
                piece = body[start : start + 4096]
                self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading, as it should

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def bloated() -> Iterator[BloatedServer]:
    with serving(BloatedServer(("127.0.0.1", 0), Bloated)) as server:
        yield server


def _url(server: BloatedServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def test_streamed_body_over_the_cap_is_cut_off(bloated: BloatedServer) -> None:
    client = Upbit(base_url=_url(bloated), max_retries=0, max_response_bytes=16 * 1024)
    with client, pytest.raises(ResponseTooLarge) as info:
        client.list_trading_pairs()
    assert info.value.limit == 16 * 1024
    assert info.value.path == "/v1/market/all"


@pytest.mark.parametrize("declared", [False, True], ids=["chunked", "content-length"])
def test_async_body_over_the_cap_is_refused(bloated: BloatedServer, declared: bool) -> None:
    bloated.declared = declared

    async def fetch() -> None:
        async with AsyncUpbit(
            base_url=_url(bloated), max_retries=0, max_response_bytes=16 * 1024
        ) as client:
            await client.list_trading_pairs()

    with pytest.raises(ResponseTooLarge):
        asyncio.run(fetch())


class _Overlong(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body of 64 KiB behind a transport that declares only 2 bytes."""

    def __iter__(self) -> Iterator[bytes]:
        yield b"["
        for _ in range(16):
            yield b" " * 4096
        yield b"]"

    async def __aiter__(self) -> Any:
        for chunk in self:
            yield chunk


def _overlong(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, headers={"Content-Length": "2"}, stream=_Overlong())


def test_a_custom_transport_past_its_declared_length_is_still_cut_off() -> None:
    # Only httpx's own HTTP/1.1 transport is trusted to stop at Content-Length.
    url = "http://127.0.0.1:9"
    client = Upbit(base_url=url, max_retries=0, max_response_bytes=16 * 1024,
                   transport=httpx.MockTransport(_overlong))  # fmt: skip
    with client, pytest.raises(ResponseTooLarge):
        client.list_trading_pairs()

    async def fetch() -> None:
        async with AsyncUpbit(
            base_url=url, max_retries=0, max_response_bytes=16 * 1024,
            transport=httpx.MockTransport(_overlong),
        ) as client:  # fmt: skip
            await client.list_trading_pairs()

    with pytest.raises(ResponseTooLarge):
        asyncio.run(fetch())


def test_a_server_sending_past_its_declared_length_is_read_only_that_far(
    bloated: BloatedServer,
) -> None:
    # Why the stock transport skips counting a declared body: h11 stops at Content-Length.
    bloated.declared = True
    bloated.lie = True
    client = Upbit(base_url=_url(bloated), max_retries=0, max_response_bytes=16 * 1024)
    with client:
        raw = client.with_raw_response.list_trading_pairs()
    assert raw.content == b"[]"


# --- async conveniences and argument checks ----------------------------------------------------


def test_async_round_price_falls_back_to_the_tick_table(sandbox: RunningSandbox) -> None:
    async def rounded() -> tuple[Decimal, dict[str, Any]]:
        async with AsyncUpbit(base_url=sandbox.url, max_retries=0) as client:
            _faults(sandbox, error_rate=1.0)  # the instruments endpoint fails
            price = await client.round_price("KRW-BTC", "103456789", mode="up")
            return price, client.health()

    price, health = asyncio.run(rounded())
    assert price == Decimal(103457000)  # KRW table: 1000 above 1,000,000
    assert health["errors"] == {"ServerError": 1}
    assert set(health["limits"]) == {"ip"}


@pytest.mark.parametrize("facade", FACADES)
def test_paging_conveniences_check_arguments_before_sending(facade: type[Any]) -> None:
    client = facade(base_url="http://127.0.0.1:9")  # nothing listens there
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with pytest.raises(ValueError, match="market"):
        client.iter_recent_trades("krw-btc")
    with pytest.raises(ValueError, match="page_size"):
        client.iter_recent_trades("KRW-BTC", page_size=501)
    with pytest.raises(ValueError, match="market"):
        client.iter_closed_orders(start=start, market="KRWBTC")
    with pytest.raises(ValueError, match="limit"):
        client.iter_closed_orders(start=start, limit=0)
    with pytest.raises(ValueError, match="before end"):
        client.iter_closed_orders(start=start, end=start)
    with pytest.raises(TypeError, match="start must be a datetime"):
        client.iter_closed_orders(start=20260101)
    if facade is AsyncUpbit:
        asyncio.run(client.aclose())
    else:
        client.close()


def test_list_tickers_and_order_shapes_are_checked_before_sending() -> None:
    order: dict[str, Any] = {
        "market": "KRW-BTC",
        "side": "bid",
        "ord_type": "price",
        "price": "10000",
    }
    with Upbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url="http://127.0.0.1:9") as client:
        with pytest.raises(ValueError, match="markets must name at least one"):
            client.list_tickers(markets=" , ")
        with pytest.raises(ValueError, match="time_in_force 'ioc' is only for limit and best"):
            client.create_order(**order, time_in_force="ioc")

    async def run() -> None:
        async with AsyncUpbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url="http://127.0.0.1:9") as a:
            with pytest.raises(TypeError, match="markets must be a comma-separated string"):
                await a.list_tickers(markets=42)  # type: ignore[arg-type]
            with pytest.raises(ValueError, match="time_in_force 'fok' is only for limit and best"):
                await a.test_order(**order, time_in_force="fok")

    asyncio.run(run())


def test_single_market_and_currency_conveniences_check_their_argument() -> None:
    with Upbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url="http://127.0.0.1:9") as client:
        with pytest.raises(ValueError, match="market must be one market code"):
            client.get_current_price("KRW_BTC")
        with pytest.raises(ValueError, match="currency must be an upper-case"):
            client.get_balance("btc")

    async def run() -> None:
        async with AsyncUpbit(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, base_url="http://127.0.0.1:9") as a:
            with pytest.raises(ValueError, match="market must be one market code"):
                await a.get_current_price("KRW_BTC")
            with pytest.raises(ValueError, match="currency must be an upper-case"):
                await a.get_balance("btc")

    asyncio.run(run())


def test_tick_rules_refuse_what_has_no_grid() -> None:
    with pytest.raises(ValueError, match="no tick table for quote currency 'ETH'"):
        table_tick_size("ETH-XRP", Decimal(1))
    with pytest.raises(ValueError, match="price must be greater than 0"):
        table_tick_size("KRW-BTC", Decimal(0))
    with pytest.raises(ValueError, match="tick must be greater than 0"):
        round_to_tick(Decimal(5), Decimal(0))
    with pytest.raises(ValueError, match="mode must be"):
        round_to_tick(Decimal(5), Decimal(1), "sideways")  # type: ignore[arg-type]


def test_round_price_without_any_tick_source_says_so(bloated: BloatedServer) -> None:
    client = Upbit(base_url=_url(bloated), max_retries=0, max_response_bytes=16 * 1024)
    with client, pytest.raises(ValueError, match="no tick size known for 'ETH-XRP'"):
        client.round_price("ETH-XRP", "1.5")  # the instruments request fails: too large


# --- the signer refuses what it cannot sign unambiguously ----------------------------------------


def _signed(request: httpx.Request) -> None:
    def unreachable(_: httpx.Request) -> httpx.Response:
        raise AssertionError("the request must not be sent")

    auth = UpbitAuth(DEMO_ACCESS_KEY, DEMO_SECRET_KEY)
    with httpx.Client(auth=auth, transport=httpx.MockTransport(unreachable)) as client:
        client.send(request)


@pytest.mark.parametrize(
    ("request_", "reason"),
    [
        (httpx.Request("GET", "http://127.0.0.1:9/v1/orders?market=%FF"), "valid UTF-8"),
        (
            httpx.Request(
                "POST",
                "http://127.0.0.1:9/v1/orders",
                content=b'{"price": NaN}',
                headers={"Content-Type": "application/json"},
            ),
            "must not contain NaN",
        ),
        (
            httpx.Request(
                "POST",
                "http://127.0.0.1:9/v1/orders",
                content=b'{"market": "\xff"}',
                headers={"Content-Type": "application/json"},
            ),
            "UTF-8 encoded JSON",
        ),
    ],
    ids=["query-not-utf8", "body-nan", "body-not-utf8"],
)
def test_signer_refuses_requests_it_cannot_hash_unambiguously(
    request_: httpx.Request, reason: str
) -> None:
    with pytest.raises(ValueError, match=reason):
        _signed(request_)
