from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.orderbook_unit import OrderbookUnit


T = TypeVar("T", bound="Orderbook")


@_attrs_define
class Orderbook:
    """Order book snapshot of one market.

    Attributes:
        market (str): Market code, e.g. `KRW-BTC`.
        timestamp (int): Snapshot time, Unix epoch milliseconds.
        total_ask_size (float): Total remaining ask (sell) volume over the returned units.
        total_bid_size (float): Total remaining bid (buy) volume over the returned units.
        orderbook_units (list[OrderbookUnit]): Price levels, best first (index 0 = best ask and best bid).
        level (float): Price-grouping unit applied (0 = the market's own tick size).
    """

    market: str
    timestamp: int
    total_ask_size: float
    total_bid_size: float
    orderbook_units: list[OrderbookUnit]
    level: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        market = self.market

        timestamp = self.timestamp

        total_ask_size = self.total_ask_size

        total_bid_size = self.total_bid_size

        orderbook_units = []
        for orderbook_units_item_data in self.orderbook_units:
            orderbook_units_item = orderbook_units_item_data.to_dict()
            orderbook_units.append(orderbook_units_item)

        level = self.level

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "market": market,
                "timestamp": timestamp,
                "total_ask_size": total_ask_size,
                "total_bid_size": total_bid_size,
                "orderbook_units": orderbook_units,
                "level": level,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.orderbook_unit import OrderbookUnit

        d = dict(src_dict)
        market = d.pop("market")

        timestamp = d.pop("timestamp")

        total_ask_size = d.pop("total_ask_size")

        total_bid_size = d.pop("total_bid_size")

        orderbook_units = []
        _orderbook_units = d.pop("orderbook_units")
        for orderbook_units_item_data in _orderbook_units:
            orderbook_units_item = OrderbookUnit.from_dict(orderbook_units_item_data)

            orderbook_units.append(orderbook_units_item)

        level = d.pop("level")

        orderbook = cls(
            market=market,
            timestamp=timestamp,
            total_ask_size=total_ask_size,
            total_bid_size=total_bid_size,
            orderbook_units=orderbook_units,
            level=level,
        )

        orderbook.additional_properties = d
        return orderbook

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
