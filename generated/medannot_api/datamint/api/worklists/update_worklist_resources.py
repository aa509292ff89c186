from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.acknowledgement import Acknowledgement
from ...models.error import Error
from ...models.resource_selection import ResourceSelection
from ...types import Response


def _get_kwargs(
    worklist_id: str,
    *,
    body: ResourceSelection,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/annotationsets/{worklist_id}/resources".format(
            worklist_id=quote(str(worklist_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Acknowledgement | Error | None:
    if response.status_code == 200:
        response_200 = Acknowledgement.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = Acknowledgement.from_dict(response.json())

        return response_201

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
    worklist_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ResourceSelection,
) -> Response[Acknowledgement | Error]:
    """Add resources to (or remove them from) a worklist

    Args:
        worklist_id (str):
        body (ResourceSelection): Resources to add to or remove from a dataset, project or
            worklist

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Acknowledgement | Error]
    """

    kwargs = _get_kwargs(
        worklist_id=worklist_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    worklist_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ResourceSelection,
) -> Acknowledgement | Error | None:
    """Add resources to (or remove them from) a worklist

    Args:
        worklist_id (str):
        body (ResourceSelection): Resources to add to or remove from a dataset, project or
            worklist

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Acknowledgement | Error
    """

    return sync_detailed(
        worklist_id=worklist_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    worklist_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ResourceSelection,
) -> Response[Acknowledgement | Error]:
    """Add resources to (or remove them from) a worklist

    Args:
        worklist_id (str):
        body (ResourceSelection): Resources to add to or remove from a dataset, project or
            worklist

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Acknowledgement | Error]
    """

    kwargs = _get_kwargs(
        worklist_id=worklist_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    worklist_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ResourceSelection,
) -> Acknowledgement | Error | None:
    """Add resources to (or remove them from) a worklist

    Args:
        worklist_id (str):
        body (ResourceSelection): Resources to add to or remove from a dataset, project or
            worklist

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Acknowledgement | Error
    """

    return (
        await asyncio_detailed(
            worklist_id=worklist_id,
            client=client,
            body=body,
        )
    ).parsed
