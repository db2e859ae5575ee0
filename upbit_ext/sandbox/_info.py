"""The sandbox's info WebSocket (`/websocket/v1/info`): indicators and announcements.

After the handshake's JWT is checked (as on the private endpoint), a request
``[{ticket}, {type...}..., {format}?]`` replaces the connection's subscriptions:

- `indicator` / `indicator_signal` with `codes`, `timeframe` and `indicators`: every
  `INDICATOR_EVERY_S` seconds each indicator is computed from the simulator's candles of that
  timeframe (the current candle included); `indicator` sends it when the value or the candle
  changed, `indicator_signal` only when its trigger fires (a crossing between two
  computations). Values are decimal strings with 8 places. Allowed periods follow Upbit's SDK.
- `announcement` with optional `categories` and `include_body`: notices published through
  ``POST /_sandbox/announcements`` (the sandbox has no notices of its own).

`LIST_SUBSCRIPTIONS`, `PING` and the four formats behave as on the other endpoints. Indicator
math: SMA; EMA seeded with the SMA of the first period; RSI with Wilder's smoothing; Bollinger
bands with the population standard deviation; MACD = EMA(fast) - EMA(slow), signal = EMA of MACD.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from ._errors import SandboxError
from ._verify import verify_websocket

if TYPE_CHECKING:
    from ._state import Sandbox

__all__ = ["INDICATOR_EVERY_S", "info_routes"]

INDICATOR_EVERY_S: Final = 1.0
_PLACES: Final = Decimal("0.00000001")
_FORMATS: Final = ("DEFAULT", "SIMPLE", "JSON_LIST", "SIMPLE_LIST")
_TIMEFRAMES: Final = ("5m", "15m", "60m", "240m", "1d")
_CATEGORIES: Final = frozenset(
    {"notice", "trade", "wallet", "maintenance", "digital_asset", "nft", "service", "event"}
)
_SMA_EMA: Final = ("SMA", "EMA")
_CROSSOVERS: Final = ((5, 20), (20, 60), (30, 90), (50, 200))
_MACDS: Final = ((12, 26, 9), (8, 17, 9), (5, 35, 5))
# Allowed periods (Upbit's SDK 1.1.0): indicator, then indicator_signal.
_PERIODS: Final[Mapping[str, tuple[frozenset[int], frozenset[int]]]] = {
    "rsi": (frozenset({*range(2, 15), 21, 25}), frozenset({7, 9, 14, 21, 25})),
    "moving_average": (
        frozenset({3, 5, 7, 10, 15, 20, 25, 30, 50, 60, 90, 99, 100, 120, 200}),
        frozenset({5, 10, 20, 30, 60, 90, 120, 200}),
    ),
    "bollinger_bands": (frozenset({10, 20, 50}), frozenset({20})),
    "volume": (frozenset(range(5, 55, 5)), frozenset({10, 20, 50})),
}
_TRIGGERS: Final[Mapping[str, frozenset[str]]] = {
    "rsi": frozenset({"overbought", "oversold"}),
    "macd": frozenset({"golden_cross", "dead_cross", "zero_cross_above", "zero_cross_below"}),
    "ma_crossover": frozenset({"golden_cross", "dead_cross"}),
    "moving_average": frozenset({"price_cross_above", "price_cross_below"}),
    "bollinger_bands": frozenset({"price_cross_above", "price_cross_below"}),
    "volume": frozenset({"volume_spike"}),
}
_SIMPLE_PARAMS: Final = {
    "period": "p", "type": "t", "multiplier": "m", "fast": "f", "slow": "s",
    "signal_period": "sgp", "short_period": "shp", "long_period": "lop",
}  # fmt: skip
_SIMPLE_VALUES: Final = {
    "rsi": "rsi", "macd": "macd", "macd_signal": "macds", "histogram": "hist",
    "bb_upper": "bbu", "bb_middle": "bbm", "bb_lower": "bbl", "value": "value",
    "ma_short": "mas", "ma_long": "mal", "volume": "vol", "avg_volume": "av", "ratio": "rto",
}  # fmt: skip
_SIMPLE_EVENT: Final = {"threshold": "th", "multiplier": "mul"}
_SIMPLE_TOP: Final = {
    "type": "ty", "code": "cd", "indicator": "ind", "params": "p", "timeframe": "tf",
    "value": "v", "trigger": "tr", "event_params": "ep", "candle_date_time_utc": "cdttmu",
    "timestamp": "tms", "stream_type": "st", "uuid": "uid", "event_type": "et", "title": "tt",
    "category": "cat", "url": "url", "first_listed_at": "flat", "listed_at": "lat", "body": "bd",
    "method": "mthd", "result": "rslt", "ticket": "tck", "codes": "cds",
}  # fmt: skip
_AUTH_MESSAGE: Final = "인증 정보가 올바르지 않습니다."


class _RequestError(Exception):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


@dataclass(frozen=True)
class _Indicator:
    kind: str  # rsi, macd, ...
    params: tuple[tuple[str, Any], ...]
    trigger: str | None = None
    event: tuple[tuple[str, Any], ...] = ()

    def param(self, name: str) -> Any:
        return dict(self.params)[name]


@dataclass(frozen=True)
class _Sub:
    type: str
    codes: tuple[str, ...] = ()
    timeframe: str = ""
    indicators: tuple[_Indicator, ...] = ()
    categories: frozenset[str] = frozenset()
    include_body: bool = False

    def listing(self) -> dict[str, Any]:
        item: dict[str, Any] = {"type": self.type}
        if self.codes:
            item["codes"] = list(self.codes)
        return item


# --------------------------------------------------------------------------- requests


def _int_in(value: object, allowed: Iterable[int], name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in set(allowed):
        raise _RequestError("INVALID_PARAM", f"{name} {value!r} is not offered")
    return value


def _indicator(raw: object, signal: bool) -> _Indicator:
    if not isinstance(raw, dict) or not isinstance(raw.get("params"), dict):
        raise _RequestError("WRONG_FORMAT", "each indicator is {type, params}")
    kind, params = raw.get("type"), raw["params"]
    if not isinstance(kind, str) or kind not in _TRIGGERS:
        raise _RequestError("INVALID_PARAM", f"unknown indicator {kind!r}")
    checked: dict[str, Any] = {}
    if kind in _PERIODS:
        checked["period"] = _int_in(params.get("period"), _PERIODS[kind][signal], "period")
    if kind in ("moving_average", "ma_crossover"):
        if params.get("type") not in _SMA_EMA:
            raise _RequestError("INVALID_PARAM", "type must be SMA or EMA")
        checked["type"] = params["type"]
    if kind == "bollinger_bands":
        m = params.get("multiplier")
        if isinstance(m, bool) or not isinstance(m, int | float) or not 0 < m <= 5:
            raise _RequestError("INVALID_PARAM", "multiplier must be a number in (0, 5]")
        checked["multiplier"] = m
    if kind == "ma_crossover":
        pair = (params.get("short_period"), params.get("long_period"))
        if pair not in _CROSSOVERS:
            raise _RequestError("INVALID_PARAM", f"short/long periods {pair} are not offered")
        checked["short_period"], checked["long_period"] = pair
    if kind == "macd":
        triple = (params.get("fast"), params.get("slow"), params.get("signal_period"))
        if triple not in _MACDS:
            raise _RequestError("INVALID_PARAM", f"fast/slow/signal {triple} are not offered")
        checked["fast"], checked["slow"], checked["signal_period"] = triple
    trigger: str | None = None
    event: tuple[tuple[str, Any], ...] = ()
    if signal:
        trigger = raw.get("trigger")
        if not isinstance(trigger, str) or trigger not in _TRIGGERS[kind]:
            raise _RequestError("INVALID_PARAM", f"trigger {trigger!r} is not one of {kind}'s")
        ep = raw.get("event_params") or {}
        if not isinstance(ep, dict):
            raise _RequestError("WRONG_FORMAT", "event_params must be an object")
        if trigger == "overbought":
            event = (("threshold", _int_in(ep.get("threshold"), (70, 80), "threshold")),)
        elif trigger == "oversold":
            event = (("threshold", _int_in(ep.get("threshold"), (20, 30), "threshold")),)
        elif trigger == "volume_spike":
            event = (("multiplier", _int_in(ep.get("multiplier"), (2, 3, 5), "multiplier")),)
    return _Indicator(kind, tuple(checked.items()), trigger, event)


def _subscription(item: Mapping[str, Any], markets: Sequence[str]) -> _Sub:
    kind = item["type"]
    if kind == "announcement":
        categories = item.get("categories", [])
        if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
            raise _RequestError("WRONG_FORMAT", "categories must be a list of strings")
        if unknown := sorted(set(categories) - _CATEGORIES):
            raise _RequestError("INVALID_PARAM", f"unknown categories {unknown}")
        body = item.get("include_body", False)
        if not isinstance(body, bool):
            raise _RequestError("WRONG_FORMAT", "include_body must be true or false")
        return _Sub(kind, categories=frozenset(categories), include_body=body)
    if kind not in ("indicator", "indicator_signal"):
        raise _RequestError("INVALID_PARAM", f"unknown type {kind!r} on the info endpoint")
    codes = item.get("codes")
    if not codes:
        raise _RequestError("NO_CODES", f'{kind} needs codes, e.g. ["KRW-BTC"]')
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        raise _RequestError("WRONG_FORMAT", "codes must be a list of strings")
    for code in codes:
        if code not in markets or not code.startswith("KRW-"):
            raise _RequestError("INVALID_PARAM", f"{code!r} is not a KRW pair of this exchange")
    if item.get("timeframe") not in _TIMEFRAMES:
        raise _RequestError("INVALID_PARAM", f"timeframe must be one of {', '.join(_TIMEFRAMES)}")
    raw = item.get("indicators")
    if not isinstance(raw, list) or not raw:
        raise _RequestError("WRONG_FORMAT", "indicators must be a non-empty list")
    indicators = tuple(_indicator(r, kind == "indicator_signal") for r in raw)
    return _Sub(kind, tuple(dict.fromkeys(codes)), item["timeframe"], indicators)


def _parse(text: str, markets: Sequence[str]) -> tuple[str, list[_Sub], bool, str | None]:
    try:
        items = json.loads(text)
    except (ValueError, RecursionError):
        raise _RequestError("WRONG_FORMAT", "the request is not valid JSON") from None
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
        raise _RequestError("WRONG_FORMAT", "the request must be a JSON array")
    first, *rest = items
    ticket = first.get("ticket")
    if not isinstance(ticket, str) or not ticket.strip():
        raise _RequestError("NO_TICKET", "the first object must carry a ticket")
    fmt = None
    if rest and "format" in rest[-1]:
        fmt = rest.pop()["format"]
        if fmt not in _FORMATS:
            raise _RequestError("WRONG_FORMAT", f"format must be one of {', '.join(_FORMATS)}")
    if len(rest) == 1 and rest[0].get("method") == "LIST_SUBSCRIPTIONS":
        return ticket, [], True, fmt
    if not rest or any("type" not in i for i in rest):
        raise _RequestError("NO_TYPE", "every data object needs a type")
    return ticket, [_subscription(i, markets) for i in rest], False, fmt


# --------------------------------------------------------------------------- indicators


def _sma(values: Sequence[Decimal], period: int) -> Decimal:
    return sum(values[-period:], Decimal(0)) / period


def _ema_series(values: Sequence[Decimal], period: int) -> list[Decimal]:
    alpha = Decimal(2) / (period + 1)
    ema = _sma(values[:period], period)
    out = [ema]
    for v in values[period:]:
        ema = alpha * v + (1 - alpha) * ema
        out.append(ema)
    return out


def _ma(values: Sequence[Decimal], period: int, kind: str) -> Decimal:
    return _sma(values, period) if kind == "SMA" else _ema_series(values, period)[-1]


def _rsi(closes: Sequence[Decimal], period: int) -> Decimal:
    changes = [b - a for a, b in itertools.pairwise(closes)]
    gains = [max(c, Decimal(0)) for c in changes]
    losses = [max(-c, Decimal(0)) for c in changes]
    gain, loss = _sma(gains[:period], period), _sma(losses[:period], period)
    for g, lo in zip(gains[period:], losses[period:], strict=True):
        gain = (gain * (period - 1) + g) / period
        loss = (loss * (period - 1) + lo) / period
    if loss == 0:
        return Decimal(100)
    return 100 - 100 / (1 + gain / loss)


def compute(
    ind: _Indicator, closes: Sequence[Decimal], volumes: Sequence[Decimal]
) -> dict[str, Decimal] | None:
    """The indicator's values over candles oldest first, or None without enough candles."""
    kind = ind.kind
    if kind == "rsi":
        period = ind.param("period")
        return {"rsi": _rsi(closes, period)} if len(closes) > period else None
    if kind == "moving_average":
        period = ind.param("period")
        if len(closes) < period:
            return None
        return {"value": _ma(closes, period, ind.param("type"))}
    if kind == "ma_crossover":
        short, long = ind.param("short_period"), ind.param("long_period")
        if len(closes) < long:
            return None
        kind_ma = ind.param("type")
        return {"ma_short": _ma(closes, short, kind_ma), "ma_long": _ma(closes, long, kind_ma)}
    if kind == "bollinger_bands":
        period = ind.param("period")
        if len(closes) < period:
            return None
        window = closes[-period:]
        mid = _sma(window, period)
        sd = (sum(((c - mid) ** 2 for c in window), Decimal(0)) / period).sqrt()
        width = Decimal(str(ind.param("multiplier"))) * sd
        return {"bb_upper": mid + width, "bb_middle": mid, "bb_lower": mid - width}
    if kind == "macd":
        fast, slow, signal = ind.param("fast"), ind.param("slow"), ind.param("signal_period")
        if len(closes) < slow + signal - 1:
            return None
        fast_ema = _ema_series(closes, fast)[slow - fast :]
        macd_line = [f - s for f, s in zip(fast_ema, _ema_series(closes, slow), strict=True)]
        signal_line = _ema_series(macd_line, signal)[-1]
        return {
            "macd": macd_line[-1],
            "macd_signal": signal_line,
            "histogram": macd_line[-1] - signal_line,
        }
    period = ind.param("period")  # volume: the current candle against the previous ones
    if len(volumes) <= period:
        return None
    avg = _sma(volumes[:-1], period)
    return {
        "volume": volumes[-1],
        "avg_volume": avg,
        "ratio": volumes[-1] / avg if avg else Decimal(0),
    }


def fired(
    ind: _Indicator,
    before: Mapping[str, Decimal],
    now: Mapping[str, Decimal],
    close: tuple[Decimal, Decimal],
) -> bool:
    """Whether `ind`'s trigger fires between two computations (`close`: previous, current)."""
    trigger, event = ind.trigger, dict(ind.event)

    def up(a0: Decimal, b0: Decimal, a1: Decimal, b1: Decimal) -> bool:
        return a0 <= b0 and a1 > b1

    if trigger == "overbought":
        t = Decimal(event["threshold"])
        return up(before["rsi"], t, now["rsi"], t)
    if trigger == "oversold":
        t = Decimal(event["threshold"])
        return up(t, before["rsi"], t, now["rsi"])
    if trigger == "volume_spike":
        m = Decimal(event["multiplier"])
        return up(before["ratio"], m, now["ratio"], m) or (before["ratio"] < m <= now["ratio"])
    if ind.kind == "macd":
        pairs = {
            "golden_cross": ("macd", "macd_signal"), "dead_cross": ("macd_signal", "macd"),
        }  # fmt: skip
        if trigger in pairs:
            a, b = pairs[trigger]
            return up(before[a], before[b], now[a], now[b])
        zero = Decimal(0)
        if trigger == "zero_cross_above":
            return up(before["macd"], zero, now["macd"], zero)
        return up(zero, before["macd"], zero, now["macd"])
    if ind.kind == "ma_crossover":
        if trigger == "golden_cross":
            return up(before["ma_short"], before["ma_long"], now["ma_short"], now["ma_long"])
        return up(before["ma_long"], before["ma_short"], now["ma_long"], now["ma_short"])
    upper = "value" if ind.kind == "moving_average" else "bb_upper"
    lower = "value" if ind.kind == "moving_average" else "bb_lower"
    if trigger == "price_cross_above":
        return up(close[0], before[upper], close[1], now[upper])
    return up(before[lower], close[0], now[lower], close[1])


def _text(value: Decimal) -> str:
    return format(value.quantize(_PLACES), "f")


# --------------------------------------------------------------------------- connections


def _dump(payload: object) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _simple(message: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in message.items():
        if key == "params":
            value = {_SIMPLE_PARAMS.get(k, k): v for k, v in value.items()}
        elif key == "value":
            value = {_SIMPLE_VALUES.get(k, k): v for k, v in value.items()}
        elif key == "event_params":
            value = {_SIMPLE_EVENT.get(k, k): v for k, v in value.items()}
        elif key == "result":
            value = [{_SIMPLE_TOP.get(k, k): v for k, v in item.items()} for item in value]
        out[_SIMPLE_TOP.get(key, key)] = value
    return out


def _render(message: Mapping[str, Any], fmt: str) -> bytes:
    body = _simple(message) if fmt.startswith("SIMPLE") else message
    return _dump([body] if fmt.endswith("_LIST") else body)


class _Hub:
    def __init__(self) -> None:
        self.sessions: set[_Session] = set()
        self.lock = threading.Lock()


class _Session:
    def __init__(self, sandbox: Sandbox, ws: WebSocket, hub: _Hub) -> None:
        self._sandbox = sandbox
        self._ws = ws
        self._hub = hub
        self._loop = asyncio.get_running_loop()
        self._subs: list[_Sub] = []
        self._format = "DEFAULT"
        self._task: asyncio.Task[None] | None = None
        self._send_lock = asyncio.Lock()

    async def send(self, message: Mapping[str, Any]) -> None:
        async with self._send_lock:
            await self._ws.send_bytes(_render(message, self._format))

    def offer(self, notice: Mapping[str, Any]) -> None:
        for sub in self._subs:
            if sub.type == "announcement" and (
                not sub.categories or notice.get("category") in sub.categories
            ):
                message = {k: v for k, v in notice.items() if k != "body" or sub.include_body}
                asyncio.run_coroutine_threadsafe(self._safe_send(message), self._loop)
                return

    async def _safe_send(self, message: Mapping[str, Any]) -> None:
        with contextlib.suppress(WebSocketDisconnect, RuntimeError, OSError):
            await self.send(message)

    async def run(self) -> None:
        with self._hub.lock:
            self._hub.sessions.add(self)
        try:
            while True:
                message = await self._ws.receive()
                if message["type"] == "websocket.disconnect":
                    return
                text = message.get("text")
                if text is None:
                    text = (message.get("bytes") or b"").decode("utf-8", "replace")
                await self._handle(text)
        except (WebSocketDisconnect, RuntimeError, OSError):
            return
        finally:
            with self._hub.lock:
                self._hub.sessions.discard(self)
            if self._task is not None:
                self._task.cancel()
                await asyncio.gather(self._task, return_exceptions=True)

    async def _handle(self, text: str) -> None:
        if text.strip() == "PING":
            await self._ws.send_bytes(_dump({"status": "UP"}))
            return
        try:
            ticket, subs, listing, fmt = _parse(text, list(self._sandbox.market.markets))
        except _RequestError as err:
            await self._ws.send_bytes(_dump({"error": {"name": err.name, "message": err.message}}))
            return
        if fmt is not None:
            self._format = fmt
        if listing:
            result = [s.listing() for s in self._subs]
            await self.send({"method": "LIST_SUBSCRIPTIONS", "result": result, "ticket": ticket})
            return
        if fmt is None:
            self._format = "DEFAULT"
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        self._subs = subs
        if any(s.indicators for s in subs):
            self._task = asyncio.create_task(self._indicators())

    async def _indicators(self) -> None:
        last: dict[tuple[int, str, int], tuple[str, dict[str, Decimal], Decimal]] = {}
        try:
            while True:
                await self._tick(last)
                await asyncio.sleep(INDICATOR_EVERY_S)
        except (WebSocketDisconnect, RuntimeError, OSError):
            return

    async def _tick(
        self, last: dict[tuple[int, str, int], tuple[str, dict[str, Decimal], Decimal]]
    ) -> None:
        market = self._sandbox.market
        now = self._sandbox.now_ms()
        for s_index, sub in enumerate(self._subs):
            for code in sub.codes:
                rows = market.candles(code, sub.timeframe, to_ms=now + 1, count=200)[::-1]
                if not rows:
                    continue
                closes = [Decimal(str(r["trade_price"])) for r in rows]
                volumes = [Decimal(str(r["candle_acc_trade_volume"])) for r in rows]
                candle = rows[-1]["candle_date_time_utc"]
                for i_index, ind in enumerate(sub.indicators):
                    values = compute(ind, closes, volumes)
                    if values is None:
                        continue
                    key = (s_index, code, i_index)
                    before = last.get(key)
                    last[key] = (candle, values, closes[-1])
                    if sub.type == "indicator":
                        if before is not None and before[:2] == (candle, values):
                            continue
                    elif before is None or not fired(
                        ind, before[1], values, (before[2], closes[-1])
                    ):
                        continue
                    message: dict[str, Any] = {
                        "type": sub.type,
                        "code": code,
                        "indicator": ind.kind,
                        "params": dict(ind.params),
                        "timeframe": sub.timeframe,
                        "value": {k: _text(v) for k, v in values.items()},
                    }
                    if ind.trigger is not None:
                        message["trigger"] = ind.trigger
                        message["event_params"] = dict(ind.event)
                    message.update(
                        candle_date_time_utc=candle, timestamp=now, stream_type="REALTIME"
                    )
                    await self.send(message)


def info_routes(sandbox: Sandbox) -> list[Route | WebSocketRoute]:
    """`/websocket/v1/info`, and `POST /_sandbox/announcements` to publish a notice to it."""
    hub = _Hub()
    counter = iter(range(562_593_104, 10**12))

    async def info(websocket: WebSocket) -> None:
        await websocket.accept()
        try:
            verify_websocket(
                authorization=websocket.headers.get("authorization"),
                client_ip=websocket.client.host if websocket.client else "127.0.0.1",
                keys=sandbox.store,
                nonces=sandbox.nonces,
                permission=None,
                now_ms=sandbox.now_ms(),
            )
        except SandboxError:
            err = {"error": {"name": "INVALID_AUTH", "message": _AUTH_MESSAGE}}
            await websocket.send_bytes(_dump(err))
            await websocket.close(1008, "INVALID_AUTH")
            return
        await _Session(sandbox, websocket, hub).run()

    async def announce(request: Request) -> Response:
        try:
            data = json.loads(await request.body() or b"{}")
            if not isinstance(data, dict) or not isinstance(data.get("title"), str):
                raise ValueError("a JSON object with a title is expected")
            category = data.get("category", "notice")
            if category not in _CATEGORIES:
                raise ValueError(f"category must be one of {sorted(_CATEGORIES)}")
        except ValueError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        now = sandbox.now_ms()
        kst = datetime.fromtimestamp(now / 1000, UTC).astimezone(timezone(timedelta(hours=9)))
        uid = str(next(counter))
        notice = {
            "type": "announcement",
            "event_type": data.get("event_type", "CREATED"),
            "uuid": uid,
            "title": data["title"],
            "category": category,
            "url": f"https://upbit.com/service_center/notice?id={uid}",
            "first_listed_at": kst.isoformat(timespec="seconds"),
            "listed_at": kst.isoformat(timespec="seconds"),
            "timestamp": now,
            "stream_type": "REALTIME",
            "body": data.get("body"),
        }
        with hub.lock:
            sessions = list(hub.sessions)
        for session in sessions:
            session.offer(notice)
        return JSONResponse(notice)

    return [
        WebSocketRoute("/websocket/v1/info", info),
        Route("/_sandbox/announcements", announce, methods=["POST"]),
    ]
