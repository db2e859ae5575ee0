from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.deposit import Deposit
from ...models.exchange_error import ExchangeError
from ...models.list_deposits_order_by import (
    ListDepositsOrderBy,
)
from ...models.list_deposits_state import ListDepositsState
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    currency: str | Unset = UNSET,
    state: ListDepositsState | Unset = UNSET,
    uuids: list[str] | Unset = UNSET,
    txids: list[str] | Unset = UNSET,
    limit: int | Unset = UNSET,
    page: int | Unset = UNSET,
    order_by: ListDepositsOrderBy | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["currency"] = currency

    json_state: str | Unset = UNSET
    if not isinstance(state, Unset):
        json_state = state

    params["state"] = json_state

    json_uuids: list[str] | Unset = UNSET
    if not isinstance(uuids, Unset):
        json_uuids = uuids

    params["uuids[]"] = json_uuids

    json_txids: list[str] | Unset = UNSET
    if not isinstance(txids, Unset):
        json_txids = txids

    params["txids[]"] = json_txids

    params["limit"] = limit

    params["page"] = page

    json_order_by: str | Unset = UNSET
    if not isinstance(order_by, Unset):
        json_order_by = order_by

    params["order_by"] = json_order_by

    params["from"] = from_

    params["to"] = to

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/deposits",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExchangeError | list[Deposit] | str | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Deposit.from_dict(response_200_item_data)

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
) -> Response[ExchangeError | list[Deposit] | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    currency: str | Unset = UNSET,
    state: ListDepositsState | Unset = UNSET,
    uuids: list[str] | Unset = UNSET,
    txids: list[str] | Unset = UNSET,
    limit: int | Unset = UNSET,
    page: int | Unset = UNSET,
    order_by: ListDepositsOrderBy | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
) -> Response[ExchangeError | list[Deposit] | str]:
    """List Deposits

     Lists the key's deposits, newest first by default. Filter by currency, state, or a list
    of UUIDs or transaction ids. `uuids[]` and `txids[]` are mutually exclusive (send at
    most one of them). Without filters the latest 100 deposits are returned. Page with
    `page`, or with the `from` / `to` cursors (a deposit `uuid` from a previous answer).

    Args:
        currency (str | Unset):
        state (ListDepositsState | Unset):
        uuids (list[str] | Unset):
        txids (list[str] | Unset):
        limit (int | Unset):
        page (int | Unset):
        order_by (ListDepositsOrderBy | Unset):
        from_ (str | Unset):
        to (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | list[Deposit] | str]
    """

    kwargs = _get_kwargs(
        currency=currency,
        state=state,
        uuids=uuids,
        txids=txids,
        limit=limit,
        page=page,
        order_by=order_by,
        from_=from_,
        to=to,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    currency: str | Unset = UNSET,
    state: ListDepositsState | Unset = UNSET,
    uuids: list[str] | Unset = UNSET,
    txids: list[str] | Unset = UNSET,
    limit: int | Unset = UNSET,
    page: int | Unset = UNSET,
    order_by: ListDepositsOrderBy | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
) -> ExchangeError | list[Deposit] | str | None:
    """List Deposits

     Lists the key's deposits, newest first by default. Filter by currency, state, or a list
    of UUIDs or transaction ids. `uuids[]` and `txids[]` are mutually exclusive (send at
    most one of them). Without filters the latest 100 deposits are returned. Page with
    `page`, or with the `from` / `to` cursors (a deposit `uuid` from a previous answer).

    Args:
        currency (str | Unset):
        state (ListDepositsState | Unset):
        uuids (list[str] | Unset):
        txids (list[str] | Unset):
        limit (int | Unset):
        page (int | Unset):
        order_by (ListDepositsOrderBy | Unset):
        from_ (str | Unset):
        to (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | list[Deposit] | str
    """

    return sync_detailed(
        client=client,
        currency=currency,
        state=state,
        uuids=uuids,
        txids=txids,
        limit=limit,
        page=page,
        order_by=order_by,
        from_=from_,
        to=to,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    currency: str | Unset = UNSET,
    state: ListDepositsState | Unset = UNSET,
    uuids: list[str] | Unset = UNSET,
    txids: list[str] | Unset = UNSET,
    limit: int | Unset = UNSET,
    page: int | Unset = UNSET,
    order_by: ListDepositsOrderBy | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
) -> Response[ExchangeError | list[Deposit] | str]:
    """List Deposits

     Lists the key's deposits, newest first by default. Filter by currency, state, or a list
    of UUIDs or transaction ids. `uuids[]` and `txids[]` are mutually exclusive (send at
    most one of them). Without filters the latest 100 deposits are returned. Page with
    `page`, or with the `from` / `to` cursors (a deposit `uuid` from a previous answer).

    Args:
        currency (str | Unset):
        state (ListDepositsState | Unset):
        uuids (list[str] | Unset):
        txids (list[str] | Unset):
        limit (int | Unset):
        page (int | Unset):
        order_by (ListDepositsOrderBy | Unset):
        from_ (str | Unset):
        to (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | list[Deposit] | str]
    """

    kwargs = _get_kwargs(
        currency=currency,
        state=state,
        uuids=uuids,
        txids=txids,
        limit=limit,
        page=page,
        order_by=order_by,
        from_=from_,
        to=to,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    currency: str | Unset = UNSET,
    state: ListDepositsState | Unset = UNSET,
    uuids: list[str] | Unset = UNSET,
    txids: list[str] | Unset = UNSET,
    limit: int | Unset = UNSET,
    page: int | Unset = UNSET,
    order_by: ListDepositsOrderBy | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
) -> ExchangeError | list[Deposit] | str | None:
    """List Deposits

     Lists the key's deposits, newest first by default. Filter by currency, state, or a list
    of UUIDs or transaction ids. `uuids[]` and `txids[]` are mutually exclusive (send at
    most one of them). Without filters the latest 100 deposits are returned. Page with
    `page`, or with the `from` / `to` cursors (a deposit `uuid` from a previous answer).

    Args:
        currency (str | Unset):
        state (ListDepositsState | Unset):
        uuids (list[str] | Unset):
        txids (list[str] | Unset):
        limit (int | Unset):
        page (int | Unset):
        order_by (ListDepositsOrderBy | Unset):
        from_ (str | Unset):
        to (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | list[Deposit] | str
    """

    return (
        await asyncio_detailed(
            client=client,
            currency=currency,
            state=state,
            uuids=uuids,
            txids=txids,
            limit=limit,
            page=page,
            order_by=order_by,
            from_=from_,
            to=to,
        )
    ).parsed
