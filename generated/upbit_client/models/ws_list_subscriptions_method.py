from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.ws_list_subscriptions_method_method import (
    WsListSubscriptionsMethodMethod,
    check_ws_list_subscriptions_method_method,
)

T = TypeVar("T", bound="WsListSubscriptionsMethod")


@_attrs_define
class WsListSubscriptionsMethod:
    """Method object asking for the connection's current subscriptions; sent as
    `[{ticket}, {"method": "LIST_SUBSCRIPTIONS"}, {format}?]`. Answered by
    `WsListSubscriptionsResponse`. Counts against the WebSocket message rate limit.

        Attributes:
            method (WsListSubscriptionsMethodMethod): The only method Upbit documents.
    """

    method: WsListSubscriptionsMethodMethod

    def to_dict(self) -> dict[str, Any]:
        method: str = self.method

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "method": method,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        method = check_ws_list_subscriptions_method_method(d.pop("method"))

        ws_list_subscriptions_method = cls(
            method=method,
        )

        return ws_list_subscriptions_method
