from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_order_request import CreateOrderRequest
from ...models.exchange_error import ExchangeError
from ...models.order import Order
from ...types import Response


def _get_kwargs(
    *,
    body: CreateOrderRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/orders",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExchangeError | Order | str | None:
    if response.status_code == 201:
        response_201 = Order.from_dict(response.json())

        return response_201

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
) -> Response[ExchangeError | Order | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateOrderRequest,
) -> Response[ExchangeError | Order | str]:
    """Create Order

     Places an order. Fields needed per `ord_type`:
    - `limit`: `volume` and `price` (unit price on the tick grid);
      optional `time_in_force` `ioc`, `fok` or `post_only`.
    - `price` (market buy): `price` = total quote amount to spend; no `volume`.
    - `market` (market sell): `volume`; no `price`.
    - `best` (best-price order): `time_in_force` `ioc` or `fok`, plus `price` (total
      amount) for a bid or `volume` for an ask.

    `post_only` is allowed only with `limit`, and with `smp_type` only when that is `none`
    (another `smp_type` → 400 `invalid_post_only`). Since 2026-11-09 an omitted `smp_type`
    means `cancel_maker` (docs changelog "add-smp-type-default"); send `smp_type: none`
    to keep the earlier behaviour (no self-match prevention). An `identifier` can be used
    only once per account, ever.
    Leave unused `price`/`volume` out (Upbit also accepts `null` there, which this
    description does not model). The minimum order is 5,000 KRW on KRW
    markets and the maximum 1,000,000,000 KRW (`over_krw_funds_bid`). Known 400 names:
    `invalid_parameter`, `invalid_time_in_force`, `insufficient_funds_bid`/`_ask`,
    `under_min_total_bid`/`_ask`, `invalid_price_bid`/`_ask` (off the tick grid),
    `notfoundmarket`, `invalid_post_only`, `duplicated_identifier`; 403 `market_offline`
    during maintenance.

    Args:
        body (CreateOrderRequest): Body of POST /v1/orders and POST /v1/orders/test.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | Order | str]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CreateOrderRequest,
) -> ExchangeError | Order | str | None:
    """Create Order

     Places an order. Fields needed per `ord_type`:
    - `limit`: `volume` and `price` (unit price on the tick grid);
      optional `time_in_force` `ioc`, `fok` or `post_only`.
    - `price` (market buy): `price` = total quote amount to spend; no `volume`.
    - `market` (market sell): `volume`; no `price`.
    - `best` (best-price order): `time_in_force` `ioc` or `fok`, plus `price` (total
      amount) for a bid or `volume` for an ask.

    `post_only` is allowed only with `limit`, and with `smp_type` only when that is `none`
    (another `smp_type` → 400 `invalid_post_only`). Since 2026-11-09 an omitted `smp_type`
    means `cancel_maker` (docs changelog "add-smp-type-default"); send `smp_type: none`
    to keep the earlier behaviour (no self-match prevention). An `identifier` can be used
    only once per account, ever.
    Leave unused `price`/`volume` out (Upbit also accepts `null` there, which this
    description does not model). The minimum order is 5,000 KRW on KRW
    markets and the maximum 1,000,000,000 KRW (`over_krw_funds_bid`). Known 400 names:
    `invalid_parameter`, `invalid_time_in_force`, `insufficient_funds_bid`/`_ask`,
    `under_min_total_bid`/`_ask`, `invalid_price_bid`/`_ask` (off the tick grid),
    `notfoundmarket`, `invalid_post_only`, `duplicated_identifier`; 403 `market_offline`
    during maintenance.

    Args:
        body (CreateOrderRequest): Body of POST /v1/orders and POST /v1/orders/test.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | Order | str
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateOrderRequest,
) -> Response[ExchangeError | Order | str]:
    """Create Order

     Places an order. Fields needed per `ord_type`:
    - `limit`: `volume` and `price` (unit price on the tick grid);
      optional `time_in_force` `ioc`, `fok` or `post_only`.
    - `price` (market buy): `price` = total quote amount to spend; no `volume`.
    - `market` (market sell): `volume`; no `price`.
    - `best` (best-price order): `time_in_force` `ioc` or `fok`, plus `price` (total
      amount) for a bid or `volume` for an ask.

    `post_only` is allowed only with `limit`, and with `smp_type` only when that is `none`
    (another `smp_type` → 400 `invalid_post_only`). Since 2026-11-09 an omitted `smp_type`
    means `cancel_maker` (docs changelog "add-smp-type-default"); send `smp_type: none`
    to keep the earlier behaviour (no self-match prevention). An `identifier` can be used
    only once per account, ever.
    Leave unused `price`/`volume` out (Upbit also accepts `null` there, which this
    description does not model). The minimum order is 5,000 KRW on KRW
    markets and the maximum 1,000,000,000 KRW (`over_krw_funds_bid`). Known 400 names:
    `invalid_parameter`, `invalid_time_in_force`, `insufficient_funds_bid`/`_ask`,
    `under_min_total_bid`/`_ask`, `invalid_price_bid`/`_ask` (off the tick grid),
    `notfoundmarket`, `invalid_post_only`, `duplicated_identifier`; 403 `market_offline`
    during maintenance.

    Args:
        body (CreateOrderRequest): Body of POST /v1/orders and POST /v1/orders/test.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | Order | str]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateOrderRequest,
) -> ExchangeError | Order | str | None:
    """Create Order

     Places an order. Fields needed per `ord_type`:
    - `limit`: `volume` and `price` (unit price on the tick grid);
      optional `time_in_force` `ioc`, `fok` or `post_only`.
    - `price` (market buy): `price` = total quote amount to spend; no `volume`.
    - `market` (market sell): `volume`; no `price`.
    - `best` (best-price order): `time_in_force` `ioc` or `fok`, plus `price` (total
      amount) for a bid or `volume` for an ask.

    `post_only` is allowed only with `limit`, and with `smp_type` only when that is `none`
    (another `smp_type` → 400 `invalid_post_only`). Since 2026-11-09 an omitted `smp_type`
    means `cancel_maker` (docs changelog "add-smp-type-default"); send `smp_type: none`
    to keep the earlier behaviour (no self-match prevention). An `identifier` can be used
    only once per account, ever.
    Leave unused `price`/`volume` out (Upbit also accepts `null` there, which this
    description does not model). The minimum order is 5,000 KRW on KRW
    markets and the maximum 1,000,000,000 KRW (`over_krw_funds_bid`). Known 400 names:
    `invalid_parameter`, `invalid_time_in_force`, `insufficient_funds_bid`/`_ask`,
    `under_min_total_bid`/`_ask`, `invalid_price_bid`/`_ask` (off the tick grid),
    `notfoundmarket`, `invalid_post_only`, `duplicated_identifier`; 403 `market_offline`
    during maintenance.

    Args:
        body (CreateOrderRequest): Body of POST /v1/orders and POST /v1/orders/test.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | Order | str
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
