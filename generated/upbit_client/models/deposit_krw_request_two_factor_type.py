from typing import Literal

DepositKrwRequestTwoFactorType = Literal["hana", "kakao", "naver"]

DEPOSIT_KRW_REQUEST_TWO_FACTOR_TYPE_VALUES: set[DepositKrwRequestTwoFactorType] = {
    "hana",
    "kakao",
    "naver",
}


def check_deposit_krw_request_two_factor_type(
    value: str,
) -> DepositKrwRequestTwoFactorType:
    if value in DEPOSIT_KRW_REQUEST_TWO_FACTOR_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {DEPOSIT_KRW_REQUEST_TWO_FACTOR_TYPE_VALUES!r}"
    )
