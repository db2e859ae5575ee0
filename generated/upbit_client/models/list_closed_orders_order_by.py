from typing import Literal

ListClosedOrdersOrderBy = Literal["asc", "desc"]

LIST_CLOSED_ORDERS_ORDER_BY_VALUES: set[ListClosedOrdersOrderBy] = {
    "asc",
    "desc",
}


def check_list_closed_orders_order_by(value: str) -> ListClosedOrdersOrderBy:
    if value in LIST_CLOSED_ORDERS_ORDER_BY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_CLOSED_ORDERS_ORDER_BY_VALUES!r}"
    )
