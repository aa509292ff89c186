"""Format converters for `medannot copy` (`CONVERTERS[(from_format, to_format)]`), each `convert(path, into_dir,
context) -> path`, written into `into_dir` (the copy's staging folder) and never in place.

- ("mha" | "mhd" | "nrrd", "nifti"): SimpleITK (the `convert` extra) reads the ITK image (Grand Challenge's MHA
  among them) and writes NIfTI: voxels as they are (same type), geometry as the header gives it (origin, spacing
  and direction become the NIfTI affine; ITK's LPS is turned into NIfTI's RAS by ITK itself).

Heavy imports happen inside the converters, when a part needs one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any


def itk_to_nifti(path: Path, into: Path, context: Mapping[str, Any]) -> Path:
    """An ITK image file (.mha, .mhd with its data file, .nrrd) -> `<into>/<stem>.nii.gz`, voxel for voxel."""
    from medannot.cli._errors import Unsupported

    try:
        import SimpleITK as sitk
    except ImportError:
        raise Unsupported(
            f"{path.name}: converting to NIfTI needs SimpleITK (pip install 'medannot[convert]')"
        ) from None
    from medannot.cli._platforms.local import split_name

    stem = split_name(path.name)[0]
    target = into / f"{stem}.nii.gz"
    if target == path:
        target = into / f"{stem}.converted.nii.gz"
    image = sitk.ReadImage(str(path))
    sitk.WriteImage(image, str(target), True)
    return target


def register(table: dict[tuple[str, str], Callable[[Path, Path, Mapping[str, Any]], Path]]) -> None:
    for source in ("mha", "mhd", "nrrd"):
        table.setdefault((source, "nifti"), itk_to_nifti)
