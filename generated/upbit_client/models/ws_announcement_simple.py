from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WsAnnouncementSimple")


@_attrs_define
class WsAnnouncementSimple:
    """`announcement` message, SIMPLE format (abbreviated keys of `WsAnnouncement`), info endpoint.

    Attributes:
        ty (str): type: always `announcement`.
        et (str): event_type. Known values: CREATED, UPDATED.
        uid (str): uuid (notice id).
        tt (str): title.
        tms (int): timestamp (ms).
        st (str): stream_type. Known values: REALTIME.
        cat (str | Unset): category.
        url (str | Unset): url.
        flat (str | Unset): first_listed_at (ISO 8601
        lat (str | Unset): listed_at (ISO 8601
        bd (None | str | Unset): body (Markdown); only with include_body.
    """

    ty: str
    et: str
    uid: str
    tt: str
    tms: int
    st: str
    cat: str | Unset = UNSET
    url: str | Unset = UNSET
    flat: str | Unset = UNSET
    lat: str | Unset = UNSET
    bd: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ty = self.ty

        et = self.et

        uid = self.uid

        tt = self.tt

        tms = self.tms

        st = self.st

        cat = self.cat

        url = self.url

        flat = self.flat

        lat = self.lat

        bd: None | str | Unset
        if isinstance(self.bd, Unset):
            bd = UNSET
        else:
            bd = self.bd

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ty": ty,
                "et": et,
                "uid": uid,
                "tt": tt,
                "tms": tms,
                "st": st,
            }
        )
        if cat is not UNSET:
            field_dict["cat"] = cat
        if url is not UNSET:
            field_dict["url"] = url
        if flat is not UNSET:
            field_dict["flat"] = flat
        if lat is not UNSET:
            field_dict["lat"] = lat
        if bd is not UNSET:
            field_dict["bd"] = bd

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ty = d.pop("ty")

        et = d.pop("et")

        uid = d.pop("uid")

        tt = d.pop("tt")

        tms = d.pop("tms")

        st = d.pop("st")

        cat = d.pop("cat", UNSET)

        url = d.pop("url", UNSET)

        flat = d.pop("flat", UNSET)

        lat = d.pop("lat", UNSET)

        def _parse_bd(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bd = _parse_bd(d.pop("bd", UNSET))

        ws_announcement_simple = cls(
            ty=ty,
            et=et,
            uid=uid,
            tt=tt,
            tms=tms,
            st=st,
            cat=cat,
            url=url,
            flat=flat,
            lat=lat,
            bd=bd,
        )

        ws_announcement_simple.additional_properties = d
        return ws_announcement_simple

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
