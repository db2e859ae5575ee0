from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ws_my_asset_item_simple import WsMyAssetItemSimple


T = TypeVar("T", bound="WsMyAssetSimple")


@_attrs_define
class WsMyAssetSimple:
    """`myAsset` message, SIMPLE format (abbreviated keys of `WsMyAsset`).

    Attributes:
        ty (str): type: always `myAsset`.
        ast (list[WsMyAssetItemSimple]): assets.
        tms (int): timestamp (ms).
        st (str): stream_type. Known values: REALTIME.
        astuid (str | Unset): asset_uuid.
        asttms (int | Unset): asset_timestamp (ms).
    """

    ty: str
    ast: list[WsMyAssetItemSimple]
    tms: int
    st: str
    astuid: str | Unset = UNSET
    asttms: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ty = self.ty

        ast = []
        for ast_item_data in self.ast:
            ast_item = ast_item_data.to_dict()
            ast.append(ast_item)

        tms = self.tms

        st = self.st

        astuid = self.astuid

        asttms = self.asttms

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ty": ty,
                "ast": ast,
                "tms": tms,
                "st": st,
            }
        )
        if astuid is not UNSET:
            field_dict["astuid"] = astuid
        if asttms is not UNSET:
            field_dict["asttms"] = asttms

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ws_my_asset_item_simple import WsMyAssetItemSimple

        d = dict(src_dict)
        ty = d.pop("ty")

        ast = []
        _ast = d.pop("ast")
        for ast_item_data in _ast:
            ast_item = WsMyAssetItemSimple.from_dict(ast_item_data)

            ast.append(ast_item)

        tms = d.pop("tms")

        st = d.pop("st")

        astuid = d.pop("astuid", UNSET)

        asttms = d.pop("asttms", UNSET)

        ws_my_asset_simple = cls(
            ty=ty,
            ast=ast,
            tms=tms,
            st=st,
            astuid=astuid,
            asttms=asttms,
        )

        ws_my_asset_simple.additional_properties = d
        return ws_my_asset_simple

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
