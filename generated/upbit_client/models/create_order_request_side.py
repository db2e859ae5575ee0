from typing import Literal

CreateOrderRequestSide = Literal["ask", "bid"]

CREATE_ORDER_REQUEST_SIDE_VALUES: set[CreateOrderRequestSide] = {
    "ask",
    "bid",
}


def check_create_order_request_side(value: str) -> CreateOrderRequestSide:
    if value in CREATE_ORDER_REQUEST_SIDE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CREATE_ORDER_REQUEST_SIDE_VALUES!r}"
    )
