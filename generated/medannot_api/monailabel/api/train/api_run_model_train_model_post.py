from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_run_model_train_model_post_body_type_0 import ApiRunModelTrainModelPostBodyType0
from ...models.api_run_model_train_model_post_response_200_type_1 import ApiRunModelTrainModelPostResponse200Type1
from ...models.http_validation_error import HTTPValidationError
from ...models.task_record import TaskRecord
from ...types import UNSET, Response, Unset


def _get_kwargs(
    model: str,
    *,
    body: ApiRunModelTrainModelPostBodyType0 | None | Unset = UNSET,
    run_sync: bool | None | Unset = False,
    enqueue: bool | None | Unset = False,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_run_sync: bool | None | Unset
    if isinstance(run_sync, Unset):
        json_run_sync = UNSET
    else:
        json_run_sync = run_sync
    params["run_sync"] = json_run_sync

    json_enqueue: bool | None | Unset
    if isinstance(enqueue, Unset):
        json_enqueue = UNSET
    else:
        json_enqueue = enqueue
    params["enqueue"] = json_enqueue

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/train/{model}".format(
            model=quote(str(model), safe=""),
        ),
        "params": params,
    }

    if isinstance(body, ApiRunModelTrainModelPostBodyType0):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ApiRunModelTrainModelPostResponse200Type1 | TaskRecord | HTTPValidationError | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> ApiRunModelTrainModelPostResponse200Type1 | TaskRecord:
            if isinstance(data, dict):
                try:
                    response_200_type_0 = TaskRecord.from_dict(data)

                    return response_200_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = ApiRunModelTrainModelPostResponse200Type1.from_dict(data)

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
) -> Response[Any | ApiRunModelTrainModelPostResponse200Type1 | TaskRecord | HTTPValidationError]:
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
    body: ApiRunModelTrainModelPostBodyType0 | None | Unset = UNSET,
    run_sync: bool | None | Unset = False,
    enqueue: bool | None | Unset = False,
) -> Response[Any | ApiRunModelTrainModelPostResponse200Type1 | TaskRecord | HTTPValidationError]:
    """|RBAC: monailabel-admin| -  Run Training Task for specific model

    Args:
        model (str):
        run_sync (bool | None | Unset):  Default: False.
        enqueue (bool | None | Unset):  Default: False.
        body (ApiRunModelTrainModelPostBodyType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ApiRunModelTrainModelPostResponse200Type1 | TaskRecord | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        model=model,
        body=body,
        run_sync=run_sync,
        enqueue=enqueue,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    model: str,
    *,
    client: AuthenticatedClient,
    body: ApiRunModelTrainModelPostBodyType0 | None | Unset = UNSET,
    run_sync: bool | None | Unset = False,
    enqueue: bool | None | Unset = False,
) -> Any | ApiRunModelTrainModelPostResponse200Type1 | TaskRecord | HTTPValidationError | None:
    """|RBAC: monailabel-admin| -  Run Training Task for specific model

    Args:
        model (str):
        run_sync (bool | None | Unset):  Default: False.
        enqueue (bool | None | Unset):  Default: False.
        body (ApiRunModelTrainModelPostBodyType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ApiRunModelTrainModelPostResponse200Type1 | TaskRecord | HTTPValidationError
    """

    return sync_detailed(
        model=model,
        client=client,
        body=body,
        run_sync=run_sync,
        enqueue=enqueue,
    ).parsed


async def asyncio_detailed(
    model: str,
    *,
    client: AuthenticatedClient,
    body: ApiRunModelTrainModelPostBodyType0 | None | Unset = UNSET,
    run_sync: bool | None | Unset = False,
    enqueue: bool | None | Unset = False,
) -> Response[Any | ApiRunModelTrainModelPostResponse200Type1 | TaskRecord | HTTPValidationError]:
    """|RBAC: monailabel-admin| -  Run Training Task for specific model

    Args:
        model (str):
        run_sync (bool | None | Unset):  Default: False.
        enqueue (bool | None | Unset):  Default: False.
        body (ApiRunModelTrainModelPostBodyType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ApiRunModelTrainModelPostResponse200Type1 | TaskRecord | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        model=model,
        body=body,
        run_sync=run_sync,
        enqueue=enqueue,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    model: str,
    *,
    client: AuthenticatedClient,
    body: ApiRunModelTrainModelPostBodyType0 | None | Unset = UNSET,
    run_sync: bool | None | Unset = False,
    enqueue: bool | None | Unset = False,
) -> Any | ApiRunModelTrainModelPostResponse200Type1 | TaskRecord | HTTPValidationError | None:
    """|RBAC: monailabel-admin| -  Run Training Task for specific model

    Args:
        model (str):
        run_sync (bool | None | Unset):  Default: False.
        enqueue (bool | None | Unset):  Default: False.
        body (ApiRunModelTrainModelPostBodyType0 | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ApiRunModelTrainModelPostResponse200Type1 | TaskRecord | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            model=model,
            client=client,
            body=body,
            run_sync=run_sync,
            enqueue=enqueue,
        )
    ).parsed
