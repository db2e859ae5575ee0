from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DepositChance")


@_attrs_define
class DepositChance:
    """Whether deposits of a currency on a network are possible, and their minimums.

    Attributes:
        currency (str): Currency code.
        net_type (str): Network type.
        is_deposit_possible (bool): Whether deposits are currently possible.
        deposit_impossible_reason (str): Why deposits are not possible, when is_deposit_possible is false; an empty
            string
            otherwise. A string, never null: Upbit's SDK 1.1.0, its CLI and the docs' field
            table all type it as a string.
        minimum_deposit_amount (str): Minimum deposit amount.
        minimum_deposit_confirmations (int): Confirmations required before the deposit is credited.
        decimal_precision (int): Decimal places applied to deposits.
    """

    currency: str
    net_type: str
    is_deposit_possible: bool
    deposit_impossible_reason: str
    minimum_deposit_amount: str
    minimum_deposit_confirmations: int
    decimal_precision: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        net_type = self.net_type

        is_deposit_possible = self.is_deposit_possible

        deposit_impossible_reason = self.deposit_impossible_reason

        minimum_deposit_amount = self.minimum_deposit_amount

        minimum_deposit_confirmations = self.minimum_deposit_confirmations

        decimal_precision = self.decimal_precision

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "currency": currency,
                "net_type": net_type,
                "is_deposit_possible": is_deposit_possible,
                "deposit_impossible_reason": deposit_impossible_reason,
                "minimum_deposit_amount": minimum_deposit_amount,
                "minimum_deposit_confirmations": minimum_deposit_confirmations,
                "decimal_precision": decimal_precision,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        currency = d.pop("currency")

        net_type = d.pop("net_type")

        is_deposit_possible = d.pop("is_deposit_possible")

        deposit_impossible_reason = d.pop("deposit_impossible_reason")

        minimum_deposit_amount = d.pop("minimum_deposit_amount")

        minimum_deposit_confirmations = d.pop("minimum_deposit_confirmations")

        decimal_precision = d.pop("decimal_precision")

        deposit_chance = cls(
            currency=currency,
            net_type=net_type,
            is_deposit_possible=is_deposit_possible,
            deposit_impossible_reason=deposit_impossible_reason,
            minimum_deposit_amount=minimum_deposit_amount,
            minimum_deposit_confirmations=minimum_deposit_confirmations,
            decimal_precision=decimal_precision,
        )

        deposit_chance.additional_properties = d
        return deposit_chance

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
