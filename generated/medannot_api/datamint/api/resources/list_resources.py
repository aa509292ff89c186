from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.list_resources_deleted import ListResourcesDeleted
from ...models.resource_field import ResourceField
from ...models.resource_page import ResourcePage
from ...models.resource_status_filter import ResourceStatusFilter
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    offset: int | Unset = 0,
    limit: int | Unset = UNSET,
    status: ResourceStatusFilter | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    modality: str | Unset = UNSET,
    mimetype: str | Unset = UNSET,
    ids: bool | Unset = UNSET,
    order_field: ResourceField | Unset = UNSET,
    order_by_asc: bool | Unset = UNSET,
    channel_name: str | Unset = UNSET,
    filename: str | Unset = UNSET,
    deleted: ListResourcesDeleted | Unset = UNSET,
    project: str | Unset = UNSET,
    tags: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["offset"] = offset

    params["limit"] = limit

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status

    params["status"] = json_status

    params["from"] = from_

    params["to"] = to

    params["modality"] = modality

    params["mimetype"] = mimetype

    params["ids"] = ids

    json_order_field: str | Unset = UNSET
    if not isinstance(order_field, Unset):
        json_order_field = order_field

    params["order_field"] = json_order_field

    params["order_by_asc"] = order_by_asc

    params["channel_name"] = channel_name

    params["filename"] = filename

    json_deleted: str | Unset = UNSET
    if not isinstance(deleted, Unset):
        json_deleted = deleted

    params["deleted"] = json_deleted

    params["project"] = project

    params["tags"] = tags

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/resources",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | ResourcePage | None:
    if response.status_code == 200:
        response_200 = ResourcePage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | ResourcePage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = 0,
    limit: int | Unset = UNSET,
    status: ResourceStatusFilter | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    modality: str | Unset = UNSET,
    mimetype: str | Unset = UNSET,
    ids: bool | Unset = UNSET,
    order_field: ResourceField | Unset = UNSET,
    order_by_asc: bool | Unset = UNSET,
    channel_name: str | Unset = UNSET,
    filename: str | Unset = UNSET,
    deleted: ListResourcesDeleted | Unset = UNSET,
    project: str | Unset = UNSET,
    tags: str | Unset = UNSET,
) -> Response[Error | ResourcePage]:
    """Resources matching the filters, one page

    Args:
        offset (int | Unset):  Default: 0.
        limit (int | Unset):
        status (ResourceStatusFilter | Unset): A resource status, or empty for every status
        from_ (str | Unset):
        to (str | Unset):
        modality (str | Unset):
        mimetype (str | Unset):
        ids (bool | Unset):
        order_field (ResourceField | Unset): A field resources can be ordered by
        order_by_asc (bool | Unset):
        channel_name (str | Unset):
        filename (str | Unset):
        deleted (ListResourcesDeleted | Unset):
        project (str | Unset):
        tags (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ResourcePage]
    """

    kwargs = _get_kwargs(
        offset=offset,
        limit=limit,
        status=status,
        from_=from_,
        to=to,
        modality=modality,
        mimetype=mimetype,
        ids=ids,
        order_field=order_field,
        order_by_asc=order_by_asc,
        channel_name=channel_name,
        filename=filename,
        deleted=deleted,
        project=project,
        tags=tags,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = 0,
    limit: int | Unset = UNSET,
    status: ResourceStatusFilter | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    modality: str | Unset = UNSET,
    mimetype: str | Unset = UNSET,
    ids: bool | Unset = UNSET,
    order_field: ResourceField | Unset = UNSET,
    order_by_asc: bool | Unset = UNSET,
    channel_name: str | Unset = UNSET,
    filename: str | Unset = UNSET,
    deleted: ListResourcesDeleted | Unset = UNSET,
    project: str | Unset = UNSET,
    tags: str | Unset = UNSET,
) -> Error | ResourcePage | None:
    """Resources matching the filters, one page

    Args:
        offset (int | Unset):  Default: 0.
        limit (int | Unset):
        status (ResourceStatusFilter | Unset): A resource status, or empty for every status
        from_ (str | Unset):
        to (str | Unset):
        modality (str | Unset):
        mimetype (str | Unset):
        ids (bool | Unset):
        order_field (ResourceField | Unset): A field resources can be ordered by
        order_by_asc (bool | Unset):
        channel_name (str | Unset):
        filename (str | Unset):
        deleted (ListResourcesDeleted | Unset):
        project (str | Unset):
        tags (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ResourcePage
    """

    return sync_detailed(
        client=client,
        offset=offset,
        limit=limit,
        status=status,
        from_=from_,
        to=to,
        modality=modality,
        mimetype=mimetype,
        ids=ids,
        order_field=order_field,
        order_by_asc=order_by_asc,
        channel_name=channel_name,
        filename=filename,
        deleted=deleted,
        project=project,
        tags=tags,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = 0,
    limit: int | Unset = UNSET,
    status: ResourceStatusFilter | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    modality: str | Unset = UNSET,
    mimetype: str | Unset = UNSET,
    ids: bool | Unset = UNSET,
    order_field: ResourceField | Unset = UNSET,
    order_by_asc: bool | Unset = UNSET,
    channel_name: str | Unset = UNSET,
    filename: str | Unset = UNSET,
    deleted: ListResourcesDeleted | Unset = UNSET,
    project: str | Unset = UNSET,
    tags: str | Unset = UNSET,
) -> Response[Error | ResourcePage]:
    """Resources matching the filters, one page

    Args:
        offset (int | Unset):  Default: 0.
        limit (int | Unset):
        status (ResourceStatusFilter | Unset): A resource status, or empty for every status
        from_ (str | Unset):
        to (str | Unset):
        modality (str | Unset):
        mimetype (str | Unset):
        ids (bool | Unset):
        order_field (ResourceField | Unset): A field resources can be ordered by
        order_by_asc (bool | Unset):
        channel_name (str | Unset):
        filename (str | Unset):
        deleted (ListResourcesDeleted | Unset):
        project (str | Unset):
        tags (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ResourcePage]
    """

    kwargs = _get_kwargs(
        offset=offset,
        limit=limit,
        status=status,
        from_=from_,
        to=to,
        modality=modality,
        mimetype=mimetype,
        ids=ids,
        order_field=order_field,
        order_by_asc=order_by_asc,
        channel_name=channel_name,
        filename=filename,
        deleted=deleted,
        project=project,
        tags=tags,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = 0,
    limit: int | Unset = UNSET,
    status: ResourceStatusFilter | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    modality: str | Unset = UNSET,
    mimetype: str | Unset = UNSET,
    ids: bool | Unset = UNSET,
    order_field: ResourceField | Unset = UNSET,
    order_by_asc: bool | Unset = UNSET,
    channel_name: str | Unset = UNSET,
    filename: str | Unset = UNSET,
    deleted: ListResourcesDeleted | Unset = UNSET,
    project: str | Unset = UNSET,
    tags: str | Unset = UNSET,
) -> Error | ResourcePage | None:
    """Resources matching the filters, one page

    Args:
        offset (int | Unset):  Default: 0.
        limit (int | Unset):
        status (ResourceStatusFilter | Unset): A resource status, or empty for every status
        from_ (str | Unset):
        to (str | Unset):
        modality (str | Unset):
        mimetype (str | Unset):
        ids (bool | Unset):
        order_field (ResourceField | Unset): A field resources can be ordered by
        order_by_asc (bool | Unset):
        channel_name (str | Unset):
        filename (str | Unset):
        deleted (ListResourcesDeleted | Unset):
        project (str | Unset):
        tags (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ResourcePage
    """

    return (
        await asyncio_detailed(
            client=client,
            offset=offset,
            limit=limit,
            status=status,
            from_=from_,
            to=to,
            modality=modality,
            mimetype=mimetype,
            ids=ids,
            order_field=order_field,
            order_by_asc=order_by_asc,
            channel_name=channel_name,
            filename=filename,
            deleted=deleted,
            project=project,
            tags=tags,
        )
    ).parsed
