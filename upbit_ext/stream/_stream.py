"""`AsyncStream`: one WebSocket connection that stays up, and what it delivers.

The connection task reconnects forever (unless told otherwise) with capped exponential backoff
and full jitter, re-sends the whole subscription set on every connect, signs a fresh JWT for
every private/info handshake, sends the text `PING` before Upbit's 120 s idle close, treats
`stall_timeout` seconds without data on an open socket as a dead connection, and draws every
handshake and request message from rate limiters with Upbit's WebSocket budgets.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import random
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final, Self
from urllib.parse import urlsplit

from upbit_client.models import (
    WsError,
    WsListSubscriptionsResponse,
    WsListSubscriptionsResponseSimple,
    WsStatus,
)
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from .._auth import websocket_token
from .._errors import UpbitError
from .._limits import Rate, RateLimiter
from ._backfill import TradeGate, trade_source
from ._decode import Message, decode
from ._errors import StreamAuthError, StreamClosed, StreamError, error_from_frame
from ._queue import BoundedQueue, Overflow
from ._reconcile import PrivateReconciler
from ._request import (
    FORMATS,
    Endpoint,
    Format,
    Subscriptions,
    endpoint_url,
    list_request,
    make_subscription,
    parse_codes,
)

if TYPE_CHECKING:
    from .._client import AsyncUpbit, Upbit

__all__ = ["DEFAULT_URL", "AsyncStream", "StreamStats"]

DEFAULT_URL: Final = "wss://api.upbit.com/websocket/v1"
_CONNECT_RATES: Final = {"websocket-connect": Rate(5, 1.0)}
_MESSAGE_RATES: Final = {"websocket-message": Rate(5, 1.0), "websocket-message-min": Rate(100, 60)}
# Upbit counts by arrival; requests are rare, so leave room for a server that reads late (a
# busy loop on either side delivers queued requests together: 0.25 s was seen to be too little).
_MARGIN: Final = 0.5
_connect_limiters: dict[str, RateLimiter] = {}


class _EndMarker:
    """The end of the stream; pickles to itself, so it survives a spill to disk."""

    def __reduce__(self) -> str:
        return "_END"


_END: Final = _EndMarker()
_ids = itertools.count(1)


@dataclass
class StreamStats:
    """Counters since the stream was created."""

    connects: int = 0
    reconnects: int = 0
    stalls: int = 0
    messages: int = 0
    backfilled: int = 0
    duplicates: int = 0
    dropped: int = 0
    spilled: int = 0
    errors: int = 0
    queue_peak: int = 0


def _connect_limiter(host: str) -> RateLimiter:
    limiter = _connect_limiters.get(host)
    if limiter is None:
        limiter = _connect_limiters[host] = RateLimiter(
            _CONNECT_RATES, scope="ws", host=host, safety_margin=_MARGIN
        )
    return limiter


def _seconds(name: str, value: object, *, optional: bool = False) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        rule = "a number of seconds > 0" + (" or None" if optional else "")
        raise ValueError(f"{name} must be {rule}, got {value!r}")
    return float(value)


_CONTROL: Final = frozenset(
    {WsStatus, WsError, WsListSubscriptionsResponse, WsListSubscriptionsResponseSimple}
)


class _Watch:
    """The connection's deadlines (stall, keep-alive ping, verify sweep) as one lazy timer.

    A per-`recv` timeout costs a timer per frame, a quarter of the CPU of a busy stream. This
    timer is armed once and, when it fires, re-arms itself at the real deadline if data moved it;
    only a deadline that is really due interrupts `recv` (cancelling it is safe in websockets:
    nothing is lost) or, while a frame is being handled, sets `due` for the loop to act on.
    """

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        task: asyncio.Task[Any],
        *,
        stall: float | None,
        ping: float,
        verify: float | None,
    ) -> None:
        self._loop, self._task = loop, task
        self._stall, self._ping, self._verify = stall, ping, verify
        now = loop.time()
        self.last_data = self.last_sent = now
        self.next_sweep = now + verify if verify is not None else now
        self.waiting = self.due = self.fired = False
        self._handle: asyncio.TimerHandle | None = None
        self.arm()

    def deadline(self) -> float:
        when = self.last_sent + self._ping
        if self._stall is not None:
            when = min(when, self.last_data + self._stall)
        if self._verify is not None:
            when = min(when, self.next_sweep)
        return when

    def arm(self) -> None:
        self.cancel()
        self._handle = self._loop.call_at(self.deadline(), self._check)

    def _check(self) -> None:
        when = self.deadline()
        if self._loop.time() < when:
            self._handle = self._loop.call_at(when, self._check)
            return
        self._handle = None
        self.due = True
        if self.waiting and not self.fired:
            self.fired = True
            self._task.cancel()

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None


class AsyncStream:
    """A self-healing Upbit WebSocket stream; iterate it for typed messages.

    ```python
    async with AsyncStream(url=..., backfill=AsyncUpbit()) as stream:
        await stream.subscribe("trade", ["KRW-BTC", "KRW-ETH"])
        async for message in stream:   # WsTrade, WsTicker, ... (generated from the spec)
            ...
    ```

    `endpoint` is `public`, `private` (myOrder, myAsset; needs keys) or `info` (announcement,
    indicator; needs keys). `backfill` (an `AsyncUpbit` or `Upbit`) fills trade gaps from REST
    after reconnects and stalls, and on the private endpoint delivers the myOrder/myAsset
    changes a reconnect lost (from REST, `stream_type="BACKFILL"`, repeats dropped); `verify`
    seconds also confirm every trade against REST (trades then arrive up to that much later).
    `overflow` says what a full queue does: `block` the socket reader, or `drop_oldest`
    (counted in `stats.dropped`). Error frames are raised from the iteration as
    `StreamError`s; a stream that gives up raises `StreamClosed`. `overflow="spill"` writes
    what does not fit to a temporary file instead (lossless, memory bounded, disk not).
    """

    def __init__(
        self,
        endpoint: Endpoint = "public",
        *,
        url: str = DEFAULT_URL,
        access_key: str | None = None,
        secret_key: str | None = None,
        format: Format = "DEFAULT",
        decimal: bool = False,
        backfill: AsyncUpbit | Upbit | None = None,
        verify: float | None = None,
        queue_size: int = 10_000,
        overflow: Overflow = "block",
        stall_timeout: float | bool | None = True,
        ping_interval: float = 60.0,
        reconnect: bool = True,
        max_reconnects: int | None = None,
        backoff_base: float = 0.5,
        backoff_cap: float = 30.0,
        open_timeout: float = 10.0,
    ) -> None:
        if endpoint not in ("public", "private", "info"):
            raise ValueError(f"endpoint must be public, private or info, got {endpoint!r}")
        self._url = endpoint_url(url, endpoint)
        if endpoint != "public" and not (access_key and secret_key):
            raise ValueError(f"access_key and secret_key are required for the {endpoint} endpoint")
        if endpoint != "public":
            websocket_token(str(access_key), str(secret_key))  # checks the keys' shape now
        if format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {format!r}")
        if max_reconnects is not None and (
            isinstance(max_reconnects, bool)
            or not isinstance(max_reconnects, int)
            or max_reconnects < 0
        ):
            raise ValueError(f"max_reconnects must be None or an int >= 0, got {max_reconnects!r}")
        if stall_timeout is True:
            stall_timeout = 30.0 if endpoint == "public" else None
        self._stall = _seconds("stall_timeout", stall_timeout or None, optional=True)
        self._verify = _seconds("verify", verify, optional=True)
        if self._verify is not None and backfill is None:
            raise ValueError("verify needs backfill=AsyncUpbit(...) or Upbit(...) to confirm with")
        self._ping = float(_seconds("ping_interval", ping_interval) or 60.0)
        self._backoff_base = _seconds("backoff_base", backoff_base)
        self._backoff_cap = _seconds("backoff_cap", backoff_cap)
        self._open_timeout = _seconds("open_timeout", open_timeout)
        self._endpoint: Endpoint = endpoint
        self._keys = (access_key, secret_key)
        self._format: str = format
        self._decimal = decimal
        self._reconnect = reconnect
        self._max_reconnects = max_reconnects
        self._queue: BoundedQueue[Any] = BoundedQueue(queue_size, overflow)
        self._subs = Subscriptions()
        source = trade_source(backfill) if backfill is not None else None
        self._gate = TradeGate(
            source,
            verify=self._verify is not None,
            simple=lambda: self._format.startswith("SIMPLE"),
            decimal=decimal,
        )
        if endpoint == "private" and backfill is not None and backfill._core.access_key is None:
            raise ValueError(
                "backfill: the private stream reconciles orders and balances from REST, so "
                "its client needs the same access_key and secret_key"
            )
        self._private = (
            PrivateReconciler(
                backfill, simple=lambda: self._format.startswith("SIMPLE"), decimal=decimal
            )
            if backfill is not None and endpoint == "private"
            else None
        )
        self._stats = StreamStats()
        self._ws: ClientConnection | None = None
        self._task: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()
        self._set_lock = asyncio.Lock()
        self._delivered = False
        self._listings: dict[str, asyncio.Future[Message]] = {}
        self._message_limiter = self._new_message_limiter()
        self._closed = False

    def __repr__(self) -> str:
        return f"AsyncStream({self._endpoint!r}, url={self._url!r})"

    # -- public surface ------------------------------------------------------------------

    @property
    def stats(self) -> StreamStats:
        s = self._stats
        s.backfilled, s.duplicates = self._gate.backfilled, self._gate.duplicates
        if self._private is not None:
            s.backfilled += self._private.backfilled
            s.duplicates += self._private.duplicates
        s.dropped, s.queue_peak = self._queue.dropped, self._queue.peak
        s.spilled = self._queue.spilled
        return s

    @property
    def connected(self) -> bool:
        return self._ws is not None

    async def subscribe(
        self, type: str, codes: str | Sequence[str] | None = None, **options: Any
    ) -> None:
        """Add `codes` of `type` (options: level, is_only_snapshot, is_only_realtime,
        categories, include_body, timeframe, indicators); the whole set is re-sent."""
        self._subs.add(make_subscription(self._endpoint, type, codes, options))
        await self._resend()

    def resume(self, last_ids: Mapping[str, int]) -> None:
        """Continue after `last_ids` (market -> last `sequential_id` already stored, e.g. by a
        collector before a restart): older trades are dropped as duplicates, and with
        `backfill` the trades after them are fetched from REST once the market trades again."""
        checked: dict[str, int] = {}
        for market, sid in last_ids.items():
            parse_codes([market])
            if isinstance(sid, bool) or not isinstance(sid, int):
                raise TypeError(f"last_ids: {market} must map to an int sequential_id, got {sid!r}")
            checked[market] = sid
        self._gate.resume(checked)

    async def unsubscribe(self, type: str, codes: str | Sequence[str] | None = None) -> None:
        """Remove `codes` of `type` (all of them without `codes`); the rest is re-sent."""
        if self._subs.discard(type, parse_codes(codes)):
            await self._resend()

    async def list_subscriptions(self, within: float = 5.0) -> Message:
        """Upbit's `LIST_SUBSCRIPTIONS` answer for the current connection (asked again on the
        next connection if this one drops); TimeoutError after `within` seconds."""
        loop = asyncio.get_running_loop()
        end = loop.time() + within
        while True:
            ws = await self._wait_connected(end - loop.time())
            ticket = f"list-{uuid.uuid4()}"
            future: asyncio.Future[Message] = loop.create_future()
            self._listings[ticket] = future
            try:
                await self._send(ws, list_request(ticket, self._format))
                closed = asyncio.ensure_future(ws.wait_closed())
                try:
                    waiting: set[asyncio.Future[Any]] = {future, closed}
                    done, _ = await asyncio.wait(
                        waiting, timeout=end - loop.time(), return_when=asyncio.FIRST_COMPLETED
                    )
                finally:
                    closed.cancel()
                if future in done:
                    return future.result()
                if loop.time() >= end:
                    raise TimeoutError("no LIST_SUBSCRIPTIONS answer")
            except ConnectionClosed:
                pass
            finally:
                self._listings.pop(ticket, None)

    async def close(self) -> None:
        self._closed = True
        self._changed.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._queue.close()
        self._queue.put_now(_END)

    async def __aenter__(self) -> Self:
        self._start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    def __aiter__(self) -> Self:
        self._start()
        return self

    async def __anext__(self) -> Message:
        item = await self._queue.get()
        if item is _END:
            self._queue.put_now(_END)
            raise StopAsyncIteration
        if isinstance(item, BaseException):
            raise item
        self._stats.messages += 1
        return item  # type: ignore[no-any-return]

    # -- connection ----------------------------------------------------------------------

    def _start(self) -> None:
        if self._task is None and not self._closed:
            self._task = asyncio.create_task(self._run(), name=f"upbit-stream-{self._endpoint}")

    async def _wait_connected(self, within: float) -> ClientConnection:
        self._start()
        loop = asyncio.get_running_loop()
        end = loop.time() + within
        while self._ws is None:
            if loop.time() > end:
                raise TimeoutError("the stream is not connected")
            await asyncio.sleep(0.02)
        return self._ws

    def _new_message_limiter(self) -> RateLimiter:
        """Upbit counts request messages per connection: each connection starts afresh."""
        host = urlsplit(self._url).netloc
        return RateLimiter(
            _MESSAGE_RATES, scope=f"conn{next(_ids)}", host=host, safety_margin=_MARGIN
        )

    async def _send(self, ws: ClientConnection, frame: str) -> None:
        async with self._set_lock:  # after any subscription frame already under way
            for group in _MESSAGE_RATES:
                await self._message_limiter.acquire_async(group)
            await ws.send(frame)

    async def _resend(self) -> None:
        self._start()
        self._changed.set()
        ws = self._ws
        if ws is None:
            return
        with contextlib.suppress(ConnectionClosed):
            if self._subs:
                self._gate.resubscribing(self._subs.snapshot_trade_markets())
                await self._send_set(ws)
                if self._private is not None:  # a type added now gets its baseline now
                    await self._private.connected(self._subs.types(), reconcile=False)
            else:  # Upbit cannot subscribe to nothing: hang up until something is wanted
                await ws.close()

    async def _send_set(self, ws: ClientConnection) -> None:
        """Send the whole current set; the frame is built only once it may go, so the last
        frame sent always carries the newest set (Upbit keeps only the last one)."""
        async with self._set_lock:
            for group in _MESSAGE_RATES:
                await self._message_limiter.acquire_async(group)
            await ws.send(self._subs.request(self._format))

    def _headers(self) -> dict[str, str] | None:
        if self._endpoint == "public":
            return None
        access, secret = self._keys
        return {"Authorization": f"Bearer {websocket_token(str(access), str(secret))}"}

    async def _run(self) -> None:
        failures = 0  # consecutive connections that delivered no data
        auth_failures = 0
        ever_connected = False
        try:
            while not self._closed:
                while not self._subs and not self._closed:
                    self._changed.clear()
                    await self._changed.wait()
                if self._closed:
                    return
                self._delivered = False
                try:
                    host = urlsplit(self._url).netloc
                    await _connect_limiter(host).acquire_async("websocket-connect")
                    async with connect(
                        self._url,
                        additional_headers=self._headers(),
                        open_timeout=self._open_timeout,
                        # A stalled server does not answer the closing handshake either:
                        # waiting websockets' default 10 s for it would lose 10 s of data.
                        close_timeout=1.0,
                        ping_interval=None,
                        max_size=2**22,
                        max_queue=64,
                    ) as ws:
                        self._stats.connects += 1
                        if ever_connected:
                            self._stats.reconnects += 1
                        ever_connected = True
                        await self._session(ws)
                except StreamAuthError as err:
                    auth_failures += 1
                    if auth_failures > 1:
                        raise err from None
                except InvalidStatus as exc:
                    status = exc.response.status_code
                    if status in (401, 403):
                        auth_failures += 1
                        if auth_failures > 1:
                            raise StreamAuthError(
                                "INVALID_AUTH", f"handshake refused with HTTP {status}"
                            ) from None
                except ConnectionClosed as exc:
                    # Closed for policy (1008) on an authenticated endpoint: the key was refused.
                    if (
                        exc.rcvd is not None
                        and exc.rcvd.code == 1008
                        and self._endpoint != "public"
                    ):
                        auth_failures += 1
                        if auth_failures > 1:
                            raise StreamAuthError("INVALID_AUTH", exc.rcvd.reason) from None
                except (OSError, TimeoutError, InvalidHandshake):
                    pass
                except StreamError:
                    raise
                except UpbitError:  # the REST fill failed: reconnect, and fill again from there
                    self._stats.errors += 1
                finally:
                    self._ws = None
                if self._delivered:
                    failures, auth_failures = 0, 0
                if self._closed:
                    return
                if not self._reconnect or (
                    self._max_reconnects is not None
                    and self._stats.reconnects >= self._max_reconnects
                ):
                    raise StreamClosed("CLOSED", "the connection ended and reconnecting is off")
                failures += 1
                delay = min(self._backoff_cap, self._backoff_base * 2 ** min(failures - 1, 30))
                await asyncio.sleep(random.random() * delay)
        except StreamError as err:
            self._stats.errors += 1
            self._queue.put_now(err)
            self._queue.put_now(_END)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug must not leave the consumer waiting forever
            self._queue.put_now(StreamClosed("INTERNAL", repr(exc)))
            self._queue.put_now(_END)

    async def _session(self, ws: ClientConnection) -> None:
        """Serve one connection; `_delivered` tells whether data came (resets the backoff)."""
        self._message_limiter = self._new_message_limiter()
        self._ws = ws
        await self._send_set(ws)
        loop = asyncio.get_running_loop()
        if self._stats.reconnects:
            self._gate.reconnected()
        if self._private is not None:  # what the socket missed while down, from REST
            await self._deliver(await self._private.connected(self._subs.types()))
        task = asyncio.current_task()
        assert task is not None
        watch = _Watch(loop, task, stall=self._stall, ping=self._ping, verify=self._verify)
        queue, gate, decimal = self._queue, self._gate, self._decimal
        accept = self._private.accept if self._private is not None else gate.accept
        try:
            while not self._closed:
                if watch.due:
                    watch.due = False
                    now = loop.time()
                    if self._stall is not None and now - watch.last_data >= self._stall:
                        self._stats.stalls += 1
                        return
                    if self._verify is not None and now >= watch.next_sweep:
                        await self._deliver(
                            await gate.sweep(self._subs.trade_markets(), release_all=False)
                        )
                        watch.next_sweep = loop.time() + self._verify
                    if now - watch.last_sent >= self._ping:
                        await ws.send("PING")
                        watch.last_sent = now
                    watch.arm()
                    continue
                watch.waiting = True
                try:
                    frame = await ws.recv()
                except asyncio.CancelledError:
                    if watch.fired and task.uncancel() == 0:  # our own wake-up, not a close()
                        watch.fired = False
                        continue
                    raise
                finally:
                    watch.waiting = False
                try:
                    messages = decode(frame, decimal=decimal)
                except ValueError:
                    continue
                data = False
                for message in messages:
                    if type(message) in _CONTROL:
                        self._control(message)
                        continue
                    data = True
                    for out in accept(message):
                        await queue.put(out)
                if data:
                    self._delivered = True
                    watch.last_data = loop.time()
                if gate.has_ready:
                    ready = gate.ready()
                    await self._deliver(await gate.sweep(ready, release_all=self._verify is None))
        finally:
            watch.cancel()

    def _control(self, message: Message) -> None:
        """A status, error or LIST_SUBSCRIPTIONS frame: not data."""
        if isinstance(message, WsError):
            err = error_from_frame(message.error.name, message.error.message)
            self._stats.errors += 1
            if isinstance(err, StreamAuthError):
                raise err
            self._queue.put_now(err)
        elif isinstance(message, WsListSubscriptionsResponse | WsListSubscriptionsResponseSimple):
            ticket = (
                message.ticket if isinstance(message, WsListSubscriptionsResponse) else message.tck
            )
            future = self._listings.get(str(ticket))
            if future is not None and not future.done():
                future.set_result(message)

    async def _deliver(self, messages: list[Message]) -> None:
        for message in messages:
            await self._queue.put(message)
