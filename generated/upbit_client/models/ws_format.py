from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.ws_format_format import WsFormatFormat, check_ws_format_format

T = TypeVar("T", bound="WsFormat")


@_attrs_define
class WsFormat:
    """Format object, optionally the last element of a request message. Server default DEFAULT.

    Attributes:
        format_ (WsFormatFormat): DEFAULT = one JSON object per message with full key names; SIMPLE = abbreviated
            keys (the `Ws*Simple` schemas); JSON_LIST / SIMPLE_LIST = each message is a JSON
            array of such objects. Sent with LIST_SUBSCRIPTIONS it also switches the format
            of the connection's existing streams.
    """

    format_: WsFormatFormat

    def to_dict(self) -> dict[str, Any]:
        format_: str = self.format_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "format": format_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        format_ = check_ws_format_format(d.pop("format"))

        ws_format = cls(
            format_=format_,
        )

        return ws_format
