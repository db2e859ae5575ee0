"""`Upbit` and `AsyncUpbit`: the generated client behind a transport stack that makes it safe.

facade method → argument checks → generated call → httpx client (auth per attempt,
rate limits and size cap in the transport, typed error raised from the response hook
before any parsing) → wire. Retries and order de-duplication run around the generated
call (see `_flow`), so every attempt is signed again.

Per-call options (`with_options`) travel in a context variable from the facade call to the
auth step, which adds extra query parameters and headers before signing (so `query_hash`
covers them) and sets the request's timeout.
"""

from __future__ import annotations

import asyncio
import contextvars
import copy
import dataclasses
import os
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Literal, Self, TypeVar

import httpx
from dotenv import dotenv_values
from upbit_client import AuthenticatedClient
from upbit_client.models import (
    BatchCancelResult,
    CancelAndNewOrderResult,
    DayCandle,
    MinuteCandle,
    MonthCandle,
    Order,
    OrderbookInstrument,
    OrderListItem,
    SecondCandle,
    Ticker,
    Trade,
    TradingPair,
    WeekCandle,
    Withdrawal,
    YearCandle,
)

from . import _operations as _ops
from ._auth import UpbitAuth, is_loopback
from ._base import Operation, RawResponse
from ._errors import (
    BadRequest,
    CancelTooLate,
    DuplicatedIdentifier,
    IpBanned,
    NotFound,
    OrderNotFound,
    OrderStateUnknown,
    UnexpectedResponse,
    UpbitError,
    error_from_response,
    transport_error_from,
)
from ._flow import CallContext, LookUp, NotApplied, lookup_flow, request_flow, run_async, run_sync
from ._limits import LimiterBlocked, RateLimiter, RateSpec, scope_for_access_key, shared_limiter
from ._log import ErrorLog, setup_logging
from ._operations import OPERATIONS
from ._paging import (
    CandleQuery,
    TTLCache,
    candle_query,
    candle_time,
    closed_order_windows,
    first_page,
    item_key,
    market_chunks,
    next_page,
    to_utc,
    wire_time,
)
from ._retry import RetryPolicy, breaker_for
from ._ticks import TICK_TABLES, round_to_tick, table_tick_size
from ._transport import AsyncUpbitTransport, OperationRouter, TransportGuard, UpbitTransport
from ._validate import check_currency, check_market, format_money, prepare

__all__ = ["REGIONS", "AsyncUpbit", "Candle", "Upbit"]

Candle = SecondCandle | MinuteCandle | DayCandle | WeekCandle | MonthCandle | YearCandle
RoundingMode = Literal["down", "up", "nearest"]
Region = Literal["kr", "sg", "id", "th"]

# Hosts as Upbit's official SDK and the global docs give them.
REGIONS: dict[str, str] = {
    "kr": "https://api.upbit.com",
    "sg": "https://sg-api.upbit.com",
    "id": "https://id-api.upbit.com",
    "th": "https://th-api.upbit.com",
}
# Upbit publishes per-group limits for Korea only. Korea's `order` group went from 8/s to 12/s
# on 2026-08-21 (a Korean notice); the global docs name no figures, so sg/id/th keep the older
# 8/s for orders and Korea's other limits. Remaining-Req and 429s correct either way.
REGION_RATES: dict[str, dict[str, RateSpec]] = {
    "kr": {},
    **{r: {"order": (8, 1.0)} for r in ("sg", "id", "th")},
}
DEFAULT_BASE_URL = REGIONS["kr"]
DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=3.0)
DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024
USER_AGENT = "upbit-python/0.1"
# Operations that place an order: they get a client identifier so they are never sent twice.
ORDER_IDENTIFIERS = {"create_order": "identifier", "cancel_and_new_order": "new_identifier"}
_ROUTER = OperationRouter(OPERATIONS)
setup_logging()


@dataclasses.dataclass(frozen=True, slots=True)
class _CallOptions:
    """What `with_options` changes for the calls of one client view."""

    timeout: httpx.Timeout | None = None
    extra_query: tuple[tuple[str, str], ...] = ()
    extra_headers: tuple[tuple[str, str], ...] = ()

    def merged(
        self,
        timeout: httpx.Timeout | float | None,
        extra_query: Mapping[str, str | int] | None,
        extra_headers: Mapping[str, str] | None,
    ) -> _CallOptions:
        if timeout is not None:
            if isinstance(timeout, bool) or not isinstance(timeout, int | float | httpx.Timeout):
                raise TypeError(
                    f"timeout must be seconds or an httpx.Timeout, got {type(timeout).__name__}"
                )
            if not isinstance(timeout, httpx.Timeout) and not timeout > 0:
                raise ValueError(f"timeout must be a number of seconds > 0, got {timeout!r}")
        query = dict(self.extra_query)
        query.update(_pairs("extra_query", extra_query, (str, int)))
        headers = dict(self.extra_headers)
        headers.update(_pairs("extra_headers", extra_headers, (str,)))
        return _CallOptions(
            timeout=httpx.Timeout(timeout) if timeout is not None else self.timeout,
            extra_query=tuple(query.items()),
            extra_headers=tuple(headers.items()),
        )


def _pairs(name: str, values: Mapping[str, Any] | None, kinds: tuple[type, ...]) -> dict[str, str]:
    if values is None:
        return {}
    if not isinstance(values, Mapping):
        raise TypeError(f"{name} must be a mapping of names to values, got {type(values).__name__}")
    out: dict[str, str] = {}
    for key, value in values.items():
        if not isinstance(key, str) or not key:
            raise ValueError(f"{name}: names must be non-empty strings, got {key!r}")
        if isinstance(value, bool) or not isinstance(value, kinds):
            allowed = " or ".join(k.__name__ for k in kinds)
            raise TypeError(f"{name}[{key!r}] must be {allowed}, got {type(value).__name__}")
        out[key] = str(value)
    return out


_OPTIONS: contextvars.ContextVar[_CallOptions | None] = contextvars.ContextVar(
    "upbit_ext_call_options", default=None
)


# Cancels settled by reading the state back after an ambiguous failure, and the read used.
_CANCEL_LOOKUPS = {
    "cancel_order": "get_order",
    "cancel_orders_by_ids": "list_orders_by_ids",
    "cancel_withdrawal": "get_withdrawal",
}
_OPEN_ORDER_STATES = frozenset({"wait", "watch"})
_CANCELLED_WITHDRAWAL = frozenset({"CANCELLED", "CANCELED"})


def _mask(key: str | None) -> str:
    return "None" if key is None else f"'…{key[-4:]}'" if len(key) > 8 else "'…'"


class _Core:
    """Everything the sync and async facades share: configuration, limits, policy, hooks."""

    # Why a private call has no keys; `from_env` replaces it with where it looked.
    missing_keys = (
        "this client has none; pass access_key and secret_key, or set UPBIT_ACCESS_KEY and"
        " UPBIT_SECRET_KEY and use from_env()"
    )

    def __init__(
        self,
        access_key: str | None,
        secret_key: str | None,
        *,
        region: str,
        base_url: str | None,
        max_retries: int,
        rate_limits: Mapping[str, RateSpec] | None,
        rate_limit_url: str | None,
        max_response_bytes: int,
        error_log: str | os.PathLike[str] | IO[str] | None,
        jwt_algorithm: str,
        cache_ttl: float,
        custom_transport: bool,
    ) -> None:
        if (access_key is None) != (secret_key is None):
            raise ValueError("pass both access_key and secret_key, or neither (quotation only)")
        for name, key in (("access_key", access_key), ("secret_key", secret_key)):
            if key is not None and (not isinstance(key, str) or not key.strip()):
                raise ValueError(f"{name} must be a non-empty string")
        if region not in REGIONS:
            raise ValueError(
                f"region must be one of {', '.join(map(repr, REGIONS))}; got {region!r}"
            )
        # base_url, when given, replaces the region's host and with it the host's rate table
        # (rates belong to a server: pass rate_limits= for yours); the region keeps the tick
        # tables, which belong to its markets (a sandbox standing in for sg trades SGD).
        self.region = region
        if base_url is None:
            base_url = REGIONS[region]
            region_rates = REGION_RATES[region]
            if region_rates:
                rate_limits = {**region_rates, **(rate_limits or {})}
        url = httpx.URL(base_url)
        if url.scheme not in {"https", "http"} or not url.host:
            raise ValueError(f"base_url must be an https:// URL, got {base_url!r}")
        loopback = is_loopback(url.host)
        if url.scheme == "http" and not loopback:
            raise ValueError(
                f"base_url must use https:// (plain http only for loopback): {base_url}"
            )
        if custom_transport and not loopback:
            raise ValueError("a custom transport is only accepted for a loopback base_url")
        if not isinstance(max_retries, int) or isinstance(max_retries, bool) or max_retries < 0:
            raise ValueError(f"max_retries must be an integer >= 0, got {max_retries!r}")
        if not isinstance(max_response_bytes, int) or max_response_bytes < 1024:
            raise ValueError(
                f"max_response_bytes must be an integer >= 1024, got {max_response_bytes!r}"
            )

        if not isinstance(cache_ttl, int | float) or cache_ttl < 0:
            raise ValueError(f"cache_ttl must be a number of seconds >= 0, got {cache_ttl!r}")
        self.cache = TTLCache(float(cache_ttl), time.monotonic)
        self.base_url = str(url).rstrip("/")
        # Keyed with the port: limits, bans and the breaker belong to one server.
        self.host = url.netloc.decode("ascii")
        self.access_key = access_key
        self.auth = (
            UpbitAuth(access_key, secret_key, algorithm=jwt_algorithm)
            if access_key is not None and secret_key is not None
            else None
        )
        self.ip_limiter = shared_limiter(
            "ip", host=self.host, rates=rate_limits, rate_limit_url=rate_limit_url
        )
        self.pocket_limiter = (
            shared_limiter(
                scope_for_access_key(access_key),
                host=self.host,
                rates=rate_limits,
                rate_limit_url=rate_limit_url,
            )
            if access_key is not None
            else None
        )
        self.guard = TransportGuard(_ROUTER, self._limiter_for, max_response_bytes)
        self.ctx = CallContext(
            policy=RetryPolicy(max_retries=max_retries),
            breaker=breaker_for(self.host),
            log=ErrorLog(error_log) if error_log is not None else None,
        )

    def close(self) -> None:
        """Close the error log file if this client opened it (a stream passed in stays open)."""
        if self.ctx.log is not None:
            self.ctx.log.close()

    def _limiter_for(self, op: Operation | None) -> RateLimiter:
        if op is not None and op.secured and self.pocket_limiter is not None:
            return self.pocket_limiter
        return self.ip_limiter

    def client_kwargs(self, timeout: httpx.Timeout | float) -> dict[str, Any]:
        return {
            "base_url": self.base_url,
            "timeout": timeout,
            "auth": _PrepareAndSign(self.auth),
            "headers": {"Accept": "application/json", "User-Agent": USER_AGENT},
            "follow_redirects": False,
        }

    def prepare(
        self, op: Operation, params: Mapping[str, Any], body: type[Any] | None
    ) -> tuple[dict[str, Any], str | None]:
        """Checked keyword arguments for the generated call, and the order identifier if any."""
        if op.secured and self.auth is None:
            raise ValueError(f"{op.id} needs API keys: {self.missing_keys}")
        prepared = prepare(op, params)
        identifier = None
        if op.id in ORDER_IDENTIFIERS:
            field = ORDER_IDENTIFIERS[op.id]
            identifier = prepared.setdefault(field, f"upbit-py-{uuid.uuid4()}")
        return ({"body": body(**prepared)} if body is not None else prepared), identifier

    def check(self, op_id: str, **params: Any) -> None:
        """Refuse bad arguments before a convenience uses them (as a cache key, say)."""
        prepare(OPERATIONS[op_id], params)

    def plan(
        self, op: Operation, params: Mapping[str, Any], identifier: str | None
    ) -> LookUp | None:
        """How a write that failed ambiguously is settled; None: it is never sent twice."""
        if identifier is not None:
            return LookUp(
                conflict=(DuplicatedIdentifier,),
                unknown=lambda: OrderStateUnknown(
                    identifier=identifier, method=op.method, path=op.path
                ),
                not_applied=f"Upbit has no order with identifier {identifier!r}: none was placed.",
            )
        if op.id not in _CANCEL_LOOKUPS:
            return None
        named = {k: v for k, v in params.items() if v is not None}
        key = str(next(iter(named.values()), ""))
        args = ", ".join(f"{k}={v!r}" for k, v in named.items())
        return LookUp(
            conflict=(BadRequest, NotFound),  # a repeated cancel of something already closed
            unknown=lambda: OrderStateUnknown(
                identifier=key,
                method=op.method,
                path=op.path,
                lookup=f"{_CANCEL_LOOKUPS[op.id]}({args})",
                action="cancelled",
            ),
            not_applied="Upbit still shows it open: the cancel did not take effect.",
        )

    def parsed(self, op: Operation, response: Any) -> Any:
        if response.parsed is None:
            raise UpbitError(
                f"unexpected {int(response.status_code)} answer to {op.method} {op.path}"
            )
        return response.parsed

    def transport_error(self, op: Operation, exc: Exception) -> UpbitError:
        if isinstance(exc, LimiterBlocked):
            until = datetime.fromtimestamp(exc.until, UTC)
            return IpBanned(
                status=418, until=until, method=op.method, path=op.path,
                message="blocked locally after Upbit's 418; no request sent",
            )  # fmt: skip
        assert isinstance(exc, httpx.TransportError)
        return transport_error_from(exc, method=op.method, path=op.path)

    def tick_for(
        self, market: str, price: Decimal, instruments: list[OrderbookInstrument]
    ) -> Decimal:
        """The coarser of the pair's published tick and the region's table tick for this price.

        The published tick is the one at today's price; a price in another band may need the
        table's. A multiple of the coarser tick is valid on both grids.
        """
        table = (
            table_tick_size(market, price, self.region)
            if market.split("-")[0] in TICK_TABLES[self.region]
            else None
        )
        published = next((Decimal(i.tick_size) for i in instruments if i.market == market), None)
        ticks = [t for t in (table, published) if t is not None]
        if not ticks:
            raise ValueError(f"no tick size known for {market!r}")
        return max(ticks)

    def health(self) -> dict[str, Any]:
        limits = {"ip": self.ip_limiter.snapshot()}
        if self.pocket_limiter is not None:
            limits["pocket"] = self.pocket_limiter.snapshot()
        return {
            "host": self.host,
            "region": self.region,
            "breaker": self.ctx.breaker.snapshot(),
            "limits": limits,
            "errors": dict(self.ctx.errors),
        }


class _PrepareAndSign(httpx.Auth):
    """Applies the call's options, then signs operations the spec marks as secured.

    Extra query parameters are added before signing, so `query_hash` covers them; quotation
    requests carry no token.
    """

    requires_request_body = True

    def __init__(self, auth: UpbitAuth | None) -> None:
        self._auth = auth

    def auth_flow(self, request: httpx.Request) -> Any:
        options = _OPTIONS.get()
        if options is not None:
            if options.extra_query:
                request.url = request.url.copy_merge_params(dict(options.extra_query))
            for name, value in options.extra_headers:
                request.headers[name] = value
            if options.timeout is not None:
                request.extensions = {**request.extensions, "timeout": options.timeout.as_dict()}
        op = _ROUTER.find(request.method, request.url.path)
        if self._auth is None or (op is not None and not op.secured):
            yield request
            return
        yield from self._auth.auth_flow(request)

    def __repr__(self) -> str:
        return repr(self._auth)


_F = TypeVar("_F", bound=Callable[..., Any])


def _extends(base: Callable[..., Any], note: str) -> Callable[[_F], _F]:
    """A convenience overriding an operation keeps the operation's docstring, plus a note.

    At runtime only: a type checker's hover already falls back to the base method's docstring.
    """

    def decorate(method: _F) -> _F:
        method.__doc__ = f"{base.__doc__}\n        Convenience: {note}\n        "
        return method

    return decorate


def _check_options(op: Operation, options: _CallOptions, body: type[Any] | None) -> None:
    if options.extra_query and body is not None:
        raise ValueError(
            f"extra_query cannot be sent with {op.id}: it sends a JSON body, and Upbit signs "
            "either a query string or a body, not both"
        )


def _raw_from_lookup(found: RawResponse[Any], value: Any) -> RawResponse[Any]:
    return RawResponse(found.status_code, found.headers, found.content, value)


def _settled(found: RawResponse[Any], value: Any, raw: bool) -> Any:
    """A settled write's value, or the look-up's raw response carrying it."""
    return _raw_from_lookup(found, value) if raw else value


def _raw(response: Any, parsed: Any) -> RawResponse[Any]:
    return RawResponse(
        int(response.status_code), httpx.Headers(response.headers), response.content, parsed
    )


def _page_ahead(method: Callable[..., Any], params: dict[str, Any]) -> Future[Any]:
    """`method(**params)` started now in its own thread (and the caller's context); the future
    holds its page or its error."""
    future: Future[Any] = Future()
    context = contextvars.copy_context()

    def fetch() -> None:
        try:
            future.set_result(context.run(method, **params))
        except BaseException as exc:  # handed to the reader, raised where it reads
            future.set_exception(exc)

    threading.Thread(target=fetch, name="upbit-page-ahead", daemon=True).start()
    return future


def _iterate(
    method: Callable[..., Any],
    op: Operation,
    params: dict[str, Any],
    until: Callable[[Any], bool] | None = None,
) -> Iterator[Any]:
    """Request page after page lazily; an item repeated at a page boundary is yielded once.

    The next page is asked for (in a thread) as soon as this one's cursor is known, so its
    round trip overlaps the caller's work on this one instead of adding to it.
    At most one page is ever ahead of the caller, and none is asked for once the iterator is
    closed. The first item for which `until` holds ends the iteration; no page follows it.
    """
    current = first_page(op, params)
    seen: set[Any] = set()
    page = method(**current)
    while True:
        fresh = [item for item in page if item_key(op, item) not in seen]
        seen = {item_key(op, item) for item in page}
        end = _first(until, fresh)
        if end is not None or (following := next_page(op, current, page, len(fresh))) is None:
            yield from fresh[:end]
            return
        ahead = _page_ahead(method, following)
        yield from fresh
        page, current = ahead.result(), following


async def _aiterate(
    method: Callable[..., Any],
    op: Operation,
    params: dict[str, Any],
    until: Callable[[Any], bool] | None = None,
) -> AsyncIterator[Any]:
    """`_iterate` for asyncio: the page ahead is a task, cancelled when the iterator closes."""
    current = first_page(op, params)
    seen: set[Any] = set()
    page = await method(**current)
    ahead: asyncio.Task[Any] | None = None
    try:
        while True:
            fresh = [item for item in page if item_key(op, item) not in seen]
            seen = {item_key(op, item) for item in page}
            end = _first(until, fresh)
            if end is not None or (following := next_page(op, current, page, len(fresh))) is None:
                for item in fresh[:end]:
                    yield item
                return
            ahead = asyncio.ensure_future(method(**following))
            for item in fresh:
                yield item
            page, current = await ahead, following
            ahead = None
    finally:
        if ahead is not None:  # closed (or failed) while a page was on its way
            if not ahead.done():
                ahead.cancel()
            elif not ahead.cancelled():
                ahead.exception()  # read, so asyncio does not warn it was never retrieved


def _first(until: Callable[[Any], bool] | None, items: list[Any]) -> int | None:
    """Index of the first item `until` holds for (None: none does, or no `until`)."""
    if until is None:
        return None
    return next((i for i, item in enumerate(items) if until(item)), None)


def _candle_pages(market: str, query: CandleQuery) -> tuple[Operation, dict[str, Any]]:
    """The paged operation of a candle query and its first request's arguments."""
    to = wire_time(query.end) if query.end else None
    return OPERATIONS[query.method], {
        "market": market, "to": to, "count": query.page_size, **query.extra,
    }  # fmt: skip


def _before(start: datetime | None) -> Callable[[Any], bool] | None:
    """Candles come newest first: the first one older than `start` ends the iteration."""
    if start is None:
        return None
    return lambda candle: candle_time(candle) < start


class _RawView(_ops.UpbitWithRawResponse):
    def __init__(self, facade: Upbit) -> None:
        self._facade = facade

    def _call(
        self, op: Operation, fn: Callable[..., Any], params: dict[str, Any], body: type[Any] | None
    ) -> Any:
        return self._facade._call(op, fn, params, body, raw=True)


class _AsyncRawView(_ops.AsyncUpbitWithRawResponse):
    def __init__(self, facade: AsyncUpbit) -> None:
        self._facade = facade

    async def _call(
        self, op: Operation, fn: Callable[..., Any], params: dict[str, Any], body: type[Any] | None
    ) -> Any:
        return await self._facade._call(op, fn, params, body, raw=True)


class _Pages(_ops.UpbitPaginate):
    def __init__(self, facade: Upbit) -> None:
        self._facade = facade

    def _paginate(self, op: Operation, params: dict[str, Any]) -> Any:
        self._facade._core.check(op.id, **params)  # bad arguments fail here, not at first next()
        return _iterate(getattr(self._facade, op.id), op, params)


class _AsyncPages(_ops.AsyncUpbitPaginate):
    def __init__(self, facade: AsyncUpbit) -> None:
        self._facade = facade

    def _paginate(self, op: Operation, params: dict[str, Any]) -> Any:
        self._facade._core.check(op.id, **params)
        return _aiterate(getattr(self._facade, op.id), op, params)


def _view(
    client: Any,
    timeout: httpx.Timeout | float | None,
    max_retries: int | None,
    extra_query: Mapping[str, str | int] | None,
    extra_headers: Mapping[str, str] | None,
) -> Any:
    """A shallow copy sharing the connection pool, limiter, breaker and counters."""
    view = copy.copy(client)
    view._options = client._options.merged(timeout, extra_query, extra_headers)
    if max_retries is not None:
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise ValueError(f"max_retries must be an integer >= 0, got {max_retries!r}")
        policy = dataclasses.replace(client._ctx.policy, max_retries=max_retries)
        view._ctx = dataclasses.replace(client._ctx, policy=policy)
    view._owner = False
    return view


def _raise_for_status(response: httpx.Response) -> None:
    if response.status_code >= 400:
        response.read()
        raise error_from_response(
            response, method=response.request.method, path=response.request.url.path
        )


async def _araise_for_status(response: httpx.Response) -> None:
    if response.status_code >= 400:
        await response.aread()
        raise error_from_response(
            response, method=response.request.method, path=response.request.url.path
        )


_KEY_VARIABLES = ("UPBIT_ACCESS_KEY", "UPBIT_SECRET_KEY")


def _env_credentials(
    env_file: str | os.PathLike[str] | None, owner: str
) -> tuple[str | None, str | None, str]:
    """Both keys (each from the environment, else the .env file), and where they were sought.

    A blank variable counts as unset. One key without the other is refused here, naming the
    missing one; with neither, the last item says where `from_env` looked, for the error a
    private call raises later (quotation methods need no keys).
    """
    path = Path(env_file).absolute() if env_file is not None else None
    from_file = dotenv_values(path) if path is not None and path.is_file() else {}
    found: dict[str, str] = {}
    for name in _KEY_VARIABLES:
        value = next(
            (v for v in (os.environ.get(name), from_file.get(name)) if v and v.strip()), None
        )
        if value is not None:
            found[name] = value
    if path is None:
        where = "the environment only, env_file=None"
    elif path.is_file():
        where = f"the environment and {path}"
    else:
        where = f"the environment and {path}, which does not exist"
    if len(found) == 1:
        (present,) = found
        (missing,) = set(_KEY_VARIABLES) - set(found)
        raise ValueError(
            f"{owner}.from_env(): {present} is set but {missing} is not (looked in {where});"
            " set both, or neither for a quotation-only client"
        )
    hint = (
        f"neither UPBIT_ACCESS_KEY nor UPBIT_SECRET_KEY is set ({owner}.from_env() looked in"
        f" {where})"
    )
    return found.get("UPBIT_ACCESS_KEY"), found.get("UPBIT_SECRET_KEY"), hint


def _order_from_lookup(found: Any) -> Order:
    data = found.to_dict()
    data.pop("trades", None)
    return Order.from_dict(data)


def _cancel_and_new_from_lookup(prev: Any, new: Any) -> CancelAndNewOrderResult:
    data = prev.to_dict()
    data.pop("trades", None)
    data["new_order_uuid"] = new.uuid
    if new.identifier:
        data["new_order_identifier"] = new.identifier
    return CancelAndNewOrderResult.from_dict(data)


def _cancelled_order(found: Any) -> Order:
    """The looked-up order of an ambiguous cancel, or why it was not cancelled."""
    if found.state in _OPEN_ORDER_STATES:
        raise NotApplied()
    if found.state == "done":
        raise CancelTooLate(uuid=found.uuid, state=found.state, found=found)
    return _order_from_lookup(found)


def _cancelled_withdrawal(found: Withdrawal) -> Withdrawal:
    if found.state.upper() in _CANCELLED_WITHDRAWAL:
        return found
    if found.state.upper() == "WAITING":
        raise NotApplied()
    raise CancelTooLate(uuid=found.uuid, state=found.state, found=found)


def _batch_from_lookup(
    asked: list[str], by: str, found: list[OrderListItem], again: BatchCancelResult | None
) -> BatchCancelResult:
    """The batch result an ambiguous batch cancel would have answered, read back from Upbit.

    Orders now cancelled count as cancelled (one cancelled before the call counts too, where
    Upbit's own answer would list it as failed); the still-open ones were sent once more.
    """
    success: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    seen: set[str] = set()
    for order in found:
        item = {"uuid": order.uuid, "market": order.market}
        if isinstance(order.identifier, str):
            item["identifier"] = order.identifier
        seen.add(str(item.get(by, "")))
        if order.state == "cancel":
            success.append(item)
        elif order.state not in _OPEN_ORDER_STATES:
            failed.append(item)
    for value in asked:
        if value not in seen:
            failed.append({"uuid": value, "market": ""} if by == "uuid" else
                          {"uuid": "", "market": "", "identifier": value})  # fmt: skip
    if again is not None:
        success += [o.to_dict() for o in again.success.orders]
        failed += [o.to_dict() for o in again.failed.orders]
    return BatchCancelResult.from_dict({
        "success": {"count": len(success), "orders": success},
        "failed": {"count": len(failed), "orders": failed},
    })  # fmt: skip


def _batch_ids(params: Mapping[str, Any]) -> tuple[str, list[str]]:
    if params.get("uuids"):
        return "uuid", list(params["uuids"])
    return "identifier", list(params.get("identifiers") or [])


class Upbit(_ops.Upbit):
    """Synchronous Upbit client. Quotation methods work without keys.

    One pooled keep-alive connection pool per instance; use it as a context manager or
    call `close()`. Rate limits are shared by every client of the process, and beyond it
    through a store named by `rate_limit_url=` (else `UPBIT_RATE_LIMIT_URL`):
    `redis://host:6379/0` for every process on every host using that Redis server,
    `sqlite:///path/limits.db` for the processes of this machine, `memory://` (the default)
    for this process only. A bad URL is a `ValueError`, an unreachable Redis a
    `LimiterUnavailable`, both raised here. Clients of one process share one store per host:
    naming another than the first client's is a `ValueError`.
    """

    def __init__(
        self,
        access_key: str | None = None,
        secret_key: str | None = None,
        *,
        region: Region = "kr",
        base_url: str | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        rate_limits: Mapping[str, RateSpec] | None = None,
        rate_limit_url: str | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        error_log: str | os.PathLike[str] | IO[str] | None = None,
        jwt_algorithm: str = "HS512",
        cache_ttl: float = 60.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._core = _Core(
            access_key, secret_key, region=region, base_url=base_url, max_retries=max_retries,
            rate_limits=rate_limits, rate_limit_url=rate_limit_url,
            max_response_bytes=max_response_bytes,
            error_log=error_log, jwt_algorithm=jwt_algorithm, cache_ttl=cache_ttl,
            custom_transport=transport is not None,
        )  # fmt: skip
        inner = transport if transport is not None else httpx.HTTPTransport()
        self._http = httpx.Client(
            **self._core.client_kwargs(timeout),
            transport=UpbitTransport(inner, self._core.guard, stock_http11=transport is None),
            event_hooks={"response": [_raise_for_status]},
        )
        self._client = AuthenticatedClient(base_url=self._core.base_url, token="")
        self._client.set_httpx_client(self._http)
        self._options = _CallOptions()
        self._ctx = self._core.ctx
        self._owner = True

    @classmethod
    def from_env(cls, *, env_file: str | os.PathLike[str] | None = ".env", **kwargs: Any) -> Self:
        """Keys from `UPBIT_ACCESS_KEY` / `UPBIT_SECRET_KEY` (environment first, then `env_file`).

        With neither set the client is quotation-only, and a private call's error says where
        they were looked for; one without the other is a `ValueError` here.
        """
        access_key, secret_key, hint = _env_credentials(env_file, cls.__name__)
        client = cls(access_key, secret_key, **kwargs)
        client._core.missing_keys = hint
        return client

    def __repr__(self) -> str:
        key = _mask(self._core.access_key)
        return f"Upbit(base_url={self._core.base_url!r}, access_key={key})"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if not self._owner:
            return
        self._http.close()
        self._core.close()

    def with_options(
        self,
        *,
        timeout: httpx.Timeout | float | None = None,
        max_retries: int | None = None,
        extra_query: Mapping[str, str | int] | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Self:
        """A view of this client whose calls use these options; it shares the connection
        pool, rate limiter, circuit breaker and counters (closing it closes nothing).

        `timeout` (seconds or `httpx.Timeout`) and `max_retries` replace the client's;
        `extra_query` and `extra_headers` are added to every request, for parameters the spec
        does not know yet (extra query parameters are signed like the others).
        """
        view: Self = _view(self, timeout, max_retries, extra_query, extra_headers)
        return view

    @property
    def with_raw_response(self) -> _ops.UpbitWithRawResponse:
        """The same methods, answering a `RawResponse`: status, headers, body and `.parse()`."""
        return _RawView(self)

    @property
    def paginate(self) -> _ops.UpbitPaginate:
        """Each list operation that pages, as a lazy iterator over every item of every page."""
        return _Pages(self)

    def health(self) -> dict[str, Any]:
        """Circuit breaker state, rate-limit budgets and error counters, as plain data."""
        return self._core.health()

    # --- conveniences ---------------------------------------------------------------------

    @_extends(
        _ops.Upbit.list_trading_pairs, "Cached for `cache_ttl` seconds (the list changes rarely)."
    )
    def list_trading_pairs(self, *, is_details: bool | None = None) -> list[TradingPair]:
        self._core.check("list_trading_pairs", is_details=is_details)
        key = ("pairs", is_details)
        cached = self._core.cache.get(key)
        if cached is None:
            cached = super().list_trading_pairs(is_details=is_details)
            self._core.cache.put(key, cached)
        return list(cached)

    @_extends(
        _ops.Upbit.list_orderbook_instruments,
        "Cached for `cache_ttl` seconds (tick sizes change rarely).",
    )
    def list_orderbook_instruments(
        self, *, markets: str | Sequence[str]
    ) -> list[OrderbookInstrument]:
        self._core.check("list_orderbook_instruments", markets=markets)
        key = ("instruments", ",".join(markets) if not isinstance(markets, str) else markets)
        cached = self._core.cache.get(key)
        if cached is None:
            cached = super().list_orderbook_instruments(markets=markets)
            self._core.cache.put(key, cached)
        return list(cached)

    @_extends(
        _ops.Upbit.list_tickers, "Hundreds of markets are split into requests that fit a URL."
    )
    def list_tickers(self, *, markets: str | Sequence[str]) -> list[Ticker]:
        tickers: list[Ticker] = []
        for chunk in market_chunks(markets):
            tickers += super().list_tickers(markets=chunk)
        return tickers

    def get_current_price(self, market: str) -> Decimal:
        """Last trade price of `market`, as an exact Decimal of what Upbit sent."""
        (ticker,) = super().list_tickers(markets=check_market("market", market))
        return Decimal(repr(ticker.trade_price))

    def get_balance(self, currency: str) -> Decimal:
        """Available (not locked) balance of `currency`; zero when the account holds none."""
        check_currency("currency", currency)
        accounts = self.get_accounts()
        return next((Decimal(a.balance) for a in accounts if a.currency == currency), Decimal(0))

    def round_price(
        self, market: str, price: Decimal | str | int, mode: RoundingMode = "down"
    ) -> Decimal:
        """Put `price` on `market`'s tick grid (published tick, documented table as fallback)."""
        value = Decimal(format_money("price", price))
        try:
            instruments = self.list_orderbook_instruments(markets=market)
        except UpbitError:
            instruments = []
        return round_to_tick(value, self._core.tick_for(market, value, instruments), mode)

    def iter_candles(
        self,
        market: str,
        unit: str | int = "1m",
        *,
        start: datetime | str | None = None,
        end: datetime | str | None = None,
        page_size: int = 200,
    ) -> Iterator[Candle]:
        """Candles newest first, paging back with `to` from `end` (default now) to `start`.

        `unit`: "1s", "1m" … "240m" (minutes also as an int, as `list_minute_candles` takes),
        "1d", "1w", "1M" or "1y". Pages as `paginate` does, so each page asks for candles
        before the oldest one seen: none is skipped or repeated. The next page is fetched while
        you read this one (at most one ahead, none after `start` or once you stop), so the time
        you spend on a page overlaps the next page's round trip instead of adding to it.
        """
        check_market("market", market)
        return self._candles(market, candle_query(unit, start, end, page_size))

    def _candles(self, market: str, query: CandleQuery) -> Iterator[Candle]:
        op, params = _candle_pages(market, query)
        self._core.check(op.id, **params)
        return _iterate(getattr(self, op.id), op, params, _before(query.start))

    def iter_recent_trades(
        self, market: str, *, days_ago: int | None = None, page_size: int = 500
    ) -> Iterator[Trade]:
        """Trades newest first for one UTC day, paging back by `cursor` (sequential_id)."""
        check_market("market", market)
        if not isinstance(page_size, int) or not 1 <= page_size <= 500:
            raise ValueError(f"page_size must be an integer from 1 to 500, got {page_size!r}")
        return self.paginate.list_recent_trades(market=market, count=page_size, days_ago=days_ago)

    def iter_closed_orders(
        self,
        *,
        start: datetime | str,
        end: datetime | str | None = None,
        market: str | None = None,
        states: list[Literal["done", "cancel"]] | None = None,
        limit: int = 1000,
    ) -> Iterator[OrderListItem]:
        """Closed orders newest first between `start` and `end` (default now).

        Upbit answers at most 7 days and `limit` orders per query and silently drops the rest,
        so the range is cut into 7-day windows, each read with `paginate.list_closed_orders`
        (a full page asks again for the orders before its oldest one).
        """
        start_utc = to_utc("start", start)
        end_utc = to_utc("end", end) or datetime.now(UTC)
        assert start_utc is not None
        windows = list(closed_order_windows(start_utc, end_utc))
        if market is not None:
            check_market("market", market)
        if not isinstance(limit, int) or not 1 <= limit <= 1000:
            raise ValueError(f"limit must be an integer from 1 to 1000, got {limit!r}")
        return self._closed_orders(windows, market, states, limit)

    def _closed_orders(
        self,
        windows: list[tuple[datetime, datetime]],
        market: str | None,
        states: list[Literal["done", "cancel"]] | None,
        limit: int,
    ) -> Iterator[OrderListItem]:
        seen: set[str] = set()  # a window edge may be inclusive on both sides
        for lower, upper in windows:
            for order in self.paginate.list_closed_orders(
                market=market, states=states, start_time=wire_time(lower),
                end_time=wire_time(upper), limit=limit, order_by="desc",
            ):  # fmt: skip
                if order.uuid not in seen:
                    seen.add(order.uuid)
                    yield order

    def _send(
        self, op: Operation, fn: Callable[..., Any], kwargs: dict[str, Any], raw: bool
    ) -> Any:
        try:
            response = fn(client=self._client, **kwargs)
            parsed = self._core.parsed(op, response)
            return _raw(response, parsed) if raw else parsed
        except (httpx.TransportError, LimiterBlocked) as exc:
            raise self._core.transport_error(op, exc) from exc
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            # Arguments were checked before sending: this is the generated parser failing.
            detail = f"{type(exc).__name__}: {exc}"
            raise UnexpectedResponse(method=op.method, path=op.path, detail=detail) from exc

    def _call(
        self,
        op: Operation,
        fn: Callable[..., Any],
        params: dict[str, Any],
        body: type[Any] | None,
        *,
        raw: bool = False,
    ) -> Any:
        kwargs, identifier = self._core.prepare(op, params, body)
        _check_options(op, self._options, body)
        ctx = self._ctx
        plan = self._core.plan(op, params, identifier)
        token = _OPTIONS.set(self._options)
        try:
            if plan is None:
                return run_sync(request_flow(op, ctx), lambda: self._send(op, fn, kwargs, raw))
            return run_sync(
                lookup_flow(op, ctx, plan),
                lambda: self._send(op, fn, kwargs, raw),
                lambda: self._settle(op, params, identifier, raw),
            )
        finally:
            _OPTIONS.reset(token)

    def _settle(
        self, op: Operation, params: Mapping[str, Any], identifier: str | None, raw: bool
    ) -> Any:
        """Read back what an ambiguous write did (see `_flow.lookup_flow`)."""
        lookups = self.with_raw_response
        try:
            if op.id == "cancel_order":
                found = lookups.get_order(**params)
                return _settled(found, _cancelled_order(found.parse()), raw)
            if op.id == "cancel_withdrawal":
                withdrawal = lookups.get_withdrawal(uuid=params["uuid"])
                return _settled(withdrawal, _cancelled_withdrawal(withdrawal.parse()), raw)
            if op.id == "cancel_orders_by_ids":
                by, asked = _batch_ids(params)
                batch = lookups.list_orders_by_ids(
                    uuids=asked if by == "uuid" else None,
                    identifiers=None if by == "uuid" else asked,
                )
                listed = batch.parse()
                still_open = [o for o in listed if o.state in _OPEN_ORDER_STATES]
                again = (
                    self.cancel_orders_by_ids(uuids=[o.uuid for o in still_open])
                    if still_open
                    else None
                )
                return _settled(batch, _batch_from_lookup(asked, by, listed, again), raw)
            assert identifier is not None
            found = lookups.get_order(identifier=identifier)
        except OrderNotFound as missing:
            raise NotApplied() from missing
        if op.id == "create_order":
            value: Any = _order_from_lookup(found.parse())
        else:
            prev = self.get_order(
                uuid=params.get("prev_order_uuid"), identifier=params.get("prev_order_identifier")
            )
            value = _cancel_and_new_from_lookup(prev, found.parse())
        return _settled(found, value, raw)


class AsyncUpbit(_ops.AsyncUpbit):
    """Asyncio Upbit client: the same methods as `Upbit`, awaitable.

    Methods are safe to run concurrently (`asyncio.gather`); the shared rate limiter
    spaces them so the group limits hold (`rate_limit_url=` as for `Upbit`).
    """

    def __init__(
        self,
        access_key: str | None = None,
        secret_key: str | None = None,
        *,
        region: Region = "kr",
        base_url: str | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        rate_limits: Mapping[str, RateSpec] | None = None,
        rate_limit_url: str | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        error_log: str | os.PathLike[str] | IO[str] | None = None,
        jwt_algorithm: str = "HS512",
        cache_ttl: float = 60.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._core = _Core(
            access_key, secret_key, region=region, base_url=base_url, max_retries=max_retries,
            rate_limits=rate_limits, rate_limit_url=rate_limit_url,
            max_response_bytes=max_response_bytes,
            error_log=error_log, jwt_algorithm=jwt_algorithm, cache_ttl=cache_ttl,
            custom_transport=transport is not None,
        )  # fmt: skip
        inner = transport if transport is not None else httpx.AsyncHTTPTransport()
        self._http = httpx.AsyncClient(
            **self._core.client_kwargs(timeout),
            transport=AsyncUpbitTransport(inner, self._core.guard, stock_http11=transport is None),
            event_hooks={"response": [_araise_for_status]},
        )
        self._client = AuthenticatedClient(base_url=self._core.base_url, token="")
        self._client.set_async_httpx_client(self._http)
        self._options = _CallOptions()
        self._ctx = self._core.ctx
        self._owner = True

    @classmethod
    def from_env(cls, *, env_file: str | os.PathLike[str] | None = ".env", **kwargs: Any) -> Self:
        """Keys from `UPBIT_ACCESS_KEY` / `UPBIT_SECRET_KEY` (environment first, then `env_file`).

        With neither set the client is quotation-only, and a private call's error says where
        they were looked for; one without the other is a `ValueError` here.
        """
        access_key, secret_key, hint = _env_credentials(env_file, cls.__name__)
        client = cls(access_key, secret_key, **kwargs)
        client._core.missing_keys = hint
        return client

    def __repr__(self) -> str:
        key = _mask(self._core.access_key)
        return f"AsyncUpbit(base_url={self._core.base_url!r}, access_key={key})"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if not self._owner:
            return
        await self._http.aclose()
        self._core.close()

    def with_options(
        self,
        *,
        timeout: httpx.Timeout | float | None = None,
        max_retries: int | None = None,
        extra_query: Mapping[str, str | int] | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Self:
        """A view of this client whose calls use these options; it shares the connection
        pool, rate limiter, circuit breaker and counters (closing it closes nothing).

        `timeout` (seconds or `httpx.Timeout`) and `max_retries` replace the client's;
        `extra_query` and `extra_headers` are added to every request, for parameters the spec
        does not know yet (extra query parameters are signed like the others).
        """
        view: Self = _view(self, timeout, max_retries, extra_query, extra_headers)
        return view

    @property
    def with_raw_response(self) -> _ops.AsyncUpbitWithRawResponse:
        """The same methods, answering a `RawResponse`: status, headers, body and `.parse()`."""
        return _AsyncRawView(self)

    @property
    def paginate(self) -> _ops.AsyncUpbitPaginate:
        """Each list operation that pages, as a lazy async iterator over every item."""
        return _AsyncPages(self)

    def health(self) -> dict[str, Any]:
        """Circuit breaker state, rate-limit budgets and error counters, as plain data."""
        return self._core.health()

    # --- conveniences ---------------------------------------------------------------------

    @_extends(
        _ops.AsyncUpbit.list_trading_pairs,
        "Cached for `cache_ttl` seconds (the list changes rarely).",
    )
    async def list_trading_pairs(self, *, is_details: bool | None = None) -> list[TradingPair]:
        self._core.check("list_trading_pairs", is_details=is_details)
        key = ("pairs", is_details)
        cached = self._core.cache.get(key)
        if cached is None:
            cached = await super().list_trading_pairs(is_details=is_details)
            self._core.cache.put(key, cached)
        return list(cached)

    @_extends(
        _ops.AsyncUpbit.list_orderbook_instruments,
        "Cached for `cache_ttl` seconds (tick sizes change rarely).",
    )
    async def list_orderbook_instruments(
        self, *, markets: str | Sequence[str]
    ) -> list[OrderbookInstrument]:
        self._core.check("list_orderbook_instruments", markets=markets)
        key = ("instruments", ",".join(markets) if not isinstance(markets, str) else markets)
        cached = self._core.cache.get(key)
        if cached is None:
            cached = await super().list_orderbook_instruments(markets=markets)
            self._core.cache.put(key, cached)
        return list(cached)

    @_extends(
        _ops.AsyncUpbit.list_tickers, "Hundreds of markets are split into requests that fit a URL."
    )
    async def list_tickers(self, *, markets: str | Sequence[str]) -> list[Ticker]:
        tickers: list[Ticker] = []
        for chunk in market_chunks(markets):
            tickers += await super().list_tickers(markets=chunk)
        return tickers

    async def get_current_price(self, market: str) -> Decimal:
        """Last trade price of `market`, as an exact Decimal of what Upbit sent."""
        (ticker,) = await super().list_tickers(markets=check_market("market", market))
        return Decimal(repr(ticker.trade_price))

    async def get_balance(self, currency: str) -> Decimal:
        """Available (not locked) balance of `currency`; zero when the account holds none."""
        check_currency("currency", currency)
        accounts = await self.get_accounts()
        return next((Decimal(a.balance) for a in accounts if a.currency == currency), Decimal(0))

    async def round_price(
        self, market: str, price: Decimal | str | int, mode: RoundingMode = "down"
    ) -> Decimal:
        """Put `price` on `market`'s tick grid (published tick, documented table as fallback)."""
        value = Decimal(format_money("price", price))
        try:
            instruments = await self.list_orderbook_instruments(markets=market)
        except UpbitError:
            instruments = []
        return round_to_tick(value, self._core.tick_for(market, value, instruments), mode)

    def iter_candles(
        self,
        market: str,
        unit: str | int = "1m",
        *,
        start: datetime | str | None = None,
        end: datetime | str | None = None,
        page_size: int = 200,
    ) -> AsyncIterator[Candle]:
        """Candles newest first, paging back with `to` from `end` (default now) to `start`.

        `unit`: "1s", "1m" … "240m" (minutes also as an int, as `list_minute_candles` takes),
        "1d", "1w", "1M" or "1y". Pages as `paginate` does, so each page asks for candles
        before the oldest one seen: none is skipped or repeated. The next page is fetched while
        you read this one (at most one ahead, none after `start` or once you stop), so the time
        you spend on a page overlaps the next page's round trip instead of adding to it.
        """
        check_market("market", market)
        return self._candles(market, candle_query(unit, start, end, page_size))

    def _candles(self, market: str, query: CandleQuery) -> AsyncIterator[Candle]:
        op, params = _candle_pages(market, query)
        self._core.check(op.id, **params)
        return _aiterate(getattr(self, op.id), op, params, _before(query.start))

    def iter_recent_trades(
        self, market: str, *, days_ago: int | None = None, page_size: int = 500
    ) -> AsyncIterator[Trade]:
        """Trades newest first for one UTC day, paging back by `cursor` (sequential_id)."""
        check_market("market", market)
        if not isinstance(page_size, int) or not 1 <= page_size <= 500:
            raise ValueError(f"page_size must be an integer from 1 to 500, got {page_size!r}")
        return self.paginate.list_recent_trades(market=market, count=page_size, days_ago=days_ago)

    def iter_closed_orders(
        self,
        *,
        start: datetime | str,
        end: datetime | str | None = None,
        market: str | None = None,
        states: list[Literal["done", "cancel"]] | None = None,
        limit: int = 1000,
    ) -> AsyncIterator[OrderListItem]:
        """Closed orders newest first between `start` and `end` (default now).

        Upbit answers at most 7 days and `limit` orders per query and silently drops the rest,
        so the range is cut into 7-day windows, each read with `paginate.list_closed_orders`
        (a full page asks again for the orders before its oldest one).
        """
        start_utc = to_utc("start", start)
        end_utc = to_utc("end", end) or datetime.now(UTC)
        assert start_utc is not None
        windows = list(closed_order_windows(start_utc, end_utc))
        if market is not None:
            check_market("market", market)
        if not isinstance(limit, int) or not 1 <= limit <= 1000:
            raise ValueError(f"limit must be an integer from 1 to 1000, got {limit!r}")
        return self._closed_orders(windows, market, states, limit)

    async def _closed_orders(
        self,
        windows: list[tuple[datetime, datetime]],
        market: str | None,
        states: list[Literal["done", "cancel"]] | None,
        limit: int,
    ) -> AsyncIterator[OrderListItem]:
        seen: set[str] = set()  # a window edge may be inclusive on both sides
        for lower, upper in windows:
            async for order in self.paginate.list_closed_orders(
                market=market, states=states, start_time=wire_time(lower),
                end_time=wire_time(upper), limit=limit, order_by="desc",
            ):  # fmt: skip
                if order.uuid not in seen:
                    seen.add(order.uuid)
                    yield order

    async def _send(
        self, op: Operation, fn: Callable[..., Any], kwargs: dict[str, Any], raw: bool
    ) -> Any:
        try:
            response = await fn(client=self._client, **kwargs)
            parsed = self._core.parsed(op, response)
            return _raw(response, parsed) if raw else parsed
        except (httpx.TransportError, LimiterBlocked) as exc:
            raise self._core.transport_error(op, exc) from exc
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            # Arguments were checked before sending: this is the generated parser failing.
            detail = f"{type(exc).__name__}: {exc}"
            raise UnexpectedResponse(method=op.method, path=op.path, detail=detail) from exc

    async def _call(
        self,
        op: Operation,
        fn: Callable[..., Any],
        params: dict[str, Any],
        body: type[Any] | None,
        *,
        raw: bool = False,
    ) -> Any:
        kwargs, identifier = self._core.prepare(op, params, body)
        _check_options(op, self._options, body)
        ctx = self._ctx
        plan = self._core.plan(op, params, identifier)
        token = _OPTIONS.set(self._options)
        try:
            if plan is None:
                return await run_async(
                    request_flow(op, ctx), lambda: self._send(op, fn, kwargs, raw)
                )
            return await run_async(
                lookup_flow(op, ctx, plan),
                lambda: self._send(op, fn, kwargs, raw),
                lambda: self._settle(op, params, identifier, raw),
            )
        finally:
            _OPTIONS.reset(token)

    async def _settle(
        self, op: Operation, params: Mapping[str, Any], identifier: str | None, raw: bool
    ) -> Any:
        """Read back what an ambiguous write did (see `_flow.lookup_flow`)."""
        lookups = self.with_raw_response
        try:
            if op.id == "cancel_order":
                found = await lookups.get_order(**params)
                return _settled(found, _cancelled_order(found.parse()), raw)
            if op.id == "cancel_withdrawal":
                withdrawal = await lookups.get_withdrawal(uuid=params["uuid"])
                return _settled(withdrawal, _cancelled_withdrawal(withdrawal.parse()), raw)
            if op.id == "cancel_orders_by_ids":
                by, asked = _batch_ids(params)
                batch = await lookups.list_orders_by_ids(
                    uuids=asked if by == "uuid" else None,
                    identifiers=None if by == "uuid" else asked,
                )
                listed = batch.parse()
                still_open = [o for o in listed if o.state in _OPEN_ORDER_STATES]
                again = (
                    await self.cancel_orders_by_ids(uuids=[o.uuid for o in still_open])
                    if still_open
                    else None
                )
                return _settled(batch, _batch_from_lookup(asked, by, listed, again), raw)
            assert identifier is not None
            found = await lookups.get_order(identifier=identifier)
        except OrderNotFound as missing:
            raise NotApplied() from missing
        if op.id == "create_order":
            value: Any = _order_from_lookup(found.parse())
        else:
            prev = await self.get_order(
                uuid=params.get("prev_order_uuid"), identifier=params.get("prev_order_identifier")
            )
            value = _cancel_and_new_from_lookup(prev, found.parse())
        return _settled(found, value, raw)
