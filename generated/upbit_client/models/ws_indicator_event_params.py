from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsIndicatorEventParams")


@_attrs_define
class WsIndicatorEventParams:
    """Condition of an `indicator_signal` trigger (empty for triggers without one).

    Attributes:
        threshold (int | Unset): rsi overbought (70, 80) / oversold (20, 30) threshold.
        multiplier (int | Unset): volume_spike: volume over its average (2, 3, 5).
    """

    threshold: int | Unset = UNSET
    multiplier: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        threshold = self.threshold

        multiplier = self.multiplier

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if threshold is not UNSET:
            field_dict["threshold"] = threshold
        if multiplier is not UNSET:
            field_dict["multiplier"] = multiplier

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        threshold = d.pop("threshold", UNSET)

        multiplier = d.pop("multiplier", UNSET)

        ws_indicator_event_params = cls(
            threshold=threshold,
            multiplier=multiplier,
        )

        ws_indicator_event_params.additional_properties = d
        return ws_indicator_event_params

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
