"""One exception tree for everything that can go wrong talking to Upbit.

Status errors are built from the raw response *before* any model parsing, so a plain-text 429
or an HTML 502 page becomes a typed error instead of a JSON decode error. Upbit's error names
get their own classes; because one name can arrive with different statuses (``out_of_scope`` is
401 or 403), the raised object is an instance of both the name class and the status class.
"""

from __future__ import annotations

import codecs
import json
import math
import re
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any, Final, cast

import httpx

__all__ = [
    "BadRequest",
    "CancelTooLate",
    "CircuitOpenError",
    "CreateOrderError",
    "CurrencyNotFound",
    "DepositNotFound",
    "DuplicatedIdentifier",
    "ExpiredAccessKey",
    "Forbidden",
    "HTTPStatusError",
    "InsufficientFunds",
    "InvalidAccessKey",
    "InvalidParameter",
    "InvalidPostOnly",
    "InvalidPrice",
    "InvalidQueryPayload",
    "InvalidTimeInForce",
    "InvalidVolume",
    "IpBanned",
    "JwtVerification",
    "MarketNotFound",
    "MarketOffline",
    "NoAuthorizationIp",
    "NoAuthorizationToken",
    "NonceUsed",
    "NotFound",
    "OrderNotFound",
    "OrderStateUnknown",
    "OutOfScope",
    "OverMaxTotal",
    "PocketNotFound",
    "RateLimited",
    "ResponseTooLarge",
    "ServerError",
    "ThirdPartyAgreementRequired",
    "TransportError",
    "Unauthorized",
    "UnderMinTotal",
    "UnexpectedResponse",
    "UpbitConnectionError",
    "UpbitError",
    "UpbitTimeout",
    "ValidationFailed",
    "WithdrawAddressNotRegistered",
    "WithdrawLocked",
    "WithdrawNotFound",
    "error_from_response",
    "explain",
    "parse_retry_after",
    "transport_error_from",
]

BODY_LIMIT: Final = 2048
"""Characters of the response body kept on an error: enough to diagnose, bounded for logs."""

_JSON_PARSE_LIMIT: Final = 1 << 20
_ONE_LINE_LIMIT: Final = 300


class UpbitError(Exception):
    """Base of every error this package raises about a request to Upbit."""

    hint: str = ""
    _fields: dict[str, Any]

    def __init__(self, line: str, **fields: Any) -> None:
        super().__init__(line)
        self._fields = fields

    def __reduce__(self) -> str | tuple[Any, ...]:
        # Keyword-only constructors and generated combined classes defeat Exception's default
        # pickling; rebuild from the recorded fields so errors cross process boundaries.
        cls = type(self)
        if cls.__init__ is UpbitError.__init__:
            return super().__reduce__()
        key: object = getattr(cls, "_combined_from", None) or cls
        return (_restore, (key, self._fields))


# --- transport side ---------------------------------------------------------------------------


class TransportError(UpbitError):
    """No HTTP response arrived. ``may_have_been_sent`` tells whether Upbit may have acted."""

    method: str
    path: str
    may_have_been_sent: bool
    detail: str

    def __init__(
        self, *, method: str, path: str, may_have_been_sent: bool, detail: str = ""
    ) -> None:
        self.method = _clean_method(method)
        self.path = _clean_path(path)
        self.may_have_been_sent = may_have_been_sent
        self.detail = detail
        self.hint = (
            "The request may have reached Upbit: retry reads freely, but look an order up by its"
            " identifier before sending it again."
            if may_have_been_sent
            else "The request never reached Upbit, so it is safe to send it again."
        )
        kind = "timeout" if isinstance(self, UpbitTimeout) else "connection error"
        line = f"{kind} on {self.method} {self.path}"
        if detail:
            line += f": {detail}"
        super().__init__(
            f"{line} — {self.hint}",
            method=self.method,
            path=self.path,
            may_have_been_sent=may_have_been_sent,
            detail=detail,
        )


class UpbitTimeout(TransportError):
    """Connect/pool timeouts never sent the request; read/write timeouts may have."""


class UpbitConnectionError(TransportError):
    """A refused connection never sent the request; a reset or protocol error after it may have."""


class UnexpectedResponse(UpbitError):
    """A success answer whose body does not have the shape the spec describes.

    Raised instead of a ``KeyError``/``TypeError`` from inside the generated parser: the API
    changed, or something between the client and Upbit rewrote the answer.
    """

    method: str
    path: str

    def __init__(self, *, method: str, path: str, detail: str) -> None:
        self.method = _clean_method(method)
        self.path = _clean_path(path)
        self.hint = (
            "Upbit answered in a shape spec/upbit.yaml does not describe; update the spec"
            " (make regenerate) if the API changed."
        )
        super().__init__(
            f"unexpected answer to {self.method} {self.path}: {_one_line(detail)} — {self.hint}",
            method=self.method,
            path=self.path,
            detail=detail,
        )


class ResponseTooLarge(UpbitError):
    """The reply exceeded the size cap; reading stopped instead of buffering an unbounded body."""

    limit: int
    method: str
    path: str

    def __init__(self, *, limit: int, method: str, path: str) -> None:
        self.limit = limit
        self.method = _clean_method(method)
        self.path = _clean_path(path)
        self.hint = (
            "Raise the response size cap if this endpoint legitimately returns more, or narrow"
            " the query (fewer markets, a smaller count)."
        )
        super().__init__(
            f"response to {self.method} {self.path} exceeded {limit} bytes — {self.hint}",
            limit=limit,
            method=self.method,
            path=self.path,
        )


class CircuitOpenError(UpbitError):
    """Requests to a host failed repeatedly, so the client refuses to send for a cool-down."""

    host: str
    retry_after: float | None

    def __init__(self, *, host: str, retry_after: float | None = None) -> None:
        self.host = host
        self.retry_after = retry_after
        self.hint = (
            "Recent requests kept failing with transport errors or 5xx; wait for the cool-down"
            " and check Upbit's status before sending more."
        )
        when = "" if retry_after is None else f" (half-opens in {retry_after:.1f}s)"
        super().__init__(
            f"circuit open for {host}{when} — {self.hint}", host=host, retry_after=retry_after
        )


class OrderStateUnknown(UpbitError):
    """A write failed ambiguously and Upbit's state could not be confirmed.

    Raised instead of sending it again: it may have taken effect. ``identifier`` names what
    to look up (an order's client identifier, or the uuid of what was being cancelled);
    ``lookup`` is the call that shows the state.
    """

    identifier: str
    method: str
    path: str
    lookup: str

    def __init__(
        self, *, identifier: str, method: str, path: str, lookup: str = "", action: str = "placed"
    ) -> None:
        self.identifier = identifier
        self.method = _clean_method(method)
        self.path = _clean_path(path)
        self.lookup = lookup or f"get_order(identifier={identifier!r})"
        self.hint = (
            f"It may or may not have been {action}; check {self.lookup} before trying again."
        )
        super().__init__(
            f"state unknown after a failed {self.method} {self.path} — {self.hint}",
            identifier=identifier,
            method=self.method,
            path=self.path,
            lookup=lookup,
            action=action,
        )


class CancelTooLate(UpbitError):
    """A cancel whose answer was lost found the order filled (or the withdrawal under way).

    ``state`` is the state Upbit reports now; ``found`` is the order or withdrawal as looked up.
    """

    uuid: str
    state: str
    found: Any

    def __init__(self, *, uuid: str, state: str, found: Any = None) -> None:
        self.uuid = uuid
        self.state = state
        self.found = found
        self.hint = (
            "It was filled (or processed) before the cancel reached it; nothing was cancelled."
        )
        super().__init__(
            f"cancel of {uuid} came too late: it is {state!r} — {self.hint}",
            uuid=uuid,
            state=state,
            found=found,
        )


# --- status side ------------------------------------------------------------------------------


class HTTPStatusError(UpbitError):
    """Upbit answered with status >= 400.

    ``name`` is Upbit's error name: a string for exchange APIs, an integer for quotation APIs,
    ``None`` when the body had no error object. ``message`` is the server's text verbatim.
    ``path`` never includes the query, and no credential is ever stored on the error.
    """

    status: int
    name: str | int | None
    message: str
    method: str
    path: str
    remaining_req: str | None
    body: str
    retry_after: float | None

    def __init__(
        self,
        *,
        status: int,
        name: str | int | None = None,
        message: str = "",
        method: str = "",
        path: str = "",
        remaining_req: str | None = None,
        hint: str | None = None,
        body: str = "",
        retry_after: float | None = None,
    ) -> None:
        self.status = status
        self.name = name
        self.message = message
        self.method = _clean_method(method)
        self.path = _clean_path(path)
        self.remaining_req = remaining_req
        self.hint = _hint_for(status, name) if hint is None else hint
        self.body = body[:BODY_LIMIT]
        self.retry_after = retry_after
        super().__init__(
            self._line(),
            status=status,
            name=name,
            message=message,
            method=self.method,
            path=self.path,
            remaining_req=remaining_req,
            hint=hint,
            body=self.body,
            retry_after=retry_after,
        )

    def _line(self) -> str:
        reason = httpx.codes.get_reason_phrase(self.status) or "HTTP error"
        label = self.name if isinstance(self.name, str) and self.name else reason
        if isinstance(self.name, int) and self.name != self.status:
            label = f"{reason} (name {self.name})"
        line = f"{self.status} {_one_line(label)}"
        if self.message:
            line += f": {_one_line(self.message)}"
        elif self.body.strip() and not _looks_like_html(self.body):
            line += f": unexpected body {_one_line(self.body)!r}"
        line += f" ({self.method} {self.path})"
        return f"{line}{self._extra_line()} — {self.hint}"

    def _extra_line(self) -> str:
        return "" if self.retry_after is None else f" retry after {self.retry_after:g}s"


class BadRequest(HTTPStatusError):
    """400: the request's parameters were rejected."""


class Unauthorized(HTTPStatusError):
    """401: authentication failed (key, signature, nonce, IP allow-list)."""


class Forbidden(HTTPStatusError):
    """403: authenticated, but not allowed (permissions, maintenance, account settings)."""


class NotFound(HTTPStatusError):
    """404: the market, order, deposit, pocket or currency does not exist."""


class IpBanned(HTTPStatusError):
    """418: Upbit blocked this IP or pocket after repeated 429s; ``until`` is when it ends."""

    until: datetime | None

    def __init__(self, *, until: datetime | None = None, **fields: Any) -> None:
        self.until = until
        super().__init__(**fields)
        self._fields["until"] = until

    def _extra_line(self) -> str:
        if self.until is None:
            return " block end unknown"
        return f" blocked until {self.until.isoformat(timespec='seconds')}"


class RateLimited(HTTPStatusError):
    """429: this rate-limit group is exhausted; ``retry_after`` is the server's wait, if given."""


class ServerError(HTTPStatusError):
    """5xx: Upbit failed or is under maintenance; an order may or may not have been placed."""


# Name classes. Each covers one meaning; the raised class also inherits the status class.


class CreateOrderError(HTTPStatusError):
    """``create_bid_error`` / ``create_ask_error``: the order's parameter combination is invalid."""


class InsufficientFunds(HTTPStatusError):
    """``insufficient_funds_bid`` / ``insufficient_funds_ask``."""


class UnderMinTotal(HTTPStatusError):
    """``under_min_total_bid`` / ``under_min_total_ask``."""


class OverMaxTotal(HTTPStatusError):
    """``over_krw_funds_bid``: above the maximum order amount."""


class InvalidPrice(HTTPStatusError):
    """``invalid_price_bid`` / ``invalid_price_ask`` (off the tick grid), ``invalid_funds``."""


class InvalidVolume(HTTPStatusError):
    """``invalid_volume_bid`` / ``invalid_volume_ask`` / ``volume_too_large``."""


class MarketNotFound(HTTPStatusError):
    """``notfoundmarket`` from an order, or a quotation 404 (name ``404``, "Code not found")."""


class InvalidTimeInForce(HTTPStatusError):
    """``invalid_time_in_force``."""


class InvalidPostOnly(HTTPStatusError):
    """``invalid_post_only``."""


class DuplicatedIdentifier(HTTPStatusError):
    """``duplicated_identifier``: the client-chosen identifier was used before."""


class ValidationFailed(HTTPStatusError):
    """``validation_error``: malformed request or missing parameter."""


class InvalidParameter(HTTPStatusError):
    """``invalid_parameter``."""


class WithdrawAddressNotRegistered(HTTPStatusError):
    """``withdraw_address_not_registered`` and its older spellings."""


class WithdrawLocked(HTTPStatusError):
    """``open_api_withdraw_locked``."""


class MarketOffline(HTTPStatusError):
    """``market_offline``: maintenance or suspension."""


class ThirdPartyAgreementRequired(HTTPStatusError):
    """``thirdparty_agreement_required``."""


class InvalidQueryPayload(HTTPStatusError):
    """``invalid_query_payload``: the signed query_hash did not match the request."""


class JwtVerification(HTTPStatusError):
    """``jwt_verification``."""


class InvalidAccessKey(HTTPStatusError):
    """``invalid_access_key``."""


class ExpiredAccessKey(HTTPStatusError):
    """``expired_access_key``."""


class NonceUsed(HTTPStatusError):
    """``nonce_used``."""


class NoAuthorizationIp(HTTPStatusError):
    """``no_authorization_ip`` (legacy spelling ``no_authorization_i_p``)."""


class NoAuthorizationToken(HTTPStatusError):
    """``no_authorization_token``."""


class OutOfScope(HTTPStatusError):
    """``out_of_scope`` (sent as 401 or 403 depending on the API area)."""


class OrderNotFound(HTTPStatusError):
    """``order_not_found``."""


class DepositNotFound(HTTPStatusError):
    """``deposit_not_found``."""


class WithdrawNotFound(HTTPStatusError):
    """``withdraw_not_found``."""


class PocketNotFound(HTTPStatusError):
    """``pocket_not_found``."""


class CurrencyNotFound(HTTPStatusError):
    """``currency_not_found``."""


_NAMES: Final[dict[str, tuple[type[HTTPStatusError], str]]] = {
    "create_bid_error": (
        CreateOrderError,
        "Upbit rejected the buy order as a whole: check the ord_type combination (limit needs"
        " price and volume; price, a market buy, needs price only; best needs time_in_force).",
    ),
    "create_ask_error": (
        CreateOrderError,
        "Upbit rejected the sell order as a whole: check the ord_type combination (limit needs"
        " price and volume; market, a market sell, needs volume only; best needs time_in_force).",
    ),
    "insufficient_funds_bid": (
        InsufficientFunds,
        "Not enough available quote currency (e.g. KRW) to buy, fees included and funds locked"
        " in open orders excluded: lower the amount or cancel open orders.",
    ),
    "insufficient_funds_ask": (
        InsufficientFunds,
        "Not enough available coin to sell (volume locked in open orders does not count): lower"
        " the volume or cancel open orders.",
    ),
    "under_min_total_bid": (
        UnderMinTotal,
        "The buy total (price x volume) is below the market's minimum order amount (5,000 KRW on"
        " KRW markets; get_order_chance shows it): increase the order.",
    ),
    "under_min_total_ask": (
        UnderMinTotal,
        "The sell total (price x volume) is below the market's minimum order amount (5,000 KRW on"
        " KRW markets; get_order_chance shows it): increase the order.",
    ),
    "over_krw_funds_bid": (
        OverMaxTotal,
        "The buy total is above the maximum order amount (1,000,000,000 KRW): split the order.",
    ),
    "invalid_price_bid": (
        InvalidPrice,
        "The buy price is not on the market's tick grid: round it with round_price() (tick size"
        " from the orderbook instruments).",
    ),
    "invalid_price_ask": (
        InvalidPrice,
        "The sell price is not on the market's tick grid: round it with round_price() (tick size"
        " from the orderbook instruments).",
    ),
    "invalid_funds": (
        InvalidPrice,
        "The order amount is invalid (for a market buy, price is the quote amount to spend):"
        " check its value and precision.",
    ),
    "invalid_volume_bid": (
        InvalidVolume,
        "The buy volume is invalid (zero, negative, too many decimals or out of range): check"
        " its value and precision.",
    ),
    "invalid_volume_ask": (
        InvalidVolume,
        "The sell volume is invalid (zero, negative, too many decimals or out of range): check"
        " its value and precision.",
    ),
    "volume_too_large": (
        InvalidVolume,
        "The volume exceeds the maximum allowed for one order: reduce it or split the order.",
    ),
    "notfoundmarket": (
        MarketNotFound,
        "Upbit has no such market: use the QUOTE-BASE form (e.g. KRW-BTC, uppercase) and a market"
        " listed by list_trading_pairs.",
    ),
    "invalid_time_in_force": (
        InvalidTimeInForce,
        "time_in_force is missing or not allowed for this ord_type (best needs ioc or fok;"
        " post_only only with limit): fix the combination.",
    ),
    "invalid_post_only": (
        InvalidPostOnly,
        "post_only cannot be combined with smp_type: send one or the other.",
    ),
    "duplicated_identifier": (
        DuplicatedIdentifier,
        "This identifier was used before (identifiers are single-use, even for cancelled"
        " orders): use a new one — after an ambiguous failure, look the order up by it instead.",
    ),
    "validation_error": (
        ValidationFailed,
        "The request is malformed or misses a required parameter; the message names the field.",
    ),
    "invalid_parameter": (
        InvalidParameter,
        "A parameter has a wrong value, format or range: compare it with the endpoint's rules.",
    ),
    "withdraw_address_not_registered": (
        WithdrawAddressNotRegistered,
        "The withdrawal address is not on the Open API allow-list: register it at upbit.com"
        " (Open API management, withdrawal addresses) and send exactly that address and tag.",
    ),
    "open_api_withdraw_locked": (
        WithdrawLocked,
        "Withdrawals through the Open API are locked for this account: unlock them in Upbit's"
        " security settings, then retry.",
    ),
    "market_offline": (
        MarketOffline,
        "The market or system is under maintenance: retry after it ends (get_wallet_status and"
        " Upbit's notices show the schedule).",
    ),
    "thirdparty_agreement_required": (
        ThirdPartyAgreementRequired,
        "Upbit needs your consent to third-party sharing of personal information for this"
        " action: give it in the Upbit app or website, then retry.",
    ),
    "invalid_query_payload": (
        InvalidQueryPayload,
        "query_hash did not match the sent query — the signed string must be the exact"
        " unencoded query in sending order (arrays as key[]=v, JSON bodies in key order).",
    ),
    "jwt_verification": (
        JwtVerification,
        "The JWT signature did not verify: check the secret key (used as-is, not base64-decoded)"
        " and that the token's alg is HS512 or HS256.",
    ),
    "invalid_access_key": (
        InvalidAccessKey,
        "Upbit does not know this access key: check UPBIT_ACCESS_KEY for typos or a deleted key.",
    ),
    "expired_access_key": (
        ExpiredAccessKey,
        "The API key has expired: issue a new key at upbit.com (Open API management).",
    ),
    "nonce_used": (
        NonceUsed,
        "This nonce was used before: every request, each retry included, needs a fresh UUID4"
        " nonce in a newly signed JWT.",
    ),
    "no_authorization_ip": (
        NoAuthorizationIp,
        "Register this machine's public IP in the API key settings at upbit.com (Open API"
        " management); requests from other IPs are refused.",
    ),
    "no_authorization_token": (
        NoAuthorizationToken,
        "The request carried no Authorization header: this endpoint needs API keys (pass"
        " access_key/secret_key or set UPBIT_ACCESS_KEY/UPBIT_SECRET_KEY).",
    ),
    "out_of_scope": (
        OutOfScope,
        "The API key lacks the permission for this endpoint (e.g. orders, withdrawals): enable"
        " it in the key's settings at upbit.com or use a key that has it.",
    ),
    "order_not_found": (
        OrderNotFound,
        "No order with this uuid or identifier exists in this pocket; right after a failed"
        " create_order it means the order was not placed.",
    ),
    "deposit_not_found": (
        DepositNotFound,
        "No deposit matches this uuid/txid and currency: check the ids.",
    ),
    "withdraw_not_found": (
        WithdrawNotFound,
        "No withdrawal matches this uuid/txid and currency: check the ids.",
    ),
    "pocket_not_found": (
        PocketNotFound,
        "No pocket has this id: list_pockets shows the valid ones.",
    ),
    "currency_not_found": (
        CurrencyNotFound,
        "Upbit does not know this currency code: codes are uppercase (BTC, KRW).",
    ),
}
_ALIASES: Final = {
    "no_authorization_i_p": "no_authorization_ip",
    "withdraw_address_not_registerd": "withdraw_address_not_registered",
    "withdraw_address": "withdraw_address_not_registered",
}

# Quotation APIs name errors by their status; their one 404 is an unknown market code ("Code not
# found"), the mistake an order reports as `notfoundmarket`, so it gets the same class and hint.
_QUOTATION_NAMES: Final[dict[int, str]] = {404: "notfoundmarket"}

_STATUS_HINTS: Final[dict[int, str]] = {
    400: "Upbit rejected the request parameters: check names, types, required parameters and"
    " value formats (markets look like KRW-BTC).",
    401: "Authentication failed: check the access/secret key pair, the JWT signature and"
    " query_hash, and the key's IP allow-list.",
    403: "The key or account may not do this: check the key's permissions and the account's"
    " settings at upbit.com.",
    404: "Not found: the market code (see list_trading_pairs), order, currency or other"
    " resource does not exist.",
    418: "Upbit blocked this IP or pocket after repeated 429s: send nothing until the block ends"
    " — continuing lengthens it.",
    429: "Too many requests in this rate-limit group: wait for the next second (or Retry-After)"
    " and slow down.",
}
_SERVER_HINT: Final = (
    "Upbit failed or is under maintenance: retry reads with backoff, and look an order up by"
    " its identifier before sending it again."
)
_OTHER_HINT: Final = "Unexpected HTTP status from Upbit; the body may say more."

_STATUS_CLASSES: Final[dict[int, type[HTTPStatusError]]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    418: IpBanned,
    429: RateLimited,
}


def explain(name: str | int) -> str:
    """Return the English hint for an Upbit error name.

    Quotation APIs name errors by their status (an int); those get the status's general hint.
    """
    if isinstance(name, bool) or not isinstance(name, str | int):
        raise TypeError(f"name must be a str or an int error name, got {type(name).__name__}")
    if isinstance(name, int):
        if name in _STATUS_HINTS or 500 <= name <= 599:
            return _status_hint(name)
        return f"Unknown Upbit error {name}: this client has no advice for it."
    entry = _lookup(name)
    if entry is not None:
        return entry[1]
    return f"Unknown Upbit error name {name!r}: this client has no specific advice for it."


def _lookup(name: str) -> tuple[type[HTTPStatusError], str] | None:
    key = name.strip().lower()
    return _NAMES.get(_ALIASES.get(key, key))


def _status_hint(status: int) -> str:
    if 500 <= status <= 599:
        return _SERVER_HINT
    return _STATUS_HINTS.get(status, _OTHER_HINT)


def _named(status: int, name: str | int | None) -> tuple[type[HTTPStatusError], str] | None:
    """The entry for Upbit's error name, or for a quotation error's (its status) meaning."""
    if isinstance(name, str):
        return _lookup(name)
    if name == status and status in _QUOTATION_NAMES:
        return _NAMES[_QUOTATION_NAMES[status]]
    return None


def _hint_for(status: int, name: str | int | None) -> str:
    entry = _named(status, name)
    if entry is not None:
        return entry[1]
    if isinstance(name, str) and name.strip():
        return f"Unknown Upbit error name {name!r}. {_status_hint(status)}"
    return _status_hint(status)


def _status_class(status: int) -> type[HTTPStatusError]:
    if 500 <= status <= 599:
        return ServerError
    return _STATUS_CLASSES.get(status, HTTPStatusError)


_combined_lock = threading.Lock()
_combined_cache: dict[tuple[type[HTTPStatusError], type[HTTPStatusError]], type[HTTPStatusError]]
_combined_cache = {}


def _combined(
    name_cls: type[HTTPStatusError], status_cls: type[HTTPStatusError]
) -> type[HTTPStatusError]:
    """Return a class that is both ``name_cls`` and ``status_cls``, created once per pair."""
    if status_cls is HTTPStatusError or issubclass(name_cls, status_cls):
        return name_cls
    key = (name_cls, status_cls)
    with _combined_lock:
        cls = _combined_cache.get(key)
        if cls is None:
            attrs = {"__module__": name_cls.__module__, "_combined_from": key}
            cls = cast(type[HTTPStatusError], type(name_cls.__name__, key, attrs))
            cls.__qualname__ = name_cls.__qualname__
            cls.__doc__ = name_cls.__doc__
            _combined_cache[key] = cls
        return cls


def _class_for(status: int, name: str | int | None) -> type[HTTPStatusError]:
    status_cls = _status_class(status)
    entry = _named(status, name)
    return status_cls if entry is None else _combined(entry[0], status_cls)


def _restore(key: object, fields: dict[str, Any]) -> UpbitError:
    cls: Any = _combined(*key) if isinstance(key, tuple) else key
    error: UpbitError = cls(**fields)
    return error


# --- building errors --------------------------------------------------------------------------


def error_from_response(
    response: httpx.Response, *, method: str, path: str, now: datetime | None = None
) -> HTTPStatusError:
    """Build the typed error for a response with status >= 400; never fails on a strange body.

    Call it after the body was read (``read()``/``aread()``); an unread body counts as empty.
    ``now`` (aware) anchors ``IpBanned.until`` and HTTP-date ``Retry-After`` values.
    """
    if not isinstance(response, httpx.Response):
        raise TypeError(f"response must be an httpx.Response, got {type(response).__name__}")
    status = response.status_code
    if status < 400:
        raise ValueError(f"response: status must be >= 400 to build an error, got {status}")
    if now is None:
        now = datetime.now(UTC)
    elif now.tzinfo is None:
        raise ValueError("now must be a timezone-aware datetime")
    secrets = _request_secrets(response)
    text = _redact(_decode(response), secrets)
    name, message = _parse_error(text)
    message = message[:BODY_LIMIT]
    headers = response.headers
    retry_after = parse_retry_after(headers.get("retry-after"), now=now.timestamp())
    fields: dict[str, Any] = {
        "status": status,
        "name": name,
        "message": message,
        "method": method,
        "path": path,
        "remaining_req": headers.get("remaining-req"),
        "body": text,
        "retry_after": retry_after,
    }
    cls = _class_for(status, name)
    if issubclass(cls, IpBanned):
        if retry_after is None:
            retry_after = _seconds_in_body(text, message)
            fields["retry_after"] = retry_after
        fields["until"] = None if retry_after is None else now + timedelta(seconds=retry_after)
    return cls(**fields)


_TRANSPORT_NOT_SENT: Final[tuple[type[httpx.TransportError], ...]] = (
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.ConnectError,
    httpx.ProxyError,
    httpx.UnsupportedProtocol,
)


def transport_error_from(exc: httpx.TransportError, *, method: str, path: str) -> TransportError:
    """Translate an httpx transport failure, deciding whether the request may have been sent.

    The original exception is chained as ``__cause__``.
    """
    if not isinstance(exc, httpx.TransportError):
        raise TypeError(f"exc must be an httpx.TransportError, got {type(exc).__name__}")
    sent = not isinstance(exc, _TRANSPORT_NOT_SENT)
    detail = _redact(str(exc), _request_secrets(exc))
    detail = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    detail = _one_line(detail)
    error: TransportError
    if isinstance(exc, httpx.TimeoutException):
        error = UpbitTimeout(method=method, path=path, may_have_been_sent=sent, detail=detail)
    else:
        error = UpbitConnectionError(
            method=method, path=path, may_have_been_sent=sent, detail=detail
        )
    error.__cause__ = exc
    return error


# --- helpers ----------------------------------------------------------------------------------

_JWT_RE: Final = re.compile(r"eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
_DURATION_RE: Final = re.compile(
    r"(\d+(?:\.\d+)?)\s*(seconds?|secs?|s|초|minutes?|mins?|m|분|hours?|hrs?|h|시간)(?![A-Za-z])",
    re.IGNORECASE,
)
_UNIT_SECONDS: Final = {"분": 60.0, "시간": 3600.0, "초": 1.0}
_DELTA_SECONDS: Final = re.compile(r"\d+(?:\.\d+)?", re.ASCII)
_MAX_DELTA_SECONDS: Final = float(2**31)


def _clean_method(method: str) -> str:
    if not isinstance(method, str):
        raise TypeError(f"method must be a str, got {type(method).__name__}")
    return method.strip().upper()


def _clean_path(path: str) -> str:
    """Keep only the URL path: queries and full URLs (which may hold user info) are dropped."""
    if not isinstance(path, str):
        raise TypeError(f"path must be a str, got {type(path).__name__}")
    path = path.split("#", 1)[0].split("?", 1)[0].strip()
    if "://" in path:
        rest = path.split("://", 1)[1]
        path = "/" + rest.split("/", 1)[1] if "/" in rest else "/"
    return path


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > _ONE_LINE_LIMIT:
        text = text[: _ONE_LINE_LIMIT - 1] + "…"
    return text


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith("<!doctype html") or "<html" in head


def _decode(response: httpx.Response) -> str:
    try:
        content = response.content
    except httpx.ResponseNotRead:
        return ""
    encoding = response.charset_encoding or "utf-8"
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "utf-8"
    return content.decode(encoding, errors="replace")


def _request_secrets(source: httpx.Response | httpx.TransportError) -> list[str]:
    """The Authorization value and bare token of the request behind ``source``, if any."""
    try:
        authorization = source.request.headers.get("authorization")
    except RuntimeError:
        return []
    if not authorization:
        return []
    token = authorization.split(None, 1)[-1].strip()
    return [s for s in (authorization.strip(), token) if len(s) >= 8]


def _redact(text: str, secrets: list[str]) -> str:
    """Scrub credentials a server (or an httpx message) might echo back."""
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, "[REDACTED]")
    return _JWT_RE.sub("[REDACTED]", text)


def _parse_error(text: str) -> tuple[str | int | None, str]:
    """Return Upbit's (name, message) from a body of any shape."""
    stripped = text.strip()
    if not stripped:
        return None, ""
    if stripped[0] in '{["' and len(stripped) <= _JSON_PARSE_LIMIT:
        try:
            data = json.loads(stripped)
        except (ValueError, RecursionError):
            data = None
        else:
            return _from_json(data)
    if _looks_like_html(stripped):
        return None, ""
    return None, stripped


def _from_json(data: object) -> tuple[str | int | None, str]:
    if isinstance(data, str):
        return None, data
    if not isinstance(data, dict):
        return None, ""
    error = data.get("error", data)
    if isinstance(error, str):
        return None, error
    if not isinstance(error, dict):
        return None, ""
    name = error.get("name")
    if isinstance(name, bool) or not isinstance(name, str | int):
        name = None
    message = error.get("message")
    if isinstance(message, str):
        return name, message
    if message is None:
        return name, ""
    return name, json.dumps(message, ensure_ascii=False)


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header value, or ``None`` if absent or unusable.

    The one parser for every user of the header (the error's ``retry_after``, the retry delay,
    the rate limiter). Rules:

    - delta-seconds, a fraction tolerated: ``0`` is a real answer (retry now; the backoff
      still applies), a value too large for a float counts as 2**31 seconds (RFC 9111 1.2.2);
    - an HTTP date in any of its three forms, measured against ``now`` (Unix time, default
      ``time.time()``); a date without a zone is GMT, as every HTTP date is; a past date is 0;
    - negative numbers and junk are "not given", so a broken header never cuts a wait short.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"value must be a str or None, got {type(value).__name__}")
    if now is not None and (
        isinstance(now, bool) or not isinstance(now, int | float) or not math.isfinite(now)
    ):
        raise ValueError(f"now must be a finite Unix time, got {now!r}")
    text = value.strip()
    if not text:
        return None
    if _DELTA_SECONDS.fullmatch(text):
        return min(float(text), _MAX_DELTA_SECONDS)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    try:
        target = when.timestamp()
    except (OverflowError, ValueError, OSError):
        return None
    return max(0.0, target - (time.time() if now is None else now))


def _seconds_in_body(text: str, message: str) -> float | None:
    """Find a block duration in a 418 body, whose format Upbit does not document."""
    stripped = text.strip()
    try:
        bare = float(stripped)
    except ValueError:
        pass
    else:
        return bare if math.isfinite(bare) and bare >= 0 else None
    for source in (message, stripped):
        match = _DURATION_RE.search(source)
        if match:
            number, unit = float(match.group(1)), match.group(2).lower()
            if unit in _UNIT_SECONDS:
                return number * _UNIT_SECONDS[unit]
            if unit.startswith("h"):
                return number * 3600.0
            if unit.startswith("m"):
                return number * 60.0
            return number
    return None
