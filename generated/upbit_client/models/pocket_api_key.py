from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PocketApiKey")


@_attrs_define
class PocketApiKey:
    """One API key of a pocket (UNCONFIRMED shape).

    Attributes:
        access_key (str | Unset): Access key.
        permissions (list[str] | Unset): Permissions granted to the key (value format UNCONFIRMED).
        allowed_ips (list[str] | Unset): IP addresses allowed to use the key.
        created_at (str | Unset): Creation time.
        expired_at (str | Unset): Expiry time.
    """

    access_key: str | Unset = UNSET
    permissions: list[str] | Unset = UNSET
    allowed_ips: list[str] | Unset = UNSET
    created_at: str | Unset = UNSET
    expired_at: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_key = self.access_key

        permissions: list[str] | Unset = UNSET
        if not isinstance(self.permissions, Unset):
            permissions = self.permissions

        allowed_ips: list[str] | Unset = UNSET
        if not isinstance(self.allowed_ips, Unset):
            allowed_ips = self.allowed_ips

        created_at = self.created_at

        expired_at = self.expired_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if access_key is not UNSET:
            field_dict["access_key"] = access_key
        if permissions is not UNSET:
            field_dict["permissions"] = permissions
        if allowed_ips is not UNSET:
            field_dict["allowed_ips"] = allowed_ips
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if expired_at is not UNSET:
            field_dict["expired_at"] = expired_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        access_key = d.pop("access_key", UNSET)

        permissions = cast(list[str], d.pop("permissions", UNSET))

        allowed_ips = cast(list[str], d.pop("allowed_ips", UNSET))

        created_at = d.pop("created_at", UNSET)

        expired_at = d.pop("expired_at", UNSET)

        pocket_api_key = cls(
            access_key=access_key,
            permissions=permissions,
            allowed_ips=allowed_ips,
            created_at=created_at,
            expired_at=expired_at,
        )

        pocket_api_key.additional_properties = d
        return pocket_api_key

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
