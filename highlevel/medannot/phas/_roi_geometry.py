"""Sampling-ROI geometry: validation, bounding box, translation and rasterisation.

A geometry is `{"type": "polygon", "data": [[x, y], ...]}` or `{"type": "trapezoid", "data": [[x0, y0, w0],
[x1, y1, w1]]}` (a centre line with half-widths). The arithmetic follows the server's own (dltrain.py) step by
step, so masks and tilings come out pixel-identical to the official client's.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from PIL import Image, ImageDraw

from medannot.errors import BadInput
from medannot_api.phas.models import SamplingRoi, SamplingRoiGeometry

Geometry = dict[str, Any]
GeometryInput = Mapping[str, object] | SamplingRoiGeometry | SamplingRoi
Point = tuple[float, float]


def as_geometry(geom: GeometryInput, name: str = "geometry") -> Geometry:
    """A validated copy. The server fails with 500 on what this refuses, so refusing it first is cheaper.
    Messages start with `name`, the argument the geometry came in."""
    try:
        return _as_geometry(geom)
    except BadInput as exc:
        raise BadInput(f"{name}: {exc}") from None


def _as_geometry(geom: GeometryInput) -> Geometry:
    if isinstance(geom, SamplingRoi):
        roi_id, text = geom.id, geom.json
        try:
            geom = json.loads(text)
        except ValueError:
            raise BadInput(f"sampling ROI {roi_id} carries a geometry that is not JSON") from None
    if isinstance(geom, SamplingRoiGeometry):
        geom = geom.to_dict()
    if not isinstance(geom, Mapping):
        raise BadInput(f"a geometry is a dict with 'type' and 'data', not {type(geom).__name__}")
    kind, data = geom.get("type"), geom.get("data")
    if kind not in ("polygon", "trapezoid"):
        raise BadInput(f"geometry type must be 'polygon' or 'trapezoid', not {kind!r}")
    width = 2 if kind == "polygon" else 3
    if not isinstance(data, (list, tuple)) or len(data) < 2 or (kind == "trapezoid" and len(data) != 2):
        raise BadInput(f"a {kind} needs {'two' if kind == 'trapezoid' else 'at least two'} points in 'data'")
    points = [_numbers(item, width, kind) for item in data]
    if kind == "trapezoid" and points[0][:2] == points[1][:2]:
        raise BadInput("the two centre points of a trapezoid must differ")
    return {"type": kind, "data": points}


def _numbers(item: object, width: int, kind: str) -> list[float]:
    if (
        not isinstance(item, (list, tuple))
        or len(item) != width
        or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in item)
    ):
        raise BadInput(f"each point of a {kind} is {width} finite numbers, not {item!r}")
    return list(item)


def bounding_box(geom: Geometry) -> tuple[float, float, float, float]:
    """(xmin, ymin, xmax, ymax), computed as the server computes it when it stores a ROI."""
    if geom["type"] == "polygon":
        xs = [p[0] for p in geom["data"]]
        ys = [p[1] for p in geom["data"]]
        return min(xs), min(ys), max(xs), max(ys)
    (x0, y0, w0), (x1, y1, w1) = geom["data"]
    nx, ny = y1 - y0, x0 - x1
    length = math.sqrt(nx * nx + ny * ny)
    nx, ny = nx / length, ny / length
    corners = [(x0 - w0 * nx, y0 - w0 * ny), (x0 + w0 * nx, y0 + w0 * ny),
               (x1 - w1 * nx, y1 - w1 * ny), (x1 + w1 * nx, y1 + w1 * ny)]  # fmt: skip
    return (min(c[0] for c in corners), min(c[1] for c in corners),
            max(c[0] for c in corners), max(c[1] for c in corners))  # fmt: skip


def _trapezoid_corners(x1: float, y1: float, w1: float, x2: float, y2: float, w2: float) -> list[Point]:
    """Both ends of the centre line, offset by the half-widths along its normal: [a+, a-, b+, b-]."""
    angle = math.atan2(y2 - y1, x2 - x1)
    u, v = math.cos(angle + math.pi / 2), math.sin(angle + math.pi / 2)
    return [
        (x1 + w1 * u, y1 + w1 * v),
        (x1 - w1 * u, y1 - w1 * v),
        (x2 + w2 * u, y2 + w2 * v),
        (x2 - w2 * u, y2 - w2 * v),
    ]


def outline(geom: Geometry) -> list[Point]:
    """The polygon that is drawn: the vertices, or the trapezoid's corners in drawing order."""
    if geom["type"] == "polygon":
        return [(p[0], p[1]) for p in geom["data"]]
    (x1, y1, w1), (x2, y2, w2) = geom["data"]
    a_plus, a_minus, b_plus, b_minus = _trapezoid_corners(x1, y1, w1, x2, y2, w2)
    return [a_plus, a_minus, b_minus, b_plus]


def translated(geom: Geometry, dx: float, dy: float) -> Geometry:
    """The geometry shifted by (dx, dy). A trapezoid is moved through its corners and rebuilt from them, as the
    server's spatial transform does (the same rounding keeps masks identical)."""
    if geom["type"] == "polygon":
        return {"type": "polygon", "data": [[p[0] + dx, p[1] + dy] for p in geom["data"]]}
    (x1, y1, w1), (x2, y2, w2) = geom["data"]
    (ax, ay), (bx, by), (cx, cy), (ex, ey) = ((x + dx, y + dy) for x, y in _trapezoid_corners(x1, y1, w1, x2, y2, w2))
    return {
        "type": "trapezoid",
        "data": [
            [(bx + ax) / 2.0, (by + ay) / 2.0, math.sqrt((bx - ax) ** 2 + (by - ay) ** 2) / 2.0],
            [(ex + cx) / 2.0, (ey + cy) / 2.0, math.sqrt((ex - cx) ** 2 + (ey - cy) ** 2) / 2.0],
        ],
    }


def draw(image: Image.Image, geom: Geometry, sx: float, sy: float, fill: int, outline_fill: int | None = None) -> None:
    """Rasterise the geometry scaled by (sx, sy) into an 'L' image."""
    ImageDraw.Draw(image).polygon([(x * sx, y * sy) for x, y in outline(geom)], fill=fill, outline=outline_fill)
