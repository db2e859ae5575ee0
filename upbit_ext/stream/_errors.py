"""Typed errors of the streams: every one is an `UpbitError`."""

from __future__ import annotations

from typing import Final

from .._errors import UpbitError

__all__ = [
    "StreamAuthError",
    "StreamClosed",
    "StreamError",
    "StreamRateLimited",
    "StreamRequestError",
    "error_from_frame",
]

_HINTS: Final = {
    "INVALID_AUTH": "Check the access/secret key and the key's permissions (myOrder needs "
    "order viewing, myAsset account viewing); a fresh token was already tried.",
    "WRONG_FORMAT": "The request frame is malformed: [{ticket}, {type...}..., {format}].",
    "NO_TICKET": "The first object of a request must be {'ticket': ...}.",
    "NO_TYPE": "Every data object needs a type.",
    "NO_CODES": "ticker, trade, orderbook and candle subscriptions need codes.",
    "INVALID_PARAM": "A type, code, level, depth or category is not accepted.",
    "Too Many Requests": "Over 5 request messages a second or 100 a minute on a connection.",
    "I'm a teapot": "Blocked for exceeding the WebSocket limits; wait before reconnecting.",
}


class StreamError(UpbitError):
    """An error frame from the server, or a stream that cannot go on."""

    def __init__(self, name: str, message: str) -> None:
        self.name = name
        self.message = message
        self.hint = _HINTS.get(name, "")
        line = f"{name}: {message}" + (f" — {self.hint}" if self.hint else "")
        super().__init__(line, name=name, message=message)

    def __reduce__(self) -> str | tuple[object, ...]:
        return (type(self), (self.name, self.message))


class StreamAuthError(StreamError):
    """`INVALID_AUTH`, or the handshake refused with 401/403: retried once with a fresh token."""


class StreamRateLimited(StreamError):
    """`Too Many Requests` / `I'm a teapot` from the server."""


class StreamRequestError(StreamError):
    """The server refused a request (`WRONG_FORMAT`, `NO_CODES`, `INVALID_PARAM`, ...)."""


class StreamClosed(StreamError):
    """The stream gave up: reconnecting is off or `max_reconnects` was reached."""


def error_from_frame(name: str, message: str) -> StreamError:
    if name == "INVALID_AUTH":
        return StreamAuthError(name, message)
    if name in {"Too Many Requests", "I'm a teapot"}:
        return StreamRateLimited(name, message)
    return StreamRequestError(name, message)
