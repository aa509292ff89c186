from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.body_api_create_session_session_put import BodyApiCreateSessionSessionPut
from ...models.http_validation_error import HTTPValidationError
from ...models.session_created import SessionCreated
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: BodyApiCreateSessionSessionPut,
    uncompress: bool | Unset = False,
    expiry: int | Unset = 0,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["uncompress"] = uncompress

    params["expiry"] = expiry

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/session/",
        "params": params,
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | HTTPValidationError | SessionCreated | None:
    if response.status_code == 200:
        response_200 = SessionCreated.from_dict(response.json())

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
) -> Response[Any | HTTPValidationError | SessionCreated]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: BodyApiCreateSessionSessionPut,
    uncompress: bool | Unset = False,
    expiry: int | Unset = 0,
) -> Response[Any | HTTPValidationError | SessionCreated]:
    """|RBAC: monailabel-user| - Create new session with Image

    Args:
        uncompress (bool | Unset):  Default: False.
        expiry (int | Unset):  Default: 0.
        body (BodyApiCreateSessionSessionPut):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError | SessionCreated]
    """

    kwargs = _get_kwargs(
        body=body,
        uncompress=uncompress,
        expiry=expiry,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: BodyApiCreateSessionSessionPut,
    uncompress: bool | Unset = False,
    expiry: int | Unset = 0,
) -> Any | HTTPValidationError | SessionCreated | None:
    """|RBAC: monailabel-user| - Create new session with Image

    Args:
        uncompress (bool | Unset):  Default: False.
        expiry (int | Unset):  Default: 0.
        body (BodyApiCreateSessionSessionPut):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError | SessionCreated
    """

    return sync_detailed(
        client=client,
        body=body,
        uncompress=uncompress,
        expiry=expiry,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: BodyApiCreateSessionSessionPut,
    uncompress: bool | Unset = False,
    expiry: int | Unset = 0,
) -> Response[Any | HTTPValidationError | SessionCreated]:
    """|RBAC: monailabel-user| - Create new session with Image

    Args:
        uncompress (bool | Unset):  Default: False.
        expiry (int | Unset):  Default: 0.
        body (BodyApiCreateSessionSessionPut):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError | SessionCreated]
    """

    kwargs = _get_kwargs(
        body=body,
        uncompress=uncompress,
        expiry=expiry,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: BodyApiCreateSessionSessionPut,
    uncompress: bool | Unset = False,
    expiry: int | Unset = 0,
) -> Any | HTTPValidationError | SessionCreated | None:
    """|RBAC: monailabel-user| - Create new session with Image

    Args:
        uncompress (bool | Unset):  Default: False.
        expiry (int | Unset):  Default: 0.
        body (BodyApiCreateSessionSessionPut):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError | SessionCreated
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            uncompress=uncompress,
            expiry=expiry,
        )
    ).parsed
