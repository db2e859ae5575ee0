from typing import Literal

ListClosedOrdersStatesItem = Literal["cancel", "done"]

LIST_CLOSED_ORDERS_STATES_ITEM_VALUES: set[ListClosedOrdersStatesItem] = {
    "cancel",
    "done",
}


def check_list_closed_orders_states_item(value: str) -> ListClosedOrdersStatesItem:
    if value in LIST_CLOSED_ORDERS_STATES_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_CLOSED_ORDERS_STATES_ITEM_VALUES!r}"
    )
