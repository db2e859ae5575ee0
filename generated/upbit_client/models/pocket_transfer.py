from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PocketTransfer")


@_attrs_define
class PocketTransfer:
    """An asset transfer between pockets (sub-pocket transfer or universal transfer).

    Attributes:
        uuid (str): Transfer UUID.
        from_ (str): UUID of the sending pocket.
        to (str): UUID of the receiving pocket.
        state (str): Known values: `submitted`, `processing`, `done`, `failed`. Open set.
        currency (str): Currency code.
        amount (str): Amount transferred.
        created_at (str): Request time, KST, `yyyy-MM-ddTHH:mm:ss+09:00`.
        identifier (None | str | Unset): Client-assigned identifier, when one was given.
    """

    uuid: str
    from_: str
    to: str
    state: str
    currency: str
    amount: str
    created_at: str
    identifier: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        uuid = self.uuid

        from_ = self.from_

        to = self.to

        state = self.state

        currency = self.currency

        amount = self.amount

        created_at = self.created_at

        identifier: None | str | Unset
        if isinstance(self.identifier, Unset):
            identifier = UNSET
        else:
            identifier = self.identifier

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "uuid": uuid,
                "from": from_,
                "to": to,
                "state": state,
                "currency": currency,
                "amount": amount,
                "created_at": created_at,
            }
        )
        if identifier is not UNSET:
            field_dict["identifier"] = identifier

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        uuid = d.pop("uuid")

        from_ = d.pop("from")

        to = d.pop("to")

        state = d.pop("state")

        currency = d.pop("currency")

        amount = d.pop("amount")

        created_at = d.pop("created_at")

        def _parse_identifier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        identifier = _parse_identifier(d.pop("identifier", UNSET))

        pocket_transfer = cls(
            uuid=uuid,
            from_=from_,
            to=to,
            state=state,
            currency=currency,
            amount=amount,
            created_at=created_at,
            identifier=identifier,
        )

        pocket_transfer.additional_properties = d
        return pocket_transfer

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
