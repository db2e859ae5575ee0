from typing import Literal

ListDepositsState = Literal[
    "ACCEPTED",
    "CANCELLED",
    "PROCESSING",
    "REFUNDED",
    "REFUNDING",
    "REJECTED",
    "TRAVEL_RULE_SUSPECTED",
]

LIST_DEPOSITS_STATE_VALUES: set[ListDepositsState] = {
    "ACCEPTED",
    "CANCELLED",
    "PROCESSING",
    "REFUNDED",
    "REFUNDING",
    "REJECTED",
    "TRAVEL_RULE_SUSPECTED",
}


def check_list_deposits_state(value: str) -> ListDepositsState:
    if value in LIST_DEPOSITS_STATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_DEPOSITS_STATE_VALUES!r}"
    )
