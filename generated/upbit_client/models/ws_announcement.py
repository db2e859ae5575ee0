from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsAnnouncement")


@_attrs_define
class WsAnnouncement:
    """`announcement` message (DEFAULT format, info endpoint): an Upbit notice was created or updated.

    Attributes:
        type_ (str): Always `announcement`.
        event_type (str): Known values: CREATED, UPDATED.
        uuid (str): Notice id (a numeric string, e.g. "562593104").
        title (str): Notice title.
        timestamp (int): Message time (ms since epoch).
        stream_type (str): Known values: REALTIME.
        category (str | Unset): Known values: notice, trade, wallet, maintenance, digital_asset, nft, service, event.
        url (str | Unset): Link to the notice.
        first_listed_at (str | Unset): First publication time, ISO 8601 with offset (KST).
        listed_at (str | Unset): Latest publication time, ISO 8601 with offset (KST).
        body (None | str | Unset): Notice body in Markdown; only with `include_body: true`, and may be null when large.
    """

    type_: str
    event_type: str
    uuid: str
    title: str
    timestamp: int
    stream_type: str
    category: str | Unset = UNSET
    url: str | Unset = UNSET
    first_listed_at: str | Unset = UNSET
    listed_at: str | Unset = UNSET
    body: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        event_type = self.event_type

        uuid = self.uuid

        title = self.title

        timestamp = self.timestamp

        stream_type = self.stream_type

        category = self.category

        url = self.url

        first_listed_at = self.first_listed_at

        listed_at = self.listed_at

        body: None | str | Unset
        if isinstance(self.body, Unset):
            body = UNSET
        else:
            body = self.body

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "event_type": event_type,
                "uuid": uuid,
                "title": title,
                "timestamp": timestamp,
                "stream_type": stream_type,
            }
        )
        if category is not UNSET:
            field_dict["category"] = category
        if url is not UNSET:
            field_dict["url"] = url
        if first_listed_at is not UNSET:
            field_dict["first_listed_at"] = first_listed_at
        if listed_at is not UNSET:
            field_dict["listed_at"] = listed_at
        if body is not UNSET:
            field_dict["body"] = body

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type")

        event_type = d.pop("event_type")

        uuid = d.pop("uuid")

        title = d.pop("title")

        timestamp = d.pop("timestamp")

        stream_type = d.pop("stream_type")

        category = d.pop("category", UNSET)

        url = d.pop("url", UNSET)

        first_listed_at = d.pop("first_listed_at", UNSET)

        listed_at = d.pop("listed_at", UNSET)

        def _parse_body(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        body = _parse_body(d.pop("body", UNSET))

        ws_announcement = cls(
            type_=type_,
            event_type=event_type,
            uuid=uuid,
            title=title,
            timestamp=timestamp,
            stream_type=stream_type,
            category=category,
            url=url,
            first_listed_at=first_listed_at,
            listed_at=listed_at,
            body=body,
        )

        ws_announcement.additional_properties = d
        return ws_announcement

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
