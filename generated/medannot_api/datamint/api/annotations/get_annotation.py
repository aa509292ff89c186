from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.annotation import Annotation
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    annotation_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/annotations/{annotation_id}".format(
            annotation_id=quote(str(annotation_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Annotation | Error | None:
    if response.status_code == 200:
        response_200 = Annotation.from_dict(response.json())

        return response_200

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Annotation | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    annotation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Annotation | Error]:
    """One annotation

    Args:
        annotation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Annotation | Error]
    """

    kwargs = _get_kwargs(
        annotation_id=annotation_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    annotation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Annotation | Error | None:
    """One annotation

    Args:
        annotation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Annotation | Error
    """

    return sync_detailed(
        annotation_id=annotation_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    annotation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Annotation | Error]:
    """One annotation

    Args:
        annotation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Annotation | Error]
    """

    kwargs = _get_kwargs(
        annotation_id=annotation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    annotation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Annotation | Error | None:
    """One annotation

    Args:
        annotation_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Annotation | Error
    """

    return (
        await asyncio_detailed(
            annotation_id=annotation_id,
            client=client,
        )
    ).parsed
