from typing import Literal

CancelAndNewOrderRequestNewSmpType = Literal[
    "cancel_maker", "cancel_taker", "none", "reduce"
]

CANCEL_AND_NEW_ORDER_REQUEST_NEW_SMP_TYPE_VALUES: set[
    CancelAndNewOrderRequestNewSmpType
] = {
    "cancel_maker",
    "cancel_taker",
    "none",
    "reduce",
}


def check_cancel_and_new_order_request_new_smp_type(
    value: str,
) -> CancelAndNewOrderRequestNewSmpType:
    if value in CANCEL_AND_NEW_ORDER_REQUEST_NEW_SMP_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CANCEL_AND_NEW_ORDER_REQUEST_NEW_SMP_TYPE_VALUES!r}"
    )
