from typing import Literal

ListPocketTransfersDirection = Literal["all", "in", "out"]

LIST_POCKET_TRANSFERS_DIRECTION_VALUES: set[ListPocketTransfersDirection] = {
    "all",
    "in",
    "out",
}


def check_list_pocket_transfers_direction(value: str) -> ListPocketTransfersDirection:
    if value in LIST_POCKET_TRANSFERS_DIRECTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_POCKET_TRANSFERS_DIRECTION_VALUES!r}"
    )
