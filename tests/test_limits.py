"""The rate limiter keeps every group inside Upbit's budget, learns from responses, and shares
one budget across threads, event loops, processes and hosts.

Unit tests run on a fake clock (no real sleeping); the tests taking a `backend` run against each
backend (memory, SQLite, a real redis-server), which must behave alike. One loopback test and
the multi-process tests use real time and stay within a few seconds.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import hashlib
import math
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upbit_ext._limits import (
    DEFAULT_RATES,
    RATE_LIMIT_DB_ENV,
    RATE_LIMIT_URL_ENV,
    InMemoryBackend,
    LimiterBlocked,
    Rate,
    RateLimiter,
    RemainingReq,
    SQLiteBackend,
    StateBackend,
    backend_from_env,
    normalize_group,
    parse_remaining_req,
    scope_for_access_key,
    shared_limiter,
)

ROOT = Path(__file__).resolve().parent.parent
START = 1_700_000_000.0
MARGIN = 0.05


class FakeClock:
    """Time that moves only when the limiter sleeps."""

    def __init__(self) -> None:
        self.now = START
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds > 0
        self.sleeps.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


BACKENDS = ["memory", "sqlite", "redis"]


def open_backend(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> StateBackend:
    if kind == "memory":
        return InMemoryBackend()
    if kind == "sqlite":
        return SQLiteBackend(tmp_path / "limits.db")
    from upbit_ext._limits_redis import RedisBackend

    return RedisBackend(request.getfixturevalue("redis_url"))


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StateBackend]:
    made = open_backend(request.param, request, tmp_path)
    yield made
    made.close()


def make(clock: FakeClock, backend: StateBackend | None = None, **kwargs: Any) -> RateLimiter:
    kwargs.setdefault("random", lambda: 0.5)
    return RateLimiter(
        backend=backend,
        clock=clock,
        sleep=clock.sleep,
        async_sleep=clock.async_sleep,
        **kwargs,
    )


def max_in_any_window(stamps: Sequence[float], window: float) -> int:
    """The most stamps in any window [t, t + window); the fullest windows start at a stamp."""
    ordered = sorted(stamps)
    return max(
        (bisect.bisect_left(ordered, t + window) - i for i, t in enumerate(ordered)), default=0
    )


def utilisation(stamps: Sequence[float], limit: int, window: float) -> float:
    """Allowed rate over achieved rate: how soon, on average, each slot was used again."""
    ordered = sorted(stamps)
    reuse = [b - a for a, b in zip(ordered, ordered[limit:], strict=False)]
    return window / (sum(reuse) / len(reuse))


def waited(clock: FakeClock, limiter: RateLimiter, group: str) -> float:
    before = clock.now
    limiter.acquire(group)
    return clock.now - before


# --- window exactness and utilisation ------------------------------------------------------


@pytest.mark.parametrize("group", sorted(DEFAULT_RATES))
def test_full_demand_stays_in_every_window_and_uses_95_percent(
    clock: FakeClock, group: str
) -> None:
    limiter = make(clock, safety_margin=MARGIN)
    rate = DEFAULT_RATES[group]
    seconds = 100.0
    stamps: list[float] = []
    while (stamp := limiter.acquire(group)) < START + seconds:
        stamps.append(stamp)
    assert max_in_any_window(stamps, rate.per_seconds) <= rate.limit
    # A fixed-window server (any phase) sees no more than a sliding one.
    for phase in (0.0, 0.3, 0.99):
        per_window: dict[int, int] = {}
        for s in stamps:
            slot = math.floor((s - START + phase) / rate.per_seconds)
            per_window[slot] = per_window.get(slot, 0) + 1
        assert max(per_window.values()) <= rate.limit
    allowed = rate.limit * seconds / rate.per_seconds
    assert len(stamps) >= 0.95 * allowed, f"{len(stamps)} of {allowed}"


def test_exactness_holds_on_every_backend(clock: FakeClock, backend: StateBackend) -> None:
    limiter = make(clock, backend)
    stamps = [limiter.acquire("order") for _ in range(120)]
    assert max_in_any_window(stamps, 1.0) == 12
    assert stamps[-1] - stamps[0] < 10 * (1.0 + MARGIN)


@settings(max_examples=60, deadline=None)
@given(
    gaps=st.lists(st.floats(min_value=0.0, max_value=0.4), min_size=1, max_size=200),
    limit=st.integers(min_value=1, max_value=12),
    per_seconds=st.sampled_from([0.5, 1.0, 2.0]),
    margin=st.sampled_from([0.0, 0.05]),
)
def test_no_demand_pattern_puts_more_than_limit_in_a_window(
    gaps: list[float], limit: int, per_seconds: float, margin: float
) -> None:
    clock = FakeClock()
    limiter = make(clock, rates={"g": Rate(limit, per_seconds)}, safety_margin=margin)
    stamps = []
    for gap in gaps:
        clock.now += gap
        stamps.append(limiter.acquire("g"))
    assert max_in_any_window(stamps, per_seconds + margin) <= limit


def test_order_cancel_all_allows_one_request_per_two_seconds(
    clock: FakeClock, backend: StateBackend
) -> None:
    limiter = make(clock, backend)
    assert waited(clock, limiter, "order-cancel-all") == 0
    assert waited(clock, limiter, "order-cancel-all") == pytest.approx(2.0 + MARGIN)
    assert limiter.snapshot()["order-cancel-all"]["limit"] == 1
    assert limiter.snapshot()["order-cancel-all"]["window"] == 2.0


def test_groups_have_separate_budgets(clock: FakeClock, backend: StateBackend) -> None:
    limiter = make(clock, backend)
    for _ in range(10):
        limiter.acquire("candle")
    for _ in range(10):
        limiter.acquire("ticker")
    for _ in range(30):
        limiter.acquire("default")
    assert clock.now == START
    assert waited(clock, limiter, "candle") == pytest.approx(1.0 + MARGIN)


def test_rates_are_overridable_and_groups_can_be_added(
    clock: FakeClock, backend: StateBackend
) -> None:
    limiter = make(clock, backend, rates={"default": Rate(20, 1.0), "origin": (1, 10.0)})
    for _ in range(20):
        limiter.acquire("default")
    assert clock.now == START
    assert waited(clock, limiter, "default") > 0
    limiter.acquire("origin")
    assert waited(clock, limiter, "origin") == pytest.approx(10.0 + MARGIN)
    assert limiter.rates["order"] == DEFAULT_RATES["order"]


def test_async_acquire_waits_without_blocking_sleep(clock: FakeClock) -> None:
    def blocking_sleep(seconds: float) -> None:
        pytest.fail("acquire_async used the blocking sleep")

    limiter = RateLimiter(clock=clock, sleep=blocking_sleep, async_sleep=clock.async_sleep)

    async def main() -> list[float]:
        return await asyncio.gather(*(limiter.acquire_async("ticker") for _ in range(25)))

    stamps = asyncio.run(main())
    assert max_in_any_window(stamps, 1.0) == 10
    assert max(stamps) == pytest.approx(START + 2 * (1.0 + MARGIN), abs=1e-6)


def test_backends_keep_the_same_contract(clock: FakeClock, backend: StateBackend) -> None:
    """Every backend answers alike: a slot, a wait, a ban, and the state of a fresh group."""
    assert backend.state("k", 1.0, clock) == (0, 0.0, 0)
    assert backend.acquire("k", "ban", 2, 1.0, clock) == (START, 0.0, None)
    backend.sync_down("k", 0, 2, 1.0, clock)  # one slot nobody here used is taken
    assert backend.state("k", 1.0, clock).used == 2
    assert backend.acquire("k", "ban", 2, 1.0, clock) == (None, 1.0, None)
    backend.sync_down("other", 1, 2, 1.0, clock)
    assert backend.state("other", 1.0, clock).used == 1
    backend.block("gated", START + 0.5, clock)
    assert backend.acquire("gated", "ban", 2, 1.0, clock) == (None, 0.5, None)
    clock.now = START + 0.5  # a gate is open from its end on
    assert backend.acquire("gated", "ban", 2, 1.0, clock) == (START + 0.5, 0.0, None)
    backend.block("ban", START + 30, clock)
    backend.block("ban", START + 10, clock)  # a block is never shortened
    assert backend.acquire("k", "ban", 2, 1.0, clock) == (None, 29.5, START + 30)
    backend.block("early", 0.5, clock)
    assert backend.state("early", 1.0, clock).blocked_until == 0.5


def test_a_clock_that_starts_at_zero_gets_its_first_slot_at_once(backend: StateBackend) -> None:
    def zero() -> float:
        return 0.0

    assert backend.acquire("k", "ban", 1, 1.0, zero) == (0.0, 0.0, None)
    assert backend.acquire("k", "ban", 1, 1.0, zero) == (None, 1.0, None)


def test_sqlite_backend_uses_wal_and_refuses_bad_settings_by_name(tmp_path: Path) -> None:
    SQLiteBackend(tmp_path / "wal.db").close()
    with contextlib.closing(sqlite3.connect(tmp_path / "wal.db")) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with pytest.raises(ValueError, match=r"^timeout must be finite and > 0, got 0$"):
        SQLiteBackend(tmp_path / "x.db", timeout=0)
    with pytest.raises(ValueError, match=r"^path: cannot (open|use) SQLite database '"):
        SQLiteBackend(tmp_path)  # a directory


def test_a_file_that_is_not_a_database_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"not a database\n" * 512)
    with pytest.raises(ValueError, match=r"^path: cannot use SQLite database '.*notes\.txt': "):
        SQLiteBackend(path)


def test_sqlite_backend_commits_without_a_full_sync(tmp_path: Path) -> None:
    store = SQLiteBackend(tmp_path / "sync.db")
    try:  # synchronous=NORMAL (1): in WAL mode a commit writes the log without an fsync
        assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 1
    finally:
        store.close()


def test_a_file_another_program_reads_without_wal_still_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "busy.db"
    SQLiteBackend(path).close()
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("PRAGMA journal_mode=DELETE")  # as if made by a program that never chose WAL
    reader.execute("BEGIN")
    reader.execute("SELECT * FROM hits").fetchall()  # its read lock forbids switching to WAL
    connect = sqlite3.connect

    def finish_reader(sql: str) -> None:
        # The reader finishes once the backend has given up on WAL and starts its schema.
        if sql.startswith("BEGIN") and reader.in_transaction:
            reader.execute("COMMIT")

    def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = connect(*args, **kwargs)
        conn.set_trace_callback(finish_reader)
        return conn

    monkeypatch.setattr(sqlite3, "connect", traced)
    store = SQLiteBackend(path, timeout=0.1)
    try:
        assert store.acquire("k", "ban", 5, 1.0, time.time).granted_at is not None
    finally:
        store.close()
        reader.close()
    with contextlib.closing(connect(path)) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_held_lock_is_waited_for_only_the_timeout(tmp_path: Path) -> None:
    store = SQLiteBackend(tmp_path / "locked.db", timeout=0.1)
    with contextlib.closing(sqlite3.connect(tmp_path / "locked.db", isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        # Let go after 3 s: a backend waiting longer than its 0.1 s would then get the slot.
        release = threading.Timer(3.0, other.execute, ("COMMIT",))
        release.start()
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                store.acquire("k", "ban", 5, 1.0, time.time)
        finally:
            release.cancel()
            store.close()


def test_a_block_ends_in_the_snapshot_when_its_time_comes(
    clock: FakeClock, backend: StateBackend
) -> None:
    limiter = make(clock, backend)
    limiter.ban(START + 5)
    assert limiter.snapshot()["order"]["blocked_until"] == START + 5
    clock.now = START + 5
    assert limiter.snapshot()["order"]["blocked_until"] is None
    assert waited(clock, limiter, "order") == 0


def test_the_418_error_says_until_when_in_utc_and_why_to_wait() -> None:
    blocked = LimiterBlocked(START + 30, "api.upbit.com")
    assert (blocked.until, blocked.host) == (START + 30, "api.upbit.com")
    assert str(blocked) == (
        "Upbit blocked requests to api.upbit.com (HTTP 418) until 2023-11-14T22:13:50+00:00; "
        "wait instead of retrying, every request during a block makes it longer"
    )


def test_backend_grants_exactly_the_limit_to_racing_threads(backend: StateBackend) -> None:
    store = backend
    granted: list[float] = []
    lock = threading.Lock()

    def hammer() -> None:
        for _ in range(40):
            decision = store.acquire("k", "ban", 50, 3600.0, time.time)
            if decision.granted_at is not None:
                with lock:
                    granted.append(decision.granted_at)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(granted) == 50


# --- Remaining-Req -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("group=default; min=1800; sec=29", RemainingReq("default", 29, 1800)),
        ("group=candles; sec=9", RemainingReq("candles", 9, None)),
        ("group=a=b; sec=3", RemainingReq("a=b", 3, None)),  # a value ends at ; or , only
        ("  group = crix-trades ;min=600;  sec = 0 ", RemainingReq("crix-trades", 0, 600)),
        ("sec=3; group=order", RemainingReq("order", 3, None)),
        ("GROUP=order-test; Sec=7; min=480", RemainingReq("order-test", 7, 480)),
        ("group=default; min=lots; sec=2", RemainingReq("default", 2, None)),
        ("group=origin; min=6; sec=0; extra=1", RemainingReq("origin", 0, 6)),
    ],
)
def test_remaining_req_is_parsed(header: str, expected: RemainingReq) -> None:
    assert parse_remaining_req(header) == expected


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "garbage",
        "group=default",
        "group=default; min=1800",
        "group=; sec=3",
        "sec=5",
        "group=default; sec=-1",
        "group=default; sec=abc",
        "group=default; sec=1.5",
        "group=default; sec=\u0663",
        ";;;==;",
    ],
)
def test_unusable_remaining_req_is_ignored(header: str | None) -> None:
    assert parse_remaining_req(header) is None


@pytest.mark.parametrize(
    ("server", "ours"),
    [
        ("candles", "candle"),
        ("crix-trades", "trade"),
        ("ticker", "ticker"),
        ("exchange.order", "order"),
        (" Order-Test ", "order-test"),
        ("origin", "origin"),
    ],
)
def test_server_group_names_are_normalised(server: str, ours: str) -> None:
    assert normalize_group(server) == ours


def test_fewer_remaining_on_the_server_slows_the_group_down(
    clock: FakeClock, backend: StateBackend
) -> None:
    limiter = make(clock, backend)
    limiter.acquire("candle")
    limiter.acquire("candle")
    limiter.update("candle", 200, {"Remaining-Req": "group=candles; min=600; sec=3"})
    assert limiter.snapshot()["candle"]["used"] == 7
    for _ in range(3):
        limiter.acquire("candle")
    assert clock.now == START
    assert waited(clock, limiter, "candle") == pytest.approx(1.0 + MARGIN)


def test_more_remaining_on_the_server_never_raises_the_budget(
    clock: FakeClock, backend: StateBackend
) -> None:
    limiter = make(clock, backend)
    for _ in range(10):
        limiter.acquire("ticker")
    limiter.update("ticker", 200, httpx.Headers({"remaining-req": "group=ticker; sec=9"}))
    assert limiter.snapshot()["ticker"]["used"] == 10
    assert waited(clock, limiter, "ticker") == pytest.approx(1.0 + MARGIN)


def test_remaining_req_leaves_a_limiter_turned_off_alone(
    clock: FakeClock, backend: StateBackend
) -> None:
    # "Limits off" is a huge rate (10**9 in the benchmarks); syncing it down would store one hit
    # per missing slot. 10,000 keeps a regression fast to see.
    limiter = make(clock, backend, rates={"ticker": (10_000, 1.0)})
    limiter.update("ticker", 200, {"Remaining-Req": "group=ticker; min=600; sec=9"})
    assert limiter.snapshot()["ticker"]["used"] == 0
    limiter.acquire("ticker")
    assert clock.now == START


def test_zero_remaining_closes_the_group_for_a_window(
    clock: FakeClock, backend: StateBackend
) -> None:
    limiter = make(clock, backend)
    limiter.update("default", 200, {"REMAINING-REQ": "group=default; min=1800; sec=0"})
    assert waited(clock, limiter, "default") == pytest.approx(1.0 + MARGIN)
    assert limiter.snapshot()["trade"]["used"] == 0


def test_zero_remaining_after_own_requests_frees_slots_as_they_expire(
    clock: FakeClock, backend: StateBackend
) -> None:
    limiter = make(clock, backend)
    limiter.acquire("default")
    clock.now += 0.5
    limiter.update("default", 200, {"Remaining-Req": "group=default; sec=0"})
    assert limiter.acquire("default") == pytest.approx(START + 1.0 + MARGIN, abs=1e-6)
    assert limiter.acquire("default") == pytest.approx(START + 0.5 + 1.0 + MARGIN, abs=1e-6)


def test_header_group_wins_over_the_request_group(clock: FakeClock, backend: StateBackend) -> None:
    limiter = make(clock, backend)
    limiter.update("market", 200, {"Remaining-Req": "group=crix-trades; sec=0"})
    assert limiter.snapshot()["trade"]["used"] == 10
    assert limiter.snapshot()["market"]["used"] == 0


@pytest.mark.parametrize(
    "headers",
    [
        None,
        {},
        {"Remaining-Req": "group=origin; min=6; sec=0"},
        {"Remaining-Req": "group=websocket-connect; sec=0"},
        {"Remaining-Req": "\x00\xff garbage"},
        {"Content-Type": "text/plain"},
    ],
)
def test_unknown_or_missing_headers_change_nothing(
    clock: FakeClock, headers: dict[str, str] | None
) -> None:
    limiter = make(clock)
    limiter.update("ticker", 200, headers)
    assert all(row["used"] == 0 for row in limiter.snapshot().values())


# --- 429 and 418 ---------------------------------------------------------------------------


def test_429_backoff_grows_with_consecutive_429s_and_resets_on_success(
    clock: FakeClock, backend: StateBackend
) -> None:
    limiter = make(clock, backend, backoff_base=0.2, backoff_cap=100.0)
    waits = []
    for _ in range(4):
        limiter.update("order", 429, {"Content-Type": "text/plain"})
        waits.append(waited(clock, limiter, "order"))
    # Jitter is fixed at the middle (random() == 0.5): window + 0.75 x 0.2 x 2^n.
    assert waits == pytest.approx([1.0 + MARGIN + 0.15 * 2**n for n in range(4)])
    assert limiter.snapshot()["order"]["consecutive_429"] == 4
    limiter.update("order", 200)
    assert limiter.snapshot()["order"]["consecutive_429"] == 0
    limiter.update("order", 429)
    assert waited(clock, limiter, "order") == pytest.approx(1.0 + MARGIN + 0.15)


def test_429_blocks_only_its_group(clock: FakeClock, backend: StateBackend) -> None:
    limiter = make(clock, backend)
    limiter.update("order", 429)
    snap = limiter.snapshot()
    assert snap["order"]["blocked_until"] is not None
    assert snap["default"]["blocked_until"] is None
    assert waited(clock, limiter, "default") == 0


def test_429_backoff_is_capped_and_honours_retry_after(
    clock: FakeClock, backend: StateBackend
) -> None:
    limiter = make(clock, backend, backoff_base=0.5, backoff_cap=2.0, random=lambda: 1.0)
    for _ in range(50):
        limiter.update("order-test", 429)
    assert waited(clock, limiter, "order-test") == pytest.approx(1.0 + MARGIN + 2.0)
    limiter.update("order-test", 429, {"Retry-After": "7"})
    assert waited(clock, limiter, "order-test") == pytest.approx(7.0)


def test_418_blocks_every_group_of_the_host_and_raises_until_it_ends(
    clock: FakeClock, backend: StateBackend
) -> None:
    quotation = make(clock, backend)
    pocket = make(clock, backend, scope=scope_for_access_key("access-key-1"))
    elsewhere = make(clock, backend, host="sandbox.invalid")
    quotation.update("candle", 418, {"Retry-After": "30"})
    for limiter, group in [(quotation, "ticker"), (quotation, "candle"), (pocket, "order")]:
        with pytest.raises(LimiterBlocked) as info:
            limiter.acquire(group)
        assert info.value.until == START + 30
        assert "418" in str(info.value)
    assert clock.sleeps == []
    assert pocket.snapshot()["default"]["blocked_until"] == START + 30
    elsewhere.acquire("ticker")
    clock.now = START + 30
    assert waited(clock, quotation, "ticker") == 0


def test_418_block_length_comes_from_the_caller_then_retry_after_then_default(
    clock: FakeClock, backend: StateBackend
) -> None:
    limiter = make(clock, backend, ban_seconds=90.0)
    limiter.update("default", 418, {"Retry-After": "30"}, block_seconds=600.0)
    assert limiter.snapshot()["market"]["blocked_until"] == START + 600
    other = make(clock, backend, ban_seconds=90.0, host="other.invalid")
    other.update("default", 418)
    assert other.snapshot()["market"]["blocked_until"] == START + 90


def test_a_retry_after_date_is_read_on_the_limiters_clock(clock: FakeClock) -> None:
    limiter = make(clock, ban_seconds=90.0)
    limiter.update("default", 418, {"Retry-After": "Tue, 14 Nov 2023 22:14:05 GMT"})  # START + 45
    assert limiter.snapshot()["market"]["blocked_until"] == START + 45
    with pytest.raises(ValueError, match=r"^block_seconds must be finite and > 0, got 0$"):
        limiter.update("default", 418, block_seconds=0)


def test_418_uses_the_configured_error(clock: FakeClock, backend: StateBackend) -> None:
    class Banned(Exception):
        def __init__(self, until: float) -> None:
            self.until = until

    limiter = make(clock, backend, blocked_error=Banned)
    limiter.ban(START + 5)
    with pytest.raises(Banned) as info:
        limiter.acquire("market")
    assert info.value.until == START + 5


def test_a_waiting_acquire_raises_when_a_418_arrives_meanwhile(
    clock: FakeClock, backend: StateBackend
) -> None:
    def sleep_into_a_ban(seconds: float) -> None:
        limiter.ban(clock.now + 100)
        clock.sleep(seconds)

    limiter = RateLimiter(clock=clock, sleep=sleep_into_a_ban, backend=backend)
    limiter.acquire("order-cancel-all")
    with pytest.raises(LimiterBlocked):
        limiter.acquire("order-cancel-all")


# --- configuration -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "names"),
    [
        ({"rates": {"order": "12/s"}}, TypeError, "rates['order']"),
        ({"rates": [("order", (12, 1.0))]}, TypeError, "rates"),
        ({"rates": {"": (1, 1.0)}}, ValueError, "rates"),
        ({"rates": {"order": (0, 1.0)}}, ValueError, "limit"),
        ({"rates": {"order": (12, 0)}}, ValueError, "^per_seconds must be finite and > 0"),
        ({"rates": {"order": (12, -1.0)}}, ValueError, "per_seconds"),
        ({"rates": {"order": (True, 1.0)}}, TypeError, "limit must be an int, got bool"),
        ({"rates": {"order": (12.5, 1.0)}}, TypeError, "limit must be an int, got float"),
        ({"rates": {"order": (12, math.inf)}}, ValueError, "per_seconds"),
        ({"safety_margin": -0.01}, ValueError, "safety_margin"),
        ({"safety_margin": "0.05"}, TypeError, "safety_margin"),
        ({"backoff_base": 0}, ValueError, "backoff_base"),
        ({"backoff_base": 2.0, "backoff_cap": 1.0}, ValueError, "backoff_cap"),
        ({"ban_seconds": math.nan}, ValueError, "ban_seconds"),
        ({"scope": ""}, ValueError, "scope"),
        ({"host": "a|b"}, ValueError, "host"),
    ],
)
def test_invalid_configuration_is_refused_by_name(
    clock: FakeClock, kwargs: dict[str, Any], error: type[Exception], names: str
) -> None:
    with pytest.raises(error, match=names.replace("[", r"\[").replace("]", r"\]")):
        make(clock, **kwargs)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"rates": [("order", (12, 1.0))]},
            TypeError,
            "rates must be a mapping of group to Rate, got list",
        ),
        (
            {"rates": {"a|b": (1, 1.0)}},
            ValueError,
            "rates: group names must be non-empty strings, got 'a|b'",
        ),
        (
            {"rates": {"order": [12, 1.0]}},
            TypeError,
            "rates['order'] must be a Rate or (limit, per_seconds)",
        ),
        (
            {"rates": {"order": (12, 1.0, 2)}},
            TypeError,
            "rates['order'] must be a Rate or (limit, per_seconds)",
        ),
        ({"scope": ""}, ValueError, "scope must be a non-empty string without '|', got ''"),
        ({"host": "a|b"}, ValueError, "host must be a non-empty string without '|', got 'a|b'"),
        ({"safety_margin": -0.01}, ValueError, "safety_margin must be finite and >= 0, got -0.01"),
        (
            {"safety_margin": "0.05"},
            TypeError,
            "safety_margin must be a number of seconds, got str",
        ),
        ({"backoff_base": 0}, ValueError, "backoff_base must be finite and > 0, got 0"),
        ({"backoff_cap": 0}, ValueError, "backoff_cap must be finite and > 0, got 0"),
        ({"ban_seconds": 0}, ValueError, "ban_seconds must be finite and > 0, got 0"),
        (
            {"backoff_base": 2.0, "backoff_cap": 1.0},
            ValueError,
            "backoff_cap (1.0) must be >= backoff_base (2.0)",
        ),
    ],
)
def test_invalid_configuration_errors_in_full(
    clock: FakeClock, kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as info:
        make(clock, **kwargs)
    assert (type(info.value), str(info.value)) == (error, message)


def test_scope_and_host_name_the_budget_and_the_block(clock: FakeClock) -> None:
    backend = InMemoryBackend()
    pocket = make(clock, backend, scope="pocket-1", host="sandbox.invalid")
    assert (pocket.scope, pocket.host) == ("pocket-1", "sandbox.invalid")
    assert repr(pocket) == (
        "RateLimiter(scope='pocket-1', host='sandbox.invalid', backend=" + repr(backend) + ")"
    )
    pocket.update("order", 429)
    for other in (
        make(clock, backend, scope="pocket-2", host="sandbox.invalid"),
        make(clock, backend),
    ):
        assert other.snapshot()["order"]["blocked_until"] is None
    pocket.ban(START + 5)
    with pytest.raises(LimiterBlocked) as info:
        pocket.acquire("order")
    assert info.value.host == "sandbox.invalid"
    assert "requests to sandbox.invalid (HTTP 418)" in str(info.value)


def test_default_backoff_and_ban_lengths(clock: FakeClock) -> None:
    limiter = make(clock, random=lambda: 1.0)  # the largest jitter: the whole backoff
    limiter.update("default", 429)  # first 429: a window plus 0.25 s
    assert limiter.snapshot()["default"]["blocked_until"] == pytest.approx(
        START + 1.05 + 0.25, abs=1e-6
    )
    for _ in range(10):
        limiter.update("default", 429)  # 0.25 s doubled ten times, capped at 30 s
    assert limiter.snapshot()["default"]["blocked_until"] == pytest.approx(
        START + 1.05 + 30, abs=1e-6
    )
    limiter.update("default", 418)  # no Retry-After: a minute
    assert limiter.snapshot()["market"]["blocked_until"] == START + 60
    make(clock, backoff_base=2.0, backoff_cap=2.0)  # a cap equal to the base is a fixed backoff


def test_unknown_request_group_is_a_programming_error(clock: FakeClock) -> None:
    limiter = make(clock)
    with pytest.raises(ValueError, match=r"^group must be one of ") as info:
        limiter.acquire("candles")
    assert str(info.value) == (
        "group must be one of candle, default, market, order, order-cancel-all, order-test,"
        " orderbook, ticker, trade; got 'candles'"
    )
    with pytest.raises(ValueError, match="group must be one of"):
        limiter.update("withdraw", 200)
    with pytest.raises(ValueError, match="block_seconds"):
        limiter.update("default", 418, block_seconds=0)


def test_snapshot_reports_plain_figures(clock: FakeClock, backend: StateBackend) -> None:
    limiter = make(clock, backend)
    limiter.acquire("order")
    limiter.acquire("order")
    snap = limiter.snapshot()
    assert set(snap) == set(DEFAULT_RATES)
    assert snap["order"] == {
        "limit": 12,
        "window": 1.0,
        "used": 2,
        "blocked_until": None,
        "consecutive_429": 0,
    }
    clock.now += 1.0 + MARGIN
    assert limiter.snapshot()["order"]["used"] == 0


def test_defaults_match_the_spec() -> None:
    from _spec import load_spec

    groups = load_spec()["info"]["x-upbit-rate-groups"]
    from_spec = {name: Rate(g["limit"], float(g["per_seconds"])) for name, g in groups.items()}
    assert from_spec == dict(DEFAULT_RATES)


def test_access_key_scopes_hide_the_key() -> None:
    scope = scope_for_access_key("AKIAVERYSECRETACCESS")
    assert "AKIA" not in scope
    assert "SECRET" not in scope
    assert scope == scope_for_access_key("AKIAVERYSECRETACCESS")
    assert scope != scope_for_access_key("another-key")
    limiter = RateLimiter(scope=scope)
    assert "SECRET" not in repr(limiter)
    with pytest.raises(ValueError, match=r"^access_key must be a non-empty string$"):
        scope_for_access_key("")


def test_an_access_key_scope_is_the_same_in_every_process_and_version() -> None:
    """Processes sharing a SQLite budget meet under this name: a short SHA-256 prefix of the key."""
    digest = hashlib.sha256(b"AKIAVERYSECRETACCESS").hexdigest()
    assert scope_for_access_key("AKIAVERYSECRETACCESS") == f"pocket-{digest[:16]}"


# --- process-wide sharing and backend selection --------------------------------------------


def test_shared_limiter_is_one_object_per_scope_across_threads() -> None:
    host = "shared-test.invalid"
    seen: list[RateLimiter] = []

    def grab() -> None:
        seen.append(shared_limiter("ip", host=host))

    threads = [threading.Thread(target=grab) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(limiter) for limiter in seen}) == 1
    pocket = shared_limiter(scope_for_access_key("k"), host=host)
    assert pocket is not seen[0]
    # A 418 seen by one scope stops the other: they share the process backend.
    pocket.ban(time.time() + 60)
    with pytest.raises(LimiterBlocked):
        seen[0].acquire("ticker")
    assert shared_limiter("ip", host=host, rates=dict(DEFAULT_RATES)) is seen[0]
    assert shared_limiter(host=host) is seen[0]  # quotation ("ip") is the default scope
    with pytest.raises(ValueError, match="already uses other rates; pass the same rates every"):
        shared_limiter("ip", host=host, rates={"default": Rate(60, 1.0)})
    first = shared_limiter("ip", host="shared-rates.invalid", rates={"ticker": Rate(3, 1.0)})
    assert first.rates["ticker"] == Rate(3, 1.0)  # the first caller's rates are the ones used


def test_backend_is_selected_from_the_environment(tmp_path: Path) -> None:
    assert isinstance(backend_from_env({}), InMemoryBackend)
    assert backend_from_env({}) is backend_from_env({RATE_LIMIT_DB_ENV: "  "})
    env = {RATE_LIMIT_DB_ENV: str(tmp_path / "budget.db")}
    chosen = backend_from_env(env)
    assert isinstance(chosen, SQLiteBackend)
    assert backend_from_env(env) is chosen
    assert (tmp_path / "budget.db").exists()
    assert RateLimiter.from_env(scope="pocket-x", environ={}).scope == "pocket-x"
    limiter = RateLimiter.from_env(scope="ip", host="env-test.invalid", environ=env)
    limiter.acquire("ticker")
    assert limiter.snapshot()["ticker"]["used"] == 1
    # Another limiter on the same file, default scope ("ip"), its own rates: the same budget.
    again = RateLimiter.from_env({"ticker": (3, 1.0)}, host="env-test.invalid", environ=env)
    assert again.snapshot()["ticker"] == {
        "limit": 3,
        "window": 1.0,
        "used": 1,
        "blocked_until": None,
        "consecutive_429": 0,
    }
    opened_elsewhere = SQLiteBackend(tmp_path / "budget.db")  # as another process would
    try:
        reader = RateLimiter(host="env-test.invalid", backend=opened_elsewhere)
        assert reader.snapshot()["ticker"]["used"] == 1
    finally:
        opened_elsewhere.close()
    with pytest.raises(ValueError, match=RATE_LIMIT_DB_ENV):
        backend_from_env({RATE_LIMIT_DB_ENV: str(tmp_path / "missing" / "dir" / "x.db")})
    assert backend_from_env({RATE_LIMIT_URL_ENV: " "}) is backend_from_env({})
    # The variable takes every form rate_limit_url= takes: memory:// and sqlite:// too.
    assert backend_from_env({RATE_LIMIT_URL_ENV: "memory://"}) is backend_from_env({})
    assert backend_from_env({RATE_LIMIT_URL_ENV: f"sqlite://{tmp_path}/budget.db"}) is chosen


# --- real HTTP: a server that enforces 10 per sliding second --------------------------------


class StrictServer(ThreadingHTTPServer):
    """Answers 200 to at most `limit` requests in any sliding second, 429 to the rest."""

    daemon_threads = True

    def __init__(self, limit: int) -> None:
        super().__init__(("127.0.0.1", 0), StrictHandler)
        self.limit = limit
        self.lock = threading.Lock()
        self.accepted: list[float] = []
        self.rejected = 0


class StrictHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: StrictServer

    def do_GET(self) -> None:
        srv = self.server
        with srv.lock:
            now = time.monotonic()
            recent = [t for t in srv.accepted if t > now - 1.0]
            if len(recent) < srv.limit:
                srv.accepted.append(now)
                status, body = 200, b"[]"
                remaining = srv.limit - len(recent) - 1
            else:
                srv.rejected += 1
                status, body, remaining = 429, b"Too many API requests.", 0
        self.send_response(status)
        self.send_header("Remaining-Req", f"group=candles; min=600; sec={remaining}")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class LimitedTransport(httpx.BaseTransport):
    """Takes a slot before each send and reports each response back, as the client stack does."""

    def __init__(self, limiter: RateLimiter, group: str) -> None:
        self._inner = httpx.HTTPTransport()
        self._limiter = limiter
        self._group = group

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self._limiter.acquire(self._group)
        response = self._inner.handle_request(request)
        self._limiter.update(self._group, response.status_code, response.headers)
        return response

    def close(self) -> None:
        self._inner.close()


# Real time on a shared 2-core machine (once failed a mutation baseline run under load).
@pytest.mark.flaky(reruns=2)
def test_loopback_server_enforcing_10_per_second_sees_no_429_at_full_demand() -> None:
    server = StrictServer(limit=10)
    serving = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    serving.start()
    limiter = RateLimiter(scope="ip", host="loopback.invalid")
    statuses: list[int] = []
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with httpx.Client(
            transport=LimitedTransport(limiter, "candle"), base_url=base_url
        ) as client:
            deadline = time.monotonic() + 2.0

            def call() -> None:
                while time.monotonic() < deadline:
                    statuses.append(client.get("/v1/candles/days").status_code)

            callers = [threading.Thread(target=call) for _ in range(4)]
            for t in callers:
                t.start()
            for t in callers:
                t.join()
    finally:
        server.shutdown()
        server.server_close()
    assert server.rejected == 0
    assert set(statuses) == {200}
    assert len(server.accepted) >= 20
    assert utilisation(server.accepted, 10, 1.0) >= 0.9, server.accepted


# --- several real processes (standing in for hosts) sharing one budget --------------------

Event = tuple[str, float, float | None]


def run_workers(
    store: str, tmp_path: Path, argv: list[list[str]], seconds: float
) -> list[list[Event]]:
    """Start one tests/_limit_worker.py per entry of `argv` on `store`, run them together for
    `seconds`, and return each one's events (`slot`, `blocked`, `banned`) in true time."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), str(ROOT / "generated"), env.get("PYTHONPATH", "")]
    )
    outs = [tmp_path / f"worker{i}.txt" for i in range(len(argv))]
    workers = [
        subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "_limit_worker.py"), store, str(out), *extra],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for out, extra in zip(outs, argv, strict=True)
    ]
    try:
        for w in workers:
            assert w.stdout is not None
            assert w.stdout.readline().strip() == "ready"
        deadline = time.time() + seconds
        for w in workers:
            assert w.stdin is not None
            w.stdin.write(f"{deadline!r}\n")
            w.stdin.close()
        for w in workers:
            assert w.wait(timeout=seconds + 15) == 0
    finally:
        for w in workers:
            if w.poll() is None:
                w.kill()
                w.wait()
            if w.stdout is not None:
                w.stdout.close()
    events: list[list[Event]] = []
    for out in outs:
        rows: list[Event] = []
        for line in out.read_text().splitlines():
            kind, at, *until = line.split()
            rows.append((kind, float(at), float(until[0]) if until else None))
        events.append(rows)
    return events


def slots(events: list[Event]) -> list[float]:
    return [at for kind, at, _ in events if kind == "slot"]


def store_for(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if kind == "redis":
        url: str = request.getfixturevalue("redis_url")
        return url
    SQLiteBackend(tmp_path / "shared.db").close()
    return str(tmp_path / "shared.db")


# Redis: hosts whose clocks are 3 s ahead and 3 s behind. Times are kept in the server's frame,
# so no host overfills a window and none waits out its skew.
@pytest.mark.parametrize(("kind", "skews"), [("sqlite", [0, 0, 0]), ("redis", [0, 3, -3])])
def test_processes_sharing_a_budget_never_exceed_it(
    kind: str, skews: list[int], request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    store = store_for(kind, request, tmp_path)
    argv = [[str(skew)] for skew in skews]
    shares = [slots(e) for e in run_workers(store, tmp_path, argv, 2.5)]
    stamps = sorted(s for share in shares for s in share)
    assert all(len(share) >= 3 for share in shares), [len(share) for share in shares]
    assert max_in_any_window(stamps, 1.0) <= 10
    assert sum(1 for s in stamps if s < stamps[0] + 1.0) == 10
    assert len(stamps) >= 20
    assert utilisation(stamps, 10, 1.0) >= 0.9, stamps


def test_a_418_seen_by_one_process_stops_the_others_until_the_ban_ends(
    redis_url: str, tmp_path: Path
) -> None:
    """Worker 0 reports a 418 after 0.6 s (a 1.2 s ban); worker 2's clock is 2 s ahead.

    Times are compared with 50 ms to spare: a process's offset to the server's clock is
    measured over loopback on a loaded machine. Without a shared ban, ~12 slots fall inside.
    """
    events = run_workers(redis_url, tmp_path, [["0", "0.6", "1.2"], ["0"], ["2"]], 3.0)
    [(_, banned_at, ban_until)] = [e for e in events[0] if e[0] == "banned"]
    assert ban_until is not None
    for worker in events:
        before = [at for at in slots(worker) if at < banned_at - 0.1]
        during = [at for at in slots(worker) if banned_at + 0.05 < at < ban_until - 0.05]
        after = [at for at in slots(worker) if at >= ban_until]
        assert before, "every worker was taking slots before the ban"
        assert during == [], f"slots taken during the ban: {during}"
        assert after, "every worker resumed when the ban ended"
    for worker in events[1:]:
        blocked = [(at, until) for kind, at, until in worker if kind == "blocked"]
        assert blocked, "the others were stopped by the ban"
        for at, until in blocked:
            assert banned_at - 0.1 < at < ban_until
            assert until == pytest.approx(ban_until, abs=0.05)


# --- a slot is held until a window after its answer ------------------------------------------


def test_requests_delayed_on_the_way_never_share_a_server_second_with_later_ones(
    clock: FakeClock, backend: StateBackend
) -> None:
    """The server counts a request when it arrives, up to its answer, not when the client sent it.

    Ten requests sent at k+0.9 are counted at k+1.05 (a busy server, a preempted thread); the
    eleventh, a window plus margin after the first send, would land in the same server second.
    Settled at their answer, the ten slots hold it back to the next second.
    """
    from upbit_ext.sandbox._ratelimit import ServerLimiter

    server = ServerLimiter()
    limiter = make(clock, backend)
    clock.now = START + 0.9
    granted = [limiter.acquire("ticker") for _ in range(10)]
    clock.now += 0.15
    statuses = [server.hit("ticker", "ip:x", clock.now).status for _ in granted]
    for at in granted:
        limiter.settle("ticker", at)
    limiter.acquire("ticker")
    statuses.append(server.hit("ticker", "ip:x", clock.now).status)
    assert statuses == [200] * 11
    assert clock.now >= START + 2.0


def test_a_fast_answer_keeps_the_slot_at_its_grant(clock: FakeClock, backend: StateBackend) -> None:
    """Settling only ever holds a slot longer, and only past the margin: full speed is kept."""
    limiter = make(clock, backend)
    granted = [limiter.acquire("ticker") for _ in range(10)]
    clock.now += 0.01  # answered within the margin
    for at in granted:
        limiter.settle("ticker", at)
    assert waited(clock, limiter, "ticker") == pytest.approx(1.0 + MARGIN - 0.01)


class LateFirstServer(ThreadingHTTPServer):
    """Counts requests in the sandbox's fixed wall-clock seconds when it handles them; the first
    `late` requests are handled `delay` seconds after they arrive."""

    daemon_threads = True

    def __init__(self, late: int, delay: float) -> None:
        from upbit_ext.sandbox._ratelimit import ServerLimiter

        super().__init__(("127.0.0.1", 0), LateFirstHandler)
        self.late, self.delay = late, delay
        self.referee = ServerLimiter()
        self.lock = threading.Lock()
        self.arrived = 0
        self.statuses: list[int] = []


class LateFirstHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: LateFirstServer

    def do_GET(self) -> None:
        srv = self.server
        with srv.lock:
            srv.arrived += 1
            late = srv.arrived <= srv.late
        if late:
            time.sleep(srv.delay)
        with srv.lock:
            verdict = srv.referee.hit("ticker", "ip:test", time.time())
            srv.statuses.append(verdict.status)
        body = b"[]" if verdict.status == 200 else b"Too many API requests."
        self.send_response(verdict.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


# Real time on a shared 2-core machine: the timeline has 0.15 s of slack either way.
@pytest.mark.flaky(reruns=2)
def test_the_client_holds_slots_of_late_answers_so_the_server_sees_no_429() -> None:
    from upbit_ext import Upbit

    server = LateFirstServer(late=10, delay=0.3)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        with Upbit(base_url=f"http://127.0.0.1:{server.server_address[1]}") as upbit:
            # Ten sent at k+0.8 are counted at k+1.1; the eleventh may go at k+1.85 by the
            # send times alone, inside the same server second.
            time.sleep(1.8 - time.time() % 1.0)
            first = [
                threading.Thread(target=upbit.list_tickers, kwargs={"markets": "KRW-BTC"})
                for _ in range(10)
            ]
            for t in first:
                t.start()
            for t in first:
                t.join()
            upbit.list_tickers(markets="KRW-BTC")
    finally:
        server.shutdown()
        server.server_close()
    assert server.statuses == [200] * 11
