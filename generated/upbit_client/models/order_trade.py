from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OrderTrade")


@_attrs_define
class OrderTrade:
    """One fill of an order (item of `trades` in GET /v1/order).

    Attributes:
        market (str): Trading pair code, e.g. `KRW-BTC`.
        uuid (str): Fill (trade) UUID.
        price (str): Fill price.
        volume (str): Filled volume.
        funds (str): Fill amount in the quote currency (price × volume).
        trend (str): Price direction of the fill. Known values: `up` (taken by a buy), `down` (taken by a sell).
        created_at (str): Fill time in KST, ISO 8601 with offset; may carry fractional seconds (e.g.
            `2025-08-09T16:44:00.597751+09:00`).
        side (str): Side of this order in the fill. Known values: `bid`, `ask`.
    """

    market: str
    uuid: str
    price: str
    volume: str
    funds: str
    trend: str
    created_at: str
    side: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        market = self.market

        uuid = self.uuid

        price = self.price

        volume = self.volume

        funds = self.funds

        trend = self.trend

        created_at = self.created_at

        side = self.side

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "market": market,
                "uuid": uuid,
                "price": price,
                "volume": volume,
                "funds": funds,
                "trend": trend,
                "created_at": created_at,
                "side": side,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        market = d.pop("market")

        uuid = d.pop("uuid")

        price = d.pop("price")

        volume = d.pop("volume")

        funds = d.pop("funds")

        trend = d.pop("trend")

        created_at = d.pop("created_at")

        side = d.pop("side")

        order_trade = cls(
            market=market,
            uuid=uuid,
            price=price,
            volume=volume,
            funds=funds,
            trend=trend,
            created_at=created_at,
            side=side,
        )

        order_trade.additional_properties = d
        return order_trade

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
