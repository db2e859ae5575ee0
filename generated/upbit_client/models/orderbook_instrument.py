from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OrderbookInstrument")


@_attrs_define
class OrderbookInstrument:
    """Order book parameters of one market (tick size and supported grouping levels).

    Attributes:
        market (str): Market code, e.g. `KRW-BTC`.
        quote_currency (str): Quote currency of the market, e.g. `KRW`.
        tick_size (str): Order price unit (tick) as a decimal string, e.g. `"1000"`, `"0.001"`.
        supported_levels (list[str]): Accepted values of the orderbook `level` parameter, as decimal strings (`"0"` =
            tick size).
    """

    market: str
    quote_currency: str
    tick_size: str
    supported_levels: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        market = self.market

        quote_currency = self.quote_currency

        tick_size = self.tick_size

        supported_levels = self.supported_levels

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "market": market,
                "quote_currency": quote_currency,
                "tick_size": tick_size,
                "supported_levels": supported_levels,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        market = d.pop("market")

        quote_currency = d.pop("quote_currency")

        tick_size = d.pop("tick_size")

        supported_levels = cast(list[str], d.pop("supported_levels"))

        orderbook_instrument = cls(
            market=market,
            quote_currency=quote_currency,
            tick_size=tick_size,
            supported_levels=supported_levels,
        )

        orderbook_instrument.additional_properties = d
        return orderbook_instrument

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
