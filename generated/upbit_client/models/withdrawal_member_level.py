from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WithdrawalMemberLevel")


@_attrs_define
class WithdrawalMemberLevel:
    """Security level and verification flags of the account owner.

    Attributes:
        security_level (int): Security level.
        fee_level (int): Fee level.
        email_verified (bool): E-mail verified.
        identity_auth_verified (bool): Real-name identity verified.
        bank_account_verified (bool): Bank account verified.
        two_factor_auth_verified (bool): Two-factor authentication enabled.
        locked (bool): Account protection (lock) active.
        wallet_locked (bool): Withdrawal protection (lock) active.
    """

    security_level: int
    fee_level: int
    email_verified: bool
    identity_auth_verified: bool
    bank_account_verified: bool
    two_factor_auth_verified: bool
    locked: bool
    wallet_locked: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        security_level = self.security_level

        fee_level = self.fee_level

        email_verified = self.email_verified

        identity_auth_verified = self.identity_auth_verified

        bank_account_verified = self.bank_account_verified

        two_factor_auth_verified = self.two_factor_auth_verified

        locked = self.locked

        wallet_locked = self.wallet_locked

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "security_level": security_level,
                "fee_level": fee_level,
                "email_verified": email_verified,
                "identity_auth_verified": identity_auth_verified,
                "bank_account_verified": bank_account_verified,
                "two_factor_auth_verified": two_factor_auth_verified,
                "locked": locked,
                "wallet_locked": wallet_locked,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        security_level = d.pop("security_level")

        fee_level = d.pop("fee_level")

        email_verified = d.pop("email_verified")

        identity_auth_verified = d.pop("identity_auth_verified")

        bank_account_verified = d.pop("bank_account_verified")

        two_factor_auth_verified = d.pop("two_factor_auth_verified")

        locked = d.pop("locked")

        wallet_locked = d.pop("wallet_locked")

        withdrawal_member_level = cls(
            security_level=security_level,
            fee_level=fee_level,
            email_verified=email_verified,
            identity_auth_verified=identity_auth_verified,
            bank_account_verified=bank_account_verified,
            two_factor_auth_verified=two_factor_auth_verified,
            locked=locked,
            wallet_locked=wallet_locked,
        )

        withdrawal_member_level.additional_properties = d
        return withdrawal_member_level

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
