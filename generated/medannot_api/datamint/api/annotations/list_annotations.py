from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.annotation_page import AnnotationPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    offset: int | Unset = 0,
    limit: int | Unset = UNSET,
    resource_id: str | Unset = UNSET,
    annotation_type: str | Unset = UNSET,
    annotator_email: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    dataset_id: str | Unset = UNSET,
    annotation_worklist_id: str | Unset = UNSET,
    status: str | Unset = UNSET,
    load_ai_segmentations: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["offset"] = offset

    params["limit"] = limit

    params["resource_id"] = resource_id

    params["annotation_type"] = annotation_type

    params["annotatorEmail"] = annotator_email

    params["from"] = from_

    params["to"] = to

    params["dataset_id"] = dataset_id

    params["annotation_worklist_id"] = annotation_worklist_id

    params["status"] = status

    params["load_ai_segmentations"] = load_ai_segmentations

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/annotations",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AnnotationPage | None:
    if response.status_code == 200:
        response_200 = AnnotationPage.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AnnotationPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = 0,
    limit: int | Unset = UNSET,
    resource_id: str | Unset = UNSET,
    annotation_type: str | Unset = UNSET,
    annotator_email: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    dataset_id: str | Unset = UNSET,
    annotation_worklist_id: str | Unset = UNSET,
    status: str | Unset = UNSET,
    load_ai_segmentations: bool | Unset = UNSET,
) -> Response[AnnotationPage]:
    """Annotations matching the filters, one page (APIHandler's `get_annotations`)

    Args:
        offset (int | Unset):  Default: 0.
        limit (int | Unset):
        resource_id (str | Unset):
        annotation_type (str | Unset):
        annotator_email (str | Unset):
        from_ (str | Unset):
        to (str | Unset):
        dataset_id (str | Unset):
        annotation_worklist_id (str | Unset):
        status (str | Unset):
        load_ai_segmentations (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnnotationPage]
    """

    kwargs = _get_kwargs(
        offset=offset,
        limit=limit,
        resource_id=resource_id,
        annotation_type=annotation_type,
        annotator_email=annotator_email,
        from_=from_,
        to=to,
        dataset_id=dataset_id,
        annotation_worklist_id=annotation_worklist_id,
        status=status,
        load_ai_segmentations=load_ai_segmentations,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = 0,
    limit: int | Unset = UNSET,
    resource_id: str | Unset = UNSET,
    annotation_type: str | Unset = UNSET,
    annotator_email: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    dataset_id: str | Unset = UNSET,
    annotation_worklist_id: str | Unset = UNSET,
    status: str | Unset = UNSET,
    load_ai_segmentations: bool | Unset = UNSET,
) -> AnnotationPage | None:
    """Annotations matching the filters, one page (APIHandler's `get_annotations`)

    Args:
        offset (int | Unset):  Default: 0.
        limit (int | Unset):
        resource_id (str | Unset):
        annotation_type (str | Unset):
        annotator_email (str | Unset):
        from_ (str | Unset):
        to (str | Unset):
        dataset_id (str | Unset):
        annotation_worklist_id (str | Unset):
        status (str | Unset):
        load_ai_segmentations (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnnotationPage
    """

    return sync_detailed(
        client=client,
        offset=offset,
        limit=limit,
        resource_id=resource_id,
        annotation_type=annotation_type,
        annotator_email=annotator_email,
        from_=from_,
        to=to,
        dataset_id=dataset_id,
        annotation_worklist_id=annotation_worklist_id,
        status=status,
        load_ai_segmentations=load_ai_segmentations,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = 0,
    limit: int | Unset = UNSET,
    resource_id: str | Unset = UNSET,
    annotation_type: str | Unset = UNSET,
    annotator_email: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    dataset_id: str | Unset = UNSET,
    annotation_worklist_id: str | Unset = UNSET,
    status: str | Unset = UNSET,
    load_ai_segmentations: bool | Unset = UNSET,
) -> Response[AnnotationPage]:
    """Annotations matching the filters, one page (APIHandler's `get_annotations`)

    Args:
        offset (int | Unset):  Default: 0.
        limit (int | Unset):
        resource_id (str | Unset):
        annotation_type (str | Unset):
        annotator_email (str | Unset):
        from_ (str | Unset):
        to (str | Unset):
        dataset_id (str | Unset):
        annotation_worklist_id (str | Unset):
        status (str | Unset):
        load_ai_segmentations (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnnotationPage]
    """

    kwargs = _get_kwargs(
        offset=offset,
        limit=limit,
        resource_id=resource_id,
        annotation_type=annotation_type,
        annotator_email=annotator_email,
        from_=from_,
        to=to,
        dataset_id=dataset_id,
        annotation_worklist_id=annotation_worklist_id,
        status=status,
        load_ai_segmentations=load_ai_segmentations,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = 0,
    limit: int | Unset = UNSET,
    resource_id: str | Unset = UNSET,
    annotation_type: str | Unset = UNSET,
    annotator_email: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    to: str | Unset = UNSET,
    dataset_id: str | Unset = UNSET,
    annotation_worklist_id: str | Unset = UNSET,
    status: str | Unset = UNSET,
    load_ai_segmentations: bool | Unset = UNSET,
) -> AnnotationPage | None:
    """Annotations matching the filters, one page (APIHandler's `get_annotations`)

    Args:
        offset (int | Unset):  Default: 0.
        limit (int | Unset):
        resource_id (str | Unset):
        annotation_type (str | Unset):
        annotator_email (str | Unset):
        from_ (str | Unset):
        to (str | Unset):
        dataset_id (str | Unset):
        annotation_worklist_id (str | Unset):
        status (str | Unset):
        load_ai_segmentations (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnnotationPage
    """

    return (
        await asyncio_detailed(
            client=client,
            offset=offset,
            limit=limit,
            resource_id=resource_id,
            annotation_type=annotation_type,
            annotator_email=annotator_email,
            from_=from_,
            to=to,
            dataset_id=dataset_id,
            annotation_worklist_id=annotation_worklist_id,
            status=status,
            load_ai_segmentations=load_ai_segmentations,
        )
    ).parsed
