from typing import Literal

ListClosedOrdersState = Literal["cancel", "done"]

LIST_CLOSED_ORDERS_STATE_VALUES: set[ListClosedOrdersState] = {
    "cancel",
    "done",
}


def check_list_closed_orders_state(value: str) -> ListClosedOrdersState:
    if value in LIST_CLOSED_ORDERS_STATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_CLOSED_ORDERS_STATE_VALUES!r}"
    )
