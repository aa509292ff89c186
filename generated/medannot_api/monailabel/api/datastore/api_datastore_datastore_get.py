from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.datalist_item import DatalistItem
from ...models.datastore import Datastore
from ...models.datastore_output import DatastoreOutput
from ...models.datastore_status import DatastoreStatus
from ...models.http_validation_error import HTTPValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    output: DatastoreOutput | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_output: None | str | Unset
    if isinstance(output, Unset):
        json_output = UNSET
    elif isinstance(output, str):
        json_output = output
    else:
        json_output = output
    params["output"] = json_output

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/datastore/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Datastore | DatastoreStatus | list[DatalistItem] | HTTPValidationError | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> Datastore | DatastoreStatus | list[DatalistItem]:
            if isinstance(data, dict):
                try:
                    response_200_type_0 = DatastoreStatus.from_dict(data)

                    return response_200_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if isinstance(data, dict):
                try:
                    response_200_type_1 = Datastore.from_dict(data)

                    return response_200_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
            if not isinstance(data, list):
                raise TypeError()
            response_200_type_2 = []
            _response_200_type_2 = data
            for response_200_type_2_item_data in _response_200_type_2:
                response_200_type_2_item = DatalistItem.from_dict(response_200_type_2_item_data)

                response_200_type_2.append(response_200_type_2_item)

            return response_200_type_2

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
) -> Response[Any | Datastore | DatastoreStatus | list[DatalistItem] | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    output: DatastoreOutput | None | Unset = UNSET,
) -> Response[Any | Datastore | DatastoreStatus | list[DatalistItem] | HTTPValidationError]:
    """|RBAC: monailabel-user| - Get All Images/Labels from datastore

    Args:
        output (DatastoreOutput | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Datastore | DatastoreStatus | list[DatalistItem] | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        output=output,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    output: DatastoreOutput | None | Unset = UNSET,
) -> Any | Datastore | DatastoreStatus | list[DatalistItem] | HTTPValidationError | None:
    """|RBAC: monailabel-user| - Get All Images/Labels from datastore

    Args:
        output (DatastoreOutput | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Datastore | DatastoreStatus | list[DatalistItem] | HTTPValidationError
    """

    return sync_detailed(
        client=client,
        output=output,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    output: DatastoreOutput | None | Unset = UNSET,
) -> Response[Any | Datastore | DatastoreStatus | list[DatalistItem] | HTTPValidationError]:
    """|RBAC: monailabel-user| - Get All Images/Labels from datastore

    Args:
        output (DatastoreOutput | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Datastore | DatastoreStatus | list[DatalistItem] | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        output=output,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    output: DatastoreOutput | None | Unset = UNSET,
) -> Any | Datastore | DatastoreStatus | list[DatalistItem] | HTTPValidationError | None:
    """|RBAC: monailabel-user| - Get All Images/Labels from datastore

    Args:
        output (DatastoreOutput | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Datastore | DatastoreStatus | list[DatalistItem] | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            output=output,
        )
    ).parsed
