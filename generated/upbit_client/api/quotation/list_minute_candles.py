from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_minute_candles_unit import (
    ListMinuteCandlesUnit,
)
from ...models.minute_candle import MinuteCandle
from ...models.quotation_error import QuotationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    unit: ListMinuteCandlesUnit,
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
        "url": "/v1/candles/minutes/{unit}".format(
            unit=quote(str(unit), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> QuotationError | list[MinuteCandle] | str | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = MinuteCandle.from_dict(response_200_item_data)

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
) -> Response[QuotationError | list[MinuteCandle] | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    unit: ListMinuteCandlesUnit,
    *,
    client: AuthenticatedClient | Client,
    market: str,
    to: str | Unset = UNSET,
    count: int | Unset = UNSET,
) -> Response[QuotationError | list[MinuteCandle] | str]:
    """List Minute Candles

     Lists minute candles of a market for the given unit (1, 3, 5, 10, 15, 30, 60 or
    240 minutes), newest first, ending before `to`. A candle exists only for a
    period in which a trade happened, so gaps are normal.

    Args:
        unit (ListMinuteCandlesUnit):
        market (str):
        to (str | Unset):
        count (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[QuotationError | list[MinuteCandle] | str]
    """

    kwargs = _get_kwargs(
        unit=unit,
        market=market,
        to=to,
        count=count,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    unit: ListMinuteCandlesUnit,
    *,
    client: AuthenticatedClient | Client,
    market: str,
    to: str | Unset = UNSET,
    count: int | Unset = UNSET,
) -> QuotationError | list[MinuteCandle] | str | None:
    """List Minute Candles

     Lists minute candles of a market for the given unit (1, 3, 5, 10, 15, 30, 60 or
    240 minutes), newest first, ending before `to`. A candle exists only for a
    period in which a trade happened, so gaps are normal.

    Args:
        unit (ListMinuteCandlesUnit):
        market (str):
        to (str | Unset):
        count (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        QuotationError | list[MinuteCandle] | str
    """

    return sync_detailed(
        unit=unit,
        client=client,
        market=market,
        to=to,
        count=count,
    ).parsed


async def asyncio_detailed(
    unit: ListMinuteCandlesUnit,
    *,
    client: AuthenticatedClient | Client,
    market: str,
    to: str | Unset = UNSET,
    count: int | Unset = UNSET,
) -> Response[QuotationError | list[MinuteCandle] | str]:
    """List Minute Candles

     Lists minute candles of a market for the given unit (1, 3, 5, 10, 15, 30, 60 or
    240 minutes), newest first, ending before `to`. A candle exists only for a
    period in which a trade happened, so gaps are normal.

    Args:
        unit (ListMinuteCandlesUnit):
        market (str):
        to (str | Unset):
        count (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[QuotationError | list[MinuteCandle] | str]
    """

    kwargs = _get_kwargs(
        unit=unit,
        market=market,
        to=to,
        count=count,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    unit: ListMinuteCandlesUnit,
    *,
    client: AuthenticatedClient | Client,
    market: str,
    to: str | Unset = UNSET,
    count: int | Unset = UNSET,
) -> QuotationError | list[MinuteCandle] | str | None:
    """List Minute Candles

     Lists minute candles of a market for the given unit (1, 3, 5, 10, 15, 30, 60 or
    240 minutes), newest first, ending before `to`. A candle exists only for a
    period in which a trade happened, so gaps are normal.

    Args:
        unit (ListMinuteCandlesUnit):
        market (str):
        to (str | Unset):
        count (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        QuotationError | list[MinuteCandle] | str
    """

    return (
        await asyncio_detailed(
            unit=unit,
            client=client,
            market=market,
            to=to,
            count=count,
        )
    ).parsed
