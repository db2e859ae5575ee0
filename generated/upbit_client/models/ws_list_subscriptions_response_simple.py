from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ws_list_subscriptions_item_simple import WsListSubscriptionsItemSimple


T = TypeVar("T", bound="WsListSubscriptionsResponseSimple")


@_attrs_define
class WsListSubscriptionsResponseSimple:
    """Answer to `LIST_SUBSCRIPTIONS`, SIMPLE format (abbreviated keys of `WsListSubscriptionsResponse`).

    Attributes:
        mthd (str): method: always `LIST_SUBSCRIPTIONS`.
        rslt (list[WsListSubscriptionsItemSimple]): result.
        tck (str | Unset): ticket.
    """

    mthd: str
    rslt: list[WsListSubscriptionsItemSimple]
    tck: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        mthd = self.mthd

        rslt = []
        for rslt_item_data in self.rslt:
            rslt_item = rslt_item_data.to_dict()
            rslt.append(rslt_item)

        tck = self.tck

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "mthd": mthd,
                "rslt": rslt,
            }
        )
        if tck is not UNSET:
            field_dict["tck"] = tck

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ws_list_subscriptions_item_simple import (
            WsListSubscriptionsItemSimple,
        )

        d = dict(src_dict)
        mthd = d.pop("mthd")

        rslt = []
        _rslt = d.pop("rslt")
        for rslt_item_data in _rslt:
            rslt_item = WsListSubscriptionsItemSimple.from_dict(rslt_item_data)

            rslt.append(rslt_item)

        tck = d.pop("tck", UNSET)

        ws_list_subscriptions_response_simple = cls(
            mthd=mthd,
            rslt=rslt,
            tck=tck,
        )

        ws_list_subscriptions_response_simple.additional_properties = d
        return ws_list_subscriptions_response_simple

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
