from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.quotation_error import QuotationError
from ...models.second_candle import SecondCandle
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    market: str,
    to: str | Unset = UNSET,
    count: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["market"] = market

    params["to"] = to

    params["count"] = count

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/candles/seconds",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> QuotationError | list[SecondCandle] | str | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = SecondCandle.from_dict(response_200_item_data)

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
) -> Response[QuotationError | list[SecondCandle] | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    market: str,
    to: str | Unset = UNSET,
    count: int | Unset = UNSET,
) -> Response[QuotationError | list[SecondCandle] | str]:
    """List Second Candles

     Lists 1-second candles of a market, newest first, ending before `to`. Only the
    last 3 months are kept: a `to` older than that returns an empty array. A candle
    exists only for a second in which a trade happened, so gaps are normal.

    Args:
        market (str):
        to (str | Unset):
        count (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[QuotationError | list[SecondCandle] | str]
    """

    kwargs = _get_kwargs(
        market=market,
        to=to,
        count=count,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    market: str,
    to: str | Unset = UNSET,
    count: int | Unset = UNSET,
) -> QuotationError | list[SecondCandle] | str | None:
    """List Second Candles

     Lists 1-second candles of a market, newest first, ending before `to`. Only the
    last 3 months are kept: a `to` older than that returns an empty array. A candle
    exists only for a second in which a trade happened, so gaps are normal.

    Args:
        market (str):
        to (str | Unset):
        count (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        QuotationError | list[SecondCandle] | str
    """

    return sync_detailed(
        client=client,
        market=market,
        to=to,
        count=count,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    market: str,
    to: str | Unset = UNSET,
    count: int | Unset = UNSET,
) -> Response[QuotationError | list[SecondCandle] | str]:
    """List Second Candles

     Lists 1-second candles of a market, newest first, ending before `to`. Only the
    last 3 months are kept: a `to` older than that returns an empty array. A candle
    exists only for a second in which a trade happened, so gaps are normal.

    Args:
        market (str):
        to (str | Unset):
        count (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[QuotationError | list[SecondCandle] | str]
    """

    kwargs = _get_kwargs(
        market=market,
        to=to,
        count=count,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    market: str,
    to: str | Unset = UNSET,
    count: int | Unset = UNSET,
) -> QuotationError | list[SecondCandle] | str | None:
    """List Second Candles

     Lists 1-second candles of a market, newest first, ending before `to`. Only the
    last 3 months are kept: a `to` older than that returns an empty array. A candle
    exists only for a second in which a trade happened, so gaps are normal.

    Args:
        market (str):
        to (str | Unset):
        count (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        QuotationError | list[SecondCandle] | str
    """

    return (
        await asyncio_detailed(
            client=client,
            market=market,
            to=to,
            count=count,
        )
    ).parsed
