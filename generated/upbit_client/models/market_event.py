from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.market_event_caution import MarketEventCaution


T = TypeVar("T", bound="MarketEvent")


@_attrs_define
class MarketEvent:
    """Warning and caution flags of a market; present only when `is_details=true`.

    Attributes:
        warning (bool): True when the market is designated for investment warning (유의 종목).
        caution (MarketEventCaution): Investment-caution (주의 종목) flags by reason; true when the reason applies.
            Upbit may add reasons, so unknown keys are kept.
    """

    warning: bool
    caution: MarketEventCaution
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        warning = self.warning

        caution = self.caution.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "warning": warning,
                "caution": caution,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.market_event_caution import MarketEventCaution

        d = dict(src_dict)
        warning = d.pop("warning")

        caution = MarketEventCaution.from_dict(d.pop("caution"))

        market_event = cls(
            warning=warning,
            caution=caution,
        )

        market_event.additional_properties = d
        return market_event

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
