from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsCandle")


@_attrs_define
class WsCandle:
    """`candle.*` message (DEFAULT format). Pushed at most once a second and only when the
    candle changed; the same `candle_date_time_utc` can arrive several times — the last wins.

        Attributes:
            type_ (str): Candle type. Known values: candle.1s, candle.1m, candle.3m, candle.5m, candle.10m,
                candle.15m, candle.30m, candle.60m, candle.240m.
            code (str): Pair code, e.g. KRW-BTC.
            candle_date_time_utc (str): Candle start, UTC, `yyyy-MM-dd'T'HH:mm:ss`.
            candle_date_time_kst (str): Candle start, KST, `yyyy-MM-dd'T'HH:mm:ss`.
            opening_price (float): Opening price.
            high_price (float): High price.
            low_price (float): Low price.
            trade_price (float): Closing (latest) price.
            timestamp (int): Message time (ms since epoch).
            stream_type (str): Known values: SNAPSHOT, REALTIME.
            candle_acc_trade_volume (float | Unset): Accumulated volume of the candle.
            candle_acc_trade_price (float | Unset): Accumulated traded value of the candle.
    """

    type_: str
    code: str
    candle_date_time_utc: str
    candle_date_time_kst: str
    opening_price: float
    high_price: float
    low_price: float
    trade_price: float
    timestamp: int
    stream_type: str
    candle_acc_trade_volume: float | Unset = UNSET
    candle_acc_trade_price: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        code = self.code

        candle_date_time_utc = self.candle_date_time_utc

        candle_date_time_kst = self.candle_date_time_kst

        opening_price = self.opening_price

        high_price = self.high_price

        low_price = self.low_price

        trade_price = self.trade_price

        timestamp = self.timestamp

        stream_type = self.stream_type

        candle_acc_trade_volume = self.candle_acc_trade_volume

        candle_acc_trade_price = self.candle_acc_trade_price

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "code": code,
                "candle_date_time_utc": candle_date_time_utc,
                "candle_date_time_kst": candle_date_time_kst,
                "opening_price": opening_price,
                "high_price": high_price,
                "low_price": low_price,
                "trade_price": trade_price,
                "timestamp": timestamp,
                "stream_type": stream_type,
            }
        )
        if candle_acc_trade_volume is not UNSET:
            field_dict["candle_acc_trade_volume"] = candle_acc_trade_volume
        if candle_acc_trade_price is not UNSET:
            field_dict["candle_acc_trade_price"] = candle_acc_trade_price

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type")

        code = d.pop("code")

        candle_date_time_utc = d.pop("candle_date_time_utc")

        candle_date_time_kst = d.pop("candle_date_time_kst")

        opening_price = d.pop("opening_price")

        high_price = d.pop("high_price")

        low_price = d.pop("low_price")

        trade_price = d.pop("trade_price")

        timestamp = d.pop("timestamp")

        stream_type = d.pop("stream_type")

        candle_acc_trade_volume = d.pop("candle_acc_trade_volume", UNSET)

        candle_acc_trade_price = d.pop("candle_acc_trade_price", UNSET)

        ws_candle = cls(
            type_=type_,
            code=code,
            candle_date_time_utc=candle_date_time_utc,
            candle_date_time_kst=candle_date_time_kst,
            opening_price=opening_price,
            high_price=high_price,
            low_price=low_price,
            trade_price=trade_price,
            timestamp=timestamp,
            stream_type=stream_type,
            candle_acc_trade_volume=candle_acc_trade_volume,
            candle_acc_trade_price=candle_acc_trade_price,
        )

        ws_candle.additional_properties = d
        return ws_candle

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
