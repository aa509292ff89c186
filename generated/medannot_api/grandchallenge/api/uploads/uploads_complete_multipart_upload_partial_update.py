from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.patched_user_upload_complete_request import PatchedUserUploadCompleteRequest
from ...models.user_upload_complete import UserUploadComplete
from ...types import UNSET, Response, Unset


def _get_kwargs(
    pk: UUID,
    s3_upload_id: str,
    *,
    body: PatchedUserUploadCompleteRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/uploads/{pk}/{s3_upload_id}/complete-multipart-upload/".format(
            pk=quote(str(pk), safe=""),
            s3_upload_id=quote(str(s3_upload_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> UserUploadComplete | None:
    if response.status_code == 200:
        response_200 = UserUploadComplete.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[UserUploadComplete]:
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
    body: PatchedUserUploadCompleteRequest | Unset = UNSET,
) -> Response[UserUploadComplete]:
    """Assemble the parts. The view validates with `partial=True`, so a part needs only `ETag` and
    `PartNumber` (drf-spectacular would mark all four fields of PartRequest required).

    Args:
        pk (UUID):
        s3_upload_id (str):
        body (PatchedUserUploadCompleteRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UserUploadComplete]
    """

    kwargs = _get_kwargs(
        pk=pk,
        s3_upload_id=s3_upload_id,
        body=body,
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
    body: PatchedUserUploadCompleteRequest | Unset = UNSET,
) -> UserUploadComplete | None:
    """Assemble the parts. The view validates with `partial=True`, so a part needs only `ETag` and
    `PartNumber` (drf-spectacular would mark all four fields of PartRequest required).

    Args:
        pk (UUID):
        s3_upload_id (str):
        body (PatchedUserUploadCompleteRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UserUploadComplete
    """

    return sync_detailed(
        pk=pk,
        s3_upload_id=s3_upload_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    pk: UUID,
    s3_upload_id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedUserUploadCompleteRequest | Unset = UNSET,
) -> Response[UserUploadComplete]:
    """Assemble the parts. The view validates with `partial=True`, so a part needs only `ETag` and
    `PartNumber` (drf-spectacular would mark all four fields of PartRequest required).

    Args:
        pk (UUID):
        s3_upload_id (str):
        body (PatchedUserUploadCompleteRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UserUploadComplete]
    """

    kwargs = _get_kwargs(
        pk=pk,
        s3_upload_id=s3_upload_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    pk: UUID,
    s3_upload_id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedUserUploadCompleteRequest | Unset = UNSET,
) -> UserUploadComplete | None:
    """Assemble the parts. The view validates with `partial=True`, so a part needs only `ETag` and
    `PartNumber` (drf-spectacular would mark all four fields of PartRequest required).

    Args:
        pk (UUID):
        s3_upload_id (str):
        body (PatchedUserUploadCompleteRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UserUploadComplete
    """

    return (
        await asyncio_detailed(
            pk=pk,
            s3_upload_id=s3_upload_id,
            client=client,
            body=body,
        )
    ).parsed
