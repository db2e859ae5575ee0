from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Deposit")


@_attrs_define
class Deposit:
    """One digital-asset or KRW deposit. Amounts are decimal strings.

    Attributes:
        type_ (str): Always `deposit`.
        uuid (str): Deposit UUID.
        currency (str): Currency code, e.g. BTC, KRW.
        net_type (None | str): Network used (e.g. BTC, ETH, TRX); null for KRW deposits.
        txid (str): Transaction id; KRW deposits carry one too (Upbit's SDK 1.1.0 types it as a plain,
            required string for every deposit, coin or KRW).
        state (str): Processing state. Known values: `PROCESSING`, `ACCEPTED`, `CANCELLED`, `REJECTED`,
            `TRAVEL_RULE_SUSPECTED` (waiting for travel-rule verification), `REFUNDING`,
            `REFUNDED`. Open set.
        created_at (str): Deposit time, KST, `yyyy-MM-ddTHH:mm:ss+09:00`.
        done_at (None | str): Completion time, KST; null while not finished.
        amount (str): Amount deposited.
        fee (str): Deposit fee.
        transaction_type (str): `default` (normal deposit) or `internal` (instant transfer from another Upbit user).
            Open set.
    """

    type_: str
    uuid: str
    currency: str
    net_type: None | str
    txid: str
    state: str
    created_at: str
    done_at: None | str
    amount: str
    fee: str
    transaction_type: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        uuid = self.uuid

        currency = self.currency

        net_type: None | str
        net_type = self.net_type

        txid = self.txid

        state = self.state

        created_at = self.created_at

        done_at: None | str
        done_at = self.done_at

        amount = self.amount

        fee = self.fee

        transaction_type = self.transaction_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "uuid": uuid,
                "currency": currency,
                "net_type": net_type,
                "txid": txid,
                "state": state,
                "created_at": created_at,
                "done_at": done_at,
                "amount": amount,
                "fee": fee,
                "transaction_type": transaction_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type")

        uuid = d.pop("uuid")

        currency = d.pop("currency")

        def _parse_net_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        net_type = _parse_net_type(d.pop("net_type"))

        txid = d.pop("txid")

        state = d.pop("state")

        created_at = d.pop("created_at")

        def _parse_done_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        done_at = _parse_done_at(d.pop("done_at"))

        amount = d.pop("amount")

        fee = d.pop("fee")

        transaction_type = d.pop("transaction_type")

        deposit = cls(
            type_=type_,
            uuid=uuid,
            currency=currency,
            net_type=net_type,
            txid=txid,
            state=state,
            created_at=created_at,
            done_at=done_at,
            amount=amount,
            fee=fee,
            transaction_type=transaction_type,
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
