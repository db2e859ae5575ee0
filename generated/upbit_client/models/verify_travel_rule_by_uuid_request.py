from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="VerifyTravelRuleByUuidRequest")


@_attrs_define
class VerifyTravelRuleByUuidRequest:
    """Body of POST /v1/travel_rule/deposit/uuid.

    Attributes:
        deposit_uuid (str): UUID of the deposit to verify.
        vasp_uuid (str): UUID of the VASP the asset was withdrawn from (see GET /v1/travel_rule/vasps).
    """

    deposit_uuid: str
    vasp_uuid: str

    def to_dict(self) -> dict[str, Any]:
        deposit_uuid = self.deposit_uuid

        vasp_uuid = self.vasp_uuid

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "deposit_uuid": deposit_uuid,
                "vasp_uuid": vasp_uuid,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        deposit_uuid = d.pop("deposit_uuid")

        vasp_uuid = d.pop("vasp_uuid")

        verify_travel_rule_by_uuid_request = cls(
            deposit_uuid=deposit_uuid,
            vasp_uuid=vasp_uuid,
        )

        return verify_travel_rule_by_uuid_request
