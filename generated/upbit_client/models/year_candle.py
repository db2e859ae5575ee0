from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="YearCandle")


@_attrs_define
class YearCandle:
    """One yearly candle.

    Attributes:
        market (str): Market code, e.g. `KRW-BTC`.
        candle_date_time_utc (str): Candle start time in UTC, `yyyy-MM-ddTHH:mm:ss` (no offset).
        candle_date_time_kst (str): Candle start time in KST (UTC+9), `yyyy-MM-ddTHH:mm:ss` (no offset).
        opening_price (float): Opening price.
        high_price (float): Highest price.
        low_price (float): Lowest price.
        trade_price (float): Closing (last) price.
        timestamp (int): Time of the candle's last trade, Unix epoch milliseconds.
        candle_acc_trade_price (float): Accumulated traded value in the quote currency.
        candle_acc_trade_volume (float): Accumulated traded volume in the base asset.
        first_day_of_period (str): First day of the year, `yyyy-MM-dd`.
    """

    market: str
    candle_date_time_utc: str
    candle_date_time_kst: str
    opening_price: float
    high_price: float
    low_price: float
    trade_price: float
    timestamp: int
    candle_acc_trade_price: float
    candle_acc_trade_volume: float
    first_day_of_period: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        market = self.market

        candle_date_time_utc = self.candle_date_time_utc

        candle_date_time_kst = self.candle_date_time_kst

        opening_price = self.opening_price

        high_price = self.high_price

        low_price = self.low_price

        trade_price = self.trade_price

        timestamp = self.timestamp

        candle_acc_trade_price = self.candle_acc_trade_price

        candle_acc_trade_volume = self.candle_acc_trade_volume

        first_day_of_period = self.first_day_of_period

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "market": market,
                "candle_date_time_utc": candle_date_time_utc,
                "candle_date_time_kst": candle_date_time_kst,
                "opening_price": opening_price,
                "high_price": high_price,
                "low_price": low_price,
                "trade_price": trade_price,
                "timestamp": timestamp,
                "candle_acc_trade_price": candle_acc_trade_price,
                "candle_acc_trade_volume": candle_acc_trade_volume,
                "first_day_of_period": first_day_of_period,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        market = d.pop("market")

        candle_date_time_utc = d.pop("candle_date_time_utc")

        candle_date_time_kst = d.pop("candle_date_time_kst")

        opening_price = d.pop("opening_price")

        high_price = d.pop("high_price")

        low_price = d.pop("low_price")

        trade_price = d.pop("trade_price")

        timestamp = d.pop("timestamp")

        candle_acc_trade_price = d.pop("candle_acc_trade_price")

        candle_acc_trade_volume = d.pop("candle_acc_trade_volume")

        first_day_of_period = d.pop("first_day_of_period")

        year_candle = cls(
            market=market,
            candle_date_time_utc=candle_date_time_utc,
            candle_date_time_kst=candle_date_time_kst,
            opening_price=opening_price,
            high_price=high_price,
            low_price=low_price,
            trade_price=trade_price,
            timestamp=timestamp,
            candle_acc_trade_price=candle_acc_trade_price,
            candle_acc_trade_volume=candle_acc_trade_volume,
            first_day_of_period=first_day_of_period,
        )

        year_candle.additional_properties = d
        return year_candle

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
