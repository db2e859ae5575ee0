from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Ticker")


@_attrs_define
class Ticker:
    """Current price snapshot of one market (day = UTC 0h basis unless noted).

    Attributes:
        market (str): Market code, e.g. `KRW-BTC`.
        trade_date (str): Date of the last trade in UTC, `yyyyMMdd`.
        trade_time (str): Time of the last trade in UTC, `HHmmss`.
        trade_date_kst (str): Date of the last trade in KST, `yyyyMMdd`.
        trade_time_kst (str): Time of the last trade in KST, `HHmmss`.
        trade_timestamp (int): Time of the last trade, Unix epoch milliseconds.
        opening_price (float): Opening price of the day.
        high_price (float): Highest price of the day.
        low_price (float): Lowest price of the day.
        trade_price (float): Last trade price.
        prev_closing_price (float): Closing price of the previous day (UTC 0h basis).
        change (str): Direction against `prev_closing_price`. Known values: `EVEN`, `RISE`, `FALL`.
        change_price (float): Absolute change against `prev_closing_price`.
        change_rate (float): Absolute change rate against `prev_closing_price` (0.01 = 1%).
        signed_change_price (float): Signed change against `prev_closing_price`.
        signed_change_rate (float): Signed change rate against `prev_closing_price`.
        trade_volume (float): Volume of the last trade.
        acc_trade_price (float): Accumulated traded value since 00:00 UTC.
        acc_trade_price_24h (float): Accumulated traded value over the last 24 hours.
        acc_trade_volume (float): Accumulated traded volume since 00:00 UTC.
        acc_trade_volume_24h (float): Accumulated traded volume over the last 24 hours.
        highest_52_week_price (float): Highest price over the last 52 weeks.
        highest_52_week_date (str): Date of the 52-week high, `yyyy-MM-dd`.
        lowest_52_week_price (float): Lowest price over the last 52 weeks.
        lowest_52_week_date (str): Date of the 52-week low, `yyyy-MM-dd`.
        timestamp (int): Time the ticker was produced, Unix epoch milliseconds.
    """

    market: str
    trade_date: str
    trade_time: str
    trade_date_kst: str
    trade_time_kst: str
    trade_timestamp: int
    opening_price: float
    high_price: float
    low_price: float
    trade_price: float
    prev_closing_price: float
    change: str
    change_price: float
    change_rate: float
    signed_change_price: float
    signed_change_rate: float
    trade_volume: float
    acc_trade_price: float
    acc_trade_price_24h: float
    acc_trade_volume: float
    acc_trade_volume_24h: float
    highest_52_week_price: float
    highest_52_week_date: str
    lowest_52_week_price: float
    lowest_52_week_date: str
    timestamp: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        market = self.market

        trade_date = self.trade_date

        trade_time = self.trade_time

        trade_date_kst = self.trade_date_kst

        trade_time_kst = self.trade_time_kst

        trade_timestamp = self.trade_timestamp

        opening_price = self.opening_price

        high_price = self.high_price

        low_price = self.low_price

        trade_price = self.trade_price

        prev_closing_price = self.prev_closing_price

        change = self.change

        change_price = self.change_price

        change_rate = self.change_rate

        signed_change_price = self.signed_change_price

        signed_change_rate = self.signed_change_rate

        trade_volume = self.trade_volume

        acc_trade_price = self.acc_trade_price

        acc_trade_price_24h = self.acc_trade_price_24h

        acc_trade_volume = self.acc_trade_volume

        acc_trade_volume_24h = self.acc_trade_volume_24h

        highest_52_week_price = self.highest_52_week_price

        highest_52_week_date = self.highest_52_week_date

        lowest_52_week_price = self.lowest_52_week_price

        lowest_52_week_date = self.lowest_52_week_date

        timestamp = self.timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "market": market,
                "trade_date": trade_date,
                "trade_time": trade_time,
                "trade_date_kst": trade_date_kst,
                "trade_time_kst": trade_time_kst,
                "trade_timestamp": trade_timestamp,
                "opening_price": opening_price,
                "high_price": high_price,
                "low_price": low_price,
                "trade_price": trade_price,
                "prev_closing_price": prev_closing_price,
                "change": change,
                "change_price": change_price,
                "change_rate": change_rate,
                "signed_change_price": signed_change_price,
                "signed_change_rate": signed_change_rate,
                "trade_volume": trade_volume,
                "acc_trade_price": acc_trade_price,
                "acc_trade_price_24h": acc_trade_price_24h,
                "acc_trade_volume": acc_trade_volume,
                "acc_trade_volume_24h": acc_trade_volume_24h,
                "highest_52_week_price": highest_52_week_price,
                "highest_52_week_date": highest_52_week_date,
                "lowest_52_week_price": lowest_52_week_price,
                "lowest_52_week_date": lowest_52_week_date,
                "timestamp": timestamp,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        market = d.pop("market")

        trade_date = d.pop("trade_date")

        trade_time = d.pop("trade_time")

        trade_date_kst = d.pop("trade_date_kst")

        trade_time_kst = d.pop("trade_time_kst")

        trade_timestamp = d.pop("trade_timestamp")

        opening_price = d.pop("opening_price")

        high_price = d.pop("high_price")

        low_price = d.pop("low_price")

        trade_price = d.pop("trade_price")

        prev_closing_price = d.pop("prev_closing_price")

        change = d.pop("change")

        change_price = d.pop("change_price")

        change_rate = d.pop("change_rate")

        signed_change_price = d.pop("signed_change_price")

        signed_change_rate = d.pop("signed_change_rate")

        trade_volume = d.pop("trade_volume")

        acc_trade_price = d.pop("acc_trade_price")

        acc_trade_price_24h = d.pop("acc_trade_price_24h")

        acc_trade_volume = d.pop("acc_trade_volume")

        acc_trade_volume_24h = d.pop("acc_trade_volume_24h")

        highest_52_week_price = d.pop("highest_52_week_price")

        highest_52_week_date = d.pop("highest_52_week_date")

        lowest_52_week_price = d.pop("lowest_52_week_price")

        lowest_52_week_date = d.pop("lowest_52_week_date")

        timestamp = d.pop("timestamp")

        ticker = cls(
            market=market,
            trade_date=trade_date,
            trade_time=trade_time,
            trade_date_kst=trade_date_kst,
            trade_time_kst=trade_time_kst,
            trade_timestamp=trade_timestamp,
            opening_price=opening_price,
            high_price=high_price,
            low_price=low_price,
            trade_price=trade_price,
            prev_closing_price=prev_closing_price,
            change=change,
            change_price=change_price,
            change_rate=change_rate,
            signed_change_price=signed_change_price,
            signed_change_rate=signed_change_rate,
            trade_volume=trade_volume,
            acc_trade_price=acc_trade_price,
            acc_trade_price_24h=acc_trade_price_24h,
            acc_trade_volume=acc_trade_volume,
            acc_trade_volume_24h=acc_trade_volume_24h,
            highest_52_week_price=highest_52_week_price,
            highest_52_week_date=highest_52_week_date,
            lowest_52_week_price=lowest_52_week_price,
            lowest_52_week_date=lowest_52_week_date,
            timestamp=timestamp,
        )

        ticker.additional_properties = d
        return ticker

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
