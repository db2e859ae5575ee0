from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreatePocketTransferRequest")


@_attrs_define
class CreatePocketTransferRequest:
    """Body of POST /v1/pockets/transfers (sub-pocket key).

    Attributes:
        to (str): UUID of the receiving pocket; must differ from the sending pocket. Required by the
            official schema, although the docs prose says an omitted `to` means the main pocket.
        currency (str): Currency code to transfer.
        amount (str): Amount to transfer; decimal string, no exponent.
        identifier (str | Unset): Client identifier for the transfer; single use (even if the transfer fails), 1-64 of
            `A-Z a-z 0-9 _ . -`.
    """

    to: str
    currency: str
    amount: str
    identifier: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        to = self.to

        currency = self.currency

        amount = self.amount

        identifier = self.identifier

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "to": to,
                "currency": currency,
                "amount": amount,
            }
        )
        if identifier is not UNSET:
            field_dict["identifier"] = identifier

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        to = d.pop("to")

        currency = d.pop("currency")

        amount = d.pop("amount")

        identifier = d.pop("identifier", UNSET)

        create_pocket_transfer_request = cls(
            to=to,
            currency=currency,
            amount=amount,
            identifier=identifier,
        )

        return create_pocket_transfer_request
