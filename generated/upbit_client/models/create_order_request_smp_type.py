from typing import Literal

CreateOrderRequestSmpType = Literal["cancel_maker", "cancel_taker", "none", "reduce"]

CREATE_ORDER_REQUEST_SMP_TYPE_VALUES: set[CreateOrderRequestSmpType] = {
    "cancel_maker",
    "cancel_taker",
    "none",
    "reduce",
}


def check_create_order_request_smp_type(value: str) -> CreateOrderRequestSmpType:
    if value in CREATE_ORDER_REQUEST_SMP_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CREATE_ORDER_REQUEST_SMP_TYPE_VALUES!r}"
    )
