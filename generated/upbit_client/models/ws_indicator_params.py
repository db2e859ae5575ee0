from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsIndicatorParams")


@_attrs_define
class WsIndicatorParams:
    """Parameters of an indicator; which keys apply depends on the indicator.

    Attributes:
        period (int | Unset): rsi, moving_average, bollinger_bands, volume: number of candles.
        type_ (str | Unset): moving_average, ma_crossover: `SMA` or `EMA`.
        multiplier (float | Unset): bollinger_bands: width in standard deviations.
        fast (int | Unset): macd: fast EMA period.
        slow (int | Unset): macd: slow EMA period.
        signal_period (int | Unset): macd: signal EMA period.
        short_period (int | Unset): ma_crossover: short moving-average period.
        long_period (int | Unset): ma_crossover: long moving-average period.
    """

    period: int | Unset = UNSET
    type_: str | Unset = UNSET
    multiplier: float | Unset = UNSET
    fast: int | Unset = UNSET
    slow: int | Unset = UNSET
    signal_period: int | Unset = UNSET
    short_period: int | Unset = UNSET
    long_period: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        period = self.period

        type_ = self.type_

        multiplier = self.multiplier

        fast = self.fast

        slow = self.slow

        signal_period = self.signal_period

        short_period = self.short_period

        long_period = self.long_period

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if period is not UNSET:
            field_dict["period"] = period
        if type_ is not UNSET:
            field_dict["type"] = type_
        if multiplier is not UNSET:
            field_dict["multiplier"] = multiplier
        if fast is not UNSET:
            field_dict["fast"] = fast
        if slow is not UNSET:
            field_dict["slow"] = slow
        if signal_period is not UNSET:
            field_dict["signal_period"] = signal_period
        if short_period is not UNSET:
            field_dict["short_period"] = short_period
        if long_period is not UNSET:
            field_dict["long_period"] = long_period

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        period = d.pop("period", UNSET)

        type_ = d.pop("type", UNSET)

        multiplier = d.pop("multiplier", UNSET)

        fast = d.pop("fast", UNSET)

        slow = d.pop("slow", UNSET)

        signal_period = d.pop("signal_period", UNSET)

        short_period = d.pop("short_period", UNSET)

        long_period = d.pop("long_period", UNSET)

        ws_indicator_params = cls(
            period=period,
            type_=type_,
            multiplier=multiplier,
            fast=fast,
            slow=slow,
            signal_period=signal_period,
            short_period=short_period,
            long_period=long_period,
        )

        ws_indicator_params.additional_properties = d
        return ws_indicator_params

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
