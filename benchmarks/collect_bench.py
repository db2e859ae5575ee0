"""Persist throughput of the collector's sinks, measured (not asserted):
`python benchmarks/collect_bench.py [--n 200000]`.

Decoded trade messages go through what the collector does per message (`row_of`, buffering
per market/day) and are written in batches of `--batch` rows with each sink's durability
(fsync per batch, a Parquet part per batch, a SQLite transaction per batch). Prints rows/s per
sink on this one core and the bytes on disk.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from upbit_ext.stream import decode
from upbit_ext.stream._sinks import SINKS, make_sink, row_of, utc_day

TRADE = {
    "type": "trade", "code": "KRW-BTC", "trade_date": "2026-11-30", "trade_time": "00:26:40",
    "trade_price": 103000000.0, "trade_volume": 0.00012345, "ask_bid": "BID",
    "prev_closing_price": 102000000.0, "change": "RISE", "change_price": 1000000.0,
    "best_ask_price": 103001000.0, "best_ask_size": 0.5, "best_bid_price": 103000000.0,
    "best_bid_size": 0.25, "stream_type": "REALTIME",
}  # fmt: skip


def trade(i: int, market: str) -> dict[str, object]:
    return {
        **TRADE, "code": market, "sequential_id": 17960540524580000 + i,
        "timestamp": 1764460000123 + i, "trade_timestamp": 1764460000000 + i,
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--batch", type=int, default=5000)
    args = parser.parse_args()
    markets = ("KRW-BTC", "KRW-ETH", "KRW-XRP")
    messages = [decode(json.dumps(trade(i, markets[i % 3])))[0] for i in range(args.n)]
    for name in [s for s in SINKS if s != "postgres"]:  # postgres: postgres_sink.py
        with tempfile.TemporaryDirectory() as tmp:
            sink = make_sink(name, tmp)
            start = time.perf_counter()
            buffer: dict[tuple[str, str, str], list[dict[str, object]]] = {}
            pending = 0
            for message in messages:
                found = row_of(message)
                assert found is not None
                kind, row = found
                key = (kind, str(row["market"]), utc_day(int(row["trade_timestamp"])))
                buffer.setdefault(key, []).append(row)
                pending += 1
                if pending >= args.batch:
                    for (k, m, d), rows in buffer.items():
                        sink.write(k, m, d, rows)
                    buffer, pending = {}, 0
            for (k, m, d), rows in buffer.items():
                sink.write(k, m, d, rows)
            sink.close()
            elapsed = time.perf_counter() - start
            size = sum(p.stat().st_size for p in Path(tmp).rglob("*") if p.is_file())
            print(
                f"persist {name:8s} {args.n / elapsed:10,.0f} rows/s  "
                f"({size / args.n:5.1f} bytes/row on disk, batches of {args.batch})"
            )


if __name__ == "__main__":
    main()
