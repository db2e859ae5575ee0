from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BatchCancelOrder")


@_attrs_define
class BatchCancelOrder:
    """One order named in a batch-cancel result.

    Attributes:
        uuid (str): Order UUID.
        market (str): Trading pair code, e.g. `KRW-BTC`.
        identifier (str | Unset): Client-assigned identifier; present only when the order has one.
    """

    uuid: str
    market: str
    identifier: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        uuid = self.uuid

        market = self.market

        identifier = self.identifier

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "uuid": uuid,
                "market": market,
            }
        )
        if identifier is not UNSET:
            field_dict["identifier"] = identifier

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        uuid = d.pop("uuid")

        market = d.pop("market")

        identifier = d.pop("identifier", UNSET)

        batch_cancel_order = cls(
            uuid=uuid,
            market=market,
            identifier=identifier,
        )

        batch_cancel_order.additional_properties = d
        return batch_cancel_order

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
