from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MarketEventCaution")


@_attrs_define
class MarketEventCaution:
    """Investment-caution (주의 종목) flags by reason; true when the reason applies.
    Upbit may add reasons, so unknown keys are kept.

        Attributes:
            price_fluctuations (bool | Unset): Sharp price fluctuation.
            trading_volume_soaring (bool | Unset): Sudden surge in trading volume.
            deposit_amount_soaring (bool | Unset): Sudden surge in deposits.
            global_price_differences (bool | Unset): Large price gap against overseas exchanges.
            concentration_of_small_accounts (bool | Unset): Trading concentrated in a small number of accounts.
    """

    price_fluctuations: bool | Unset = UNSET
    trading_volume_soaring: bool | Unset = UNSET
    deposit_amount_soaring: bool | Unset = UNSET
    global_price_differences: bool | Unset = UNSET
    concentration_of_small_accounts: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        price_fluctuations = self.price_fluctuations

        trading_volume_soaring = self.trading_volume_soaring

        deposit_amount_soaring = self.deposit_amount_soaring

        global_price_differences = self.global_price_differences

        concentration_of_small_accounts = self.concentration_of_small_accounts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if price_fluctuations is not UNSET:
            field_dict["PRICE_FLUCTUATIONS"] = price_fluctuations
        if trading_volume_soaring is not UNSET:
            field_dict["TRADING_VOLUME_SOARING"] = trading_volume_soaring
        if deposit_amount_soaring is not UNSET:
            field_dict["DEPOSIT_AMOUNT_SOARING"] = deposit_amount_soaring
        if global_price_differences is not UNSET:
            field_dict["GLOBAL_PRICE_DIFFERENCES"] = global_price_differences
        if concentration_of_small_accounts is not UNSET:
            field_dict["CONCENTRATION_OF_SMALL_ACCOUNTS"] = (
                concentration_of_small_accounts
            )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        price_fluctuations = d.pop("PRICE_FLUCTUATIONS", UNSET)

        trading_volume_soaring = d.pop("TRADING_VOLUME_SOARING", UNSET)

        deposit_amount_soaring = d.pop("DEPOSIT_AMOUNT_SOARING", UNSET)

        global_price_differences = d.pop("GLOBAL_PRICE_DIFFERENCES", UNSET)

        concentration_of_small_accounts = d.pop(
            "CONCENTRATION_OF_SMALL_ACCOUNTS", UNSET
        )

        market_event_caution = cls(
            price_fluctuations=price_fluctuations,
            trading_volume_soaring=trading_volume_soaring,
            deposit_amount_soaring=deposit_amount_soaring,
            global_price_differences=global_price_differences,
            concentration_of_small_accounts=concentration_of_small_accounts,
        )

        market_event_caution.additional_properties = d
        return market_event_caution

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
