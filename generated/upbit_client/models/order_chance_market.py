from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.order_chance_currency import OrderChanceCurrency


T = TypeVar("T", bound="OrderChanceMarket")


@_attrs_define
class OrderChanceMarket:
    """Ordering rules of one pair (part of OrderChance).

    Attributes:
        id (str): Trading pair code, e.g. `KRW-BTC`.
        name (str): Display name, base/quote, e.g. `BTC/KRW`.
        order_sides (list[str]): Supported sides. Known values: `ask`, `bid`.
        bid_types (list[str]): Order types accepted for buys. Known values: `limit`, `limit_ioc`, `limit_fok`,
            `price`, `best_ioc`, `best_fok` (whether `limit_post_only` appears is unconfirmed).
        ask_types (list[str]): Order types accepted for sells. Known values: `limit`, `limit_ioc`, `limit_fok`,
            `market`, `best_ioc`, `best_fok`.
        bid (OrderChanceCurrency): Currency and minimum order amount of one side of a pair (`bid` = quote side, `ask` =
            base side).
        ask (OrderChanceCurrency): Currency and minimum order amount of one side of a pair (`bid` = quote side, `ask` =
            base side).
        max_total (str): Maximum order amount in the quote currency, e.g. `1000000000` for KRW.
        state (str): Market state. Known value: `active`.
        order_types (list[str] | Unset): Deprecated list of order types; use `bid_types` / `ask_types`.
    """

    id: str
    name: str
    order_sides: list[str]
    bid_types: list[str]
    ask_types: list[str]
    bid: OrderChanceCurrency
    ask: OrderChanceCurrency
    max_total: str
    state: str
    order_types: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        order_sides = self.order_sides

        bid_types = self.bid_types

        ask_types = self.ask_types

        bid = self.bid.to_dict()

        ask = self.ask.to_dict()

        max_total = self.max_total

        state = self.state

        order_types: list[str] | Unset = UNSET
        if not isinstance(self.order_types, Unset):
            order_types = self.order_types

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "order_sides": order_sides,
                "bid_types": bid_types,
                "ask_types": ask_types,
                "bid": bid,
                "ask": ask,
                "max_total": max_total,
                "state": state,
            }
        )
        if order_types is not UNSET:
            field_dict["order_types"] = order_types

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.order_chance_currency import OrderChanceCurrency

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        order_sides = cast(list[str], d.pop("order_sides"))

        bid_types = cast(list[str], d.pop("bid_types"))

        ask_types = cast(list[str], d.pop("ask_types"))

        bid = OrderChanceCurrency.from_dict(d.pop("bid"))

        ask = OrderChanceCurrency.from_dict(d.pop("ask"))

        max_total = d.pop("max_total")

        state = d.pop("state")

        order_types = cast(list[str], d.pop("order_types", UNSET))

        order_chance_market = cls(
            id=id,
            name=name,
            order_sides=order_sides,
            bid_types=bid_types,
            ask_types=ask_types,
            bid=bid,
            ask=ask,
            max_total=max_total,
            state=state,
            order_types=order_types,
        )

        order_chance_market.additional_properties = d
        return order_chance_market

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
