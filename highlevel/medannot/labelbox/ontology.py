"""The official SDK's ontology builders (`Tool`, `Classification`, `Option`, `OntologyBuilder`): plain objects
whose `asdict()` is the normalized JSON `create_ontology`, `create_feature_schema` and `upsert_feature_schema`
take, key for key as the SDK writes it. No request is made here."""

from __future__ import annotations

import colorsys
import enum
from dataclasses import dataclass, field
from typing import Any

from medannot.errors import BadInput
from medannot.types import JSONObject

__all__ = ["Classification", "OntologyBuilder", "Option", "Tool"]


@dataclass
class Option:
    """An answer of a radio or checklist classification (`label` defaults to `value`)."""

    value: str | int
    label: str | int | None = None
    schema_id: str | None = None
    feature_schema_id: str | None = None
    options: list[Classification] = field(default_factory=list)
    position: int | None = None

    def __post_init__(self) -> None:
        if self.label is None:
            self.label = self.value

    def asdict(self) -> JSONObject:
        result: dict[str, Any] = {
            "schemaNodeId": self.schema_id,
            "featureSchemaId": self.feature_schema_id,
            "label": self.label,
            "value": self.value,
            "options": [o.asdict(is_subclass=True) for o in self.options],
        }
        if self.position is not None:
            result["position"] = self.position
        return result

    def add_option(self, option: Classification) -> None:
        if option.name in (o.name for o in self.options):
            raise BadInput(f"duplicate nested classification {option.name!r} for option {self.label!r}")
        self.options.append(option)


@dataclass
class Classification:
    """A classification (global, or nested in a tool or option); `name` is required."""

    class Type(enum.Enum):
        TEXT = "text"
        CHECKLIST = "checklist"
        RADIO = "radio"
        GROUP = "group"

    class Scope(enum.Enum):
        GLOBAL = "global"
        INDEX = "index"

    class UIMode(enum.Enum):
        HOTKEY = "hotkey"
        SEARCHABLE = "searchable"

    class_type: Classification.Type
    name: str | None = None
    instructions: str | None = None
    required: bool = False
    options: list[Option] = field(default_factory=list)
    schema_id: str | None = None
    feature_schema_id: str | None = None
    scope: Classification.Scope | None = None
    ui_mode: Classification.UIMode | None = None

    def __post_init__(self) -> None:
        if self.name is None:
            if self.instructions is None:
                raise BadInput("a Classification needs a name")
            self.name = self.instructions
        elif self.instructions is None:
            self.instructions = self.name

    def asdict(self, is_subclass: bool = False) -> JSONObject:
        if self.class_type in (Classification.Type.CHECKLIST, Classification.Type.RADIO) and not self.options:
            raise BadInput(f"Classification {self.name!r} requires options")
        result: dict[str, Any] = {
            "type": self.class_type.value,
            "instructions": self.instructions,
            "name": self.name,
            "required": self.required,
            "options": [o.asdict() for o in self.options],
            "schemaNodeId": self.schema_id,
            "featureSchemaId": self.feature_schema_id,
            "attributes": None,
        }
        if self.class_type in (Classification.Type.RADIO, Classification.Type.CHECKLIST) and self.ui_mode:
            result["uiMode"] = self.ui_mode.value
        if not is_subclass:
            result["scope"] = (self.scope or Classification.Scope.GLOBAL).value
        return result

    def add_option(self, option: Option) -> None:
        if option.value in (o.value for o in self.options):
            raise BadInput(f"duplicate option {option.value!r} for classification {self.name!r}")
        if option.position is None:
            option.position = len(self.options)
        self.options.append(option)


@dataclass
class Tool:
    """A labelling tool (`Tool(tool=Tool.Type.BBOX, name="cat")`), with nested classifications."""

    class Type(enum.Enum):
        POLYGON = "polygon"
        SEGMENTATION = "superpixel"
        RASTER_SEGMENTATION = "raster-segmentation"
        POINT = "point"
        BBOX = "rectangle"
        BOUNDING_BOX = "rectangle"  # an alias of BBOX (the SDK's documentation uses both)
        LINE = "line"
        NER = "named-entity"
        RELATIONSHIP = "edge"
        MESSAGE_SINGLE_SELECTION = "message-single-selection"
        MESSAGE_MULTI_SELECTION = "message-multi-selection"
        MESSAGE_RANKING = "message-ranking"
        MARKER = "marker"

    tool: Tool.Type
    name: str
    required: bool = False
    color: str | None = None
    classifications: list[Classification] = field(default_factory=list)
    schema_id: str | None = None
    feature_schema_id: str | None = None

    def asdict(self) -> JSONObject:
        return {
            "tool": self.tool.value,
            "name": self.name,
            "required": self.required,
            "color": self.color,
            "classifications": [c.asdict(is_subclass=True) for c in self.classifications],
            "schemaNodeId": self.schema_id,
            "featureSchemaId": self.feature_schema_id,
            "attributes": None,
        }

    def add_classification(self, classification: Classification) -> None:
        if classification.name in (c.name for c in self.classifications):
            raise BadInput(f"duplicate nested classification {classification.name!r} for tool {self.name!r}")
        self.classifications.append(classification)


@dataclass
class OntologyBuilder:
    """Tools and classifications; `asdict()` is the normalized ontology (tools without a colour get one)."""

    tools: list[Tool] = field(default_factory=list)
    classifications: list[Classification] = field(default_factory=list)

    def asdict(self) -> JSONObject:
        for index, tool in enumerate(self.tools):
            if tool.color is None:
                red, green, blue = colorsys.hsv_to_rgb(index / len(self.tools), 1, 1)
                tool.color = f"#{int(255 * red):02x}{int(255 * green):02x}{int(255 * blue):02x}"
        return {
            "tools": [t.asdict() for t in self.tools],
            "classifications": [c.asdict() for c in self.classifications],
        }

    def add_tool(self, tool: Tool) -> None:
        if tool.name in (t.name for t in self.tools):
            raise BadInput(f"duplicate tool name {tool.name!r}")
        self.tools.append(tool)

    def add_classification(self, classification: Classification) -> None:
        if classification.name in (c.name for c in self.classifications):
            raise BadInput(f"duplicate classification name {classification.name!r}")
        self.classifications.append(classification)
