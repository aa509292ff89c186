from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    project_id: str,
    *,
    all_annotations: bool | Unset = UNSET,
    include_unannotated: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["all_annotations"] = all_annotations

    params["include_unannotated"] = include_unannotated

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/projects/{project_id}/annotated_dataset".format(
            project_id=quote(str(project_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | File | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

        return response_200

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Error | File]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    all_annotations: bool | Unset = UNSET,
    include_unannotated: bool | Unset = UNSET,
) -> Response[Error | File]:
    """The project's resources and annotations as one ZIP archive

    Args:
        project_id (str):
        all_annotations (bool | Unset):
        include_unannotated (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | File]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        all_annotations=all_annotations,
        include_unannotated=include_unannotated,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    all_annotations: bool | Unset = UNSET,
    include_unannotated: bool | Unset = UNSET,
) -> Error | File | None:
    """The project's resources and annotations as one ZIP archive

    Args:
        project_id (str):
        all_annotations (bool | Unset):
        include_unannotated (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | File
    """

    return sync_detailed(
        project_id=project_id,
        client=client,
        all_annotations=all_annotations,
        include_unannotated=include_unannotated,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    all_annotations: bool | Unset = UNSET,
    include_unannotated: bool | Unset = UNSET,
) -> Response[Error | File]:
    """The project's resources and annotations as one ZIP archive

    Args:
        project_id (str):
        all_annotations (bool | Unset):
        include_unannotated (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | File]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        all_annotations=all_annotations,
        include_unannotated=include_unannotated,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    all_annotations: bool | Unset = UNSET,
    include_unannotated: bool | Unset = UNSET,
) -> Error | File | None:
    """The project's resources and annotations as one ZIP archive

    Args:
        project_id (str):
        all_annotations (bool | Unset):
        include_unannotated (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | File
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            client=client,
            all_annotations=all_annotations,
            include_unannotated=include_unannotated,
        )
    ).parsed
