from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cancel_and_new_order_request import CancelAndNewOrderRequest
from ...models.cancel_and_new_order_result import CancelAndNewOrderResult
from ...models.exchange_error import ExchangeError
from ...types import Response


def _get_kwargs(
    *,
    body: CancelAndNewOrderRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/orders/cancel_and_new",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CancelAndNewOrderResult | ExchangeError | str | None:
    if response.status_code == 200:
        response_200 = CancelAndNewOrderResult.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = CancelAndNewOrderResult.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ExchangeError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ExchangeError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ExchangeError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ExchangeError.from_dict(response.json())

        return response_404

    if response.status_code == 418:
        response_418 = response.text
        return response_418

    if response.status_code == 429:
        response_429 = response.text
        return response_429

    if response.status_code == 500:
        response_500 = ExchangeError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CancelAndNewOrderResult | ExchangeError | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CancelAndNewOrderRequest,
) -> Response[CancelAndNewOrderResult | ExchangeError | str]:
    """Cancel and New Order

     Cancels an open order and, once the cancellation has completed, places a new order
    on the same pair and side. Name the old order with `prev_order_uuid` or
    `prev_order_identifier` (exactly one). Required fields per `new_ord_type`: `limit` →
    `new_volume` + `new_price`; `price` → `new_price`; `market` → `new_volume`; `best`
    bid → `new_price` + `new_time_in_force`; `best` ask → `new_volume` +
    `new_time_in_force` (`ioc` or `fok`). `new_volume` may be `remain_only` to reuse the
    old order's remaining volume. `new_identifier` must never have been used (including
    by the old order). If the old order fills before it is cancelled, no new order is
    placed.

    The response is the cancelled order plus `new_order_uuid` (and
    `new_order_identifier` when one was given). The docs say 201; 200 was observed live,
    so both are described.

    Args:
        body (CancelAndNewOrderRequest): Body of POST /v1/orders/cancel_and_new.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CancelAndNewOrderResult | ExchangeError | str]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CancelAndNewOrderRequest,
) -> CancelAndNewOrderResult | ExchangeError | str | None:
    """Cancel and New Order

     Cancels an open order and, once the cancellation has completed, places a new order
    on the same pair and side. Name the old order with `prev_order_uuid` or
    `prev_order_identifier` (exactly one). Required fields per `new_ord_type`: `limit` →
    `new_volume` + `new_price`; `price` → `new_price`; `market` → `new_volume`; `best`
    bid → `new_price` + `new_time_in_force`; `best` ask → `new_volume` +
    `new_time_in_force` (`ioc` or `fok`). `new_volume` may be `remain_only` to reuse the
    old order's remaining volume. `new_identifier` must never have been used (including
    by the old order). If the old order fills before it is cancelled, no new order is
    placed.

    The response is the cancelled order plus `new_order_uuid` (and
    `new_order_identifier` when one was given). The docs say 201; 200 was observed live,
    so both are described.

    Args:
        body (CancelAndNewOrderRequest): Body of POST /v1/orders/cancel_and_new.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CancelAndNewOrderResult | ExchangeError | str
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CancelAndNewOrderRequest,
) -> Response[CancelAndNewOrderResult | ExchangeError | str]:
    """Cancel and New Order

     Cancels an open order and, once the cancellation has completed, places a new order
    on the same pair and side. Name the old order with `prev_order_uuid` or
    `prev_order_identifier` (exactly one). Required fields per `new_ord_type`: `limit` →
    `new_volume` + `new_price`; `price` → `new_price`; `market` → `new_volume`; `best`
    bid → `new_price` + `new_time_in_force`; `best` ask → `new_volume` +
    `new_time_in_force` (`ioc` or `fok`). `new_volume` may be `remain_only` to reuse the
    old order's remaining volume. `new_identifier` must never have been used (including
    by the old order). If the old order fills before it is cancelled, no new order is
    placed.

    The response is the cancelled order plus `new_order_uuid` (and
    `new_order_identifier` when one was given). The docs say 201; 200 was observed live,
    so both are described.

    Args:
        body (CancelAndNewOrderRequest): Body of POST /v1/orders/cancel_and_new.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CancelAndNewOrderResult | ExchangeError | str]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CancelAndNewOrderRequest,
) -> CancelAndNewOrderResult | ExchangeError | str | None:
    """Cancel and New Order

     Cancels an open order and, once the cancellation has completed, places a new order
    on the same pair and side. Name the old order with `prev_order_uuid` or
    `prev_order_identifier` (exactly one). Required fields per `new_ord_type`: `limit` →
    `new_volume` + `new_price`; `price` → `new_price`; `market` → `new_volume`; `best`
    bid → `new_price` + `new_time_in_force`; `best` ask → `new_volume` +
    `new_time_in_force` (`ioc` or `fok`). `new_volume` may be `remain_only` to reuse the
    old order's remaining volume. `new_identifier` must never have been used (including
    by the old order). If the old order fills before it is cancelled, no new order is
    placed.

    The response is the cancelled order plus `new_order_uuid` (and
    `new_order_identifier` when one was given). The docs say 201; 200 was observed live,
    so both are described.

    Args:
        body (CancelAndNewOrderRequest): Body of POST /v1/orders/cancel_and_new.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CancelAndNewOrderResult | ExchangeError | str
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
