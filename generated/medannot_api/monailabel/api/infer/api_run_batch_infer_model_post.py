from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_run_batch_infer_model_post_body_type_0 import ApiRunBatchInferModelPostBodyType0
from ...models.api_run_batch_infer_model_post_response_200_type_1 import ApiRunBatchInferModelPostResponse200Type1
from ...models.batch_infer_image_type import BatchInferImageType
from ...models.http_validation_error import HTTPValidationError
from ...models.task_record import TaskRecord
from ...types import UNSET, Response, Unset


def _get_kwargs(
    model: str,
    *,
    body: ApiRunBatchInferModelPostBodyType0 | None | Unset = UNSET,
    images: BatchInferImageType | None | Unset = "all",
    run_sync: bool | None | Unset = False,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_images: None | str | Unset
    if isinstance(images, Unset):
        json_images = UNSET
    elif isinstance(images, str):
        json_images = images
    else:
        json_images = images
    params["images"] = json_images

    json_run_sync: bool | None | Unset
    if isinstance(run_sync, Unset):
        json_run_sync = UNSET
    else:
        json_run_sync = run_sync
    params["run_sync"] = json_run_sync

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/batch/infer/{model}".format(
            model=quote(str(model), safe=""),
        ),
        "params": params,
    }

    if isinstance(body, ApiRunBatchInferModelPostBodyType0):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ApiRunBatchInferModelPostResponse200Type1 | TaskRecord | HTTPValidationError | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> ApiRunBatchInferModelPostResponse200Type1 | TaskRecord:
            if isinstance(data, dict):
                try:
                    response_200_type_0 = TaskRecord.from_dict(data)

                    return response_200_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = ApiRunBatchInferModelPostResponse200Type1.from_dict(data)

            return response_200_type_1

        response_200 = _parse_response_200(response.json())

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
) -> Response[Any | ApiRunBatchInferModelPostResponse200Type1 | TaskRecord | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    model: str,
    *,
    client: AuthenticatedClient,
    body: ApiRunBatchInferModelPostBodyType0 | None | Unset = UNSET,
    images: BatchInferImageType | None | Unset = "all",
    run_sync: bool | None | Unset = False,
) -> Response[Any | ApiRunBatchInferModelPostResponse200Type1 | TaskRecord | HTTPValidationError]:
    """|RBAC: monailabel-admin| - Run Batch Inference Task

    Args:
        model (str):
        images (BatchInferImageType | None | Unset):  Default: 'all'.
        run_sync (bool | None | Unset):  Default: False.
        body (ApiRunBatchInferModelPostBodyType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ApiRunBatchInferModelPostResponse200Type1 | TaskRecord | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        model=model,
        body=body,
        images=images,
        run_sync=run_sync,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    model: str,
    *,
    client: AuthenticatedClient,
    body: ApiRunBatchInferModelPostBodyType0 | None | Unset = UNSET,
    images: BatchInferImageType | None | Unset = "all",
    run_sync: bool | None | Unset = False,
) -> Any | ApiRunBatchInferModelPostResponse200Type1 | TaskRecord | HTTPValidationError | None:
    """|RBAC: monailabel-admin| - Run Batch Inference Task

    Args:
        model (str):
        images (BatchInferImageType | None | Unset):  Default: 'all'.
        run_sync (bool | None | Unset):  Default: False.
        body (ApiRunBatchInferModelPostBodyType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ApiRunBatchInferModelPostResponse200Type1 | TaskRecord | HTTPValidationError
    """

    return sync_detailed(
        model=model,
        client=client,
        body=body,
        images=images,
        run_sync=run_sync,
    ).parsed


async def asyncio_detailed(
    model: str,
    *,
    client: AuthenticatedClient,
    body: ApiRunBatchInferModelPostBodyType0 | None | Unset = UNSET,
    images: BatchInferImageType | None | Unset = "all",
    run_sync: bool | None | Unset = False,
) -> Response[Any | ApiRunBatchInferModelPostResponse200Type1 | TaskRecord | HTTPValidationError]:
    """|RBAC: monailabel-admin| - Run Batch Inference Task

    Args:
        model (str):
        images (BatchInferImageType | None | Unset):  Default: 'all'.
        run_sync (bool | None | Unset):  Default: False.
        body (ApiRunBatchInferModelPostBodyType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ApiRunBatchInferModelPostResponse200Type1 | TaskRecord | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        model=model,
        body=body,
        images=images,
        run_sync=run_sync,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    model: str,
    *,
    client: AuthenticatedClient,
    body: ApiRunBatchInferModelPostBodyType0 | None | Unset = UNSET,
    images: BatchInferImageType | None | Unset = "all",
    run_sync: bool | None | Unset = False,
) -> Any | ApiRunBatchInferModelPostResponse200Type1 | TaskRecord | HTTPValidationError | None:
    """|RBAC: monailabel-admin| - Run Batch Inference Task

    Args:
        model (str):
        images (BatchInferImageType | None | Unset):  Default: 'all'.
        run_sync (bool | None | Unset):  Default: False.
        body (ApiRunBatchInferModelPostBodyType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ApiRunBatchInferModelPostResponse200Type1 | TaskRecord | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            model=model,
            client=client,
            body=body,
            images=images,
            run_sync=run_sync,
        )
    ).parsed
