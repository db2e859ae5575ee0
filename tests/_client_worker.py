"""One bot of several for test_limits_redis.py: an `Upbit` client whose budget comes only from
its `rate_limit_url=` argument (the test clears the environment's variables).

Usage: python _client_worker.py BASE_URL RATE_LIMIT_URL. Prints `ready` once the client is
built, then reads a wall-clock deadline from stdin and asks for day candles (the `candle`
group) until then, with retries off so a 429 surfaces. Prints `{"ok": N, "429": M}` at the end.
"""

from __future__ import annotations

import json
import sys
import time

from upbit_ext import RateLimited, Upbit


def main() -> None:
    base_url, rate_limit_url = sys.argv[1], sys.argv[2]
    counts = {"ok": 0, "429": 0}
    with Upbit(base_url=base_url, max_retries=0, rate_limit_url=rate_limit_url) as client:
        print("ready", flush=True)
        deadline = float(sys.stdin.readline())
        while time.time() < deadline:
            try:
                client.list_day_candles(market="KRW-BTC")
                counts["ok"] += 1
            except RateLimited:
                counts["429"] += 1
    print(json.dumps(counts), flush=True)


if __name__ == "__main__":
    main()
