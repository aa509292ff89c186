from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.affine_mode import AffineMode
from ...models.paper_js_document_type_1 import PaperJsDocumentType1
from ...models.resolution import Resolution
from ...models.success import Success
from ...types import Response


def _get_kwargs(
    task_id: int,
    mode: AffineMode,
    resolution: Resolution,
    slide_id: int,
    *,
    body: list[Any] | PaperJsDocumentType1,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/task/{task_id}/slide/{mode}/{resolution}/{slide_id}/annot/set".format(
            task_id=quote(str(task_id), safe=""),
            mode=quote(str(mode), safe=""),
            resolution=quote(str(resolution), safe=""),
            slide_id=quote(str(slide_id), safe=""),
        ),
    }

    if isinstance(body, list):
        _kwargs["json"] = body

    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Success | str | None:
    if response.status_code == 200:
        response_200 = Success.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Success | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    task_id: int,
    mode: AffineMode,
    resolution: Resolution,
    slide_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: list[Any] | PaperJsDocumentType1,
) -> Response[Success | str]:
    """Replace the paper.js annotation of a slide

    Args:
        task_id (int):
        mode (AffineMode):
        resolution (Resolution):
        slide_id (int):
        body (list[Any] | PaperJsDocumentType1): A paper.js JSON export (`project.exportJSON()`),
            usually a list of layers

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Success | str]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        mode=mode,
        resolution=resolution,
        slide_id=slide_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    task_id: int,
    mode: AffineMode,
    resolution: Resolution,
    slide_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: list[Any] | PaperJsDocumentType1,
) -> Success | str | None:
    """Replace the paper.js annotation of a slide

    Args:
        task_id (int):
        mode (AffineMode):
        resolution (Resolution):
        slide_id (int):
        body (list[Any] | PaperJsDocumentType1): A paper.js JSON export (`project.exportJSON()`),
            usually a list of layers

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Success | str
    """

    return sync_detailed(
        task_id=task_id,
        mode=mode,
        resolution=resolution,
        slide_id=slide_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    task_id: int,
    mode: AffineMode,
    resolution: Resolution,
    slide_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: list[Any] | PaperJsDocumentType1,
) -> Response[Success | str]:
    """Replace the paper.js annotation of a slide

    Args:
        task_id (int):
        mode (AffineMode):
        resolution (Resolution):
        slide_id (int):
        body (list[Any] | PaperJsDocumentType1): A paper.js JSON export (`project.exportJSON()`),
            usually a list of layers

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Success | str]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        mode=mode,
        resolution=resolution,
        slide_id=slide_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    task_id: int,
    mode: AffineMode,
    resolution: Resolution,
    slide_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: list[Any] | PaperJsDocumentType1,
) -> Success | str | None:
    """Replace the paper.js annotation of a slide

    Args:
        task_id (int):
        mode (AffineMode):
        resolution (Resolution):
        slide_id (int):
        body (list[Any] | PaperJsDocumentType1): A paper.js JSON export (`project.exportJSON()`),
            usually a list of layers

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Success | str
    """

    return (
        await asyncio_detailed(
            task_id=task_id,
            mode=mode,
            resolution=resolution,
            slide_id=slide_id,
            client=client,
            body=body,
        )
    ).parsed
