from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.exchange_error import ExchangeError
from ...models.list_universal_transfers_order_by import (
    ListUniversalTransfersOrderBy,
)
from ...models.list_universal_transfers_states_item import (
    ListUniversalTransfersStatesItem,
)
from ...models.pocket_transfer import PocketTransfer
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    states: list[ListUniversalTransfersStatesItem] | Unset = UNSET,
    uuids: list[str] | Unset = UNSET,
    identifiers: list[str] | Unset = UNSET,
    start_time: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    currency: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    order_by: ListUniversalTransfersOrderBy | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["from"] = from_

    params["to"] = to

    json_states: list[str] | Unset = UNSET
    if not isinstance(states, Unset):
        json_states = []
        for states_item_data in states:
            states_item: str = states_item_data
            json_states.append(states_item)

    params["states[]"] = json_states

    json_uuids: list[str] | Unset = UNSET
    if not isinstance(uuids, Unset):
        json_uuids = uuids

    params["uuids[]"] = json_uuids

    json_identifiers: list[str] | Unset = UNSET
    if not isinstance(identifiers, Unset):
        json_identifiers = identifiers

    params["identifiers[]"] = json_identifiers

    params["start_time"] = start_time

    params["end_time"] = end_time

    params["currency"] = currency

    params["limit"] = limit

    json_order_by: str | Unset = UNSET
    if not isinstance(order_by, Unset):
        json_order_by = order_by

    params["order_by"] = json_order_by

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/pockets/universal_transfers",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExchangeError | list[PocketTransfer] | str | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = PocketTransfer.from_dict(response_200_item_data)

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
) -> Response[ExchangeError | list[PocketTransfer] | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    states: list[ListUniversalTransfersStatesItem] | Unset = UNSET,
    uuids: list[str] | Unset = UNSET,
    identifiers: list[str] | Unset = UNSET,
    start_time: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    currency: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    order_by: ListUniversalTransfersOrderBy | Unset = UNSET,
) -> Response[ExchangeError | list[PocketTransfer] | str]:
    """List Universal Transfers

     Lists transfers between the account's pockets, with a main-pocket key that has the
    pocket-management permission. Without parameters: the last 7 days, newest first, at
    most 20. Time window: neither `start_time` nor `end_time` gives the 7 days before now;
    only `start_time` the 7 days after it; only `end_time` the 7 days before it; the window
    may not exceed 7 days (error otherwise). Transfers beyond `limit` in the window are not
    returned: split the window. The array parameters are sent with brackets (`states[]`,
    `uuids[]`, `identifiers[]`), as the docs' examples and Upbit's SDK 1.1.0 send them;
    `uuids[]` and `identifiers[]` take at most 20 values each. Whether the two can be
    combined is not documented.

    Args:
        from_ (str | Unset):
        to (str | Unset):
        states (list[ListUniversalTransfersStatesItem] | Unset):
        uuids (list[str] | Unset):
        identifiers (list[str] | Unset):
        start_time (str | Unset):
        end_time (str | Unset):
        currency (str | Unset):
        limit (int | Unset):
        order_by (ListUniversalTransfersOrderBy | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | list[PocketTransfer] | str]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        states=states,
        uuids=uuids,
        identifiers=identifiers,
        start_time=start_time,
        end_time=end_time,
        currency=currency,
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
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    states: list[ListUniversalTransfersStatesItem] | Unset = UNSET,
    uuids: list[str] | Unset = UNSET,
    identifiers: list[str] | Unset = UNSET,
    start_time: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    currency: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    order_by: ListUniversalTransfersOrderBy | Unset = UNSET,
) -> ExchangeError | list[PocketTransfer] | str | None:
    """List Universal Transfers

     Lists transfers between the account's pockets, with a main-pocket key that has the
    pocket-management permission. Without parameters: the last 7 days, newest first, at
    most 20. Time window: neither `start_time` nor `end_time` gives the 7 days before now;
    only `start_time` the 7 days after it; only `end_time` the 7 days before it; the window
    may not exceed 7 days (error otherwise). Transfers beyond `limit` in the window are not
    returned: split the window. The array parameters are sent with brackets (`states[]`,
    `uuids[]`, `identifiers[]`), as the docs' examples and Upbit's SDK 1.1.0 send them;
    `uuids[]` and `identifiers[]` take at most 20 values each. Whether the two can be
    combined is not documented.

    Args:
        from_ (str | Unset):
        to (str | Unset):
        states (list[ListUniversalTransfersStatesItem] | Unset):
        uuids (list[str] | Unset):
        identifiers (list[str] | Unset):
        start_time (str | Unset):
        end_time (str | Unset):
        currency (str | Unset):
        limit (int | Unset):
        order_by (ListUniversalTransfersOrderBy | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | list[PocketTransfer] | str
    """

    return sync_detailed(
        client=client,
        from_=from_,
        to=to,
        states=states,
        uuids=uuids,
        identifiers=identifiers,
        start_time=start_time,
        end_time=end_time,
        currency=currency,
        limit=limit,
        order_by=order_by,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    states: list[ListUniversalTransfersStatesItem] | Unset = UNSET,
    uuids: list[str] | Unset = UNSET,
    identifiers: list[str] | Unset = UNSET,
    start_time: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    currency: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    order_by: ListUniversalTransfersOrderBy | Unset = UNSET,
) -> Response[ExchangeError | list[PocketTransfer] | str]:
    """List Universal Transfers

     Lists transfers between the account's pockets, with a main-pocket key that has the
    pocket-management permission. Without parameters: the last 7 days, newest first, at
    most 20. Time window: neither `start_time` nor `end_time` gives the 7 days before now;
    only `start_time` the 7 days after it; only `end_time` the 7 days before it; the window
    may not exceed 7 days (error otherwise). Transfers beyond `limit` in the window are not
    returned: split the window. The array parameters are sent with brackets (`states[]`,
    `uuids[]`, `identifiers[]`), as the docs' examples and Upbit's SDK 1.1.0 send them;
    `uuids[]` and `identifiers[]` take at most 20 values each. Whether the two can be
    combined is not documented.

    Args:
        from_ (str | Unset):
        to (str | Unset):
        states (list[ListUniversalTransfersStatesItem] | Unset):
        uuids (list[str] | Unset):
        identifiers (list[str] | Unset):
        start_time (str | Unset):
        end_time (str | Unset):
        currency (str | Unset):
        limit (int | Unset):
        order_by (ListUniversalTransfersOrderBy | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | list[PocketTransfer] | str]
    """

    kwargs = _get_kwargs(
        from_=from_,
        to=to,
        states=states,
        uuids=uuids,
        identifiers=identifiers,
        start_time=start_time,
        end_time=end_time,
        currency=currency,
        limit=limit,
        order_by=order_by,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    states: list[ListUniversalTransfersStatesItem] | Unset = UNSET,
    uuids: list[str] | Unset = UNSET,
    identifiers: list[str] | Unset = UNSET,
    start_time: str | Unset = UNSET,
    end_time: str | Unset = UNSET,
    currency: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    order_by: ListUniversalTransfersOrderBy | Unset = UNSET,
) -> ExchangeError | list[PocketTransfer] | str | None:
    """List Universal Transfers

     Lists transfers between the account's pockets, with a main-pocket key that has the
    pocket-management permission. Without parameters: the last 7 days, newest first, at
    most 20. Time window: neither `start_time` nor `end_time` gives the 7 days before now;
    only `start_time` the 7 days after it; only `end_time` the 7 days before it; the window
    may not exceed 7 days (error otherwise). Transfers beyond `limit` in the window are not
    returned: split the window. The array parameters are sent with brackets (`states[]`,
    `uuids[]`, `identifiers[]`), as the docs' examples and Upbit's SDK 1.1.0 send them;
    `uuids[]` and `identifiers[]` take at most 20 values each. Whether the two can be
    combined is not documented.

    Args:
        from_ (str | Unset):
        to (str | Unset):
        states (list[ListUniversalTransfersStatesItem] | Unset):
        uuids (list[str] | Unset):
        identifiers (list[str] | Unset):
        start_time (str | Unset):
        end_time (str | Unset):
        currency (str | Unset):
        limit (int | Unset):
        order_by (ListUniversalTransfersOrderBy | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | list[PocketTransfer] | str
    """

    return (
        await asyncio_detailed(
            client=client,
            from_=from_,
            to=to,
            states=states,
            uuids=uuids,
            identifiers=identifiers,
            start_time=start_time,
            end_time=end_time,
            currency=currency,
            limit=limit,
            order_by=order_by,
        )
    ).parsed
