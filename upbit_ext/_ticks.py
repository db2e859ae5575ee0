"""Order price units (tick sizes) and rounding prices onto them.

The authoritative tick of a pair is `tick_size` from GET /v1/orderbook/instruments; these
tables are the documented fallback, used when the instruments endpoint is not available.
They differ by region:

- kr: KRW (in force since 2025-07-31), USDT (since 2024-08-19), BTC (flat 1e-8).
- sg: SGD (in force since 2025-12-01, global-docs changelog "sgd-market-tick-size-adjustment").
- id: IDR, th: THB (global-docs "SGD, IDR, THB Market Order Price Unit"; the date each came into
  force is not stated).
- The BTC and USDT markets of sg/id/th: no table is published; only the instruments' tick is used.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

__all__ = ["TICK_TABLES", "round_to_tick", "table_tick_size"]

_D = Decimal
# (lower bound of the band, tick), highest band first.
_KRW: tuple[tuple[Decimal, Decimal], ...] = (
    (_D(1_000_000), _D(1000)),
    (_D(500_000), _D(500)),
    (_D(100_000), _D(100)),
    (_D(50_000), _D(50)),
    (_D(10_000), _D(10)),
    (_D(5_000), _D(5)),
    (_D(100), _D(1)),
    (_D(10), _D("0.1")),
    (_D(1), _D("0.01")),
    (_D("0.1"), _D("0.001")),
    (_D("0.01"), _D("0.0001")),
    (_D("0.001"), _D("0.00001")),
    (_D("0.0001"), _D("0.000001")),
    (_D("0.00001"), _D("0.0000001")),
    (_D(0), _D("0.00000001")),
)
_USDT: tuple[tuple[Decimal, Decimal], ...] = (
    (_D(10), _D("0.01")),
    (_D(1), _D("0.001")),
    (_D("0.1"), _D("0.0001")),
    (_D("0.01"), _D("0.00001")),
    (_D("0.001"), _D("0.000001")),
    (_D("0.0001"), _D("0.0000001")),
    (_D(0), _D("0.00000001")),
)
_BTC: tuple[tuple[Decimal, Decimal], ...] = ((_D(0), _D("0.00000001")),)
_SGD: tuple[tuple[Decimal, Decimal], ...] = (
    (_D(1_000), _D(1)),
    (_D(100), _D("0.1")),
    (_D(10), _D("0.01")),
    (_D(1), _D("0.001")),
    (_D("0.1"), _D("0.0001")),
    (_D("0.01"), _D("0.00001")),
    (_D("0.001"), _D("0.000001")),
    (_D("0.0001"), _D("0.0000001")),
    (_D(0), _D("0.00000001")),
)
_IDR: tuple[tuple[Decimal, Decimal], ...] = (
    (_D(20_000_000), _D(10_000)),
    (_D(10_000_000), _D(5_000)),
    (_D(5_000_000), _D(1_000)),
    (_D(1_000_000), _D(500)),
    (_D(100_000), _D(100)),
    (_D(10_000), _D(50)),
    (_D(1_000), _D(10)),
    (_D(100), _D(1)),
    (_D(0), _D("0.1")),
)
_THB: tuple[tuple[Decimal, Decimal], ...] = (
    (_D(50_000), _D(20)),
    (_D(25_000), _D(10)),
    (_D(10_000), _D(5)),
    (_D(1_000), _D(1)),
    (_D(100), _D("0.1")),
    (_D(10), _D("0.01")),
    (_D(1), _D("0.001")),
    (_D("0.1"), _D("0.0001")),
    (_D("0.01"), _D("0.00001")),
    (_D(0), _D("0.000001")),
)
# region -> quote currency -> bands
TICK_TABLES: dict[str, dict[str, tuple[tuple[Decimal, Decimal], ...]]] = {
    "kr": {"KRW": _KRW, "USDT": _USDT, "BTC": _BTC},
    "sg": {"SGD": _SGD},
    "id": {"IDR": _IDR},
    "th": {"THB": _THB},
}
_MODES = ("down", "up", "nearest")


def table_tick_size(market: str, price: Decimal, region: str = "kr") -> Decimal:
    """The documented tick for `price` on `market`'s quote currency in `region`."""
    quote = market.split("-", 1)[0]
    table = TICK_TABLES.get(region, {}).get(quote)
    if table is None:
        raise ValueError(
            f"no tick table for quote currency {quote!r} in region {region!r} (market {market!r})"
        )
    if price <= 0:
        raise ValueError(f"price must be greater than 0, got {price}")
    for lower, tick in table:
        if price >= lower:
            return tick
    raise AssertionError("unreachable: the last band starts at 0")


def round_to_tick(
    price: Decimal, tick: Decimal, mode: Literal["down", "up", "nearest"] = "down"
) -> Decimal:
    """Put `price` on the grid of `tick`, exactly (no float on the way)."""
    if mode not in _MODES:
        raise ValueError(f"mode must be 'down', 'up' or 'nearest', got {mode!r}")
    if tick <= 0:
        raise ValueError(f"tick must be greater than 0, got {tick}")
    # divmod is exact; `price / tick` rounds to 28 digits first, so "down" could end up above.
    steps, remainder = divmod(price, tick)
    if remainder and (mode == "up" or (mode == "nearest" and 2 * remainder >= tick)):
        steps += 1
    return (steps * tick).quantize(tick) if tick < 1 else steps * tick
