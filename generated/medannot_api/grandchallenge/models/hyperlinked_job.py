from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import JSONMapping, JSONValue

if TYPE_CHECKING:
    from ..models.hanging_protocol import HangingProtocol
    from ..models.hyperlinked_component_interface_value import HyperlinkedComponentInterfaceValue


T = TypeVar("T", bound="HyperlinkedJob")


@_attrs_define
class HyperlinkedJob(JSONMapping):
    pk: UUID
    url: str
    api_url: str
    algorithm_image: str
    inputs: list[HyperlinkedComponentInterfaceValue]
    outputs: list[HyperlinkedComponentInterfaceValue]
    status: str
    """ The status's display name: `Queued`, `Started`, `Re-Queued`, `Failed`, `Succeeded`, `Cancelled`,
    `Provisioning`, `Provisioned`, `Executing`, `Executed`, `Parsing Outputs`, `Executing Algorithm`, `External
    Execution In Progress` or `Validating inputs` """
    hanging_protocol: HangingProtocol | None
    optional_hanging_protocols: list[HangingProtocol]
    view_content: JSONValue
    exec_duration: None | str
    """ ISO 8601 duration """
    invoke_duration: None | str
    """ ISO 8601 duration """
    algorithm: str
    additional_properties: dict[str, JSONValue] = _attrs_field(init=False, factory=dict)
    _source: Mapping[str, Any] | None = _attrs_field(init=False, default=None, repr=False, eq=False)
    """The JSON object this model was read from (`from_dict`), which the Mapping view shows."""
    _json_keys: ClassVar[dict[str, str]] = {
        "pk": "pk",
        "url": "url",
        "api_url": "api_url",
        "algorithm_image": "algorithm_image",
        "inputs": "inputs",
        "outputs": "outputs",
        "status": "status",
        "hanging_protocol": "hanging_protocol",
        "optional_hanging_protocols": "optional_hanging_protocols",
        "view_content": "view_content",
        "exec_duration": "exec_duration",
        "invoke_duration": "invoke_duration",
        "algorithm": "algorithm",
    }
    """Each field's JSON key (`e_tag` is "ETag"), for checks that walk the JSON by the fields."""

    def to_dict(self) -> dict[str, Any]:
        pk = str(self.pk)

        url = self.url

        api_url = self.api_url

        algorithm_image = self.algorithm_image

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item = inputs_item_data.to_dict()
            inputs.append(inputs_item)

        outputs = []
        for outputs_item_data in self.outputs:
            outputs_item = outputs_item_data.to_dict()
            outputs.append(outputs_item)

        status = self.status

        hanging_protocol: dict[str, Any] | None
        if isinstance(self.hanging_protocol, HangingProtocol):
            hanging_protocol = self.hanging_protocol.to_dict()
        else:
            hanging_protocol = self.hanging_protocol

        optional_hanging_protocols = []
        for optional_hanging_protocols_item_data in self.optional_hanging_protocols:
            optional_hanging_protocols_item = optional_hanging_protocols_item_data.to_dict()
            optional_hanging_protocols.append(optional_hanging_protocols_item)

        view_content = self.view_content

        exec_duration: None | str
        exec_duration = self.exec_duration

        invoke_duration: None | str
        invoke_duration = self.invoke_duration

        algorithm = self.algorithm

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "url": url,
                "api_url": api_url,
                "algorithm_image": algorithm_image,
                "inputs": inputs,
                "outputs": outputs,
                "status": status,
                "hanging_protocol": hanging_protocol,
                "optional_hanging_protocols": optional_hanging_protocols,
                "view_content": view_content,
                "exec_duration": exec_duration,
                "invoke_duration": invoke_duration,
                "algorithm": algorithm,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = src_dict
        pk = UUID(d["pk"])

        url = d["url"]

        api_url = d["api_url"]

        algorithm_image = d["algorithm_image"]

        inputs = []
        _inputs = d["inputs"]
        for inputs_item_data in _inputs:
            inputs_item = HyperlinkedComponentInterfaceValue.from_dict(inputs_item_data)

            inputs.append(inputs_item)

        outputs = []
        _outputs = d["outputs"]
        for outputs_item_data in _outputs:
            outputs_item = HyperlinkedComponentInterfaceValue.from_dict(outputs_item_data)

            outputs.append(outputs_item)

        status = d["status"]

        _hanging_protocol = d["hanging_protocol"]
        hanging_protocol: HangingProtocol | None
        if _hanging_protocol is None:
            hanging_protocol = None
        elif not isinstance(_hanging_protocol, dict):
            hanging_protocol = cast("HangingProtocol | None", _hanging_protocol)
        else:
            try:
                hanging_protocol_type_0 = HangingProtocol.from_dict(_hanging_protocol)

                hanging_protocol = hanging_protocol_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                hanging_protocol = cast("HangingProtocol | None", _hanging_protocol)

        optional_hanging_protocols = []
        _optional_hanging_protocols = d["optional_hanging_protocols"]
        for optional_hanging_protocols_item_data in _optional_hanging_protocols:
            optional_hanging_protocols_item = HangingProtocol.from_dict(optional_hanging_protocols_item_data)

            optional_hanging_protocols.append(optional_hanging_protocols_item)

        view_content = d["view_content"]

        exec_duration = d["exec_duration"]

        invoke_duration = d["invoke_duration"]

        algorithm = d["algorithm"]

        instance_ = cls(
            pk=pk,
            url=url,
            api_url=api_url,
            algorithm_image=algorithm_image,
            inputs=inputs,
            outputs=outputs,
            status=status,
            hanging_protocol=hanging_protocol,
            optional_hanging_protocols=optional_hanging_protocols,
            view_content=view_content,
            exec_duration=exec_duration,
            invoke_duration=invoke_duration,
            algorithm=algorithm,
        )
        instance_._source = src_dict

        instance_.additional_properties = _extras(d)
        return instance_

    def _json_view(self) -> Mapping[str, Any]:
        return self.to_dict() if self._source is None else self._source


_JSON_KEYS: frozenset[str] = frozenset(
    (
        "pk",
        "url",
        "api_url",
        "algorithm_image",
        "inputs",
        "outputs",
        "status",
        "hanging_protocol",
        "optional_hanging_protocols",
        "view_content",
        "exec_duration",
        "invoke_duration",
        "algorithm",
    )
)


def _extras(d: Mapping[str, Any]) -> dict[str, Any]:
    """The source's keys that are not fields: the model's additional properties (none, the usual case, is
    decided by one subset test)."""
    if d.keys() <= _JSON_KEYS:
        return {}
    return {key: value for key, value in d.items() if key not in _JSON_KEYS}


from ..models.hanging_protocol import HangingProtocol  # noqa: E402
from ..models.hyperlinked_component_interface_value import HyperlinkedComponentInterfaceValue  # noqa: E402
