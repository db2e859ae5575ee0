from typing import Literal

CreateOrderRequestTimeInForce = Literal["fok", "ioc", "post_only"]

CREATE_ORDER_REQUEST_TIME_IN_FORCE_VALUES: set[CreateOrderRequestTimeInForce] = {
    "fok",
    "ioc",
    "post_only",
}


def check_create_order_request_time_in_force(
    value: str,
) -> CreateOrderRequestTimeInForce:
    if value in CREATE_ORDER_REQUEST_TIME_IN_FORCE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CREATE_ORDER_REQUEST_TIME_IN_FORCE_VALUES!r}"
    )
