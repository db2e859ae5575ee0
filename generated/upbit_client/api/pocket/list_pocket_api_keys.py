from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.exchange_error import ExchangeError
from ...models.pocket_api_keys import PocketApiKeys
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    uuids: list[str] | Unset = UNSET,
    include_expired: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_uuids: list[str] | Unset = UNSET
    if not isinstance(uuids, Unset):
        json_uuids = uuids

    params["uuids[]"] = json_uuids

    params["include_expired"] = include_expired

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/pockets/api_keys",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExchangeError | list[PocketApiKeys] | str | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = PocketApiKeys.from_dict(response_200_item_data)

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
) -> Response[ExchangeError | list[PocketApiKeys] | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    uuids: list[str] | Unset = UNSET,
    include_expired: bool | Unset = UNSET,
) -> Response[ExchangeError | list[PocketApiKeys] | str]:
    """List Pocket API Keys

     Lists the API keys of each pocket (access key, permissions, allowed IPs, creation and
    expiry time): one `{uuid, keys}` entry per pocket. Needs a main-pocket key with the
    pocket-management permission. Shape, key names and permission values follow Upbit's
    SDK 1.1.0 (`types/pocket_api_key_group.py`, `pocket_api_key.py`,
    `pocket_api_key_permission.py`), which Upbit generates from its own API definition;
    the docs page gives only a field list. The array parameter is `uuids[]` on the wire
    (the SDK sends arrays with brackets).

    Args:
        uuids (list[str] | Unset):
        include_expired (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | list[PocketApiKeys] | str]
    """

    kwargs = _get_kwargs(
        uuids=uuids,
        include_expired=include_expired,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    uuids: list[str] | Unset = UNSET,
    include_expired: bool | Unset = UNSET,
) -> ExchangeError | list[PocketApiKeys] | str | None:
    """List Pocket API Keys

     Lists the API keys of each pocket (access key, permissions, allowed IPs, creation and
    expiry time): one `{uuid, keys}` entry per pocket. Needs a main-pocket key with the
    pocket-management permission. Shape, key names and permission values follow Upbit's
    SDK 1.1.0 (`types/pocket_api_key_group.py`, `pocket_api_key.py`,
    `pocket_api_key_permission.py`), which Upbit generates from its own API definition;
    the docs page gives only a field list. The array parameter is `uuids[]` on the wire
    (the SDK sends arrays with brackets).

    Args:
        uuids (list[str] | Unset):
        include_expired (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | list[PocketApiKeys] | str
    """

    return sync_detailed(
        client=client,
        uuids=uuids,
        include_expired=include_expired,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    uuids: list[str] | Unset = UNSET,
    include_expired: bool | Unset = UNSET,
) -> Response[ExchangeError | list[PocketApiKeys] | str]:
    """List Pocket API Keys

     Lists the API keys of each pocket (access key, permissions, allowed IPs, creation and
    expiry time): one `{uuid, keys}` entry per pocket. Needs a main-pocket key with the
    pocket-management permission. Shape, key names and permission values follow Upbit's
    SDK 1.1.0 (`types/pocket_api_key_group.py`, `pocket_api_key.py`,
    `pocket_api_key_permission.py`), which Upbit generates from its own API definition;
    the docs page gives only a field list. The array parameter is `uuids[]` on the wire
    (the SDK sends arrays with brackets).

    Args:
        uuids (list[str] | Unset):
        include_expired (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | list[PocketApiKeys] | str]
    """

    kwargs = _get_kwargs(
        uuids=uuids,
        include_expired=include_expired,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    uuids: list[str] | Unset = UNSET,
    include_expired: bool | Unset = UNSET,
) -> ExchangeError | list[PocketApiKeys] | str | None:
    """List Pocket API Keys

     Lists the API keys of each pocket (access key, permissions, allowed IPs, creation and
    expiry time): one `{uuid, keys}` entry per pocket. Needs a main-pocket key with the
    pocket-management permission. Shape, key names and permission values follow Upbit's
    SDK 1.1.0 (`types/pocket_api_key_group.py`, `pocket_api_key.py`,
    `pocket_api_key_permission.py`), which Upbit generates from its own API definition;
    the docs page gives only a field list. The array parameter is `uuids[]` on the wire
    (the SDK sends arrays with brackets).

    Args:
        uuids (list[str] | Unset):
        include_expired (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | list[PocketApiKeys] | str
    """

    return (
        await asyncio_detailed(
            client=client,
            uuids=uuids,
            include_expired=include_expired,
        )
    ).parsed
