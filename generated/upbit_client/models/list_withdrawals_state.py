from typing import Literal

ListWithdrawalsState = Literal[
    "CANCELLED", "DONE", "FAILED", "PROCESSING", "REJECTED", "WAITING"
]

LIST_WITHDRAWALS_STATE_VALUES: set[ListWithdrawalsState] = {
    "CANCELLED",
    "DONE",
    "FAILED",
    "PROCESSING",
    "REJECTED",
    "WAITING",
}


def check_list_withdrawals_state(value: str) -> ListWithdrawalsState:
    if value in LIST_WITHDRAWALS_STATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_WITHDRAWALS_STATE_VALUES!r}"
    )
