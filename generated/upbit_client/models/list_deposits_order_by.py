from typing import Literal

ListDepositsOrderBy = Literal["asc", "desc"]

LIST_DEPOSITS_ORDER_BY_VALUES: set[ListDepositsOrderBy] = {
    "asc",
    "desc",
}


def check_list_deposits_order_by(value: str) -> ListDepositsOrderBy:
    if value in LIST_DEPOSITS_ORDER_BY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_DEPOSITS_ORDER_BY_VALUES!r}"
    )
