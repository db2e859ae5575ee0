"""A slot stays taken until a window after its request was answered, not after it was granted.

Upbit counts a request when it arrives, which can be long after its slot was granted (a thread
descheduled, a slow network). Settling moves the request's hit to its answer (or failure) time
less the safety margin, so the slot is held a window after the latest moment the server can have
counted it. Unit tests run on a fake clock against every backend (memory, SQLite, a real
redis-server); the transport tests use real time on loopback.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from upbit_ext._limits import InMemoryBackend, Rate, RateLimiter, SQLiteBackend, StateBackend
from upbit_ext._transport import (
    AsyncUpbitTransport,
    OperationRouter,
    TransportGuard,
    UpbitTransport,
)

START = 1_700_000_000.0
MARGIN = 0.05


class FakeClock:
    """Time that moves only when the limiter sleeps or the test says so."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds > 0
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(params=["memory", "sqlite", "redis"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StateBackend]:
    made: StateBackend
    if request.param == "memory":
        made = InMemoryBackend()
    elif request.param == "sqlite":
        made = SQLiteBackend(tmp_path / "limits.db")
    else:
        from upbit_ext._limits_redis import RedisBackend

        made = RedisBackend(request.getfixturevalue("redis_url"))
    yield made
    made.close()


def make(clock: FakeClock, backend: StateBackend, limit: int) -> RateLimiter:
    return RateLimiter(
        {"g": Rate(limit, 1.0)},
        backend=backend,
        safety_margin=MARGIN,
        clock=clock,
        sleep=clock.sleep,
        async_sleep=clock.async_sleep,
    )


def waited(clock: FakeClock, limiter: RateLimiter) -> float:
    before = clock.now
    limiter.acquire("g")
    return clock.now - before


def test_a_settled_slot_blocks_a_window_after_the_answer(
    clock: FakeClock, backend: StateBackend
) -> None:
    limiter = make(clock, backend, limit=2)
    granted = limiter.acquire("g")
    assert granted == START
    limiter.acquire("g")  # the window is full, both hits stamped START
    clock.now = START + 0.3  # the first request's answer arrives
    limiter.settle("g", granted)
    clock.now = START + 1.1  # the grant-time window (1.05 s) has passed
    # The unsettled hit has expired; the settled one holds its slot a window after its answer:
    # until 0.3 - 0.05 + 1.05 (the margin is spent once, not twice).
    assert waited(clock, limiter) == 0
    assert waited(clock, limiter) == pytest.approx(0.2, abs=1e-6)


def test_redis_settles_after_the_clock_offset_was_measured_again(
    clock: FakeClock, redis_url: str
) -> None:
    from upbit_ext._limits_redis import RedisBackend

    backend = RedisBackend(redis_url)
    try:
        limiter = make(clock, backend, limit=1)
        granted = limiter.acquire("g")
        # A resync between grant and answer shifts the offset by a few milliseconds.
        offset, measured_at = backend._offsets[clock]
        backend._offsets[clock] = (offset + 0.004, measured_at)
        clock.now = START + 0.3
        limiter.settle("g", granted)
        clock.now = START + 1.1
        assert waited(clock, limiter) == pytest.approx(0.2, abs=0.01)
    finally:
        backend.close()


def test_settling_and_learning_with_the_store_gone_raise_nothing_but_the_next_grant_fails_closed(
    clock: FakeClock,
) -> None:
    from _redis import redis_server

    from upbit_ext._limits import LimiterUnavailable
    from upbit_ext._limits_redis import RedisBackend

    with redis_server() as url:
        backend = RedisBackend(url)
        limiter = make(clock, backend, limit=5)
        granted = limiter.acquire("g")
    try:
        # The request is already out: its answer must not become "nothing was sent".
        limiter.settle("g", granted)
        # Nor may learning from its answer (a 429 or 418 included) raise "nothing was sent".
        limiter.update("g", 429, {"Remaining-Req": "group=g; min=100; sec=0"})
        limiter.update("g", 418, {"Retry-After": "30"})
        with pytest.raises(LimiterUnavailable):
            limiter.acquire("g")
    finally:
        backend.close()


# --- the real transport on loopback: a server that answers late or drops the connection ----


class SlowServer(ThreadingHTTPServer):
    """Notes when each request arrived and when its answer (or the dropped connection) left;
    `/slow` and `/drop` take `delay` seconds first."""

    daemon_threads = True

    def __init__(self, delay: float) -> None:
        super().__init__(("127.0.0.1", 0), SlowHandler)
        self.delay = delay
        self.lock = threading.Lock()
        self.arrived: dict[str, float] = {}
        self.left: dict[str, float] = {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class SlowHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: SlowServer

    def do_GET(self) -> None:
        srv, path = self.server, self.path
        with srv.lock:
            srv.arrived[path] = time.time()
        if path in ("/slow", "/drop"):
            time.sleep(srv.delay)
        with srv.lock:
            srv.left[path] = time.time()
        if path == "/drop":
            self.close_connection = True
            return
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"[]")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def slow_server() -> Iterator[SlowServer]:
    server = SlowServer(delay=0.3)
    serving = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    serving.start()
    yield server
    server.shutdown()
    server.server_close()


def guard() -> TransportGuard:
    # One request per half second in the `default` group (unknown paths use it), no margin:
    # a second request may reach the server only half a second after the first was answered.
    limiter = RateLimiter({"default": Rate(1, 0.5)}, host="loopback.invalid", safety_margin=0)
    return TransportGuard(OperationRouter({}), lambda op: limiter, 1 << 20)


@pytest.mark.parametrize("first", ["/slow", "/drop"])
def test_transport_holds_the_slot_until_a_window_after_the_answer(
    slow_server: SlowServer, first: str
) -> None:
    transport = UpbitTransport(httpx.HTTPTransport(), guard())
    with httpx.Client(transport=transport, base_url=slow_server.url) as client:
        if first == "/drop":
            with pytest.raises(httpx.RemoteProtocolError):
                client.get(first)
        else:
            assert client.get(first).status_code == 200
        assert client.get("/next").status_code == 200
    # Granted on the first's grant time, /next would arrive 0.2 s after that answer left.
    assert slow_server.arrived["/next"] - slow_server.left[first] >= 0.5


@pytest.mark.parametrize("first", ["/slow", "/drop"])
def test_async_transport_holds_the_slot_until_a_window_after_the_answer(
    slow_server: SlowServer, first: str
) -> None:
    async def main() -> None:
        transport = AsyncUpbitTransport(httpx.AsyncHTTPTransport(), guard())
        async with httpx.AsyncClient(transport=transport, base_url=slow_server.url) as client:
            if first == "/drop":
                with pytest.raises(httpx.RemoteProtocolError):
                    await client.get(first)
            else:
                assert (await client.get(first)).status_code == 200
            assert (await client.get("/next")).status_code == 200

    asyncio.run(main())
    assert slow_server.arrived["/next"] - slow_server.left[first] >= 0.5
