"""Child process for the memory test: a slow consumer of an `AsyncStream` fed as fast as the
server can. Prints one JSON line: RSS before and at peak (VmHWM), messages seen, drops."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from upbit_ext.stream import AsyncStream, StreamClosed


def peak_rss_kb() -> int:
    """This process's own RSS high-water mark. Not `ru_maxrss`: Linux carries that across
    `exec` from the parent, so a child of a big pytest process would start at its parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


async def main(url: str, total: int, queue_size: int, overflow: str) -> None:
    baseline = peak_rss_kb()
    seen = 0
    async with AsyncStream(
        url=url, queue_size=queue_size, overflow=overflow, reconnect=False, stall_timeout=None
    ) as stream:  # type: ignore[arg-type]
        await stream.subscribe("trade", ["KRW-BTC"])
        await asyncio.sleep(3)  # the consumer is away while the firehose runs
        try:
            async for _ in stream:
                seen += 1
                if seen % 10 == 0:
                    await asyncio.sleep(0.001)  # the consumer is slower than the socket
                if seen >= total:
                    break
        except StreamClosed:
            pass
        stats = stream.stats
    peak = peak_rss_kb()
    print(
        json.dumps(
            {
                "baseline_kb": baseline,
                "peak_kb": peak,
                "seen": seen,
                "dropped": stats.dropped,
                "queue_peak": stats.queue_peak,
            }
        )
    )


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]))
