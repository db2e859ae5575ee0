from typing import Literal

WsFormatFormat = Literal["DEFAULT", "JSON_LIST", "SIMPLE", "SIMPLE_LIST"]

WS_FORMAT_FORMAT_VALUES: set[WsFormatFormat] = {
    "DEFAULT",
    "JSON_LIST",
    "SIMPLE",
    "SIMPLE_LIST",
}


def check_ws_format_format(value: str) -> WsFormatFormat:
    if value in WS_FORMAT_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {WS_FORMAT_FORMAT_VALUES!r}"
    )
