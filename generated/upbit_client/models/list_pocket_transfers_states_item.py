from typing import Literal

ListPocketTransfersStatesItem = Literal["done", "failed", "processing", "submitted"]

LIST_POCKET_TRANSFERS_STATES_ITEM_VALUES: set[ListPocketTransfersStatesItem] = {
    "done",
    "failed",
    "processing",
    "submitted",
}


def check_list_pocket_transfers_states_item(
    value: str,
) -> ListPocketTransfersStatesItem:
    if value in LIST_POCKET_TRANSFERS_STATES_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_POCKET_TRANSFERS_STATES_ITEM_VALUES!r}"
    )
