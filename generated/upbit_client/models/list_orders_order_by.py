from typing import Literal

ListOrdersOrderBy = Literal["asc", "desc"]

LIST_ORDERS_ORDER_BY_VALUES: set[ListOrdersOrderBy] = {
    "asc",
    "desc",
}


def check_list_orders_order_by(value: str) -> ListOrdersOrderBy:
    if value in LIST_ORDERS_ORDER_BY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_ORDERS_ORDER_BY_VALUES!r}"
    )
