from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WalletStatus")


@_attrs_define
class WalletStatus:
    """Deposit/withdrawal service status of one currency on one network (may lag by minutes).

    Attributes:
        currency (str): Currency code.
        wallet_state (str): Known values: `working` (deposits and withdrawals), `withdraw_only`, `deposit_only`,
            `paused`, `unsupported`. Open set.
        block_elapsed_minutes (int | None): Minutes since the last block update; may be null.
        net_type (str): Network type.
        network_name (str): Network name, e.g. Bitcoin.
        block_state (None | str | Unset): Network state. Known values: `normal`, `delayed`, `inactive`. Open set; may be
            null.
        block_height (int | None | Unset): Latest block height seen; may be null.
        block_updated_at (None | str | Unset): When the block height last changed (UTC, ISO 8601); may be null.
    """

    currency: str
    wallet_state: str
    block_elapsed_minutes: int | None
    net_type: str
    network_name: str
    block_state: None | str | Unset = UNSET
    block_height: int | None | Unset = UNSET
    block_updated_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        wallet_state = self.wallet_state

        block_elapsed_minutes: int | None
        block_elapsed_minutes = self.block_elapsed_minutes

        net_type = self.net_type

        network_name = self.network_name

        block_state: None | str | Unset
        if isinstance(self.block_state, Unset):
            block_state = UNSET
        else:
            block_state = self.block_state

        block_height: int | None | Unset
        if isinstance(self.block_height, Unset):
            block_height = UNSET
        else:
            block_height = self.block_height

        block_updated_at: None | str | Unset
        if isinstance(self.block_updated_at, Unset):
            block_updated_at = UNSET
        else:
            block_updated_at = self.block_updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "currency": currency,
                "wallet_state": wallet_state,
                "block_elapsed_minutes": block_elapsed_minutes,
                "net_type": net_type,
                "network_name": network_name,
            }
        )
        if block_state is not UNSET:
            field_dict["block_state"] = block_state
        if block_height is not UNSET:
            field_dict["block_height"] = block_height
        if block_updated_at is not UNSET:
            field_dict["block_updated_at"] = block_updated_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        currency = d.pop("currency")

        wallet_state = d.pop("wallet_state")

        def _parse_block_elapsed_minutes(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        block_elapsed_minutes = _parse_block_elapsed_minutes(
            d.pop("block_elapsed_minutes")
        )

        net_type = d.pop("net_type")

        network_name = d.pop("network_name")

        def _parse_block_state(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        block_state = _parse_block_state(d.pop("block_state", UNSET))

        def _parse_block_height(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        block_height = _parse_block_height(d.pop("block_height", UNSET))

        def _parse_block_updated_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        block_updated_at = _parse_block_updated_at(d.pop("block_updated_at", UNSET))

        wallet_status = cls(
            currency=currency,
            wallet_state=wallet_state,
            block_elapsed_minutes=block_elapsed_minutes,
            net_type=net_type,
            network_name=network_name,
            block_state=block_state,
            block_height=block_height,
            block_updated_at=block_updated_at,
        )

        wallet_status.additional_properties = d
        return wallet_status

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
