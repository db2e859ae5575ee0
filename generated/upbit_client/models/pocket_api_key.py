from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PocketApiKey")


@_attrs_define
class PocketApiKey:
    """One API key of a pocket (SDK 1.1.0 `PocketAPIKey`).

    Attributes:
        access_key (str): Access key.
        permissions (list[str]): Permissions granted to the key. Known values: `view_account`, `view_orders`,
            `make_orders`, `view_withdrawals`, `withdraw`, `view_deposits`, `deposit`,
            `transfer`, `manage_pockets`. Open set.
        allowed_ips (list[str]): IP addresses allowed to use the key (empty when any IP may).
        created_at (str): Creation time, KST, `yyyy-MM-ddTHH:mm:ss+09:00`.
        expired_at (str): Expiry time, KST, `yyyy-MM-ddTHH:mm:ss+09:00`.
    """

    access_key: str
    permissions: list[str]
    allowed_ips: list[str]
    created_at: str
    expired_at: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_key = self.access_key

        permissions = self.permissions

        allowed_ips = self.allowed_ips

        created_at = self.created_at

        expired_at = self.expired_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access_key": access_key,
                "permissions": permissions,
                "allowed_ips": allowed_ips,
                "created_at": created_at,
                "expired_at": expired_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        access_key = d.pop("access_key")

        permissions = cast(list[str], d.pop("permissions"))

        allowed_ips = cast(list[str], d.pop("allowed_ips"))

        created_at = d.pop("created_at")

        expired_at = d.pop("expired_at")

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
