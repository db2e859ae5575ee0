from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.exchange_error import ExchangeError
from ...models.order_chance import OrderChance
from ...types import UNSET, Response


def _get_kwargs(
    *,
    market: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["market"] = market

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/orders/chance",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExchangeError | OrderChance | str | None:
    if response.status_code == 200:
        response_200 = OrderChance.from_dict(response.json())

        return response_200

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
) -> Response[ExchangeError | OrderChance | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    market: str,
) -> Response[ExchangeError | OrderChance | str]:
    """Get Available Order Info

     Returns what is needed before ordering on one pair: taker and maker fee rates, the
    supported sides and order types, the minimum and maximum order amounts, the market
    state, and the balances of the quote (`bid_account`) and base (`ask_account`)
    currencies.

    Args:
        market (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | OrderChance | str]
    """

    kwargs = _get_kwargs(
        market=market,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    market: str,
) -> ExchangeError | OrderChance | str | None:
    """Get Available Order Info

     Returns what is needed before ordering on one pair: taker and maker fee rates, the
    supported sides and order types, the minimum and maximum order amounts, the market
    state, and the balances of the quote (`bid_account`) and base (`ask_account`)
    currencies.

    Args:
        market (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | OrderChance | str
    """

    return sync_detailed(
        client=client,
        market=market,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    market: str,
) -> Response[ExchangeError | OrderChance | str]:
    """Get Available Order Info

     Returns what is needed before ordering on one pair: taker and maker fee rates, the
    supported sides and order types, the minimum and maximum order amounts, the market
    state, and the balances of the quote (`bid_account`) and base (`ask_account`)
    currencies.

    Args:
        market (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | OrderChance | str]
    """

    kwargs = _get_kwargs(
        market=market,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    market: str,
) -> ExchangeError | OrderChance | str | None:
    """Get Available Order Info

     Returns what is needed before ordering on one pair: taker and maker fee rates, the
    supported sides and order types, the minimum and maximum order amounts, the market
    state, and the balances of the quote (`bid_account`) and base (`ask_account`)
    currencies.

    Args:
        market (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | OrderChance | str
    """

    return (
        await asyncio_detailed(
            client=client,
            market=market,
        )
    ).parsed
