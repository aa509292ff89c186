from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.archive_item_post import ArchiveItemPost
from ...models.archive_item_post_request import ArchiveItemPostRequest
from ...types import Response


def _get_kwargs(
    pk: UUID,
    *,
    body: ArchiveItemPostRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/archives/items/{pk}/".format(
            pk=quote(str(pk), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ArchiveItemPost | None:
    if response.status_code == 200:
        response_200 = ArchiveItemPost.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ArchiveItemPost]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    pk: UUID,
    *,
    client: AuthenticatedClient,
    body: ArchiveItemPostRequest,
) -> Response[ArchiveItemPost]:
    """Replace the item's values: sockets not given are removed. Image values are imported in the
    background.

    Args:
        pk (UUID):
        body (ArchiveItemPostRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArchiveItemPost]
    """

    kwargs = _get_kwargs(
        pk=pk,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    pk: UUID,
    *,
    client: AuthenticatedClient,
    body: ArchiveItemPostRequest,
) -> ArchiveItemPost | None:
    """Replace the item's values: sockets not given are removed. Image values are imported in the
    background.

    Args:
        pk (UUID):
        body (ArchiveItemPostRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArchiveItemPost
    """

    return sync_detailed(
        pk=pk,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    pk: UUID,
    *,
    client: AuthenticatedClient,
    body: ArchiveItemPostRequest,
) -> Response[ArchiveItemPost]:
    """Replace the item's values: sockets not given are removed. Image values are imported in the
    background.

    Args:
        pk (UUID):
        body (ArchiveItemPostRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArchiveItemPost]
    """

    kwargs = _get_kwargs(
        pk=pk,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    pk: UUID,
    *,
    client: AuthenticatedClient,
    body: ArchiveItemPostRequest,
) -> ArchiveItemPost | None:
    """Replace the item's values: sockets not given are removed. Image values are imported in the
    background.

    Args:
        pk (UUID):
        body (ArchiveItemPostRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArchiveItemPost
    """

    return (
        await asyncio_detailed(
            pk=pk,
            client=client,
            body=body,
        )
    ).parsed
