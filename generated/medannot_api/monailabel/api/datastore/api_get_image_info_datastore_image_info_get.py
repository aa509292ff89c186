from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_get_image_info_datastore_image_info_get_response_200 import (
    ApiGetImageInfoDatastoreImageInfoGetResponse200,
)
from ...models.http_validation_error import HTTPValidationError
from ...types import UNSET, Response


def _get_kwargs(
    *,
    image: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["image"] = image

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/datastore/image/info",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ApiGetImageInfoDatastoreImageInfoGetResponse200 | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = ApiGetImageInfoDatastoreImageInfoGetResponse200.from_dict(response.json())

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
) -> Response[Any | ApiGetImageInfoDatastoreImageInfoGetResponse200 | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    image: str,
) -> Response[Any | ApiGetImageInfoDatastoreImageInfoGetResponse200 | HTTPValidationError]:
    """|RBAC: monailabel-user| - Get Image Info

    Args:
        image (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ApiGetImageInfoDatastoreImageInfoGetResponse200 | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        image=image,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    image: str,
) -> Any | ApiGetImageInfoDatastoreImageInfoGetResponse200 | HTTPValidationError | None:
    """|RBAC: monailabel-user| - Get Image Info

    Args:
        image (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ApiGetImageInfoDatastoreImageInfoGetResponse200 | HTTPValidationError
    """

    return sync_detailed(
        client=client,
        image=image,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    image: str,
) -> Response[Any | ApiGetImageInfoDatastoreImageInfoGetResponse200 | HTTPValidationError]:
    """|RBAC: monailabel-user| - Get Image Info

    Args:
        image (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ApiGetImageInfoDatastoreImageInfoGetResponse200 | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        image=image,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    image: str,
) -> Any | ApiGetImageInfoDatastoreImageInfoGetResponse200 | HTTPValidationError | None:
    """|RBAC: monailabel-user| - Get Image Info

    Args:
        image (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ApiGetImageInfoDatastoreImageInfoGetResponse200 | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            image=image,
        )
    ).parsed
