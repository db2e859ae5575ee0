from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsListSubscriptionsItem")


@_attrs_define
class WsListSubscriptionsItem:
    """One active subscription in a `LIST_SUBSCRIPTIONS` answer (DEFAULT format).

    Attributes:
        type_ (str): Data type, e.g. ticker, orderbook, candle.1m.
        codes (list[str] | Unset): Subscribed pair codes.
        level (float | str | Unset): Orderbook price-grouping unit, present for orderbook subscriptions.
    """

    type_: str
    codes: list[str] | Unset = UNSET
    level: float | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        codes: list[str] | Unset = UNSET
        if not isinstance(self.codes, Unset):
            codes = self.codes

        level: float | str | Unset
        if isinstance(self.level, Unset):
            level = UNSET
        else:
            level = self.level

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if codes is not UNSET:
            field_dict["codes"] = codes
        if level is not UNSET:
            field_dict["level"] = level

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type")

        codes = cast(list[str], d.pop("codes", UNSET))

        def _parse_level(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        level = _parse_level(d.pop("level", UNSET))

        ws_list_subscriptions_item = cls(
            type_=type_,
            codes=codes,
            level=level,
        )

        ws_list_subscriptions_item.additional_properties = d
        return ws_list_subscriptions_item

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
