from typing import Literal

CancelAndNewOrderRequestNewOrdType = Literal["best", "limit", "market", "price"]

CANCEL_AND_NEW_ORDER_REQUEST_NEW_ORD_TYPE_VALUES: set[
    CancelAndNewOrderRequestNewOrdType
] = {
    "best",
    "limit",
    "market",
    "price",
}


def check_cancel_and_new_order_request_new_ord_type(
    value: str,
) -> CancelAndNewOrderRequestNewOrdType:
    if value in CANCEL_AND_NEW_ORDER_REQUEST_NEW_ORD_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CANCEL_AND_NEW_ORDER_REQUEST_NEW_ORD_TYPE_VALUES!r}"
    )
