from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WithdrawalAddress")


@_attrs_define
class WithdrawalAddress:
    """One address on the Open API withdrawal allow-list.

    Attributes:
        currency (str): Currency code.
        net_type (str): Network type; the value to send as `net_type` when withdrawing.
        network_name (str): Network name, e.g. Bitcoin, Ethereum.
        withdraw_address (str): Receiving address.
        secondary_address (None | str | Unset): Secondary address (destination tag, memo or message), if any.
        beneficiary_name (None | str | Unset): Name of the receiving wallet's owner.
        beneficiary_company_name (None | str | Unset): Company name of a corporate beneficiary.
        beneficiary_type (None | str | Unset): Known values: `individual`, `corporate`. Open set.
        exchange_name (None | str | Unset): Exchange the address belongs to, if registered as an exchange address.
        wallet_type (None | str | Unset): Personal wallet kind, e.g. MetaMask.
    """

    currency: str
    net_type: str
    network_name: str
    withdraw_address: str
    secondary_address: None | str | Unset = UNSET
    beneficiary_name: None | str | Unset = UNSET
    beneficiary_company_name: None | str | Unset = UNSET
    beneficiary_type: None | str | Unset = UNSET
    exchange_name: None | str | Unset = UNSET
    wallet_type: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        net_type = self.net_type

        network_name = self.network_name

        withdraw_address = self.withdraw_address

        secondary_address: None | str | Unset
        if isinstance(self.secondary_address, Unset):
            secondary_address = UNSET
        else:
            secondary_address = self.secondary_address

        beneficiary_name: None | str | Unset
        if isinstance(self.beneficiary_name, Unset):
            beneficiary_name = UNSET
        else:
            beneficiary_name = self.beneficiary_name

        beneficiary_company_name: None | str | Unset
        if isinstance(self.beneficiary_company_name, Unset):
            beneficiary_company_name = UNSET
        else:
            beneficiary_company_name = self.beneficiary_company_name

        beneficiary_type: None | str | Unset
        if isinstance(self.beneficiary_type, Unset):
            beneficiary_type = UNSET
        else:
            beneficiary_type = self.beneficiary_type

        exchange_name: None | str | Unset
        if isinstance(self.exchange_name, Unset):
            exchange_name = UNSET
        else:
            exchange_name = self.exchange_name

        wallet_type: None | str | Unset
        if isinstance(self.wallet_type, Unset):
            wallet_type = UNSET
        else:
            wallet_type = self.wallet_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "currency": currency,
                "net_type": net_type,
                "network_name": network_name,
                "withdraw_address": withdraw_address,
            }
        )
        if secondary_address is not UNSET:
            field_dict["secondary_address"] = secondary_address
        if beneficiary_name is not UNSET:
            field_dict["beneficiary_name"] = beneficiary_name
        if beneficiary_company_name is not UNSET:
            field_dict["beneficiary_company_name"] = beneficiary_company_name
        if beneficiary_type is not UNSET:
            field_dict["beneficiary_type"] = beneficiary_type
        if exchange_name is not UNSET:
            field_dict["exchange_name"] = exchange_name
        if wallet_type is not UNSET:
            field_dict["wallet_type"] = wallet_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        currency = d.pop("currency")

        net_type = d.pop("net_type")

        network_name = d.pop("network_name")

        withdraw_address = d.pop("withdraw_address")

        def _parse_secondary_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        secondary_address = _parse_secondary_address(d.pop("secondary_address", UNSET))

        def _parse_beneficiary_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        beneficiary_name = _parse_beneficiary_name(d.pop("beneficiary_name", UNSET))

        def _parse_beneficiary_company_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        beneficiary_company_name = _parse_beneficiary_company_name(
            d.pop("beneficiary_company_name", UNSET)
        )

        def _parse_beneficiary_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        beneficiary_type = _parse_beneficiary_type(d.pop("beneficiary_type", UNSET))

        def _parse_exchange_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        exchange_name = _parse_exchange_name(d.pop("exchange_name", UNSET))

        def _parse_wallet_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        wallet_type = _parse_wallet_type(d.pop("wallet_type", UNSET))

        withdrawal_address = cls(
            currency=currency,
            net_type=net_type,
            network_name=network_name,
            withdraw_address=withdraw_address,
            secondary_address=secondary_address,
            beneficiary_name=beneficiary_name,
            beneficiary_company_name=beneficiary_company_name,
            beneficiary_type=beneficiary_type,
            exchange_name=exchange_name,
            wallet_type=wallet_type,
        )

        withdrawal_address.additional_properties = d
        return withdrawal_address

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
