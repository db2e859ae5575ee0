from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Trade")


@_attrs_define
class Trade:
    """One executed trade of a market (recent trades history).

    Attributes:
        market (str): Market code, e.g. `KRW-BTC`.
        trade_date_utc (str): Trade date in UTC, `yyyy-MM-dd`.
        trade_time_utc (str): Trade time in UTC, `HH:mm:ss`.
        timestamp (int): Trade time, Unix epoch milliseconds.
        trade_price (float): Trade price.
        trade_volume (float): Trade volume in the base asset.
        prev_closing_price (float): Closing price of the previous day (UTC 0h basis).
        change_price (float): Signed change, `trade_price - prev_closing_price`.
        ask_bid (str): Taker side. Known values: `ASK` (sell), `BID` (buy).
        sequential_id (int): Unique trade id (values exceed 2^53: parse as an integer, never via a double).
            Pass it as `cursor` to page backwards. Unique, but not guaranteed to be ordered.
    """

    market: str
    trade_date_utc: str
    trade_time_utc: str
    timestamp: int
    trade_price: float
    trade_volume: float
    prev_closing_price: float
    change_price: float
    ask_bid: str
    sequential_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        market = self.market

        trade_date_utc = self.trade_date_utc

        trade_time_utc = self.trade_time_utc

        timestamp = self.timestamp

        trade_price = self.trade_price

        trade_volume = self.trade_volume

        prev_closing_price = self.prev_closing_price

        change_price = self.change_price

        ask_bid = self.ask_bid

        sequential_id = self.sequential_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "market": market,
                "trade_date_utc": trade_date_utc,
                "trade_time_utc": trade_time_utc,
                "timestamp": timestamp,
                "trade_price": trade_price,
                "trade_volume": trade_volume,
                "prev_closing_price": prev_closing_price,
                "change_price": change_price,
                "ask_bid": ask_bid,
                "sequential_id": sequential_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        market = d.pop("market")

        trade_date_utc = d.pop("trade_date_utc")

        trade_time_utc = d.pop("trade_time_utc")

        timestamp = d.pop("timestamp")

        trade_price = d.pop("trade_price")

        trade_volume = d.pop("trade_volume")

        prev_closing_price = d.pop("prev_closing_price")

        change_price = d.pop("change_price")

        ask_bid = d.pop("ask_bid")

        sequential_id = d.pop("sequential_id")

        trade = cls(
            market=market,
            trade_date_utc=trade_date_utc,
            trade_time_utc=trade_time_utc,
            timestamp=timestamp,
            trade_price=trade_price,
            trade_volume=trade_volume,
            prev_closing_price=prev_closing_price,
            change_price=change_price,
            ask_bid=ask_bid,
            sequential_id=sequential_id,
        )

        trade.additional_properties = d
        return trade

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
