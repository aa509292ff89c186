from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.slide_resource import SlideResource
from ...types import File, Response


def _get_kwargs(
    task_id: int,
    slide_id: int,
    resource: SlideResource,
    downsample: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/dzi/download/task/{task_id}/slide_{slide_id}_{resource}_{downsample}.nii.gz".format(
            task_id=quote(str(task_id), safe=""),
            slide_id=quote(str(slide_id), safe=""),
            resource=quote(str(resource), safe=""),
            downsample=quote(str(downsample), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> File | str | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

        return response_200

    if response.status_code == 302:
        response_302 = response.text
        return response_302

    if response.status_code == 403:
        response_403 = response.text
        return response_403

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[File | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    task_id: int,
    slide_id: int,
    resource: SlideResource,
    downsample: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[File | str]:
    """An RGB thumbnail of the slide as gzipped NIfTI, larger side `downsample` px

     The official client's `Slide.thumbnail_nifti_image` cannot reach this route (it builds the URL
    with `project` instead of `task_id` and fails before sending); the route itself works.

    Args:
        task_id (int):
        slide_id (int):
        resource (SlideResource):
        downsample (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | str]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        slide_id=slide_id,
        resource=resource,
        downsample=downsample,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    task_id: int,
    slide_id: int,
    resource: SlideResource,
    downsample: int,
    *,
    client: AuthenticatedClient | Client,
) -> File | str | None:
    """An RGB thumbnail of the slide as gzipped NIfTI, larger side `downsample` px

     The official client's `Slide.thumbnail_nifti_image` cannot reach this route (it builds the URL
    with `project` instead of `task_id` and fails before sending); the route itself works.

    Args:
        task_id (int):
        slide_id (int):
        resource (SlideResource):
        downsample (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | str
    """

    return sync_detailed(
        task_id=task_id,
        slide_id=slide_id,
        resource=resource,
        downsample=downsample,
        client=client,
    ).parsed


async def asyncio_detailed(
    task_id: int,
    slide_id: int,
    resource: SlideResource,
    downsample: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[File | str]:
    """An RGB thumbnail of the slide as gzipped NIfTI, larger side `downsample` px

     The official client's `Slide.thumbnail_nifti_image` cannot reach this route (it builds the URL
    with `project` instead of `task_id` and fails before sending); the route itself works.

    Args:
        task_id (int):
        slide_id (int):
        resource (SlideResource):
        downsample (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | str]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        slide_id=slide_id,
        resource=resource,
        downsample=downsample,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    task_id: int,
    slide_id: int,
    resource: SlideResource,
    downsample: int,
    *,
    client: AuthenticatedClient | Client,
) -> File | str | None:
    """An RGB thumbnail of the slide as gzipped NIfTI, larger side `downsample` px

     The official client's `Slide.thumbnail_nifti_image` cannot reach this route (it builds the URL
    with `project` instead of `task_id` and fails before sending); the route itself works.

    Args:
        task_id (int):
        slide_id (int):
        resource (SlideResource):
        downsample (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | str
    """

    return (
        await asyncio_detailed(
            task_id=task_id,
            slide_id=slide_id,
            resource=resource,
            downsample=downsample,
            client=client,
        )
    ).parsed
