from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="WsTicket")


@_attrs_define
class WsTicket:
    """Ticket object, the first element of every request message. Missing → `NO_TICKET` error.

    Attributes:
        ticket (str): A unique string identifying the request, e.g. a UUID.
    """

    ticket: str

    def to_dict(self) -> dict[str, Any]:
        ticket = self.ticket

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ticket": ticket,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ticket = d.pop("ticket")

        ws_ticket = cls(
            ticket=ticket,
        )

        return ws_ticket
