from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.account import Account
    from ..models.withdrawal_currency_info import WithdrawalCurrencyInfo
    from ..models.withdrawal_limit import WithdrawalLimit
    from ..models.withdrawal_member_level import WithdrawalMemberLevel


T = TypeVar("T", bound="WithdrawalChance")


@_attrs_define
class WithdrawalChance:
    """Withdrawal policy, limits and balance for one currency (and network).

    Attributes:
        member_level (WithdrawalMemberLevel): Security level and verification flags of the account owner.
        currency (WithdrawalCurrencyInfo): Currency information inside a withdrawal-chance answer.
        account (Account): Balance of one currency in the key's pocket. Amounts are decimal strings.
        withdraw_limit (WithdrawalLimit): Withdrawal limits for the currency. Several fields are deprecated; amounts may
            be null.
            `fiat_currency` and `remaining_daily_fiat` are always sent (Upbit's SDK 1.1.0 requires
            them); the deprecated `onetime`, `daily`, `remaining_daily` and `remaining_daily_krw`
            are no longer in the SDK but still in the docs' example, so they stay, optional.
    """

    member_level: WithdrawalMemberLevel
    currency: WithdrawalCurrencyInfo
    account: Account
    withdraw_limit: WithdrawalLimit
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        member_level = self.member_level.to_dict()

        currency = self.currency.to_dict()

        account = self.account.to_dict()

        withdraw_limit = self.withdraw_limit.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "member_level": member_level,
                "currency": currency,
                "account": account,
                "withdraw_limit": withdraw_limit,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.account import Account
        from ..models.withdrawal_currency_info import WithdrawalCurrencyInfo
        from ..models.withdrawal_limit import WithdrawalLimit
        from ..models.withdrawal_member_level import WithdrawalMemberLevel

        d = dict(src_dict)
        member_level = WithdrawalMemberLevel.from_dict(d.pop("member_level"))

        currency = WithdrawalCurrencyInfo.from_dict(d.pop("currency"))

        account = Account.from_dict(d.pop("account"))

        withdraw_limit = WithdrawalLimit.from_dict(d.pop("withdraw_limit"))

        withdrawal_chance = cls(
            member_level=member_level,
            currency=currency,
            account=account,
            withdraw_limit=withdraw_limit,
        )

        withdrawal_chance.additional_properties = d
        return withdrawal_chance

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
