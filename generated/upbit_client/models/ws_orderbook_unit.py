from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WsOrderbookUnit")


@_attrs_define
class WsOrderbookUnit:
    """One order book level (DEFAULT format).

    Attributes:
        ask_price (float): Ask price.
        bid_price (float): Bid price.
        ask_size (float): Ask size.
        bid_size (float): Bid size.
    """

    ask_price: float
    bid_price: float
    ask_size: float
    bid_size: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ask_price = self.ask_price

        bid_price = self.bid_price

        ask_size = self.ask_size

        bid_size = self.bid_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ask_price": ask_price,
                "bid_price": bid_price,
                "ask_size": ask_size,
                "bid_size": bid_size,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ask_price = d.pop("ask_price")

        bid_price = d.pop("bid_price")

        ask_size = d.pop("ask_size")

        bid_size = d.pop("bid_size")

        ws_orderbook_unit = cls(
            ask_price=ask_price,
            bid_price=bid_price,
            ask_size=ask_size,
            bid_size=bid_size,
        )

        ws_orderbook_unit.additional_properties = d
        return ws_orderbook_unit

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
