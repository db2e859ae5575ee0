from typing import Literal

CreateOrderRequestOrdType = Literal["best", "limit", "market", "price"]

CREATE_ORDER_REQUEST_ORD_TYPE_VALUES: set[CreateOrderRequestOrdType] = {
    "best",
    "limit",
    "market",
    "price",
}


def check_create_order_request_ord_type(value: str) -> CreateOrderRequestOrdType:
    if value in CREATE_ORDER_REQUEST_ORD_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CREATE_ORDER_REQUEST_ORD_TYPE_VALUES!r}"
    )
