from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.exchange_error import ExchangeError
from ...models.withdrawal_chance import WithdrawalChance
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    currency: str,
    net_type: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["currency"] = currency

    params["net_type"] = net_type

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/withdraws/chance",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExchangeError | WithdrawalChance | str | None:
    if response.status_code == 200:
        response_200 = WithdrawalChance.from_dict(response.json())

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
) -> Response[ExchangeError | WithdrawalChance | str]:
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
    net_type: str | Unset = UNSET,
) -> Response[ExchangeError | WithdrawalChance | str]:
    """Get Available Withdrawal Information

     Returns the withdrawal policy for a currency: the owner's security level, the
    currency's fee and wallet state, the balance (Account shape) and the withdrawal limits.
    `net_type` is required for digital assets (the client refuses a call for a currency
    other than KRW without it). Upbit's SDK 1.1.0 marks `net_type` required outright,
    while the docs (and the SDK's own docstring) say "required for digital assets"; a KRW
    withdrawal has no network, so the docs are followed and it stays optional here.

    Args:
        currency (str):
        net_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | WithdrawalChance | str]
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
    net_type: str | Unset = UNSET,
) -> ExchangeError | WithdrawalChance | str | None:
    """Get Available Withdrawal Information

     Returns the withdrawal policy for a currency: the owner's security level, the
    currency's fee and wallet state, the balance (Account shape) and the withdrawal limits.
    `net_type` is required for digital assets (the client refuses a call for a currency
    other than KRW without it). Upbit's SDK 1.1.0 marks `net_type` required outright,
    while the docs (and the SDK's own docstring) say "required for digital assets"; a KRW
    withdrawal has no network, so the docs are followed and it stays optional here.

    Args:
        currency (str):
        net_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | WithdrawalChance | str
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
    net_type: str | Unset = UNSET,
) -> Response[ExchangeError | WithdrawalChance | str]:
    """Get Available Withdrawal Information

     Returns the withdrawal policy for a currency: the owner's security level, the
    currency's fee and wallet state, the balance (Account shape) and the withdrawal limits.
    `net_type` is required for digital assets (the client refuses a call for a currency
    other than KRW without it). Upbit's SDK 1.1.0 marks `net_type` required outright,
    while the docs (and the SDK's own docstring) say "required for digital assets"; a KRW
    withdrawal has no network, so the docs are followed and it stays optional here.

    Args:
        currency (str):
        net_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | WithdrawalChance | str]
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
    net_type: str | Unset = UNSET,
) -> ExchangeError | WithdrawalChance | str | None:
    """Get Available Withdrawal Information

     Returns the withdrawal policy for a currency: the owner's security level, the
    currency's fee and wallet state, the balance (Account shape) and the withdrawal limits.
    `net_type` is required for digital assets (the client refuses a call for a currency
    other than KRW without it). Upbit's SDK 1.1.0 marks `net_type` required outright,
    while the docs (and the SDK's own docstring) say "required for digital assets"; a KRW
    withdrawal has no network, so the docs are followed and it stays optional here.

    Args:
        currency (str):
        net_type (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | WithdrawalChance | str
    """

    return (
        await asyncio_detailed(
            client=client,
            currency=currency,
            net_type=net_type,
        )
    ).parsed
