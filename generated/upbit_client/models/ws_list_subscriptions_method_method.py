from typing import Literal

WsListSubscriptionsMethodMethod = Literal["LIST_SUBSCRIPTIONS"]

WS_LIST_SUBSCRIPTIONS_METHOD_METHOD_VALUES: set[WsListSubscriptionsMethodMethod] = {
    "LIST_SUBSCRIPTIONS",
}


def check_ws_list_subscriptions_method_method(
    value: str,
) -> WsListSubscriptionsMethodMethod:
    if value in WS_LIST_SUBSCRIPTIONS_METHOD_METHOD_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WS_LIST_SUBSCRIPTIONS_METHOD_METHOD_VALUES!r}"
    )
