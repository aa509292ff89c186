"""Tile plans for slide regions: which `/dzi/patch` requests make up a patch, and where each one goes.

The server reads a `w`x`h` region at `level` whose level-0 top-left corner is `ctr - int(size * 0.5 * ds)`;
its route takes integer centres only (digits, so no negative ones).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from medannot.errors import BadInput


@dataclass(frozen=True)
class PatchTile:
    """One patch request (`ctrx`, `ctry`: level-0 centre; `w`, `h`: pixels at the level) and the place
    (`x`, `y`) of its pixels in the assembled image."""

    ctrx: int
    ctry: int
    w: int
    h: int
    x: int
    y: int

    def extent(self, downsample: float) -> tuple[int, int, float, float]:
        """Level-0 box (x0, y0, x1, y1) the server reads for this tile."""
        x0 = self.ctrx - int(self.w * 0.5 * downsample)
        y0 = self.ctry - int(self.h * 0.5 * downsample)
        return x0, y0, x0 + self.w * downsample, y0 + self.h * downsample


def centred_tiles(center: Sequence[float], size: Sequence[int], downsample: float, tile_size: int) -> list[PatchTile]:
    """The split of the official `Slide.get_patch`, so results are pixel-identical to it: columns of
    `tile_size`, each tile's centre computed in floats and truncated towards zero as Werkzeug's int converter
    does when the official client builds the URL. `tile_size == 0` is one request for the whole patch."""
    width, height = size
    if tile_size == 0:
        return [PatchTile(int(center[0]), int(center[1]), width, height, 0, 0)]
    tiles = []
    for x in range(0, width, tile_size):
        w = min(width - x, tile_size)
        cx = center[0] + downsample * (x - 0.5 * (width - w))
        for y in range(0, height, tile_size):
            h = min(height - y, tile_size)
            cy = center[1] + downsample * (y - 0.5 * (height - h))
            tiles.append(PatchTile(int(cx), int(cy), w, h, x, y))
    return tiles


def region_tiles(location: Sequence[int], size: Sequence[int], downsample: float, tile_size: int) -> list[PatchTile]:
    """Tiles whose top-left corners fall exactly on `location + offset * downsample` (OpenSlide's read_region
    convention), with no rounding drift between tiles."""
    width, height = size
    step = tile_size or max(width, height)
    tiles = []
    for x in range(0, width, step):
        w = min(width - x, step)
        left = int(location[0] + x * downsample)
        for y in range(0, height, step):
            h = min(height - y, step)
            top = int(location[1] + y * downsample)
            tiles.append(PatchTile(left + int(w * 0.5 * downsample), top + int(h * 0.5 * downsample), w, h, x, y))
    return tiles


def check_tiles(tiles: Sequence[PatchTile], downsample: float, dimensions: Sequence[int]) -> None:
    """Refuse, before any request, what the server cannot serve: a negative centre (its route matches digits
    only) or a patch that does not touch the slide at all (it would be transparent pixels)."""
    if any(t.ctrx < 0 or t.ctry < 0 for t in tiles):
        raise BadInput("the patch (or one of its tiles) is centred left of or above the slide; PHAS cannot serve it")
    width, height = dimensions
    for tile in tiles:
        x0, y0, x1, y1 = tile.extent(downsample)
        if x0 < width and y0 < height and x1 > 0 and y1 > 0:
            return
    raise BadInput(f"the patch lies outside the slide ({width}x{height} pixels at level 0)")


def pair(value: object, name: str, *, positive: bool = False) -> tuple[int, int]:
    """Two integers (a tuple, list or array row), checked before any request."""
    try:
        first, second = (_integer(v) for v in _two(value))
    except (TypeError, ValueError):
        raise BadInput(f"{name} must be two integers, not {_shape(value)}") from None
    if positive and (first <= 0 or second <= 0):
        raise BadInput(f"{name} must be positive, not {(first, second)}")
    return first, second


def point(value: object, name: str) -> tuple[float, float]:
    """Two numbers (centres may be fractional: the server truncates them, as the official client's URLs do)."""
    try:
        first, second = (_number(v) for v in _two(value))
    except (TypeError, ValueError):
        raise BadInput(f"{name} must be two finite numbers, not {_shape(value)}") from None
    return first, second


def _two(value: object) -> list[object]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError
    items = list(value)
    if len(items) != 2:
        raise ValueError
    return items


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, numbers.Real)):
        raise TypeError
    number = value if isinstance(value, int) else float(value)
    if not math.isfinite(number):  # NaN or an infinity: no pixel, and int() of it fails
        raise ValueError
    return number


def _shape(value: object) -> str:
    """A wrong argument for a message: short sequences of numbers as they are, anything else by type."""
    if isinstance(value, (tuple, list)) and len(value) <= 4 and all(isinstance(v, (int, float)) for v in value):
        return repr(value)
    return type(value).__name__


def _integer(value: object) -> int:
    if isinstance(value, bool):
        raise TypeError
    if isinstance(value, int):
        return value
    if isinstance(value, numbers.Integral):  # numpy integers
        return int(value)
    raise TypeError
