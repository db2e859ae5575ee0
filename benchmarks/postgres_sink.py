"""How fast does the PostgreSQL sink store trades, and is COPY or executemany the better way?

`python benchmarks/postgres_sink.py [--quick]` starts a throwaway local PostgreSQL (the tests'
fixture, tests/_postgres.py: initdb into a temporary directory, fsync off) and writes batches
of trade rows through `PostgresSink` with each method, interleaved in rounds. Each batch is one
transaction: COPY into a staging table then INSERT ... ON CONFLICT DO NOTHING, or executemany
of INSERT ... ON CONFLICT DO NOTHING (psycopg 3 pipelines it); `auto` (the sink's default)
picks by batch size. The "half already stored" case
is what a second, redundant collector sends: every row conflicts with one stored before.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from _postgres import running_postgres

from upbit_ext.stream._sink_postgres import PostgresSink

TRADE = {
    "market": "KRW-BTC", "trade_price": 103000000.0, "trade_volume": 0.00012345,
    "ask_bid": "BID", "timestamp": 1764460000123, "trade_date": "2026-11-30",
    "trade_time": "00:26:40", "prev_closing_price": 102000000.0, "change": "RISE",
    "change_price": 1000000.0, "best_ask_price": 103001000.0, "best_ask_size": 0.5,
    "best_bid_price": 103000000.0, "best_bid_size": 0.25, "stream_type": "REALTIME",
}  # fmt: skip


def batch(start: int, n: int) -> list[dict[str, Any]]:
    return [
        {**TRADE, "sequential_id": 17960540524580000 + i, "trade_timestamp": 1764460000000 + i}
        for i in range(start, start + n)
    ]


def run(quick: bool) -> list[dict[str, Any]]:
    sizes = (20, 1000) if quick else (20, 100, 300, 1000, 5000)
    rounds = 3 if quick else 5
    out: list[dict[str, Any]] = []
    with running_postgres() as server:
        dsn = server.create_database("bench")
        sinks = {m: PostgresSink(dsn, method=m) for m in ("auto", "copy", "executemany")}  # type: ignore[arg-type]
        next_id = 0
        for duplicates in (False, True):
            for size in sizes:
                per_round = min(max(size * 10, 1000), 10000)  # rows per method and round
                rates: dict[str, list[float]] = {m: [] for m in sinks}
                for r in range(rounds):
                    order = list(sinks) if r % 2 == 0 else list(reversed(sinks))
                    for method in order:
                        rows = [batch(next_id + i, size) for i in range(0, per_round, size)]
                        next_id += per_round
                        if duplicates:  # store them first; the timed pass conflicts on every row
                            for b in rows:
                                sinks[method].write("trade", "KRW-BTC", "d", b)
                        start = time.perf_counter()
                        for b in rows:
                            sinks[method].write("trade", "KRW-BTC", "d", b)
                        rates[method].append(per_round / (time.perf_counter() - start))
                results = {}
                for method, values in rates.items():
                    q = statistics.quantiles(values, n=4) if len(values) > 1 else values * 3
                    results[f"upbit_ext ({method})"] = {
                        "median": statistics.median(values), "p25": q[0], "p75": q[2],
                        "n": len(values),
                    }  # fmt: skip
                what = "all already stored (a redundant collector)" if duplicates else "all new"
                out.append(
                    {
                        "bench": "postgres_sink",
                        "case": f"trades into PostgreSQL, batches of {size}, {what}",
                        "unit": "rows/s",
                        "better": "higher",
                        "target": None,
                        "results": results,
                        "notes": (
                            f"local PostgreSQL {server.version} over loopback TCP, fsync off; one "
                            f"transaction per batch; {per_round} rows per method and round, "
                            f"{rounds} rounds interleaved; auto (the sink's default) takes "
                            "executemany below 250 rows, copy from 250"
                        ),
                    }
                )
        for sink in sinks.values():
            sink.close()
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    print(json.dumps(run(parser.parse_args().quick), indent=1))
