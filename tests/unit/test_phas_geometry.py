"""Sampling-ROI geometry: validation, bounding boxes, translation, rasterisation."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from PIL import Image

from medannot.errors import BadInput
from medannot.phas._roi_geometry import as_geometry, bounding_box, draw, outline, translated
from medannot_api.phas.models import SamplingRoi, SamplingRoiGeometry

POLYGON = {"type": "polygon", "data": [[10, 20], [50, 25], [40, 60]]}
TRAPEZOID = {"type": "trapezoid", "data": [[0.0, 0.0, 10.0], [0.0, 100.0, 5.0]]}


def test_accepts_dicts_generated_models_and_stored_rois() -> None:
    assert as_geometry(POLYGON) == POLYGON
    assert as_geometry(SamplingRoiGeometry.from_dict(TRAPEZOID)) == TRAPEZOID
    roi = SamplingRoi(1, 0, 0, 1, 1, json.dumps(POLYGON), 1, 1, 1, 1, None, None, None, None, None)
    assert as_geometry(roi) == POLYGON


@pytest.mark.parametrize(
    "geom",
    [None, [], {"type": "circle", "data": [[0, 0], [1, 1]]}, {"type": "polygon", "data": [[0, 0]]},
     {"type": "polygon", "data": [[0, 0], [1, 1, 1]]}, {"type": "polygon", "data": [[0, 0], [1, float("inf")]]},
     {"type": "polygon", "data": [[0, 0], [True, 1]]}, {"type": "trapezoid", "data": [[0, 0], [1, 1]]},
     {"type": "trapezoid", "data": [[0, 0, 1], [0, 0, 3]]}, {"type": "polygon", "data": "0,0 1,1"}],
)  # fmt: skip
def test_refuses_what_the_server_would_fail_on(geom: object) -> None:
    with pytest.raises(BadInput):
        as_geometry(geom)  # type: ignore[arg-type]


def test_bounding_boxes() -> None:
    assert bounding_box(as_geometry(POLYGON)) == (10, 20, 50, 60)
    x0, y0, x1, y1 = bounding_box(as_geometry(TRAPEZOID))
    assert (x0, y0, x1, y1) == pytest.approx((-10, 0, 10, 100))


def test_trapezoid_outline_and_translation() -> None:
    corners = outline(as_geometry(TRAPEZOID))
    assert [v for corner in corners for v in corner] == pytest.approx([-10, 0, 10, 0, 5, 100, -5, 100])
    moved = translated(as_geometry(TRAPEZOID), 7, -3)
    assert moved["type"] == "trapezoid"
    assert [v for point in moved["data"] for v in point] == pytest.approx([7, -3, 10, 7, 97, 5])
    assert translated(as_geometry(POLYGON), 1, 2)["data"] == [[11, 22], [51, 27], [41, 62]]


def test_draw_scales_and_fills() -> None:
    image = Image.new("L", (10, 10))
    draw(image, {"type": "polygon", "data": [[0, 0], [40, 0], [40, 40], [0, 40]]}, 0.125, 0.125, 255)
    pixels = np.asarray(image)
    assert pixels[:6, :6].min() == 255 and pixels[6:, :].max() == 0
    diagonal = Image.new("L", (100, 100))
    draw(diagonal, as_geometry({"type": "trapezoid", "data": [[10, 10, 5], [90, 90, 5]]}), 1, 1, 7)
    inside = np.asarray(diagonal) == 7
    assert inside[50, 50] and not inside[10, 90]
    assert inside.sum() == pytest.approx(10 * 80 * math.sqrt(2), rel=0.1)
