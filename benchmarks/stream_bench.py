"""Stream throughput and memory, measured (not asserted): `python benchmarks/stream_bench.py`.

1. decode: trade frames per second through `upbit_ext.stream.decode` (DEFAULT, SIMPLE, Decimal).
2. end to end: a loopback WebSocket server pushes N trade frames as fast as it can to an
   `AsyncStream`; a slow consumer (a pause every 1,000 messages) reads them. Prints messages/s,
   the queue's peak, drops, and the process's RSS before and after (Linux /proc).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import time
from typing import Any

from websockets.asyncio.server import ServerConnection, serve

from upbit_ext.stream import AsyncStream, decode

TRADE = {
    "type": "trade", "code": "KRW-BTC", "timestamp": 1764460000123, "trade_date": "2026-11-30",
    "trade_time": "00:26:40", "trade_timestamp": 1764460000000, "trade_price": 103000000.0,
    "trade_volume": 0.00012345, "ask_bid": "BID", "prev_closing_price": 102000000.0,
    "change": "RISE", "change_price": 1000000.0, "sequential_id": 17960540524580000,
    "best_ask_price": 103001000.0, "best_ask_size": 0.5, "best_bid_price": 103000000.0,
    "best_bid_size": 0.25, "stream_type": "REALTIME",
}  # fmt: skip
SIMPLE = {
    "ty": "trade", "cd": "KRW-BTC", "tp": 103000000.0, "tv": 0.00012345, "ab": "BID",
    "ttms": 1764460000000, "tms": 1764460000123, "sid": 17960540524580000, "st": "REALTIME",
}  # fmt: skip


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def bench_decode(n: int) -> None:
    for name, payload, decimal in (
        ("DEFAULT", TRADE, False),
        ("DEFAULT decimal", TRADE, True),
        ("SIMPLE", SIMPLE, False),
    ):
        frame = json.dumps(payload).encode()
        start = time.perf_counter()
        for _ in range(n):
            decode(frame, decimal=decimal)
        elapsed = time.perf_counter() - start
        print(f"decode {name:16s} {n / elapsed:10,.0f} messages/s")


def _serve(n: int, ports: Any) -> None:
    """Another process: a WebSocket server that pushes `n` trade frames to its client."""

    async def push(ws: ServerConnection) -> None:
        await ws.recv()  # the subscription
        base = dict(TRADE)
        for i in range(n):
            base["sequential_id"] = TRADE["sequential_id"] + i
            await ws.send(json.dumps(base).encode())
        await asyncio.sleep(60)

    async def run() -> None:
        async with serve(push, "127.0.0.1", 0) as server:
            ports.put(server.sockets[0].getsockname()[1])
            await asyncio.sleep(600)

    asyncio.run(run())


async def bench_stream(n: int, overflow: str, queue_size: int) -> None:
    ports: Any = multiprocessing.Queue()
    server = multiprocessing.Process(target=_serve, args=(n, ports), daemon=True)
    server.start()
    port = ports.get(timeout=10)
    before = rss_mb()
    stream = AsyncStream(
        url=f"ws://127.0.0.1:{port}/websocket/v1", queue_size=queue_size,
        overflow=overflow,  # type: ignore[arg-type]
    )  # fmt: skip
    start = time.perf_counter()
    got = 0
    peak_rss = before
    try:
        async with stream:
            await stream.subscribe("trade", ["KRW-BTC"])
            async for _ in stream:
                got += 1
                if got + stream.stats.dropped >= n:
                    break
                if got % 1000 == 0:
                    await asyncio.sleep(0.01)  # the slow consumer
                    peak_rss = max(peak_rss, rss_mb())
            elapsed = time.perf_counter() - start
            stats: Any = stream.stats
    finally:
        server.terminate()
        server.join()
    print(
        f"stream {overflow:11s} {n:,} sent, {got:,} read in {elapsed:.1f} s "
        f"({got / elapsed:,.0f}/s), queue peak {stats.queue_peak}, dropped {stats.dropped}, "
        f"RSS {before:.0f} -> peak {peak_rss:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--decode", type=int, default=200_000)
    parser.add_argument("--stream", type=int, default=100_000)
    args = parser.parse_args()
    bench_decode(args.decode)
    for overflow in ("block", "drop_oldest"):
        asyncio.run(bench_stream(args.stream, overflow, 1000))


if __name__ == "__main__":
    main()
