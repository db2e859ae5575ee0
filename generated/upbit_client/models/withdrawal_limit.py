from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WithdrawalLimit")


@_attrs_define
class WithdrawalLimit:
    """Withdrawal limits for the currency. Several fields are deprecated; amounts may be null.
    `fiat_currency` and `remaining_daily_fiat` are always sent (Upbit's SDK 1.1.0 requires
    them); the deprecated `onetime`, `daily`, `remaining_daily` and `remaining_daily_krw`
    are no longer in the SDK but still in the docs' example, so they stay, optional.

        Attributes:
            currency (str): Currency code.
            remaining_daily_fiat (None | str): Remaining combined daily limit, in `fiat_currency`.
            fiat_currency (None | str): Fiat currency of the combined limits, e.g. KRW.
            minimum (None | str | Unset): Minimum withdrawal amount.
            onetime (None | str | Unset): Per-withdrawal limit (deprecated).
            daily (None | str | Unset): Daily limit (deprecated).
            remaining_daily (None | str | Unset): Remaining daily limit in this currency (deprecated).
            remaining_daily_krw (None | str | Unset): Remaining combined daily limit in KRW (deprecated; use
                remaining_daily_fiat).
            withdraw_delayed_fiat (None | str | Unset): Amount held back by the withdrawal-delay rule, in `fiat_currency`.
            fixed (int | None | Unset): Number of decimal places allowed in the withdrawal amount.
            can_withdraw (bool | Unset): Whether withdrawals of this currency are supported.
    """

    currency: str
    remaining_daily_fiat: None | str
    fiat_currency: None | str
    minimum: None | str | Unset = UNSET
    onetime: None | str | Unset = UNSET
    daily: None | str | Unset = UNSET
    remaining_daily: None | str | Unset = UNSET
    remaining_daily_krw: None | str | Unset = UNSET
    withdraw_delayed_fiat: None | str | Unset = UNSET
    fixed: int | None | Unset = UNSET
    can_withdraw: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        remaining_daily_fiat: None | str
        remaining_daily_fiat = self.remaining_daily_fiat

        fiat_currency: None | str
        fiat_currency = self.fiat_currency

        minimum: None | str | Unset
        if isinstance(self.minimum, Unset):
            minimum = UNSET
        else:
            minimum = self.minimum

        onetime: None | str | Unset
        if isinstance(self.onetime, Unset):
            onetime = UNSET
        else:
            onetime = self.onetime

        daily: None | str | Unset
        if isinstance(self.daily, Unset):
            daily = UNSET
        else:
            daily = self.daily

        remaining_daily: None | str | Unset
        if isinstance(self.remaining_daily, Unset):
            remaining_daily = UNSET
        else:
            remaining_daily = self.remaining_daily

        remaining_daily_krw: None | str | Unset
        if isinstance(self.remaining_daily_krw, Unset):
            remaining_daily_krw = UNSET
        else:
            remaining_daily_krw = self.remaining_daily_krw

        withdraw_delayed_fiat: None | str | Unset
        if isinstance(self.withdraw_delayed_fiat, Unset):
            withdraw_delayed_fiat = UNSET
        else:
            withdraw_delayed_fiat = self.withdraw_delayed_fiat

        fixed: int | None | Unset
        if isinstance(self.fixed, Unset):
            fixed = UNSET
        else:
            fixed = self.fixed

        can_withdraw = self.can_withdraw

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "currency": currency,
                "remaining_daily_fiat": remaining_daily_fiat,
                "fiat_currency": fiat_currency,
            }
        )
        if minimum is not UNSET:
            field_dict["minimum"] = minimum
        if onetime is not UNSET:
            field_dict["onetime"] = onetime
        if daily is not UNSET:
            field_dict["daily"] = daily
        if remaining_daily is not UNSET:
            field_dict["remaining_daily"] = remaining_daily
        if remaining_daily_krw is not UNSET:
            field_dict["remaining_daily_krw"] = remaining_daily_krw
        if withdraw_delayed_fiat is not UNSET:
            field_dict["withdraw_delayed_fiat"] = withdraw_delayed_fiat
        if fixed is not UNSET:
            field_dict["fixed"] = fixed
        if can_withdraw is not UNSET:
            field_dict["can_withdraw"] = can_withdraw

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        currency = d.pop("currency")

        def _parse_remaining_daily_fiat(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        remaining_daily_fiat = _parse_remaining_daily_fiat(
            d.pop("remaining_daily_fiat")
        )

        def _parse_fiat_currency(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        fiat_currency = _parse_fiat_currency(d.pop("fiat_currency"))

        def _parse_minimum(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        minimum = _parse_minimum(d.pop("minimum", UNSET))

        def _parse_onetime(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        onetime = _parse_onetime(d.pop("onetime", UNSET))

        def _parse_daily(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        daily = _parse_daily(d.pop("daily", UNSET))

        def _parse_remaining_daily(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        remaining_daily = _parse_remaining_daily(d.pop("remaining_daily", UNSET))

        def _parse_remaining_daily_krw(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        remaining_daily_krw = _parse_remaining_daily_krw(
            d.pop("remaining_daily_krw", UNSET)
        )

        def _parse_withdraw_delayed_fiat(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        withdraw_delayed_fiat = _parse_withdraw_delayed_fiat(
            d.pop("withdraw_delayed_fiat", UNSET)
        )

        def _parse_fixed(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        fixed = _parse_fixed(d.pop("fixed", UNSET))

        can_withdraw = d.pop("can_withdraw", UNSET)

        withdrawal_limit = cls(
            currency=currency,
            remaining_daily_fiat=remaining_daily_fiat,
            fiat_currency=fiat_currency,
            minimum=minimum,
            onetime=onetime,
            daily=daily,
            remaining_daily=remaining_daily,
            remaining_daily_krw=remaining_daily_krw,
            withdraw_delayed_fiat=withdraw_delayed_fiat,
            fixed=fixed,
            can_withdraw=can_withdraw,
        )

        withdrawal_limit.additional_properties = d
        return withdrawal_limit

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
