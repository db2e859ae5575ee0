from typing import Literal

ListDayCandlesConvertingPriceUnit = Literal["KRW"]

LIST_DAY_CANDLES_CONVERTING_PRICE_UNIT_VALUES: set[
    ListDayCandlesConvertingPriceUnit
] = {
    "KRW",
}


def check_list_day_candles_converting_price_unit(
    value: str,
) -> ListDayCandlesConvertingPriceUnit:
    if value in LIST_DAY_CANDLES_CONVERTING_PRICE_UNIT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_DAY_CANDLES_CONVERTING_PRICE_UNIT_VALUES!r}"
    )
