from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PocketAsset")


@_attrs_define
class PocketAsset:
    """Balance of one currency in a sub-pocket: the fields of `Account`, all present
    (Upbit's SDK 1.1.0 `PocketBalance` requires each of them).

        Attributes:
            currency (str): Currency code, e.g. KRW, BTC.
            balance (str): Available amount.
            locked (str): Amount locked by open orders or withdrawals.
            avg_buy_price (str): Average buy price in `unit_currency`.
            avg_buy_price_modified (bool): Whether the average buy price was edited by hand.
            unit_currency (str): Currency of avg_buy_price.
    """

    currency: str
    balance: str
    locked: str
    avg_buy_price: str
    avg_buy_price_modified: bool
    unit_currency: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        balance = self.balance

        locked = self.locked

        avg_buy_price = self.avg_buy_price

        avg_buy_price_modified = self.avg_buy_price_modified

        unit_currency = self.unit_currency

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "currency": currency,
                "balance": balance,
                "locked": locked,
                "avg_buy_price": avg_buy_price,
                "avg_buy_price_modified": avg_buy_price_modified,
                "unit_currency": unit_currency,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        currency = d.pop("currency")

        balance = d.pop("balance")

        locked = d.pop("locked")

        avg_buy_price = d.pop("avg_buy_price")

        avg_buy_price_modified = d.pop("avg_buy_price_modified")

        unit_currency = d.pop("unit_currency")

        pocket_asset = cls(
            currency=currency,
            balance=balance,
            locked=locked,
            avg_buy_price=avg_buy_price,
            avg_buy_price_modified=avg_buy_price_modified,
            unit_currency=unit_currency,
        )

        pocket_asset.additional_properties = d
        return pocket_asset

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
