from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_validation_error import HTTPValidationError
from ...models.task_record import TaskRecord
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    all_: bool | Unset = False,
    check_if_running: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["all"] = all_

    params["check_if_running"] = check_if_running

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/train/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | HTTPValidationError | list[TaskRecord] | TaskRecord | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> list[TaskRecord] | TaskRecord:
            if isinstance(data, dict):
                try:
                    response_200_type_0 = TaskRecord.from_dict(data)

                    return response_200_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if not isinstance(data, list):
                raise TypeError()
            response_200_type_1 = []
            _response_200_type_1 = data
            for response_200_type_1_item_data in _response_200_type_1:
                response_200_type_1_item = TaskRecord.from_dict(response_200_type_1_item_data)

                response_200_type_1.append(response_200_type_1_item)

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
) -> Response[Any | HTTPValidationError | list[TaskRecord] | TaskRecord]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    all_: bool | Unset = False,
    check_if_running: bool | Unset = False,
) -> Response[Any | HTTPValidationError | list[TaskRecord] | TaskRecord]:
    """|RBAC: monailabel-user| - Get Status of Training Task

    Args:
        all_ (bool | Unset):  Default: False.
        check_if_running (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError | list[TaskRecord] | TaskRecord]
    """

    kwargs = _get_kwargs(
        all_=all_,
        check_if_running=check_if_running,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    all_: bool | Unset = False,
    check_if_running: bool | Unset = False,
) -> Any | HTTPValidationError | list[TaskRecord] | TaskRecord | None:
    """|RBAC: monailabel-user| - Get Status of Training Task

    Args:
        all_ (bool | Unset):  Default: False.
        check_if_running (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError | list[TaskRecord] | TaskRecord
    """

    return sync_detailed(
        client=client,
        all_=all_,
        check_if_running=check_if_running,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    all_: bool | Unset = False,
    check_if_running: bool | Unset = False,
) -> Response[Any | HTTPValidationError | list[TaskRecord] | TaskRecord]:
    """|RBAC: monailabel-user| - Get Status of Training Task

    Args:
        all_ (bool | Unset):  Default: False.
        check_if_running (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPValidationError | list[TaskRecord] | TaskRecord]
    """

    kwargs = _get_kwargs(
        all_=all_,
        check_if_running=check_if_running,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    all_: bool | Unset = False,
    check_if_running: bool | Unset = False,
) -> Any | HTTPValidationError | list[TaskRecord] | TaskRecord | None:
    """|RBAC: monailabel-user| - Get Status of Training Task

    Args:
        all_ (bool | Unset):  Default: False.
        check_if_running (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPValidationError | list[TaskRecord] | TaskRecord
    """

    return (
        await asyncio_detailed(
            client=client,
            all_=all_,
            check_if_running=check_if_running,
        )
    ).parsed
