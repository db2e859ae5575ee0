"""One of several processes that share a rate budget through a SQLite file or a Redis server
(test_limits.py), standing in for a bot on its own host.

Usage: python _limit_worker.py STORE OUT [SKEW [BAN_AFTER BAN_SECONDS]]. STORE is a SQLite
path or a redis:// URL. SKEW (seconds) is added to this process's clock, as on a host whose
clock is wrong. Prints `ready` once set up, then reads a wall-clock deadline from stdin and
takes `candle` slots until then (pausing briefly after each, as a real request would). With
BAN_AFTER, the process reports a 418 (blocking for BAN_SECONDS) BAN_AFTER seconds into the run.
A `LimiterBlocked` is recorded and waited out. OUT gets one event per line, in true time:
`slot T`, `blocked T UNTIL` or `banned T UNTIL`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from upbit_ext._limits import LimiterBlocked, RateLimiter, SQLiteBackend, StateBackend

REQUEST_SECONDS = 0.005


def main() -> None:
    store, out = sys.argv[1], Path(sys.argv[2])
    skew = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    ban_after = float(sys.argv[4]) if len(sys.argv) > 4 else None
    ban_seconds = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0
    backend: StateBackend
    if store.startswith("redis://"):
        from upbit_ext._limits_redis import RedisBackend

        backend = RedisBackend(store)
    else:
        backend = SQLiteBackend(store)

    def clock() -> float:
        return time.time() + skew

    try:
        limiter = RateLimiter(scope="ip", backend=backend, clock=clock)
        print("ready", flush=True)
        deadline = float(sys.stdin.readline())
        started = time.time()
        events: list[str] = []
        while time.time() < deadline:
            if ban_after is not None and time.time() >= started + ban_after:
                limiter.update("candle", 418, block_seconds=ban_seconds)
                events.append(f"banned {time.time()!r} {time.time() + ban_seconds!r}")
                ban_after = None
            try:
                stamp = limiter.acquire("candle") - skew
            except LimiterBlocked as blocked:
                events.append(f"blocked {time.time()!r} {blocked.until - skew!r}")
                time.sleep(max(0.0, blocked.until - clock()))
                continue
            if stamp < deadline:
                events.append(f"slot {stamp!r}")
            time.sleep(REQUEST_SECONDS)
        out.write_text("".join(f"{event}\n" for event in events), encoding="utf-8")
    finally:
        backend.close()


if __name__ == "__main__":
    main()
