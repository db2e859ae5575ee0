"""The rate-limit state in a Redis server, shared by processes on every host that uses it.

Each operation is one Lua script, which Redis runs atomically, so processes anywhere take slots
one at a time exactly as threads do on `InMemoryBackend`. Keys are `upbit:rl:{host}:…`: every
key of one Upbit host hashes to one Redis Cluster slot.

Clocks: hosts disagree about the time, so stored times are in the Redis server's frame. Each
process measures its clock's offset to the server's `TIME` (and again every
`_RESYNC_SECONDS`), sends `clock() + offset`, and gets times back in its own frame. A skewed host
therefore neither overfills a window nor waits out its skew. Scripts never move a key's time
backwards (a process whose clock reading arrives late is stamped at the latest time seen), so
the stored order is the order slots were granted. The offset is held between syncs, so a
caller's own clock still drives time (tests use fake clocks).

Failure: the URL is checked and the server pinged when the backend is built (for clients: when
the first `Upbit` is constructed); a server that cannot be reached then raises
`LimiterUnavailable`. At run time an unreachable server raises `LimiterUnavailable` too (fail
closed: nothing is sent). `?fallback=local` on the URL opts in to a budget in this process's
memory while the server is down, retried every `_LOCAL_SECONDS`; the fleet may then exceed the
shared budget, by up to one budget per process.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit

import redis
from redis.backoff import NoBackoff
from redis.commands.core import Script
from redis.retry import Retry

from ._limits import (
    Clock,
    Decision,
    GroupState,
    InMemoryBackend,
    LimiterUnavailable,
    redact_url,
)

__all__ = ["RedisBackend", "redact_url"]

_log = logging.getLogger("upbit_ext.limits")
_T = TypeVar("_T")

_SCHEMES = ("redis", "rediss", "unix")
_FALLBACKS = ("fail", "local")
_DEFAULT_TIMEOUT = "1.0"  # seconds to connect and to answer, unless the URL says otherwise
_RESYNC_SECONDS = 30.0
_LOCAL_SECONDS = 5.0
# Offsets are rounded to 2**-20 s (about 1 µs): adding and removing one then loses no bits.
_OFFSET_GRAIN = float(2**20)
# How far a settled grant time may sit from its stored hit: the offset can be measured again
# between a grant and its answer. Moving a neighbour's hit instead only delays a later slot.
_SETTLE_SLACK = 0.01

# Keys expire some time after their last write, so idle groups leave nothing behind.
_PRELUDE = """
local DAY_MS = 86400000
local function num(v) return tonumber(v) or 0 end
local function fmt(x) return string.format('%.17g', x) end
local function clamp(gate, now)
  local last = tonumber(redis.call('HGET', gate, 'now'))
  if last and last > now then return last end
  return now
end
local function trim(gate, hits, now, span)
  redis.call('ZREMRANGEBYSCORE', hits, '-inf', fmt(now - span))
  redis.call('HSET', gate, 'now', fmt(now))
end
local function keep(key, ms)
  if redis.call('PTTL', key) < ms then redis.call('PEXPIRE', key, ms) end
end
local function take(gate, hits, now, span, count)
  for _ = 1, count do
    redis.call('ZADD', hits, fmt(now), redis.call('HINCRBY', gate, 'seq', 1))
  end
  redis.call('PEXPIRE', hits, math.ceil((span + 600) * 1000))
end
"""

# KEYS: ban gate, gate, hits. ARGV: now, limit, span.
_ACQUIRE = """
local now = clamp(KEYS[2], tonumber(ARGV[1]))
local limit, span = tonumber(ARGV[2]), tonumber(ARGV[3])
local banned = num(redis.call('HGET', KEYS[1], 'until'))
if banned > now then return {'ban', fmt(banned - now), fmt(banned)} end
trim(KEYS[2], KEYS[3], now, span)
keep(KEYS[2], DAY_MS)
local wait = num(redis.call('HGET', KEYS[2], 'until')) - now
local n = redis.call('ZCARD', KEYS[3])
if n >= limit then
  local oldest = redis.call('ZRANGE', KEYS[3], n - limit, n - limit, 'WITHSCORES')
  wait = math.max(wait, tonumber(oldest[2]) + span - now)
end
if wait > 0 then return {'wait', fmt(wait)} end
take(KEYS[2], KEYS[3], now, span, 1)
return {'ok', fmt(now)}
"""

# KEYS: hits. ARGV: granted, stamp, slack. Moves the hit stamped nearest `granted` (within
# `slack`: the offset may have been measured again since) to `stamp` if later, keeping its member.
_SETTLE = """
local granted, stamp, slack = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local near = redis.call('ZRANGEBYSCORE', KEYS[1], fmt(granted - slack), fmt(granted + slack),
  'WITHSCORES')
local best, at, gap = nil, nil, nil
for i = 1, #near, 2 do
  local score = tonumber(near[i + 1])
  local d = math.abs(score - granted)
  if gap == nil or d < gap then best, at, gap = near[i], score, d end
end
if best and stamp > at then
  redis.call('ZADD', KEYS[1], fmt(stamp), best)
  if redis.call('PTTL', KEYS[1]) < 600000 then redis.call('PEXPIRE', KEYS[1], 600000) end
end
return 0
"""

# KEYS: gate, hits. ARGV: now, remaining, limit, span.
_SYNC_DOWN = """
local now = clamp(KEYS[1], tonumber(ARGV[1]))
local span = tonumber(ARGV[4])
trim(KEYS[1], KEYS[2], now, span)
keep(KEYS[1], DAY_MS)
local missing = tonumber(ARGV[3]) - redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[2])
if missing > 0 then take(KEYS[1], KEYS[2], now, span, missing) end
return 0
"""

# KEYS: gate. ARGV: until, now.
_BLOCK = """
local upto, now = tonumber(ARGV[1]), tonumber(ARGV[2])
if upto > num(redis.call('HGET', KEYS[1], 'until')) then
  redis.call('HSET', KEYS[1], 'until', fmt(upto))
end
keep(KEYS[1], math.ceil(math.max(upto - now, 0) * 1000) + DAY_MS)
return 0
"""

# KEYS: gate.
_ADD_STRIKE = """
local strikes = redis.call('HINCRBY', KEYS[1], 'strikes', 1)
keep(KEYS[1], DAY_MS)
return strikes
"""

# KEYS: gate, hits. ARGV: now, span. The gate's `until` is '' when none was ever set.
_STATE = """
local now = clamp(KEYS[1], tonumber(ARGV[1]))
trim(KEYS[1], KEYS[2], now, tonumber(ARGV[2]))
keep(KEYS[1], DAY_MS)
local upto = redis.call('HGET', KEYS[1], 'until') or ''
return {redis.call('ZCARD', KEYS[2]), upto, num(redis.call('HGET', KEYS[1], 'strikes'))}
"""


class RedisBackend:
    """State in a Redis server (`redis://[[user]:password@]host[:port][/db]`, `rediss://` for
    TLS, `unix:///path`), shared by every process on every host that uses the same server.

    Builds its connection pool and pings the server at once: a wrong or unreachable URL fails
    here, not at the first request. A step is one round trip (about 0.1 ms on a LAN), so async
    callers run it inline, as with SQLite. `?fallback=local` in the URL opts in to a local budget
    while the server is down at run time; the default, `fail`, raises `LimiterUnavailable`.
    """

    def __init__(self, url: str) -> None:
        if not isinstance(url, str) or not url.strip():
            raise ValueError("url must be a redis://, rediss:// or unix:// URL, got an empty value")
        url = url.strip()
        self._url = redact_url(url)
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - parses the port, raising on a bad one
        except ValueError as exc:
            raise ValueError(f"url {self._url}: {exc}") from None
        if parts.scheme not in _SCHEMES:
            raise ValueError(f"url must be a redis://, rediss:// or unix:// URL, got {self._url!r}")
        database = parts.path.strip("/")
        if parts.scheme != "unix" and database and not (database.isascii() and database.isdigit()):
            raise ValueError(
                f"url {self._url}: the database must be a number, as in redis://host:6379/0;"
                f" got {database!r}"
            )
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        fallback = query.pop("fallback", "fail")
        if fallback not in _FALLBACKS:
            raise ValueError(
                f"url {self._url}: fallback must be 'fail' or 'local', got {fallback!r}"
            )
        self._fallback = fallback == "local"
        self._password = parts.password or query.get("password") or None
        query.setdefault("socket_connect_timeout", _DEFAULT_TIMEOUT)
        query.setdefault("socket_timeout", _DEFAULT_TIMEOUT)
        plain = f"{url.partition('?')[0]}?{urlencode(query)}"
        try:
            # One retry reconnects after an idle connection was dropped; more would only
            # stretch the time a caller waits to learn that the server is gone.
            self._client = redis.Redis.from_url(plain, retry=Retry(NoBackoff(), 1))
        except (ValueError, TypeError) as exc:
            raise ValueError(f"url {self._url}: {self._scrub(exc)}") from None
        self._scripts: dict[str, Script] = {
            name: self._client.register_script(_PRELUDE + body)
            for name, body in (
                ("acquire", _ACQUIRE),
                ("settle", _SETTLE),
                ("sync_down", _SYNC_DOWN),
                ("block", _BLOCK),
                ("add_strike", _ADD_STRIKE),
                ("state", _STATE),
            )
        }
        self._lock = threading.Lock()
        self._offsets: dict[Clock, tuple[float, float]] = {}
        self._local = InMemoryBackend()
        self._local_until = 0.0
        try:
            self._client.ping()
        except redis.RedisError as exc:
            self._client.close()
            raise LimiterUnavailable(self._url, self._scrub(exc)) from None

    def __repr__(self) -> str:
        return f"RedisBackend({self._url!r})"

    def _scrub(self, exc: BaseException) -> str:
        text = f"{type(exc).__name__}: {exc}"
        return text.replace(self._password, "***") if self._password else text

    def _run(self, remote: Callable[[], _T], local: Callable[[], _T]) -> _T:
        """`remote()`, or on a Redis failure `LimiterUnavailable`, or `local()` if opted in."""
        if self._fallback and time.monotonic() < self._local_until:
            return local()
        try:
            result = remote()
        except redis.RedisError as exc:
            detail = self._scrub(exc)
            if not self._fallback:
                raise LimiterUnavailable(self._url, detail) from None
            if not self._local_until:
                _log.warning(
                    "rate-limit store %s unreachable (%s): using a local budget until it is back",
                    self._url,
                    detail,
                )
            self._local_until = time.monotonic() + _LOCAL_SECONDS
            return local()
        if self._local_until:
            _log.warning("rate-limit store %s reachable again: shared budget resumed", self._url)
            self._local_until = 0.0
        return result

    def _offset(self, clock: Clock) -> float:
        """Server time minus `clock()`, measured now and then around `TIME` calls."""
        with self._lock:
            known = self._offsets.get(clock)
        if known is not None and time.monotonic() - known[1] < _RESYNC_SECONDS:
            return known[0]
        samples = []
        for _ in range(3):  # the fastest round trip brackets the server's reading closest
            before = clock()
            seconds, micros = self._client.time()
            after = clock()
            samples.append((after - before, seconds + micros / 1e6 - (before + after) / 2))
        measured = round(min(samples)[1] * _OFFSET_GRAIN) / _OFFSET_GRAIN
        with self._lock:
            if len(self._offsets) > 64:  # clocks made per call must not grow this forever
                self._offsets.clear()
            self._offsets[clock] = (measured, time.monotonic())
        return measured

    @staticmethod
    def _keys(key: str) -> tuple[str, str]:
        tag = key.split("|", 1)[0]
        base = f"upbit:rl:{{{tag}}}:{key}"
        return f"{base}:gate", f"{base}:hits"

    def acquire(self, key: str, ban_key: str, limit: int, span: float, clock: Clock) -> Decision:
        def remote() -> Decision:
            offset = self._offset(clock)
            gate, hits = self._keys(key)
            reply = self._scripts["acquire"](
                keys=[self._keys(ban_key)[0], gate, hits],
                args=[repr(clock() + offset), limit, repr(float(span))],
            )
            kind = reply[0]
            if kind == b"ok":
                return Decision(float(reply[1]) - offset, 0.0, None)
            if kind == b"ban":
                return Decision(None, float(reply[1]), float(reply[2]) - offset)
            return Decision(None, float(reply[1]), None)

        return self._run(remote, lambda: self._local.acquire(key, ban_key, limit, span, clock))

    def settle(self, key: str, granted_at: float, stamp: float, clock: Clock) -> None:
        def remote() -> None:
            if stamp <= granted_at:
                return
            offset = self._offset(clock)
            self._scripts["settle"](
                keys=[self._keys(key)[1]],
                args=[
                    repr(float(granted_at) + offset),
                    repr(float(stamp) + offset),
                    repr(_SETTLE_SLACK),
                ],
            )

        self._run(remote, lambda: self._local.settle(key, granted_at, stamp, clock))

    def sync_down(self, key: str, remaining: int, limit: int, span: float, clock: Clock) -> None:
        def remote() -> None:
            offset = self._offset(clock)
            self._scripts["sync_down"](
                keys=list(self._keys(key)),
                args=[repr(clock() + offset), remaining, limit, repr(float(span))],
            )

        self._run(remote, lambda: self._local.sync_down(key, remaining, limit, span, clock))

    def block(self, key: str, until: float, clock: Clock) -> None:
        def remote() -> None:
            offset = self._offset(clock)
            self._scripts["block"](
                keys=[self._keys(key)[0]],
                args=[repr(float(until) + offset), repr(clock() + offset)],
            )

        self._run(remote, lambda: self._local.block(key, until, clock))

    def add_strike(self, key: str) -> int:
        def remote() -> int:
            return int(self._scripts["add_strike"](keys=[self._keys(key)[0]]))

        return self._run(remote, lambda: self._local.add_strike(key))

    def reset_strikes(self, key: str) -> None:
        def remote() -> None:
            self._client.hdel(self._keys(key)[0], "strikes")

        self._run(remote, lambda: self._local.reset_strikes(key))

    def state(self, key: str, span: float, clock: Clock) -> GroupState:
        def remote() -> GroupState:
            offset = self._offset(clock)
            used, until, strikes = self._scripts["state"](
                keys=list(self._keys(key)), args=[repr(clock() + offset), repr(float(span))]
            )
            blocked = float(until) - offset if until else 0.0
            return GroupState(int(used), blocked, int(strikes))

        return self._run(remote, lambda: self._local.state(key, span, clock))

    def close(self) -> None:
        self._client.close()
