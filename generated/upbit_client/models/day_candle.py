from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DayCandle")


@_attrs_define
class DayCandle:
    """One daily candle (the day starts at 00:00 UTC, 09:00 KST).

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
        prev_closing_price (float): Closing price of the previous day (UTC 0h basis).
        change_price (float): Signed change, `trade_price - prev_closing_price`.
        change_rate (float): Signed change rate against `prev_closing_price` (0.01 = 1%).
        converted_trade_price (float | None | Unset): Closing price converted to the currency given in
            `converting_price_unit`
            (KRW); present only when that parameter was sent, and null where no conversion
            applies (Upbit's SDK 1.1.0: "Null for non-digital asset markets"). The SDK types
            it as a string; the docs and every other quotation price are JSON numbers, and
            no recording shows a string, so it is a number here.
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
    prev_closing_price: float
    change_price: float
    change_rate: float
    converted_trade_price: float | None | Unset = UNSET
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

        prev_closing_price = self.prev_closing_price

        change_price = self.change_price

        change_rate = self.change_rate

        converted_trade_price: float | None | Unset
        if isinstance(self.converted_trade_price, Unset):
            converted_trade_price = UNSET
        else:
            converted_trade_price = self.converted_trade_price

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
                "prev_closing_price": prev_closing_price,
                "change_price": change_price,
                "change_rate": change_rate,
            }
        )
        if converted_trade_price is not UNSET:
            field_dict["converted_trade_price"] = converted_trade_price

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

        prev_closing_price = d.pop("prev_closing_price")

        change_price = d.pop("change_price")

        change_rate = d.pop("change_rate")

        def _parse_converted_trade_price(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        converted_trade_price = _parse_converted_trade_price(
            d.pop("converted_trade_price", UNSET)
        )

        day_candle = cls(
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
            prev_closing_price=prev_closing_price,
            change_price=change_price,
            change_rate=change_rate,
            converted_trade_price=converted_trade_price,
        )

        day_candle.additional_properties = d
        return day_candle

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
