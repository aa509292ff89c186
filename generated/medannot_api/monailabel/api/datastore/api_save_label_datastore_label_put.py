from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.body_api_save_label_datastore_label_put import BodyApiSaveLabelDatastoreLabelPut
from ...models.http_validation_error import HTTPValidationError
from ...models.label_saved import LabelSaved
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: BodyApiSaveLabelDatastoreLabelPut,
    image: str,
    tag: str | Unset = "final",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["image"] = image

    params["tag"] = tag

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/datastore/label",
        "params": params,
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | HTTPValidationError | LabelSaved | None:
    if response.status_code == 200:
        response_200 = LabelSaved.from_dict(response.json())

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
) -> Response[Any | HTTPValidationError | LabelSaved]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: BodyApiSaveLabelDatastoreLabelPut,
    image: str,
    tag: str | Unset = "final",
) -> Response[Any | HTTPValidationError | LabelSaved]:
    """|RBAC: monailabel-annotator| - Save Finished Label

    Args:
        image (str):
        tag (str | Unset):  Default: 'final'.
        body (BodyApiSaveLabelDatastoreLabelPut):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError | LabelSaved]
    """

    kwargs = _get_kwargs(
        body=body,
        image=image,
        tag=tag,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: BodyApiSaveLabelDatastoreLabelPut,
    image: str,
    tag: str | Unset = "final",
) -> Any | HTTPValidationError | LabelSaved | None:
    """|RBAC: monailabel-annotator| - Save Finished Label

    Args:
        image (str):
        tag (str | Unset):  Default: 'final'.
        body (BodyApiSaveLabelDatastoreLabelPut):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError | LabelSaved
    """

    return sync_detailed(
        client=client,
        body=body,
        image=image,
        tag=tag,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: BodyApiSaveLabelDatastoreLabelPut,
    image: str,
    tag: str | Unset = "final",
) -> Response[Any | HTTPValidationError | LabelSaved]:
    """|RBAC: monailabel-annotator| - Save Finished Label

    Args:
        image (str):
        tag (str | Unset):  Default: 'final'.
        body (BodyApiSaveLabelDatastoreLabelPut):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError | LabelSaved]
    """

    kwargs = _get_kwargs(
        body=body,
        image=image,
        tag=tag,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: BodyApiSaveLabelDatastoreLabelPut,
    image: str,
    tag: str | Unset = "final",
) -> Any | HTTPValidationError | LabelSaved | None:
    """|RBAC: monailabel-annotator| - Save Finished Label

    Args:
        image (str):
        tag (str | Unset):  Default: 'final'.
        body (BodyApiSaveLabelDatastoreLabelPut):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError | LabelSaved
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            image=image,
            tag=tag,
        )
    ).parsed
