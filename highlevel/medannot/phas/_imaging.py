"""What the sampling-ROI patch extractor returns (numpy arrays and PIL images, so it needs the `imaging` extra),
and the array aliases the PHAS signatures name (`models.UInt8Array`...).

`medannot.phas.models` exports these names on first use, so `import medannot.phas` loads neither numpy nor PIL,
while `typing.get_type_hints()` on a method that names them loads this module and resolves them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, TypeAlias

from PIL.Image import Image

try:
    import numpy as np
    from numpy.typing import NDArray

    UInt8Array: TypeAlias = NDArray[np.uint8]
    Float64Array: TypeAlias = NDArray[np.float64]
    IntpArray: TypeAlias = NDArray[np.intp]
except ImportError:  # without the `imaging` extra these classes still import; only their hints need numpy
    pass


class TileSelection(NamedTuple):
    """`SamplingROIPatchExtractor.tiles()`: unpacks like the official `(indices, overlap)` pair."""

    indices: IntpArray  # N x 2, (column, row) of each tile that overlaps the ROI
    overlap: Float64Array  # fraction of each of those tiles covered by the ROI


@dataclass(frozen=True)
class TilePatch:
    """One tile of a sampling ROI, as `SamplingROIPatchExtractor.iter_patches()` yields it."""

    index: tuple[int, int]
    overlap: float
    image: Image  # RGB, the tile plus `padding` on every side
    mask: Image  # L, 255 where the unpadded tile overlaps the ROI
    origin: tuple[float, float]  # physical (mm) centre of the image's (0, 0) pixel
