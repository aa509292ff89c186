from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.slide_filepath import SlideFilepath
from ...types import Response


def _get_kwargs(
    project: str,
    slide_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/dzi/{project}/{slide_id}/filepath".format(
            project=quote(str(project), safe=""),
            slide_id=quote(str(slide_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> SlideFilepath | str | None:
    if response.status_code == 200:
        response_200 = SlideFilepath.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[SlideFilepath | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project: str,
    slide_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[SlideFilepath | str]:
    """Where the slide file lives on the server (needs admin access to the slide)

    Args:
        project (str):
        slide_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[SlideFilepath | str]
    """

    kwargs = _get_kwargs(
        project=project,
        slide_id=slide_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project: str,
    slide_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> SlideFilepath | str | None:
    """Where the slide file lives on the server (needs admin access to the slide)

    Args:
        project (str):
        slide_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        SlideFilepath | str
    """

    return sync_detailed(
        project=project,
        slide_id=slide_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    project: str,
    slide_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[SlideFilepath | str]:
    """Where the slide file lives on the server (needs admin access to the slide)

    Args:
        project (str):
        slide_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[SlideFilepath | str]
    """

    kwargs = _get_kwargs(
        project=project,
        slide_id=slide_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project: str,
    slide_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> SlideFilepath | str | None:
    """Where the slide file lives on the server (needs admin access to the slide)

    Args:
        project (str):
        slide_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        SlideFilepath | str
    """

    return (
        await asyncio_detailed(
            project=project,
            slide_id=slide_id,
            client=client,
        )
    ).parsed
