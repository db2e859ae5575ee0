"""The sandbox's market simulator: deterministic, self-consistent, on the tick grid, spec-shaped.

The consistency tests recompute every candle and ticker figure from `trades_between` with
exact Decimal arithmetic, so an aggregation shortcut in the simulator that drifts from its
own trades fails here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, localcontext
from functools import cache
from itertools import pairwise
from typing import Any

import pytest
from _spec import ROOT, load_spec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from upbit_ext.sandbox._errors import SandboxError
from upbit_ext.sandbox._market import (
    CANDLE_UNITS,
    DEFAULT_MARKETS,
    MarketInfo,
    MarketSimulator,
    SimTrade,
    tick_size,
)

# 2026-03-11T14:40:58.123Z, the moment Upbit's live recordings were made.
ORIGIN = 1_773_240_058_123
NOW = ORIGIN + 95 * 60_000 + 4_321
MINUTE = 60_000
DAY = 86_400_000
SPEC_URI = "urn:upbit:spec"
MARKETS = [m.code for m in DEFAULT_MARKETS]


@pytest.fixture(scope="module")
def sim() -> MarketSimulator:
    return MarketSimulator(origin_ms=ORIGIN)


# --- helpers ------------------------------------------------------------------------------


@cache
def validator(schema: str) -> Draft202012Validator:
    registry: Registry[Any] = Registry().with_resource(
        SPEC_URI, Resource.from_contents(load_spec(), default_specification=DRAFT202012)
    )
    return Draft202012Validator(
        {"$ref": f"{SPEC_URI}#/components/schemas/{schema}"}, registry=registry
    )


def assert_valid(schema: str, body: dict[str, Any]) -> None:
    validator(schema).validate(body)
    # The spec allows extra keys; the sandbox must not invent any.
    assert set(body) <= set(load_spec()["components"]["schemas"][schema]["properties"])


def aggregate(trades: Sequence[SimTrade]) -> dict[str, Any]:
    """Candle figures recomputed from trades, exactly, then rendered as the wire does."""
    with localcontext() as ctx:
        ctx.prec = 100
        prices = [t.price for t in trades]
        volume = sum((t.volume for t in trades), Decimal(0))
        value = sum((t.price * t.volume for t in trades), Decimal(0))
    return {
        "opening_price": float(prices[0]),
        "high_price": float(max(prices)),
        "low_price": float(min(prices)),
        "trade_price": float(prices[-1]),
        "timestamp": trades[-1].timestamp_ms,
        "candle_acc_trade_volume": float(volume),
        "candle_acc_trade_price": float(value),
    }


def utc_ms(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp() * 1000)


def period_end(unit: str, start: datetime) -> datetime:
    if unit.endswith("s"):
        return start + timedelta(seconds=int(unit[:-1]))
    if unit.endswith("m"):
        return start + timedelta(minutes=int(unit[:-1]))
    if unit == "1d":
        return start + timedelta(days=1)
    if unit == "1w":
        return start + timedelta(weeks=1)
    if unit == "1M":
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start.replace(year=start.year + 1)


def on_grid(market: str, price: Decimal) -> bool:
    return price > 0 and price % tick_size(market, price) == 0


def wire_decimal(number: float) -> Decimal:
    """A wire float back to the decimal it was rendered from (repr is the shortest)."""
    return Decimal(repr(number))


# --- tick sizes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("market", "price", "tick"),
    [
        ("KRW-BTC", "103000000", "1000"),
        ("KRW-BTC", "2000000", "1000"),
        ("KRW-BTC", "1999999", "1000"),
        ("KRW-BTC", "1000000", "1000"),
        ("KRW-BTC", "999999", "500"),
        ("KRW-BTC", "500000", "500"),
        ("KRW-BTC", "499999", "100"),
        ("KRW-BTC", "100000", "100"),
        ("KRW-BTC", "99999", "50"),
        ("KRW-BTC", "50000", "50"),
        ("KRW-BTC", "49999", "10"),
        ("KRW-BTC", "10000", "10"),
        ("KRW-BTC", "9999", "5"),
        ("KRW-BTC", "5000", "5"),
        ("KRW-BTC", "4999", "1"),
        ("KRW-BTC", "1000", "1"),
        ("KRW-BTC", "100", "1"),
        ("KRW-BTC", "99.9", "0.1"),
        ("KRW-BTC", "10", "0.1"),
        ("KRW-BTC", "9.99", "0.01"),
        ("KRW-BTC", "1", "0.01"),
        ("KRW-BTC", "0.5", "0.001"),
        ("KRW-BTC", "0.05", "0.0001"),
        ("KRW-BTC", "0.005", "0.00001"),
        ("KRW-BTC", "0.0005", "0.000001"),
        ("KRW-BTC", "0.00005", "0.0000001"),
        ("KRW-BTC", "0.000005", "0.00000001"),
        ("USDT-BTC", "70000", "0.01"),
        ("USDT-BTC", "10", "0.01"),
        ("USDT-BTC", "9.99", "0.001"),
        ("USDT-BTC", "1", "0.001"),
        ("USDT-BTC", "0.5", "0.0001"),
        ("USDT-BTC", "0.05", "0.00001"),
        ("USDT-BTC", "0.005", "0.000001"),
        ("USDT-BTC", "0.0005", "0.0000001"),
        ("USDT-BTC", "0.00005", "0.00000001"),
        ("BTC-ETH", "0.05", "0.00000001"),
        ("BTC-ETH", "12", "0.00000001"),
    ],
)
def test_tick_size_follows_the_tables(market: str, price: str, tick: str) -> None:
    assert tick_size(market, Decimal(price)) == Decimal(tick)


def test_tick_size_rejects_unknown_quote_and_negative_price() -> None:
    with pytest.raises(ValueError, match="KRW, BTC or USDT"):
        tick_size("SGD-BTC", Decimal(1))
    with pytest.raises(ValueError, match="negative"):
        tick_size("KRW-BTC", Decimal(-1))


# --- determinism --------------------------------------------------------------------------


def snapshot(sim: MarketSimulator, order: Sequence[str]) -> dict[str, Any]:
    queries: dict[str, Callable[[], object]] = {
        "ticker": lambda: sim.ticker("BTC-XRP", NOW),
        "candles": lambda: sim.candles("KRW-BTC", "1m", to_ms=NOW, count=30),
        "days": lambda: sim.candles("USDT-ETH", "1d", to_ms=NOW, count=10),
        "trades": lambda: sim.recent_trades("KRW-XRP", now_ms=NOW, count=40),
        "old": lambda: sim.trades_between("KRW-ETH", ORIGIN - DAY, ORIGIN - DAY + 5 * MINUTE),
        "book": lambda: sim.orderbook("KRW-SOL", NOW).wire(),
        "seconds": lambda: sim.candles("KRW-DOGE", "1s", to_ms=NOW, count=20),
    }
    return {name: queries[name]() for name in order}


def test_same_seed_and_origin_give_identical_data_in_any_query_order() -> None:
    names = ["ticker", "candles", "days", "trades", "old", "book", "seconds"]
    first = snapshot(MarketSimulator(origin_ms=ORIGIN), names)
    # Another instance, asked in reverse order, after touching later and earlier data.
    other = MarketSimulator(origin_ms=ORIGIN)
    other.candles("KRW-BTC", "60m", to_ms=NOW + DAY, count=50)
    other.trades_between("KRW-XRP", ORIGIN - 2 * DAY, ORIGIN - 2 * DAY + 3 * MINUTE)
    second = snapshot(other, list(reversed(names)))
    assert first == second
    assert snapshot(other, names) == first  # and asking again changes nothing
    assert snapshot(MarketSimulator(origin_ms=ORIGIN, seed=8), names) != first


def test_data_does_not_depend_on_the_process_hash_seed(sim: MarketSimulator) -> None:
    script = (
        "import json, sys; from upbit_ext.sandbox._market import MarketSimulator as M;"
        f"t = M(origin_ms={ORIGIN}).last_trade('KRW-ETH', {NOW});"
        "print(json.dumps([str(t.price), str(t.volume), t.sequential_id]))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout
    here = sim.last_trade("KRW-ETH", NOW)
    assert json.loads(out) == [str(here.price), str(here.volume), here.sequential_id]


def test_the_price_starts_at_base_price_at_the_origin(sim: MarketSimulator) -> None:
    for info in DEFAULT_MARKETS:
        price = sim.last_trade(info.code, ORIGIN).price
        assert abs(price / info.base_price - 1) < Decimal("0.01"), info.code


# --- candles equal their trades -----------------------------------------------------------


@pytest.mark.parametrize(
    ("market", "unit", "count"),
    [
        ("KRW-BTC", "1s", 40),
        ("KRW-BTC", "1m", 30),
        ("KRW-XRP", "3m", 10),
        ("KRW-ETH", "60m", 6),
        ("USDT-BTC", "240m", 20),
        ("KRW-ADA", "1d", 5),
        ("BTC-XRP", "1w", 2),
        ("USDT-XRP", "1M", 2),
        ("BTC-ETH", "1y", 1),
    ],
)
def test_candle_equals_the_aggregate_of_its_trades(
    sim: MarketSimulator, market: str, unit: str, count: int
) -> None:
    candles = sim.candles(market, unit, to_ms=NOW, count=count)
    assert candles
    starts = [utc_ms(c["candle_date_time_utc"]) for c in candles]
    assert starts == sorted(starts, reverse=True)
    assert len(set(starts)) == len(starts)
    for candle in candles:
        start = datetime.fromisoformat(candle["candle_date_time_utc"]).replace(tzinfo=UTC)
        end_ms = min(utc_ms(period_end(unit, start).replace(tzinfo=None).isoformat()), NOW)
        trades = sim.trades_between(market, utc_ms(candle["candle_date_time_utc"]), end_ms)
        expected = aggregate(trades)
        assert {k: candle[k] for k in expected} == expected, candle
        assert candle["market"] == market
        kst = datetime.fromisoformat(candle["candle_date_time_kst"])
        assert kst - start.replace(tzinfo=None) == timedelta(hours=9)


def test_minute_candles_cover_every_minute_with_trades_and_skip_the_rest(
    sim: MarketSimulator,
) -> None:
    to = NOW - NOW % MINUTE
    candles = sim.candles("BTC-XRP", "1m", to_ms=to, count=120)
    have = {utc_ms(c["candle_date_time_utc"]) for c in candles}
    start = min(have)
    traded = {t.timestamp_ms // MINUTE * MINUTE for t in sim.trades_between("BTC-XRP", start, to)}
    assert have == traded
    assert len(have) < (to - start) // MINUTE + 1  # a 1-trade-a-minute market has gaps


def test_day_candle_change_is_against_the_previous_close() -> None:
    sim = MarketSimulator(origin_ms=ORIGIN, deep_history_days=0)  # detailed history only
    candles = sim.candles("KRW-ADA", "1d", to_ms=NOW, count=10)
    assert len(candles) == 4  # three days of history reach into four UTC days
    for newer, older in pairwise(candles):
        assert newer["prev_closing_price"] == older["trade_price"]
        change = wire_decimal(newer["trade_price"]) - wire_decimal(older["trade_price"])
        assert newer["change_price"] == float(change)
        assert newer["change_rate"] == pytest.approx(float(change) / older["trade_price"])
    oldest = candles[-1]
    assert oldest["prev_closing_price"] == oldest["opening_price"]  # nothing before it


def test_candle_boundaries_are_utc(sim: MarketSimulator) -> None:
    day = sim.candles("KRW-BTC", "1d", to_ms=NOW, count=1)[0]
    assert day["candle_date_time_utc"] == "2026-03-11T00:00:00"
    assert day["candle_date_time_kst"] == "2026-03-11T09:00:00"
    week = sim.candles("KRW-BTC", "1w", to_ms=NOW, count=1)[0]
    assert week["first_day_of_period"] == "2026-03-09"  # a Monday
    assert date.fromisoformat(week["first_day_of_period"]).weekday() == 0
    assert week["candle_date_time_utc"] == "2026-03-09T00:00:00"
    month = sim.candles("KRW-BTC", "1M", to_ms=NOW, count=1)[0]
    assert month["first_day_of_period"] == "2026-03-01"
    year = sim.candles("KRW-BTC", "1y", to_ms=NOW, count=1)[0]
    assert year["first_day_of_period"] == "2026-01-01"
    for candle in sim.candles("KRW-BTC", "240m", to_ms=NOW, count=5):
        assert candle["candle_date_time_utc"][11:] in {f"{h:02}:00:00" for h in range(0, 24, 4)}
        assert candle["unit"] == 240


def test_candles_start_before_to_and_never_show_trades_after_now(sim: MarketSimulator) -> None:
    to = NOW - 5 * MINUTE - 30_000
    candles = sim.candles("KRW-BTC", "1m", to_ms=to, count=3)
    assert utc_ms(candles[0]["candle_date_time_utc"]) == to - to % MINUTE
    assert candles[0]["timestamp"] < to  # content stops at to_ms by default
    full = sim.candles("KRW-BTC", "1m", to_ms=to, count=3, now_ms=NOW)
    assert full[0]["candle_date_time_utc"] == candles[0]["candle_date_time_utc"]
    assert full[0]["timestamp"] >= to  # ... and at now_ms when given
    assert full[1:] == candles[1:]
    future = sim.candles("KRW-BTC", "1m", to_ms=NOW + DAY, count=2, now_ms=NOW)
    assert future == sim.candles("KRW-BTC", "1m", to_ms=NOW, count=2)
    assert future[0]["timestamp"] <= NOW


def test_nothing_exists_before_the_history_start() -> None:
    sim = MarketSimulator(origin_ms=ORIGIN, deep_history_days=0)  # detailed history only
    start = sim.history_start_ms
    assert start == ORIGIN - 3 * DAY + MINUTE - (ORIGIN - 3 * DAY) % MINUTE
    assert sim.trades_between("KRW-BTC", 0, start) == []
    assert sim.trades_between("KRW-BTC", start, start + MINUTE)
    assert sim.candles("KRW-BTC", "1d", to_ms=start, count=200) == []
    assert sim.candles("KRW-BTC", "1s", to_ms=start - DAY, count=5) == []
    oldest = sim.candles("KRW-BTC", "1m", to_ms=start + 3 * MINUTE, count=200)
    assert [c["candle_date_time_utc"] for c in oldest][-1] == (
        datetime.fromtimestamp(start / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%S")
    )
    with pytest.raises(LookupError):
        sim.last_trade("KRW-BTC", start - 1)
    day_before = (datetime.fromtimestamp(start / 1000, UTC) - timedelta(days=1)).date()
    assert sim.recent_trades("KRW-BTC", now_ms=NOW, count=5, day_utc=day_before) == []


# --- ticker -------------------------------------------------------------------------------


@pytest.mark.parametrize("market", MARKETS)
def test_ticker_agrees_with_trades_and_candles(sim: MarketSimulator, market: str) -> None:
    ticker = sim.ticker(market, NOW)
    assert_valid("Ticker", ticker)
    last = sim.last_trade(market, NOW)
    assert ticker["trade_price"] == float(last.price)
    assert ticker["trade_volume"] == float(last.volume)
    assert ticker["trade_timestamp"] == last.timestamp_ms <= NOW
    assert ticker["timestamp"] == NOW
    day_start = last.timestamp_ms - last.timestamp_ms % DAY
    today = aggregate(sim.trades_between(market, day_start, NOW + 1))
    assert ticker["opening_price"] == today["opening_price"]
    assert ticker["high_price"] == today["high_price"]
    assert ticker["low_price"] == today["low_price"]
    assert ticker["acc_trade_volume"] == today["candle_acc_trade_volume"]
    assert ticker["acc_trade_price"] == today["candle_acc_trade_price"]
    day_24h = aggregate(sim.trades_between(market, NOW + 1 - DAY, NOW + 1))
    assert ticker["acc_trade_volume_24h"] == day_24h["candle_acc_trade_volume"]
    assert ticker["acc_trade_price_24h"] == day_24h["candle_acc_trade_price"]
    days = sim.candles(market, "1d", to_ms=NOW + 1, count=200)
    days += sim.candles(market, "1d", to_ms=utc_ms(days[-1]["candle_date_time_utc"]), count=164)
    assert len(days) == 364  # 52 weeks of day candles, deep history included
    assert days[0]["prev_closing_price"] == ticker["prev_closing_price"]
    assert ticker["highest_52_week_price"] == max(d["high_price"] for d in days)
    assert ticker["lowest_52_week_price"] == min(d["low_price"] for d in days)
    high_day = next(d for d in days if d["high_price"] == ticker["highest_52_week_price"])
    assert ticker["highest_52_week_date"] == high_day["candle_date_time_utc"][:10]
    signed = wire_decimal(ticker["trade_price"]) - wire_decimal(ticker["prev_closing_price"])
    assert ticker["signed_change_price"] == float(signed)
    assert ticker["change_price"] == float(abs(signed))
    assert ticker["change"] == ("RISE" if signed > 0 else "FALL" if signed < 0 else "EVEN")
    assert ticker["change_rate"] == abs(ticker["signed_change_rate"])
    assert ticker["trade_date"] == datetime.fromtimestamp(last.timestamp_ms / 1000, UTC).strftime(
        "%Y%m%d"
    )


# --- orderbook ----------------------------------------------------------------------------


@pytest.mark.parametrize("market", MARKETS)
def test_orderbook_is_ordered_on_the_grid_and_straddles_the_last_price(
    sim: MarketSimulator, market: str
) -> None:
    book = sim.orderbook(market, NOW)
    last = sim.last_trade(market, NOW).price
    asks = [p for p, _ in book.asks]
    bids = [p for p, _ in book.bids]
    assert len(asks) == len(bids) == 30
    assert asks == sorted(set(asks))
    assert bids == sorted(set(bids), reverse=True)
    assert asks[0] > last >= bids[0]
    for price, size in book.asks + book.bids:
        assert on_grid(market, price), price
        assert size > 0
        assert size.as_tuple().exponent >= -8  # type: ignore[operator]
    wire = book.wire()
    assert_valid("Orderbook", wire)
    assert wire["level"] == 0
    assert wire["orderbook_units"][0]["ask_price"] == float(asks[0])
    assert wire["orderbook_units"][0]["bid_price"] == float(bids[0])
    with localcontext() as ctx:
        ctx.prec = 100
        assert wire["total_ask_size"] == float(sum(s for _, s in book.asks))
    assert sim.orderbook(market, NOW) == book  # deterministic
    assert len(sim.orderbook(market, NOW, depth=5).asks) == 5


def test_orderbook_levels_group_prices(sim: MarketSimulator) -> None:
    levels = sim.supported_levels("KRW-BTC", NOW)
    assert [str(x) for x in levels] == ["0", "10000", "100000", "1000000", "10000000", "100000000"]
    assert sim.supported_levels("KRW-XRP", NOW) == tuple(map(Decimal, ["0", "10", "100", "1000"]))
    assert sim.supported_levels("BTC-ETH", NOW) == (Decimal(0),)
    last = sim.last_trade("KRW-BTC", NOW).price
    book = sim.orderbook("KRW-BTC", NOW, level=Decimal(100_000))
    assert all(p % 100_000 == 0 for p, _ in book.asks + book.bids)
    assert book.asks[0][0] > last >= book.bids[0][0]
    assert book.asks[0][0] - book.bids[0][0] <= 200_000
    wire = book.wire()
    assert_valid("Orderbook", wire)
    assert wire["level"] == 100_000
    for market, level in [("KRW-BTC", 5_000), ("BTC-ETH", 1), ("KRW-BTC", -1)]:
        with pytest.raises(SandboxError) as caught:
            sim.orderbook(market, NOW, level=Decimal(level))
        assert (caught.value.status, caught.value.name) == (400, 400)


def test_orderbook_changes_when_a_trade_happens(sim: MarketSimulator) -> None:
    before, after = sim.trades_between("KRW-BTC", NOW - 10 * MINUTE, NOW)[-2:]
    assert before.timestamp_ms < after.timestamp_ms
    same = sim.orderbook("KRW-BTC", before.timestamp_ms)
    still = sim.orderbook("KRW-BTC", after.timestamp_ms - 1)
    assert (still.asks, still.bids) == (same.asks, same.bids)
    changed = sim.orderbook("KRW-BTC", after.timestamp_ms)
    assert changed.bids[0][0] == after.price
    assert (changed.asks, changed.bids) != (same.asks, same.bids)


def test_orderbook_crosses_tick_bands_on_both_grids() -> None:
    edge = MarketInfo("KRW-EDGE", "경계", "Edge", Decimal(100_050), 0.0005, 5)
    sim = MarketSimulator([edge], origin_ms=ORIGIN)
    book = sim.orderbook("KRW-EDGE", ORIGIN)
    prices = [p for p, _ in reversed(book.bids)] + [p for p, _ in book.asks]
    assert prices == sorted(set(prices))
    assert prices[0] < 100_000 < prices[-1]  # the book spans the 50 -> 100 tick edge
    assert all(on_grid("KRW-EDGE", p) for p in prices)
    assert {tick_size("KRW-EDGE", p) for p in prices} == {Decimal(50), Decimal(100)}


# --- grid and volumes, anywhere -----------------------------------------------------------


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    market=st.sampled_from(MARKETS),
    offset=st.integers(min_value=-3 * DAY + 2 * MINUTE, max_value=DAY),
    unit=st.sampled_from(["1s", "1m", "5m", "15m", "60m"]),
)
def test_prices_are_on_the_tick_grid_and_volumes_have_eight_decimals(
    sim: MarketSimulator, market: str, offset: int, unit: str
) -> None:
    now = ORIGIN + offset
    for trade in sim.trades_between(market, now - MINUTE, now):
        assert on_grid(market, trade.price), trade
        assert trade.volume > 0
        assert trade.volume.as_tuple().exponent >= -8  # type: ignore[operator]
        assert trade.ask_bid in {"ASK", "BID"}
    book = sim.orderbook(market, now, depth=10)
    for price, _ in book.asks + book.bids:
        assert on_grid(market, price)
    for candle in sim.candles(market, unit, to_ms=now, count=3):
        for key in ("opening_price", "high_price", "low_price", "trade_price"):
            assert on_grid(market, wire_decimal(candle[key])), (key, candle)
        assert candle["low_price"] <= min(candle["opening_price"], candle["trade_price"])
        assert candle["high_price"] >= max(candle["opening_price"], candle["trade_price"])


# --- trades and paging --------------------------------------------------------------------


def test_sequential_ids_increase_strictly_and_exceed_2_to_the_53(sim: MarketSimulator) -> None:
    trades = sim.trades_between("KRW-BTC", NOW - 30 * MINUTE, NOW)
    ids = [t.sequential_id for t in trades]
    assert all(i > 2**53 for i in ids)
    assert all(a < b for a, b in pairwise(ids))
    times = [t.timestamp_ms for t in trades]
    assert times == sorted(times)
    assert len(set(times)) < len(times)  # the range holds trades sharing a millisecond
    assert all(i // 10_000 == t.timestamp_ms for i, t in zip(ids, trades, strict=True))


def test_recent_trades_paged_by_cursor_never_skip_or_repeat(sim: MarketSimulator) -> None:
    expected = list(reversed(sim.trades_between("KRW-SOL", NOW - 40 * MINUTE, NOW + 1)))
    pages: list[SimTrade] = []
    cursor = None
    while len(pages) < len(expected):
        page = sim.recent_trades("KRW-SOL", now_ms=NOW, count=37, before_seq=cursor)
        assert len(page) == 37
        pages.extend(page)
        cursor = page[-1].sequential_id
    assert pages[: len(expected)] == expected


def test_recent_trades_of_one_utc_day_page_to_its_start(sim: MarketSimulator) -> None:
    day = date(2026, 3, 10)
    start = utc_ms("2026-03-10T00:00:00")
    expected = list(reversed(sim.trades_between("BTC-ETH", start, start + DAY)))
    assert expected
    pages: list[SimTrade] = []
    cursor = None
    while True:
        page = sim.recent_trades("BTC-ETH", now_ms=NOW, count=500, before_seq=cursor, day_utc=day)
        pages.extend(page)
        if len(page) < 500:
            break
        cursor = page[-1].sequential_id
    assert pages == expected
    today = sim.recent_trades("KRW-BTC", now_ms=NOW, count=500, day_utc=date(2026, 3, 11))
    assert today[0] == sim.last_trade("KRW-BTC", NOW)
    assert all(utc_ms("2026-03-11T00:00:00") <= t.timestamp_ms <= NOW for t in today)


def test_trade_wire_uses_the_close_before_the_trades_day(sim: MarketSimulator) -> None:
    start = utc_ms("2026-03-10T00:00:00")
    trade = sim.trades_between("KRW-XRP", start + 3 * 3_600_000, start + DAY)[0]
    close = sim.trades_between("KRW-XRP", start - 5 * MINUTE, start)[-1].price
    wire = sim.trade_wire(trade)
    assert_valid("Trade", wire)
    assert wire["prev_closing_price"] == float(close)
    assert wire["change_price"] == float(trade.price - close)
    assert wire["trade_date_utc"] == "2026-03-10"
    assert wire["sequential_id"] == trade.sequential_id


# --- wire shapes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "schema"),
    [
        ("1s", "SecondCandle"),
        *((u, "MinuteCandle") for u in CANDLE_UNITS if u.endswith("m")),
        ("1d", "DayCandle"),
        ("1w", "WeekCandle"),
        ("1M", "MonthCandle"),
        ("1y", "YearCandle"),
    ],
)
def test_candles_validate_against_the_spec(sim: MarketSimulator, unit: str, schema: str) -> None:
    candles = sim.candles("USDT-XRP", unit, to_ms=NOW, count=3)
    assert candles
    for candle in candles:
        assert_valid(schema, candle)
        if schema == "MinuteCandle":
            assert candle["unit"] == int(unit[:-1])


# --- validation ---------------------------------------------------------------------------


def test_unknown_market_is_404_code_not_found(sim: MarketSimulator) -> None:
    calls: list[Callable[[], object]] = [
        lambda: sim.trades_between("KRW-NOPE", ORIGIN, NOW),
        lambda: sim.last_trade("KRW-NOPE", NOW),
        lambda: sim.recent_trades("KRW-NOPE", now_ms=NOW, count=1),
        lambda: sim.ticker("KRW-NOPE", NOW),
        lambda: sim.orderbook("KRW-NOPE", NOW),
        lambda: sim.candles("krw-btc", "1m", to_ms=NOW, count=1),
    ]
    for call in calls:
        with pytest.raises(SandboxError) as caught:
            call()
        assert (caught.value.status, caught.value.name, caught.value.message) == (
            404,
            404,
            "Code not found",
        )


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.candles("KRW-BTC", "2m", to_ms=NOW, count=1),
        lambda s: s.candles("KRW-BTC", "1D", to_ms=NOW, count=1),
        lambda s: s.candles("KRW-BTC", "1m", to_ms=NOW, count=0),
        lambda s: s.candles("KRW-BTC", "1m", to_ms=NOW, count=201),
        lambda s: s.candles("KRW-BTC", "1m", to_ms=NOW, count=True),
        lambda s: s.recent_trades("KRW-BTC", now_ms=NOW, count=501),
        lambda s: s.recent_trades("KRW-BTC", now_ms=NOW, count=0),
        lambda s: s.orderbook("KRW-BTC", NOW, depth=31),
    ],
)
def test_bad_unit_or_count_is_400_invalid_parameter(sim: MarketSimulator, call: Any) -> None:
    with pytest.raises(SandboxError) as caught:
        call(sim)
    assert (caught.value.status, caught.value.name, caught.value.message) == (
        400,
        400,
        "Invalid parameter. Check the given value!",
    )


def test_bad_configuration_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="code"):
        MarketInfo("SGD-BTC", "x", "x", Decimal(1), 0.01, 1)
    with pytest.raises(ValueError, match="base_price"):
        MarketInfo("KRW-BTC", "x", "x", Decimal(0), 0.01, 1)
    with pytest.raises(ValueError, match="distinct"):
        MarketSimulator([DEFAULT_MARKETS[0]] * 2, origin_ms=ORIGIN)
    with pytest.raises(ValueError, match="history_days"):
        MarketSimulator(origin_ms=ORIGIN, history_days=0)
    for wrong in (-1, 36_501, 1.5, True):
        with pytest.raises(ValueError, match="deep_history_days"):
            MarketSimulator(origin_ms=ORIGIN, deep_history_days=wrong)  # type: ignore[arg-type]


# --- scale --------------------------------------------------------------------------------


def test_two_hundred_day_candles_over_a_long_history() -> None:
    quiet = MarketInfo("KRW-QUIET", "조용", "Quiet", Decimal(12_345), 0.02, 0.1)
    sim = MarketSimulator([quiet], origin_ms=ORIGIN, history_days=201, deep_history_days=0)
    days = sim.candles("KRW-QUIET", "1d", to_ms=NOW, count=200)
    assert len(days) == 200
    assert days[0]["candle_date_time_utc"] == "2026-03-11T00:00:00"
    assert days[-1]["candle_date_time_utc"] == "2025-08-24T00:00:00"
    assert sim.candles("KRW-QUIET", "1d", to_ms=NOW, count=200) == days  # from the cache
    older = sim.candles(
        "KRW-QUIET", "1d", to_ms=utc_ms(days[-1]["candle_date_time_utc"]), count=200
    )
    assert len(older) == 2  # the history's first, partial, day included
    ticker = sim.ticker("KRW-QUIET", NOW)
    assert ticker["highest_52_week_price"] == max(d["high_price"] for d in days + older)
    assert ticker["lowest_52_week_price"] == min(d["low_price"] for d in days + older)


# --- history on demand: more than a year back, cheap to start -------------------------------


@pytest.fixture(scope="module")
def deep() -> MarketSimulator:
    """The sandbox's default history shape with a short detailed window (fast to query)."""
    return MarketSimulator(origin_ms=ORIGIN, history_days=0.05)


def test_two_hundred_day_candles_reach_back_day_by_day(deep: MarketSimulator) -> None:
    days = deep.candles("KRW-BTC", "1d", to_ms=NOW, count=200)
    assert len(days) == 200
    starts = [utc_ms(d["candle_date_time_utc"]) for d in days]
    assert starts[0] == NOW - NOW % DAY
    assert [a - b for a, b in pairwise(starts)] == [DAY] * 199  # one per UTC day, none missing
    for newer, older in pairwise(days):
        assert newer["prev_closing_price"] == older["trade_price"]
    for unit in ("1w", "1M", "1y", "240m", "1s"):
        assert deep.candles("KRW-BTC", unit, to_ms=NOW - 300 * DAY, count=3)


def test_deep_candles_are_exactly_their_trades(deep: MarketSimulator) -> None:
    day_start = NOW - NOW % DAY - 250 * DAY
    for unit, span in (("1d", DAY), ("60m", 60 * MINUTE), ("240m", 240 * MINUTE)):
        candle = deep.candles("KRW-ETH", unit, to_ms=day_start + span, count=1)[0]
        assert utc_ms(candle["candle_date_time_utc"]) == day_start
        expected = aggregate(deep.trades_between("KRW-ETH", day_start, day_start + span))
        assert {k: candle[k] for k in expected} == expected
    trades = deep.recent_trades("KRW-ETH", now_ms=NOW, count=50, day_utc=date(2025, 6, 1))
    assert len(trades) == 50
    assert all(t.timestamp_ms // DAY * DAY == utc_ms("2025-06-01T00:00:00") for t in trades)
    assert all(on_grid("KRW-ETH", t.price) for t in trades)


def test_a_year_of_minute_candles_pages_back_contiguously(deep: MarketSimulator) -> None:
    year_ago = NOW - 366 * DAY
    starts: list[int] = []
    to = NOW
    while to > year_ago:
        page = deep.candles("KRW-XRP", "1m", to_ms=to, count=200)
        assert page, f"history ends at {to}"
        starts += [utc_ms(c["candle_date_time_utc"]) for c in page]
        to = starts[-1]  # the next page ends where this one's oldest candle begins
    assert all(a > b for a, b in pairwise(starts))  # newest first, no duplicates
    oldest = starts[-1]
    traded = {
        t.timestamp_ms // MINUTE * MINUTE for t in deep.trades_between("KRW-XRP", oldest, NOW)
    }
    assert set(starts) == traded  # every minute that traded, none skipped between pages
    assert len(starts) > 20_000


def test_deep_history_is_the_same_bytes_for_the_same_seed() -> None:
    def dump(sim: MarketSimulator, reverse: bool) -> str:
        queries: list[Callable[[], Any]] = [
            lambda: sim.candles("KRW-SOL", "1d", to_ms=NOW - 100 * DAY, count=200),
            lambda: sim.candles("KRW-SOL", "1m", to_ms=NOW - 300 * DAY, count=200),
            lambda: sim.candles("KRW-SOL", "1w", to_ms=NOW, count=60),
            lambda: [
                sim.trade_wire(t)
                for t in sim.trades_between("KRW-SOL", NOW - 390 * DAY, NOW - 389 * DAY)
            ],
            lambda: sim.ticker("KRW-SOL", NOW),
        ]
        answers = [q() for q in (queries[::-1] if reverse else queries)]
        return json.dumps(answers[::-1] if reverse else answers)

    first = dump(MarketSimulator(origin_ms=ORIGIN, history_days=0.05, seed=11), reverse=False)
    again = dump(MarketSimulator(origin_ms=ORIGIN, history_days=0.05, seed=11), reverse=True)
    other = dump(MarketSimulator(origin_ms=ORIGIN, history_days=0.05, seed=12), reverse=False)
    assert first == again  # same seed, any query order: the same bytes
    assert first != other


def test_start_up_time_does_not_grow_with_the_history() -> None:
    """Measured here: about 0.1 ms for a year or a century of history (nothing is simulated
    before the first query)."""
    timings = {}
    for days in (0, 400, 36_500):
        began = time.perf_counter()
        MarketSimulator(origin_ms=ORIGIN, deep_history_days=days)
        timings[days] = time.perf_counter() - began
    assert max(timings.values()) < 0.05, timings
    century = MarketSimulator(origin_ms=ORIGIN, history_days=0.05, deep_history_days=36_500)
    assert century.history_start_ms < ORIGIN - 36_000 * DAY
    assert century.candles("KRW-BTC", "1d", to_ms=ORIGIN - 36_000 * DAY, count=2)
