from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.paginated_hyperlinked_job_list import PaginatedHyperlinkedJobList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    algorithm_image_algorithm: UUID | Unset = UNSET,
    input_image: UUID | Unset = UNSET,
    output_image: UUID | Unset = UNSET,
    status: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_algorithm_image_algorithm: str | Unset = UNSET
    if not isinstance(algorithm_image_algorithm, Unset):
        json_algorithm_image_algorithm = str(algorithm_image_algorithm)
    params["algorithm_image__algorithm"] = json_algorithm_image_algorithm

    json_input_image: str | Unset = UNSET
    if not isinstance(input_image, Unset):
        json_input_image = str(input_image)
    params["input_image"] = json_input_image

    json_output_image: str | Unset = UNSET
    if not isinstance(output_image, Unset):
        json_output_image = str(output_image)
    params["output_image"] = json_output_image

    params["status"] = status

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/algorithms/jobs/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaginatedHyperlinkedJobList | None:
    if response.status_code == 200:
        response_200 = PaginatedHyperlinkedJobList.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PaginatedHyperlinkedJobList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    algorithm_image_algorithm: UUID | Unset = UNSET,
    input_image: UUID | Unset = UNSET,
    output_image: UUID | Unset = UNSET,
    status: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> Response[PaginatedHyperlinkedJobList]:
    """
    Args:
        algorithm_image_algorithm (UUID | Unset):
        input_image (UUID | Unset):
        output_image (UUID | Unset):
        status (int | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedHyperlinkedJobList]
    """

    kwargs = _get_kwargs(
        algorithm_image_algorithm=algorithm_image_algorithm,
        input_image=input_image,
        output_image=output_image,
        status=status,
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
    algorithm_image_algorithm: UUID | Unset = UNSET,
    input_image: UUID | Unset = UNSET,
    output_image: UUID | Unset = UNSET,
    status: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> PaginatedHyperlinkedJobList | None:
    """
    Args:
        algorithm_image_algorithm (UUID | Unset):
        input_image (UUID | Unset):
        output_image (UUID | Unset):
        status (int | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedHyperlinkedJobList
    """

    return sync_detailed(
        client=client,
        algorithm_image_algorithm=algorithm_image_algorithm,
        input_image=input_image,
        output_image=output_image,
        status=status,
        limit=limit,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    algorithm_image_algorithm: UUID | Unset = UNSET,
    input_image: UUID | Unset = UNSET,
    output_image: UUID | Unset = UNSET,
    status: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> Response[PaginatedHyperlinkedJobList]:
    """
    Args:
        algorithm_image_algorithm (UUID | Unset):
        input_image (UUID | Unset):
        output_image (UUID | Unset):
        status (int | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedHyperlinkedJobList]
    """

    kwargs = _get_kwargs(
        algorithm_image_algorithm=algorithm_image_algorithm,
        input_image=input_image,
        output_image=output_image,
        status=status,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    algorithm_image_algorithm: UUID | Unset = UNSET,
    input_image: UUID | Unset = UNSET,
    output_image: UUID | Unset = UNSET,
    status: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> PaginatedHyperlinkedJobList | None:
    """
    Args:
        algorithm_image_algorithm (UUID | Unset):
        input_image (UUID | Unset):
        output_image (UUID | Unset):
        status (int | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedHyperlinkedJobList
    """

    return (
        await asyncio_detailed(
            client=client,
            algorithm_image_algorithm=algorithm_image_algorithm,
            input_image=input_image,
            output_image=output_image,
            status=status,
            limit=limit,
            offset=offset,
        )
    ).parsed
