"""Pure pieces of paging, shared by the sync and async facades.

How an operation pages is the spec's `x-upbit-paging` (see `Operation.paging`); `first_page`
and `next_page` turn it into the arguments of each request, so the paging views and the
conveniences built on them (`iter_candles`, `iter_recent_trades`) page one way.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

from ._base import Operation

__all__ = [
    "CANDLE_UNITS",
    "CLOSED_ORDERS_WINDOW",
    "CandleQuery",
    "TTLCache",
    "candle_query",
    "candle_time",
    "closed_order_windows",
    "first_page",
    "market_chunks",
    "next_page",
    "to_utc",
]

CLOSED_ORDERS_WINDOW = timedelta(days=7)
MAX_QUERY_CHARS = 3500  # well inside common 8 KB URL limits, with room for the rest of the URL
_ENCODED_COMMA = len(quote(","))
_SEQUENCE = (list, tuple)  # built once: `list | tuple` builds a union on every call

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
    unit: str | int, start: datetime | str | None, end: datetime | str | None, page_size: int
) -> CandleQuery:
    # One convention with list_minute_candles: minutes may be given as 5 or as "5m".
    if isinstance(unit, int) and not isinstance(unit, bool) and f"{unit}m" in CANDLE_UNITS:
        unit = f"{unit}m"
    if unit not in CANDLE_UNITS:
        minutes = ", ".join(str(u[:-1]) for u in CANDLE_UNITS if u.endswith("m"))
        raise ValueError(
            f"unit must be one of {', '.join(CANDLE_UNITS)} (or minutes as an int: {minutes}); "
            f"got {unit!r}"
        )
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


def market_chunks(markets: str | Sequence[str]) -> list[str]:
    """Split a long comma list so each request's query fits comfortably in a URL.

    Lengths are counted as sent: percent-encoded, where each comma takes three characters.
    """
    if isinstance(markets, _SEQUENCE) and all(isinstance(m, str) for m in markets):
        markets = ",".join(markets)
    if not isinstance(markets, str):
        raise TypeError(
            f"markets must be a comma-separated string such as 'KRW-BTC,KRW-ETH' or a list of "
            f"market codes, got {type(markets).__name__}"
        )
    codes = [code for m in markets.split(",") if (code := m.strip())]
    if not codes:
        raise ValueError(f"markets must name at least one market code, got {markets!r}")
    if len(markets) * 3 <= MAX_QUERY_CHARS:  # fits even if every character were encoded
        return [",".join(codes)]
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


def first_page(op: Operation, params: dict[str, Any]) -> dict[str, Any]:
    """The first request's arguments: the caller's, with the largest page size the spec allows."""
    assert op.paging is not None
    size = op.paging["size"]
    first = dict(params)
    if first.get(size) is None:
        first[size] = op.params[size]["maximum"]
    if op.paging["cursor"] == "page" and first.get("page") is None:
        first["page"] = 1
    return first


def item_key(op: Operation, item: Any) -> Any:
    """What identifies an item across pages (a page boundary may repeat one)."""
    assert op.paging is not None
    return getattr(item, op.paging.get("key") or op.paging["field"])


def next_page(
    op: Operation, params: dict[str, Any], page: list[Any], fresh: int
) -> dict[str, Any] | None:
    """The next request's arguments, or None when `page` was the last one.

    A short page is the last. So is a page with nothing new, which protects against a server
    that ignores the cursor and would otherwise answer the same page forever.
    """
    paging = op.paging
    assert paging is not None
    if not page or not fresh or len(page) < params[paging["size"]]:
        return None
    following = dict(params)
    if paging["cursor"] == "page":
        following["page"] = params["page"] + 1
        return following
    cursor = paging["cursor"]
    if params.get("order_by") == "asc" and "asc_cursor" in paging:
        cursor = paging["asc_cursor"]
    value = str(getattr(page[-1], paging["field"]))
    if paging.get("naive_utc") and not value.endswith("Z") and "+" not in value[10:]:
        value += "Z"
    following[cursor] = value
    return following


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
