from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ws_indicator_event_params import WsIndicatorEventParams
    from ..models.ws_indicator_params import WsIndicatorParams


T = TypeVar("T", bound="WsIndicatorDefinition")


@_attrs_define
class WsIndicatorDefinition:
    """One indicator of a `WsIndicatorDataType` request.

    Attributes:
        type_ (str): Known values: `rsi`, `macd`, `bollinger_bands`, `moving_average`, `ma_crossover`, `volume`.
        params (WsIndicatorParams): Parameters of an indicator; which keys apply depends on the indicator.
        trigger (str | Unset): `indicator_signal` only. Known values: rsi `overbought`, `oversold`; macd
            `golden_cross`, `dead_cross`, `zero_cross_above`, `zero_cross_below`;
            ma_crossover `golden_cross`, `dead_cross`; moving_average and bollinger_bands
            `price_cross_above`, `price_cross_below`; volume `volume_spike`.
        event_params (WsIndicatorEventParams | Unset): Condition of an `indicator_signal` trigger (empty for triggers
            without one).
    """

    type_: str
    params: WsIndicatorParams
    trigger: str | Unset = UNSET
    event_params: WsIndicatorEventParams | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        params = self.params.to_dict()

        trigger = self.trigger

        event_params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.event_params, Unset):
            event_params = self.event_params.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "params": params,
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

        d = dict(src_dict)
        type_ = d.pop("type")

        params = WsIndicatorParams.from_dict(d.pop("params"))

        trigger = d.pop("trigger", UNSET)

        _event_params = d.pop("event_params", UNSET)
        event_params: WsIndicatorEventParams | Unset
        if isinstance(_event_params, Unset):
            event_params = UNSET
        else:
            event_params = WsIndicatorEventParams.from_dict(_event_params)

        ws_indicator_definition = cls(
            type_=type_,
            params=params,
            trigger=trigger,
            event_params=event_params,
        )

        return ws_indicator_definition
