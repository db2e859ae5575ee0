from typing import Literal

ListWithdrawalsOrderBy = Literal["asc", "desc"]

LIST_WITHDRAWALS_ORDER_BY_VALUES: set[ListWithdrawalsOrderBy] = {
    "asc",
    "desc",
}


def check_list_withdrawals_order_by(value: str) -> ListWithdrawalsOrderBy:
    if value in LIST_WITHDRAWALS_ORDER_BY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_WITHDRAWALS_ORDER_BY_VALUES!r}"
    )
