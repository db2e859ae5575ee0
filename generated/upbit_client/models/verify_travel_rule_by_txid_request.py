from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="VerifyTravelRuleByTxidRequest")


@_attrs_define
class VerifyTravelRuleByTxidRequest:
    """Body of POST /v1/travel_rule/deposit/txid.

    Attributes:
        vasp_uuid (str): UUID of the VASP the asset was withdrawn from (see GET /v1/travel_rule/vasps).
        txid (str): Transaction id of the deposit to verify.
        currency (str): Currency code of the deposit.
        net_type (str): Network type of the deposit.
    """

    vasp_uuid: str
    txid: str
    currency: str
    net_type: str

    def to_dict(self) -> dict[str, Any]:
        vasp_uuid = self.vasp_uuid

        txid = self.txid

        currency = self.currency

        net_type = self.net_type

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "vasp_uuid": vasp_uuid,
                "txid": txid,
                "currency": currency,
                "net_type": net_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        vasp_uuid = d.pop("vasp_uuid")

        txid = d.pop("txid")

        currency = d.pop("currency")

        net_type = d.pop("net_type")

        verify_travel_rule_by_txid_request = cls(
            vasp_uuid=vasp_uuid,
            txid=txid,
            currency=currency,
            net_type=net_type,
        )

        return verify_travel_rule_by_txid_request
