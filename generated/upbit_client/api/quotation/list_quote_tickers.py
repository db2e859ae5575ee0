from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.quotation_error import QuotationError
from ...models.ticker import Ticker
from ...types import UNSET, Response


def _get_kwargs(
    *,
    quote_currencies: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["quote_currencies"] = quote_currencies

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/ticker/all",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> QuotationError | list[Ticker] | str | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Ticker.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 400:
        response_400 = QuotationError.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = QuotationError.from_dict(response.json())

        return response_404

    if response.status_code == 418:
        response_418 = response.text
        return response_418

    if response.status_code == 429:
        response_429 = response.text
        return response_429

    if response.status_code == 500:
        response_500 = QuotationError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[QuotationError | list[Ticker] | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    quote_currencies: str,
) -> Response[QuotationError | list[Ticker] | str]:
    """List Tickers by Market

     Returns the current ticker of every market quoted in the given quote currencies
    (e.g. all KRW markets). Same item shape as `list_tickers`.

    Args:
        quote_currencies (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[QuotationError | list[Ticker] | str]
    """

    kwargs = _get_kwargs(
        quote_currencies=quote_currencies,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    quote_currencies: str,
) -> QuotationError | list[Ticker] | str | None:
    """List Tickers by Market

     Returns the current ticker of every market quoted in the given quote currencies
    (e.g. all KRW markets). Same item shape as `list_tickers`.

    Args:
        quote_currencies (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        QuotationError | list[Ticker] | str
    """

    return sync_detailed(
        client=client,
        quote_currencies=quote_currencies,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    quote_currencies: str,
) -> Response[QuotationError | list[Ticker] | str]:
    """List Tickers by Market

     Returns the current ticker of every market quoted in the given quote currencies
    (e.g. all KRW markets). Same item shape as `list_tickers`.

    Args:
        quote_currencies (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[QuotationError | list[Ticker] | str]
    """

    kwargs = _get_kwargs(
        quote_currencies=quote_currencies,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    quote_currencies: str,
) -> QuotationError | list[Ticker] | str | None:
    """List Tickers by Market

     Returns the current ticker of every market quoted in the given quote currencies
    (e.g. all KRW markets). Same item shape as `list_tickers`.

    Args:
        quote_currencies (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        QuotationError | list[Ticker] | str
    """

    return (
        await asyncio_detailed(
            client=client,
            quote_currencies=quote_currencies,
        )
    ).parsed
