from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.paginated_display_set_list import PaginatedDisplaySetList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    reader_study: UUID | Unset = UNSET,
    unanswered_by_user: bool | Unset = UNSET,
    user: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_reader_study: str | Unset = UNSET
    if not isinstance(reader_study, Unset):
        json_reader_study = str(reader_study)
    params["reader_study"] = json_reader_study

    params["unanswered_by_user"] = unanswered_by_user

    params["user"] = user

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/reader-studies/display-sets/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaginatedDisplaySetList | None:
    if response.status_code == 200:
        response_200 = PaginatedDisplaySetList.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PaginatedDisplaySetList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    reader_study: UUID | Unset = UNSET,
    unanswered_by_user: bool | Unset = UNSET,
    user: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> Response[PaginatedDisplaySetList]:
    """
    Args:
        reader_study (UUID | Unset):
        unanswered_by_user (bool | Unset):
        user (str | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedDisplaySetList]
    """

    kwargs = _get_kwargs(
        reader_study=reader_study,
        unanswered_by_user=unanswered_by_user,
        user=user,
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
    reader_study: UUID | Unset = UNSET,
    unanswered_by_user: bool | Unset = UNSET,
    user: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> PaginatedDisplaySetList | None:
    """
    Args:
        reader_study (UUID | Unset):
        unanswered_by_user (bool | Unset):
        user (str | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedDisplaySetList
    """

    return sync_detailed(
        client=client,
        reader_study=reader_study,
        unanswered_by_user=unanswered_by_user,
        user=user,
        limit=limit,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    reader_study: UUID | Unset = UNSET,
    unanswered_by_user: bool | Unset = UNSET,
    user: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> Response[PaginatedDisplaySetList]:
    """
    Args:
        reader_study (UUID | Unset):
        unanswered_by_user (bool | Unset):
        user (str | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedDisplaySetList]
    """

    kwargs = _get_kwargs(
        reader_study=reader_study,
        unanswered_by_user=unanswered_by_user,
        user=user,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    reader_study: UUID | Unset = UNSET,
    unanswered_by_user: bool | Unset = UNSET,
    user: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
) -> PaginatedDisplaySetList | None:
    """
    Args:
        reader_study (UUID | Unset):
        unanswered_by_user (bool | Unset):
        user (str | Unset):
        limit (int | Unset):
        offset (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedDisplaySetList
    """

    return (
        await asyncio_detailed(
            client=client,
            reader_study=reader_study,
            unanswered_by_user=unanswered_by_user,
            user=user,
            limit=limit,
            offset=offset,
        )
    ).parsed
