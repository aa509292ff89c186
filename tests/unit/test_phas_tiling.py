"""Tile plans for slide patches: the official split, exact-corner regions, and checks before sending."""

from __future__ import annotations

import numpy as np
import pytest

from medannot.errors import BadInput
from medannot.phas._tiling import PatchTile, centred_tiles, check_tiles, pair, point, region_tiles


def official_split(center: tuple[float, float], size: tuple[int, int], ds: float, tile: int) -> list[tuple[int, ...]]:
    """The documented behaviour of phas.client.api.Slide.get_patch, in its own numpy arithmetic; URL building
    truncates the float centres with int()."""
    out = []
    for x in np.arange(0, size[0], tile):
        w = np.minimum(size[0] - x, tile)
        cx = center[0] + ds * (x - 0.5 * (size[0] - w))
        for y in np.arange(0, size[1], tile):
            h = np.minimum(size[1] - y, tile)
            cy = center[1] + ds * (y - 0.5 * (size[1] - h))
            out.append((int(cx), int(cy), int(w), int(h), int(x), int(y)))
    return out


@pytest.mark.parametrize(
    ("center", "size", "ds", "tile"),
    [((1024, 1024), (2048, 2048), 1.0, 512), ((1001, 777), (333, 517), 1.0, 128), ((1000, 1000), (301, 257), 4.0, 100),
     ((900.7, 1100.2), (255, 129), 4.000244, 64), ((5, 5), (7, 9), 16.0, 3), ((50, 50), (10, 10), 1.0, 1024)],
)  # fmt: skip
def test_centred_tiles_split_like_the_official_client(
    center: tuple[float, float], size: tuple[int, int], ds: float, tile: int
) -> None:
    tiles = centred_tiles(center, size, ds, tile)
    assert [(t.ctrx, t.ctry, t.w, t.h, t.x, t.y) for t in tiles] == official_split(center, size, ds, tile)


def test_centred_tiles_cover_the_patch_once() -> None:
    tiles = centred_tiles((4000, 3000), (1000, 700), 4.0, 256)
    covered = np.zeros((700, 1000), dtype=int)
    for t in tiles:
        covered[t.y : t.y + t.h, t.x : t.x + t.w] += 1
    assert (covered == 1).all()
    assert [(t.x, t.y) for t in tiles[:3]] == [(0, 0), (0, 256), (0, 512)]  # columns first, like the official


def test_tile_size_zero_is_one_request_with_truncated_centre() -> None:
    assert centred_tiles((10.9, 20.2), (30, 40), 1.0, 0) == [PatchTile(10, 20, 30, 40, 0, 0)]


def test_region_tiles_start_exactly_at_the_location() -> None:
    for ds in (1.0, 4.0, 16.0):
        for tile in region_tiles((301, 517), (333, 257), ds, 100):
            x0, y0, _, _ = tile.extent(ds)
            assert (x0, y0) == (int(301 + tile.x * ds), int(517 + tile.y * ds))
    assert len(region_tiles((0, 0), (333, 257), 1.0, 0)) == 1


def test_extent_is_what_the_server_reads() -> None:
    assert PatchTile(100, 200, 51, 20, 0, 0).extent(1.0) == (75, 190, 126.0, 210.0)
    assert PatchTile(100, 200, 50, 20, 0, 0).extent(4.0) == (0, 160, 200.0, 240.0)


def test_check_tiles_refuses_what_cannot_be_served() -> None:
    check_tiles(centred_tiles((10, 10), (64, 64), 1.0, 0), 1.0, (100, 100))  # partly outside is fine
    with pytest.raises(BadInput, match="outside the slide"):
        check_tiles(centred_tiles((200, 50), (64, 64), 1.0, 0), 1.0, (100, 100))
    with pytest.raises(BadInput, match="outside the slide"):
        check_tiles(centred_tiles((50, 150), (20, 20), 1.0, 0), 1.0, (100, 100))
    with pytest.raises(BadInput, match="centred left of or above"):
        check_tiles(centred_tiles((100, 100), (1024, 1024), 1.0, 256), 1.0, (2048, 2048))


def test_pair_and_point() -> None:
    assert pair((3, np.int64(4)), "size", positive=True) == (3, 4)
    assert pair(np.array([5, 6]), "size") == (5, 6)
    assert point((1.5, np.float64(2)), "center") == (1.5, 2.0)
    for bad in [(1,), (1, 2, 3), "ab", 5, (1.5, 2), (True, 2), None]:
        with pytest.raises(BadInput):
            pair(bad, "size")
    with pytest.raises(BadInput, match="positive"):
        pair((0, 3), "size", positive=True)
    for bad in [("1", 2), (1,), None, (False, 1)]:
        with pytest.raises(BadInput):
            point(bad, "center")
