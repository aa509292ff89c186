from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.body_api_add_image_datastore_image_put import BodyApiAddImageDatastoreImagePut
from ...models.http_validation_error import HTTPValidationError
from ...models.image_added import ImageAdded
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: BodyApiAddImageDatastoreImagePut,
    image: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_image: None | str | Unset
    if isinstance(image, Unset):
        json_image = UNSET
    else:
        json_image = image
    params["image"] = json_image

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/datastore/image",
        "params": params,
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | HTTPValidationError | ImageAdded | None:
    if response.status_code == 200:
        response_200 = ImageAdded.from_dict(response.json())

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
) -> Response[Any | HTTPValidationError | ImageAdded]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: BodyApiAddImageDatastoreImagePut,
    image: None | str | Unset = UNSET,
) -> Response[Any | HTTPValidationError | ImageAdded]:
    """|RBAC: monailabel-annotator| - Upload new Image

    Args:
        image (None | str | Unset):
        body (BodyApiAddImageDatastoreImagePut):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError | ImageAdded]
    """

    kwargs = _get_kwargs(
        body=body,
        image=image,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: BodyApiAddImageDatastoreImagePut,
    image: None | str | Unset = UNSET,
) -> Any | HTTPValidationError | ImageAdded | None:
    """|RBAC: monailabel-annotator| - Upload new Image

    Args:
        image (None | str | Unset):
        body (BodyApiAddImageDatastoreImagePut):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError | ImageAdded
    """

    return sync_detailed(
        client=client,
        body=body,
        image=image,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: BodyApiAddImageDatastoreImagePut,
    image: None | str | Unset = UNSET,
) -> Response[Any | HTTPValidationError | ImageAdded]:
    """|RBAC: monailabel-annotator| - Upload new Image

    Args:
        image (None | str | Unset):
        body (BodyApiAddImageDatastoreImagePut):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError | ImageAdded]
    """

    kwargs = _get_kwargs(
        body=body,
        image=image,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: BodyApiAddImageDatastoreImagePut,
    image: None | str | Unset = UNSET,
) -> Any | HTTPValidationError | ImageAdded | None:
    """|RBAC: monailabel-annotator| - Upload new Image

    Args:
        image (None | str | Unset):
        body (BodyApiAddImageDatastoreImagePut):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError | ImageAdded
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            image=image,
        )
    ).parsed
