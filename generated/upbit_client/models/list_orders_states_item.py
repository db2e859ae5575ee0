from typing import Literal

ListOrdersStatesItem = Literal["cancel", "done", "wait", "watch"]

LIST_ORDERS_STATES_ITEM_VALUES: set[ListOrdersStatesItem] = {
    "cancel",
    "done",
    "wait",
    "watch",
}


def check_list_orders_states_item(value: str) -> ListOrdersStatesItem:
    if value in LIST_ORDERS_STATES_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_ORDERS_STATES_ITEM_VALUES!r}"
    )
