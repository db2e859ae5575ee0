from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WsOrderbookUnitSimple")


@_attrs_define
class WsOrderbookUnitSimple:
    """One order book level, SIMPLE format (abbreviated keys of `WsOrderbookUnit`).

    Attributes:
        ap (float): ask_price.
        bp (float): bid_price.
        as_ (float): ask_size.
        bs (float): bid_size.
    """

    ap: float
    bp: float
    as_: float
    bs: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ap = self.ap

        bp = self.bp

        as_ = self.as_

        bs = self.bs

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ap": ap,
                "bp": bp,
                "as": as_,
                "bs": bs,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ap = d.pop("ap")

        bp = d.pop("bp")

        as_ = d.pop("as")

        bs = d.pop("bs")

        ws_orderbook_unit_simple = cls(
            ap=ap,
            bp=bp,
            as_=as_,
            bs=bs,
        )

        ws_orderbook_unit_simple.additional_properties = d
        return ws_orderbook_unit_simple

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
