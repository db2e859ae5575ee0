"""Backfill: 1-minute candles of one market over a long span, against the candle group's limit.

The minimum wall time is set by Upbit's limit, not by the client: `requests / 10 per second`
for pages of 200 candles. The sandbox (another process, limits on) holds detailed history for
the whole span (`days + 1` back); the reference is its own set of minutes with trades, so the
expected answer is exact: each of those minutes once. Counted per client: wall time of the
fetch alone (client built beforehand), candles, duplicates, holes (minutes of the covered span
missing), and the candle requests, 429s and 418s the sandbox saw.

Clients: ours `iter_candles(start=, end=)`; pyupbit `get_ohlcv(count=, to=)` (its own paging,
0.1 s sleep between pages); ccxt `fetch_ohlcv` paged forward by `since`; upbit-sdk
`candles.list_minutes` paged back by `to` by hand (the SDK has no candle pager). A full run
gives ours the whole year and bounds each peer to its first `PEER_REQUESTS` pages (said in the
row), so its ratio is over the span it covered. The clients run at the same time, each against
a sandbox of its own (the run takes as long as ours' year, which the candle limit sets).

    python benchmarks/backfill.py [--quick]
"""

from __future__ import annotations

import json
import math
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _peers_safety import (
    CLIENTS,
    CountedSandbox,
    concurrently,
    counted_delta,
    drive,
    quartiles,
    sandboxes,
    versions,
)

LIMIT = 10  # candle group, requests per second
PAGE = 200
PEER_REQUESTS = 100  # full run: a peer's first pages only (a year at its pace is minutes each)
UNBOUNDED = 10**9
# Each client backfills its own market, all equally busy, so none reads history another client
# made the sandbox simulate (cached) before it: every first round is equally cold. 6 trades a
# minute keep the sandbox from being the bottleneck (a cold page of 200 minutes ~60 ms here;
# at 20 trades/min ~120 ms on a loaded 2-core machine, more than the 100 ms a page may take
# at 10/s), and leave ~1.5 % of minutes without trades, so a page spans ~203 minutes; holes
# are counted against the sandbox's own minutes with trades.
MARKETS = ("KRW-BTC", "KRW-ETH", "KRW-XRP", "KRW-SOL")
TRADES_PER_MINUTE = 6


def run_one(
    sandbox: CountedSandbox, client: str, market: str, days: float, max_requests: int
) -> dict[str, Any]:
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    end = now - timedelta(minutes=2)  # whole minutes only, none still trading
    start = end - timedelta(days=days)
    sandbox.reset_limits()
    before = sandbox.stats()
    seen = drive(
        client, "backfill", url=sandbox.url, market=market, end=end.isoformat(), days=days,
        max_requests=max_requests,
    )  # fmt: skip
    counts = counted_delta(before, sandbox.stats(), "candle")
    if seen.get("error"):
        return {
            "error": f"{seen['error']} after {counts['200']} pages "
            f"({counts['429']} 429s, {counts['418']} 418s)"
        }
    lo, hi = int(start.timestamp()) // 60, int(end.timestamp()) // 60  # [lo, hi)
    minutes = [m for m in seen["minutes"] if lo <= m < hi]
    unique = set(minutes)
    bounded = max_requests < UNBOUNDED and len(unique) < hi - lo
    if bounded and unique:
        lo, hi = min(unique), max(unique) + 1  # the part of the span a bounded peer covered
    expected = sandbox.minutes_with_candles(market, lo, hi)  # the sandbox's own answer
    requests = counts["200"] + counts["429"] + counts["418"]
    minimum = math.ceil(expected / PAGE) / LIMIT
    return {
        "ratio": seen["wall"] / minimum, "wall_s": seen["wall"], "minimum_s": minimum,
        "candles": len(minutes), "expected": expected, "duplicates": len(minutes) - len(unique),
        "holes": expected - len(unique), "outside_span": len(seen["minutes"]) - len(minutes),
        "requests": requests, "429": counts["429"], "418": counts["418"], "bounded": bounded,
    }  # fmt: skip


def run(
    quick: bool, *, days: float | None = None, clients: tuple[str, ...] = CLIENTS
) -> list[dict[str, Any]]:
    span_days = days if days is not None else (2.0 if quick else 365.0)
    rounds = 1
    runs: dict[str, list[dict[str, Any]]] = {c: [] for c in clients}
    options = {"history_days": span_days + 1, "trades_per_minute": TRADES_PER_MINUTE}
    with sandboxes(len(clients), **options) as boxes:
        for round_ in range(rounds):
            jobs = {
                client: lambda i=i, client=client, r=round_: run_one(
                    boxes[i], client, MARKETS[(i + r) % len(MARKETS)], span_days,
                    UNBOUNDED if quick or client == "upbit_ext" else PEER_REQUESTS,
                )
                for i, client in enumerate(clients)
            }  # fmt: skip
            for client, result in concurrently(jobs).items():
                runs[client].append(result)
    speed: dict[str, Any] = {}
    quality: dict[str, Any] = {}
    for client in clients:
        done = [r for r in runs[client] if "ratio" in r]
        errors = [r["error"] for r in runs[client] if "error" in r]
        if not done:
            speed[client] = {"median": None, "p25": None, "p75": None, "n": 0, "errors": errors}
            continue
        last = done[-1]
        extra = {
            k: last[k]
            for k in (
                "wall_s",
                "minimum_s",
                "candles",
                "expected",
                "duplicates",
                "holes",
                "outside_span",
                "requests",
                "429",
                "418",
                "bounded",
            )
        }
        if errors:
            extra["errors"] = errors
        speed[client] = {**quartiles([r["ratio"] for r in done]), **extra}
        quality[client] = {
            **quartiles([float(r["duplicates"] + r["holes"]) for r in done]),
            "duplicates": sum(r["duplicates"] for r in done),
            "holes": sum(r["holes"] for r in done),
        }  # fmt: skip
    peers_bound = "" if quick else f"; peers bounded to their first {PEER_REQUESTS} pages"
    notes = (
        f"sandbox in another process, candle group limited to {LIMIT}/s; clients run "
        f"concurrently, each against its own sandbox and market ({TRADES_PER_MINUTE} trades/min "
        f"each; round 1 cold, later rounds warm for all), "
        f"{span_days:g} days of 1-minute candles ending 2 minutes before the run; holes "
        f"counted against the sandbox's own minutes with trades; minimum = ceil(minutes / "
        f"{PAGE}) / {LIMIT} s; {rounds} round(s); default settings{peers_bound}; "
        f"peers {versions(clients)}"
    )
    return [
        {"bench": "backfill",
         "case": f"{span_days:g} days of 1-minute candles: wall time / minimum",
         "unit": "x minimum", "better": "lower", "target": "<= 1.05x (ours)",
         "results": speed, "notes": notes},
        {"bench": "backfill", "case": f"{span_days:g} days of 1-minute candles: duplicates + holes",
         "unit": "candles", "better": "lower", "target": "0 (ours)",
         "results": quality, "notes": notes},
    ]  # fmt: skip


if __name__ == "__main__":
    print(json.dumps(run("--quick" in sys.argv), indent=1, ensure_ascii=False))
