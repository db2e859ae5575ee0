from typing import Literal

CancelAndNewOrderRequestNewTimeInForce = Literal["fok", "ioc", "post_only"]

CANCEL_AND_NEW_ORDER_REQUEST_NEW_TIME_IN_FORCE_VALUES: set[
    CancelAndNewOrderRequestNewTimeInForce
] = {
    "fok",
    "ioc",
    "post_only",
}


def check_cancel_and_new_order_request_new_time_in_force(
    value: str,
) -> CancelAndNewOrderRequestNewTimeInForce:
    if value in CANCEL_AND_NEW_ORDER_REQUEST_NEW_TIME_IN_FORCE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CANCEL_AND_NEW_ORDER_REQUEST_NEW_TIME_IN_FORCE_VALUES!r}"
    )
