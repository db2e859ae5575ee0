"""Deterministic market simulator: trades, tickers, orderbooks and candles that agree.

Every number is a pure function of (seed, origin, market, time), so two sandboxes started
with the same seed and origin serve identical data however they are queried. The price
follows a log random walk sampled once per minute (cumulative in both directions from the
origin, where it equals `base_price`); the trades of one minute are drawn from their own
`random.Random`, seeded by a stable hash of (seed, market, minute), as a Brownian bridge
between the walk's values at the minute's two ends. Candles and tickers are built from
aggregates of exactly those trades (minute -> hour -> day, cached), so a candle's OHLCV is
the aggregate of its trades by construction, and long ranges stay cheap after the first
query.

History on demand: before the detailed window (`history_days`, trades at the market's own
rate) lie `deep_history_days` UTC days of thin trades, one in 20 minutes on average, each
as large as the detailed trades it stands for. Each deep day is drawn from its own seeded
`random.Random` as a Brownian bridge between two points of a daily walk that runs backward
from the detailed walk, so nothing is simulated before it is asked for (start-up stays
instant however long the history) and any range, in any order, gives the same bytes. Deep
candles are still exactly their trades (minutes without a trade have no candle, as for an
illiquid market at Upbit).

Money is kept as integers in units of 1e-8 while simulating (every tick of every table is a
multiple of 1e-8), which makes aggregation exact; it becomes `Decimal` at the boundary and a
JSON number (float) only in the wire dicts.

Time boundaries are UTC, as Upbit's are: day candles start at 00:00 UTC (09:00 KST), weeks on
Monday 00:00 UTC, months and years on their first day 00:00 UTC; minute candles are aligned
to the epoch (so 240-minute candles start at 01, 05, 09, ... KST).
"""

from __future__ import annotations

import hashlib
import math
import random
import threading
from array import array
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from types import MappingProxyType
from typing import Any, NamedTuple

from ._errors import SandboxError

__all__ = [
    "CANDLE_UNITS",
    "DEFAULT_MARKETS",
    "MarketInfo",
    "MarketSimulator",
    "Orderbook",
    "SimTrade",
    "tick_size",
]

MINUTE_MS = 60_000
HOUR_MS = 60 * MINUTE_MS
DAY_MS = 24 * HOUR_MS
_KST_MS = 9 * HOUR_MS
_SCALE = 10**8  # simulation units per whole coin / currency unit
_SEQ_FACTOR = 10_000  # sequential_id = timestamp_ms * 10_000 + n, above 2**53 like Upbit's
_WALK_BLOCK = 1440  # walk steps drawn per seeded block (one day of minutes)
_MEAN_REVERSION = 1.0 / (60 * 1440)  # keeps decades-long runs near base_price (60-day scale)
_HALF_SPREAD = 0.0001  # trades bounce +-1 bp around the mid; the book's spread is 2 bp
_MAX_TRADES_PER_MINUTE = 5_000
_RAW_CACHE_MINUTES = 256  # per market: the minutes trade queries touch
_DEEP_TRADES_PER_MINUTE = 0.05  # deep history: one trade in 20 minutes (or the market's rate)
_DEEP_CACHE_DAYS = 64  # per market: deep days kept as trades (their aggregates stay cached)
_MAX_CANDLES = 200
_MAX_TRADES = 500
_MAX_DEPTH = 30
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_DATE = date(1970, 1, 1)
_ZERO = Decimal(0)

CANDLE_UNITS = ("1s", "1m", "3m", "5m", "10m", "15m", "30m", "60m", "240m", "1d", "1w", "1M", "1y")
_FIXED_PERIOD_MS = {
    "1s": 1_000,
    **{f"{n}m": n * MINUTE_MS for n in (1, 3, 5, 10, 15, 30, 60, 240)},
    "1d": DAY_MS,
}


def _invalid() -> SandboxError:
    return SandboxError(400, 400, "Invalid parameter. Check the given value!")


def _ticks(rows: Sequence[tuple[str, str]]) -> tuple[tuple[Decimal, Decimal], ...]:
    return tuple((Decimal(low), Decimal(tick)) for low, tick in rows)


# (lowest price of the band, tick), highest band first: upbit-api.md §7.
_TICK_TABLES = {
    # KRW: in force since 2025-07-31.
    "KRW": _ticks(
        [
            ("2000000", "1000"),
            ("1000000", "1000"),
            ("500000", "500"),
            ("100000", "100"),
            ("50000", "50"),
            ("10000", "10"),
            ("5000", "5"),
            ("1000", "1"),
            ("100", "1"),
            ("10", "0.1"),
            ("1", "0.01"),
            ("0.1", "0.001"),
            ("0.01", "0.0001"),
            ("0.001", "0.00001"),
            ("0.0001", "0.000001"),
            ("0.00001", "0.0000001"),
            ("0", "0.00000001"),
        ]
    ),
    # USDT: since 2024-08-19.
    "USDT": _ticks(
        [
            ("10", "0.01"),
            ("1", "0.001"),
            ("0.1", "0.0001"),
            ("0.01", "0.00001"),
            ("0.001", "0.000001"),
            ("0.0001", "0.0000001"),
            ("0", "0.00000001"),
        ]
    ),
    "BTC": _ticks([("0", "0.00000001")]),
}
_TICK_UNITS = {
    quote: tuple((int(low * _SCALE), int(tick * _SCALE)) for low, tick in rows)
    for quote, rows in _TICK_TABLES.items()
}
# A typical trade's value in the quote currency: sizes trades and book levels.
_TYPICAL_NOTIONAL = {"KRW": 200_000.0, "BTC": 0.002, "USDT": 150.0}


def tick_size(market: str, price: Decimal) -> Decimal:
    """The order price unit of `market` at `price`, from the sandbox's own tables."""
    rows = _TICK_TABLES.get(market.partition("-")[0])
    if rows is None:
        raise ValueError(f"market must be quoted in KRW, BTC or USDT, got {market!r}")
    if price < 0:
        raise ValueError(f"price must not be negative, got {price}")
    for low, tick in rows:
        if price >= low:
            return tick
    raise AssertionError("unreachable: every table ends at 0")


@dataclass(frozen=True)
class MarketInfo:
    """One simulated market and the character of its price process."""

    code: str
    korean_name: str
    english_name: str
    base_price: Decimal
    daily_volatility: float
    trades_per_minute: float

    def __post_init__(self) -> None:
        quote, _, base = self.code.partition("-")
        if quote not in _TICK_TABLES or not base or base != base.upper():
            raise ValueError(f"code must look like KRW-BTC, BTC-ETH or USDT-XRP, got {self.code!r}")
        if not self.base_price > 0:
            raise ValueError(f"base_price must be positive, got {self.base_price}")
        if not 0 <= self.daily_volatility < 1:
            raise ValueError(f"daily_volatility must be in [0, 1), got {self.daily_volatility}")
        if not 0 < self.trades_per_minute <= 1_000:
            raise ValueError(
                f"trades_per_minute must be in (0, 1000], got {self.trades_per_minute}"
            )


def _info(code: str, korean: str, english: str, price: str, vol: float, tpm: float) -> MarketInfo:
    return MarketInfo(code, korean, english, Decimal(price), vol, tpm)


DEFAULT_MARKETS: tuple[MarketInfo, ...] = (
    _info("KRW-BTC", "비트코인", "Bitcoin", "103000000", 0.03, 40),
    _info("KRW-ETH", "이더리움", "Ethereum", "5000000", 0.04, 25),
    _info("KRW-XRP", "리플", "XRP", "3000", 0.05, 30),
    _info("KRW-SOL", "솔라나", "Solana", "250000", 0.05, 12),
    _info("KRW-DOGE", "도지코인", "Dogecoin", "300", 0.06, 10),
    _info("KRW-ADA", "에이다", "Cardano", "1000", 0.05, 6),
    _info("KRW-USDT", "테더", "Tether", "1400", 0.004, 15),
    _info("BTC-ETH", "이더리움", "Ethereum", "0.05", 0.03, 2),
    _info("BTC-XRP", "리플", "XRP", "0.00003", 0.04, 1),
    _info("USDT-BTC", "비트코인", "Bitcoin", "70000", 0.03, 4),
    _info("USDT-ETH", "이더리움", "Ethereum", "3500", 0.04, 2),
    _info("USDT-XRP", "리플", "XRP", "2.1", 0.05, 2),
)


@dataclass(frozen=True)
class SimTrade:
    """One simulated trade. `ask_bid` is the taker's side, as Upbit reports it."""

    market: str
    timestamp_ms: int
    price: Decimal
    volume: Decimal
    ask_bid: str
    sequential_id: int


@dataclass(frozen=True)
class Orderbook:
    """A book snapshot: asks ascending, bids descending, as (price, size) pairs."""

    market: str
    timestamp_ms: int
    level: Decimal
    asks: list[tuple[Decimal, Decimal]]
    bids: list[tuple[Decimal, Decimal]]

    def wire(self) -> dict[str, Any]:
        """The spec's `Orderbook` object (index 0 = best ask and best bid)."""
        pairs = list(zip(self.asks, self.bids, strict=False))
        return {
            "market": self.market,
            "timestamp": self.timestamp_ms,
            "total_ask_size": float(sum((a[1] for a, _ in pairs), Decimal(0))),
            "total_bid_size": float(sum((b[1] for _, b in pairs), Decimal(0))),
            "orderbook_units": [
                {
                    "ask_price": float(ask),
                    "bid_price": float(bid),
                    "ask_size": float(ask_size),
                    "bid_size": float(bid_size),
                }
                for (ask, ask_size), (bid, bid_size) in pairs
            ],
            "level": int(self.level)
            if self.level == self.level.to_integral_value()
            else float(self.level),
        }


class _Raw(NamedTuple):
    ts: int
    price: int  # 1e-8 units of the quote currency
    volume: int  # 1e-8 units of the base asset
    is_bid: bool
    seq: int


@dataclass(frozen=True, slots=True)
class _Agg:
    """Aggregate of the trades of a span, in simulation units (value in 1e-16 units)."""

    first_ts: int
    last_ts: int
    open: int
    high: int
    low: int
    close: int
    volume: int
    value: int
    count: int


_NO_TRADES = _Agg(0, 0, 0, 0, 0, 0, 0, 0, 0)


def _merge(a: _Agg | None, b: _Agg | None) -> _Agg | None:
    """Combine two adjacent aggregates, `a` earlier than `b`."""
    if a is None:
        return b
    if b is None:
        return a
    return _Agg(
        a.first_ts,
        b.last_ts,
        a.open,
        max(a.high, b.high),
        min(a.low, b.low),
        b.close,
        a.volume + b.volume,
        a.value + b.value,
        a.count + b.count,
    )


def _aggregate_rows(rows: Sequence[_Raw]) -> _Agg | None:
    if not rows:
        return None
    high = low = rows[0].price
    volume = value = 0
    for row in rows:
        price = row.price
        if price > high:
            high = price
        elif price < low:
            low = price
        volume += row.volume
        value += price * row.volume
    return _Agg(
        rows[0].ts, rows[-1].ts, rows[0].price, high, low, rows[-1].price, volume, value, len(rows)
    )


def _seed_text(*parts: object) -> bytes:
    return "".join(f"{p}\x1f" for p in parts).encode()


def _stable_seed(*parts: object) -> int:
    """A seed that is the same in every process (`hash()` is salted per process)."""
    return int.from_bytes(hashlib.blake2b(_seed_text(*parts), digest_size=8).digest(), "big")


def _dec(units: int, scale: int = _SCALE) -> Decimal:
    whole, rest = divmod(units, scale)
    if rest == 0:
        return Decimal(whole)
    return (Decimal(units) / scale).normalize()


def _num(units: int, scale: int = _SCALE) -> float:
    """The JSON number of an amount: int / int is correctly rounded, like float(Decimal)."""
    return units / scale


def _moment(ms: int) -> datetime:
    return _EPOCH + timedelta(milliseconds=ms)


def _day_string(day: int) -> str:
    return (_EPOCH_DATE + timedelta(days=day)).isoformat()


def _period_start(unit: str, ts: int) -> int:
    fixed = _FIXED_PERIOD_MS.get(unit)
    if fixed is not None:
        return ts - ts % fixed
    day = ts // DAY_MS
    if unit == "1w":
        return (day - (day + 3) % 7) * DAY_MS  # 1970-01-01 was a Thursday
    first = _EPOCH_DATE + timedelta(days=day)
    first = first.replace(day=1) if unit == "1M" else first.replace(month=1, day=1)
    return (first - _EPOCH_DATE).days * DAY_MS


def _period_end(unit: str, start: int) -> int:
    fixed = _FIXED_PERIOD_MS.get(unit)
    if fixed is not None:
        return start + fixed
    if unit == "1w":
        return start + 7 * DAY_MS
    first = _EPOCH_DATE + timedelta(days=start // DAY_MS)
    if unit == "1M":
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    else:
        following = date(first.year + 1, 1, 1)
    return (following - _EPOCH_DATE).days * DAY_MS


class _Series:
    """The price process and trade caches of one market."""

    def __init__(
        self, info: MarketInfo, seed: int, start_minute: int, origin_minute: int, deep_days: int
    ) -> None:
        quote = info.code.partition("-")[0]
        self.info = info
        self.code = info.code
        # Detailed trades from `_start_minute` on; thin "deep" trades for `deep_days` UTC days
        # before it (from the start of the UTC day `deep_days` before the detailed start).
        self._start_minute = start_minute
        self._detail_ms = start_minute * MINUTE_MS
        self._top_day = (self._detail_ms - 1) // DAY_MS  # the last day holding deep trades
        self.start_ms = (self._top_day + 1 - deep_days) * DAY_MS if deep_days else self._detail_ms
        self._deep_rate = min(info.trades_per_minute, _DEEP_TRADES_PER_MINUTE) / MINUTE_MS
        self._deep_levels = array("d")  # log level at the start of day _top_day + 1 - i
        self._deep_days: OrderedDict[int, dict[int, tuple[_Raw, ...]]] = OrderedDict()
        self._origin_minute = origin_minute
        self._seed = seed
        self._minute_seeds = hashlib.blake2b(_seed_text(seed, info.code, "minute"), digest_size=8)
        self._ticks = _TICK_UNITS[quote]
        self._base = float(info.base_price)
        self._notional = _TYPICAL_NOTIONAL[quote]
        self._sigma = info.daily_volatility / math.sqrt(1440)
        # Log-price offsets from the origin at minute boundaries, after and before it.
        self._forward = array("d", [0.0])
        self._backward = array("d", [0.0])
        self._raws: OrderedDict[int, tuple[_Raw, ...]] = OrderedDict()
        self._minutes: dict[int, _Agg | None] = {}
        self._hours: dict[int, _Agg | None] = {}
        self._days: dict[int, _Agg | None] = {}
        self._prev_close: dict[int, int | None] = {}

    # -- prices --------------------------------------------------------------------------

    def tick(self, price: int) -> int:
        for low, tick in self._ticks:
            if price >= low:
                return tick
        return self._ticks[-1][1]

    def snap(self, price: int) -> int:
        """The nearest price on the grid (band edges are on both bands' grids)."""
        tick = self.tick(price)
        price = (price + tick // 2) // tick * tick
        return price if price > 0 else self._ticks[-1][1]

    def step_up(self, price: int) -> int:
        return price + self.tick(price)

    def step_down(self, price: int) -> int:
        lower = price - self.tick(price)
        return price - self.tick(lower) if lower > 0 else 0

    def _walk(self, minute: int) -> float:
        offset = minute - self._origin_minute
        path, direction = (self._forward, "+") if offset >= 0 else (self._backward, "-")
        index = abs(offset)
        while len(path) <= index:
            block = (len(path) - 1) // _WALK_BLOCK
            rng = random.Random(_stable_seed(self._seed, self.code, "walk", direction, block))
            level = path[-1]
            keep = 1.0 - _MEAN_REVERSION
            for _ in range(_WALK_BLOCK):
                level = level * keep + self._sigma * rng.gauss(0.0, 1.0)
                path.append(level)
        return path[index]

    # -- deep history --------------------------------------------------------------------

    def _deep_level(self, day: int) -> float:
        """Log level at 00:00 UTC of `day` (<= _top_day; _top_day + 1 stands for the detailed
        start), a daily walk run backward from the detailed walk's value at the detailed start,
        seeded in blocks of 64 days."""
        index = self._top_day + 1 - day
        levels = self._deep_levels
        if not levels:
            levels.append(self._walk(self._start_minute))
        keep = (1.0 - _MEAN_REVERSION) ** 1440
        sigma = self.info.daily_volatility
        while len(levels) <= index:
            block = (len(levels) - 1) // 64
            rng = random.Random(_stable_seed(self._seed, self.code, "deep-walk", block))
            level = levels[-1]
            for _ in range(64):
                level = level * keep + sigma * rng.gauss(0.0, 1.0)
                levels.append(level)
        return levels[index]

    def _deep_day(self, day: int) -> dict[int, tuple[_Raw, ...]]:
        """The deep trades of one UTC day by minute: a thin Poisson stream (at most
        `_DEEP_TRADES_PER_MINUTE` a minute) on a Brownian bridge between the day's two
        levels, each trade the volume of the detailed trades it stands for."""
        cached = self._deep_days.get(day)
        if cached is not None:
            self._deep_days.move_to_end(day)
            return cached
        start_level, end_level = self._deep_level(day), self._deep_level(day + 1)
        rng = random.Random(_stable_seed(self._seed, self.code, "deep-day", day))
        gauss, uniform, exp, sqrt, snap = rng.gauss, rng.random, math.exp, math.sqrt, self.snap
        base = self._base
        notional = self._notional * self.info.trades_per_minute / (self._deep_rate * MINUTE_MS)
        variance_per_ms = self.info.daily_volatility**2 / DAY_MS
        lower, upper = max(day * DAY_MS, self.start_ms), min((day + 1) * DAY_MS, self._detail_ms)
        # The last deep day ends where the detailed trades begin, at the detailed walk's level.
        span = min(DAY_MS, self._detail_ms - day * DAY_MS)
        by_minute: dict[int, list[_Raw]] = {}
        level, before = start_level, 0.0
        last_ts, same_ms = -1, 0
        t = rng.expovariate(self._deep_rate)
        while t < span:
            left = span - before
            spread = variance_per_ms * (t - before) * (span - t) / left
            level += (end_level - level) * (t - before) / left + sqrt(spread) * gauss(0.0, 1.0)
            before = t
            is_bid = uniform() < 0.5
            price_f = base * exp(level) * (1 + _HALF_SPREAD if is_bid else 1 - _HALF_SPREAD)
            volume = max(1, int(notional * (0.2 + 1.6 * uniform()) / price_f * _SCALE))
            ts = day * DAY_MS + int(t)
            t += rng.expovariate(self._deep_rate)
            if not lower <= ts < upper:
                continue
            same_ms = same_ms + 1 if ts == last_ts else 0
            last_ts = ts
            raw = _Raw(
                ts, snap(int(price_f * _SCALE + 0.5)), volume, is_bid, ts * _SEQ_FACTOR + same_ms
            )
            by_minute.setdefault(ts // MINUTE_MS, []).append(raw)
        rows = {minute: tuple(found) for minute, found in by_minute.items()}
        self._deep_days[day] = rows
        if len(self._deep_days) > _DEEP_CACHE_DAYS:
            self._deep_days.popitem(last=False)
        return rows

    # -- trades --------------------------------------------------------------------------

    def raw(self, minute: int) -> tuple[_Raw, ...]:
        """The trades of one minute, oldest first (none before the history start)."""
        if minute * MINUTE_MS < self.start_ms:
            return ()
        if minute < self._start_minute:
            return self._deep_day(minute * MINUTE_MS // DAY_MS).get(minute, ())
        rows = self._raws.get(minute)
        if rows is None:
            rows = self._generate(minute)
            self._raws[minute] = rows
            if len(self._raws) > _RAW_CACHE_MINUTES:
                self._raws.popitem(last=False)
        else:
            self._raws.move_to_end(minute)
        return rows

    def _generate(self, minute: int) -> tuple[_Raw, ...]:
        start, end = self._walk(minute), self._walk(minute + 1)
        hasher = self._minute_seeds.copy()  # = _stable_seed(seed, code, "minute", minute)
        hasher.update(f"{minute}\x1f".encode())
        rng = random.Random(int.from_bytes(hasher.digest(), "big"))
        # Busier when the price moves: volume clusters with volatility, as in real markets.
        surprise = abs(end - start) / self._sigma if self._sigma > 0 else 0.8
        rate = self.info.trades_per_minute * (0.5 + 0.625 * min(surprise, 4.0)) / MINUTE_MS
        times: list[float] = []
        t = rng.expovariate(rate)
        while t < MINUTE_MS and len(times) < _MAX_TRADES_PER_MINUTE:
            times.append(t)
            t += rng.expovariate(rate)

        variance_per_ms = self._sigma**2 / MINUTE_MS
        gauss, uniform, exp, sqrt, snap = rng.gauss, rng.random, math.exp, math.sqrt, self.snap
        base, notional = self._base, self._notional
        level, before = start, 0.0
        minute_ms = minute * MINUTE_MS
        rows: list[_Raw] = []
        last_ts, same_ms = -1, 0
        for t in times:
            left = MINUTE_MS - before
            spread = variance_per_ms * (t - before) * (MINUTE_MS - t) / left
            level += (end - level) * (t - before) / left + sqrt(spread) * gauss(0.0, 1.0)
            before = t
            is_bid = uniform() < 0.5
            price_f = base * exp(level) * (1 + _HALF_SPREAD if is_bid else 1 - _HALF_SPREAD)
            price = snap(int(price_f * _SCALE + 0.5))
            volume = max(1, int(notional * exp(gauss(0.0, 1.0)) / price_f * _SCALE))
            ts = minute_ms + int(t)
            same_ms = same_ms + 1 if ts == last_ts else 0
            last_ts = ts
            rows.append(_Raw(ts, price, volume, is_bid, ts * _SEQ_FACTOR + same_ms))
        return tuple(rows)

    # -- aggregates ----------------------------------------------------------------------

    def minute(self, minute: int) -> _Agg | None:
        if minute in self._minutes:
            return self._minutes[minute]
        if minute < self._start_minute:
            return _aggregate_rows(self.raw(minute))  # cheap, and not cached: a year is big
        # Bypasses the trade cache: aggregating a day must not evict the minutes being read.
        rows = self._raws.get(minute)
        if rows is None:
            rows = self._generate(minute)
        agg = _aggregate_rows(rows)
        self._minutes[minute] = agg
        return agg

    def hour(self, hour: int) -> _Agg | None:
        if hour in self._hours:
            return self._hours[hour]
        agg: _Agg | None = None
        if (hour + 1) * HOUR_MS > self.start_ms:
            for minute in range(hour * 60, hour * 60 + 60):
                agg = _merge(agg, self.minute(minute))
        self._hours[hour] = agg
        return agg

    def day(self, day: int) -> _Agg | None:
        if day in self._days:
            return self._days[day]
        agg: _Agg | None = None
        if (day + 1) * DAY_MS <= self._detail_ms and day * DAY_MS >= self.start_ms:
            rows = self._deep_day(day)  # a whole deep day: straight from its trades
            agg = _aggregate_rows([r for minute in sorted(rows) for r in rows[minute]])
        elif (day + 1) * DAY_MS > self.start_ms:
            for hour in range(day * 24, day * 24 + 24):
                agg = _merge(agg, self.hour(hour))
        self._days[day] = agg
        return agg

    def aggregate(self, start: int, end: int) -> _Agg | None:
        """Aggregate of the trades in [start, end), from the largest cached blocks that fit."""
        t = max(start, self.start_ms)
        agg: _Agg | None = None
        while t < end:
            if t % DAY_MS == 0 and t + DAY_MS <= end:
                agg, t = _merge(agg, self.day(t // DAY_MS)), t + DAY_MS
            elif t % HOUR_MS == 0 and t + HOUR_MS <= end:
                agg, t = _merge(agg, self.hour(t // HOUR_MS)), t + HOUR_MS
            elif t % MINUTE_MS == 0 and t + MINUTE_MS <= end:
                agg, t = _merge(agg, self.minute(t // MINUTE_MS)), t + MINUTE_MS
            else:
                stop = min(end, (t // MINUTE_MS + 1) * MINUTE_MS)
                rows = [r for r in self.raw(t // MINUTE_MS) if t <= r.ts < stop]
                agg, t = _merge(agg, _aggregate_rows(rows)), stop
        return agg

    def last_before(self, end: int) -> _Raw | None:
        """The latest trade strictly before `end`."""
        while end > self.start_ms:
            if end % MINUTE_MS:
                minute = end // MINUTE_MS
                rows = [r for r in self.raw(minute) if r.ts < end]
                if rows:
                    return rows[-1]
                end = minute * MINUTE_MS
                continue
            if end % DAY_MS == 0:
                agg, size = self.day(end // DAY_MS - 1), DAY_MS
            elif end % HOUR_MS == 0:
                agg, size = self.hour(end // HOUR_MS - 1), HOUR_MS
            else:
                agg, size = self.minute(end // MINUTE_MS - 1), MINUTE_MS
            if agg is not None:
                return self.raw(agg.last_ts // MINUTE_MS)[-1]
            end -= size
        return None

    def prev_close(self, day: int) -> int | None:
        """The last price before the UTC day `day` starts (Upbit's `prev_closing_price`)."""
        if day not in self._prev_close:
            last = self.last_before(day * DAY_MS)
            self._prev_close[day] = last.price if last is not None else None
        return self._prev_close[day]


class MarketSimulator:
    """Deterministic quotation data for a set of markets; every query takes the time.

    Detailed trades from `origin_ms - history_days` on, without an end: later queries simply
    see later trades. Before them, `deep_history_days` UTC days of thin deep trades (0: none);
    nothing exists before `history_start_ms`, like Upbit's missing history. Cost: the first
    query over a span simulates its trades (a few microseconds a trade, about 3 s for the
    default dozen markets over 3 detailed days, well under 1 ms a deep day; `warm_up` does
    the detailed window up front). Aggregates of detailed minutes and of hours and days are
    cached, so memory grows with what was queried (roughly 30 MB for the default history).
    """

    def __init__(
        self,
        markets: Sequence[MarketInfo] = DEFAULT_MARKETS,
        *,
        seed: int = 7,
        origin_ms: int,
        history_days: float = 3.0,
        deep_history_days: int = 400,
    ) -> None:
        if not markets:
            raise ValueError("markets must not be empty")
        codes = [m.code for m in markets]
        if len(set(codes)) != len(codes):
            raise ValueError(f"markets must have distinct codes, got {codes}")
        if not history_days > 0:
            raise ValueError(f"history_days must be positive, got {history_days}")
        if origin_ms < 0:
            raise ValueError(f"origin_ms must not be negative, got {origin_ms}")
        if (
            not isinstance(deep_history_days, int)
            or isinstance(deep_history_days, bool)
            or not 0 <= deep_history_days <= 36_500
        ):
            raise ValueError(
                f"deep_history_days must be an integer from 0 to 36500, got {deep_history_days!r}"
            )
        self.seed = seed
        self.origin_ms = origin_ms
        start_ms = origin_ms - round(history_days * DAY_MS)
        start_minute = -(-start_ms // MINUTE_MS)
        self.detail_start_ms = start_minute * MINUTE_MS
        self.markets: Mapping[str, MarketInfo] = MappingProxyType({m.code: m for m in markets})
        self._series = {
            m.code: _Series(m, seed, start_minute, origin_ms // MINUTE_MS, deep_history_days)
            for m in markets
        }
        self.history_start_ms = next(iter(self._series.values())).start_ms
        self._lock = threading.RLock()

    def _get(self, market: str) -> _Series:
        series = self._series.get(market)
        if series is None:
            raise SandboxError(404, 404, "Code not found")
        return series

    def _trade(self, series: _Series, raw: _Raw) -> SimTrade:
        return SimTrade(
            series.code,
            raw.ts,
            _dec(raw.price),
            _dec(raw.volume),
            "BID" if raw.is_bid else "ASK",
            raw.seq,
        )

    def _last(self, series: _Series, now_ms: int) -> _Raw:
        with self._lock:
            raw = series.last_before(now_ms + 1)
        if raw is None:
            raise LookupError(f"{series.code} has no trade at or before {now_ms}")
        return raw

    # -- trades --------------------------------------------------------------------------

    def trades_between(self, market: str, start_ms: int, end_ms: int) -> list[SimTrade]:
        """Every trade with start_ms <= timestamp < end_ms, oldest first."""
        series = self._get(market)
        trades: list[SimTrade] = []
        if end_ms <= start_ms:
            return trades
        with self._lock:
            first = max(start_ms, series.start_ms) // MINUTE_MS
            for minute in range(first, (end_ms - 1) // MINUTE_MS + 1):
                trades.extend(
                    self._trade(series, r) for r in series.raw(minute) if start_ms <= r.ts < end_ms
                )
        return trades

    def last_trade(self, market: str, now_ms: int) -> SimTrade:
        """The latest trade at or before `now_ms` (LookupError before the history start)."""
        series = self._get(market)
        return self._trade(series, self._last(series, now_ms))

    def recent_trades(
        self,
        market: str,
        *,
        now_ms: int,
        count: int,
        before_seq: int | None = None,
        day_utc: date | None = None,
    ) -> list[SimTrade]:
        """Up to `count` trades at or before `now_ms`, newest first.

        `before_seq` (Upbit's `cursor`) keeps only trades with a smaller `sequential_id`,
        which here means strictly older; `day_utc` keeps only trades of that UTC day.
        """
        series = self._get(market)
        if not _is_count(count, _MAX_TRADES):
            raise _invalid()
        upper = now_ms  # inclusive
        lower = series.start_ms
        if day_utc is not None:
            day_start = (day_utc - _EPOCH_DATE).days * DAY_MS
            lower = max(lower, day_start)
            upper = min(upper, day_start + DAY_MS - 1)
        if before_seq is not None:
            upper = min(upper, before_seq // _SEQ_FACTOR)
        found: list[SimTrade] = []
        with self._lock:
            minute = upper // MINUTE_MS
            while minute >= lower // MINUTE_MS and len(found) < count:
                for raw in reversed(series.raw(minute)):
                    if raw.ts > upper or (before_seq is not None and raw.seq >= before_seq):
                        continue
                    if raw.ts < lower or len(found) == count:
                        break
                    found.append(self._trade(series, raw))
                minute -= 1
        return found

    def prev_closing_price(self, market: str, at_ms: int) -> Decimal:
        """Close of the UTC days before the one containing `at_ms` (that day's open if none)."""
        series = self._get(market)
        day = at_ms // DAY_MS
        with self._lock:
            price = series.prev_close(day)
            if price is None:
                first = series.aggregate(day * DAY_MS, at_ms + 1)
                if first is None:
                    raise LookupError(f"{market} has no trade at or before {at_ms}")
                price = first.open
        return _dec(price)

    def trade_wire(self, trade: SimTrade) -> dict[str, Any]:
        """The spec's `Trade` object of one trade (`prev_closing_price` of the trade's day)."""
        prev = self.prev_closing_price(trade.market, trade.timestamp_ms)
        moment = _moment(trade.timestamp_ms)
        return {
            "market": trade.market,
            "trade_date_utc": moment.strftime("%Y-%m-%d"),
            "trade_time_utc": moment.strftime("%H:%M:%S"),
            "timestamp": trade.timestamp_ms,
            "trade_price": float(trade.price),
            "trade_volume": float(trade.volume),
            "prev_closing_price": float(prev),
            "change_price": float(trade.price - prev),
            "ask_bid": trade.ask_bid,
            "sequential_id": trade.sequential_id,
        }

    # -- ticker --------------------------------------------------------------------------

    def ticker(self, market: str, now_ms: int) -> dict[str, Any]:
        """The spec's `Ticker` object as of `now_ms`.

        The "day" is the UTC day of the last trade. 52-week fields come from the day
        candles of the last 364 days that the history covers (dates are UTC days).
        """
        series = self._get(market)
        with self._lock:
            last = self._last(series, now_ms)
            day = last.ts // DAY_MS
            today = series.aggregate(day * DAY_MS, now_ms + 1)
            assert today is not None  # it holds `last`
            prev = series.prev_close(day)
            prev = today.open if prev is None else prev
            last_24h = series.aggregate(now_ms + 1 - DAY_MS, now_ms + 1) or _NO_TRADES
            high, high_day, low, low_day = today.high, day, today.low, day
            for past in range(day - 1, max(day - 364, series.start_ms // DAY_MS - 1), -1):
                agg = series.day(past)
                if agg is None:
                    continue
                if agg.high > high:
                    high, high_day = agg.high, past
                if agg.low < low:
                    low, low_day = agg.low, past
        change = last.price - prev
        rate = _rate(change, prev)
        utc, kst = _moment(last.ts), _moment(last.ts + _KST_MS)
        return {
            "market": market,
            "trade_date": utc.strftime("%Y%m%d"),
            "trade_time": utc.strftime("%H%M%S"),
            "trade_date_kst": kst.strftime("%Y%m%d"),
            "trade_time_kst": kst.strftime("%H%M%S"),
            "trade_timestamp": last.ts,
            "opening_price": _num(today.open),
            "high_price": _num(today.high),
            "low_price": _num(today.low),
            "trade_price": _num(last.price),
            "prev_closing_price": _num(prev),
            "change": "RISE" if change > 0 else "FALL" if change < 0 else "EVEN",
            "change_price": _num(abs(change)),
            "change_rate": abs(rate),
            "signed_change_price": _num(change),
            "signed_change_rate": rate,
            "trade_volume": _num(last.volume),
            "acc_trade_price": _num(today.value, _SCALE * _SCALE),
            "acc_trade_price_24h": _num(last_24h.value, _SCALE * _SCALE),
            "acc_trade_volume": _num(today.volume),
            "acc_trade_volume_24h": _num(last_24h.volume),
            "highest_52_week_price": _num(high),
            "highest_52_week_date": _day_string(high_day),
            "lowest_52_week_price": _num(low),
            "lowest_52_week_date": _day_string(low_day),
            "timestamp": now_ms,
        }

    # -- orderbook -----------------------------------------------------------------------

    def supported_levels(self, market: str, now_ms: int) -> tuple[Decimal, ...]:
        """Accepted orderbook `level`s: 0, and for KRW markets the powers of ten from ten
        ticks up to the last price (KRW-BTC: 0, 10000, ..., 100000000, like Upbit)."""
        series = self._get(market)
        price = self._last(series, now_ms).price
        levels = [Decimal(0)]
        if market.startswith("KRW-"):
            level = 1
            while level <= price:
                if level >= 10 * series.tick(price):
                    levels.append(_dec(level))
                level *= 10
        return tuple(levels)

    def orderbook(
        self, market: str, now_ms: int, *, depth: int = 30, level: Decimal = _ZERO
    ) -> Orderbook:
        """The book as of `now_ms`: best bid at the last price, best ask 2 bp (>= 1 tick)
        above, further levels on the tick grid (or the `level` grid) with seeded sizes.

        The book is a function of the last trade, so it changes when a trade happens.
        A `level` not in `supported_levels` is a 400 (Upbit answers an empty list for
        it; the caller can check `supported_levels` first to mimic that).
        """
        series = self._get(market)
        if not _is_count(depth, _MAX_DEPTH):
            raise _invalid()
        if level not in self.supported_levels(market, now_ms):
            raise _invalid()
        last = self._last(series, now_ms)
        rng = random.Random(_stable_seed(self.seed, market, "book", last.seq, level.normalize()))
        best_bid = last.price
        best_ask = best_bid
        ticks_apart = max(1, round(best_bid * 2 * _HALF_SPREAD / series.tick(best_bid)))
        for _ in range(ticks_apart):
            best_ask = series.step_up(best_ask)
        asks, bids = [best_ask], [best_bid]
        size_factor = 1.0
        if level:
            group = int(level * _SCALE)
            size_factor = math.sqrt(group / series.tick(best_bid))
            asks = [-(-best_ask // group) * group]
            bids = [best_bid // group * group]
            while len(asks) < depth:
                asks.append(asks[-1] + group)
            while len(bids) < depth and bids[-1] - group > 0:
                bids.append(bids[-1] - group)
        else:
            while len(asks) < depth:
                price = asks[-1]
                for _ in range(1 + int(rng.expovariate(1.5))):
                    price = series.step_up(price)
                asks.append(price)
            while len(bids) < depth:
                price = bids[-1]
                for _ in range(1 + int(rng.expovariate(1.5))):
                    price = series.step_down(price)
                if price <= 0:
                    break
                bids.append(price)
        bids = [p for p in bids if p > 0]
        typical = _TYPICAL_NOTIONAL[market.partition("-")[0]] / (last.price / _SCALE)

        def sized(prices: list[int]) -> list[tuple[Decimal, Decimal]]:
            return [
                (
                    _dec(price),
                    _dec(
                        max(
                            1,
                            int(
                                typical
                                * size_factor
                                * (1 + 0.1 * depth_index)
                                * rng.lognormvariate(0.0, 0.8)
                                * _SCALE
                            ),
                        )
                    ),
                )
                for depth_index, price in enumerate(prices)
            ]

        return Orderbook(market, now_ms, level, sized(asks), sized(bids))

    # -- candles -------------------------------------------------------------------------

    def candles(
        self,
        market: str,
        unit: str,
        *,
        to_ms: int,
        count: int,
        now_ms: int | None = None,
    ) -> list[dict[str, Any]]:
        """Up to `count` candles starting before `to_ms`, newest first, as spec wire dicts.

        A candle holds the trades of its period up to `now_ms` (default `to_ms`): pass the
        server's now so a `to` in the future never shows future trades, and a `to` in the
        past still returns the full candle it falls in, as Upbit does. Periods without
        trades produce no candle. `unit` is one of `CANDLE_UNITS`.
        """
        series = self._get(market)
        if unit not in CANDLE_UNITS or not _is_count(count, _MAX_CANDLES):
            raise _invalid()
        data_end = to_ms if now_ms is None else now_ms
        newest = min(to_ms, data_end) - 1
        if newest < series.start_ms:
            return []
        with self._lock:
            if unit == "1s":
                return self._second_candles(series, newest, data_end, count)
            rows: list[dict[str, Any]] = []
            start = _period_start(unit, newest)
            while len(rows) < count:
                end = _period_end(unit, start)
                if end <= series.start_ms:
                    break
                agg = series.aggregate(start, min(end, data_end))
                if agg is not None:
                    rows.append(self._candle_wire(series, unit, start, agg))
                start = _period_start(unit, start - 1)
        return rows

    def _second_candles(
        self, series: _Series, newest: int, data_end: int, count: int
    ) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        minute = newest // MINUTE_MS
        while minute * MINUTE_MS + MINUTE_MS > series.start_ms and len(rows) < count:
            by_second: dict[int, list[_Raw]] = {}
            for raw in series.raw(minute):
                if raw.ts < data_end and raw.ts // 1000 * 1000 <= newest:
                    by_second.setdefault(raw.ts // 1000 * 1000, []).append(raw)
            for second in sorted(by_second, reverse=True)[: count - len(rows)]:
                agg = _aggregate_rows(by_second[second])
                assert agg is not None
                rows.append(self._candle_wire(series, "1s", second, agg))
            minute -= 1
        return rows

    def _candle_wire(self, series: _Series, unit: str, start: int, agg: _Agg) -> dict[str, Any]:
        row: dict[str, Any] = {
            "market": series.code,
            "candle_date_time_utc": _moment(start).strftime("%Y-%m-%dT%H:%M:%S"),
            "candle_date_time_kst": _moment(start + _KST_MS).strftime("%Y-%m-%dT%H:%M:%S"),
            "opening_price": _num(agg.open),
            "high_price": _num(agg.high),
            "low_price": _num(agg.low),
            "trade_price": _num(agg.close),
            "timestamp": agg.last_ts,
            "candle_acc_trade_price": _num(agg.value, _SCALE * _SCALE),
            "candle_acc_trade_volume": _num(agg.volume),
        }
        if unit.endswith("m"):
            row["unit"] = int(unit[:-1])
        elif unit == "1d":
            prev = series.prev_close(start // DAY_MS)
            prev = agg.open if prev is None else prev
            row["prev_closing_price"] = _num(prev)
            row["change_price"] = _num(agg.close - prev)
            row["change_rate"] = _rate(agg.close - prev, prev)
        elif unit in ("1w", "1M", "1y"):
            row["first_day_of_period"] = _day_string(start // DAY_MS)
        return row

    def warm_up(self, now_ms: int) -> None:
        """Simulate and cache the whole history up to `now_ms`, so first queries are fast."""
        with self._lock:
            for series in self._series.values():
                series.aggregate(self.detail_start_ms, now_ms + 1)


def _is_count(value: object, maximum: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= maximum


def _rate(change: int, base: int) -> float:
    """Signed change rate with Upbit's 10 decimals."""
    return float(round(Decimal(change) / Decimal(base), 10)) if base else 0.0
