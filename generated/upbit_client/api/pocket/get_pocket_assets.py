from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.exchange_error import ExchangeError
from ...models.pocket_asset import PocketAsset
from ...types import UNSET, Response


def _get_kwargs(
    *,
    uuid: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["uuid"] = uuid

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/pockets/assets",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExchangeError | list[PocketAsset] | str | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = PocketAsset.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[ExchangeError | list[PocketAsset] | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    uuid: str,
) -> Response[ExchangeError | list[PocketAsset] | str]:
    """Get Sub-Pocket Balance

     Returns the balances of one sub-pocket. Needs a main-pocket key with the
    pocket-management permission. The path is `/assets` (one docs diagram writes
    `/asset`; Upbit's SDK 1.1.0, ccxt and the docs' endpoint line use `/assets`) and the
    balance has the six fields of get_accounts, all present (SDK `PocketBalance`).

    Args:
        uuid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | list[PocketAsset] | str]
    """

    kwargs = _get_kwargs(
        uuid=uuid,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    uuid: str,
) -> ExchangeError | list[PocketAsset] | str | None:
    """Get Sub-Pocket Balance

     Returns the balances of one sub-pocket. Needs a main-pocket key with the
    pocket-management permission. The path is `/assets` (one docs diagram writes
    `/asset`; Upbit's SDK 1.1.0, ccxt and the docs' endpoint line use `/assets`) and the
    balance has the six fields of get_accounts, all present (SDK `PocketBalance`).

    Args:
        uuid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | list[PocketAsset] | str
    """

    return sync_detailed(
        client=client,
        uuid=uuid,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    uuid: str,
) -> Response[ExchangeError | list[PocketAsset] | str]:
    """Get Sub-Pocket Balance

     Returns the balances of one sub-pocket. Needs a main-pocket key with the
    pocket-management permission. The path is `/assets` (one docs diagram writes
    `/asset`; Upbit's SDK 1.1.0, ccxt and the docs' endpoint line use `/assets`) and the
    balance has the six fields of get_accounts, all present (SDK `PocketBalance`).

    Args:
        uuid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | list[PocketAsset] | str]
    """

    kwargs = _get_kwargs(
        uuid=uuid,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    uuid: str,
) -> ExchangeError | list[PocketAsset] | str | None:
    """Get Sub-Pocket Balance

     Returns the balances of one sub-pocket. Needs a main-pocket key with the
    pocket-management permission. The path is `/assets` (one docs diagram writes
    `/asset`; Upbit's SDK 1.1.0, ccxt and the docs' endpoint line use `/assets`) and the
    balance has the six fields of get_accounts, all present (SDK `PocketBalance`).

    Args:
        uuid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | list[PocketAsset] | str
    """

    return (
        await asyncio_detailed(
            client=client,
            uuid=uuid,
        )
    ).parsed
