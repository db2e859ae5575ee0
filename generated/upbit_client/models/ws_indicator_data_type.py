from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.ws_indicator_definition import WsIndicatorDefinition


T = TypeVar("T", bound="WsIndicatorDataType")


@_attrs_define
class WsIndicatorDataType:
    """Data type object of the info endpoint (`/websocket/v1/info`, JWT in the handshake):
    technical indicators of KRW pairs computed by Upbit on candles of `timeframe`.
    `indicator` streams the values; `indicator_signal` streams only the moments a
    `trigger` fires. Allowed periods per indicator (Upbit's SDK 1.1.0): rsi 2–14, 21, 25;
    moving_average 3, 5, 7, 10, 15, 20, 25, 30, 50, 60, 90, 99, 100, 120, 200;
    ma_crossover short/long 5/20, 20/60, 30/90, 50/200; bollinger_bands 10, 20, 50;
    macd fast/slow/signal 12/26/9, 8/17/9, 5/35/5; volume 5–50 in steps of 5.

        Attributes:
            type_ (str): Known values: `indicator`, `indicator_signal`.
            codes (list[str]): KRW pair codes, UPPERCASE (e.g. `KRW-BTC`).
            timeframe (str): Candle timeframe. Known values: `5m`, `15m`, `60m`, `240m`, `1d`.
            indicators (list[WsIndicatorDefinition]): The indicators to compute, each with its parameters.
    """

    type_: str
    codes: list[str]
    timeframe: str
    indicators: list[WsIndicatorDefinition]

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        codes = self.codes

        timeframe = self.timeframe

        indicators = []
        for indicators_item_data in self.indicators:
            indicators_item = indicators_item_data.to_dict()
            indicators.append(indicators_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "codes": codes,
                "timeframe": timeframe,
                "indicators": indicators,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ws_indicator_definition import WsIndicatorDefinition

        d = dict(src_dict)
        type_ = d.pop("type")

        codes = cast(list[str], d.pop("codes"))

        timeframe = d.pop("timeframe")

        indicators = []
        _indicators = d.pop("indicators")
        for indicators_item_data in _indicators:
            indicators_item = WsIndicatorDefinition.from_dict(indicators_item_data)

            indicators.append(indicators_item)

        ws_indicator_data_type = cls(
            type_=type_,
            codes=codes,
            timeframe=timeframe,
            indicators=indicators,
        )

        return ws_indicator_data_type
