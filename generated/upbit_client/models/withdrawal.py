from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Withdrawal")


@_attrs_define
class Withdrawal:
    """One digital-asset or KRW withdrawal. Amounts are decimal strings.

    Attributes:
        type_ (str): Always `withdraw`.
        uuid (str): Withdrawal UUID.
        currency (str): Currency code, e.g. BTC, KRW.
        txid (None | str): Transaction id; null until the transfer is broadcast (and for KRW).
        state (str): Processing state. Known values: `WAITING`, `PROCESSING`, `DONE`, `FAILED`,
            `CANCELLED`, `REJECTED`; the answer of withdraw_krw spells them in lower case
            (`processing`, ...). Open set.
        created_at (str): Request time, KST, `yyyy-MM-ddTHH:mm:ss+09:00`.
        amount (str): Amount withdrawn.
        fee (str): Withdrawal fee.
        transaction_type (str): `default` (normal withdrawal) or `internal` (instant transfer to another Upbit user).
            Open set.
        is_cancelable (bool): Whether the withdrawal can still be cancelled (DELETE /v1/withdraws/coin).
        net_type (None | str | Unset): Network used (e.g. BTC, ETH, TRX); null for KRW withdrawals.
        done_at (None | str | Unset): Completion time, KST; null while not finished.
    """

    type_: str
    uuid: str
    currency: str
    txid: None | str
    state: str
    created_at: str
    amount: str
    fee: str
    transaction_type: str
    is_cancelable: bool
    net_type: None | str | Unset = UNSET
    done_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        uuid = self.uuid

        currency = self.currency

        txid: None | str
        txid = self.txid

        state = self.state

        created_at = self.created_at

        amount = self.amount

        fee = self.fee

        transaction_type = self.transaction_type

        is_cancelable = self.is_cancelable

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
                "is_cancelable": is_cancelable,
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

        def _parse_txid(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        txid = _parse_txid(d.pop("txid"))

        state = d.pop("state")

        created_at = d.pop("created_at")

        amount = d.pop("amount")

        fee = d.pop("fee")

        transaction_type = d.pop("transaction_type")

        is_cancelable = d.pop("is_cancelable")

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

        withdrawal = cls(
            type_=type_,
            uuid=uuid,
            currency=currency,
            txid=txid,
            state=state,
            created_at=created_at,
            amount=amount,
            fee=fee,
            transaction_type=transaction_type,
            is_cancelable=is_cancelable,
            net_type=net_type,
            done_at=done_at,
        )

        withdrawal.additional_properties = d
        return withdrawal

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
