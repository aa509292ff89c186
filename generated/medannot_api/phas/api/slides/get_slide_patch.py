from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.patch_format import PatchFormat
from ...models.slide_resource import SlideResource
from ...types import File, Response


def _get_kwargs(
    project: str,
    slide_id: int,
    resource: SlideResource,
    level: int,
    ctrx: int,
    ctry: int,
    w: int,
    h: int,
    format_: PatchFormat,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/dzi/patch/{project}/{slide_id}/{resource}/{level}/{ctrx}_{ctry}_{w}_{h}.{format_}".format(
            project=quote(str(project), safe=""),
            slide_id=quote(str(slide_id), safe=""),
            resource=quote(str(resource), safe=""),
            level=quote(str(level), safe=""),
            ctrx=quote(str(ctrx), safe=""),
            ctry=quote(str(ctry), safe=""),
            w=quote(str(w), safe=""),
            h=quote(str(h), safe=""),
            format_=quote(str(format_), safe=""),
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
    project: str,
    slide_id: int,
    resource: SlideResource,
    level: int,
    ctrx: int,
    ctry: int,
    w: int,
    h: int,
    format_: PatchFormat,
    *,
    client: AuthenticatedClient | Client,
) -> Response[File | str]:
    """A w x h region read at a pyramid level, centred on (ctrx, ctry) in level-0 pixels

     Served as RGBA PNG. `jpeg` fails with 500 (RGBA cannot be written as JPEG) and any other format
    answers 200 with the text `bad format`; a level beyond the pyramid fails with 500.

    Args:
        project (str):
        slide_id (int):
        resource (SlideResource):
        level (int):
        ctrx (int):
        ctry (int):
        w (int):
        h (int):
        format_ (PatchFormat): Only png works (jpeg fails with 500 on the RGBA regions OpenSlide
            returns)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | str]
    """

    kwargs = _get_kwargs(
        project=project,
        slide_id=slide_id,
        resource=resource,
        level=level,
        ctrx=ctrx,
        ctry=ctry,
        w=w,
        h=h,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project: str,
    slide_id: int,
    resource: SlideResource,
    level: int,
    ctrx: int,
    ctry: int,
    w: int,
    h: int,
    format_: PatchFormat,
    *,
    client: AuthenticatedClient | Client,
) -> File | str | None:
    """A w x h region read at a pyramid level, centred on (ctrx, ctry) in level-0 pixels

     Served as RGBA PNG. `jpeg` fails with 500 (RGBA cannot be written as JPEG) and any other format
    answers 200 with the text `bad format`; a level beyond the pyramid fails with 500.

    Args:
        project (str):
        slide_id (int):
        resource (SlideResource):
        level (int):
        ctrx (int):
        ctry (int):
        w (int):
        h (int):
        format_ (PatchFormat): Only png works (jpeg fails with 500 on the RGBA regions OpenSlide
            returns)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | str
    """

    return sync_detailed(
        project=project,
        slide_id=slide_id,
        resource=resource,
        level=level,
        ctrx=ctrx,
        ctry=ctry,
        w=w,
        h=h,
        format_=format_,
        client=client,
    ).parsed


async def asyncio_detailed(
    project: str,
    slide_id: int,
    resource: SlideResource,
    level: int,
    ctrx: int,
    ctry: int,
    w: int,
    h: int,
    format_: PatchFormat,
    *,
    client: AuthenticatedClient | Client,
) -> Response[File | str]:
    """A w x h region read at a pyramid level, centred on (ctrx, ctry) in level-0 pixels

     Served as RGBA PNG. `jpeg` fails with 500 (RGBA cannot be written as JPEG) and any other format
    answers 200 with the text `bad format`; a level beyond the pyramid fails with 500.

    Args:
        project (str):
        slide_id (int):
        resource (SlideResource):
        level (int):
        ctrx (int):
        ctry (int):
        w (int):
        h (int):
        format_ (PatchFormat): Only png works (jpeg fails with 500 on the RGBA regions OpenSlide
            returns)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | str]
    """

    kwargs = _get_kwargs(
        project=project,
        slide_id=slide_id,
        resource=resource,
        level=level,
        ctrx=ctrx,
        ctry=ctry,
        w=w,
        h=h,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project: str,
    slide_id: int,
    resource: SlideResource,
    level: int,
    ctrx: int,
    ctry: int,
    w: int,
    h: int,
    format_: PatchFormat,
    *,
    client: AuthenticatedClient | Client,
) -> File | str | None:
    """A w x h region read at a pyramid level, centred on (ctrx, ctry) in level-0 pixels

     Served as RGBA PNG. `jpeg` fails with 500 (RGBA cannot be written as JPEG) and any other format
    answers 200 with the text `bad format`; a level beyond the pyramid fails with 500.

    Args:
        project (str):
        slide_id (int):
        resource (SlideResource):
        level (int):
        ctrx (int):
        ctry (int):
        w (int):
        h (int):
        format_ (PatchFormat): Only png works (jpeg fails with 500 on the RGBA regions OpenSlide
            returns)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | str
    """

    return (
        await asyncio_detailed(
            project=project,
            slide_id=slide_id,
            resource=resource,
            level=level,
            ctrx=ctrx,
            ctry=ctry,
            w=w,
            h=h,
            format_=format_,
            client=client,
        )
    ).parsed
