from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.create_order_request_ord_type import (
    CreateOrderRequestOrdType,
    check_create_order_request_ord_type,
)
from ..models.create_order_request_side import (
    CreateOrderRequestSide,
    check_create_order_request_side,
)
from ..models.create_order_request_smp_type import (
    CreateOrderRequestSmpType,
    check_create_order_request_smp_type,
)
from ..models.create_order_request_time_in_force import (
    CreateOrderRequestTimeInForce,
    check_create_order_request_time_in_force,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateOrderRequest")


@_attrs_define
class CreateOrderRequest:
    """Body of POST /v1/orders and POST /v1/orders/test.

    Attributes:
        market (str): Trading pair code, e.g. `KRW-BTC`.
        side (CreateOrderRequestSide): `bid` = buy, `ask` = sell.
        ord_type (CreateOrderRequestOrdType): `limit` = limit order (needs `volume` and `price`); `price` = market buy
            (needs
            `price` = total amount, no `volume`); `market` = market sell (needs `volume`, no
            `price`); `best` = best-price order (needs `time_in_force` `ioc` or `fok`, plus
            `price` = total amount for a bid or `volume` for an ask).
        volume (str | Unset): Order volume in the base currency; decimal string, no exponent. Required for
            `limit`, `market` and `best` asks; omit it for `price` and `best` bids.
        price (str | Unset): Decimal string, no exponent. For `limit`: the unit price (must be on the tick
            grid). For `price` and `best` bids: the total quote amount to spend. Omit it for
            `market` and `best` asks.
        identifier (str | Unset): Client-assigned order id, unique within the account forever: a value cannot be
            reused, even if the order that used it failed (`duplicated_identifier`).
        time_in_force (CreateOrderRequestTimeInForce | Unset): `ioc` = fill what is possible and cancel the rest; `fok`
            = fill completely or
            cancel; `post_only` = only rest on the book as maker (only with `limit`, and with
            `smp_type` only when it is `none`; another `smp_type` → `invalid_post_only`).
            Required for `best` (`ioc` or `fok`).
        smp_type (CreateOrderRequestSmpType | Unset): Self-match prevention mode; `none` turns it off. Server default
            (since
            2026-11-09, docs changelog "add-smp-type-default"): `cancel_maker`. When maker
            and taker modes differ, the taker's mode applies; cancelled quantity is reported
            in `prevented_volume` / `prevented_locked`. Upbit's SDK 1.1.0 predates `none`
            (its enum has the other three); the docs changelog is followed.
    """

    market: str
    side: CreateOrderRequestSide
    ord_type: CreateOrderRequestOrdType
    volume: str | Unset = UNSET
    price: str | Unset = UNSET
    identifier: str | Unset = UNSET
    time_in_force: CreateOrderRequestTimeInForce | Unset = UNSET
    smp_type: CreateOrderRequestSmpType | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        market = self.market

        side: str = self.side

        ord_type: str = self.ord_type

        volume = self.volume

        price = self.price

        identifier = self.identifier

        time_in_force: str | Unset = UNSET
        if not isinstance(self.time_in_force, Unset):
            time_in_force = self.time_in_force

        smp_type: str | Unset = UNSET
        if not isinstance(self.smp_type, Unset):
            smp_type = self.smp_type

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "market": market,
                "side": side,
                "ord_type": ord_type,
            }
        )
        if volume is not UNSET:
            field_dict["volume"] = volume
        if price is not UNSET:
            field_dict["price"] = price
        if identifier is not UNSET:
            field_dict["identifier"] = identifier
        if time_in_force is not UNSET:
            field_dict["time_in_force"] = time_in_force
        if smp_type is not UNSET:
            field_dict["smp_type"] = smp_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        market = d.pop("market")

        side = check_create_order_request_side(d.pop("side"))

        ord_type = check_create_order_request_ord_type(d.pop("ord_type"))

        volume = d.pop("volume", UNSET)

        price = d.pop("price", UNSET)

        identifier = d.pop("identifier", UNSET)

        _time_in_force = d.pop("time_in_force", UNSET)
        time_in_force: CreateOrderRequestTimeInForce | Unset
        if isinstance(_time_in_force, Unset):
            time_in_force = UNSET
        else:
            time_in_force = check_create_order_request_time_in_force(_time_in_force)

        _smp_type = d.pop("smp_type", UNSET)
        smp_type: CreateOrderRequestSmpType | Unset
        if isinstance(_smp_type, Unset):
            smp_type = UNSET
        else:
            smp_type = check_create_order_request_smp_type(_smp_type)

        create_order_request = cls(
            market=market,
            side=side,
            ord_type=ord_type,
            volume=volume,
            price=price,
            identifier=identifier,
            time_in_force=time_in_force,
            smp_type=smp_type,
        )

        return create_order_request
