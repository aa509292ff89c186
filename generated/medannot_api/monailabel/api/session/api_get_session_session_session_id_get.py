from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_validation_error import HTTPValidationError
from ...models.session_info import SessionInfo
from ...types import UNSET, Response, Unset


def _get_kwargs(
    session_id: str,
    *,
    update_ts: bool | Unset = False,
    image: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["update_ts"] = update_ts

    params["image"] = image

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/session/{session_id}".format(
            session_id=quote(str(session_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | HTTPValidationError | SessionInfo | None:
    if response.status_code == 200:
        response_200 = SessionInfo.from_dict(response.json())

        return response_200

    if response.status_code == 404:
        response_404 = cast(Any, None)
        return response_404

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | HTTPValidationError | SessionInfo]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient,
    update_ts: bool | Unset = False,
    image: bool | Unset = False,
) -> Response[Any | HTTPValidationError | SessionInfo]:
    """|RBAC: monailabel-user| - Get Session ID

    Args:
        session_id (str):
        update_ts (bool | Unset):  Default: False.
        image (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError | SessionInfo]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        update_ts=update_ts,
        image=image,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    session_id: str,
    *,
    client: AuthenticatedClient,
    update_ts: bool | Unset = False,
    image: bool | Unset = False,
) -> Any | HTTPValidationError | SessionInfo | None:
    """|RBAC: monailabel-user| - Get Session ID

    Args:
        session_id (str):
        update_ts (bool | Unset):  Default: False.
        image (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError | SessionInfo
    """

    return sync_detailed(
        session_id=session_id,
        client=client,
        update_ts=update_ts,
        image=image,
    ).parsed


async def asyncio_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient,
    update_ts: bool | Unset = False,
    image: bool | Unset = False,
) -> Response[Any | HTTPValidationError | SessionInfo]:
    """|RBAC: monailabel-user| - Get Session ID

    Args:
        session_id (str):
        update_ts (bool | Unset):  Default: False.
        image (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError | SessionInfo]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        update_ts=update_ts,
        image=image,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    session_id: str,
    *,
    client: AuthenticatedClient,
    update_ts: bool | Unset = False,
    image: bool | Unset = False,
) -> Any | HTTPValidationError | SessionInfo | None:
    """|RBAC: monailabel-user| - Get Session ID

    Args:
        session_id (str):
        update_ts (bool | Unset):  Default: False.
        image (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError | SessionInfo
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            client=client,
            update_ts=update_ts,
            image=image,
        )
    ).parsed
