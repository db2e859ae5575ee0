"""Pure pieces of the paging conveniences, shared by the sync and async facades."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

__all__ = [
    "CANDLE_UNITS",
    "CLOSED_ORDERS_WINDOW",
    "CandleQuery",
    "TTLCache",
    "candle_query",
    "candle_time",
    "closed_order_windows",
    "market_chunks",
    "to_utc",
]

CLOSED_ORDERS_WINDOW = timedelta(days=7)
MAX_QUERY_CHARS = 3500  # well inside common 8 KB URL limits, with room for the rest of the URL
_ENCODED_COMMA = len(quote(","))

# unit → (facade method, extra arguments)
CANDLE_UNITS: dict[str, tuple[str, dict[str, Any]]] = {
    "1s": ("list_second_candles", {}),
    **{f"{m}m": ("list_minute_candles", {"unit": m}) for m in (1, 3, 5, 10, 15, 30, 60, 240)},
    "1d": ("list_day_candles", {}),
    "1w": ("list_week_candles", {}),
    "1M": ("list_month_candles", {}),
    "1y": ("list_year_candles", {}),
}


@dataclass(frozen=True, slots=True)
class CandleQuery:
    method: str
    extra: dict[str, Any]
    start: datetime | None
    end: datetime | None
    page_size: int


def to_utc(name: str, value: datetime | str | None) -> datetime | None:
    """Accept an aware datetime or an ISO 8601 string with an offset; naive times are refused."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"{name} must be ISO 8601, e.g. '2026-03-01T00:00:00+09:00'") from None
    if not isinstance(value, datetime):
        raise TypeError(f"{name} must be a datetime or an ISO 8601 string")
    if value.tzinfo is None:
        raise ValueError(f"{name} must carry a time zone (Upbit mixes UTC and KST): {value}")
    return value.astimezone(UTC)


def candle_query(
    unit: str, start: datetime | str | None, end: datetime | str | None, page_size: int
) -> CandleQuery:
    if unit not in CANDLE_UNITS:
        raise ValueError(f"unit must be one of {', '.join(CANDLE_UNITS)}; got {unit!r}")
    if not isinstance(page_size, int) or not 1 <= page_size <= 200:
        raise ValueError(f"page_size must be an integer from 1 to 200, got {page_size!r}")
    start_utc, end_utc = to_utc("start", start), to_utc("end", end)
    if start_utc and end_utc and start_utc >= end_utc:
        raise ValueError(f"start ({start_utc}) must be before end ({end_utc})")
    method, extra = CANDLE_UNITS[unit]
    return CandleQuery(method, extra, start_utc, end_utc, page_size)


def candle_time(candle: Any) -> datetime:
    """The UTC start of a candle (`candle_date_time_utc` has no offset on the wire)."""
    return datetime.fromisoformat(candle.candle_date_time_utc).replace(tzinfo=UTC)


def wire_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def closed_order_windows(start: datetime, end: datetime) -> Iterator[tuple[datetime, datetime]]:
    """Newest first: Upbit answers at most 7 days per closed-orders query."""
    if start >= end:
        raise ValueError(f"start ({start}) must be before end ({end})")
    upper = end
    while upper > start:
        lower = max(start, upper - CLOSED_ORDERS_WINDOW)
        yield lower, upper
        upper = lower


def market_chunks(markets: str) -> list[str]:
    """Split a long comma list so each request's query fits comfortably in a URL.

    Lengths are counted as sent: percent-encoded, where each comma takes three characters.
    """
    if not isinstance(markets, str):
        raise TypeError(
            f"markets must be a comma-separated string such as 'KRW-BTC,KRW-ETH', "
            f"got {type(markets).__name__}"
        )
    codes = [m.strip() for m in markets.split(",") if m.strip()]
    if not codes:
        raise ValueError(f"markets must name at least one market code, got {markets!r}")
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for code in codes:
        cost = len(quote(code, safe="")) + (_ENCODED_COMMA if current else 0)
        if current and size + cost > MAX_QUERY_CHARS:
            chunks.append(",".join(current))
            current, size, cost = [], 0, cost - _ENCODED_COMMA
        current.append(code)
        size += cost
    if current:
        chunks.append(",".join(current))
    return chunks


class TTLCache:
    """A tiny time-based cache for data that changes rarely (markets, instruments)."""

    def __init__(self, ttl: float, clock: Any) -> None:
        self._ttl, self._clock = ttl, clock
        self._items: dict[Any, tuple[float, Any]] = {}

    def get(self, key: Any) -> Any:
        hit = self._items.get(key)
        if hit is None or self._clock() - hit[0] >= self._ttl:
            return None
        return hit[1]

    def put(self, key: Any, value: Any) -> None:
        self._items[key] = (self._clock(), value)
