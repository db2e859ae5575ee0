from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DepositAddress")


@_attrs_define
class DepositAddress:
    """Deposit address of one currency and network.

    Attributes:
        currency (str): Currency code.
        net_type (str): Network type.
        deposit_address (None | str): Deposit address; null while it is still being generated.
        secondary_address (None | str | Unset): Secondary address (destination tag, memo or message), if the asset uses
            one.
    """

    currency: str
    net_type: str
    deposit_address: None | str
    secondary_address: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        net_type = self.net_type

        deposit_address: None | str
        deposit_address = self.deposit_address

        secondary_address: None | str | Unset
        if isinstance(self.secondary_address, Unset):
            secondary_address = UNSET
        else:
            secondary_address = self.secondary_address

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "currency": currency,
                "net_type": net_type,
                "deposit_address": deposit_address,
            }
        )
        if secondary_address is not UNSET:
            field_dict["secondary_address"] = secondary_address

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        currency = d.pop("currency")

        net_type = d.pop("net_type")

        def _parse_deposit_address(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        deposit_address = _parse_deposit_address(d.pop("deposit_address"))

        def _parse_secondary_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        secondary_address = _parse_secondary_address(d.pop("secondary_address", UNSET))

        deposit_address = cls(
            currency=currency,
            net_type=net_type,
            deposit_address=deposit_address,
            secondary_address=secondary_address,
        )

        deposit_address.additional_properties = d
        return deposit_address

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
