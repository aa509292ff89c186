from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.user_upload_parts import UserUploadParts
from ...types import Response


def _get_kwargs(
    pk: UUID,
    s3_upload_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/uploads/{pk}/{s3_upload_id}/list-parts/".format(
            pk=quote(str(pk), safe=""),
            s3_upload_id=quote(str(s3_upload_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> UserUploadParts | None:
    if response.status_code == 200:
        response_200 = UserUploadParts.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[UserUploadParts]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    pk: UUID,
    s3_upload_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[UserUploadParts]:
    """
    Args:
        pk (UUID):
        s3_upload_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UserUploadParts]
    """

    kwargs = _get_kwargs(
        pk=pk,
        s3_upload_id=s3_upload_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    pk: UUID,
    s3_upload_id: str,
    *,
    client: AuthenticatedClient,
) -> UserUploadParts | None:
    """
    Args:
        pk (UUID):
        s3_upload_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UserUploadParts
    """

    return sync_detailed(
        pk=pk,
        s3_upload_id=s3_upload_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    pk: UUID,
    s3_upload_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[UserUploadParts]:
    """
    Args:
        pk (UUID):
        s3_upload_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UserUploadParts]
    """

    kwargs = _get_kwargs(
        pk=pk,
        s3_upload_id=s3_upload_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    pk: UUID,
    s3_upload_id: str,
    *,
    client: AuthenticatedClient,
) -> UserUploadParts | None:
    """
    Args:
        pk (UUID):
        s3_upload_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UserUploadParts
    """

    return (
        await asyncio_detailed(
            pk=pk,
            s3_upload_id=s3_upload_id,
            client=client,
        )
    ).parsed
