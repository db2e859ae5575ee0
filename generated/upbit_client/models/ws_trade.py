from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsTrade")


@_attrs_define
class WsTrade:
    """`trade` message (DEFAULT format): one executed trade of a pair.

    Attributes:
        type_ (str): Always `trade`.
        code (str): Pair code, e.g. KRW-BTC.
        trade_price (float): Trade price.
        trade_volume (float): Trade volume.
        ask_bid (str): Taker side. Known values: ASK (sell), BID (buy).
        trade_timestamp (int): Trade time (ms since epoch).
        timestamp (int): Message time (ms since epoch).
        sequential_id (int): Unique trade number, for de-duplication. Exceeds 2^53: parse as an integer,
            never through a double.
        stream_type (str): Known values: SNAPSHOT, REALTIME.
        prev_closing_price (float | Unset): Previous day's closing price.
        change (str | Unset): Direction versus the previous close. Known values: RISE, EVEN, FALL.
        change_price (float | Unset): Absolute price change versus the previous close.
        trade_date (str | Unset): Trade date, UTC, `yyyy-MM-dd`.
        trade_time (str | Unset): Trade time, UTC, `HH:mm:ss`.
        best_ask_price (float | Unset): Best ask price at the time of the trade.
        best_ask_size (float | Unset): Best ask size at the time of the trade.
        best_bid_price (float | Unset): Best bid price at the time of the trade.
        best_bid_size (float | Unset): Best bid size at the time of the trade.
    """

    type_: str
    code: str
    trade_price: float
    trade_volume: float
    ask_bid: str
    trade_timestamp: int
    timestamp: int
    sequential_id: int
    stream_type: str
    prev_closing_price: float | Unset = UNSET
    change: str | Unset = UNSET
    change_price: float | Unset = UNSET
    trade_date: str | Unset = UNSET
    trade_time: str | Unset = UNSET
    best_ask_price: float | Unset = UNSET
    best_ask_size: float | Unset = UNSET
    best_bid_price: float | Unset = UNSET
    best_bid_size: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        code = self.code

        trade_price = self.trade_price

        trade_volume = self.trade_volume

        ask_bid = self.ask_bid

        trade_timestamp = self.trade_timestamp

        timestamp = self.timestamp

        sequential_id = self.sequential_id

        stream_type = self.stream_type

        prev_closing_price = self.prev_closing_price

        change = self.change

        change_price = self.change_price

        trade_date = self.trade_date

        trade_time = self.trade_time

        best_ask_price = self.best_ask_price

        best_ask_size = self.best_ask_size

        best_bid_price = self.best_bid_price

        best_bid_size = self.best_bid_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "code": code,
                "trade_price": trade_price,
                "trade_volume": trade_volume,
                "ask_bid": ask_bid,
                "trade_timestamp": trade_timestamp,
                "timestamp": timestamp,
                "sequential_id": sequential_id,
                "stream_type": stream_type,
            }
        )
        if prev_closing_price is not UNSET:
            field_dict["prev_closing_price"] = prev_closing_price
        if change is not UNSET:
            field_dict["change"] = change
        if change_price is not UNSET:
            field_dict["change_price"] = change_price
        if trade_date is not UNSET:
            field_dict["trade_date"] = trade_date
        if trade_time is not UNSET:
            field_dict["trade_time"] = trade_time
        if best_ask_price is not UNSET:
            field_dict["best_ask_price"] = best_ask_price
        if best_ask_size is not UNSET:
            field_dict["best_ask_size"] = best_ask_size
        if best_bid_price is not UNSET:
            field_dict["best_bid_price"] = best_bid_price
        if best_bid_size is not UNSET:
            field_dict["best_bid_size"] = best_bid_size

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type")

        code = d.pop("code")

        trade_price = d.pop("trade_price")

        trade_volume = d.pop("trade_volume")

        ask_bid = d.pop("ask_bid")

        trade_timestamp = d.pop("trade_timestamp")

        timestamp = d.pop("timestamp")

        sequential_id = d.pop("sequential_id")

        stream_type = d.pop("stream_type")

        prev_closing_price = d.pop("prev_closing_price", UNSET)

        change = d.pop("change", UNSET)

        change_price = d.pop("change_price", UNSET)

        trade_date = d.pop("trade_date", UNSET)

        trade_time = d.pop("trade_time", UNSET)

        best_ask_price = d.pop("best_ask_price", UNSET)

        best_ask_size = d.pop("best_ask_size", UNSET)

        best_bid_price = d.pop("best_bid_price", UNSET)

        best_bid_size = d.pop("best_bid_size", UNSET)

        ws_trade = cls(
            type_=type_,
            code=code,
            trade_price=trade_price,
            trade_volume=trade_volume,
            ask_bid=ask_bid,
            trade_timestamp=trade_timestamp,
            timestamp=timestamp,
            sequential_id=sequential_id,
            stream_type=stream_type,
            prev_closing_price=prev_closing_price,
            change=change,
            change_price=change_price,
            trade_date=trade_date,
            trade_time=trade_time,
            best_ask_price=best_ask_price,
            best_ask_size=best_ask_size,
            best_bid_price=best_bid_price,
            best_bid_size=best_bid_size,
        )

        ws_trade.additional_properties = d
        return ws_trade

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
