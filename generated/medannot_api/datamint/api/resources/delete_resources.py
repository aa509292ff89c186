from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.acknowledgement import Acknowledgement
from ...models.error import Error
from ...types import UNSET, Response


def _get_kwargs(
    *,
    resource_ids: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["resource_ids"] = resource_ids

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/resources",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Acknowledgement | Error | None:
    if response.status_code == 200:
        response_200 = Acknowledgement.from_dict(response.json())

        return response_200

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Acknowledgement | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    resource_ids: str,
) -> Response[Acknowledgement | Error]:
    """Delete several resources (the SDK sends batches of up to 200 ids)

    Args:
        resource_ids (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Acknowledgement | Error]
    """

    kwargs = _get_kwargs(
        resource_ids=resource_ids,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    resource_ids: str,
) -> Acknowledgement | Error | None:
    """Delete several resources (the SDK sends batches of up to 200 ids)

    Args:
        resource_ids (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Acknowledgement | Error
    """

    return sync_detailed(
        client=client,
        resource_ids=resource_ids,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    resource_ids: str,
) -> Response[Acknowledgement | Error]:
    """Delete several resources (the SDK sends batches of up to 200 ids)

    Args:
        resource_ids (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Acknowledgement | Error]
    """

    kwargs = _get_kwargs(
        resource_ids=resource_ids,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    resource_ids: str,
) -> Acknowledgement | Error | None:
    """Delete several resources (the SDK sends batches of up to 200 ids)

    Args:
        resource_ids (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Acknowledgement | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            resource_ids=resource_ids,
        )
    ).parsed
