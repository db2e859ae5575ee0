from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CreateDepositAddressRequest")


@_attrs_define
class CreateDepositAddressRequest:
    """Body of POST /v1/deposits/generate_coin_address.

    Attributes:
        currency (str): Currency code to create a deposit address for.
        net_type (str): Network type.
    """

    currency: str
    net_type: str

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        net_type = self.net_type

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "currency": currency,
                "net_type": net_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        currency = d.pop("currency")

        net_type = d.pop("net_type")

        create_deposit_address_request = cls(
            currency=currency,
            net_type=net_type,
        )

        return create_deposit_address_request
