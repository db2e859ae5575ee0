from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OrderbookSupportedLevels")


@_attrs_define
class OrderbookSupportedLevels:
    """Supported orderbook grouping levels of one market (deprecated endpoint; numbers, not strings).

    Attributes:
        market (str): Market code, e.g. `KRW-BTC`.
        supported_levels (list[float]): Accepted values of the orderbook `level` parameter (0 = tick size).
    """

    market: str
    supported_levels: list[float]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        market = self.market

        supported_levels = self.supported_levels

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "market": market,
                "supported_levels": supported_levels,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        market = d.pop("market")

        supported_levels = cast(list[float], d.pop("supported_levels"))

        orderbook_supported_levels = cls(
            market=market,
            supported_levels=supported_levels,
        )

        orderbook_supported_levels.additional_properties = d
        return orderbook_supported_levels

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
