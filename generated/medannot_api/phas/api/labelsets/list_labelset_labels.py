from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.label import Label
from ...types import Response


def _get_kwargs(
    project: str,
    lset: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/dltrain/api/{project}/labelset/{lset}/labels".format(
            project=quote(str(project), safe=""),
            lset=quote(str(lset), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> list[Label] | str | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Label.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[list[Label] | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project: str,
    lset: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[list[Label] | str]:
    """Labels of a labelset with their usage counts (an empty list for an unknown labelset)

    Args:
        project (str):
        lset (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[list[Label] | str]
    """

    kwargs = _get_kwargs(
        project=project,
        lset=lset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project: str,
    lset: int,
    *,
    client: AuthenticatedClient | Client,
) -> list[Label] | str | None:
    """Labels of a labelset with their usage counts (an empty list for an unknown labelset)

    Args:
        project (str):
        lset (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[Label] | str
    """

    return sync_detailed(
        project=project,
        lset=lset,
        client=client,
    ).parsed


async def asyncio_detailed(
    project: str,
    lset: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[list[Label] | str]:
    """Labels of a labelset with their usage counts (an empty list for an unknown labelset)

    Args:
        project (str):
        lset (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[list[Label] | str]
    """

    kwargs = _get_kwargs(
        project=project,
        lset=lset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project: str,
    lset: int,
    *,
    client: AuthenticatedClient | Client,
) -> list[Label] | str | None:
    """Labels of a labelset with their usage counts (an empty list for an unknown labelset)

    Args:
        project (str):
        lset (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[Label] | str
    """

    return (
        await asyncio_detailed(
            project=project,
            lset=lset,
            client=client,
        )
    ).parsed
