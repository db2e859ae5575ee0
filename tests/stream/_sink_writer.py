"""A child process for the crash tests: writes trade batches to a sink until told to stop.

Usage: python _sink_writer.py jsonl|csv|sqlite DIR TOTAL BATCH. Trade i is of market i % 3, with
sequential_id BASE + i and trade_timestamp crossing a UTC midnight, so files rotate. Prints
"batch N" after each durable batch.
"""

from __future__ import annotations

import sys

from upbit_client.models import WsTrade

from upbit_ext.stream._sinks import CsvSink, JsonlSink, SQLiteSink

MARKETS = ("KRW-BTC", "KRW-ETH", "KRW-XRP")
BASE_SID = 17_960_540_524_580_000
MIDNIGHT_MS = 1_796_083_200_000  # 2026-12-01T00:00:00Z
START_MS = MIDNIGHT_MS - 250


def trade(i: int) -> WsTrade:
    return WsTrade.from_dict({
        "type": "trade", "code": MARKETS[i % 3], "trade_price": 100.0 + i % 7,
        "trade_volume": 0.5, "ask_bid": "BID", "trade_timestamp": START_MS + i // 3,
        "timestamp": START_MS + i // 3, "sequential_id": BASE_SID + i, "stream_type": "REALTIME",
    })  # fmt: skip


def main() -> None:
    kind, directory, total, batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    sink = {"jsonl": JsonlSink, "csv": CsvSink, "sqlite": SQLiteSink}[kind](directory)
    for n, start in enumerate(range(0, total, batch)):
        sink.write(trade(i) for i in range(start, min(total, start + batch)))
        print(f"batch {n}", flush=True)
    sink.close()


if __name__ == "__main__":
    main()
