from typing import Literal

CancelOpenOrdersCancelSide = Literal["all", "ask", "bid"]

CANCEL_OPEN_ORDERS_CANCEL_SIDE_VALUES: set[CancelOpenOrdersCancelSide] = {
    "all",
    "ask",
    "bid",
}


def check_cancel_open_orders_cancel_side(value: str) -> CancelOpenOrdersCancelSide:
    if value in CANCEL_OPEN_ORDERS_CANCEL_SIDE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CANCEL_OPEN_ORDERS_CANCEL_SIDE_VALUES!r}"
    )
