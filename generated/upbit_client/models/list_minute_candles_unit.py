from typing import Literal

ListMinuteCandlesUnit = Literal[1, 3, 5, 10, 15, 30, 60, 240]

LIST_MINUTE_CANDLES_UNIT_VALUES: set[ListMinuteCandlesUnit] = {
    1,
    3,
    5,
    10,
    15,
    30,
    60,
    240,
}


def check_list_minute_candles_unit(value: int) -> ListMinuteCandlesUnit:
    if value in LIST_MINUTE_CANDLES_UNIT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_MINUTE_CANDLES_UNIT_VALUES!r}"
    )
