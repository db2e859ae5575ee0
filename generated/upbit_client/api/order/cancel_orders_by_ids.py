from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_cancel_result import BatchCancelResult
from ...models.exchange_error import ExchangeError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    uuids: list[str] | Unset = UNSET,
    identifiers: list[str] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_uuids: list[str] | Unset = UNSET
    if not isinstance(uuids, Unset):
        json_uuids = uuids

    params["uuids[]"] = json_uuids

    json_identifiers: list[str] | Unset = UNSET
    if not isinstance(identifiers, Unset):
        json_identifiers = identifiers

    params["identifiers[]"] = json_identifiers

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/orders/uuids",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BatchCancelResult | ExchangeError | str | None:
    if response.status_code == 200:
        response_200 = BatchCancelResult.from_dict(response.json())

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
) -> Response[BatchCancelResult | ExchangeError | str]:
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
    identifiers: list[str] | Unset = UNSET,
) -> Response[BatchCancelResult | ExchangeError | str]:
    """Cancel Orders by IDs

     Requests cancellation of up to 20 orders named by `uuids[]` or by `identifiers[]`
    (one of the two is required, not both). Parameters go in the query string only (no
    body). The result lists which cancellations were accepted and which were refused.

    Args:
        uuids (list[str] | Unset):
        identifiers (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchCancelResult | ExchangeError | str]
    """

    kwargs = _get_kwargs(
        uuids=uuids,
        identifiers=identifiers,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    uuids: list[str] | Unset = UNSET,
    identifiers: list[str] | Unset = UNSET,
) -> BatchCancelResult | ExchangeError | str | None:
    """Cancel Orders by IDs

     Requests cancellation of up to 20 orders named by `uuids[]` or by `identifiers[]`
    (one of the two is required, not both). Parameters go in the query string only (no
    body). The result lists which cancellations were accepted and which were refused.

    Args:
        uuids (list[str] | Unset):
        identifiers (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchCancelResult | ExchangeError | str
    """

    return sync_detailed(
        client=client,
        uuids=uuids,
        identifiers=identifiers,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    uuids: list[str] | Unset = UNSET,
    identifiers: list[str] | Unset = UNSET,
) -> Response[BatchCancelResult | ExchangeError | str]:
    """Cancel Orders by IDs

     Requests cancellation of up to 20 orders named by `uuids[]` or by `identifiers[]`
    (one of the two is required, not both). Parameters go in the query string only (no
    body). The result lists which cancellations were accepted and which were refused.

    Args:
        uuids (list[str] | Unset):
        identifiers (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchCancelResult | ExchangeError | str]
    """

    kwargs = _get_kwargs(
        uuids=uuids,
        identifiers=identifiers,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    uuids: list[str] | Unset = UNSET,
    identifiers: list[str] | Unset = UNSET,
) -> BatchCancelResult | ExchangeError | str | None:
    """Cancel Orders by IDs

     Requests cancellation of up to 20 orders named by `uuids[]` or by `identifiers[]`
    (one of the two is required, not both). Parameters go in the query string only (no
    body). The result lists which cancellations were accepted and which were refused.

    Args:
        uuids (list[str] | Unset):
        identifiers (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchCancelResult | ExchangeError | str
    """

    return (
        await asyncio_detailed(
            client=client,
            uuids=uuids,
            identifiers=identifiers,
        )
    ).parsed
