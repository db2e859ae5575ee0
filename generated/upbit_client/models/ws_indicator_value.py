from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsIndicatorValue")


@_attrs_define
class WsIndicatorValue:
    """Values of an indicator, decimal strings; which keys appear depends on the indicator.

    Attributes:
        rsi (str | Unset): rsi.
        macd (str | Unset): macd: MACD line.
        macd_signal (str | Unset): macd: signal line.
        histogram (str | Unset): macd: MACD minus signal.
        bb_upper (str | Unset): bollinger_bands: upper band.
        bb_middle (str | Unset): bollinger_bands: middle band.
        bb_lower (str | Unset): bollinger_bands: lower band.
        value (str | Unset): moving_average: the average.
        ma_short (str | Unset): ma_crossover: short average.
        ma_long (str | Unset): ma_crossover: long average.
        volume (str | Unset): volume: volume of the candle.
        avg_volume (str | Unset): volume: average volume over the period.
        ratio (str | Unset): volume: volume / avg_volume.
    """

    rsi: str | Unset = UNSET
    macd: str | Unset = UNSET
    macd_signal: str | Unset = UNSET
    histogram: str | Unset = UNSET
    bb_upper: str | Unset = UNSET
    bb_middle: str | Unset = UNSET
    bb_lower: str | Unset = UNSET
    value: str | Unset = UNSET
    ma_short: str | Unset = UNSET
    ma_long: str | Unset = UNSET
    volume: str | Unset = UNSET
    avg_volume: str | Unset = UNSET
    ratio: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rsi = self.rsi

        macd = self.macd

        macd_signal = self.macd_signal

        histogram = self.histogram

        bb_upper = self.bb_upper

        bb_middle = self.bb_middle

        bb_lower = self.bb_lower

        value = self.value

        ma_short = self.ma_short

        ma_long = self.ma_long

        volume = self.volume

        avg_volume = self.avg_volume

        ratio = self.ratio

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if rsi is not UNSET:
            field_dict["rsi"] = rsi
        if macd is not UNSET:
            field_dict["macd"] = macd
        if macd_signal is not UNSET:
            field_dict["macd_signal"] = macd_signal
        if histogram is not UNSET:
            field_dict["histogram"] = histogram
        if bb_upper is not UNSET:
            field_dict["bb_upper"] = bb_upper
        if bb_middle is not UNSET:
            field_dict["bb_middle"] = bb_middle
        if bb_lower is not UNSET:
            field_dict["bb_lower"] = bb_lower
        if value is not UNSET:
            field_dict["value"] = value
        if ma_short is not UNSET:
            field_dict["ma_short"] = ma_short
        if ma_long is not UNSET:
            field_dict["ma_long"] = ma_long
        if volume is not UNSET:
            field_dict["volume"] = volume
        if avg_volume is not UNSET:
            field_dict["avg_volume"] = avg_volume
        if ratio is not UNSET:
            field_dict["ratio"] = ratio

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        rsi = d.pop("rsi", UNSET)

        macd = d.pop("macd", UNSET)

        macd_signal = d.pop("macd_signal", UNSET)

        histogram = d.pop("histogram", UNSET)

        bb_upper = d.pop("bb_upper", UNSET)

        bb_middle = d.pop("bb_middle", UNSET)

        bb_lower = d.pop("bb_lower", UNSET)

        value = d.pop("value", UNSET)

        ma_short = d.pop("ma_short", UNSET)

        ma_long = d.pop("ma_long", UNSET)

        volume = d.pop("volume", UNSET)

        avg_volume = d.pop("avg_volume", UNSET)

        ratio = d.pop("ratio", UNSET)

        ws_indicator_value = cls(
            rsi=rsi,
            macd=macd,
            macd_signal=macd_signal,
            histogram=histogram,
            bb_upper=bb_upper,
            bb_middle=bb_middle,
            bb_lower=bb_lower,
            value=value,
            ma_short=ma_short,
            ma_long=ma_long,
            volume=volume,
            avg_volume=avg_volume,
            ratio=ratio,
        )

        ws_indicator_value.additional_properties = d
        return ws_indicator_value

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
