from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WsErrorError")


@_attrs_define
class WsErrorError:
    """Error name and message.

    Attributes:
        name (str): Known values: INVALID_AUTH, WRONG_FORMAT, NO_TICKET, NO_TYPE, NO_CODES,
            INVALID_PARAM, and `Too Many Requests` / `I'm a teapot` for rate limits. Open set.
        message (str): Human-readable message, often Korean; keep verbatim.
    """

    name: str
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        message = d.pop("message")

        ws_error_error = cls(
            name=name,
            message=message,
        )

        ws_error_error.additional_properties = d
        return ws_error_error

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
