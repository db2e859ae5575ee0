"""Quotation operations answered from the market simulator, in Upbit's wire shapes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from ._errors import SandboxError
from ._market import MarketSimulator, tick_size
from ._store import decimal_text

__all__ = ["Quotation"]

CODE_NOT_FOUND = SandboxError(404, 404, "Code not found")
INVALID = SandboxError(400, 400, "Invalid parameter. Check the given value!")
CANDLE_UNITS = {
    "list_second_candles": "1s",
    "list_day_candles": "1d",
    "list_week_candles": "1w",
    "list_month_candles": "1M",
    "list_year_candles": "1y",
}


def parse_to(value: str | None, now_ms: int) -> int:
    """Upbit's `to`: ISO 8601 with `T` or a space, with or without an offset (UTC if none)."""
    if value is None:
        return now_ms
    try:
        moment = datetime.fromisoformat(value.strip().replace(" ", "T").replace("Z", "+00:00"))
    except ValueError:
        raise INVALID from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)


def _markets(value: str) -> list[str]:
    codes = [c.strip() for c in value.split(",") if c.strip()]
    if not codes:
        raise INVALID
    return codes


class Quotation:
    """One method per quotation operation; each takes the parsed parameters and `now_ms`."""

    def __init__(self, market: MarketSimulator) -> None:
        self.market = market

    def handler(self, operation_id: str) -> Callable[[dict[str, Any], int], Any]:
        if operation_id in CANDLE_UNITS or operation_id == "list_minute_candles":
            return self.candles_for(operation_id)
        handler: Callable[[dict[str, Any], int], Any] = getattr(self, operation_id)
        return handler

    def _known(self, code: str) -> str:
        if code not in self.market.markets:
            raise CODE_NOT_FOUND
        return code

    def list_trading_pairs(self, params: dict[str, Any], now_ms: int) -> Any:
        pairs = []
        for info in self.market.markets.values():
            pair: dict[str, Any] = {
                "market": info.code,
                "korean_name": info.korean_name,
                "english_name": info.english_name,
            }
            if params.get("is_details"):
                pair["market_event"] = {
                    "warning": False,
                    "caution": {
                        "PRICE_FLUCTUATIONS": False,
                        "TRADING_VOLUME_SOARING": False,
                        "DEPOSIT_AMOUNT_SOARING": False,
                        "GLOBAL_PRICE_DIFFERENCES": False,
                        "CONCENTRATION_OF_SMALL_ACCOUNTS": False,
                    },
                }
            pairs.append(pair)
        return pairs

    def candles_for(self, operation_id: str) -> Callable[[dict[str, Any], int], Any]:
        def candles(params: dict[str, Any], now_ms: int) -> Any:
            unit = CANDLE_UNITS.get(operation_id) or f"{params['unit']}m"
            market = self._known(params["market"])
            to_ms = min(parse_to(params.get("to"), now_ms), now_ms + 1)
            rows = self.market.candles(
                market, unit, to_ms=to_ms, count=params.get("count", 1), now_ms=now_ms
            )
            if params.get("converting_price_unit") == "KRW":
                for row in rows:
                    row["converted_trade_price"] = row["trade_price"]
            return rows

        return candles

    def list_recent_trades(self, params: dict[str, Any], now_ms: int) -> Any:
        market = self._known(params["market"])
        day = datetime.fromtimestamp(now_ms / 1000, UTC).date()
        day -= timedelta(days=params.get("days_ago") or 0)
        until = now_ms
        if params.get("to") is not None:  # HHmmss or HH:mm:ss, UTC, within that day
            digits = str(params["to"]).replace(":", "")
            moment = datetime.combine(day, datetime.strptime(digits, "%H%M%S").time(), UTC)
            until = min(now_ms, int(moment.timestamp() * 1000) - 1)
        cursor = params.get("cursor")
        if cursor is not None and not str(cursor).isdigit():
            raise INVALID
        trades = self.market.recent_trades(
            market,
            now_ms=until,
            count=params.get("count", 1),
            before_seq=int(cursor) if cursor is not None else None,
            day_utc=day if params.get("days_ago") or params.get("to") else None,
        )
        return [self.market.trade_wire(t) for t in trades]

    def list_tickers(self, params: dict[str, Any], now_ms: int) -> Any:
        return [self.market.ticker(self._known(m), now_ms) for m in _markets(params["markets"])]

    def list_quote_tickers(self, params: dict[str, Any], now_ms: int) -> Any:
        quotes = set(_markets(params["quote_currencies"]))
        codes = [c for c in self.market.markets if c.split("-")[0] in quotes]
        if not codes:
            raise CODE_NOT_FOUND
        return [self.market.ticker(c, now_ms) for c in codes]

    def list_orderbooks(self, params: dict[str, Any], now_ms: int) -> Any:
        level = Decimal(params.get("level") or 0)
        books = []
        for code in _markets(params["markets"]):
            if level not in self.market.supported_levels(self._known(code), now_ms):
                continue  # Upbit answers nothing for an unsupported level
            book = self.market.orderbook(code, now_ms, depth=params.get("count", 30), level=level)
            books.append(book.wire())
        return books

    def _levels(self, code: str, now_ms: int) -> list[Decimal]:
        return list(self.market.supported_levels(self._known(code), now_ms))

    def list_orderbook_instruments(self, params: dict[str, Any], now_ms: int) -> Any:
        rows = []
        for code in _markets(params["markets"]):
            levels = self._levels(code, now_ms)
            tick = tick_size(code, self.market.last_trade(code, now_ms).price)
            rows.append({
                "market": code,
                "quote_currency": code.split("-")[0],
                "tick_size": decimal_text(tick),
                "supported_levels": [decimal_text(level) for level in levels],
            })  # fmt: skip
        return rows

    def list_orderbook_levels(self, params: dict[str, Any], now_ms: int) -> Any:
        return [
            {"market": code, "supported_levels": [float(v) for v in self._levels(code, now_ms)]}
            for code in _markets(params["markets"])
        ]
