from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.market_event import MarketEvent


T = TypeVar("T", bound="TradingPair")


@_attrs_define
class TradingPair:
    """One tradable market (pair) listed by GET /v1/market/all.

    Attributes:
        market (str): Market code `{QUOTE}-{BASE}`, e.g. `KRW-BTC`, `BTC-ETH`, `USDT-XRP`.
        korean_name (str): Korean name of the base asset, e.g. `비트코인`.
        english_name (str): English name of the base asset, e.g. `Bitcoin`.
        market_event (MarketEvent | Unset): Warning and caution flags of a market; present only when `is_details=true`.
        market_warning (str | Unset): Legacy investment-warning flag, replaced by `market_event.warning` (2024-11-20);
            may be absent. Known values: `NONE`, `CAUTION`.
    """

    market: str
    korean_name: str
    english_name: str
    market_event: MarketEvent | Unset = UNSET
    market_warning: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        market = self.market

        korean_name = self.korean_name

        english_name = self.english_name

        market_event: dict[str, Any] | Unset = UNSET
        if not isinstance(self.market_event, Unset):
            market_event = self.market_event.to_dict()

        market_warning = self.market_warning

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "market": market,
                "korean_name": korean_name,
                "english_name": english_name,
            }
        )
        if market_event is not UNSET:
            field_dict["market_event"] = market_event
        if market_warning is not UNSET:
            field_dict["market_warning"] = market_warning

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.market_event import MarketEvent

        d = dict(src_dict)
        market = d.pop("market")

        korean_name = d.pop("korean_name")

        english_name = d.pop("english_name")

        _market_event = d.pop("market_event", UNSET)
        market_event: MarketEvent | Unset
        if isinstance(_market_event, Unset):
            market_event = UNSET
        else:
            market_event = MarketEvent.from_dict(_market_event)

        market_warning = d.pop("market_warning", UNSET)

        trading_pair = cls(
            market=market,
            korean_name=korean_name,
            english_name=english_name,
            market_event=market_event,
            market_warning=market_warning,
        )

        trading_pair.additional_properties = d
        return trading_pair

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
