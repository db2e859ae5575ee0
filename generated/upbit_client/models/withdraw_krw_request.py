from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.withdraw_krw_request_two_factor_type import (
    WithdrawKrwRequestTwoFactorType,
    check_withdraw_krw_request_two_factor_type,
)

T = TypeVar("T", bound="WithdrawKrwRequest")


@_attrs_define
class WithdrawKrwRequest:
    """Body of POST /v1/withdraws/krw.

    Attributes:
        amount (str): KRW amount to withdraw; decimal string, no exponent.
        two_factor_type (WithdrawKrwRequestTwoFactorType): Second-factor method the user confirms with: `kakao`, `naver`
            or `hana` (Hana certificate).
    """

    amount: str
    two_factor_type: WithdrawKrwRequestTwoFactorType

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        two_factor_type: str = self.two_factor_type

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "two_factor_type": two_factor_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        amount = d.pop("amount")

        two_factor_type = check_withdraw_krw_request_two_factor_type(
            d.pop("two_factor_type")
        )

        withdraw_krw_request = cls(
            amount=amount,
            two_factor_type=two_factor_type,
        )

        return withdraw_krw_request
