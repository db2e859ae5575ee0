from typing import Literal

ListUniversalTransfersOrderBy = Literal["asc", "desc"]

LIST_UNIVERSAL_TRANSFERS_ORDER_BY_VALUES: set[ListUniversalTransfersOrderBy] = {
    "asc",
    "desc",
}


def check_list_universal_transfers_order_by(
    value: str,
) -> ListUniversalTransfersOrderBy:
    if value in LIST_UNIVERSAL_TRANSFERS_ORDER_BY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_UNIVERSAL_TRANSFERS_ORDER_BY_VALUES!r}"
    )
