from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.account import Account
    from ..models.order_chance_market import OrderChanceMarket


T = TypeVar("T", bound="OrderChance")


@_attrs_define
class OrderChance:
    """Fees, market rules and the two balances relevant for ordering on one pair (GET /v1/orders/chance).

    Attributes:
        bid_fee (str): Taker fee rate for buys, e.g. `0.0005` (0.05 %).
        ask_fee (str): Taker fee rate for sells.
        maker_bid_fee (str): Maker fee rate for buys.
        maker_ask_fee (str): Maker fee rate for sells.
        market (OrderChanceMarket): Ordering rules of one pair (part of OrderChance).
        bid_account (Account): Balance of one currency in the key's pocket. Amounts are decimal strings.
        ask_account (Account): Balance of one currency in the key's pocket. Amounts are decimal strings.
    """

    bid_fee: str
    ask_fee: str
    maker_bid_fee: str
    maker_ask_fee: str
    market: OrderChanceMarket
    bid_account: Account
    ask_account: Account
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bid_fee = self.bid_fee

        ask_fee = self.ask_fee

        maker_bid_fee = self.maker_bid_fee

        maker_ask_fee = self.maker_ask_fee

        market = self.market.to_dict()

        bid_account = self.bid_account.to_dict()

        ask_account = self.ask_account.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bid_fee": bid_fee,
                "ask_fee": ask_fee,
                "maker_bid_fee": maker_bid_fee,
                "maker_ask_fee": maker_ask_fee,
                "market": market,
                "bid_account": bid_account,
                "ask_account": ask_account,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.account import Account
        from ..models.order_chance_market import OrderChanceMarket

        d = dict(src_dict)
        bid_fee = d.pop("bid_fee")

        ask_fee = d.pop("ask_fee")

        maker_bid_fee = d.pop("maker_bid_fee")

        maker_ask_fee = d.pop("maker_ask_fee")

        market = OrderChanceMarket.from_dict(d.pop("market"))

        bid_account = Account.from_dict(d.pop("bid_account"))

        ask_account = Account.from_dict(d.pop("ask_account"))

        order_chance = cls(
            bid_fee=bid_fee,
            ask_fee=ask_fee,
            maker_bid_fee=maker_bid_fee,
            maker_ask_fee=maker_ask_fee,
            market=market,
            bid_account=bid_account,
            ask_account=ask_account,
        )

        order_chance.additional_properties = d
        return order_chance

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
