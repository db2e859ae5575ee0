from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsListSubscriptionsItemSimple")


@_attrs_define
class WsListSubscriptionsItemSimple:
    """One active subscription, SIMPLE format (abbreviated keys of `WsListSubscriptionsItem`).

    Attributes:
        ty (str): type.
        cds (list[str] | Unset): codes.
        lv (float | str | Unset): level.
    """

    ty: str
    cds: list[str] | Unset = UNSET
    lv: float | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ty = self.ty

        cds: list[str] | Unset = UNSET
        if not isinstance(self.cds, Unset):
            cds = self.cds

        lv: float | str | Unset
        if isinstance(self.lv, Unset):
            lv = UNSET
        else:
            lv = self.lv

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ty": ty,
            }
        )
        if cds is not UNSET:
            field_dict["cds"] = cds
        if lv is not UNSET:
            field_dict["lv"] = lv

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ty = d.pop("ty")

        cds = cast(list[str], d.pop("cds", UNSET))

        def _parse_lv(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        lv = _parse_lv(d.pop("lv", UNSET))

        ws_list_subscriptions_item_simple = cls(
            ty=ty,
            cds=cds,
            lv=lv,
        )

        ws_list_subscriptions_item_simple.additional_properties = d
        return ws_list_subscriptions_item_simple

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
