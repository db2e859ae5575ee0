from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsTicker")


@_attrs_define
class WsTicker:
    """`ticker` message (DEFAULT format): current price and 24h/daily statistics of one pair.
    Quotation numbers are JSON numbers.

        Attributes:
            type_ (str): Always `ticker`.
            code (str): Pair code, e.g. KRW-BTC.
            opening_price (float): Opening price (day starts 00:00 UTC).
            high_price (float): High price.
            low_price (float): Low price.
            trade_price (float): Current (last trade) price.
            timestamp (int): Message time (ms since epoch).
            stream_type (str): Known values: SNAPSHOT, REALTIME.
            prev_closing_price (float | Unset): Previous day's closing price.
            change (str | Unset): Direction versus the previous close. Known values: RISE, EVEN, FALL.
            change_price (float | Unset): Absolute price change versus the previous close.
            signed_change_price (float | Unset): Signed price change versus the previous close.
            change_rate (float | Unset): Absolute change rate versus the previous close.
            signed_change_rate (float | Unset): Signed change rate versus the previous close.
            trade_volume (float | Unset): Volume of the last trade.
            acc_trade_volume (float | Unset): Accumulated volume since 00:00 UTC.
            acc_trade_volume_24h (float | Unset): Accumulated volume over the last 24 hours.
            acc_trade_price (float | Unset): Accumulated traded value since 00:00 UTC.
            acc_trade_price_24h (float | Unset): Accumulated traded value over the last 24 hours.
            trade_date (str | Unset): Last trade date, UTC, `yyyyMMdd`.
            trade_time (str | Unset): Last trade time, UTC, `HHmmss`.
            trade_timestamp (int | Unset): Last trade time (ms since epoch).
            ask_bid (str | Unset): Side of the last trade. Known values: ASK (sell), BID (buy).
            acc_ask_volume (float | Unset): Accumulated sell volume.
            acc_bid_volume (float | Unset): Accumulated buy volume.
            highest_52_week_price (float | Unset): 52-week high.
            highest_52_week_date (str | Unset): Date of the 52-week high, `yyyy-MM-dd`.
            lowest_52_week_price (float | Unset): 52-week low.
            lowest_52_week_date (str | Unset): Date of the 52-week low, `yyyy-MM-dd`.
            market_state (str | Unset): Trading state. Known values: PREVIEW, ACTIVE, DELISTED.
            is_trading_suspended (bool | Unset): Deprecated by Upbit; do not rely on it.
            delisting_date (None | str | Unset): Delisting date (`yyyy-MM-dd`), null when none is scheduled.
            market_warning (str | Unset): Deprecated by Upbit. Known values: NONE, CAUTION.
    """

    type_: str
    code: str
    opening_price: float
    high_price: float
    low_price: float
    trade_price: float
    timestamp: int
    stream_type: str
    prev_closing_price: float | Unset = UNSET
    change: str | Unset = UNSET
    change_price: float | Unset = UNSET
    signed_change_price: float | Unset = UNSET
    change_rate: float | Unset = UNSET
    signed_change_rate: float | Unset = UNSET
    trade_volume: float | Unset = UNSET
    acc_trade_volume: float | Unset = UNSET
    acc_trade_volume_24h: float | Unset = UNSET
    acc_trade_price: float | Unset = UNSET
    acc_trade_price_24h: float | Unset = UNSET
    trade_date: str | Unset = UNSET
    trade_time: str | Unset = UNSET
    trade_timestamp: int | Unset = UNSET
    ask_bid: str | Unset = UNSET
    acc_ask_volume: float | Unset = UNSET
    acc_bid_volume: float | Unset = UNSET
    highest_52_week_price: float | Unset = UNSET
    highest_52_week_date: str | Unset = UNSET
    lowest_52_week_price: float | Unset = UNSET
    lowest_52_week_date: str | Unset = UNSET
    market_state: str | Unset = UNSET
    is_trading_suspended: bool | Unset = UNSET
    delisting_date: None | str | Unset = UNSET
    market_warning: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        code = self.code

        opening_price = self.opening_price

        high_price = self.high_price

        low_price = self.low_price

        trade_price = self.trade_price

        timestamp = self.timestamp

        stream_type = self.stream_type

        prev_closing_price = self.prev_closing_price

        change = self.change

        change_price = self.change_price

        signed_change_price = self.signed_change_price

        change_rate = self.change_rate

        signed_change_rate = self.signed_change_rate

        trade_volume = self.trade_volume

        acc_trade_volume = self.acc_trade_volume

        acc_trade_volume_24h = self.acc_trade_volume_24h

        acc_trade_price = self.acc_trade_price

        acc_trade_price_24h = self.acc_trade_price_24h

        trade_date = self.trade_date

        trade_time = self.trade_time

        trade_timestamp = self.trade_timestamp

        ask_bid = self.ask_bid

        acc_ask_volume = self.acc_ask_volume

        acc_bid_volume = self.acc_bid_volume

        highest_52_week_price = self.highest_52_week_price

        highest_52_week_date = self.highest_52_week_date

        lowest_52_week_price = self.lowest_52_week_price

        lowest_52_week_date = self.lowest_52_week_date

        market_state = self.market_state

        is_trading_suspended = self.is_trading_suspended

        delisting_date: None | str | Unset
        if isinstance(self.delisting_date, Unset):
            delisting_date = UNSET
        else:
            delisting_date = self.delisting_date

        market_warning = self.market_warning

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "code": code,
                "opening_price": opening_price,
                "high_price": high_price,
                "low_price": low_price,
                "trade_price": trade_price,
                "timestamp": timestamp,
                "stream_type": stream_type,
            }
        )
        if prev_closing_price is not UNSET:
            field_dict["prev_closing_price"] = prev_closing_price
        if change is not UNSET:
            field_dict["change"] = change
        if change_price is not UNSET:
            field_dict["change_price"] = change_price
        if signed_change_price is not UNSET:
            field_dict["signed_change_price"] = signed_change_price
        if change_rate is not UNSET:
            field_dict["change_rate"] = change_rate
        if signed_change_rate is not UNSET:
            field_dict["signed_change_rate"] = signed_change_rate
        if trade_volume is not UNSET:
            field_dict["trade_volume"] = trade_volume
        if acc_trade_volume is not UNSET:
            field_dict["acc_trade_volume"] = acc_trade_volume
        if acc_trade_volume_24h is not UNSET:
            field_dict["acc_trade_volume_24h"] = acc_trade_volume_24h
        if acc_trade_price is not UNSET:
            field_dict["acc_trade_price"] = acc_trade_price
        if acc_trade_price_24h is not UNSET:
            field_dict["acc_trade_price_24h"] = acc_trade_price_24h
        if trade_date is not UNSET:
            field_dict["trade_date"] = trade_date
        if trade_time is not UNSET:
            field_dict["trade_time"] = trade_time
        if trade_timestamp is not UNSET:
            field_dict["trade_timestamp"] = trade_timestamp
        if ask_bid is not UNSET:
            field_dict["ask_bid"] = ask_bid
        if acc_ask_volume is not UNSET:
            field_dict["acc_ask_volume"] = acc_ask_volume
        if acc_bid_volume is not UNSET:
            field_dict["acc_bid_volume"] = acc_bid_volume
        if highest_52_week_price is not UNSET:
            field_dict["highest_52_week_price"] = highest_52_week_price
        if highest_52_week_date is not UNSET:
            field_dict["highest_52_week_date"] = highest_52_week_date
        if lowest_52_week_price is not UNSET:
            field_dict["lowest_52_week_price"] = lowest_52_week_price
        if lowest_52_week_date is not UNSET:
            field_dict["lowest_52_week_date"] = lowest_52_week_date
        if market_state is not UNSET:
            field_dict["market_state"] = market_state
        if is_trading_suspended is not UNSET:
            field_dict["is_trading_suspended"] = is_trading_suspended
        if delisting_date is not UNSET:
            field_dict["delisting_date"] = delisting_date
        if market_warning is not UNSET:
            field_dict["market_warning"] = market_warning

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type")

        code = d.pop("code")

        opening_price = d.pop("opening_price")

        high_price = d.pop("high_price")

        low_price = d.pop("low_price")

        trade_price = d.pop("trade_price")

        timestamp = d.pop("timestamp")

        stream_type = d.pop("stream_type")

        prev_closing_price = d.pop("prev_closing_price", UNSET)

        change = d.pop("change", UNSET)

        change_price = d.pop("change_price", UNSET)

        signed_change_price = d.pop("signed_change_price", UNSET)

        change_rate = d.pop("change_rate", UNSET)

        signed_change_rate = d.pop("signed_change_rate", UNSET)

        trade_volume = d.pop("trade_volume", UNSET)

        acc_trade_volume = d.pop("acc_trade_volume", UNSET)

        acc_trade_volume_24h = d.pop("acc_trade_volume_24h", UNSET)

        acc_trade_price = d.pop("acc_trade_price", UNSET)

        acc_trade_price_24h = d.pop("acc_trade_price_24h", UNSET)

        trade_date = d.pop("trade_date", UNSET)

        trade_time = d.pop("trade_time", UNSET)

        trade_timestamp = d.pop("trade_timestamp", UNSET)

        ask_bid = d.pop("ask_bid", UNSET)

        acc_ask_volume = d.pop("acc_ask_volume", UNSET)

        acc_bid_volume = d.pop("acc_bid_volume", UNSET)

        highest_52_week_price = d.pop("highest_52_week_price", UNSET)

        highest_52_week_date = d.pop("highest_52_week_date", UNSET)

        lowest_52_week_price = d.pop("lowest_52_week_price", UNSET)

        lowest_52_week_date = d.pop("lowest_52_week_date", UNSET)

        market_state = d.pop("market_state", UNSET)

        is_trading_suspended = d.pop("is_trading_suspended", UNSET)

        def _parse_delisting_date(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        delisting_date = _parse_delisting_date(d.pop("delisting_date", UNSET))

        market_warning = d.pop("market_warning", UNSET)

        ws_ticker = cls(
            type_=type_,
            code=code,
            opening_price=opening_price,
            high_price=high_price,
            low_price=low_price,
            trade_price=trade_price,
            timestamp=timestamp,
            stream_type=stream_type,
            prev_closing_price=prev_closing_price,
            change=change,
            change_price=change_price,
            signed_change_price=signed_change_price,
            change_rate=change_rate,
            signed_change_rate=signed_change_rate,
            trade_volume=trade_volume,
            acc_trade_volume=acc_trade_volume,
            acc_trade_volume_24h=acc_trade_volume_24h,
            acc_trade_price=acc_trade_price,
            acc_trade_price_24h=acc_trade_price_24h,
            trade_date=trade_date,
            trade_time=trade_time,
            trade_timestamp=trade_timestamp,
            ask_bid=ask_bid,
            acc_ask_volume=acc_ask_volume,
            acc_bid_volume=acc_bid_volume,
            highest_52_week_price=highest_52_week_price,
            highest_52_week_date=highest_52_week_date,
            lowest_52_week_price=lowest_52_week_price,
            lowest_52_week_date=lowest_52_week_date,
            market_state=market_state,
            is_trading_suspended=is_trading_suspended,
            delisting_date=delisting_date,
            market_warning=market_warning,
        )

        ws_ticker.additional_properties = d
        return ws_ticker

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
