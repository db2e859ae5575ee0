from typing import Literal

WithdrawKrwRequestTwoFactorType = Literal["hana", "kakao", "naver"]

WITHDRAW_KRW_REQUEST_TWO_FACTOR_TYPE_VALUES: set[WithdrawKrwRequestTwoFactorType] = {
    "hana",
    "kakao",
    "naver",
}


def check_withdraw_krw_request_two_factor_type(
    value: str,
) -> WithdrawKrwRequestTwoFactorType:
    if value in WITHDRAW_KRW_REQUEST_TWO_FACTOR_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WITHDRAW_KRW_REQUEST_TWO_FACTOR_TYPE_VALUES!r}"
    )
