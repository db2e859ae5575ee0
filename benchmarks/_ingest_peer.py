"""Peer side of benchmarks/ingest.py, run in `.venv-bench` (never imports upbit_ext).

`python _ingest_peer.py decode CLIENT FORMAT N` times the peer's own frame parser in process;
`python _ingest_peer.py stream CLIENT FORMAT N URL` receives N trade messages from the firehose
at ws://host:port through the peer's WebSocket client. Prints one JSON object: messages, seconds
(first message to last), cpu (process seconds over the same span).

- upbit-sdk 1.1.0: `AsyncUpbit(websocket_base_url=URL).ws_stream.trade(codes, format=...)`, its
  documented base-URL option; decode is its `parse_websocket_message` (typed pydantic events).
- pyupbit 0.2.34: `WebSocketManager` has no URL option (wss://api.upbit.com is a local variable
  of its connect method), so this script wraps `websockets.connect` in the pyupbit module to
  redirect that one URL to the firehose; nothing else of pyupbit changes. It parses with
  `json.loads` into plain dicts in a child process and hands them over a multiprocessing queue.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _firehose import FIRST_SID, MARKETS, templates


def frames(fmt: str, n: int) -> list[bytes]:
    parts = templates(fmt)
    out = []
    for i in range(n):
        before, after = parts[i % len(parts)]
        out.append(before + str(FIRST_SID + i).encode() + after)
    return out


def decode(client: str, fmt: str, n: int) -> dict[str, Any]:
    payloads = frames(fmt, n)
    if client == "upbit-sdk":
        from upbit.lib.ws._parser import parse_websocket_message

        def parse(raw: bytes) -> object:
            return parse_websocket_message(raw, endpoint="public").events
    else:

        def parse(raw: bytes) -> object:
            return json.loads(raw.decode("utf8"))  # what pyupbit's WebSocketManager does

    parse(payloads[0])
    start, cpu = time.perf_counter(), time.process_time()
    for raw in payloads:
        parse(raw)
    return {
        "messages": n,
        "seconds": time.perf_counter() - start,
        "cpu": time.process_time() - cpu,
    }


async def sdk_stream(fmt: str, n: int, url: str) -> dict[str, Any]:
    from upbit import AsyncUpbit

    client = AsyncUpbit(access_key="bench", secret_key="bench", websocket_base_url=url)
    got = 0
    start = cpu = 0.0
    async with client.ws_stream.trade(list(MARKETS), format=fmt) as conn:  # type: ignore[arg-type]
        async for _event in conn:
            if got == 0:
                start, cpu = time.perf_counter(), time.process_time()
            got += 1
            if got >= n:
                break
        elapsed, used = time.perf_counter() - start, time.process_time() - cpu
        await conn.close()
    return {"messages": got, "seconds": elapsed, "cpu": used}


def pyupbit_stream(n: int, url: str) -> dict[str, Any]:
    import pyupbit.websocket_api as api
    import websockets

    real = websockets.connect

    def connect(uri: str, *args: Any, **kwargs: Any) -> Any:
        if uri == "wss://api.upbit.com/websocket/v1":
            uri = url + "/websocket/v1"
        return real(uri, *args, **kwargs)

    api.websockets.connect = connect  # type: ignore[assignment]
    manager = api.WebSocketManager("trade", list(MARKETS), qsize=10_000)
    got = 0
    start = cpu = 0.0
    try:
        while got < n:
            manager.get()
            if got == 0:
                start, cpu = time.perf_counter(), time.process_time()
            got += 1
        # pyupbit parses in its child process: count the child's CPU too.
        elapsed = time.perf_counter() - start
        used = time.process_time() - cpu
    finally:
        manager.terminate()
    return {"messages": got, "seconds": elapsed, "cpu": used, "cpu_excludes_child": True}


def main() -> None:
    mode, client, fmt, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    if mode == "decode":
        result = decode(client, fmt, n)
    elif client == "upbit-sdk":
        result = asyncio.run(sdk_stream(fmt, n, sys.argv[5]))
    else:
        result = pyupbit_stream(n, sys.argv[5])
    print(json.dumps(result))


if __name__ == "__main__":
    main()
