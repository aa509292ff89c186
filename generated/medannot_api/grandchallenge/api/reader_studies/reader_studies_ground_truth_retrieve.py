from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.reader_studies_ground_truth_retrieve_response_200 import ReaderStudiesGroundTruthRetrieveResponse200
from ...types import Response


def _get_kwargs(
    pk: UUID,
    case_pk: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/reader-studies/{pk}/ground-truth/{case_pk}/".format(
            pk=quote(str(pk), safe=""),
            case_pk=quote(str(case_pk), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ReaderStudiesGroundTruthRetrieveResponse200 | None:
    if response.status_code == 200:
        response_200 = ReaderStudiesGroundTruthRetrieveResponse200.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ReaderStudiesGroundTruthRetrieveResponse200]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    pk: UUID,
    case_pk: str,
    *,
    client: AuthenticatedClient,
) -> Response[ReaderStudiesGroundTruthRetrieveResponse200]:
    """Ground truth of one display set (educational reader studies with ground truth only; 404 otherwise).

    Args:
        pk (UUID):
        case_pk (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ReaderStudiesGroundTruthRetrieveResponse200]
    """

    kwargs = _get_kwargs(
        pk=pk,
        case_pk=case_pk,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    pk: UUID,
    case_pk: str,
    *,
    client: AuthenticatedClient,
) -> ReaderStudiesGroundTruthRetrieveResponse200 | None:
    """Ground truth of one display set (educational reader studies with ground truth only; 404 otherwise).

    Args:
        pk (UUID):
        case_pk (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ReaderStudiesGroundTruthRetrieveResponse200
    """

    return sync_detailed(
        pk=pk,
        case_pk=case_pk,
        client=client,
    ).parsed


async def asyncio_detailed(
    pk: UUID,
    case_pk: str,
    *,
    client: AuthenticatedClient,
) -> Response[ReaderStudiesGroundTruthRetrieveResponse200]:
    """Ground truth of one display set (educational reader studies with ground truth only; 404 otherwise).

    Args:
        pk (UUID):
        case_pk (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ReaderStudiesGroundTruthRetrieveResponse200]
    """

    kwargs = _get_kwargs(
        pk=pk,
        case_pk=case_pk,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    pk: UUID,
    case_pk: str,
    *,
    client: AuthenticatedClient,
) -> ReaderStudiesGroundTruthRetrieveResponse200 | None:
    """Ground truth of one display set (educational reader studies with ground truth only; 404 otherwise).

    Args:
        pk (UUID):
        case_pk (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ReaderStudiesGroundTruthRetrieveResponse200
    """

    return (
        await asyncio_detailed(
            pk=pk,
            case_pk=case_pk,
            client=client,
        )
    ).parsed
