from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.exchange_error import ExchangeError
from ...models.list_closed_orders_order_by import (
    ListClosedOrdersOrderBy,
)
from ...models.list_closed_orders_state import (
    ListClosedOrdersState,
)
from ...models.list_closed_orders_states_item import (
    ListClosedOrdersStatesItem,
)
from ...models.order_list_item import OrderListItem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    market: str | Unset = UNSET,
    state: ListClosedOrdersState | Unset = UNSET,
    states: list[ListClosedOrdersStatesItem] | Unset = UNSET,
    start_time: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    order_by: ListClosedOrdersOrderBy | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["market"] = market

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

    params["start_time"] = start_time

    params["end_time"] = end_time

    params["limit"] = limit

    json_order_by: str | Unset = UNSET
    if not isinstance(order_by, Unset):
        json_order_by = order_by

    params["order_by"] = json_order_by

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/orders/closed",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExchangeError | list[OrderListItem] | str | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = OrderListItem.from_dict(response_200_item_data)

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
) -> Response[ExchangeError | list[OrderListItem] | str]:
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
    state: ListClosedOrdersState | Unset = UNSET,
    states: list[ListClosedOrdersStatesItem] | Unset = UNSET,
    start_time: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    order_by: ListClosedOrdersOrderBy | Unset = UNSET,
) -> Response[ExchangeError | list[OrderListItem] | str]:
    """List Closed Orders

     Lists closed orders (`done` = fully filled, `cancel` = cancelled) created inside a
    time window of at most 7 days, newest first by default. Window rule: with both
    `start_time` and `end_time` the span must not exceed 7 days; with only `start_time`
    the window is the 7 days after it; with only `end_time` the 7 days before it; with
    neither, the last 7 days. At most `limit` orders are returned and further orders in
    the window are silently left out, so split the window to get them all.
    `state` and `states[]` are mutually exclusive; with neither, both `done` and
    `cancel` orders are listed.

    Args:
        market (str | Unset):
        state (ListClosedOrdersState | Unset):
        states (list[ListClosedOrdersStatesItem] | Unset):
        start_time (str | Unset):
        end_time (str | Unset):
        limit (int | Unset):
        order_by (ListClosedOrdersOrderBy | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | list[OrderListItem] | str]
    """

    kwargs = _get_kwargs(
        market=market,
        state=state,
        states=states,
        start_time=start_time,
        end_time=end_time,
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
    state: ListClosedOrdersState | Unset = UNSET,
    states: list[ListClosedOrdersStatesItem] | Unset = UNSET,
    start_time: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    order_by: ListClosedOrdersOrderBy | Unset = UNSET,
) -> ExchangeError | list[OrderListItem] | str | None:
    """List Closed Orders

     Lists closed orders (`done` = fully filled, `cancel` = cancelled) created inside a
    time window of at most 7 days, newest first by default. Window rule: with both
    `start_time` and `end_time` the span must not exceed 7 days; with only `start_time`
    the window is the 7 days after it; with only `end_time` the 7 days before it; with
    neither, the last 7 days. At most `limit` orders are returned and further orders in
    the window are silently left out, so split the window to get them all.
    `state` and `states[]` are mutually exclusive; with neither, both `done` and
    `cancel` orders are listed.

    Args:
        market (str | Unset):
        state (ListClosedOrdersState | Unset):
        states (list[ListClosedOrdersStatesItem] | Unset):
        start_time (str | Unset):
        end_time (str | Unset):
        limit (int | Unset):
        order_by (ListClosedOrdersOrderBy | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | list[OrderListItem] | str
    """

    return sync_detailed(
        client=client,
        market=market,
        state=state,
        states=states,
        start_time=start_time,
        end_time=end_time,
        limit=limit,
        order_by=order_by,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    market: str | Unset = UNSET,
    state: ListClosedOrdersState | Unset = UNSET,
    states: list[ListClosedOrdersStatesItem] | Unset = UNSET,
    start_time: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    order_by: ListClosedOrdersOrderBy | Unset = UNSET,
) -> Response[ExchangeError | list[OrderListItem] | str]:
    """List Closed Orders

     Lists closed orders (`done` = fully filled, `cancel` = cancelled) created inside a
    time window of at most 7 days, newest first by default. Window rule: with both
    `start_time` and `end_time` the span must not exceed 7 days; with only `start_time`
    the window is the 7 days after it; with only `end_time` the 7 days before it; with
    neither, the last 7 days. At most `limit` orders are returned and further orders in
    the window are silently left out, so split the window to get them all.
    `state` and `states[]` are mutually exclusive; with neither, both `done` and
    `cancel` orders are listed.

    Args:
        market (str | Unset):
        state (ListClosedOrdersState | Unset):
        states (list[ListClosedOrdersStatesItem] | Unset):
        start_time (str | Unset):
        end_time (str | Unset):
        limit (int | Unset):
        order_by (ListClosedOrdersOrderBy | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | list[OrderListItem] | str]
    """

    kwargs = _get_kwargs(
        market=market,
        state=state,
        states=states,
        start_time=start_time,
        end_time=end_time,
        limit=limit,
        order_by=order_by,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    market: str | Unset = UNSET,
    state: ListClosedOrdersState | Unset = UNSET,
    states: list[ListClosedOrdersStatesItem] | Unset = UNSET,
    start_time: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    order_by: ListClosedOrdersOrderBy | Unset = UNSET,
) -> ExchangeError | list[OrderListItem] | str | None:
    """List Closed Orders

     Lists closed orders (`done` = fully filled, `cancel` = cancelled) created inside a
    time window of at most 7 days, newest first by default. Window rule: with both
    `start_time` and `end_time` the span must not exceed 7 days; with only `start_time`
    the window is the 7 days after it; with only `end_time` the 7 days before it; with
    neither, the last 7 days. At most `limit` orders are returned and further orders in
    the window are silently left out, so split the window to get them all.
    `state` and `states[]` are mutually exclusive; with neither, both `done` and
    `cancel` orders are listed.

    Args:
        market (str | Unset):
        state (ListClosedOrdersState | Unset):
        states (list[ListClosedOrdersStatesItem] | Unset):
        start_time (str | Unset):
        end_time (str | Unset):
        limit (int | Unset):
        order_by (ListClosedOrdersOrderBy | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | list[OrderListItem] | str
    """

    return (
        await asyncio_detailed(
            client=client,
            market=market,
            state=state,
            states=states,
            start_time=start_time,
            end_time=end_time,
            limit=limit,
            order_by=order_by,
        )
    ).parsed
