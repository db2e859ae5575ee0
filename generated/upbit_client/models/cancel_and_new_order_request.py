from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.cancel_and_new_order_request_new_ord_type import (
    CancelAndNewOrderRequestNewOrdType,
    check_cancel_and_new_order_request_new_ord_type,
)
from ..models.cancel_and_new_order_request_new_smp_type import (
    CancelAndNewOrderRequestNewSmpType,
    check_cancel_and_new_order_request_new_smp_type,
)
from ..models.cancel_and_new_order_request_new_time_in_force import (
    CancelAndNewOrderRequestNewTimeInForce,
    check_cancel_and_new_order_request_new_time_in_force,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="CancelAndNewOrderRequest")


@_attrs_define
class CancelAndNewOrderRequest:
    """Body of POST /v1/orders/cancel_and_new.

    Attributes:
        new_ord_type (CancelAndNewOrderRequestNewOrdType): Type of the new order. Required fields per type: `limit` →
            `new_volume` +
            `new_price`; `price` → `new_price`; `market` → `new_volume`; `best` bid →
            `new_price` + `new_time_in_force`; `best` ask → `new_volume` + `new_time_in_force`.
        prev_order_uuid (str | Unset): UUID of the order to cancel. Give exactly one of `prev_order_uuid` and
            `prev_order_identifier`.
        prev_order_identifier (str | Unset): Client identifier of the order to cancel. Give exactly one of
            `prev_order_uuid` and `prev_order_identifier`.
        new_volume (str | Unset): Volume of the new order; decimal string, no exponent, or the literal
            `remain_only` to reuse the cancelled order's remaining volume.
        new_price (str | Unset): Unit price (`limit`) or total amount (`price`, `best` bid) of the new order; decimal
            string, no exponent.
        new_identifier (str | Unset): Client identifier of the new order; must never have been used, including by the
            cancelled order.
        new_time_in_force (CancelAndNewOrderRequestNewTimeInForce | Unset): Time-in-force of the new order; `ioc` or
            `fok` required for `best`; `post_only` only with `limit`, and with `new_smp_type` only when it is `none`.
        new_smp_type (CancelAndNewOrderRequestNewSmpType | Unset): Self-match prevention mode of the new order; `none`
            turns it off. Server default
            (since 2026-11-09): `cancel_maker`. SDK 1.1.0 lacks `none`; the docs changelog is
            followed.
    """

    new_ord_type: CancelAndNewOrderRequestNewOrdType
    prev_order_uuid: str | Unset = UNSET
    prev_order_identifier: str | Unset = UNSET
    new_volume: str | Unset = UNSET
    new_price: str | Unset = UNSET
    new_identifier: str | Unset = UNSET
    new_time_in_force: CancelAndNewOrderRequestNewTimeInForce | Unset = UNSET
    new_smp_type: CancelAndNewOrderRequestNewSmpType | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        new_ord_type: str = self.new_ord_type

        prev_order_uuid = self.prev_order_uuid

        prev_order_identifier = self.prev_order_identifier

        new_volume = self.new_volume

        new_price = self.new_price

        new_identifier = self.new_identifier

        new_time_in_force: str | Unset = UNSET
        if not isinstance(self.new_time_in_force, Unset):
            new_time_in_force = self.new_time_in_force

        new_smp_type: str | Unset = UNSET
        if not isinstance(self.new_smp_type, Unset):
            new_smp_type = self.new_smp_type

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "new_ord_type": new_ord_type,
            }
        )
        if prev_order_uuid is not UNSET:
            field_dict["prev_order_uuid"] = prev_order_uuid
        if prev_order_identifier is not UNSET:
            field_dict["prev_order_identifier"] = prev_order_identifier
        if new_volume is not UNSET:
            field_dict["new_volume"] = new_volume
        if new_price is not UNSET:
            field_dict["new_price"] = new_price
        if new_identifier is not UNSET:
            field_dict["new_identifier"] = new_identifier
        if new_time_in_force is not UNSET:
            field_dict["new_time_in_force"] = new_time_in_force
        if new_smp_type is not UNSET:
            field_dict["new_smp_type"] = new_smp_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        new_ord_type = check_cancel_and_new_order_request_new_ord_type(
            d.pop("new_ord_type")
        )

        prev_order_uuid = d.pop("prev_order_uuid", UNSET)

        prev_order_identifier = d.pop("prev_order_identifier", UNSET)

        new_volume = d.pop("new_volume", UNSET)

        new_price = d.pop("new_price", UNSET)

        new_identifier = d.pop("new_identifier", UNSET)

        _new_time_in_force = d.pop("new_time_in_force", UNSET)
        new_time_in_force: CancelAndNewOrderRequestNewTimeInForce | Unset
        if isinstance(_new_time_in_force, Unset):
            new_time_in_force = UNSET
        else:
            new_time_in_force = check_cancel_and_new_order_request_new_time_in_force(
                _new_time_in_force
            )

        _new_smp_type = d.pop("new_smp_type", UNSET)
        new_smp_type: CancelAndNewOrderRequestNewSmpType | Unset
        if isinstance(_new_smp_type, Unset):
            new_smp_type = UNSET
        else:
            new_smp_type = check_cancel_and_new_order_request_new_smp_type(
                _new_smp_type
            )

        cancel_and_new_order_request = cls(
            new_ord_type=new_ord_type,
            prev_order_uuid=prev_order_uuid,
            prev_order_identifier=prev_order_identifier,
            new_volume=new_volume,
            new_price=new_price,
            new_identifier=new_identifier,
            new_time_in_force=new_time_in_force,
            new_smp_type=new_smp_type,
        )

        return cancel_and_new_order_request
