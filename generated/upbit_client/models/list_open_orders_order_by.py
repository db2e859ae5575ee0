from typing import Literal

ListOpenOrdersOrderBy = Literal["asc", "desc"]

LIST_OPEN_ORDERS_ORDER_BY_VALUES: set[ListOpenOrdersOrderBy] = {
    "asc",
    "desc",
}


def check_list_open_orders_order_by(value: str) -> ListOpenOrdersOrderBy:
    if value in LIST_OPEN_ORDERS_ORDER_BY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_OPEN_ORDERS_ORDER_BY_VALUES!r}"
    )
