from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_universal_transfer_request import CreateUniversalTransferRequest
from ...models.exchange_error import ExchangeError
from ...models.pocket_transfer import PocketTransfer
from ...types import Response


def _get_kwargs(
    *,
    body: CreateUniversalTransferRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/pockets/universal_transfers",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExchangeError | PocketTransfer | str | None:
    if response.status_code == 201:
        response_201 = PocketTransfer.from_dict(response.json())

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
) -> Response[ExchangeError | PocketTransfer | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateUniversalTransferRequest,
) -> Response[ExchangeError | PocketTransfer | str]:
    """Universal Transfer

     Moves assets between any two pockets of the account (main to sub, sub to main, sub to
    sub) with a main-pocket key that has the pocket-management permission. `from` defaults
    to the key's own pocket; `from` and `to` must differ. An `identifier` can be used only
    once, whether the transfer succeeds or fails (`duplicated_identifier`). The transfer
    goes through the states submitted, processing, then done or failed. Unknown pocket or
    currency: 404 `pocket_not_found` / `currency_not_found`. The response is a
    `PocketTransfer`, as for create_pocket_transfer (Upbit's SDK 1.1.0 casts both to the
    same model).

    Args:
        body (CreateUniversalTransferRequest): Body of POST /v1/pockets/universal_transfers (main-
            pocket key).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | PocketTransfer | str]
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
    body: CreateUniversalTransferRequest,
) -> ExchangeError | PocketTransfer | str | None:
    """Universal Transfer

     Moves assets between any two pockets of the account (main to sub, sub to main, sub to
    sub) with a main-pocket key that has the pocket-management permission. `from` defaults
    to the key's own pocket; `from` and `to` must differ. An `identifier` can be used only
    once, whether the transfer succeeds or fails (`duplicated_identifier`). The transfer
    goes through the states submitted, processing, then done or failed. Unknown pocket or
    currency: 404 `pocket_not_found` / `currency_not_found`. The response is a
    `PocketTransfer`, as for create_pocket_transfer (Upbit's SDK 1.1.0 casts both to the
    same model).

    Args:
        body (CreateUniversalTransferRequest): Body of POST /v1/pockets/universal_transfers (main-
            pocket key).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | PocketTransfer | str
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateUniversalTransferRequest,
) -> Response[ExchangeError | PocketTransfer | str]:
    """Universal Transfer

     Moves assets between any two pockets of the account (main to sub, sub to main, sub to
    sub) with a main-pocket key that has the pocket-management permission. `from` defaults
    to the key's own pocket; `from` and `to` must differ. An `identifier` can be used only
    once, whether the transfer succeeds or fails (`duplicated_identifier`). The transfer
    goes through the states submitted, processing, then done or failed. Unknown pocket or
    currency: 404 `pocket_not_found` / `currency_not_found`. The response is a
    `PocketTransfer`, as for create_pocket_transfer (Upbit's SDK 1.1.0 casts both to the
    same model).

    Args:
        body (CreateUniversalTransferRequest): Body of POST /v1/pockets/universal_transfers (main-
            pocket key).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | PocketTransfer | str]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateUniversalTransferRequest,
) -> ExchangeError | PocketTransfer | str | None:
    """Universal Transfer

     Moves assets between any two pockets of the account (main to sub, sub to main, sub to
    sub) with a main-pocket key that has the pocket-management permission. `from` defaults
    to the key's own pocket; `from` and `to` must differ. An `identifier` can be used only
    once, whether the transfer succeeds or fails (`duplicated_identifier`). The transfer
    goes through the states submitted, processing, then done or failed. Unknown pocket or
    currency: 404 `pocket_not_found` / `currency_not_found`. The response is a
    `PocketTransfer`, as for create_pocket_transfer (Upbit's SDK 1.1.0 casts both to the
    same model).

    Args:
        body (CreateUniversalTransferRequest): Body of POST /v1/pockets/universal_transfers (main-
            pocket key).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | PocketTransfer | str
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
