from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.exchange_error import ExchangeError
from ...models.list_orders_order_by import ListOrdersOrderBy
from ...models.list_orders_state import ListOrdersState
from ...models.list_orders_states_item import (
    ListOrdersStatesItem,
)
from ...models.order import Order
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    market: str | Unset = UNSET,
    uuids: list[str] | Unset = UNSET,
    identifiers: list[str] | Unset = UNSET,
    state: ListOrdersState | Unset = UNSET,
    states: list[ListOrdersStatesItem] | Unset = UNSET,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    order_by: ListOrdersOrderBy | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["market"] = market

    json_uuids: list[str] | Unset = UNSET
    if not isinstance(uuids, Unset):
        json_uuids = uuids

    params["uuids[]"] = json_uuids

    json_identifiers: list[str] | Unset = UNSET
    if not isinstance(identifiers, Unset):
        json_identifiers = identifiers

    params["identifiers[]"] = json_identifiers

    json_state: str | Unset = UNSET
    if not isinstance(state, Unset):
        json_state = state

    params["state"] = json_state

    json_states: list[str] | Unset = UNSET
    if not isinstance(states, Unset):
        json_states = []
        for states_item_data in states:
            states_item: str = states_item_data
            json_states.append(states_item)

    params["states[]"] = json_states

    params["page"] = page

    params["limit"] = limit

    json_order_by: str | Unset = UNSET
    if not isinstance(order_by, Unset):
        json_order_by = order_by

    params["order_by"] = json_order_by

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/orders",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExchangeError | list[Order] | str | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Order.from_dict(response_200_item_data)

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
) -> Response[ExchangeError | list[Order] | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    market: str | Unset = UNSET,
    uuids: list[str] | Unset = UNSET,
    identifiers: list[str] | Unset = UNSET,
    state: ListOrdersState | Unset = UNSET,
    states: list[ListOrdersStatesItem] | Unset = UNSET,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    order_by: ListOrdersOrderBy | Unset = UNSET,
) -> Response[ExchangeError | list[Order] | str]:
    """List Orders (deprecated)

     Deprecated since 2024-06-27 in favour of `list_orders_by_ids`, `list_open_orders` and
    `list_closed_orders`; no end date was announced, and whether it still answers is
    unconfirmed. Lists orders filtered by market, ids or state, paged by `page`.
    `uuids[]` and `identifiers[]` are mutually exclusive, and so are `state` and `states[]`.

    Args:
        market (str | Unset):
        uuids (list[str] | Unset):
        identifiers (list[str] | Unset):
        state (ListOrdersState | Unset):
        states (list[ListOrdersStatesItem] | Unset):
        page (int | Unset):
        limit (int | Unset):
        order_by (ListOrdersOrderBy | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | list[Order] | str]
    """

    kwargs = _get_kwargs(
        market=market,
        uuids=uuids,
        identifiers=identifiers,
        state=state,
        states=states,
        page=page,
        limit=limit,
        order_by=order_by,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    market: str | Unset = UNSET,
    uuids: list[str] | Unset = UNSET,
    identifiers: list[str] | Unset = UNSET,
    state: ListOrdersState | Unset = UNSET,
    states: list[ListOrdersStatesItem] | Unset = UNSET,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    order_by: ListOrdersOrderBy | Unset = UNSET,
) -> ExchangeError | list[Order] | str | None:
    """List Orders (deprecated)

     Deprecated since 2024-06-27 in favour of `list_orders_by_ids`, `list_open_orders` and
    `list_closed_orders`; no end date was announced, and whether it still answers is
    unconfirmed. Lists orders filtered by market, ids or state, paged by `page`.
    `uuids[]` and `identifiers[]` are mutually exclusive, and so are `state` and `states[]`.

    Args:
        market (str | Unset):
        uuids (list[str] | Unset):
        identifiers (list[str] | Unset):
        state (ListOrdersState | Unset):
        states (list[ListOrdersStatesItem] | Unset):
        page (int | Unset):
        limit (int | Unset):
        order_by (ListOrdersOrderBy | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | list[Order] | str
    """

    return sync_detailed(
        client=client,
        market=market,
        uuids=uuids,
        identifiers=identifiers,
        state=state,
        states=states,
        page=page,
        limit=limit,
        order_by=order_by,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    market: str | Unset = UNSET,
    uuids: list[str] | Unset = UNSET,
    identifiers: list[str] | Unset = UNSET,
    state: ListOrdersState | Unset = UNSET,
    states: list[ListOrdersStatesItem] | Unset = UNSET,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    order_by: ListOrdersOrderBy | Unset = UNSET,
) -> Response[ExchangeError | list[Order] | str]:
    """List Orders (deprecated)

     Deprecated since 2024-06-27 in favour of `list_orders_by_ids`, `list_open_orders` and
    `list_closed_orders`; no end date was announced, and whether it still answers is
    unconfirmed. Lists orders filtered by market, ids or state, paged by `page`.
    `uuids[]` and `identifiers[]` are mutually exclusive, and so are `state` and `states[]`.

    Args:
        market (str | Unset):
        uuids (list[str] | Unset):
        identifiers (list[str] | Unset):
        state (ListOrdersState | Unset):
        states (list[ListOrdersStatesItem] | Unset):
        page (int | Unset):
        limit (int | Unset):
        order_by (ListOrdersOrderBy | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | list[Order] | str]
    """

    kwargs = _get_kwargs(
        market=market,
        uuids=uuids,
        identifiers=identifiers,
        state=state,
        states=states,
        page=page,
        limit=limit,
        order_by=order_by,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    market: str | Unset = UNSET,
    uuids: list[str] | Unset = UNSET,
    identifiers: list[str] | Unset = UNSET,
    state: ListOrdersState | Unset = UNSET,
    states: list[ListOrdersStatesItem] | Unset = UNSET,
    page: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    order_by: ListOrdersOrderBy | Unset = UNSET,
) -> ExchangeError | list[Order] | str | None:
    """List Orders (deprecated)

     Deprecated since 2024-06-27 in favour of `list_orders_by_ids`, `list_open_orders` and
    `list_closed_orders`; no end date was announced, and whether it still answers is
    unconfirmed. Lists orders filtered by market, ids or state, paged by `page`.
    `uuids[]` and `identifiers[]` are mutually exclusive, and so are `state` and `states[]`.

    Args:
        market (str | Unset):
        uuids (list[str] | Unset):
        identifiers (list[str] | Unset):
        state (ListOrdersState | Unset):
        states (list[ListOrdersStatesItem] | Unset):
        page (int | Unset):
        limit (int | Unset):
        order_by (ListOrdersOrderBy | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | list[Order] | str
    """

    return (
        await asyncio_detailed(
            client=client,
            market=market,
            uuids=uuids,
            identifiers=identifiers,
            state=state,
            states=states,
            page=page,
            limit=limit,
            order_by=order_by,
        )
    ).parsed
