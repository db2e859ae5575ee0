"""Client-side rate limits that keep Upbit from answering 429.

Upbit counts requests per group and per second, by arrival: quotation groups per IP, exchange
groups per pocket. Each group here keeps an exact log of its requests, so no window of
`per_seconds` (widened by a small safety margin) ever holds more than `limit` of them. A request
is logged when its slot is granted and moved to its answer (less the margin; `settle`), the
latest moment the server can have counted it, however long it was delayed on the way.

The log lives in a backend: in memory for one process, a SQLite file when several processes on
one machine share one IP or pocket, or a Redis server (`_limits_redis`) when processes on several
hosts share one account.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import datetime as _dt
import functools
import hashlib
import math
import os
import random as _random
import re
import sqlite3
import threading
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple, Protocol
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from ._errors import UpbitError, parse_retry_after

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_RATES",
    "RATE_LIMIT_DB_ENV",
    "RATE_LIMIT_URL_ENV",
    "Decision",
    "GroupState",
    "InMemoryBackend",
    "LimiterBlocked",
    "LimiterUnavailable",
    "Rate",
    "RateLimiter",
    "RateSpec",
    "RemainingReq",
    "SQLiteBackend",
    "StateBackend",
    "backend_from_env",
    "normalize_group",
    "parse_remaining_req",
    "redact_url",
    "scope_for_access_key",
    "shared_limiter",
]

DEFAULT_HOST = "api.upbit.com"
RATE_LIMIT_DB_ENV = "UPBIT_RATE_LIMIT_DB"
RATE_LIMIT_URL_ENV = "UPBIT_RATE_LIMIT_URL"

# A computed wait can round to zero next to a large epoch timestamp; never spin on it.
_MIN_WAIT = 1e-6
_MAX_BACKOFF_EXPONENT = 32
# Above this many requests per window a limit is not Upbit's (every group allows far fewer) but a
# caller turning the limiter off; `Remaining-Req` is not applied to it, because taking the slots
# the server says are gone would store one hit per missing slot (a billion for 10**9 per second).
_MAX_SYNCED_LIMIT = 1_000


def _check_seconds(name: str, value: object, *, allow_zero: bool) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} must be a number of seconds, got {type(value).__name__}")
    if not math.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        rule = "finite and >= 0" if allow_zero else "finite and > 0"
        raise ValueError(f"{name} must be {rule}, got {value!r}")


@dataclass(frozen=True)
class Rate:
    """At most `limit` requests in any window of `per_seconds` seconds."""

    limit: int
    per_seconds: float = 1.0

    def __post_init__(self) -> None:
        if isinstance(self.limit, bool) or not isinstance(self.limit, int):
            raise TypeError(f"limit must be an int, got {type(self.limit).__name__}")
        if self.limit < 1:
            raise ValueError(f"limit must be at least 1, got {self.limit}")
        _check_seconds("per_seconds", self.per_seconds, allow_zero=False)


DEFAULT_RATES: Mapping[str, Rate] = MappingProxyType(
    {
        "market": Rate(10, 1.0),
        "candle": Rate(10, 1.0),
        "trade": Rate(10, 1.0),
        "ticker": Rate(10, 1.0),
        "orderbook": Rate(10, 1.0),
        "default": Rate(30, 1.0),
        "order": Rate(12, 1.0),
        "order-test": Rate(8, 1.0),
        "order-cancel-all": Rate(1, 2.0),
    }
)

# Live `Remaining-Req` headers spell some quotation groups differently from the docs.
_SERVER_GROUP_ALIASES = {"candles": "candle", "crix-trades": "trade", "trades": "trade"}


def normalize_group(name: str) -> str:
    """Map a group name as the server spells it (`candles`, `exchange.order`) to the docs' name."""
    key = name.strip().lower().removeprefix("exchange.")
    return _SERVER_GROUP_ALIASES.get(key, key)


class RemainingReq(NamedTuple):
    """A parsed `Remaining-Req` header; `min` is deprecated by Upbit and never used for limiting."""

    group: str
    sec: int
    min: int | None


def parse_remaining_req(value: str | None) -> RemainingReq | None:
    """Parse `group=default; min=1800; sec=29`; a missing or garbled header gives None."""
    if not value:
        return None
    return _parse_remaining(value)


# Every answer carries the header and its values repeat (a group and a count below its limit):
# parsing each distinct value once takes the parse off the per-request path.
@functools.lru_cache(maxsize=1024)
def _parse_remaining(value: str) -> RemainingReq | None:
    fields: dict[str, str] = {}
    for part in re.split(r"[;,]", value):
        key, sep, raw = part.partition("=")
        if sep:
            fields.setdefault(key.strip().lower(), raw.strip())
    group = fields.get("group", "")
    sec = _count(fields.get("sec"))
    if not group or sec is None:
        return None
    return RemainingReq(group, sec, _count(fields.get("min")))


@functools.lru_cache(maxsize=1024)
def _remaining_in_group(value: str) -> tuple[str, int] | None:
    """A `Remaining-Req` value as (docs' group name, requests left this second), parsed once."""
    remaining = _parse_remaining(value)
    return None if remaining is None else (normalize_group(remaining.group), remaining.sec)


def scope_for_access_key(access_key: str) -> str:
    """Name an exchange budget by a digest of the key, so state files and health() never show it."""
    if not isinstance(access_key, str) or not access_key:
        raise ValueError("access_key must be a non-empty string")
    return "pocket-" + hashlib.sha256(access_key.encode()).hexdigest()[:16]


class LimiterBlocked(Exception):
    """Upbit blocked this host (HTTP 418); nothing is sent to it before `until`."""

    def __init__(self, until: float, host: str = DEFAULT_HOST) -> None:
        self.until = until
        self.host = host
        when = _dt.datetime.fromtimestamp(until, _dt.UTC).isoformat(timespec="seconds")
        super().__init__(
            f"Upbit blocked requests to {host} (HTTP 418) until {when}; wait instead of "
            "retrying, every request during a block makes it longer"
        )


class LimiterUnavailable(UpbitError):
    """The shared rate-limit store cannot be reached or used, so no slot could be taken and
    nothing was sent: the limiter fails closed rather than overspend a budget others share."""

    hint = (
        "Nothing was sent. Bring the store back, or opt in to a local budget while it is down"
        " (?fallback=local on the Redis URL)."
    )

    def __init__(self, url: str, detail: str) -> None:
        self.url = url
        self.detail = detail
        super().__init__(
            f"the shared rate-limit store {url} is unavailable ({detail}) — {self.hint}",
            url=url,
            detail=detail,
        )


class Decision(NamedTuple):
    """Outcome of one attempt to take a slot."""

    granted_at: float | None
    wait: float
    banned_until: float | None


class GroupState(NamedTuple):
    used: int
    blocked_until: float
    strikes: int


Clock = Callable[[], float]


class StateBackend(Protocol):
    """Where acquisition logs and gates live. Every method is atomic and reads `clock` inside
    its critical section, so recorded timestamps never go backwards."""

    def acquire(self, key: str, ban_key: str, limit: int, span: float, clock: Clock) -> Decision:
        """Record a slot for `key` unless `ban_key` or `key` is gated or the window is full."""
        ...

    def settle(self, key: str, granted_at: float, stamp: float, clock: Clock) -> None:
        """Move one hit of `key` stamped `granted_at` to `stamp` if that is later (both `clock()`
        times; see `RateLimiter.settle`); nothing if there is no such hit."""
        ...

    def sync_down(self, key: str, remaining: int, limit: int, span: float, clock: Clock) -> None:
        """Take slots nobody here used, so at most `remaining` stay free in the window."""
        ...

    def block(self, key: str, until: float, clock: Clock) -> None:
        """Close the gate of `key` until `until`, a `clock()` time (never shortens a block)."""
        ...

    def add_strike(self, key: str) -> int:
        """Count one more consecutive 429 for `key`; returns the new count."""
        ...

    def reset_strikes(self, key: str) -> None: ...

    def state(self, key: str, span: float, clock: Clock) -> GroupState: ...

    def close(self) -> None: ...


def _wait_for(hits: list[float], limit: int, span: float, now: float, gate: float) -> float:
    wait = gate - now
    if len(hits) >= limit:
        wait = max(wait, hits[len(hits) - limit] + span - now)
    return wait


class InMemoryBackend:
    """State for the threads and event loops of one process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hits: dict[str, list[float]] = {}
        self._gates: dict[str, float] = {}
        self._strikes: dict[str, int] = {}

    def _window(self, key: str, now: float, span: float) -> list[float]:
        hits = self._hits.setdefault(key, [])
        del hits[: bisect.bisect_right(hits, now - span)]
        return hits

    def acquire(self, key: str, ban_key: str, limit: int, span: float, clock: Clock) -> Decision:
        with self._lock:
            now = clock()
            banned = self._gates.get(ban_key, 0.0)
            if banned > now:
                return Decision(None, banned - now, banned)
            hits = self._window(key, now, span)
            wait = _wait_for(hits, limit, span, now, self._gates.get(key, 0.0))
            if wait > 0:
                return Decision(None, wait, None)
            bisect.insort(hits, now)
            return Decision(now, 0.0, None)

    def sync_down(self, key: str, remaining: int, limit: int, span: float, clock: Clock) -> None:
        with self._lock:
            now = clock()
            hits = self._window(key, now, span)
            for _ in range(limit - len(hits) - remaining):
                bisect.insort(hits, now)

    def block(self, key: str, until: float, clock: Clock) -> None:
        with self._lock:
            self._gates[key] = max(self._gates.get(key, 0.0), until)

    def settle(self, key: str, granted_at: float, stamp: float, clock: Clock) -> None:
        with self._lock:
            hits = self._hits.get(key)
            if not hits or stamp <= granted_at:
                return
            i = bisect.bisect_left(hits, granted_at)
            if i < len(hits) and hits[i] == granted_at:
                del hits[i]
                bisect.insort(hits, stamp)

    def add_strike(self, key: str) -> int:
        with self._lock:
            self._strikes[key] = self._strikes.get(key, 0) + 1
            return self._strikes[key]

    def reset_strikes(self, key: str) -> None:
        if key not in self._strikes:  # every answer resets: the common case takes no lock
            return
        with self._lock:
            self._strikes.pop(key, None)

    def state(self, key: str, span: float, clock: Clock) -> GroupState:
        with self._lock:
            used = len(self._window(key, clock(), span))
            return GroupState(used, self._gates.get(key, 0.0), self._strikes.get(key, 0))

    def close(self) -> None:
        """Nothing to release; present so every backend can be closed the same way."""


_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS hits (key TEXT NOT NULL, ts REAL NOT NULL)",
    "CREATE INDEX IF NOT EXISTS hits_key_ts ON hits (key, ts)",
    "CREATE TABLE IF NOT EXISTS gates"
    " (key TEXT PRIMARY KEY, until REAL NOT NULL DEFAULT 0, strikes INTEGER NOT NULL DEFAULT 0)",
)


class SQLiteBackend:
    """State in a SQLite file, shared by every process on the machine that opens the same path.

    Each operation is one `BEGIN IMMEDIATE` transaction, so processes take slots one at a time.
    Timestamps come from the wall clock, the only clock processes share. Transactions last
    microseconds, so async callers run them inline; every process should use the same rates.
    """

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 10.0) -> None:
        _check_seconds("timeout", timeout, allow_zero=False)
        self._path = os.fspath(path)
        self._lock = threading.Lock()
        try:
            self._conn = sqlite3.connect(
                self._path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise ValueError(f"path: cannot open SQLite database {self._path!r}: {exc}") from exc
        try:
            with contextlib.suppress(sqlite3.OperationalError):
                # WAL commits without fsync, so a slot is held for microseconds instead of a disk
                # flush; if another process holds the file right now it has already chosen WAL.
                self._conn.execute("PRAGMA journal_mode=WAL")
                self._conn.execute("PRAGMA synchronous=NORMAL")
            with self._transaction() as db:
                for statement in _SCHEMA:
                    db.execute(statement)
        except sqlite3.Error as exc:
            self._conn.close()
            raise ValueError(f"path: cannot use SQLite database {self._path!r}: {exc}") from exc

    def __repr__(self) -> str:
        return f"SQLiteBackend({self._path!r})"

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @staticmethod
    def _window(db: sqlite3.Connection, key: str, now: float, span: float) -> list[float]:
        db.execute("DELETE FROM hits WHERE key = ? AND ts <= ?", (key, now - span))
        rows = db.execute("SELECT ts FROM hits WHERE key = ? ORDER BY ts", (key,))
        return [float(ts) for (ts,) in rows]

    @staticmethod
    def _gate(db: sqlite3.Connection, key: str) -> tuple[float, int]:
        row = db.execute("SELECT until, strikes FROM gates WHERE key = ?", (key,)).fetchone()
        return (float(row[0]), int(row[1])) if row else (0.0, 0)

    def acquire(self, key: str, ban_key: str, limit: int, span: float, clock: Clock) -> Decision:
        with self._transaction() as db:
            now = clock()
            banned, _ = self._gate(db, ban_key)
            if banned > now:
                return Decision(None, banned - now, banned)
            hits = self._window(db, key, now, span)
            wait = _wait_for(hits, limit, span, now, self._gate(db, key)[0])
            if wait > 0:
                return Decision(None, wait, None)
            db.execute("INSERT INTO hits (key, ts) VALUES (?, ?)", (key, now))
            return Decision(now, 0.0, None)

    def sync_down(self, key: str, remaining: int, limit: int, span: float, clock: Clock) -> None:
        with self._transaction() as db:
            now = clock()
            missing = limit - len(self._window(db, key, now, span)) - remaining
            if missing > 0:
                db.executemany("INSERT INTO hits (key, ts) VALUES (?, ?)", [(key, now)] * missing)

    def settle(self, key: str, granted_at: float, stamp: float, clock: Clock) -> None:
        if stamp <= granted_at:
            return
        with self._transaction() as db:
            db.execute(
                "UPDATE hits SET ts = ? WHERE rowid = "
                "(SELECT rowid FROM hits WHERE key = ? AND ts = ? LIMIT 1)",
                (stamp, key, granted_at),
            )

    def block(self, key: str, until: float, clock: Clock) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO gates (key, until) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET until = max(until, excluded.until)",
                (key, until),
            )

    def add_strike(self, key: str) -> int:
        with self._transaction() as db:
            db.execute(
                "INSERT INTO gates (key, strikes) VALUES (?, 1) "
                "ON CONFLICT (key) DO UPDATE SET strikes = strikes + 1",
                (key,),
            )
            return self._gate(db, key)[1]

    def reset_strikes(self, key: str) -> None:
        with self._transaction() as db:
            db.execute("UPDATE gates SET strikes = 0 WHERE key = ? AND strikes > 0", (key,))

    def state(self, key: str, span: float, clock: Clock) -> GroupState:
        with self._transaction() as db:
            used = len(self._window(db, key, clock(), span))
            until, strikes = self._gate(db, key)
            return GroupState(used, until, strikes)

    def close(self) -> None:
        with self._lock:
            self._conn.close()


RateSpec = Rate | tuple[int, float]
SnapshotValue = int | float | None


class RateLimiter:
    """Per-group budgets for one scope (`"ip"` for quotation, a pocket for exchange) of one host.

    `acquire(group)` blocks until the group may send; `settle(group, granted_at)` moves the
    request's slot to when its send ended; `update(group, status, headers)` feeds each response
    back so `Remaining-Req`, 429 and 418 tighten the budget. All limiters that share a
    backend and host share a 418 block.
    """

    def __init__(
        self,
        rates: Mapping[str, RateSpec] | None = None,
        *,
        scope: str = "ip",
        host: str = DEFAULT_HOST,
        backend: StateBackend | None = None,
        safety_margin: float = 0.05,
        backoff_base: float = 0.25,
        backoff_cap: float = 30.0,
        ban_seconds: float = 60.0,
        clock: Clock = time.time,
        sleep: Callable[[float], None] = time.sleep,
        async_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        random: Callable[[], float] = _random.random,
        blocked_error: Callable[[float], Exception] | None = None,
    ) -> None:
        for name, text in (("scope", scope), ("host", host)):
            if not isinstance(text, str) or not text or "|" in text:
                raise ValueError(f"{name} must be a non-empty string without '|', got {text!r}")
        _check_seconds("safety_margin", safety_margin, allow_zero=True)
        _check_seconds("backoff_base", backoff_base, allow_zero=False)
        _check_seconds("backoff_cap", backoff_cap, allow_zero=False)
        _check_seconds("ban_seconds", ban_seconds, allow_zero=False)
        if backoff_cap < backoff_base:
            raise ValueError(
                f"backoff_cap ({backoff_cap}) must be >= backoff_base ({backoff_base})"
            )
        self._rates = _merge_rates(rates)
        self._scope = scope
        self._host = host
        self._backend: StateBackend = backend if backend is not None else InMemoryBackend()
        self._margin = float(safety_margin)
        self._backoff_base = float(backoff_base)
        self._backoff_cap = float(backoff_cap)
        self._ban_seconds = float(ban_seconds)
        self._clock = clock
        self._sleep = sleep
        self._async_sleep = async_sleep
        self._random = random
        self._blocked_error = blocked_error or (lambda until: LimiterBlocked(until, host))
        self._ban_key = f"{host}|*ban*"
        # Each group's rate, backend key and window, worked out once (asked on every request).
        self._resolved = {
            group: (rate, f"{host}|{scope}|{group}", rate.per_seconds + self._margin)
            for group, rate in self._rates.items()
        }

    def __repr__(self) -> str:
        return f"RateLimiter(scope={self._scope!r}, host={self._host!r}, backend={self._backend!r})"

    @property
    def scope(self) -> str:
        return self._scope

    @property
    def host(self) -> str:
        return self._host

    @property
    def rates(self) -> Mapping[str, Rate]:
        return MappingProxyType(self._rates)

    def _resolve(self, group: str) -> tuple[Rate, str, float]:
        resolved = self._resolved.get(group)
        if resolved is None:
            known = ", ".join(sorted(self._rates))
            raise ValueError(f"group must be one of {known}; got {group!r}")
        return resolved

    def _attempt(self, group: str) -> Decision:
        rate, key, span = self._resolve(group)
        decision = self._backend.acquire(key, self._ban_key, rate.limit, span, self._clock)
        if decision.banned_until is not None:
            raise self._blocked_error(decision.banned_until)
        return decision

    def acquire(self, group: str) -> float:
        """Wait (sleeping the thread) for a slot in `group`; returns when the slot was taken.

        Raises the blocked error at once while the host is blocked by a 418.
        """
        while (decision := self._attempt(group)).granted_at is None:
            self._sleep(max(decision.wait, _MIN_WAIT))
        return decision.granted_at

    async def acquire_async(self, group: str) -> float:
        """Like `acquire`, but waits with the event loop's sleep so other tasks keep running."""
        while (decision := self._attempt(group)).granted_at is None:
            await self._async_sleep(max(decision.wait, _MIN_WAIT))
        return decision.granted_at

    def settle(self, group: str, granted_at: float) -> None:
        """Call when the send of a request on the slot granted at `granted_at` ended: answered,
        failed or cancelled (it may have reached the server all the same).

        The server counted the request at some moment between the grant and the answer, not
        at the grant: a request delayed on the way (a busy server, a preempted thread, the
        network) can land in the same server second as requests sent a full window later. So
        the slot is held until a window after the answer, or after the grant plus the safety
        margin, whichever is later; then no server window, fixed or sliding, ever sees more
        than `limit`, however uneven the delays. Answers faster than the margin change nothing.
        """
        _, key, _ = self._resolve(group)
        stamp = self._clock() - self._margin
        if stamp <= granted_at:  # answered within the margin, as most are: the grant stands
            return
        # The request is already out: an unreachable store must not turn its answer into an
        # error that says nothing was sent. The slot then keeps its grant time.
        try:
            self._backend.settle(key, granted_at, stamp, self._clock)
        except LimiterUnavailable:
            return  # (not contextlib.suppress: a context manager per request costs more)

    def update(
        self,
        group: str,
        status: int,
        headers: Mapping[str, str] | None = None,
        *,
        block_seconds: float | None = None,
    ) -> None:
        """Learn from the response to a request sent in `group`.

        `Remaining-Req` only ever lowers the local budget (responses arrive out of order, so a
        higher count may be stale). 429 closes the group for a window plus a backoff that grows
        with consecutive 429s; 418 blocks every group of the host for `block_seconds`, else
        `Retry-After`, else `ban_seconds`.
        """
        # The request is already out: an unreachable shared store must not turn its answer into
        # an error that says nothing was sent. The next grant fails closed all the same.
        try:
            self._learn(group, status, headers, block_seconds)
        except LimiterUnavailable:
            return

    def _learn(
        self,
        group: str,
        status: int,
        headers: Mapping[str, str] | None,
        block_seconds: float | None,
    ) -> None:
        _, key, span = self._resolve(group)
        self.observe_remaining(_header(headers, "remaining-req"))
        if status not in (418, 429):
            self._backend.reset_strikes(key)
            return
        # Retry-After matters only to a 418 or 429: not looked up on every answer.
        now = self._clock()
        retry_after = parse_retry_after(_header(headers, "retry-after"), now=now)
        if status == 418:
            if block_seconds is not None:
                _check_seconds("block_seconds", block_seconds, allow_zero=False)
            self.ban(now + (block_seconds or retry_after or self._ban_seconds))
        else:
            strikes = self._backend.add_strike(key)
            exponent = min(strikes - 1, _MAX_BACKOFF_EXPONENT)
            backoff = min(self._backoff_cap, self._backoff_base * 2**exponent)
            delay = backoff * (0.5 + 0.5 * self._random())
            self._backend.block(key, now + max(span + delay, retry_after or 0.0), self._clock)

    def observe_remaining(self, header: str | None) -> None:
        """Apply a raw `Remaining-Req` value; unknown groups and garbage are ignored."""
        seen = _remaining_in_group(header) if header else None
        if seen is None:
            return
        group, sec = seen
        resolved = self._resolved.get(group)
        if resolved is None:
            return
        rate, key, span = resolved
        if rate.limit <= _MAX_SYNCED_LIMIT:
            self._backend.sync_down(key, sec, rate.limit, span, self._clock)

    def ban(self, until: float) -> None:
        """Block every group of this host until `until` (a `clock()` time)."""
        self._backend.block(self._ban_key, until, self._clock)

    def snapshot(self) -> dict[str, dict[str, SnapshotValue]]:
        """Plain per-group figures for `health()`; `blocked_until` is None while a group is open."""
        now = self._clock()
        banned = self._backend.state(self._ban_key, 0.0, self._clock).blocked_until
        report: dict[str, dict[str, SnapshotValue]] = {}
        for group, rate in self._rates.items():
            _, key, span = self._resolve(group)
            state = self._backend.state(key, span, self._clock)
            until = max(state.blocked_until, banned)
            report[group] = {
                "limit": rate.limit,
                "window": rate.per_seconds,
                "used": state.used,
                "blocked_until": until if until > now else None,
                "consecutive_429": state.strikes,
            }
        return report

    @classmethod
    def from_env(
        cls,
        rates: Mapping[str, RateSpec] | None = None,
        *,
        scope: str = "ip",
        host: str = DEFAULT_HOST,
        environ: Mapping[str, str] | None = None,
    ) -> RateLimiter:
        """A limiter on the backend the environment selects (see `backend_from_env`)."""
        return cls(rates, scope=scope, host=host, backend=backend_from_env(environ))


_PROCESS_BACKEND = InMemoryBackend()
_backends_lock = threading.Lock()
_shared_backends: dict[str, StateBackend] = {}
_registry_lock = threading.Lock()
# (host, scope) -> the process's limiter and the location of its store (see `_store_location`).
_registry: dict[tuple[str, str], tuple[RateLimiter, str]] = {}

_MEMORY = "memory://"
_REDIS_SCHEMES = ("redis", "rediss", "unix")
_URL_FORMS = (
    "redis://[:password@]host:port/db (or rediss://, unix://; shared across hosts),"
    " sqlite:///path/limits.db (shared on this machine) or memory:// (this process only)"
)


def redact_url(url: str) -> str:
    """`url` with its password (in the user part or the query) replaced by `***`."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return "<unparsable URL>"
    base, _, query = url.partition("?")
    if password is not None:
        userinfo, _, hostport = parts.netloc.rpartition("@")
        base = base.replace(parts.netloc, f"{userinfo.partition(':')[0]}:***@{hostport}", 1)
    pairs = parse_qsl(query, keep_blank_values=True)
    if any(key.lower() == "password" for key, _ in pairs):
        query = urlencode(
            [(k, "***" if k.lower() == "password" else v) for k, v in pairs], safe="*"
        )
    return f"{base}?{query}" if query else base


def _store_location(url: object, name: str) -> str:
    """The store a rate-limit URL names, in one canonical spelling (the key that makes two
    spellings of one SQLite file one store); `name` is the parameter or variable it came from.

    The grammar is the same for `UPBIT_RATE_LIMIT_URL` and the clients' `rate_limit_url=`.
    Only the form is checked here; a Redis URL's details are checked by `RedisBackend`.
    """
    if not isinstance(url, str):
        raise TypeError(f"{name} must be a URL string, {_URL_FORMS}; got {type(url).__name__}")
    text = url.strip()
    shown = redact_url(text)
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        raise ValueError(f"{name}: {shown}: {exc}; it must be {_URL_FORMS}") from None
    scheme = parts.scheme.lower()
    if scheme in _REDIS_SCHEMES:
        return text
    if scheme == "memory" and not (parts.netloc or parts.path or parts.query or parts.fragment):
        return _MEMORY
    if scheme == "sqlite" and not (parts.netloc or parts.query or parts.fragment) and parts.path:
        path = unquote(parts.path)
        if path.startswith("/"):  # sqlite:////abs/path (SQLAlchemy's spelling) is the same file
            path = "/" + path.lstrip("/")
        return "sqlite://" + os.path.abspath(path)
    if scheme in ("memory", "sqlite"):
        example = {
            "memory": "memory:// with nothing after it",
            "sqlite": "sqlite:///path/limits.db (a file of this machine: no host)",
        }[scheme]
        raise ValueError(f"{name}: write {example}, got {shown!r}")
    got = repr(shown) if text else "an empty value"
    raise ValueError(f"{name} must be {_URL_FORMS}; got {got}")


def _env_location(environ: Mapping[str, str] | None) -> tuple[str, str]:
    """The store the environment names, and the variable that named it."""
    env = os.environ if environ is None else environ
    url = env.get(RATE_LIMIT_URL_ENV, "").strip()
    path = env.get(RATE_LIMIT_DB_ENV, "").strip()
    if url and path:
        raise ValueError(
            f"{RATE_LIMIT_URL_ENV} and {RATE_LIMIT_DB_ENV} are both set: set one, the Redis URL"
            " to share a budget across hosts or the SQLite path to share it on one machine"
        )
    if url:
        return _store_location(url, RATE_LIMIT_URL_ENV), RATE_LIMIT_URL_ENV
    if path:
        return "sqlite://" + os.path.abspath(path), RATE_LIMIT_DB_ENV
    return _MEMORY, RATE_LIMIT_URL_ENV


def _backend_at(location: str, name: str) -> StateBackend:
    """The process's one backend for `location`, opened (and a Redis server pinged) on first use."""
    if location == _MEMORY:
        return _PROCESS_BACKEND
    with _backends_lock:
        backend = _shared_backends.get(location)
        if backend is None:
            backend = _shared_backends[location] = (
                _sqlite_backend(location.removeprefix("sqlite://"), name)
                if location.startswith("sqlite://")
                else _redis_backend(location, name)
            )
        return backend


def backend_from_env(environ: Mapping[str, str] | None = None) -> StateBackend:
    """The backend the environment names, one per process and location.

    `UPBIT_RATE_LIMIT_URL=redis://host:port/db` shares the budget with every process on every
    host using that server (the `redis` extra); `sqlite:///path/limits.db` there, or
    `UPBIT_RATE_LIMIT_DB=/path/limits.db`, with the processes of this machine; `memory://`, or
    neither, keeps it in this process. A Redis server that cannot be reached raises
    `LimiterUnavailable` here, when the first client is built.
    """
    return _backend_at(*_env_location(environ))


def _sqlite_backend(path: str, name: str) -> SQLiteBackend:
    try:
        return SQLiteBackend(path)
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from exc


def _redis_backend(url: str, name: str) -> StateBackend:
    from ._extras import require_extra

    require_extra("redis")
    from ._limits_redis import RedisBackend

    try:
        return RedisBackend(url)
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from exc


def shared_limiter(
    scope: str = "ip",
    *,
    host: str = DEFAULT_HOST,
    rates: Mapping[str, RateSpec] | None = None,
    rate_limit_url: str | None = None,
) -> RateLimiter:
    """The process-wide limiter for `scope` of `host`, created on first use.

    Every client in the process (threads and event loops alike) must draw from the same budget,
    because Upbit counts per IP and per pocket, not per client. The store is `rate_limit_url`
    (the forms of `UPBIT_RATE_LIMIT_URL`, which it overrides), else the environment's.

    One store per host: the first limiter of a host fixes it, and later ones of any scope use
    it. A caller naming another store is refused rather than given a second budget (two budgets
    for one IP or pocket together overspend it, and a 418 must stop every scope of the host) or
    moved (running clients would lose the slots they hold). Naming the same store, or none, is
    fine.
    """
    wanted = None if rate_limit_url is None else _store_location(rate_limit_url, "rate_limit_url")
    with _registry_lock:
        entry = _registry.get((host, scope))
        store = next((at for (h, _), (_, at) in _registry.items() if h == host), None)
        if wanted is not None and store is not None and wanted != store:
            raise ValueError(
                f"rate_limit_url: the clients of this process already draw the budget of"
                f" {host!r} from {redact_url(store)}, not {redact_url(wanted)}; a process"
                " keeps one store per host: pass the same rate_limit_url to every client (or"
                f" none), or set {RATE_LIMIT_URL_ENV} before the first one is built"
            )
        if entry is None:
            if store is not None:
                location, name = store, "rate_limit_url"
            elif wanted is not None:
                location, name = wanted, "rate_limit_url"
            else:
                location, name = _env_location(None)
            limiter = RateLimiter(
                rates, scope=scope, host=host, backend=_backend_at(location, name)
            )
            _registry[(host, scope)] = (limiter, location)
            return limiter
        limiter = entry[0]
        if rates is not None and _merge_rates(rates) != dict(limiter.rates):
            raise ValueError(
                f"rates: the shared limiter for scope {scope!r} of {host!r} already uses "
                "other rates; pass the same rates everywhere or none"
            )
        return limiter


def _merge_rates(rates: Mapping[str, RateSpec] | None) -> dict[str, Rate]:
    merged = dict(DEFAULT_RATES)
    if rates is None:
        return merged
    if not isinstance(rates, Mapping):
        raise TypeError(f"rates must be a mapping of group to Rate, got {type(rates).__name__}")
    for group, spec in rates.items():
        if not isinstance(group, str) or not group or "|" in group:
            raise ValueError(f"rates: group names must be non-empty strings, got {group!r}")
        if isinstance(spec, Rate):
            merged[group] = spec
        elif isinstance(spec, tuple) and len(spec) == 2:
            merged[group] = Rate(*spec)
        else:
            raise TypeError(f"rates[{group!r}] must be a Rate or (limit, per_seconds)")
    return merged


def _count(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isascii() and raw.isdigit() else None


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    if headers is None:
        return None
    value = headers.get(name)
    if value is not None:
        return value
    return next((v for k, v in headers.items() if k.lower() == name), None)
