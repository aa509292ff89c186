from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.anonymize_setting import AnonymizeSetting
from ...types import Response


def _get_kwargs(
    anon: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/auth/api/set_anonymize/{anon}".format(
            anon=quote(str(anon), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AnonymizeSetting | None:
    if response.status_code == 200:
        response_200 = AnonymizeSetting.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AnonymizeSetting]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    anon: int,
    *,
    client: AuthenticatedClient,
) -> Response[AnonymizeSetting]:
    """Turn anonymized mode on (1) or off (0) for this session

     Needs no login; without a session it creates one holding only this setting.

    Args:
        anon (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnonymizeSetting]
    """

    kwargs = _get_kwargs(
        anon=anon,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    anon: int,
    *,
    client: AuthenticatedClient,
) -> AnonymizeSetting | None:
    """Turn anonymized mode on (1) or off (0) for this session

     Needs no login; without a session it creates one holding only this setting.

    Args:
        anon (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnonymizeSetting
    """

    return sync_detailed(
        anon=anon,
        client=client,
    ).parsed


async def asyncio_detailed(
    anon: int,
    *,
    client: AuthenticatedClient,
) -> Response[AnonymizeSetting]:
    """Turn anonymized mode on (1) or off (0) for this session

     Needs no login; without a session it creates one holding only this setting.

    Args:
        anon (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnonymizeSetting]
    """

    kwargs = _get_kwargs(
        anon=anon,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    anon: int,
    *,
    client: AuthenticatedClient,
) -> AnonymizeSetting | None:
    """Turn anonymized mode on (1) or off (0) for this session

     Needs no login; without a session it creates one holding only this setting.

    Args:
        anon (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnonymizeSetting
    """

    return (
        await asyncio_detailed(
            anon=anon,
            client=client,
        )
    ).parsed
