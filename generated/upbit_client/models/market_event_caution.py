from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MarketEventCaution")


@_attrs_define
class MarketEventCaution:
    """Investment-caution (주의 종목) flags by reason; true when the reason applies.
    Upbit may add reasons, so unknown keys are kept.

        Attributes:
            price_fluctuations (bool): Sharp price fluctuation.
            trading_volume_soaring (bool): Sudden surge in trading volume.
            deposit_amount_soaring (bool): Sudden surge in deposits.
            global_price_differences (bool): Large price gap against overseas exchanges.
            concentration_of_small_accounts (bool): Trading concentrated in a small number of accounts.
    """

    price_fluctuations: bool
    trading_volume_soaring: bool
    deposit_amount_soaring: bool
    global_price_differences: bool
    concentration_of_small_accounts: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        price_fluctuations = self.price_fluctuations

        trading_volume_soaring = self.trading_volume_soaring

        deposit_amount_soaring = self.deposit_amount_soaring

        global_price_differences = self.global_price_differences

        concentration_of_small_accounts = self.concentration_of_small_accounts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "PRICE_FLUCTUATIONS": price_fluctuations,
                "TRADING_VOLUME_SOARING": trading_volume_soaring,
                "DEPOSIT_AMOUNT_SOARING": deposit_amount_soaring,
                "GLOBAL_PRICE_DIFFERENCES": global_price_differences,
                "CONCENTRATION_OF_SMALL_ACCOUNTS": concentration_of_small_accounts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        price_fluctuations = d.pop("PRICE_FLUCTUATIONS")

        trading_volume_soaring = d.pop("TRADING_VOLUME_SOARING")

        deposit_amount_soaring = d.pop("DEPOSIT_AMOUNT_SOARING")

        global_price_differences = d.pop("GLOBAL_PRICE_DIFFERENCES")

        concentration_of_small_accounts = d.pop("CONCENTRATION_OF_SMALL_ACCOUNTS")

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
