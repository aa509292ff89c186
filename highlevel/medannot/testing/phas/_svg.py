"""SVG rendering of a paper.js annotation, in the shape svgwrite gives the server's extract_svg.

Paths become cubic Bézier curves through their segments and markers become text; a document scaled to
`max_dim` scales strokes and the font size with it. The server's "strip" drawing (strip_width > 0) is
not emulated: paths are always drawn as curves.
"""

from __future__ import annotations

import itertools
import re
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from medannot.testing.phas._geometry import layer_children

_HEAD = (
    '<svg baseProfile="full" height="{h}" version="1.1" width="{w}" xmlns="http://www.w3.org/2000/svg" '
    'xmlns:ev="http://www.w3.org/2001/xml-events" xmlns:xlink="http://www.w3.org/1999/xlink"><defs />'
)


def _numbers(segment: Any) -> bool:
    """A segment the server draws: [point, handle-in, handle-out], each a pair of numbers."""
    try:
        return all(isinstance(v, (int, float)) and not isinstance(v, bool) for p in segment for v in p)
    except TypeError:
        return False


def _path(segments: list[Any], scale: float) -> str:
    """paper.js segments as SVG: M to the first point, then one relative cubic per pair of segments."""
    commands = [f"M{segments[0][0][0] * scale:f},{segments[0][0][1] * scale:f}"]
    for previous, current in itertools.pairwise(segments):
        dx = (current[0][0] - previous[0][0]) * scale
        dy = (current[0][1] - previous[0][1]) * scale
        out_x, out_y = previous[2][0] * scale, previous[2][1] * scale
        in_x, in_y = current[1][0] * scale, current[1][1] * scale
        commands.append(f"c{out_x:f},{out_y:f} {dx + in_x:f},{dy + in_y:f} {dx:f},{dy:f}")
    return "".join(commands)


def render_svg(
    document: Any | None,
    dims: list[int],
    *,
    stroke_width: int,
    font_size: str,
    font_color: str,
    max_dim: int | None,
) -> str:
    scale = 1.0
    width, height = dims
    if max_dim is not None:
        scale = max_dim / max(width, height)
        width, height = int(width * scale), int(height * scale)
        stroke_width = max(int(stroke_width * scale), 1)
        match = re.match(r"([0-9.]+)([a-z%]*)", font_size)
        if match:
            font_size = f"{int(float(match.group(1)) * scale + 0.5)}{match.group(2)}"
    parts = [_HEAD.format(w=width, h=height)]
    for item in layer_children(document) if document is not None else []:
        kind, props = item[0], item[1]
        if kind == "Path":
            segments = props.get("segments", [])
            if segments and all(_numbers(s) and len(s) == 3 for s in segments):
                parts.append(
                    f'<path d="{_path(segments, scale)}" fill="none" stroke="#000" stroke-width="{stroke_width}" />'
                )
        elif kind == "PointText":
            x, y = props["matrix"][4] * scale, props["matrix"][5] * scale
            parts.append(
                f"<text fill={quoteattr(font_color)} font-size={quoteattr(font_size)} stroke={quoteattr(font_color)} "
                f'x="{x!r}" y="{y!r}">{escape(str(props.get("content", "")))}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
