from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.day_candle import DayCandle
from ...models.list_day_candles_converting_price_unit import (
    ListDayCandlesConvertingPriceUnit,
)
from ...models.quotation_error import QuotationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    market: str,
    to: str | Unset = UNSET,
    count: int | Unset = UNSET,
    converting_price_unit: ListDayCandlesConvertingPriceUnit | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["market"] = market

    params["to"] = to

    params["count"] = count

    json_converting_price_unit: str | Unset = UNSET
    if not isinstance(converting_price_unit, Unset):
        json_converting_price_unit = converting_price_unit

    params["converting_price_unit"] = json_converting_price_unit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/candles/days",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> QuotationError | list[DayCandle] | str | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = DayCandle.from_dict(response_200_item_data)

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
) -> Response[QuotationError | list[DayCandle] | str]:
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
    converting_price_unit: ListDayCandlesConvertingPriceUnit | Unset = UNSET,
) -> Response[QuotationError | list[DayCandle] | str]:
    """List Day Candles

     Lists daily candles of a market (days start at 00:00 UTC), newest first, ending
    before `to`. With `converting_price_unit=KRW`, candles of BTC and USDT markets
    also carry the closing price converted to KRW (`converted_trade_price`).

    Args:
        market (str):
        to (str | Unset):
        count (int | Unset):
        converting_price_unit (ListDayCandlesConvertingPriceUnit | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[QuotationError | list[DayCandle] | str]
    """

    kwargs = _get_kwargs(
        market=market,
        to=to,
        count=count,
        converting_price_unit=converting_price_unit,
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
    converting_price_unit: ListDayCandlesConvertingPriceUnit | Unset = UNSET,
) -> QuotationError | list[DayCandle] | str | None:
    """List Day Candles

     Lists daily candles of a market (days start at 00:00 UTC), newest first, ending
    before `to`. With `converting_price_unit=KRW`, candles of BTC and USDT markets
    also carry the closing price converted to KRW (`converted_trade_price`).

    Args:
        market (str):
        to (str | Unset):
        count (int | Unset):
        converting_price_unit (ListDayCandlesConvertingPriceUnit | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        QuotationError | list[DayCandle] | str
    """

    return sync_detailed(
        client=client,
        market=market,
        to=to,
        count=count,
        converting_price_unit=converting_price_unit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    market: str,
    to: str | Unset = UNSET,
    count: int | Unset = UNSET,
    converting_price_unit: ListDayCandlesConvertingPriceUnit | Unset = UNSET,
) -> Response[QuotationError | list[DayCandle] | str]:
    """List Day Candles

     Lists daily candles of a market (days start at 00:00 UTC), newest first, ending
    before `to`. With `converting_price_unit=KRW`, candles of BTC and USDT markets
    also carry the closing price converted to KRW (`converted_trade_price`).

    Args:
        market (str):
        to (str | Unset):
        count (int | Unset):
        converting_price_unit (ListDayCandlesConvertingPriceUnit | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[QuotationError | list[DayCandle] | str]
    """

    kwargs = _get_kwargs(
        market=market,
        to=to,
        count=count,
        converting_price_unit=converting_price_unit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    market: str,
    to: str | Unset = UNSET,
    count: int | Unset = UNSET,
    converting_price_unit: ListDayCandlesConvertingPriceUnit | Unset = UNSET,
) -> QuotationError | list[DayCandle] | str | None:
    """List Day Candles

     Lists daily candles of a market (days start at 00:00 UTC), newest first, ending
    before `to`. With `converting_price_unit=KRW`, candles of BTC and USDT markets
    also carry the closing price converted to KRW (`converted_trade_price`).

    Args:
        market (str):
        to (str | Unset):
        count (int | Unset):
        converting_price_unit (ListDayCandlesConvertingPriceUnit | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        QuotationError | list[DayCandle] | str
    """

    return (
        await asyncio_detailed(
            client=client,
            market=market,
            to=to,
            count=count,
            converting_price_unit=converting_price_unit,
        )
    ).parsed
