"""No silent loss of trades: REST backfill through the facade and de-duplication.

Trade `sequential_id`s rise per market but are not contiguous, so a hole cannot be seen in
the ids. After a reconnect or a stall the stream asks REST (`/v1/trades/ticks`, cursor paging,
through `AsyncUpbit`/`Upbit` with their limiter, retries and typed errors) for every trade after
the last one delivered, and drops what it has already delivered. In `verify` mode every trade is
also held until a REST sweep has seen its market up to it, so even a frame the server never
sent is found; the cost is latency (one sweep interval) and one REST call per market per sweep.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, Protocol

from upbit_client.models import Trade, WsTrade, WsTradeSimple

from ._decode import Message, trade_key

if TYPE_CHECKING:
    from .._client import AsyncUpbit, Upbit

__all__ = ["TradeGate", "TradeSource", "trade_source"]

_MAX_DAYS_BACK: Final = 7
_SNAPSHOT_WAIT: Final = 5.0
_PAGE: Final = 500


class TradeSource(Protocol):
    async def trades_after(self, market: str, after: int) -> list[Trade]:
        """Every trade of `market` with sequential_id > `after`, oldest first."""
        ...


def _collect(pages: Iterable[Trade], after: int, into: list[Trade]) -> bool:
    """Take trades newer than `after` (pages are newest first); True once `after` was reached."""
    for trade in pages:
        if trade.sequential_id <= after:
            return True
        into.append(trade)
    return False


class _AsyncSource:
    def __init__(self, client: AsyncUpbit) -> None:
        self._client = client

    async def trades_after(self, market: str, after: int) -> list[Trade]:
        found: list[Trade] = []
        for days_ago in (None, *range(1, _MAX_DAYS_BACK + 1)):
            reached = False
            async for trade in self._client.iter_recent_trades(
                market, days_ago=days_ago, page_size=_PAGE
            ):
                if trade.sequential_id <= after:
                    reached = True
                    break
                found.append(trade)
            if reached:
                break
        return _oldest_first(found)


class _SyncSource:
    def __init__(self, client: Upbit) -> None:
        self._client = client

    def _fetch(self, market: str, after: int) -> list[Trade]:
        found: list[Trade] = []
        for days_ago in (None, *range(1, _MAX_DAYS_BACK + 1)):
            pages = self._client.iter_recent_trades(market, days_ago=days_ago, page_size=_PAGE)
            if _collect(pages, after, found):
                break
        return _oldest_first(found)

    async def trades_after(self, market: str, after: int) -> list[Trade]:
        return await asyncio.to_thread(self._fetch, market, after)


def _oldest_first(trades: list[Trade]) -> list[Trade]:
    unique = {t.sequential_id: t for t in trades}
    return [unique[sid] for sid in sorted(unique)]


def trade_source(client: object) -> TradeSource:
    """The facade (`AsyncUpbit` or `Upbit`) as a source of missed trades."""
    from .._client import AsyncUpbit, Upbit

    if isinstance(client, AsyncUpbit):
        return _AsyncSource(client)
    if isinstance(client, Upbit):
        return _SyncSource(client)
    raise TypeError(f"backfill must be an AsyncUpbit or Upbit client, got {type(client).__name__}")


def _number(value: float, decimal: bool) -> float | Decimal:
    return Decimal(repr(value)) if decimal else value


def _is_snapshot(message: Message) -> bool:
    if isinstance(message, WsTrade):
        return message.stream_type == "SNAPSHOT"
    return isinstance(message, WsTradeSimple) and message.st == "SNAPSHOT"


def from_rest(trade: Trade, *, simple: bool, decimal: bool) -> WsTrade | WsTradeSimple:
    """A REST trade as the stream's trade message, `stream_type` BACKFILL."""
    prev, price = trade.prev_closing_price, trade.trade_price
    change = "RISE" if price > prev else "FALL" if price < prev else "EVEN"
    moment = datetime.fromtimestamp(trade.timestamp / 1000, UTC)
    fields: dict[str, Any] = {
        "type": "trade",
        "code": trade.market,
        "trade_price": _number(price, decimal),
        "trade_volume": _number(trade.trade_volume, decimal),
        "ask_bid": trade.ask_bid,
        "prev_closing_price": _number(prev, decimal),
        "change": change,
        "change_price": _number(trade.change_price, decimal),
        "trade_date": moment.strftime("%Y-%m-%d"),
        "trade_time": moment.strftime("%H:%M:%S"),
        "trade_timestamp": trade.timestamp,
        "timestamp": trade.timestamp,
        "sequential_id": trade.sequential_id,
        "stream_type": "BACKFILL",
    }
    if not simple:
        return WsTrade.from_dict(fields)
    keys = {
        "type": "ty", "code": "cd", "trade_price": "tp", "trade_volume": "tv", "ask_bid": "ab",
        "prev_closing_price": "pcp", "change": "c", "change_price": "cp", "trade_date": "td",
        "trade_time": "ttm", "trade_timestamp": "ttms", "timestamp": "tms",
        "sequential_id": "sid", "stream_type": "st",
    }  # fmt: skip
    return WsTradeSimple.from_dict({keys[k]: v for k, v in fields.items()})


class TradeGate:
    """Delivers each `(market, sequential_id)` once, in order per market."""

    def __init__(
        self,
        source: TradeSource | None,
        *,
        verify: bool,
        simple: Callable[[], bool],
        decimal: bool,
    ) -> None:
        self._source = source
        self._verify = verify and source is not None
        self._simple = simple
        self._decimal = decimal
        self.last: dict[str, int] = {}
        self._held: dict[str, dict[int, Message]] = {}
        # Markets to fill after a reconnect, once the new connection has sent one of their
        # trades: only then is the server's subscription surely older than the REST answer.
        self._pending: set[str] = set()
        self._ready: set[str] = set()
        # After a new request on the same connection, messages of the old streams may still be
        # in flight: only the new request's SNAPSHOT proves the server switched.
        self._snapshot_only = False
        self._since = 0.0
        self.duplicates = 0
        self.backfilled = 0

    def accept(self, message: Message) -> list[Message]:
        """What to deliver now for one message from the socket."""
        key = trade_key(message)
        if key is None:
            return [message]
        market, sid = key
        last = self.last.get(market)
        if last is None:  # the first trade seen of a market starts its record
            self.last[market] = sid
            return [message]
        held = self._held.setdefault(market, {})
        pending = market in self._pending
        if pending and (
            not self._snapshot_only
            or _is_snapshot(message)
            or time.monotonic() - self._since > _SNAPSHOT_WAIT  # refused request: no snapshot
        ):
            self._ready.add(market)
        if sid <= last or sid in held:
            self.duplicates += 1
            return []
        if pending:
            held[sid] = message
            return []
        if self._verify:
            held[sid] = message
            return []
        self.last[market] = sid
        return [message]

    def resume(self, last: dict[str, int]) -> None:
        """Treat `last` ids as delivered (a restart); each market is filled from REST after
        its first trade on the new connection."""
        self.last.update(last)
        if self._source is not None:
            self._pending.update(last)

    def reconnected(self) -> None:
        """A new connection: every market delivered so far may have missed trades."""
        if self._source is not None:
            self._pending = set(self.last)
            self._ready = set()
            self._snapshot_only = False

    def resubscribing(self, markets: Iterable[str]) -> None:
        """A new request on the open connection restarts its streams: a gap may open there too.
        A market with no trade yet is included: the first trade may still come from the older
        request (its SNAPSHOT), and the new request's SNAPSHOT then jumps past what traded in
        between, so it is filled from REST like the others."""
        if self._source is not None:
            self._pending |= set(markets)
            self._snapshot_only = True
            self._since = time.monotonic()

    @property
    def has_ready(self) -> bool:
        return bool(self._ready)

    def ready(self) -> list[str]:
        """Markets whose post-reconnect fill can run now."""
        ready = sorted(self._ready)
        self._ready = set()
        self._pending.difference_update(ready)
        return ready

    async def sweep(self, markets: Iterable[str], *, release_all: bool) -> list[Message]:
        """Fill each market from REST after its last delivered trade; held trades up to what
        REST has seen are released with it (all of them when `release_all`)."""
        out: list[Message] = []
        if self._source is None:
            return out
        for market in markets:
            last = self.last.get(market)
            if last is None:
                continue
            rest = await self._source.trades_after(market, last)
            held = self._held.pop(market, {})
            newest = rest[-1].sequential_id if rest else last
            merged: dict[int, Message] = {}
            for trade in rest:
                sid = trade.sequential_id
                if sid in held:
                    merged[sid] = held.pop(sid)
                else:
                    merged[sid] = from_rest(trade, simple=self._simple(), decimal=self._decimal)
                    self.backfilled += 1
            for sid in list(held):
                if release_all or sid <= newest:
                    merged.setdefault(sid, held.pop(sid))
            if held:
                self._held[market] = held
            for sid in sorted(merged):
                out.append(merged[sid])
                self.last[market] = sid
        return out
