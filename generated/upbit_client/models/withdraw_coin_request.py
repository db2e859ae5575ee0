from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.withdraw_coin_request_transaction_type import (
    WithdrawCoinRequestTransactionType,
    check_withdraw_coin_request_transaction_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="WithdrawCoinRequest")


@_attrs_define
class WithdrawCoinRequest:
    """Body of POST /v1/withdraws/coin.

    Attributes:
        currency (str): Currency code of the digital asset to withdraw.
        net_type (str): Network type; see `net_type` in the withdrawal allow-list (GET /v1/withdraws/coin_addresses).
        amount (str): Amount to withdraw; decimal string, no exponent.
        address (str): Receiving address; must be registered on the Open API withdrawal allow-list.
        secondary_address (None | str | Unset): Secondary address (destination tag, memo or message); required when the
            registered address has one.
        transaction_type (WithdrawCoinRequestTransactionType | Unset): `default` (normal withdrawal) or `internal`
            (instant transfer to another Upbit user). Server default: default.
    """

    currency: str
    net_type: str
    amount: str
    address: str
    secondary_address: None | str | Unset = UNSET
    transaction_type: WithdrawCoinRequestTransactionType | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        net_type = self.net_type

        amount = self.amount

        address = self.address

        secondary_address: None | str | Unset
        if isinstance(self.secondary_address, Unset):
            secondary_address = UNSET
        else:
            secondary_address = self.secondary_address

        transaction_type: str | Unset = UNSET
        if not isinstance(self.transaction_type, Unset):
            transaction_type = self.transaction_type

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "currency": currency,
                "net_type": net_type,
                "amount": amount,
                "address": address,
            }
        )
        if secondary_address is not UNSET:
            field_dict["secondary_address"] = secondary_address
        if transaction_type is not UNSET:
            field_dict["transaction_type"] = transaction_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        currency = d.pop("currency")

        net_type = d.pop("net_type")

        amount = d.pop("amount")

        address = d.pop("address")

        def _parse_secondary_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        secondary_address = _parse_secondary_address(d.pop("secondary_address", UNSET))

        _transaction_type = d.pop("transaction_type", UNSET)
        transaction_type: WithdrawCoinRequestTransactionType | Unset
        if isinstance(_transaction_type, Unset):
            transaction_type = UNSET
        else:
            transaction_type = check_withdraw_coin_request_transaction_type(
                _transaction_type
            )

        withdraw_coin_request = cls(
            currency=currency,
            net_type=net_type,
            amount=amount,
            address=address,
            secondary_address=secondary_address,
            transaction_type=transaction_type,
        )

        return withdraw_coin_request
