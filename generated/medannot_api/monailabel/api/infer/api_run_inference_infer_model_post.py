from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_run_inference_infer_model_post_response_200 import ApiRunInferenceInferModelPostResponse200
from ...models.body_api_run_inference_infer_model_post import BodyApiRunInferenceInferModelPost
from ...models.http_validation_error import HTTPValidationError
from ...models.infer_output import InferOutput
from ...types import UNSET, Response, Unset


def _get_kwargs(
    model: str,
    *,
    body: BodyApiRunInferenceInferModelPost | Unset = UNSET,
    image: str | Unset = "",
    session_id: str | Unset = "",
    output: InferOutput | None | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["image"] = image

    params["session_id"] = session_id

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
        "method": "post",
        "url": "/infer/{model}".format(
            model=quote(str(model), safe=""),
        ),
        "params": params,
    }

    if not isinstance(body, Unset):
        _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ApiRunInferenceInferModelPostResponse200 | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = ApiRunInferenceInferModelPostResponse200.from_dict(response.json())

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
) -> Response[Any | ApiRunInferenceInferModelPostResponse200 | HTTPValidationError]:
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
    body: BodyApiRunInferenceInferModelPost | Unset = UNSET,
    image: str | Unset = "",
    session_id: str | Unset = "",
    output: InferOutput | None | Unset = UNSET,
) -> Response[Any | ApiRunInferenceInferModelPostResponse200 | HTTPValidationError]:
    """|RBAC: monailabel-user| - Run Inference for supported model

    Args:
        model (str):
        image (str | Unset):  Default: ''.
        session_id (str | Unset):  Default: ''.
        output (InferOutput | None | Unset):
        body (BodyApiRunInferenceInferModelPost | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ApiRunInferenceInferModelPostResponse200 | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        model=model,
        body=body,
        image=image,
        session_id=session_id,
        output=output,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    model: str,
    *,
    client: AuthenticatedClient,
    body: BodyApiRunInferenceInferModelPost | Unset = UNSET,
    image: str | Unset = "",
    session_id: str | Unset = "",
    output: InferOutput | None | Unset = UNSET,
) -> Any | ApiRunInferenceInferModelPostResponse200 | HTTPValidationError | None:
    """|RBAC: monailabel-user| - Run Inference for supported model

    Args:
        model (str):
        image (str | Unset):  Default: ''.
        session_id (str | Unset):  Default: ''.
        output (InferOutput | None | Unset):
        body (BodyApiRunInferenceInferModelPost | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ApiRunInferenceInferModelPostResponse200 | HTTPValidationError
    """

    return sync_detailed(
        model=model,
        client=client,
        body=body,
        image=image,
        session_id=session_id,
        output=output,
    ).parsed


async def asyncio_detailed(
    model: str,
    *,
    client: AuthenticatedClient,
    body: BodyApiRunInferenceInferModelPost | Unset = UNSET,
    image: str | Unset = "",
    session_id: str | Unset = "",
    output: InferOutput | None | Unset = UNSET,
) -> Response[Any | ApiRunInferenceInferModelPostResponse200 | HTTPValidationError]:
    """|RBAC: monailabel-user| - Run Inference for supported model

    Args:
        model (str):
        image (str | Unset):  Default: ''.
        session_id (str | Unset):  Default: ''.
        output (InferOutput | None | Unset):
        body (BodyApiRunInferenceInferModelPost | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ApiRunInferenceInferModelPostResponse200 | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        model=model,
        body=body,
        image=image,
        session_id=session_id,
        output=output,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    model: str,
    *,
    client: AuthenticatedClient,
    body: BodyApiRunInferenceInferModelPost | Unset = UNSET,
    image: str | Unset = "",
    session_id: str | Unset = "",
    output: InferOutput | None | Unset = UNSET,
) -> Any | ApiRunInferenceInferModelPostResponse200 | HTTPValidationError | None:
    """|RBAC: monailabel-user| - Run Inference for supported model

    Args:
        model (str):
        image (str | Unset):  Default: ''.
        session_id (str | Unset):  Default: ''.
        output (InferOutput | None | Unset):
        body (BodyApiRunInferenceInferModelPost | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ApiRunInferenceInferModelPostResponse200 | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            model=model,
            client=client,
            body=body,
            image=image,
            session_id=session_id,
            output=output,
        )
    ).parsed
