from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.pocket_api_key import PocketApiKey


T = TypeVar("T", bound="PocketApiKeys")


@_attrs_define
class PocketApiKeys:
    """API keys of one pocket. UNCONFIRMED shape: Upbit documents only the field list
    (pocket UUID plus a list of keys with access_key, permissions, allowed_ips,
    created_at, expired_at), not the exact key names, so nothing is required.

        Attributes:
            uuid (str | Unset): Pocket UUID.
            api_keys (list[PocketApiKey] | Unset): Keys issued for the pocket (key name UNCONFIRMED).
    """

    uuid: str | Unset = UNSET
    api_keys: list[PocketApiKey] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        uuid = self.uuid

        api_keys: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.api_keys, Unset):
            api_keys = []
            for api_keys_item_data in self.api_keys:
                api_keys_item = api_keys_item_data.to_dict()
                api_keys.append(api_keys_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if uuid is not UNSET:
            field_dict["uuid"] = uuid
        if api_keys is not UNSET:
            field_dict["api_keys"] = api_keys

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.pocket_api_key import PocketApiKey

        d = dict(src_dict)
        uuid = d.pop("uuid", UNSET)

        _api_keys = d.pop("api_keys", UNSET)
        api_keys: list[PocketApiKey] | Unset = UNSET
        if _api_keys is not UNSET:
            api_keys = []
            for api_keys_item_data in _api_keys:
                api_keys_item = PocketApiKey.from_dict(api_keys_item_data)

                api_keys.append(api_keys_item)

        pocket_api_keys = cls(
            uuid=uuid,
            api_keys=api_keys,
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
