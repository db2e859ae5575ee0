from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OrderChanceCurrency")


@_attrs_define
class OrderChanceCurrency:
    """Currency and minimum order amount of one side of a pair (`bid` = quote side, `ask` = base side).

    Attributes:
        currency (str): Currency code, e.g. `KRW` (bid) or `BTC` (ask).
        min_total (str): Minimum order amount in the quote currency, e.g. `5000` for KRW markets.
    """

    currency: str
    min_total: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        min_total = self.min_total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "currency": currency,
                "min_total": min_total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        currency = d.pop("currency")

        min_total = d.pop("min_total")

        order_chance_currency = cls(
            currency=currency,
            min_total=min_total,
        )

        order_chance_currency.additional_properties = d
        return order_chance_currency

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
