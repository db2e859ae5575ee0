from typing import Literal

ListPocketTransfersOrderBy = Literal["asc", "desc"]

LIST_POCKET_TRANSFERS_ORDER_BY_VALUES: set[ListPocketTransfersOrderBy] = {
    "asc",
    "desc",
}


def check_list_pocket_transfers_order_by(value: str) -> ListPocketTransfersOrderBy:
    if value in LIST_POCKET_TRANSFERS_ORDER_BY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_POCKET_TRANSFERS_ORDER_BY_VALUES!r}"
    )
