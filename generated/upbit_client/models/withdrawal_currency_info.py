from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WithdrawalCurrencyInfo")


@_attrs_define
class WithdrawalCurrencyInfo:
    """Currency information inside a withdrawal-chance answer.

    Attributes:
        code (str): Currency code.
        withdraw_fee (str): Withdrawal fee.
        is_coin (bool): True for digital assets, false for KRW.
        wallet_state (str): Known values: `working` (deposits/withdrawals supported at some point), `unsupported`. Open
            set.
        wallet_support (list[str]): What the wallet currently supports. Known values: `deposit`, `withdraw`. Open set.
    """

    code: str
    withdraw_fee: str
    is_coin: bool
    wallet_state: str
    wallet_support: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        withdraw_fee = self.withdraw_fee

        is_coin = self.is_coin

        wallet_state = self.wallet_state

        wallet_support = self.wallet_support

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "withdraw_fee": withdraw_fee,
                "is_coin": is_coin,
                "wallet_state": wallet_state,
                "wallet_support": wallet_support,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        withdraw_fee = d.pop("withdraw_fee")

        is_coin = d.pop("is_coin")

        wallet_state = d.pop("wallet_state")

        wallet_support = cast(list[str], d.pop("wallet_support"))

        withdrawal_currency_info = cls(
            code=code,
            withdraw_fee=withdraw_fee,
            is_coin=is_coin,
            wallet_state=wallet_state,
            wallet_support=wallet_support,
        )

        withdrawal_currency_info.additional_properties = d
        return withdrawal_currency_info

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
