from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_deposit_address_request import CreateDepositAddressRequest
from ...models.deposit_address import DepositAddress
from ...models.deposit_address_creation import DepositAddressCreation
from ...models.exchange_error import ExchangeError
from ...types import Response


def _get_kwargs(
    *,
    body: CreateDepositAddressRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/deposits/generate_coin_address",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DepositAddress | DepositAddressCreation | ExchangeError | str | None:
    if response.status_code == 200:
        response_200 = DepositAddress.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = DepositAddressCreation.from_dict(response.json())

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
) -> Response[DepositAddress | DepositAddressCreation | ExchangeError | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateDepositAddressRequest,
) -> Response[DepositAddress | DepositAddressCreation | ExchangeError | str]:
    """Create Deposit Address

     Requests a deposit address for a currency and network. Generation is asynchronous: the
    first call answers 201 with an acknowledgement (`success`, `message`); once the address
    exists, calling again answers 200 with the address. The address can also be read with
    get_deposit_address (its `deposit_address` is null until generation finishes).

    Args:
        body (CreateDepositAddressRequest): Body of POST /v1/deposits/generate_coin_address.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DepositAddress | DepositAddressCreation | ExchangeError | str]
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
    body: CreateDepositAddressRequest,
) -> DepositAddress | DepositAddressCreation | ExchangeError | str | None:
    """Create Deposit Address

     Requests a deposit address for a currency and network. Generation is asynchronous: the
    first call answers 201 with an acknowledgement (`success`, `message`); once the address
    exists, calling again answers 200 with the address. The address can also be read with
    get_deposit_address (its `deposit_address` is null until generation finishes).

    Args:
        body (CreateDepositAddressRequest): Body of POST /v1/deposits/generate_coin_address.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DepositAddress | DepositAddressCreation | ExchangeError | str
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateDepositAddressRequest,
) -> Response[DepositAddress | DepositAddressCreation | ExchangeError | str]:
    """Create Deposit Address

     Requests a deposit address for a currency and network. Generation is asynchronous: the
    first call answers 201 with an acknowledgement (`success`, `message`); once the address
    exists, calling again answers 200 with the address. The address can also be read with
    get_deposit_address (its `deposit_address` is null until generation finishes).

    Args:
        body (CreateDepositAddressRequest): Body of POST /v1/deposits/generate_coin_address.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DepositAddress | DepositAddressCreation | ExchangeError | str]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateDepositAddressRequest,
) -> DepositAddress | DepositAddressCreation | ExchangeError | str | None:
    """Create Deposit Address

     Requests a deposit address for a currency and network. Generation is asynchronous: the
    first call answers 201 with an acknowledgement (`success`, `message`); once the address
    exists, calling again answers 200 with the address. The address can also be read with
    get_deposit_address (its `deposit_address` is null until generation finishes).

    Args:
        body (CreateDepositAddressRequest): Body of POST /v1/deposits/generate_coin_address.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DepositAddress | DepositAddressCreation | ExchangeError | str
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
