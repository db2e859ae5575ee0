from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ws_list_subscriptions_item import WsListSubscriptionsItem


T = TypeVar("T", bound="WsListSubscriptionsResponse")


@_attrs_define
class WsListSubscriptionsResponse:
    """Answer to `LIST_SUBSCRIPTIONS` (DEFAULT format).

    Attributes:
        method (str): Always `LIST_SUBSCRIPTIONS`.
        result (list[WsListSubscriptionsItem]): Active subscriptions of the connection.
        ticket (str | Unset): Ticket of the request.
    """

    method: str
    result: list[WsListSubscriptionsItem]
    ticket: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        method = self.method

        result = []
        for result_item_data in self.result:
            result_item = result_item_data.to_dict()
            result.append(result_item)

        ticket = self.ticket

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "method": method,
                "result": result,
            }
        )
        if ticket is not UNSET:
            field_dict["ticket"] = ticket

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ws_list_subscriptions_item import WsListSubscriptionsItem

        d = dict(src_dict)
        method = d.pop("method")

        result = []
        _result = d.pop("result")
        for result_item_data in _result:
            result_item = WsListSubscriptionsItem.from_dict(result_item_data)

            result.append(result_item)

        ticket = d.pop("ticket", UNSET)

        ws_list_subscriptions_response = cls(
            method=method,
            result=result,
            ticket=ticket,
        )

        ws_list_subscriptions_response.additional_properties = d
        return ws_list_subscriptions_response

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
