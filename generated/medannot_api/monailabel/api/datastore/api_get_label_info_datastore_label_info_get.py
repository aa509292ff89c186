from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_get_label_info_datastore_label_info_get_response_200 import (
    ApiGetLabelInfoDatastoreLabelInfoGetResponse200,
)
from ...models.http_validation_error import HTTPValidationError
from ...types import UNSET, Response


def _get_kwargs(
    *,
    label: str,
    tag: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["label"] = label

    params["tag"] = tag

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/datastore/label/info",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ApiGetLabelInfoDatastoreLabelInfoGetResponse200 | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = ApiGetLabelInfoDatastoreLabelInfoGetResponse200.from_dict(response.json())

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
) -> Response[Any | ApiGetLabelInfoDatastoreLabelInfoGetResponse200 | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    label: str,
    tag: str,
) -> Response[Any | ApiGetLabelInfoDatastoreLabelInfoGetResponse200 | HTTPValidationError]:
    """|RBAC: monailabel-user| - Get Label Info

    Args:
        label (str):
        tag (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ApiGetLabelInfoDatastoreLabelInfoGetResponse200 | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        label=label,
        tag=tag,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    label: str,
    tag: str,
) -> Any | ApiGetLabelInfoDatastoreLabelInfoGetResponse200 | HTTPValidationError | None:
    """|RBAC: monailabel-user| - Get Label Info

    Args:
        label (str):
        tag (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ApiGetLabelInfoDatastoreLabelInfoGetResponse200 | HTTPValidationError
    """

    return sync_detailed(
        client=client,
        label=label,
        tag=tag,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    label: str,
    tag: str,
) -> Response[Any | ApiGetLabelInfoDatastoreLabelInfoGetResponse200 | HTTPValidationError]:
    """|RBAC: monailabel-user| - Get Label Info

    Args:
        label (str):
        tag (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ApiGetLabelInfoDatastoreLabelInfoGetResponse200 | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        label=label,
        tag=tag,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    label: str,
    tag: str,
) -> Any | ApiGetLabelInfoDatastoreLabelInfoGetResponse200 | HTTPValidationError | None:
    """|RBAC: monailabel-user| - Get Label Info

    Args:
        label (str):
        tag (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ApiGetLabelInfoDatastoreLabelInfoGetResponse200 | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            label=label,
            tag=tag,
        )
    ).parsed
