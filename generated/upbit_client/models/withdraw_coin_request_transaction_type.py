from typing import Literal

WithdrawCoinRequestTransactionType = Literal["default", "internal"]

WITHDRAW_COIN_REQUEST_TRANSACTION_TYPE_VALUES: set[
    WithdrawCoinRequestTransactionType
] = {
    "default",
    "internal",
}


def check_withdraw_coin_request_transaction_type(
    value: str,
) -> WithdrawCoinRequestTransactionType:
    if value in WITHDRAW_COIN_REQUEST_TRANSACTION_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WITHDRAW_COIN_REQUEST_TRANSACTION_TYPE_VALUES!r}"
    )
