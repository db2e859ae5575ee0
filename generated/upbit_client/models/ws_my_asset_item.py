from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WsMyAssetItem")


@_attrs_define
class WsMyAssetItem:
    """Balance of one currency in a `myAsset` message (DEFAULT format).

    Attributes:
        currency (str): Currency code, e.g. KRW.
        balance (float): Available amount.
        locked (float): Amount locked by open orders or withdrawals.
    """

    currency: str
    balance: float
    locked: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        balance = self.balance

        locked = self.locked

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "currency": currency,
                "balance": balance,
                "locked": locked,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        currency = d.pop("currency")

        balance = d.pop("balance")

        locked = d.pop("locked")

        ws_my_asset_item = cls(
            currency=currency,
            balance=balance,
            locked=locked,
        )

        ws_my_asset_item.additional_properties = d
        return ws_my_asset_item

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
