"""Decode image bytes or files into the objects users work with: PIL, numpy, nibabel, pydicom.

numpy, nibabel and pydicom come with the `imaging` extra and are imported only when asked for.
"""

from __future__ import annotations

import gzip
import importlib
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Union

from medannot.errors import BadInput

if TYPE_CHECKING:
    from PIL.Image import Image

ImageSource = Union[bytes, str, "os.PathLike[str]", BinaryIO]


def require(module: str) -> Any:
    """Import an `imaging` extra module, or say how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(f"{module} is needed for this; install it with: pip install 'medannot[imaging]'") from exc


def _read_bytes(src: ImageSource) -> bytes:
    if isinstance(src, (bytes, bytearray, memoryview)):
        return bytes(src)
    if isinstance(src, (str, os.PathLike)):
        path = Path(src)
        if not path.is_file():
            raise BadInput(f"image {str(path)!r} does not exist")
        return path.read_bytes()
    return src.read()


def to_pil(src: ImageSource) -> Image:
    """A PIL image (PNG, JPEG, TIFF, ...), fully loaded."""
    from PIL import Image as PILImage

    if isinstance(src, (str, os.PathLike)) and not Path(src).is_file():
        raise BadInput(f"image {str(src)!r} does not exist")
    fp = io.BytesIO(src) if isinstance(src, (bytes, bytearray, memoryview)) else src
    image = PILImage.open(fp)
    image.load()
    return image


def to_nifti(src: ImageSource) -> Any:
    """A nibabel image with its data in memory (gzip-compressed or not)."""
    nibabel = require("nibabel")
    if isinstance(src, (str, os.PathLike)):
        if not Path(src).is_file():
            raise BadInput(f"image {str(src)!r} does not exist")
        return nibabel.load(os.fspath(src))
    data = _read_bytes(src)
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return nibabel.Nifti1Image.from_bytes(data)


def to_dicom(src: ImageSource) -> Any:
    """A pydicom dataset."""
    pydicom = require("pydicom")
    fp = io.BytesIO(src) if isinstance(src, (bytes, bytearray, memoryview)) else src
    if isinstance(fp, (str, os.PathLike)) and not Path(fp).is_file():
        raise BadInput(f"image {str(fp)!r} does not exist")
    return pydicom.dcmread(fp)


def to_numpy(src: ImageSource) -> Any:
    """A numpy array: NIfTI voxels, DICOM pixels, or the pixels of any PIL-readable image."""
    numpy = require("numpy")
    head = _peek(src, 352)
    name = os.fspath(src) if isinstance(src, (str, os.PathLike)) else ""
    if name.endswith((".nii", ".nii.gz")) or _looks_like_nifti(head):
        return numpy.asanyarray(to_nifti(src).dataobj)
    if head[128:132] == b"DICM" or name.endswith(".dcm"):
        return to_dicom(src).pixel_array
    return numpy.asarray(to_pil(src))


def _peek(src: ImageSource, n: int) -> bytes:
    if isinstance(src, (bytes, bytearray, memoryview)):
        return bytes(src[:n])
    if isinstance(src, (str, os.PathLike)):
        if not Path(src).is_file():
            raise BadInput(f"image {str(src)!r} does not exist")
        with open(src, "rb") as fh:
            return fh.read(n)
    pos = src.tell()
    head = src.read(n)
    src.seek(pos)
    return head


def _looks_like_nifti(head: bytes) -> bool:
    if head[:2] == b"\x1f\x8b":
        try:
            head = gzip.GzipFile(fileobj=io.BytesIO(head)).read(348)
        except (OSError, EOFError):
            return True  # gzip too short to tell; NIfTI is the gzip format these platforms use
    return len(head) >= 348 and head[344:348] in (b"n+1\x00", b"ni1\x00")


def check_image(
    image: Image, what: str, *, size: tuple[int, int] | None = None, modes: tuple[str, ...] | None = None
) -> Image:
    """`image` itself when it has the `size` (width, height) and one of the `modes` a server promised;
    `ResponseSchemaError` naming `what` otherwise (a 1x1 tile pasted into a 512-pixel grid would leave the rest
    transparent without a word)."""
    from medannot.errors import ResponseSchemaError

    if size is not None and tuple(image.size) != tuple(size):
        raise ResponseSchemaError(
            f"{what} is {image.size[0]}x{image.size[1]} pixels, not the {size[0]}x{size[1]} asked"
        )
    if modes is not None and image.mode not in modes:
        raise ResponseSchemaError(f"{what} has mode {image.mode!r}, not {' or '.join(map(repr, modes))}")
    return image
