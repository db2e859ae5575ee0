from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.batch_cancel_order import BatchCancelOrder


T = TypeVar("T", bound="BatchCancelGroup")


@_attrs_define
class BatchCancelGroup:
    """Orders whose cancellation was accepted (`success`) or refused (`failed`).

    Attributes:
        count (int): Number of orders in `orders`.
        orders (list[BatchCancelOrder]):
    """

    count: int
    orders: list[BatchCancelOrder]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        orders = []
        for orders_item_data in self.orders:
            orders_item = orders_item_data.to_dict()
            orders.append(orders_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "orders": orders,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.batch_cancel_order import BatchCancelOrder

        d = dict(src_dict)
        count = d.pop("count")

        orders = []
        _orders = d.pop("orders")
        for orders_item_data in _orders:
            orders_item = BatchCancelOrder.from_dict(orders_item_data)

            orders.append(orders_item)

        batch_cancel_group = cls(
            count=count,
            orders=orders,
        )

        batch_cancel_group.additional_properties = d
        return batch_cancel_group

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
