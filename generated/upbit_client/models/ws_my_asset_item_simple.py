from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WsMyAssetItemSimple")


@_attrs_define
class WsMyAssetItemSimple:
    """Balance of one currency, SIMPLE format (abbreviated keys of `WsMyAssetItem`).

    Attributes:
        cu (str): currency.
        b (float): balance.
        l (float): locked.
    """

    cu: str
    b: float
    l: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cu = self.cu

        b = self.b

        l = self.l

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cu": cu,
                "b": b,
                "l": l,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        cu = d.pop("cu")

        b = d.pop("b")

        l = d.pop("l")

        ws_my_asset_item_simple = cls(
            cu=cu,
            b=b,
            l=l,
        )

        ws_my_asset_item_simple.additional_properties = d
        return ws_my_asset_item_simple

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
