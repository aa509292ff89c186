from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.open_slide_header import OpenSlideHeader
from ...models.slide_resource import SlideResource
from ...types import Response


def _get_kwargs(
    project: str,
    slide_id: int,
    resource: SlideResource,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/dzi/download/{project}/slide_{slide_id}_{resource}_header.json".format(
            project=quote(str(project), safe=""),
            slide_id=quote(str(slide_id), safe=""),
            resource=quote(str(resource), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OpenSlideHeader | str | None:
    if response.status_code == 200:
        response_200 = OpenSlideHeader.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[OpenSlideHeader | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project: str,
    slide_id: int,
    resource: SlideResource,
    *,
    client: AuthenticatedClient | Client,
) -> Response[OpenSlideHeader | str]:
    """OpenSlide properties and pyramid levels of a slide

    Args:
        project (str):
        slide_id (int):
        resource (SlideResource):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OpenSlideHeader | str]
    """

    kwargs = _get_kwargs(
        project=project,
        slide_id=slide_id,
        resource=resource,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project: str,
    slide_id: int,
    resource: SlideResource,
    *,
    client: AuthenticatedClient | Client,
) -> OpenSlideHeader | str | None:
    """OpenSlide properties and pyramid levels of a slide

    Args:
        project (str):
        slide_id (int):
        resource (SlideResource):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OpenSlideHeader | str
    """

    return sync_detailed(
        project=project,
        slide_id=slide_id,
        resource=resource,
        client=client,
    ).parsed


async def asyncio_detailed(
    project: str,
    slide_id: int,
    resource: SlideResource,
    *,
    client: AuthenticatedClient | Client,
) -> Response[OpenSlideHeader | str]:
    """OpenSlide properties and pyramid levels of a slide

    Args:
        project (str):
        slide_id (int):
        resource (SlideResource):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OpenSlideHeader | str]
    """

    kwargs = _get_kwargs(
        project=project,
        slide_id=slide_id,
        resource=resource,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project: str,
    slide_id: int,
    resource: SlideResource,
    *,
    client: AuthenticatedClient | Client,
) -> OpenSlideHeader | str | None:
    """OpenSlide properties and pyramid levels of a slide

    Args:
        project (str):
        slide_id (int):
        resource (SlideResource):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OpenSlideHeader | str
    """

    return (
        await asyncio_detailed(
            project=project,
            slide_id=slide_id,
            resource=resource,
            client=client,
        )
    ).parsed
