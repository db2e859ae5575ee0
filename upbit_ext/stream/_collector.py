"""`Collector`: a public stream written to disk in batches, resumable after any crash.

It subscribes `types` for `markets` on one `AsyncStream` (backfill through `AsyncUpbit`, so
every trade arrives exactly once, in order per market), turns messages into flat rows, buffers
them per type/market/UTC day, and hands full buffers (`batch_rows`) or old ones
(`flush_seconds`) to a sink. On start it asks the sink for each market's newest stored trade
and resumes the stream after it: the trades missed while it was down come from REST and
nothing already stored is written again. Reconnects, stalls and starts are recorded in
``OUT/_events.jsonl`` (charts mark them), or the database's `collector_event` table.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import httpx

from ._errors import StreamAuthError, StreamClosed, StreamError
from ._request import parse_codes
from ._sinks import SINKS, Row, Sink, make_sink, row_of, utc_day
from ._stream import AsyncStream

__all__ = ["DEFAULT_BASE_URL", "EVENTS_FILE", "Collector", "CollectorStats", "ws_url_for"]

DEFAULT_BASE_URL: Final = "https://api.upbit.com"
EVENTS_FILE: Final = "_events.jsonl"
TYPES: Final = ("trade", "ticker", "orderbook")


def ws_url_for(base_url: str) -> str:
    """The WebSocket URL of a REST host: https://h -> wss://h/websocket/v1."""
    url = httpx.URL(base_url)
    scheme = {"https": "wss", "http": "ws"}.get(url.scheme)
    if scheme is None or not url.host:
        raise ValueError(f"base_url must be an http:// or https:// URL, got {base_url!r}")
    return str(url.copy_with(scheme=scheme, path="/websocket/v1", query=None, fragment=None))


@dataclass
class CollectorStats:
    """What the collector did since it started; `rates` are messages/s over the last tick."""

    messages: dict[str, int] = field(default_factory=dict)
    rates: dict[str, float] = field(default_factory=dict)
    rows: int = 0
    bytes: int = 0
    flushes: int = 0
    reconnects: int = 0
    stalls: int = 0
    gaps_filled: int = 0
    duplicates: int = 0
    errors: int = 0
    resumed: dict[str, int] = field(default_factory=dict)
    started: float = field(default_factory=time.time)


class Collector:
    """Collect `types` of `markets` into `out` with the `sink` (jsonl, csv, parquet, sqlite),
    or into the PostgreSQL database at `dsn` (`out=None`, `sink="postgres"`).

    ```python
    collector = Collector("data", ["KRW-BTC", "KRW-ETH"], types=["trade"], sink="parquet")
    await collector.run(duration=60)   # or until collector.stop()
    Collector(None, ["KRW-BTC"], sink="postgres", dsn="postgresql://upbit@db-host/market")
    ```
    """

    def __init__(
        self,
        out: str | os.PathLike[str] | None,
        markets: str | Sequence[str],
        *,
        types: str | Sequence[str] = ("trade",),
        sink: str = "jsonl",
        base_url: str = DEFAULT_BASE_URL,
        ws_url: str | None = None,
        flush_seconds: float = 1.0,
        batch_rows: int = 5000,
        verify: float | None = None,
        stream_options: Mapping[str, Any] | None = None,
        dsn: str | None = None,
    ) -> None:
        try:
            self._markets = parse_codes(markets)
        except (ValueError, TypeError) as err:
            raise ValueError(str(err).replace("codes", "markets", 1)) from None
        if not self._markets or any("." in m for m in self._markets):
            raise ValueError("markets: give at least one pair code such as KRW-BTC")
        kinds = parse_types(types)
        if sink not in SINKS:
            raise ValueError(f"sink must be one of {', '.join(SINKS)}, got {sink!r}")
        _positive("flush_seconds", flush_seconds)
        if verify is not None:
            _positive("verify", verify)
        if isinstance(batch_rows, bool) or not isinstance(batch_rows, int) or batch_rows < 1:
            raise ValueError(f"batch_rows must be an integer >= 1, got {batch_rows!r}")
        self._types = kinds
        self._base_url = base_url.rstrip("/")
        self._ws_url = ws_url or ws_url_for(self._base_url)
        self._out = None if out is None else Path(out)
        self._sink: Sink = make_sink(sink, self._out, dsn=dsn)
        self._flush_seconds = float(flush_seconds)
        self._batch_rows = batch_rows
        self._verify = verify
        self._stream_options = dict(stream_options or {})
        self._buffer: dict[tuple[str, str, str], list[Row]] = {}
        self._buffered = 0
        self._stats = CollectorStats(messages=dict.fromkeys(kinds, 0))
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._stop_requested = False
        self._inflight: asyncio.Future[tuple[int, int]] | None = None
        self._full = asyncio.Event()

    def __repr__(self) -> str:
        return f"Collector({self.where!r}, sink={self._sink.name!r})"

    @property
    def stats(self) -> CollectorStats:
        return self._stats

    @property
    def out(self) -> Path | None:
        return self._out

    @property
    def where(self) -> str:
        """The directory, or the database URL without its password."""
        return str(self._out) if self._out is not None else str(getattr(self._sink, "where", ""))

    def stop(self) -> None:
        """Ask `run` to flush and return (safe from signal handlers and other threads)."""
        self._stop_requested = True
        if self._loop is not None and self._stop is not None:
            with contextlib.suppress(RuntimeError):  # the loop has already closed
                self._loop.call_soon_threadsafe(self._stop.set)

    def _event(self, event: str, **extra: Any) -> None:
        line = {"ts": int(time.time() * 1000), "event": event, **extra}
        if self._out is None:  # a database sink keeps them in a table
            record = getattr(self._sink, "record_event", None)
            if record is not None:
                record(line)
            return
        self._out.mkdir(parents=True, exist_ok=True)
        with (self._out / EVENTS_FILE).open("a", encoding="utf-8") as f:
            f.write(json.dumps(line, separators=(",", ":")) + "\n")
            f.flush()
            os.fsync(f.fileno())

    def _add(self, message: object) -> None:
        found = row_of(message)
        if found is None:
            return
        kind, row = found
        if kind not in self._stats.messages:
            return
        self._stats.messages[kind] += 1
        stamp = row["trade_timestamp"] if kind == "trade" else row["timestamp"]
        key = (kind, str(row["market"]), utc_day(int(stamp)))
        self._buffer.setdefault(key, []).append(row)
        self._buffered += 1

    def _write(self, batch: dict[tuple[str, str, str], list[Row]]) -> tuple[int, int]:
        rows = size = 0
        for (kind, market, day), items in batch.items():
            stored, written = self._sink.write(kind, market, day, items)
            rows += stored
            size += written
        return rows, size

    async def _flush(self) -> None:
        """Write the buffer in a thread (the stream keeps reading meanwhile). One flush at a
        time; a flush whose caller was cancelled still finishes before the next starts."""
        if self._inflight is not None:
            with contextlib.suppress(Exception):
                await asyncio.shield(self._inflight)
            self._inflight = None
        if not self._buffer:
            return
        batch, self._buffer, self._buffered = self._buffer, {}, 0
        self._full.clear()
        self._inflight = asyncio.ensure_future(asyncio.to_thread(self._write, batch))
        rows, size = await asyncio.shield(self._inflight)
        self._inflight = None
        self._stats.rows += rows
        self._stats.bytes += size
        self._stats.flushes += 1

    async def run(
        self,
        duration: float | None = None,
        *,
        on_status: Callable[[CollectorStats], None] | None = None,
        status_every: float = 0.5,
    ) -> CollectorStats:
        """Collect until `stop()` (or `duration` seconds); flushes everything before returning.
        Raises `StreamAuthError`/`StreamClosed` when the stream gives up (after flushing)."""
        from .._client import AsyncUpbit

        loop = self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        if self._stop_requested:
            self._stop.set()
        stored = await asyncio.to_thread(self._sink.last_trade_ids)
        resumed = {m: sid for m, sid in stored.items() if m in self._markets}
        self._stats.resumed = resumed
        self._event("start", markets=list(self._markets), types=list(self._types), resumed=resumed)
        end = None if duration is None else loop.time() + duration
        self._full = asyncio.Event()
        # A collector wants the socket back soon: at most 2 s between attempts (Upbit's
        # connection budget is still kept by the stream's limiter).
        options: dict[str, Any] = {"overflow": "block", "backoff_cap": 2.0}
        options.update(self._stream_options)
        async with (
            AsyncUpbit(base_url=self._base_url) as rest,
            AsyncStream(url=self._ws_url, backfill=rest, verify=self._verify, **options) as s,
        ):
            s.resume(resumed)
            for kind in self._types:
                await s.subscribe(kind, list(self._markets))
            consumer = asyncio.create_task(self._consume(s), name="upbit-collect")
            stopper = asyncio.create_task(self._stop.wait())
            try:
                await self._supervise(s, consumer, stopper, end, on_status, status_every)
            finally:
                for task in (consumer, stopper):
                    task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await consumer
                try:
                    await self._flush()
                    self._take(s)
                    st = self._stats
                    self._event(
                        "stop", rows=st.rows, bytes=st.bytes, reconnects=st.reconnects,
                        stalls=st.stalls, gaps_filled=st.gaps_filled, messages=st.messages,
                    )  # fmt: skip
                finally:
                    self._sink.close()
                self._loop = None
        return self._stats

    def _take(self, s: AsyncStream) -> tuple[int, int]:
        stream, st = s.stats, self._stats
        st.reconnects, st.stalls = stream.reconnects, stream.stalls
        st.gaps_filled, st.duplicates = stream.backfilled, stream.duplicates
        return stream.reconnects, stream.stalls

    async def _consume(self, s: AsyncStream) -> None:
        while True:
            try:
                async for message in s:
                    self._add(message)
                    if self._buffered >= self._batch_rows:
                        self._full.set()  # the supervisor flushes
                return
            except (StreamAuthError, StreamClosed):
                raise
            except StreamError:  # an error frame; the connection goes on
                self._stats.errors += 1

    async def _supervise(
        self,
        s: AsyncStream,
        consumer: asyncio.Task[None],
        stopper: asyncio.Task[Any],
        end: float | None,
        on_status: Callable[[CollectorStats], None] | None,
        status_every: float,
    ) -> None:
        """Flushes (by size or time), the event log and the status, until stopped or done."""
        holder = [asyncio.create_task(self._full.wait())]
        try:
            await self._ticks(s, consumer, stopper, holder, end, on_status, status_every)
        finally:
            holder[0].cancel()

    async def _ticks(
        self,
        s: AsyncStream,
        consumer: asyncio.Task[None],
        stopper: asyncio.Task[Any],
        holder: list[asyncio.Task[Any]],
        end: float | None,
        on_status: Callable[[CollectorStats], None] | None,
        status_every: float,
    ) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        next_flush, next_status = now + self._flush_seconds, now + status_every
        counted, last_tick = dict(self._stats.messages), now
        seen = (0, 0)
        while True:
            deadline = min(next_flush, next_status, end if end is not None else next_flush)
            full = holder[0]
            await asyncio.wait(
                (consumer, stopper, full),
                timeout=max(0.0, deadline - loop.time()),
                return_when=asyncio.FIRST_COMPLETED,
            )
            if consumer.done():
                consumer.result()  # the stream gave up: raise its error (after the flush)
                return
            now = loop.time()
            if stopper.done() or (end is not None and now >= end):
                return
            current = self._take(s)
            if current != seen:
                kind = "stall" if current[1] != seen[1] else "reconnect"
                self._event(kind, reconnects=current[0], stalls=current[1])
                seen = current
            if now >= next_flush or full.done():
                await self._flush()
                next_flush = loop.time() + self._flush_seconds
                if full.done():
                    holder[0] = asyncio.create_task(self._full.wait())
            if now >= next_status:
                st = self._stats
                elapsed = max(1e-9, now - last_tick)
                st.rates = {k: (v - counted.get(k, 0)) / elapsed for k, v in st.messages.items()}
                counted, last_tick = dict(st.messages), now
                if on_status is not None:
                    on_status(st)
                next_status = now + status_every


def _positive(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ValueError(f"{name} must be a number of seconds > 0, got {value!r}")


def parse_types(types: str | Sequence[str]) -> tuple[str, ...]:
    if isinstance(types, str):
        types = [t.strip() for t in types.split(",") if t.strip()]
    kinds = tuple(dict.fromkeys(types))
    bad = [t for t in kinds if t not in TYPES]
    if not kinds or bad:
        raise ValueError(f"types must be a comma list of {', '.join(TYPES)}, got {types!r}")
    return kinds
