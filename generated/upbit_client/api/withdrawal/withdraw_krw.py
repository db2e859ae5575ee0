from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.exchange_error import ExchangeError
from ...models.withdraw_krw_request import WithdrawKrwRequest
from ...models.withdrawal import Withdrawal
from ...types import Response


def _get_kwargs(
    *,
    body: WithdrawKrwRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/withdraws/krw",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExchangeError | Withdrawal | str | None:
    if response.status_code == 201:
        response_201 = Withdrawal.from_dict(response.json())

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
) -> Response[ExchangeError | Withdrawal | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: WithdrawKrwRequest,
) -> Response[ExchangeError | Withdrawal | str]:
    """Withdraw KRW

     Requests a KRW withdrawal to the linked bank account. The withdrawal runs after the user
    confirms it with the chosen second factor (`two_factor_type`). Upbit Korea only.
    Unlike the other withdrawal answers, this one spells `state` in lower case
    (`waiting`, `processing`, `done`, `failed`, `cancelled`, `rejected`), as Upbit's SDK
    1.1.0 (`WithdrawCreateKrwWithdrawalResponse`) has it; list_withdrawals and
    get_withdrawal report the same withdrawal in upper case.

    Args:
        body (WithdrawKrwRequest): Body of POST /v1/withdraws/krw.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | Withdrawal | str]
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
    body: WithdrawKrwRequest,
) -> ExchangeError | Withdrawal | str | None:
    """Withdraw KRW

     Requests a KRW withdrawal to the linked bank account. The withdrawal runs after the user
    confirms it with the chosen second factor (`two_factor_type`). Upbit Korea only.
    Unlike the other withdrawal answers, this one spells `state` in lower case
    (`waiting`, `processing`, `done`, `failed`, `cancelled`, `rejected`), as Upbit's SDK
    1.1.0 (`WithdrawCreateKrwWithdrawalResponse`) has it; list_withdrawals and
    get_withdrawal report the same withdrawal in upper case.

    Args:
        body (WithdrawKrwRequest): Body of POST /v1/withdraws/krw.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | Withdrawal | str
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: WithdrawKrwRequest,
) -> Response[ExchangeError | Withdrawal | str]:
    """Withdraw KRW

     Requests a KRW withdrawal to the linked bank account. The withdrawal runs after the user
    confirms it with the chosen second factor (`two_factor_type`). Upbit Korea only.
    Unlike the other withdrawal answers, this one spells `state` in lower case
    (`waiting`, `processing`, `done`, `failed`, `cancelled`, `rejected`), as Upbit's SDK
    1.1.0 (`WithdrawCreateKrwWithdrawalResponse`) has it; list_withdrawals and
    get_withdrawal report the same withdrawal in upper case.

    Args:
        body (WithdrawKrwRequest): Body of POST /v1/withdraws/krw.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeError | Withdrawal | str]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: WithdrawKrwRequest,
) -> ExchangeError | Withdrawal | str | None:
    """Withdraw KRW

     Requests a KRW withdrawal to the linked bank account. The withdrawal runs after the user
    confirms it with the chosen second factor (`two_factor_type`). Upbit Korea only.
    Unlike the other withdrawal answers, this one spells `state` in lower case
    (`waiting`, `processing`, `done`, `failed`, `cancelled`, `rejected`), as Upbit's SDK
    1.1.0 (`WithdrawCreateKrwWithdrawalResponse`) has it; list_withdrawals and
    get_withdrawal report the same withdrawal in upper case.

    Args:
        body (WithdrawKrwRequest): Body of POST /v1/withdraws/krw.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeError | Withdrawal | str
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
