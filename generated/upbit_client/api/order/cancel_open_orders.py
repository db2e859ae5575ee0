from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_cancel_result import BatchCancelResult
from ...models.cancel_open_orders_cancel_side import (
    CancelOpenOrdersCancelSide,
)
from ...models.cancel_open_orders_order_by import (
    CancelOpenOrdersOrderBy,
)
from ...models.exchange_error import ExchangeError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    quote_currencies: str | Unset = UNSET,
    cancel_side: CancelOpenOrdersCancelSide | Unset = UNSET,
    count: int | Unset = UNSET,
    order_by: CancelOpenOrdersOrderBy | Unset = UNSET,
    pairs: str | Unset = UNSET,
    excluded_pairs: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["quote_currencies"] = quote_currencies

    json_cancel_side: str | Unset = UNSET
    if not isinstance(cancel_side, Unset):
        json_cancel_side = cancel_side

    params["cancel_side"] = json_cancel_side

    params["count"] = count

    json_order_by: str | Unset = UNSET
    if not isinstance(order_by, Unset):
        json_order_by = order_by

    params["order_by"] = json_order_by

    params["pairs"] = pairs

    params["excluded_pairs"] = excluded_pairs

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/orders/open",
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
    quote_currencies: str | Unset = UNSET,
    cancel_side: CancelOpenOrdersCancelSide | Unset = UNSET,
    count: int | Unset = UNSET,
    order_by: CancelOpenOrdersOrderBy | Unset = UNSET,
    pairs: str | Unset = UNSET,
    excluded_pairs: str | Unset = UNSET,
) -> Response[BatchCancelResult | ExchangeError | str]:
    """Batch Cancel Orders

     Requests cancellation of up to 300 open orders chosen by filters. Only `wait` orders
    are cancelled; `watch` (reserved) orders must be cancelled with `cancel_order` or
    `cancel_orders_by_ids`. Parameters go in the query string only (no body).

    Filters: `pairs` and `quote_currencies` are mutually exclusive; with neither, all
    markets are covered. `excluded_pairs` removes pairs from the selection and wins over
    the inclusion filters. `cancel_side` restricts the side, `count` caps the number of
    orders, and `order_by` decides which orders go first.

    Parameter name discrepancy: the official OpenAPI block of this page declares the
    exclusion filter as `exclude_pairs`, while the same page's prose and code samples and
    Upbit's official CLI send `excluded_pairs`; this description uses `excluded_pairs`
    (which one the server honours is unconfirmed; possibly both).

    Args:
        quote_currencies (str | Unset):
        cancel_side (CancelOpenOrdersCancelSide | Unset):
        count (int | Unset):
        order_by (CancelOpenOrdersOrderBy | Unset):
        pairs (str | Unset):
        excluded_pairs (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchCancelResult | ExchangeError | str]
    """

    kwargs = _get_kwargs(
        quote_currencies=quote_currencies,
        cancel_side=cancel_side,
        count=count,
        order_by=order_by,
        pairs=pairs,
        excluded_pairs=excluded_pairs,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    quote_currencies: str | Unset = UNSET,
    cancel_side: CancelOpenOrdersCancelSide | Unset = UNSET,
    count: int | Unset = UNSET,
    order_by: CancelOpenOrdersOrderBy | Unset = UNSET,
    pairs: str | Unset = UNSET,
    excluded_pairs: str | Unset = UNSET,
) -> BatchCancelResult | ExchangeError | str | None:
    """Batch Cancel Orders

     Requests cancellation of up to 300 open orders chosen by filters. Only `wait` orders
    are cancelled; `watch` (reserved) orders must be cancelled with `cancel_order` or
    `cancel_orders_by_ids`. Parameters go in the query string only (no body).

    Filters: `pairs` and `quote_currencies` are mutually exclusive; with neither, all
    markets are covered. `excluded_pairs` removes pairs from the selection and wins over
    the inclusion filters. `cancel_side` restricts the side, `count` caps the number of
    orders, and `order_by` decides which orders go first.

    Parameter name discrepancy: the official OpenAPI block of this page declares the
    exclusion filter as `exclude_pairs`, while the same page's prose and code samples and
    Upbit's official CLI send `excluded_pairs`; this description uses `excluded_pairs`
    (which one the server honours is unconfirmed; possibly both).

    Args:
        quote_currencies (str | Unset):
        cancel_side (CancelOpenOrdersCancelSide | Unset):
        count (int | Unset):
        order_by (CancelOpenOrdersOrderBy | Unset):
        pairs (str | Unset):
        excluded_pairs (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchCancelResult | ExchangeError | str
    """

    return sync_detailed(
        client=client,
        quote_currencies=quote_currencies,
        cancel_side=cancel_side,
        count=count,
        order_by=order_by,
        pairs=pairs,
        excluded_pairs=excluded_pairs,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    quote_currencies: str | Unset = UNSET,
    cancel_side: CancelOpenOrdersCancelSide | Unset = UNSET,
    count: int | Unset = UNSET,
    order_by: CancelOpenOrdersOrderBy | Unset = UNSET,
    pairs: str | Unset = UNSET,
    excluded_pairs: str | Unset = UNSET,
) -> Response[BatchCancelResult | ExchangeError | str]:
    """Batch Cancel Orders

     Requests cancellation of up to 300 open orders chosen by filters. Only `wait` orders
    are cancelled; `watch` (reserved) orders must be cancelled with `cancel_order` or
    `cancel_orders_by_ids`. Parameters go in the query string only (no body).

    Filters: `pairs` and `quote_currencies` are mutually exclusive; with neither, all
    markets are covered. `excluded_pairs` removes pairs from the selection and wins over
    the inclusion filters. `cancel_side` restricts the side, `count` caps the number of
    orders, and `order_by` decides which orders go first.

    Parameter name discrepancy: the official OpenAPI block of this page declares the
    exclusion filter as `exclude_pairs`, while the same page's prose and code samples and
    Upbit's official CLI send `excluded_pairs`; this description uses `excluded_pairs`
    (which one the server honours is unconfirmed; possibly both).

    Args:
        quote_currencies (str | Unset):
        cancel_side (CancelOpenOrdersCancelSide | Unset):
        count (int | Unset):
        order_by (CancelOpenOrdersOrderBy | Unset):
        pairs (str | Unset):
        excluded_pairs (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchCancelResult | ExchangeError | str]
    """

    kwargs = _get_kwargs(
        quote_currencies=quote_currencies,
        cancel_side=cancel_side,
        count=count,
        order_by=order_by,
        pairs=pairs,
        excluded_pairs=excluded_pairs,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    quote_currencies: str | Unset = UNSET,
    cancel_side: CancelOpenOrdersCancelSide | Unset = UNSET,
    count: int | Unset = UNSET,
    order_by: CancelOpenOrdersOrderBy | Unset = UNSET,
    pairs: str | Unset = UNSET,
    excluded_pairs: str | Unset = UNSET,
) -> BatchCancelResult | ExchangeError | str | None:
    """Batch Cancel Orders

     Requests cancellation of up to 300 open orders chosen by filters. Only `wait` orders
    are cancelled; `watch` (reserved) orders must be cancelled with `cancel_order` or
    `cancel_orders_by_ids`. Parameters go in the query string only (no body).

    Filters: `pairs` and `quote_currencies` are mutually exclusive; with neither, all
    markets are covered. `excluded_pairs` removes pairs from the selection and wins over
    the inclusion filters. `cancel_side` restricts the side, `count` caps the number of
    orders, and `order_by` decides which orders go first.

    Parameter name discrepancy: the official OpenAPI block of this page declares the
    exclusion filter as `exclude_pairs`, while the same page's prose and code samples and
    Upbit's official CLI send `excluded_pairs`; this description uses `excluded_pairs`
    (which one the server honours is unconfirmed; possibly both).

    Args:
        quote_currencies (str | Unset):
        cancel_side (CancelOpenOrdersCancelSide | Unset):
        count (int | Unset):
        order_by (CancelOpenOrdersOrderBy | Unset):
        pairs (str | Unset):
        excluded_pairs (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchCancelResult | ExchangeError | str
    """

    return (
        await asyncio_detailed(
            client=client,
            quote_currencies=quote_currencies,
            cancel_side=cancel_side,
            count=count,
            order_by=order_by,
            pairs=pairs,
            excluded_pairs=excluded_pairs,
        )
    ).parsed
