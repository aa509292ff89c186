from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_sample_activelearning_strategy_post_body_type_0 import ApiSampleActivelearningStrategyPostBodyType0
from ...models.http_validation_error import HTTPValidationError
from ...models.next_sample import NextSample
from ...types import UNSET, Response, Unset


def _get_kwargs(
    strategy: str,
    *,
    body: ApiSampleActivelearningStrategyPostBodyType0 | None | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/activelearning/{strategy}".format(
            strategy=quote(str(strategy), safe=""),
        ),
    }

    if isinstance(body, ApiSampleActivelearningStrategyPostBodyType0):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | HTTPValidationError | NextSample | None:
    if response.status_code == 200:
        response_200 = NextSample.from_dict(response.json())

        return response_200

    if response.status_code == 404:
        response_404 = cast(Any, None)
        return response_404

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | HTTPValidationError | NextSample]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    strategy: str,
    *,
    client: AuthenticatedClient,
    body: ApiSampleActivelearningStrategyPostBodyType0 | None | Unset = UNSET,
) -> Response[Any | HTTPValidationError | NextSample]:
    """|RBAC: monailabel-user| - Run Active Learning strategy to get next sample

    Args:
        strategy (str):
        body (ApiSampleActivelearningStrategyPostBodyType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError | NextSample]
    """

    kwargs = _get_kwargs(
        strategy=strategy,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    strategy: str,
    *,
    client: AuthenticatedClient,
    body: ApiSampleActivelearningStrategyPostBodyType0 | None | Unset = UNSET,
) -> Any | HTTPValidationError | NextSample | None:
    """|RBAC: monailabel-user| - Run Active Learning strategy to get next sample

    Args:
        strategy (str):
        body (ApiSampleActivelearningStrategyPostBodyType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError | NextSample
    """

    return sync_detailed(
        strategy=strategy,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    strategy: str,
    *,
    client: AuthenticatedClient,
    body: ApiSampleActivelearningStrategyPostBodyType0 | None | Unset = UNSET,
) -> Response[Any | HTTPValidationError | NextSample]:
    """|RBAC: monailabel-user| - Run Active Learning strategy to get next sample

    Args:
        strategy (str):
        body (ApiSampleActivelearningStrategyPostBodyType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError | NextSample]
    """

    kwargs = _get_kwargs(
        strategy=strategy,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    strategy: str,
    *,
    client: AuthenticatedClient,
    body: ApiSampleActivelearningStrategyPostBodyType0 | None | Unset = UNSET,
) -> Any | HTTPValidationError | NextSample | None:
    """|RBAC: monailabel-user| - Run Active Learning strategy to get next sample

    Args:
        strategy (str):
        body (ApiSampleActivelearningStrategyPostBodyType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError | NextSample
    """

    return (
        await asyncio_detailed(
            strategy=strategy,
            client=client,
            body=body,
        )
    ).parsed
