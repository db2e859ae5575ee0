from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Deposit")


@_attrs_define
class Deposit:
    """One digital-asset or KRW deposit. Amounts are decimal strings.

    Attributes:
        type_ (str): Always `deposit`.
        uuid (str): Deposit UUID.
        currency (str): Currency code, e.g. BTC, KRW.
        txid (str): Transaction id; KRW deposits carry one too (Upbit's SDK 1.1.0 types it as a plain,
            required string for every deposit, coin or KRW).
        state (str): Processing state. Known values: `PROCESSING`, `ACCEPTED`, `CANCELLED`, `REJECTED`,
            `TRAVEL_RULE_SUSPECTED` (waiting for travel-rule verification), `REFUNDING`,
            `REFUNDED`. Open set.
        created_at (str): Deposit time, KST, `yyyy-MM-ddTHH:mm:ss+09:00`.
        amount (str): Amount deposited.
        fee (str): Deposit fee.
        transaction_type (str): `default` (normal deposit) or `internal` (instant transfer from another Upbit user).
            Open set.
        net_type (None | str | Unset): Network used (e.g. BTC, ETH, TRX); null for KRW deposits.
        done_at (None | str | Unset): Completion time, KST; null while not finished.
    """

    type_: str
    uuid: str
    currency: str
    txid: str
    state: str
    created_at: str
    amount: str
    fee: str
    transaction_type: str
    net_type: None | str | Unset = UNSET
    done_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        uuid = self.uuid

        currency = self.currency

        txid = self.txid

        state = self.state

        created_at = self.created_at

        amount = self.amount

        fee = self.fee

        transaction_type = self.transaction_type

        net_type: None | str | Unset
        if isinstance(self.net_type, Unset):
            net_type = UNSET
        else:
            net_type = self.net_type

        done_at: None | str | Unset
        if isinstance(self.done_at, Unset):
            done_at = UNSET
        else:
            done_at = self.done_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "uuid": uuid,
                "currency": currency,
                "txid": txid,
                "state": state,
                "created_at": created_at,
                "amount": amount,
                "fee": fee,
                "transaction_type": transaction_type,
            }
        )
        if net_type is not UNSET:
            field_dict["net_type"] = net_type
        if done_at is not UNSET:
            field_dict["done_at"] = done_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type")

        uuid = d.pop("uuid")

        currency = d.pop("currency")

        txid = d.pop("txid")

        state = d.pop("state")

        created_at = d.pop("created_at")

        amount = d.pop("amount")

        fee = d.pop("fee")

        transaction_type = d.pop("transaction_type")

        def _parse_net_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        net_type = _parse_net_type(d.pop("net_type", UNSET))

        def _parse_done_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        done_at = _parse_done_at(d.pop("done_at", UNSET))

        deposit = cls(
            type_=type_,
            uuid=uuid,
            currency=currency,
            txid=txid,
            state=state,
            created_at=created_at,
            amount=amount,
            fee=fee,
            transaction_type=transaction_type,
            net_type=net_type,
            done_at=done_at,
        )

        deposit.additional_properties = d
        return deposit

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
