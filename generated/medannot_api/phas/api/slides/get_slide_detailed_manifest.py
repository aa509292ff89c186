from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...types import UNSET, Response, Unset


def _get_kwargs(
    task_id: int,
    *,
    specimen: str | Unset = UNSET,
    block: str | Unset = UNSET,
    section: str | Unset = UNSET,
    slide: str | Unset = UNSET,
    stain: str | Unset = UNSET,
    min_paths: int | Unset = UNSET,
    min_markers: int | Unset = UNSET,
    min_sroi: int | Unset = UNSET,
    tags_any: list[str] | Unset = UNSET,
    tags_all: list[str] | Unset = UNSET,
    tags_none: list[str] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["specimen"] = specimen

    params["block"] = block

    params["section"] = section

    params["slide"] = slide

    params["stain"] = stain

    params["min_paths"] = min_paths

    params["min_markers"] = min_markers

    params["min_sroi"] = min_sroi

    json_tags_any: list[str] | Unset = UNSET
    if not isinstance(tags_any, Unset):
        json_tags_any = tags_any

    params["tags_any"] = json_tags_any

    json_tags_all: list[str] | Unset = UNSET
    if not isinstance(tags_all, Unset):
        json_tags_all = tags_all

    params["tags_all"] = json_tags_all

    json_tags_none: list[str] | Unset = UNSET
    if not isinstance(tags_none, Unset):
        json_tags_none = tags_none

    params["tags_none"] = json_tags_none

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/task/{task_id}/slide_detailed_manifest.csv".format(
            task_id=quote(str(task_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> str | None:
    if response.status_code == 200:
        response_200 = response.text
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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    task_id: int,
    *,
    client: AuthenticatedClient | Client,
    specimen: str | Unset = UNSET,
    block: str | Unset = UNSET,
    section: str | Unset = UNSET,
    slide: str | Unset = UNSET,
    stain: str | Unset = UNSET,
    min_paths: int | Unset = UNSET,
    min_markers: int | Unset = UNSET,
    min_sroi: int | Unset = UNSET,
    tags_any: list[str] | Unset = UNSET,
    tags_all: list[str] | Unset = UNSET,
    tags_none: list[str] | Unset = UNSET,
) -> Response[str]:
    """Slides of a task as CSV, optionally filtered

     One row per slide (columns: see the `SlideManifestRow` schema; the last columns depend on the
    task mode). Anonymized sessions get empty `slide_name` and `specimen_private` cells. A
    non-integer `min_*` value makes the server fail with 500. Filters are ANDed.

    Args:
        task_id (int):
        specimen (str | Unset):
        block (str | Unset):
        section (str | Unset):
        slide (str | Unset):
        stain (str | Unset):
        min_paths (int | Unset):
        min_markers (int | Unset):
        min_sroi (int | Unset):
        tags_any (list[str] | Unset):
        tags_all (list[str] | Unset):
        tags_none (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[str]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        specimen=specimen,
        block=block,
        section=section,
        slide=slide,
        stain=stain,
        min_paths=min_paths,
        min_markers=min_markers,
        min_sroi=min_sroi,
        tags_any=tags_any,
        tags_all=tags_all,
        tags_none=tags_none,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    task_id: int,
    *,
    client: AuthenticatedClient | Client,
    specimen: str | Unset = UNSET,
    block: str | Unset = UNSET,
    section: str | Unset = UNSET,
    slide: str | Unset = UNSET,
    stain: str | Unset = UNSET,
    min_paths: int | Unset = UNSET,
    min_markers: int | Unset = UNSET,
    min_sroi: int | Unset = UNSET,
    tags_any: list[str] | Unset = UNSET,
    tags_all: list[str] | Unset = UNSET,
    tags_none: list[str] | Unset = UNSET,
) -> str | None:
    """Slides of a task as CSV, optionally filtered

     One row per slide (columns: see the `SlideManifestRow` schema; the last columns depend on the
    task mode). Anonymized sessions get empty `slide_name` and `specimen_private` cells. A
    non-integer `min_*` value makes the server fail with 500. Filters are ANDed.

    Args:
        task_id (int):
        specimen (str | Unset):
        block (str | Unset):
        section (str | Unset):
        slide (str | Unset):
        stain (str | Unset):
        min_paths (int | Unset):
        min_markers (int | Unset):
        min_sroi (int | Unset):
        tags_any (list[str] | Unset):
        tags_all (list[str] | Unset):
        tags_none (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        str
    """

    return sync_detailed(
        task_id=task_id,
        client=client,
        specimen=specimen,
        block=block,
        section=section,
        slide=slide,
        stain=stain,
        min_paths=min_paths,
        min_markers=min_markers,
        min_sroi=min_sroi,
        tags_any=tags_any,
        tags_all=tags_all,
        tags_none=tags_none,
    ).parsed


async def asyncio_detailed(
    task_id: int,
    *,
    client: AuthenticatedClient | Client,
    specimen: str | Unset = UNSET,
    block: str | Unset = UNSET,
    section: str | Unset = UNSET,
    slide: str | Unset = UNSET,
    stain: str | Unset = UNSET,
    min_paths: int | Unset = UNSET,
    min_markers: int | Unset = UNSET,
    min_sroi: int | Unset = UNSET,
    tags_any: list[str] | Unset = UNSET,
    tags_all: list[str] | Unset = UNSET,
    tags_none: list[str] | Unset = UNSET,
) -> Response[str]:
    """Slides of a task as CSV, optionally filtered

     One row per slide (columns: see the `SlideManifestRow` schema; the last columns depend on the
    task mode). Anonymized sessions get empty `slide_name` and `specimen_private` cells. A
    non-integer `min_*` value makes the server fail with 500. Filters are ANDed.

    Args:
        task_id (int):
        specimen (str | Unset):
        block (str | Unset):
        section (str | Unset):
        slide (str | Unset):
        stain (str | Unset):
        min_paths (int | Unset):
        min_markers (int | Unset):
        min_sroi (int | Unset):
        tags_any (list[str] | Unset):
        tags_all (list[str] | Unset):
        tags_none (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[str]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        specimen=specimen,
        block=block,
        section=section,
        slide=slide,
        stain=stain,
        min_paths=min_paths,
        min_markers=min_markers,
        min_sroi=min_sroi,
        tags_any=tags_any,
        tags_all=tags_all,
        tags_none=tags_none,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    task_id: int,
    *,
    client: AuthenticatedClient | Client,
    specimen: str | Unset = UNSET,
    block: str | Unset = UNSET,
    section: str | Unset = UNSET,
    slide: str | Unset = UNSET,
    stain: str | Unset = UNSET,
    min_paths: int | Unset = UNSET,
    min_markers: int | Unset = UNSET,
    min_sroi: int | Unset = UNSET,
    tags_any: list[str] | Unset = UNSET,
    tags_all: list[str] | Unset = UNSET,
    tags_none: list[str] | Unset = UNSET,
) -> str | None:
    """Slides of a task as CSV, optionally filtered

     One row per slide (columns: see the `SlideManifestRow` schema; the last columns depend on the
    task mode). Anonymized sessions get empty `slide_name` and `specimen_private` cells. A
    non-integer `min_*` value makes the server fail with 500. Filters are ANDed.

    Args:
        task_id (int):
        specimen (str | Unset):
        block (str | Unset):
        section (str | Unset):
        slide (str | Unset):
        stain (str | Unset):
        min_paths (int | Unset):
        min_markers (int | Unset):
        min_sroi (int | Unset):
        tags_any (list[str] | Unset):
        tags_all (list[str] | Unset):
        tags_none (list[str] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        str
    """

    return (
        await asyncio_detailed(
            task_id=task_id,
            client=client,
            specimen=specimen,
            block=block,
            section=section,
            slide=slide,
            stain=stain,
            min_paths=min_paths,
            min_markers=min_markers,
            min_sroi=min_sroi,
            tags_any=tags_any,
            tags_all=tags_all,
            tags_none=tags_none,
        )
    ).parsed
