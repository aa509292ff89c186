from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_validation_error import HTTPValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    lines: int | None | Unset = 300,
    html: bool | None | Unset = True,
    text: bool | None | Unset = False,
    refresh: int | None | Unset = 0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_lines: int | None | Unset
    if isinstance(lines, Unset):
        json_lines = UNSET
    else:
        json_lines = lines
    params["lines"] = json_lines

    json_html: bool | None | Unset
    if isinstance(html, Unset):
        json_html = UNSET
    else:
        json_html = html
    params["html"] = json_html

    json_text: bool | None | Unset
    if isinstance(text, Unset):
        json_text = UNSET
    else:
        json_text = text
    params["text"] = json_text

    json_refresh: int | None | Unset
    if isinstance(refresh, Unset):
        json_refresh = UNSET
    else:
        json_refresh = refresh
    params["refresh"] = json_refresh

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/logs/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | HTTPValidationError | str | None:
    if response.status_code == 200:
        response_200 = cast(str, response.content)
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
) -> Response[Any | HTTPValidationError | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    lines: int | None | Unset = 300,
    html: bool | None | Unset = True,
    text: bool | None | Unset = False,
    refresh: int | None | Unset = 0,
) -> Response[Any | HTTPValidationError | str]:
    """|RBAC: monailabel-admin| - Get Logs

    Args:
        lines (int | None | Unset):  Default: 300.
        html (bool | None | Unset):  Default: True.
        text (bool | None | Unset):  Default: False.
        refresh (int | None | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError | str]
    """

    kwargs = _get_kwargs(
        lines=lines,
        html=html,
        text=text,
        refresh=refresh,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    lines: int | None | Unset = 300,
    html: bool | None | Unset = True,
    text: bool | None | Unset = False,
    refresh: int | None | Unset = 0,
) -> Any | HTTPValidationError | str | None:
    """|RBAC: monailabel-admin| - Get Logs

    Args:
        lines (int | None | Unset):  Default: 300.
        html (bool | None | Unset):  Default: True.
        text (bool | None | Unset):  Default: False.
        refresh (int | None | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError | str
    """

    return sync_detailed(
        client=client,
        lines=lines,
        html=html,
        text=text,
        refresh=refresh,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    lines: int | None | Unset = 300,
    html: bool | None | Unset = True,
    text: bool | None | Unset = False,
    refresh: int | None | Unset = 0,
) -> Response[Any | HTTPValidationError | str]:
    """|RBAC: monailabel-admin| - Get Logs

    Args:
        lines (int | None | Unset):  Default: 300.
        html (bool | None | Unset):  Default: True.
        text (bool | None | Unset):  Default: False.
        refresh (int | None | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError | str]
    """

    kwargs = _get_kwargs(
        lines=lines,
        html=html,
        text=text,
        refresh=refresh,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    lines: int | None | Unset = 300,
    html: bool | None | Unset = True,
    text: bool | None | Unset = False,
    refresh: int | None | Unset = 0,
) -> Any | HTTPValidationError | str | None:
    """|RBAC: monailabel-admin| - Get Logs

    Args:
        lines (int | None | Unset):  Default: 300.
        html (bool | None | Unset):  Default: True.
        text (bool | None | Unset):  Default: False.
        refresh (int | None | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError | str
    """

    return (
        await asyncio_detailed(
            client=client,
            lines=lines,
            html=html,
            text=text,
            refresh=refresh,
        )
    ).parsed
