from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateUniversalTransferRequest")


@_attrs_define
class CreateUniversalTransferRequest:
    """Body of POST /v1/pockets/universal_transfers (main-pocket key).

    Attributes:
        to (str): UUID of the receiving pocket; must differ from `from`.
        currency (str): Currency code to transfer.
        amount (str): Amount to transfer; decimal string, no exponent.
        from_ (str | Unset): UUID of the sending pocket. Server default (when omitted) is the pocket of the API key
            used.
        identifier (str | Unset): Client identifier for the transfer; single use (even if the transfer fails), 1-64 of
            `A-Z a-z 0-9 _ . -`.
    """

    to: str
    currency: str
    amount: str
    from_: str | Unset = UNSET
    identifier: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        to = self.to

        currency = self.currency

        amount = self.amount

        from_ = self.from_

        identifier = self.identifier

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "to": to,
                "currency": currency,
                "amount": amount,
            }
        )
        if from_ is not UNSET:
            field_dict["from"] = from_
        if identifier is not UNSET:
            field_dict["identifier"] = identifier

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        to = d.pop("to")

        currency = d.pop("currency")

        amount = d.pop("amount")

        from_ = d.pop("from", UNSET)

        identifier = d.pop("identifier", UNSET)

        create_universal_transfer_request = cls(
            to=to,
            currency=currency,
            amount=amount,
            from_=from_,
            identifier=identifier,
        )

        return create_universal_transfer_request
