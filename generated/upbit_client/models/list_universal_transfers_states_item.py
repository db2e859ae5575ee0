from typing import Literal

ListUniversalTransfersStatesItem = Literal["done", "failed", "processing", "submitted"]

LIST_UNIVERSAL_TRANSFERS_STATES_ITEM_VALUES: set[ListUniversalTransfersStatesItem] = {
    "done",
    "failed",
    "processing",
    "submitted",
}


def check_list_universal_transfers_states_item(
    value: str,
) -> ListUniversalTransfersStatesItem:
    if value in LIST_UNIVERSAL_TRANSFERS_STATES_ITEM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_UNIVERSAL_TRANSFERS_STATES_ITEM_VALUES!r}"
    )
