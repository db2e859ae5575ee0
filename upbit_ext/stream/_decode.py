"""Frames to typed messages: the attrs models generated from the spec's `Ws*` schemas.

A frame is binary or text UTF-8 JSON, one object (DEFAULT, SIMPLE) or an array of them
(JSON_LIST, SIMPLE_LIST). Integers are parsed as Python ints, so `sequential_id` (above 2^53)
is exact; with `decimal=True` every JSON number with a fraction or exponent becomes a
`Decimal` of exactly the digits sent (the models' `float` fields then hold `Decimal`s).
JSON is parsed by msgspec: about 4x the standard library's `json`, the largest cost of a
message (benchmarks/ingest.py), with the same ints and exact decimal literals.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Final, TypeAlias

import msgspec
from upbit_client.models import (
    WsAnnouncement,
    WsAnnouncementSimple,
    WsCandle,
    WsCandleSimple,
    WsError,
    WsIndicator,
    WsIndicatorSimple,
    WsListSubscriptionsResponse,
    WsListSubscriptionsResponseSimple,
    WsMyAsset,
    WsMyAssetSimple,
    WsMyOrder,
    WsMyOrderSimple,
    WsOrderbook,
    WsOrderbookSimple,
    WsStatus,
    WsTicker,
    WsTickerSimple,
    WsTrade,
    WsTradeSimple,
)

__all__ = ["Message", "decode", "trade_key"]

Message: TypeAlias = (
    WsTicker | WsTickerSimple | WsTrade | WsTradeSimple | WsOrderbook | WsOrderbookSimple
    | WsCandle | WsCandleSimple | WsMyOrder | WsMyOrderSimple | WsMyAsset | WsMyAssetSimple
    | WsAnnouncement | WsAnnouncementSimple | WsIndicator | WsIndicatorSimple
    | WsListSubscriptionsResponse | WsListSubscriptionsResponseSimple | WsStatus | WsError
    | dict[str, Any]
)  # fmt: skip
"""Anything a stream can yield; a type this package does not know stays a plain dict."""

_Parser: TypeAlias = Callable[[Mapping[str, Any]], Message]
_DEFAULT: Final[dict[str, _Parser]] = {
    "ticker": WsTicker.from_dict, "trade": WsTrade.from_dict, "orderbook": WsOrderbook.from_dict,
    "myOrder": WsMyOrder.from_dict, "myAsset": WsMyAsset.from_dict,
    "announcement": WsAnnouncement.from_dict, "indicator": WsIndicator.from_dict,
    "indicator_signal": WsIndicator.from_dict,
}  # fmt: skip
_SIMPLE: Final[dict[str, _Parser]] = {
    "ticker": WsTickerSimple.from_dict, "trade": WsTradeSimple.from_dict,
    "orderbook": WsOrderbookSimple.from_dict, "myOrder": WsMyOrderSimple.from_dict,
    "myAsset": WsMyAssetSimple.from_dict, "announcement": WsAnnouncementSimple.from_dict,
    "indicator": WsIndicatorSimple.from_dict, "indicator_signal": WsIndicatorSimple.from_dict,
}  # fmt: skip


def _one(obj: Any) -> Message:
    if not isinstance(obj, dict):
        return {"value": obj}
    kind = obj.get("type")
    if isinstance(kind, str):
        if kind.startswith("candle."):
            return WsCandle.from_dict(obj)
        parse = _DEFAULT.get(kind)
        return parse(obj) if parse else obj
    kind = obj.get("ty")
    if isinstance(kind, str):
        if kind.startswith("candle."):
            return WsCandleSimple.from_dict(obj)
        parse = _SIMPLE.get(kind)
        return parse(obj) if parse else obj
    if "sid" in obj:  # Upbit's legacy SIMPLE trade example: no `ty`, code under `mk`
        return WsTradeSimple.from_dict(obj)
    if "error" in obj:
        return WsError.from_dict(obj)
    if "status" in obj:
        return WsStatus.from_dict(obj)
    if "method" in obj:
        return WsListSubscriptionsResponse.from_dict(obj)
    if "mthd" in obj:
        return WsListSubscriptionsResponseSimple.from_dict(obj)
    return obj


_JSON: Final = msgspec.json.Decoder()
_JSON_DECIMAL: Final = msgspec.json.Decoder(float_hook=Decimal)  # the literal's own digits


def decode(frame: bytes | str, *, decimal: bool = False) -> list[Message]:
    """Every message of one frame, typed; raises ValueError on a frame that is not JSON."""
    payload = (_JSON_DECIMAL if decimal else _JSON).decode(frame)  # DecodeError is a ValueError
    if isinstance(payload, list):
        return [_one(item) for item in payload]
    return [_one(payload)]


def trade_key(message: object) -> tuple[str, int] | None:
    """`(market, sequential_id)` of a trade message of either format, else None."""
    if isinstance(message, WsTrade):
        return message.code, message.sequential_id
    if isinstance(message, WsTradeSimple):
        code = message.cd if isinstance(message.cd, str) else message.mk
        if isinstance(code, str):
            return code, message.sid
    return None
