from typing import Literal

ListOpenOrdersState = Literal["wait", "watch"]

LIST_OPEN_ORDERS_STATE_VALUES: set[ListOpenOrdersState] = {
    "wait",
    "watch",
}


def check_list_open_orders_state(value: str) -> ListOpenOrdersState:
    if value in LIST_OPEN_ORDERS_STATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_OPEN_ORDERS_STATE_VALUES!r}"
    )
