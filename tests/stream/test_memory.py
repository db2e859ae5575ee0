"""A slow consumer while 100,000 messages pass: peak RSS stays under a fixed bound.

A loopback WebSocket server (a thread here) pushes trade frames as fast as it can; a child
process (so its peak RSS is its own) reads them through `AsyncStream` with a pause every 10
messages. The control, a queue that can hold everything, shows the bound means something.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from websockets.asyncio.server import ServerConnection, serve

TOTAL = 100_000
BOUND_MB = 40
CHILD = Path(__file__).with_name("_slow_consumer.py")


TRADE = {
    "type": "trade", "code": "KRW-BTC", "trade_date": "2026-11-30", "trade_time": "00:26:40",
    "trade_price": 103000000.0, "trade_volume": 0.00012345, "ask_bid": "BID",
    "prev_closing_price": 102000000.0, "change": "RISE", "change_price": 1000000.0,
    "best_ask_price": 103001000.0, "best_ask_size": 0.5, "best_bid_price": 103000000.0,
    "best_bid_size": 0.25, "stream_type": "REALTIME",
}  # fmt: skip


def frame(sid: int) -> bytes:
    return json.dumps(
        {
            **TRADE,
            "timestamp": 1764460000123 + sid,
            "trade_timestamp": 1764460000000 + sid,
            "sequential_id": 17960540524580000 + sid,
        }
    ).encode()


@pytest.fixture(scope="module")
def firehose() -> Iterator[str]:
    """ws://... that sends TOTAL trade frames after the first request, then closes."""
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    box: dict[str, object] = {}

    async def handler(ws: ServerConnection) -> None:
        await ws.recv()
        for sid in range(1, TOTAL + 1):
            await ws.send(frame(sid))
        await ws.close()

    async def start() -> None:
        server = await serve(handler, "127.0.0.1", 0)
        box["server"] = server
        port = next(iter(server.sockets)).getsockname()[1]
        box["url"] = f"ws://127.0.0.1:{port}/websocket/v1"
        ready.set()

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(start(), loop).result(10)
    ready.wait(10)
    yield str(box["url"])

    async def stop() -> None:
        server = box["server"]
        server.close()  # type: ignore[attr-defined]
        await server.wait_closed()  # type: ignore[attr-defined]

    asyncio.run_coroutine_threadsafe(stop(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)
    loop.close()


def consume(url: str, queue_size: int, overflow: str) -> dict[str, int]:
    result = subprocess.run(
        [sys.executable, str(CHILD), url, str(TOTAL), str(queue_size), overflow],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data: dict[str, int] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


def growth_mb(data: dict[str, int]) -> float:
    return (data["peak_kb"] - data["baseline_kb"]) / 1024


@pytest.mark.parametrize("overflow", ["block", "drop_oldest"])
def test_peak_rss_is_bounded_with_a_slow_consumer(firehose: str, overflow: str) -> None:
    data = consume(firehose, 1000, overflow)
    assert data["queue_peak"] <= 1000
    assert data["seen"] + data["dropped"] == TOTAL
    if overflow == "block":
        assert data["seen"] == TOTAL  # nothing lost, the socket waited
    else:
        assert data["dropped"] > 0  # the consumer really was slower
    assert growth_mb(data) < BOUND_MB, data
    print(f"{overflow}: peak RSS +{growth_mb(data):.1f} MB over {TOTAL:,} messages: {data}")


def test_control_an_unbounded_queue_grows_past_the_bound(firehose: str) -> None:
    data = consume(firehose, TOTAL * 2, "block")
    assert data["queue_peak"] > TOTAL // 2
    assert growth_mb(data) > BOUND_MB, data
    print(f"unbounded: peak RSS +{growth_mb(data):.1f} MB: {data}")
