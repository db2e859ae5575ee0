from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_order_request import CreateOrderRequest
from ...models.exchange_error import ExchangeError
from ...models.order import Order
from ...types import Response


def _get_kwargs(
    *,
    body: CreateOrderRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/orders/test",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExchangeError | Order | str | None:
    if response.status_code == 201:
        response_201 = Order.from_dict(response.json())

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
) -> Response[ExchangeError | Order | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateOrderRequest,
) -> Response[ExchangeError | Order | str]:
    """Test Order Creation

     Runs the same validation as `create_order` (same body and rules, same errors) without
    placing anything. The returned order looks real, but its `uuid` (or `identifier`)
    cannot be used to look up or cancel anything.

    Args:
        body (CreateOrderRequest): Body of POST /v1/orders and POST /v1/orders/test.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | Order | str]
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
    body: CreateOrderRequest,
) -> ExchangeError | Order | str | None:
    """Test Order Creation

     Runs the same validation as `create_order` (same body and rules, same errors) without
    placing anything. The returned order looks real, but its `uuid` (or `identifier`)
    cannot be used to look up or cancel anything.

    Args:
        body (CreateOrderRequest): Body of POST /v1/orders and POST /v1/orders/test.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | Order | str
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateOrderRequest,
) -> Response[ExchangeError | Order | str]:
    """Test Order Creation

     Runs the same validation as `create_order` (same body and rules, same errors) without
    placing anything. The returned order looks real, but its `uuid` (or `identifier`)
    cannot be used to look up or cancel anything.

    Args:
        body (CreateOrderRequest): Body of POST /v1/orders and POST /v1/orders/test.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | Order | str]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateOrderRequest,
) -> ExchangeError | Order | str | None:
    """Test Order Creation

     Runs the same validation as `create_order` (same body and rules, same errors) without
    placing anything. The returned order looks real, but its `uuid` (or `identifier`)
    cannot be used to look up or cancel anything.

    Args:
        body (CreateOrderRequest): Body of POST /v1/orders and POST /v1/orders/test.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | Order | str
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
