from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsIndicatorEventParamsSimple")


@_attrs_define
class WsIndicatorEventParamsSimple:
    """Trigger condition, SIMPLE format (abbreviated keys of `WsIndicatorEventParams`).

    Attributes:
        th (int | Unset): threshold.
        mul (int | Unset): multiplier.
    """

    th: int | Unset = UNSET
    mul: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        th = self.th

        mul = self.mul

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if th is not UNSET:
            field_dict["th"] = th
        if mul is not UNSET:
            field_dict["mul"] = mul

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        th = d.pop("th", UNSET)

        mul = d.pop("mul", UNSET)

        ws_indicator_event_params_simple = cls(
            th=th,
            mul=mul,
        )

        ws_indicator_event_params_simple.additional_properties = d
        return ws_indicator_event_params_simple

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
