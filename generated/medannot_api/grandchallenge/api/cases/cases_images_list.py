from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.paginated_hyperlinked_image_list import PaginatedHyperlinkedImageList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    archive: list[UUID] | Unset = UNSET,
    job_input: list[UUID] | Unset = UNSET,
    job_output: list[UUID] | Unset = UNSET,
    name: str | Unset = UNSET,
    origin: UUID | Unset = UNSET,
    reader_study: list[UUID] | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_archive: list[str] | Unset = UNSET
    if not isinstance(archive, Unset):
        json_archive = []
        for archive_item_data in archive:
            archive_item = str(archive_item_data)
            json_archive.append(archive_item)

    params["archive"] = json_archive

    json_job_input: list[str] | Unset = UNSET
    if not isinstance(job_input, Unset):
        json_job_input = []
        for job_input_item_data in job_input:
            job_input_item = str(job_input_item_data)
            json_job_input.append(job_input_item)

    params["job_input"] = json_job_input

    json_job_output: list[str] | Unset = UNSET
    if not isinstance(job_output, Unset):
        json_job_output = []
        for job_output_item_data in job_output:
            job_output_item = str(job_output_item_data)
            json_job_output.append(job_output_item)

    params["job_output"] = json_job_output

    params["name"] = name

    json_origin: str | Unset = UNSET
    if not isinstance(origin, Unset):
        json_origin = str(origin)
    params["origin"] = json_origin

    json_reader_study: list[str] | Unset = UNSET
    if not isinstance(reader_study, Unset):
        json_reader_study = []
        for reader_study_item_data in reader_study:
            reader_study_item = str(reader_study_item_data)
            json_reader_study.append(reader_study_item)

    params["reader_study"] = json_reader_study

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/cases/images/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaginatedHyperlinkedImageList | None:
    if response.status_code == 200:
        response_200 = PaginatedHyperlinkedImageList.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PaginatedHyperlinkedImageList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    archive: list[UUID] | Unset = UNSET,
    job_input: list[UUID] | Unset = UNSET,
    job_output: list[UUID] | Unset = UNSET,
    name: str | Unset = UNSET,
    origin: UUID | Unset = UNSET,
    reader_study: list[UUID] | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> Response[PaginatedHyperlinkedImageList]:
    """
    Args:
        archive (list[UUID] | Unset):
        job_input (list[UUID] | Unset):
        job_output (list[UUID] | Unset):
        name (str | Unset):
        origin (UUID | Unset):
        reader_study (list[UUID] | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedHyperlinkedImageList]
    """

    kwargs = _get_kwargs(
        archive=archive,
        job_input=job_input,
        job_output=job_output,
        name=name,
        origin=origin,
        reader_study=reader_study,
        limit=limit,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    archive: list[UUID] | Unset = UNSET,
    job_input: list[UUID] | Unset = UNSET,
    job_output: list[UUID] | Unset = UNSET,
    name: str | Unset = UNSET,
    origin: UUID | Unset = UNSET,
    reader_study: list[UUID] | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> PaginatedHyperlinkedImageList | None:
    """
    Args:
        archive (list[UUID] | Unset):
        job_input (list[UUID] | Unset):
        job_output (list[UUID] | Unset):
        name (str | Unset):
        origin (UUID | Unset):
        reader_study (list[UUID] | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedHyperlinkedImageList
    """

    return sync_detailed(
        client=client,
        archive=archive,
        job_input=job_input,
        job_output=job_output,
        name=name,
        origin=origin,
        reader_study=reader_study,
        limit=limit,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    archive: list[UUID] | Unset = UNSET,
    job_input: list[UUID] | Unset = UNSET,
    job_output: list[UUID] | Unset = UNSET,
    name: str | Unset = UNSET,
    origin: UUID | Unset = UNSET,
    reader_study: list[UUID] | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> Response[PaginatedHyperlinkedImageList]:
    """
    Args:
        archive (list[UUID] | Unset):
        job_input (list[UUID] | Unset):
        job_output (list[UUID] | Unset):
        name (str | Unset):
        origin (UUID | Unset):
        reader_study (list[UUID] | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedHyperlinkedImageList]
    """

    kwargs = _get_kwargs(
        archive=archive,
        job_input=job_input,
        job_output=job_output,
        name=name,
        origin=origin,
        reader_study=reader_study,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    archive: list[UUID] | Unset = UNSET,
    job_input: list[UUID] | Unset = UNSET,
    job_output: list[UUID] | Unset = UNSET,
    name: str | Unset = UNSET,
    origin: UUID | Unset = UNSET,
    reader_study: list[UUID] | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> PaginatedHyperlinkedImageList | None:
    """
    Args:
        archive (list[UUID] | Unset):
        job_input (list[UUID] | Unset):
        job_output (list[UUID] | Unset):
        name (str | Unset):
        origin (UUID | Unset):
        reader_study (list[UUID] | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedHyperlinkedImageList
    """

    return (
        await asyncio_detailed(
            client=client,
            archive=archive,
            job_input=job_input,
            job_output=job_output,
            name=name,
            origin=origin,
            reader_study=reader_study,
            limit=limit,
            offset=offset,
        )
    ).parsed
