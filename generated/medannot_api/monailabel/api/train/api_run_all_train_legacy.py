from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_run_all_train_legacy_body_type_0 import ApiRunAllTrainLegacyBodyType0
from ...models.api_run_all_train_legacy_response_200 import ApiRunAllTrainLegacyResponse200
from ...models.http_validation_error import HTTPValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ApiRunAllTrainLegacyBodyType0 | None | Unset = UNSET,
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
        "url": "/train/",
        "params": params,
    }

    if isinstance(body, ApiRunAllTrainLegacyBodyType0):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiRunAllTrainLegacyResponse200 | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = ApiRunAllTrainLegacyResponse200.from_dict(response.json())

        return response_200

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiRunAllTrainLegacyResponse200 | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ApiRunAllTrainLegacyBodyType0 | None | Unset = UNSET,
    run_sync: bool | None | Unset = False,
) -> Response[ApiRunAllTrainLegacyResponse200 | HTTPValidationError]:
    """
    Args:
        run_sync (bool | None | Unset):  Default: False.
        body (ApiRunAllTrainLegacyBodyType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiRunAllTrainLegacyResponse200 | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        body=body,
        run_sync=run_sync,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ApiRunAllTrainLegacyBodyType0 | None | Unset = UNSET,
    run_sync: bool | None | Unset = False,
) -> ApiRunAllTrainLegacyResponse200 | HTTPValidationError | None:
    """
    Args:
        run_sync (bool | None | Unset):  Default: False.
        body (ApiRunAllTrainLegacyBodyType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiRunAllTrainLegacyResponse200 | HTTPValidationError
    """

    return sync_detailed(
        client=client,
        body=body,
        run_sync=run_sync,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ApiRunAllTrainLegacyBodyType0 | None | Unset = UNSET,
    run_sync: bool | None | Unset = False,
) -> Response[ApiRunAllTrainLegacyResponse200 | HTTPValidationError]:
    """
    Args:
        run_sync (bool | None | Unset):  Default: False.
        body (ApiRunAllTrainLegacyBodyType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiRunAllTrainLegacyResponse200 | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        body=body,
        run_sync=run_sync,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ApiRunAllTrainLegacyBodyType0 | None | Unset = UNSET,
    run_sync: bool | None | Unset = False,
) -> ApiRunAllTrainLegacyResponse200 | HTTPValidationError | None:
    """
    Args:
        run_sync (bool | None | Unset):  Default: False.
        body (ApiRunAllTrainLegacyBodyType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiRunAllTrainLegacyResponse200 | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            run_sync=run_sync,
        )
    ).parsed
