"""The sandbox's WebSocket: Upbit's quotation and private streams, fed by the simulator.

`/websocket/v1` serves `ticker`, `trade`, `orderbook` and `candle.*`; `/websocket/v1/private`
also serves `myOrder` and `myAsset` (and accepts `announcement`, which never fires here), after
checking the JWT of the handshake's ``Authorization`` header as Upbit does. A request is a JSON
array ``[{ticket}, {type...}..., {format}?]``; each new request replaces the connection's whole
subscription set. Every frame is binary UTF-8 JSON, like Upbit's.

Quotation streams send one SNAPSHOT per code, then REALTIME messages as the simulator produces
trades: every ~100 ms the new trades of the subscribed markets are read in time order; each
becomes a `trade` message and triggers a `ticker` and an `orderbook` message; a candle is sent
at most once a (simulated) second per code and only when it changed. Private streams forward
the paper exchange's events, and let it fill resting orders as simulated time passes.

Choices where Upbit's behaviour is not documented: unknown codes, types, depths or levels are
refused with `INVALID_PARAM` (Upbit may ignore them silently); an error frame leaves the
connection and its previous subscriptions in place, except `INVALID_AUTH` on the handshake,
which closes it. The idle timer only sees messages: RFC 6455 pings are answered by the server
library below the app and do not count, so idle clients keep alive with the text ``PING``.

Faults (`Faults` in `_app.py`, read live so the admin endpoint can change them): close the
socket after N data messages (`ws_disconnect_after`), stop sending data after N while keeping
it open (`ws_stall_after`), drop a fraction of `trade` messages so `sequential_id` gaps appear
(`ws_skip_rate`), and the idle timeout itself (`ws_idle_timeout_s`). Counts are per connection;
status, error and LIST_SUBSCRIPTIONS frames are not data and are neither counted nor stalled.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Final

from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from ._errors import SandboxError
from ._market import MarketSimulator, SimTrade
from ._verify import ApiKey, require_permission, verify_websocket

if TYPE_CHECKING:
    from starlette.types import Message

    from ._state import Sandbox

__all__ = ["websocket_routes"]

_log = logging.getLogger("upbit_ext.sandbox")

POLL_S: Final = 0.1
STATUS_INTERVAL_S: Final = 10.0
_CANDLE_GAP_MS: Final = 1_000
_ADVANCE_EVERY_MS: Final = 250
_MESSAGES_PER_SECOND: Final = 5
_MESSAGES_PER_MINUTE: Final = 100

_CANDLE_TYPES: Final = tuple(
    f"candle.{u}" for u in ("1s", "1m", "3m", "5m", "10m", "15m", "30m", "60m", "240m")
)
_QUOTATION_TYPES: Final = frozenset({"ticker", "trade", "orderbook", *_CANDLE_TYPES})
_PRIVATE_TYPES: Final = frozenset({"myOrder", "myAsset", "announcement"})
# The scope each private type needs (upbit-api.md §5.1); announcement needs none.
_PERMISSION: Final[Mapping[str, str | None]] = {
    "myOrder": "view_order",
    "myAsset": "view_account",
    "announcement": None,
}
_DEPTHS: Final = (1, 5, 15, 30)
_DEFAULT_DEPTH: Final = 30
_FORMATS: Final = ("DEFAULT", "SIMPLE", "JSON_LIST", "SIMPLE_LIST")
_CATEGORIES: Final = frozenset(
    {"notice", "trade", "wallet", "maintenance", "digital_asset", "nft", "service", "event"}
)
_AUTH_MESSAGE: Final = "인증 정보가 올바르지 않습니다."

# DEFAULT key -> SIMPLE key, per message type (upbit-api.md §5.4).
_COMMON: Final = {"type": "ty", "code": "cd", "timestamp": "tms", "stream_type": "st"}
_SIMPLE: Final[Mapping[str, Mapping[str, str]]] = {
    "ticker": {
        **_COMMON, "opening_price": "op", "high_price": "hp", "low_price": "lp",
        "trade_price": "tp", "prev_closing_price": "pcp", "change": "c", "change_price": "cp",
        "signed_change_price": "scp", "change_rate": "cr", "signed_change_rate": "scr",
        "trade_volume": "tv", "acc_trade_volume": "atv", "acc_trade_volume_24h": "atv24h",
        "acc_trade_price": "atp", "acc_trade_price_24h": "atp24h", "trade_date": "tdt",
        "trade_time": "ttm", "trade_timestamp": "ttms", "ask_bid": "ab",
        "acc_ask_volume": "aav", "acc_bid_volume": "abv", "highest_52_week_price": "h52wp",
        "highest_52_week_date": "h52wdt", "lowest_52_week_price": "l52wp",
        "lowest_52_week_date": "l52wdt", "market_state": "ms", "is_trading_suspended": "its",
        "delisting_date": "dd", "market_warning": "mw",
    },
    "trade": {
        **_COMMON, "trade_price": "tp", "trade_volume": "tv", "ask_bid": "ab",
        "prev_closing_price": "pcp", "change": "c", "change_price": "cp", "trade_date": "td",
        "trade_time": "ttm", "trade_timestamp": "ttms", "sequential_id": "sid",
        "best_ask_price": "bap", "best_ask_size": "bas", "best_bid_price": "bbp",
        "best_bid_size": "bbs",
    },
    "orderbook": {
        **_COMMON, "total_ask_size": "tas", "total_bid_size": "tbs", "orderbook_units": "obu",
        "level": "lv",
    },
    "candle": {
        **_COMMON, "candle_date_time_utc": "cdttmu", "candle_date_time_kst": "cdttmk",
        "opening_price": "op", "high_price": "hp", "low_price": "lp", "trade_price": "tp",
        "candle_acc_trade_volume": "catv", "candle_acc_trade_price": "catp",
    },
    "myOrder": {
        **_COMMON, "uuid": "uid", "ask_bid": "ab", "order_type": "ot", "state": "s",
        "trade_uuid": "tuid", "price": "p", "avg_price": "ap", "volume": "v",
        "remaining_volume": "rv", "executed_volume": "ev", "trades_count": "tc",
        "reserved_fee": "rsf", "remaining_fee": "rmf", "paid_fee": "pf", "locked": "l",
        "executed_funds": "ef", "time_in_force": "tif", "trade_fee": "tf", "is_maker": "im",
        "identifier": "id", "smp_type": "smpt", "prevented_volume": "pv",
        "prevented_locked": "pl", "trade_timestamp": "ttms", "order_timestamp": "otms",
    },
    "myAsset": {
        **_COMMON, "asset_uuid": "astuid", "assets": "ast", "asset_timestamp": "asttms",
    },
    "announcement": {
        **_COMMON, "event_type": "et", "uuid": "uid", "title": "tt", "category": "cat",
        "url": "url", "first_listed_at": "flat", "listed_at": "lat", "body": "bd",
    },
    "orderbook_units": {"ask_price": "ap", "bid_price": "bp", "ask_size": "as", "bid_size": "bs"},
    "assets": {"currency": "cu", "balance": "b", "locked": "l"},
    "LIST_SUBSCRIPTIONS": {"method": "mthd", "result": "rslt", "ticket": "tck"},
    "result": {"type": "ty", "codes": "cds", "level": "lv"},
}  # fmt: skip
_TICKER_FIELDS: Final = (
    "opening_price", "high_price", "low_price", "trade_price", "prev_closing_price", "change",
    "change_price", "signed_change_price", "change_rate", "signed_change_rate", "trade_volume",
    "acc_trade_volume", "acc_trade_volume_24h", "acc_trade_price", "acc_trade_price_24h",
    "trade_date", "trade_time", "trade_timestamp",
)  # fmt: skip
_TICKER_52_WEEK: Final = (
    "highest_52_week_price", "highest_52_week_date", "lowest_52_week_price",
    "lowest_52_week_date",
)  # fmt: skip


def websocket_routes(sandbox: Sandbox) -> list[WebSocketRoute]:
    """The public and private WebSocket routes of `sandbox`.

    Hooks the paper exchange's `on_event` (keeping any hook already set) so every private
    connection of a pocket receives that pocket's myOrder/myAsset events.
    """
    hub = _Hub(sandbox)
    previous = sandbox.exchange.on_event

    def on_event(pocket: str, message: dict[str, Any]) -> None:
        if previous is not None:
            previous(pocket, message)
        hub.publish(pocket, message)

    sandbox.exchange.on_event = on_event

    async def public(websocket: WebSocket) -> None:
        await websocket.accept()
        await _Session(sandbox, websocket, hub, None).run()

    async def private(websocket: WebSocket) -> None:
        await websocket.accept()
        try:
            key = verify_websocket(
                authorization=websocket.headers.get("authorization"),
                client_ip=websocket.client.host if websocket.client else "127.0.0.1",
                keys=sandbox.store,
                nonces=sandbox.nonces,
                permission=None,
                now_ms=sandbox.now_ms(),
            )
        except SandboxError:
            await websocket.send_bytes(_dump(_error("INVALID_AUTH", _AUTH_MESSAGE)))
            await websocket.close(1008, "INVALID_AUTH")
            return
        await _Session(sandbox, websocket, hub, key).run()

    return [
        WebSocketRoute("/websocket/v1", public),
        WebSocketRoute("/websocket/v1/private", private),
    ]


# --------------------------------------------------------------------------- requests


class _RequestError(Exception):
    """A request Upbit would answer with an error frame."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


@dataclass(frozen=True)
class _Subscription:
    """One data type object of a request, checked."""

    type: str
    codes: tuple[str, ...] = ()  # as sent (orderbook codes may carry `.N`)
    targets: tuple[tuple[str, int], ...] = ()  # (market, orderbook depth)
    level: Decimal = Decimal(0)
    only_snapshot: bool = False
    only_realtime: bool = False

    @property
    def markets(self) -> frozenset[str]:
        return frozenset(market for market, _ in self.targets)

    @property
    def quotation(self) -> bool:
        return self.type in _QUOTATION_TYPES

    def listing(self) -> dict[str, Any]:
        item: dict[str, Any] = {"type": self.type}
        if self.codes:
            item["codes"] = list(self.codes)
        if self.type == "orderbook":
            item["level"] = _number(self.level)
        return item


@dataclass(frozen=True)
class _Request:
    ticket: str
    subscriptions: tuple[_Subscription, ...] = ()
    list_subscriptions: bool = False
    format: str | None = None


def _parse_request(text: str, *, private: bool, market: MarketSimulator, now_ms: int) -> _Request:
    try:
        items = json.loads(text)
    except (ValueError, RecursionError):
        raise _RequestError("WRONG_FORMAT", "the request is not valid JSON") from None
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
        raise _RequestError(
            "WRONG_FORMAT", "the request must be a JSON array [{ticket}, {type}..., {format}?]"
        )
    first, *rest = items
    if "ticket" not in first:
        raise _RequestError("NO_TICKET", "the first object must carry a ticket")
    ticket = first["ticket"]
    if not isinstance(ticket, str):
        raise _RequestError("WRONG_FORMAT", "ticket must be a string")
    if not ticket.strip():
        raise _RequestError("NO_TICKET", "ticket must not be empty")
    chosen_format: str | None = None
    if rest and "format" in rest[-1]:
        chosen_format = rest.pop()["format"]
        if chosen_format not in _FORMATS:
            raise _RequestError("WRONG_FORMAT", f"format must be one of {', '.join(_FORMATS)}")
    methods: list[str] = []
    subscriptions: list[_Subscription] = []
    for item in rest:
        if "ticket" in item or "format" in item:
            raise _RequestError(
                "WRONG_FORMAT", "the ticket comes first and the format last, once each"
            )
        if "method" in item:
            if item["method"] != "LIST_SUBSCRIPTIONS":
                raise _RequestError("INVALID_PARAM", "the only method is LIST_SUBSCRIPTIONS")
            methods.append(item["method"])
        elif "type" in item:
            subscriptions.append(_subscription(item, private=private, market=market, now=now_ms))
        else:
            raise _RequestError("NO_TYPE", "every data object needs a type")
    if methods and (subscriptions or len(methods) > 1):
        raise _RequestError(
            "WRONG_FORMAT", "LIST_SUBSCRIPTIONS is sent alone: [{ticket}, {method}, {format}?]"
        )
    if not methods and not subscriptions:
        raise _RequestError("NO_TYPE", "the request has no data type object")
    return _Request(ticket, tuple(subscriptions), bool(methods), chosen_format)


def _flag(item: Mapping[str, Any], name: str, legacy: str) -> bool:
    value = item.get(name, item.get(legacy, False))
    if not isinstance(value, bool):
        raise _RequestError("WRONG_FORMAT", f"{name} must be true or false")
    return value


def _subscription(
    item: Mapping[str, Any], *, private: bool, market: MarketSimulator, now: int
) -> _Subscription:
    kind = item["type"]
    if not isinstance(kind, str):
        raise _RequestError("WRONG_FORMAT", "type must be a string")
    if kind in _PRIVATE_TYPES:
        if not private:
            raise _RequestError(
                "INVALID_AUTH", f"{kind} needs /websocket/v1/private with a signed JWT"
            )
        return _private_subscription(kind, item, market)
    if kind not in _QUOTATION_TYPES:
        raise _RequestError("INVALID_PARAM", f"unknown type {kind!r}")
    only_snapshot = _flag(item, "is_only_snapshot", "isOnlySnapshot")
    only_realtime = _flag(item, "is_only_realtime", "isOnlyRealtime")
    if only_snapshot and only_realtime:
        raise _RequestError(
            "INVALID_PARAM", "is_only_snapshot and is_only_realtime cannot both be true"
        )
    codes = _codes(item)
    if not codes:
        raise _RequestError("NO_CODES", f'{kind} needs codes, e.g. ["KRW-BTC"]')
    targets: list[tuple[str, int]] = []
    for code in codes:
        pair, dot, depth_text = code.partition(".")
        depth = _DEFAULT_DEPTH
        if dot:
            if kind != "orderbook" or not depth_text.isdigit() or int(depth_text) not in _DEPTHS:
                raise _RequestError(
                    "INVALID_PARAM", f"{code}: only orderbook codes take a depth of 1, 5, 15 or 30"
                )
            depth = int(depth_text)
        if pair not in market.markets:
            raise _RequestError("INVALID_PARAM", f"unknown code {pair!r} (codes are UPPERCASE)")
        targets.append((pair, depth))
    level = Decimal(0)
    if kind == "orderbook":
        level = _level(item.get("level"))
        for pair, _ in targets:
            if level not in market.supported_levels(pair, now):
                raise _RequestError(
                    "INVALID_PARAM", f"level {item['level']} is not offered for {pair}"
                )
    return _Subscription(
        kind, codes, tuple(dict.fromkeys(targets)), level, only_snapshot, only_realtime
    )


def _codes(item: Mapping[str, Any]) -> tuple[str, ...]:
    codes = item.get("codes")
    if codes is None:
        return ()
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        raise _RequestError("WRONG_FORMAT", "codes must be a list of strings")
    return tuple(dict.fromkeys(codes))


def _level(value: object) -> Decimal:
    if value is None:
        return Decimal(0)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _RequestError("WRONG_FORMAT", "level must be a number or a numeric string")
    try:
        level = Decimal(str(value))
    except InvalidOperation:
        raise _RequestError("INVALID_PARAM", f"level {value!r} is not a number") from None
    if not level.is_finite() or level < 0:
        raise _RequestError("INVALID_PARAM", f"level {value!r} is not a valid unit")
    return level


def _private_subscription(
    kind: str, item: Mapping[str, Any], market: MarketSimulator
) -> _Subscription:
    if kind == "myAsset":
        if "codes" in item:
            raise _RequestError("WRONG_FORMAT", "myAsset takes no codes")
        return _Subscription(kind)
    if kind == "announcement":
        categories = item.get("categories", [])
        if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
            raise _RequestError("WRONG_FORMAT", "categories must be a list of strings")
        unknown = sorted(set(categories) - _CATEGORIES)
        if unknown:
            raise _RequestError("INVALID_PARAM", f"unknown categories {unknown}")
        if not isinstance(item.get("include_body", False), bool):
            raise _RequestError("WRONG_FORMAT", "include_body must be true or false")
        return _Subscription(kind)
    codes = _codes(item)
    for code in codes:
        if code not in market.markets:
            raise _RequestError("INVALID_PARAM", f"unknown code {code!r} (codes are UPPERCASE)")
    return _Subscription(kind, codes, tuple((code, 0) for code in codes))


# --------------------------------------------------------------------------- messages


def _dump(payload: object) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _error(name: str, message: str) -> dict[str, Any]:
    return {"error": {"name": name, "message": message}}


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _simple(message: Mapping[str, Any], table: str) -> dict[str, Any]:
    keys = _SIMPLE[table]
    simple: dict[str, Any] = {}
    for key, value in message.items():
        if isinstance(value, list) and key in _SIMPLE:
            value = [_simple(v, key) if isinstance(v, Mapping) else v for v in value]
        simple[keys.get(key, key)] = value
    return simple


def _render(message: Mapping[str, Any], fmt: str) -> bytes:
    """One message in the connection's format."""
    body: Mapping[str, Any] = message
    if fmt in ("SIMPLE", "SIMPLE_LIST"):
        kind = str(message.get("type") or message.get("method"))
        body = _simple(message, "candle" if kind.startswith("candle.") else kind)
    return _dump([body] if fmt.endswith("_LIST") else body)


def _change(diff: Decimal) -> str:
    return "RISE" if diff > 0 else "FALL" if diff < 0 else "EVEN"


def _trade_message(
    market: MarketSimulator, trade: SimTrade, now_ms: int, stream_type: str
) -> dict[str, Any]:
    prev = market.prev_closing_price(trade.market, trade.timestamp_ms)
    book = market.orderbook(trade.market, trade.timestamp_ms, depth=1)
    moment = datetime.fromtimestamp(trade.timestamp_ms / 1000, UTC)
    (ask, ask_size), (bid, bid_size) = book.asks[0], book.bids[0]
    return {
        "type": "trade",
        "code": trade.market,
        "timestamp": now_ms,
        "trade_date": moment.strftime("%Y-%m-%d"),
        "trade_time": moment.strftime("%H:%M:%S"),
        "trade_timestamp": trade.timestamp_ms,
        "trade_price": float(trade.price),
        "trade_volume": float(trade.volume),
        "ask_bid": trade.ask_bid,
        "prev_closing_price": float(prev),
        "change": _change(trade.price - prev),
        "change_price": float(abs(trade.price - prev)),
        "sequential_id": trade.sequential_id,
        "best_ask_price": float(ask),
        "best_ask_size": float(ask_size),
        "best_bid_price": float(bid),
        "best_bid_size": float(bid_size),
        "stream_type": stream_type,
    }


def _ticker_message(
    market: MarketSimulator,
    code: str,
    at_ms: int,
    now_ms: int,
    stream_type: str,
    last: SimTrade | None = None,
) -> dict[str, Any]:
    ticker = market.ticker(code, at_ms)
    last = last or market.last_trade(code, at_ms)
    return {
        "type": "ticker",
        "code": code,
        **{name: ticker[name] for name in _TICKER_FIELDS},
        "ask_bid": last.ask_bid,
        **{name: ticker[name] for name in _TICKER_52_WEEK},
        "market_state": "ACTIVE",
        "is_trading_suspended": False,
        "delisting_date": None,
        "market_warning": "NONE",
        "timestamp": now_ms,
        "stream_type": stream_type,
    }


def _orderbook_message(
    market: MarketSimulator,
    code: str,
    depth: int,
    level: Decimal,
    at_ms: int,
    now_ms: int,
    stream_type: str,
) -> dict[str, Any]:
    book = market.orderbook(code, at_ms, depth=depth, level=level).wire()
    return {
        "type": "orderbook",
        "code": code,
        "timestamp": now_ms,
        "total_ask_size": book["total_ask_size"],
        "total_bid_size": book["total_bid_size"],
        "orderbook_units": book["orderbook_units"],
        "stream_type": stream_type,
        "level": book["level"],
    }


def _candle_row(market: MarketSimulator, kind: str, code: str, now_ms: int) -> dict[str, Any]:
    rows = market.candles(code, kind.partition(".")[2], to_ms=now_ms + 1, count=1)
    return rows[0] if rows else {}


def _candle_message(
    kind: str, row: Mapping[str, Any], now_ms: int, stream_type: str
) -> dict[str, Any]:
    return {
        "type": kind,
        "code": row["market"],
        "candle_date_time_utc": row["candle_date_time_utc"],
        "candle_date_time_kst": row["candle_date_time_kst"],
        "opening_price": row["opening_price"],
        "high_price": row["high_price"],
        "low_price": row["low_price"],
        "trade_price": row["trade_price"],
        "candle_acc_trade_volume": row["candle_acc_trade_volume"],
        "candle_acc_trade_price": row["candle_acc_trade_price"],
        "timestamp": now_ms,
        "stream_type": stream_type,
    }


# --------------------------------------------------------------------------- connections


class _Hub:
    """The open private connections, by pocket, and the engine's clock for them."""

    def __init__(self, sandbox: Sandbox) -> None:
        self._sandbox = sandbox
        self._sessions: set[_Session] = set()
        self._lock = threading.Lock()
        self._advanced_ms = 0

    def add(self, session: _Session) -> None:
        with self._lock:
            self._sessions.add(session)

    def remove(self, session: _Session) -> None:
        with self._lock:
            self._sessions.discard(session)

    def publish(self, pocket: str, message: dict[str, Any]) -> None:
        with self._lock:
            targets = [s for s in self._sessions if s.pocket == pocket]
        for session in targets:
            session.offer(message)

    def advance(self, now_ms: int) -> None:
        """Let resting orders fill as simulated time passes, so fills reach the streams."""
        if now_ms - self._advanced_ms >= _ADVANCE_EVERY_MS:
            self._advanced_ms = now_ms
            self._sandbox.exchange.advance(now_ms)


class _Closed(Exception):
    """The connection is closing; stop sending."""


@dataclass
class _CandleState:
    sent_ms: int
    row: dict[str, Any] = field(default_factory=dict)
    dirty: bool = False


class _Session:
    """One WebSocket connection: its requests, its subscriptions and its streams."""

    def __init__(
        self, sandbox: Sandbox, websocket: WebSocket, hub: _Hub, key: ApiKey | None
    ) -> None:
        self._sandbox = sandbox
        self._market = sandbox.market
        self._ws = websocket
        self._hub = hub
        self._key = key
        self._loop = asyncio.get_running_loop()
        self._inbox: asyncio.Queue[Message | None] = asyncio.Queue()
        self._private: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._format = "DEFAULT"
        self._subscriptions: tuple[_Subscription, ...] = ()
        self._stream: asyncio.Task[None] | None = None
        self._keepalive: asyncio.Task[None] | None = None
        self._send_lock = asyncio.Lock()
        self._last_activity = self._loop.time()
        self._data_sent = 0
        self._requests: deque[float] = deque()
        self._close_with: tuple[int, str] | None = None

    @property
    def pocket(self) -> str | None:
        return self._key.pocket if self._key else None

    def _wants(self, message: Mapping[str, Any]) -> bool:
        kind = message.get("type")
        return any(
            sub.type == kind and (not sub.targets or message.get("code") in sub.markets)
            for sub in self._subscriptions
        )

    def offer(self, message: dict[str, Any]) -> None:
        """Queue a private event for this connection; callable from any thread."""
        if self._close_with is None and self._wants(message):
            with contextlib.suppress(RuntimeError):  # a closed loop: the connection is gone
                self._loop.call_soon_threadsafe(self._private.put_nowait, message)

    async def run(self) -> None:
        if self._key is not None:
            self._hub.add(self)
        reader = asyncio.create_task(self._read())
        try:
            while (message := await self._next()) is not None:
                if message["type"] == "websocket.disconnect":
                    return
                text = message.get("text")
                if text is None:
                    try:
                        text = (message.get("bytes") or b"").decode("utf-8")
                    except UnicodeDecodeError:
                        text = "\ufffd"
                await self._handle(text, message.get("arrived", self._loop.time()))
        finally:
            self._hub.remove(self)
            tasks = [t for t in (reader, self._stream, self._keepalive) if t is not None]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            if self._close_with is not None and self._close_with[0] != 1006:
                with contextlib.suppress(WebSocketDisconnect, RuntimeError, OSError):
                    await self._ws.close(*self._close_with)

    async def _read(self) -> None:
        try:
            while True:
                message = await self._ws.receive()
                # Upbit counts request messages when they arrive, not when they are handled.
                message["arrived"] = self._loop.time()
                self._inbox.put_nowait(message)
                if message["type"] == "websocket.disconnect":
                    return
        except (WebSocketDisconnect, RuntimeError, OSError):
            self._inbox.put_nowait({"type": "websocket.disconnect", "code": 1006})

    async def _next(self) -> Message | None:
        """The next client message, or None once the connection is to be closed."""
        while self._close_with is None:
            idle = self._sandbox.faults.ws_idle_timeout_s
            remaining = self._last_activity + idle - self._loop.time()
            if remaining <= 0:
                self._close_with = (1000, "idle timeout")
                break
            try:
                message = await asyncio.wait_for(self._inbox.get(), remaining)
            except TimeoutError:
                continue
            if message is not None:
                self._last_activity = self._loop.time()
                return message
        return None

    def _request_close(self, code: int, reason: str) -> None:
        if self._close_with is None:
            self._close_with = (code, reason)
        self._inbox.put_nowait(None)

    # -- sending -----------------------------------------------------------------------

    async def _send_frame(self, payload: bytes) -> None:
        if self._close_with is not None:
            raise _Closed
        async with self._send_lock:
            try:
                await self._ws.send_bytes(payload)
            except (WebSocketDisconnect, RuntimeError, OSError) as exc:
                self._request_close(1006, "")
                raise _Closed from exc
        self._last_activity = self._loop.time()

    async def _send_data(self, message: Mapping[str, Any]) -> None:
        faults = self._sandbox.faults
        if faults.ws_stall_after is not None and self._data_sent >= faults.ws_stall_after:
            return
        await self._send_frame(_render(message, self._format))
        self._data_sent += 1
        if faults.ws_disconnect_after is not None and self._data_sent >= faults.ws_disconnect_after:
            self._request_close(1011, "injected fault: disconnect")
            raise _Closed

    async def _send_error(self, name: str, message: str) -> None:
        await self._send_frame(_dump(_error(name, message)))

    # -- requests ----------------------------------------------------------------------

    async def _handle(self, text: str, arrived: float) -> None:
        try:
            if text.strip() == "PING":
                await self._send_frame(_dump({"status": "UP"}))
                if self._keepalive is None:
                    self._keepalive = asyncio.create_task(self._keep_alive())
                return
            if not self._allow_request(arrived):
                await self._send_error("Too Many Requests", "WebSocket request limit exceeded")
                return
            try:
                request = _parse_request(
                    text,
                    private=self._key is not None,
                    market=self._market,
                    now_ms=self._sandbox.now_ms(),
                )
                self._check_scope(request)
            except _RequestError as err:
                await self._send_error(err.name, err.message)
                return
            if request.list_subscriptions:
                self._format = request.format or self._format
                await self._send_frame(_render(self._listing(request.ticket), self._format))
                return
            await self._replace(request)
        except _Closed:
            return

    def _allow_request(self, now: float) -> bool:
        while self._requests and now - self._requests[0] >= 60:
            self._requests.popleft()
        last_second = sum(1 for t in self._requests if now - t < 1)
        if last_second >= _MESSAGES_PER_SECOND or len(self._requests) >= _MESSAGES_PER_MINUTE:
            return False
        self._requests.append(now)
        return True

    def _check_scope(self, request: _Request) -> None:
        if self._key is None:
            return
        for sub in request.subscriptions:
            try:
                require_permission(self._key, _PERMISSION.get(sub.type))
            except SandboxError as err:
                raise _RequestError("INVALID_AUTH", f"{sub.type}: {err.message}") from None

    def _listing(self, ticket: str) -> dict[str, Any]:
        return {
            "method": "LIST_SUBSCRIPTIONS",
            "result": [sub.listing() for sub in self._subscriptions],
            "ticket": ticket,
        }

    async def _replace(self, request: _Request) -> None:
        if self._stream is not None:
            self._stream.cancel()
            await asyncio.gather(self._stream, return_exceptions=True)
            self._stream = None
        self._private = asyncio.Queue()
        self._subscriptions = request.subscriptions
        self._format = request.format or "DEFAULT"
        now = self._sandbox.now_ms()
        for sub in self._subscriptions:
            if sub.quotation and not sub.only_realtime:
                for message in self._snapshots(sub, now):
                    await self._send_data(message)
        if any(not (sub.quotation and sub.only_snapshot) for sub in self._subscriptions):
            self._stream = asyncio.create_task(self._run_stream(now + 1))

    def _snapshots(self, sub: _Subscription, now: int) -> Iterable[dict[str, Any]]:
        market = self._market
        for code, depth in sub.targets:
            if sub.type == "ticker":
                yield _ticker_message(market, code, now, now, "SNAPSHOT")
            elif sub.type == "trade":
                yield _trade_message(market, market.last_trade(code, now), now, "SNAPSHOT")
            elif sub.type == "orderbook":
                yield _orderbook_message(market, code, depth, sub.level, now, now, "SNAPSHOT")
            else:
                row = _candle_row(market, sub.type, code, now)
                if row:
                    yield _candle_message(sub.type, row, now, "SNAPSHOT")

    async def _keep_alive(self) -> None:
        try:
            while True:
                await asyncio.sleep(STATUS_INTERVAL_S)
                await self._send_frame(_dump({"status": "UP"}))
        except _Closed:
            return

    # -- streaming ---------------------------------------------------------------------

    async def _run_stream(self, since: int) -> None:
        try:
            await self._stream_loop(since)
        except _Closed:
            return
        except Exception:
            _log.exception("WebSocket stream failed")
            self._request_close(1011, "internal error")

    async def _stream_loop(self, since: int) -> None:
        realtime = [s for s in self._subscriptions if s.quotation and not s.only_snapshot]
        private = any(not s.quotation for s in self._subscriptions)
        markets = sorted({m for s in realtime for m in s.markets})
        candles = {
            (index, code): _CandleState(sent_ms=since - 1)
            for index, sub in enumerate(realtime)
            if sub.type in _CANDLE_TYPES
            for code in sub.markets
        }
        while True:
            await self._deliver_private(wait=private)
            now = self._sandbox.now_ms()
            if private:
                self._hub.advance(now)
            if markets and now + 1 > since:
                await self._poll(realtime, markets, since, now, candles)
                since = now + 1

    async def _deliver_private(self, *, wait: bool) -> None:
        if not wait:
            await asyncio.sleep(POLL_S)
            return
        deadline = self._loop.time() + POLL_S
        queue = self._private
        while (timeout := deadline - self._loop.time()) > 0:
            try:
                message = await asyncio.wait_for(queue.get(), timeout)
            except TimeoutError:
                return
            if self._wants(message):
                await self._send_data(message)

    async def _poll(
        self,
        realtime: Sequence[_Subscription],
        markets: Sequence[str],
        since: int,
        now: int,
        candles: dict[tuple[int, str], _CandleState],
    ) -> None:
        market = self._market
        trades = sorted(
            (t for code in markets for t in market.trades_between(code, since, now + 1)),
            key=lambda t: (t.timestamp_ms, t.sequential_id),
        )
        for trade in trades:
            code, at = trade.market, trade.timestamp_ms
            for index, sub in enumerate(realtime):
                if code not in sub.markets:
                    continue
                if sub.type == "trade":
                    faults = self._sandbox.faults
                    if not faults.roll(faults.ws_skip_rate):
                        await self._send_data(_trade_message(market, trade, now, "REALTIME"))
                elif sub.type == "ticker":
                    await self._send_data(_ticker_message(market, code, at, now, "REALTIME", trade))
                elif sub.type == "orderbook":
                    for target, depth in sub.targets:
                        if target == code:
                            await self._send_orderbook(code, depth, sub.level, at, now)
                else:
                    candles[(index, code)].dirty = True
        for (index, code), state in candles.items():
            if state.dirty and now - state.sent_ms >= _CANDLE_GAP_MS:
                kind = realtime[index].type
                row = _candle_row(market, kind, code, now)
                state.dirty = False
                if row and row != state.row:
                    state.sent_ms, state.row = now, row
                    await self._send_data(_candle_message(kind, row, now, "REALTIME"))

    async def _send_orderbook(
        self, code: str, depth: int, level: Decimal, at: int, now: int
    ) -> None:
        try:
            message = _orderbook_message(self._market, code, depth, level, at, now, "REALTIME")
        except SandboxError:  # the price moved and the level is no longer offered
            return
        await self._send_data(message)
