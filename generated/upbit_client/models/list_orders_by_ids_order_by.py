from typing import Literal

ListOrdersByIdsOrderBy = Literal["asc", "desc"]

LIST_ORDERS_BY_IDS_ORDER_BY_VALUES: set[ListOrdersByIdsOrderBy] = {
    "asc",
    "desc",
}


def check_list_orders_by_ids_order_by(value: str) -> ListOrdersByIdsOrderBy:
    if value in LIST_ORDERS_BY_IDS_ORDER_BY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_ORDERS_BY_IDS_ORDER_BY_VALUES!r}"
    )
