from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.pocket_api_key import PocketApiKey


T = TypeVar("T", bound="PocketApiKeys")


@_attrs_define
class PocketApiKeys:
    """API keys of one pocket (SDK 1.1.0 `PocketAPIKeyGroup`).

    Attributes:
        uuid (str): Pocket UUID.
        keys (list[PocketApiKey]): Keys issued for the pocket.
    """

    uuid: str
    keys: list[PocketApiKey]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        uuid = self.uuid

        keys = []
        for keys_item_data in self.keys:
            keys_item = keys_item_data.to_dict()
            keys.append(keys_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "uuid": uuid,
                "keys": keys,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.pocket_api_key import PocketApiKey

        d = dict(src_dict)
        uuid = d.pop("uuid")

        keys = []
        _keys = d.pop("keys")
        for keys_item_data in _keys:
            keys_item = PocketApiKey.from_dict(keys_item_data)

            keys.append(keys_item)

        pocket_api_keys = cls(
            uuid=uuid,
            keys=keys,
        )

        pocket_api_keys.additional_properties = d
        return pocket_api_keys

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
