from typing import Literal

CancelOpenOrdersOrderBy = Literal["asc", "desc"]

CANCEL_OPEN_ORDERS_ORDER_BY_VALUES: set[CancelOpenOrdersOrderBy] = {
    "asc",
    "desc",
}


def check_cancel_open_orders_order_by(value: str) -> CancelOpenOrdersOrderBy:
    if value in CANCEL_OPEN_ORDERS_ORDER_BY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CANCEL_OPEN_ORDERS_ORDER_BY_VALUES!r}"
    )
