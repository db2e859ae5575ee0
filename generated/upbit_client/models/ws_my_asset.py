from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ws_my_asset_item import WsMyAssetItem


T = TypeVar("T", bound="WsMyAsset")


@_attrs_define
class WsMyAsset:
    """`myAsset` message (DEFAULT format, private endpoint): balances that changed. Has no
    average buy price (use the REST accounts endpoint). Realtime only.

        Attributes:
            type_ (str): Always `myAsset`.
            assets (list[WsMyAssetItem]): Balances of the currencies that changed.
            timestamp (int): Message time (ms since epoch).
            stream_type (str): Known values: REALTIME.
            asset_uuid (str | Unset): Asset event id.
            asset_timestamp (int | Unset): Asset change time (ms since epoch).
    """

    type_: str
    assets: list[WsMyAssetItem]
    timestamp: int
    stream_type: str
    asset_uuid: str | Unset = UNSET
    asset_timestamp: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        assets = []
        for assets_item_data in self.assets:
            assets_item = assets_item_data.to_dict()
            assets.append(assets_item)

        timestamp = self.timestamp

        stream_type = self.stream_type

        asset_uuid = self.asset_uuid

        asset_timestamp = self.asset_timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "assets": assets,
                "timestamp": timestamp,
                "stream_type": stream_type,
            }
        )
        if asset_uuid is not UNSET:
            field_dict["asset_uuid"] = asset_uuid
        if asset_timestamp is not UNSET:
            field_dict["asset_timestamp"] = asset_timestamp

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ws_my_asset_item import WsMyAssetItem

        d = dict(src_dict)
        type_ = d.pop("type")

        assets = []
        _assets = d.pop("assets")
        for assets_item_data in _assets:
            assets_item = WsMyAssetItem.from_dict(assets_item_data)

            assets.append(assets_item)

        timestamp = d.pop("timestamp")

        stream_type = d.pop("stream_type")

        asset_uuid = d.pop("asset_uuid", UNSET)

        asset_timestamp = d.pop("asset_timestamp", UNSET)

        ws_my_asset = cls(
            type_=type_,
            assets=assets,
            timestamp=timestamp,
            stream_type=stream_type,
            asset_uuid=asset_uuid,
            asset_timestamp=asset_timestamp,
        )

        ws_my_asset.additional_properties = d
        return ws_my_asset

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
