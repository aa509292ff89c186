"""Coordinates of annotations and sampling ROIs, computed as the server computes them.

The server stores geometry in level-0 pixels and converts on the way in and out: `resolution` x16 scales by
16, `mode` affine applies the slide's affine file (the test slides have none: identity). Values come back as
floats, because the server passes them through numpy.
"""

from __future__ import annotations

import copy
import math
from typing import Any

from PIL import Image, ImageDraw

from medannot.testing.phas.errors import ServerFault

Box = tuple[float, float, float, float]


def scale_of(resolution: str) -> float:
    """Level-0 pixels per unit of the requested coordinate space."""
    return 16.0 if resolution == "x16" else 1.0


def layer_children(document: Any) -> list[Any]:
    """The items of the first layer (`data[0][1]["children"]`), where the server counts and draws."""
    try:
        layer = document[0][1]
        return list(layer["children"]) if "children" in layer else []
    except (KeyError, IndexError, TypeError) as error:  # the server fails on these documents
        raise ServerFault(f"unreadable annotation: {error!r}") from error


def transform_annotation(document: Any, scale: float) -> tuple[Any, int, int]:
    """A scaled copy of a paper.js document with its (paths, markers) counts, like transform_annot."""
    result = copy.deepcopy(document)
    paths = markers = 0
    for item in layer_children(result):
        if item[0] == "Path":
            paths += 1
            try:
                segments = item[1]["segments"]
            except (KeyError, IndexError, TypeError) as error:
                raise ServerFault(f"a path without segments: {error!r}") from error
            for segment in segments:
                for k, point in enumerate(segment):
                    try:  # the server skips points it cannot multiply
                        segment[k] = [scale * float(point[0]), scale * float(point[1])]
                    except (TypeError, ValueError, IndexError):
                        continue
        elif item[0] == "PointText":
            markers += 1
            try:
                matrix = item[1]["matrix"]
                matrix[4:6] = [scale * float(matrix[4]), scale * float(matrix[5])]
            except (KeyError, IndexError, TypeError, ValueError) as error:
                raise ServerFault(f"a marker without a matrix: {error!r}") from error
    return result, paths, markers


def _trapezoid_corners(data: list[list[float]]) -> list[tuple[float, float]]:
    """The four corners of a centre line (x1, y1) -> (x2, y2) with half-widths w1, w2.

    The client (medannot.phas._roi_geometry) has the same maths; the emulator keeps its own copy on purpose,
    so a mistake in one cannot hide itself in the other (the real-server contract run checks both)."""
    (x1, y1, w1), (x2, y2, w2) = data
    angle = math.atan2(y2 - y1, x2 - x1)
    u, v = math.cos(angle + math.pi / 2), math.sin(angle + math.pi / 2)
    return [
        (x1 + w1 * u, y1 + w1 * v),
        (x1 - w1 * u, y1 - w1 * v),
        (x2 + w2 * u, y2 + w2 * v),
        (x2 - w2 * u, y2 - w2 * v),
    ]


def transform_roi(geometry: dict[str, Any], scale: float) -> dict[str, Any]:
    """A scaled copy of a sampling-ROI geometry; a trapezoid is rebuilt from its transformed corners."""
    result = dict(geometry)
    data = geometry["data"]
    shape = [3, 3] if geometry["type"] == "trapezoid" else [2] * len(data)
    if [len(point) for point in data] != shape:  # numpy fails on these in the server
        raise ServerFault(f"invalid {geometry['type']} data: {data!r}")
    if geometry["type"] == "trapezoid":
        (ax, ay), (bx, by), (cx, cy), (dx, dy) = [(scale * x, scale * y) for x, y in _trapezoid_corners(data)]
        result["data"] = [
            [(bx + ax) / 2.0, (by + ay) / 2.0, math.sqrt((bx - ax) ** 2 + (by - ay) ** 2) / 2.0],
            [(dx + cx) / 2.0, (dy + cy) / 2.0, math.sqrt((dx - cx) ** 2 + (dy - cy) ** 2) / 2.0],
        ]
    else:
        result["data"] = [[scale * float(x), scale * float(y)] for x, y in data]
    return result


def roi_box(geometry: dict[str, Any]) -> Box:
    """Bounding box of a sampling ROI (the trapezoid's widths are taken along the normal of its centre line)."""
    data = geometry["data"]
    if geometry["type"] == "polygon":
        xs, ys = [float(p[0]) for p in data], [float(p[1]) for p in data]
        return min(xs), min(ys), max(xs), max(ys)
    (x0, y0, _), (x1, y1, _) = data
    length = math.sqrt((y1 - y0) ** 2 + (x0 - x1) ** 2)
    if length == 0:
        raise ServerFault("a trapezoid whose centre line has no length")
    nx, ny = (y1 - y0) / length, (x0 - x1) / length
    corners = [(x - w * nx, y - w * ny) for x, y, w in data] + [(x + w * nx, y + w * ny) for x, y, w in data]
    return (
        min(c[0] for c in corners),
        min(c[1] for c in corners),
        max(c[0] for c in corners),
        max(c[1] for c in corners),
    )


def draw_roi(image: Image.Image, geometry: dict[str, Any], sx: float, sy: float, fill: int) -> None:
    """Fill the ROI into a label image whose pixels are (sx, sy) times level-0 pixels."""
    if geometry["type"] == "trapezoid":
        a, b, c, d = _trapezoid_corners(geometry["data"])
        outline = [a, b, d, c]
    else:
        outline = [(float(p[0]), float(p[1])) for p in geometry["data"]]
    ImageDraw.Draw(image).polygon([(x * sx, y * sy) for x, y in outline], fill=fill)
