"""One of several processes that share a rate budget through a SQLite file (test_limits.py).

Usage: python _limit_worker.py DB OUT. Prints `ready` once set up, then reads a wall-clock
deadline from stdin, takes `candle` slots until then (pausing briefly after each, as a real
request would), and writes the timestamps the backend recorded to OUT, one per line.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from upbit_ext._limits import RateLimiter, SQLiteBackend

REQUEST_SECONDS = 0.005


def main() -> None:
    db, out = sys.argv[1], Path(sys.argv[2])
    backend = SQLiteBackend(db)
    try:
        limiter = RateLimiter(scope="ip", backend=backend)
        print("ready", flush=True)
        deadline = float(sys.stdin.readline())
        stamps: list[float] = []
        while (stamp := limiter.acquire("candle")) < deadline:
            stamps.append(stamp)
            time.sleep(REQUEST_SECONDS)
        out.write_text("".join(f"{stamp!r}\n" for stamp in stamps), encoding="utf-8")
    finally:
        backend.close()


if __name__ == "__main__":
    main()
