from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TravelRuleVerification")


@_attrs_define
class TravelRuleVerification:
    """Result of a travel-rule (deposit owner) verification request.

    Attributes:
        deposit_uuid (str): UUID of the verified deposit.
        verification_result (str): Verification result, e.g. `verified`. Open set.
        deposit_state (str): State of the deposit after verification. Known values: `PROCESSING`, `ACCEPTED`,
            `CANCELLED`, `REJECTED`, `TRAVEL_RULE_SUSPECTED`, `REFUNDING`, `REFUNDED`. Open set.
    """

    deposit_uuid: str
    verification_result: str
    deposit_state: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        deposit_uuid = self.deposit_uuid

        verification_result = self.verification_result

        deposit_state = self.deposit_state

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "deposit_uuid": deposit_uuid,
                "verification_result": verification_result,
                "deposit_state": deposit_state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        deposit_uuid = d.pop("deposit_uuid")

        verification_result = d.pop("verification_result")

        deposit_state = d.pop("deposit_state")

        travel_rule_verification = cls(
            deposit_uuid=deposit_uuid,
            verification_result=verification_result,
            deposit_state=deposit_state,
        )

        travel_rule_verification.additional_properties = d
        return travel_rule_verification

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
