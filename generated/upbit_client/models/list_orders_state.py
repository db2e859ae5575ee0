from typing import Literal

ListOrdersState = Literal["cancel", "done", "wait", "watch"]

LIST_ORDERS_STATE_VALUES: set[ListOrdersState] = {
    "cancel",
    "done",
    "wait",
    "watch",
}


def check_list_orders_state(value: str) -> ListOrdersState:
    if value in LIST_ORDERS_STATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_ORDERS_STATE_VALUES!r}"
    )
