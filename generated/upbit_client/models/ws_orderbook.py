from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ws_orderbook_unit import WsOrderbookUnit


T = TypeVar("T", bound="WsOrderbook")


@_attrs_define
class WsOrderbook:
    """`orderbook` message (DEFAULT format): order book levels of one pair.

    Attributes:
        type_ (str): Always `orderbook`.
        code (str): Pair code, e.g. KRW-BTC.
        total_ask_size (float): Total size on the ask side.
        total_bid_size (float): Total size on the bid side.
        orderbook_units (list[WsOrderbookUnit]): Price levels, best first (up to the requested depth, default 30).
        timestamp (int): Message time (ms since epoch).
        stream_type (str): Known values: SNAPSHOT, REALTIME.
        level (float | Unset): Price-grouping unit of this stream (0 = none; always 0 on BTC/USDT markets).
    """

    type_: str
    code: str
    total_ask_size: float
    total_bid_size: float
    orderbook_units: list[WsOrderbookUnit]
    timestamp: int
    stream_type: str
    level: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        code = self.code

        total_ask_size = self.total_ask_size

        total_bid_size = self.total_bid_size

        orderbook_units = []
        for orderbook_units_item_data in self.orderbook_units:
            orderbook_units_item = orderbook_units_item_data.to_dict()
            orderbook_units.append(orderbook_units_item)

        timestamp = self.timestamp

        stream_type = self.stream_type

        level = self.level

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "code": code,
                "total_ask_size": total_ask_size,
                "total_bid_size": total_bid_size,
                "orderbook_units": orderbook_units,
                "timestamp": timestamp,
                "stream_type": stream_type,
            }
        )
        if level is not UNSET:
            field_dict["level"] = level

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ws_orderbook_unit import WsOrderbookUnit

        d = dict(src_dict)
        type_ = d.pop("type")

        code = d.pop("code")

        total_ask_size = d.pop("total_ask_size")

        total_bid_size = d.pop("total_bid_size")

        orderbook_units = []
        _orderbook_units = d.pop("orderbook_units")
        for orderbook_units_item_data in _orderbook_units:
            orderbook_units_item = WsOrderbookUnit.from_dict(orderbook_units_item_data)

            orderbook_units.append(orderbook_units_item)

        timestamp = d.pop("timestamp")

        stream_type = d.pop("stream_type")

        level = d.pop("level", UNSET)

        ws_orderbook = cls(
            type_=type_,
            code=code,
            total_ask_size=total_ask_size,
            total_bid_size=total_bid_size,
            orderbook_units=orderbook_units,
            timestamp=timestamp,
            stream_type=stream_type,
            level=level,
        )

        ws_orderbook.additional_properties = d
        return ws_orderbook

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
