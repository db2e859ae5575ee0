from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TravelRuleVasp")


@_attrs_define
class TravelRuleVasp:
    """A virtual-asset service provider (exchange) that supports travel-rule account verification.

    Attributes:
        vasp_name (str): Name of the VASP.
        vasp_uuid (str): VASP UUID, used in the verification requests.
        depositable (bool): Whether deposits from this VASP to Upbit can be credited.
        withdrawable (bool): Whether withdrawals from Upbit to this VASP are possible.
    """

    vasp_name: str
    vasp_uuid: str
    depositable: bool
    withdrawable: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        vasp_name = self.vasp_name

        vasp_uuid = self.vasp_uuid

        depositable = self.depositable

        withdrawable = self.withdrawable

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "vasp_name": vasp_name,
                "vasp_uuid": vasp_uuid,
                "depositable": depositable,
                "withdrawable": withdrawable,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        vasp_name = d.pop("vasp_name")

        vasp_uuid = d.pop("vasp_uuid")

        depositable = d.pop("depositable")

        withdrawable = d.pop("withdrawable")

        travel_rule_vasp = cls(
            vasp_name=vasp_name,
            vasp_uuid=vasp_uuid,
            depositable=depositable,
            withdrawable=withdrawable,
        )

        travel_rule_vasp.additional_properties = d
        return travel_rule_vasp

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
