from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ws_indicator_event_params import WsIndicatorEventParams
    from ..models.ws_indicator_params import WsIndicatorParams
    from ..models.ws_indicator_value import WsIndicatorValue


T = TypeVar("T", bound="WsIndicator")


@_attrs_define
class WsIndicator:
    """`indicator` or `indicator_signal` message (DEFAULT format, info endpoint): the value
    of one indicator of one pair on the candle starting at `candle_date_time_utc`.
    Indicator values are decimal strings. Realtime only.

        Attributes:
            type_ (str): `indicator` or `indicator_signal`.
            code (str): Pair code, e.g. KRW-BTC.
            indicator (str): Known values: rsi, macd, bollinger_bands, moving_average, ma_crossover, volume.
            params (WsIndicatorParams): Parameters of an indicator; which keys apply depends on the indicator.
            timeframe (str): Known values: 5m, 15m, 60m, 240m, 1d.
            value (WsIndicatorValue): Values of an indicator, decimal strings; which keys appear depends on the indicator.
            candle_date_time_utc (str): Candle start, UTC, `yyyy-MM-dd'T'HH:mm:ss`.
            timestamp (int): Message time (ms since epoch).
            stream_type (str): Known values: REALTIME.
            trigger (str | Unset): `indicator_signal` only: the trigger that fired.
            event_params (WsIndicatorEventParams | Unset): Condition of an `indicator_signal` trigger (empty for triggers
                without one).
    """

    type_: str
    code: str
    indicator: str
    params: WsIndicatorParams
    timeframe: str
    value: WsIndicatorValue
    candle_date_time_utc: str
    timestamp: int
    stream_type: str
    trigger: str | Unset = UNSET
    event_params: WsIndicatorEventParams | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        code = self.code

        indicator = self.indicator

        params = self.params.to_dict()

        timeframe = self.timeframe

        value = self.value.to_dict()

        candle_date_time_utc = self.candle_date_time_utc

        timestamp = self.timestamp

        stream_type = self.stream_type

        trigger = self.trigger

        event_params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.event_params, Unset):
            event_params = self.event_params.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "code": code,
                "indicator": indicator,
                "params": params,
                "timeframe": timeframe,
                "value": value,
                "candle_date_time_utc": candle_date_time_utc,
                "timestamp": timestamp,
                "stream_type": stream_type,
            }
        )
        if trigger is not UNSET:
            field_dict["trigger"] = trigger
        if event_params is not UNSET:
            field_dict["event_params"] = event_params

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ws_indicator_event_params import WsIndicatorEventParams
        from ..models.ws_indicator_params import WsIndicatorParams
        from ..models.ws_indicator_value import WsIndicatorValue

        d = dict(src_dict)
        type_ = d.pop("type")

        code = d.pop("code")

        indicator = d.pop("indicator")

        params = WsIndicatorParams.from_dict(d.pop("params"))

        timeframe = d.pop("timeframe")

        value = WsIndicatorValue.from_dict(d.pop("value"))

        candle_date_time_utc = d.pop("candle_date_time_utc")

        timestamp = d.pop("timestamp")

        stream_type = d.pop("stream_type")

        trigger = d.pop("trigger", UNSET)

        _event_params = d.pop("event_params", UNSET)
        event_params: WsIndicatorEventParams | Unset
        if isinstance(_event_params, Unset):
            event_params = UNSET
        else:
            event_params = WsIndicatorEventParams.from_dict(_event_params)

        ws_indicator = cls(
            type_=type_,
            code=code,
            indicator=indicator,
            params=params,
            timeframe=timeframe,
            value=value,
            candle_date_time_utc=candle_date_time_utc,
            timestamp=timestamp,
            stream_type=stream_type,
            trigger=trigger,
            event_params=event_params,
        )

        ws_indicator.additional_properties = d
        return ws_indicator

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
