"""A fixed WebSocket firehose for benchmarks/ingest.py: `python _firehose.py --n N --format F`.

Not the sandbox: the sandbox makes ~17 trades a second per market, a real exchange's pace, far
below what a client can decode. This is a minimal RFC 6455 server on the standard library only:
it prints its port, answers the handshake of each connection, waits for the client's first frame
(its subscription request, whatever it says), then writes `n` binary frames of Upbit `trade`
messages (three markets in turn, `sequential_id` rising per market) as fast as the socket takes
them, in chunks of 1,000 frames, and keeps the connection open until the client closes it.
Frames are pre-rendered text with only the id spliced in, so the server costs little CPU.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import json
import os
import sys

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
MARKETS = ("KRW-BTC", "KRW-ETH", "KRW-XRP")
FIRST_SID = 17_960_540_524_580_000  # above 2**53, like Upbit's
MARK = 9_999_999_999_999_999_999


def templates(fmt: str) -> list[tuple[bytes, bytes]]:
    """(before the id, after the id) of one trade message per market."""
    out = []
    for market in MARKETS:
        trade = {
            "type": "trade", "code": market, "timestamp": 1764460000123,
            "trade_date": "2026-11-30", "trade_time": "00:26:40",
            "trade_timestamp": 1764460000000, "trade_price": 103000000.0,
            "trade_volume": 0.00012345, "ask_bid": "BID", "prev_closing_price": 102000000.0,
            "change": "RISE", "change_price": 1000000.0, "sequential_id": MARK,
            "best_ask_price": 103001000.0, "best_ask_size": 0.5, "best_bid_price": 103000000.0,
            "best_bid_size": 0.25, "stream_type": "REALTIME",
        }  # fmt: skip
        if fmt == "SIMPLE":
            short = {
                "type": "ty", "code": "cd", "timestamp": "tms", "trade_date": "td",
                "trade_time": "ttm", "trade_timestamp": "ttms", "trade_price": "tp",
                "trade_volume": "tv", "ask_bid": "ab", "prev_closing_price": "pcp",
                "change": "c", "change_price": "cp", "sequential_id": "sid",
                "best_ask_price": "bap", "best_ask_size": "bas", "best_bid_price": "bbp",
                "best_bid_size": "bbs", "stream_type": "st",
            }  # fmt: skip
            trade = {short[k]: v for k, v in trade.items()}
        before, after = json.dumps(trade).encode().split(str(MARK).encode())
        out.append((before, after))
    return out


def frame(payload: bytes) -> bytes:
    size = len(payload)
    if size < 126:
        return bytes((0x82, size)) + payload
    if size < 65536:
        return bytes((0x82, 126)) + size.to_bytes(2, "big") + payload
    return bytes((0x82, 127)) + size.to_bytes(8, "big") + payload


async def read_frame(reader: asyncio.StreamReader) -> int:
    """One client frame (masked); returns its opcode."""
    head = await reader.readexactly(2)
    size = head[1] & 0x7F
    if size == 126:
        size = int.from_bytes(await reader.readexactly(2), "big")
    elif size == 127:
        size = int.from_bytes(await reader.readexactly(8), "big")
    await reader.readexactly(4 + size)  # mask and payload
    return head[0] & 0x0F


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--format", default="DEFAULT", choices=("DEFAULT", "SIMPLE"))
    parser.add_argument("--cpu", type=int, default=None, help="pin to this core")
    args = parser.parse_args()
    if args.cpu is not None:
        os.sched_setaffinity(0, {args.cpu})
    parts = templates(args.format)

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await reader.readuntil(b"\r\n\r\n")
            key = b""
            for line in request.split(b"\r\n"):
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"sec-websocket-key":
                    key = value.strip()
            accept = base64.b64encode(hashlib.sha1(key + GUID).digest())
            writer.write(
                b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                b"Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + b"\r\n\r\n"
            )
            await read_frame(reader)  # the subscription request
            for start in range(0, args.n, 1000):
                chunk = []
                for i in range(start, min(args.n, start + 1000)):
                    before, after = parts[i % len(parts)]
                    chunk.append(frame(before + str(FIRST_SID + i).encode() + after))
                writer.write(b"".join(chunk))
                await writer.drain()
            while await read_frame(reader) != 0x8:  # PINGs, requests: until the close
                pass
            writer.write(bytes((0x88, 0)))
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def serve() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        print(server.sockets[0].getsockname()[1], flush=True)
        async with server:
            await server.serve_forever()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
