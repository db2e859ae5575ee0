from typing import Literal

ListOpenOrdersStatesItem = Literal["wait", "watch"]

LIST_OPEN_ORDERS_STATES_ITEM_VALUES: set[ListOpenOrdersStatesItem] = {
    "wait",
    "watch",
}


def check_list_open_orders_states_item(value: str) -> ListOpenOrdersStatesItem:
    if value in LIST_OPEN_ORDERS_STATES_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_OPEN_ORDERS_STATES_ITEM_VALUES!r}"
    )
