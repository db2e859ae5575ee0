from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.deposit_chance import DepositChance
from ...models.exchange_error import ExchangeError
from ...types import UNSET, Response


def _get_kwargs(
    *,
    currency: str,
    net_type: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["currency"] = currency

    params["net_type"] = net_type

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/deposits/chance/coin",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DepositChance | ExchangeError | str | None:
    if response.status_code == 200:
        response_200 = DepositChance.from_dict(response.json())

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
) -> Response[DepositChance | ExchangeError | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    currency: str,
    net_type: str,
) -> Response[DepositChance | ExchangeError | str]:
    """Get Available Deposit Information

     Returns whether deposits of a currency on a network are possible, with the minimum
    amount and confirmations. Not real-time: changes may show up minutes late.

    Args:
        currency (str):
        net_type (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DepositChance | ExchangeError | str]
    """

    kwargs = _get_kwargs(
        currency=currency,
        net_type=net_type,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    currency: str,
    net_type: str,
) -> DepositChance | ExchangeError | str | None:
    """Get Available Deposit Information

     Returns whether deposits of a currency on a network are possible, with the minimum
    amount and confirmations. Not real-time: changes may show up minutes late.

    Args:
        currency (str):
        net_type (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DepositChance | ExchangeError | str
    """

    return sync_detailed(
        client=client,
        currency=currency,
        net_type=net_type,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    currency: str,
    net_type: str,
) -> Response[DepositChance | ExchangeError | str]:
    """Get Available Deposit Information

     Returns whether deposits of a currency on a network are possible, with the minimum
    amount and confirmations. Not real-time: changes may show up minutes late.

    Args:
        currency (str):
        net_type (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DepositChance | ExchangeError | str]
    """

    kwargs = _get_kwargs(
        currency=currency,
        net_type=net_type,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    currency: str,
    net_type: str,
) -> DepositChance | ExchangeError | str | None:
    """Get Available Deposit Information

     Returns whether deposits of a currency on a network are possible, with the minimum
    amount and confirmations. Not real-time: changes may show up minutes late.

    Args:
        currency (str):
        net_type (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DepositChance | ExchangeError | str
    """

    return (
        await asyncio_detailed(
            client=client,
            currency=currency,
            net_type=net_type,
        )
    ).parsed
