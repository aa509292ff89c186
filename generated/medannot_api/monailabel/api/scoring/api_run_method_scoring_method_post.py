from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_run_method_scoring_method_post_body_type_0 import ApiRunMethodScoringMethodPostBodyType0
from ...models.http_validation_error import HTTPValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    method: str,
    *,
    body: ApiRunMethodScoringMethodPostBodyType0 | None | Unset = UNSET,
    run_sync: bool | None | Unset = False,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_run_sync: bool | None | Unset
    if isinstance(run_sync, Unset):
        json_run_sync = UNSET
    else:
        json_run_sync = run_sync
    params["run_sync"] = json_run_sync

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/scoring/{method}".format(
            method=quote(str(method), safe=""),
        ),
        "params": params,
    }

    if isinstance(body, ApiRunMethodScoringMethodPostBodyType0):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = response.json()
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
) -> Response[Any | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    method: str,
    *,
    client: AuthenticatedClient,
    body: ApiRunMethodScoringMethodPostBodyType0 | None | Unset = UNSET,
    run_sync: bool | None | Unset = False,
) -> Response[Any | HTTPValidationError]:
    """|RBAC: monailabel-annotator| - Run Scoring Task for specific method

    Args:
        method (str):
        run_sync (bool | None | Unset):  Default: False.
        body (ApiRunMethodScoringMethodPostBodyType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        method=method,
        body=body,
        run_sync=run_sync,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    method: str,
    *,
    client: AuthenticatedClient,
    body: ApiRunMethodScoringMethodPostBodyType0 | None | Unset = UNSET,
    run_sync: bool | None | Unset = False,
) -> Any | HTTPValidationError | None:
    """|RBAC: monailabel-annotator| - Run Scoring Task for specific method

    Args:
        method (str):
        run_sync (bool | None | Unset):  Default: False.
        body (ApiRunMethodScoringMethodPostBodyType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError
    """

    return sync_detailed(
        method=method,
        client=client,
        body=body,
        run_sync=run_sync,
    ).parsed


async def asyncio_detailed(
    method: str,
    *,
    client: AuthenticatedClient,
    body: ApiRunMethodScoringMethodPostBodyType0 | None | Unset = UNSET,
    run_sync: bool | None | Unset = False,
) -> Response[Any | HTTPValidationError]:
    """|RBAC: monailabel-annotator| - Run Scoring Task for specific method

    Args:
        method (str):
        run_sync (bool | None | Unset):  Default: False.
        body (ApiRunMethodScoringMethodPostBodyType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        method=method,
        body=body,
        run_sync=run_sync,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    method: str,
    *,
    client: AuthenticatedClient,
    body: ApiRunMethodScoringMethodPostBodyType0 | None | Unset = UNSET,
    run_sync: bool | None | Unset = False,
) -> Any | HTTPValidationError | None:
    """|RBAC: monailabel-annotator| - Run Scoring Task for specific method

    Args:
        method (str):
        run_sync (bool | None | Unset):  Default: False.
        body (ApiRunMethodScoringMethodPostBodyType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            method=method,
            client=client,
            body=body,
            run_sync=run_sync,
        )
    ).parsed
