"""The emulated app's computations, the same as the test app the real server runs
(tools/servers/monailabel_app): infer `threshold` labels voxels above the volume's mean; scoring `sum` and
`dice` read labels.

numpy and nibabel (the `imaging` extra) are imported on first use: the rest of the emulator works without.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from medannot.testing.monailabel.errors import ServerFault


def _load(path: Path | str) -> Any:
    import nibabel

    try:
        return nibabel.load(str(path))
    except Exception as error:  # a missing or non-NIfTI file: the real task raises inside the server
        raise ServerFault(f"cannot read {Path(path).name}: {error}") from error


def threshold(image: Path | str, into: Path) -> tuple[Path, dict[str, Any]]:
    """Label = (volume > mean) as uint8 with the image's affine, written to `into` as threshold-*.nii.gz."""
    import nibabel
    import numpy

    volume = _load(image)
    data = numpy.asanyarray(volume.dataobj, dtype=numpy.float64)
    mean = float(data.mean())
    label = (data > mean).astype(numpy.uint8)
    fd, name = tempfile.mkstemp(suffix=".nii.gz", prefix="threshold-", dir=into)
    os.close(fd)
    nibabel.save(nibabel.Nifti1Image(label, volume.affine), name)  # type: ignore[no-untyped-call]
    return Path(name), {"threshold": mean, "foreground": int(label.sum())}


def label_sum(label: Path) -> dict[str, int]:
    """Scoring `sum`: the label's voxel sum and how many first-axis slices have foreground."""
    import numpy

    data = numpy.asanyarray(_load(label).dataobj)
    slices = sum(1 for i in range(data.shape[0]) if numpy.sum(data[i] > 0))
    return {"sum": int(numpy.sum(data)), "slices": slices}


def dice(y: Path, y_pred: Path) -> float:
    """Scoring `dice` between a final label and a predicted one (1 when both are empty)."""
    import numpy

    a = numpy.asanyarray(_load(y).dataobj).flatten()
    b = numpy.asanyarray(_load(y_pred).dataobj).flatten()
    union = numpy.sum(a) + numpy.sum(b)
    return float(2.0 * numpy.sum(a * b) / union) if union != 0 else 1.0
