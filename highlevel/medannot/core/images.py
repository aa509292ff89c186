"""Decode image bytes or files into the objects users work with: PIL, numpy, nibabel, pydicom.

numpy, nibabel and pydicom come with the `imaging` extra and are imported only when asked for.
"""

from __future__ import annotations

import gzip
import importlib
import io
import os
import struct
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, Union

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
    """A nibabel image with its data in memory (gzip-compressed or not; NIfTI-1 or NIfTI-2). `BadInput` for a
    missing file or bytes that hold no NIfTI header."""
    nibabel = require("nibabel")
    if isinstance(src, (str, os.PathLike)):
        if not Path(src).is_file():
            raise BadInput(f"image {str(src)!r} does not exist")
        return nibabel.load(os.fspath(src))
    image = nifti_from_bytes(_read_bytes(src))
    if image is None:
        raise BadInput("the image's bytes hold no NIfTI-1 or NIfTI-2 header")
    return image


def nifti_version(head: bytes) -> Literal[1, 2] | None:
    """1 or 2 when `head` (uncompressed) starts a NIfTI-1 or NIfTI-2 header, in either byte order, of a single
    file (`n+1`, `n+2`) or of a header/image pair (`ni1`, `ni2`); None otherwise."""
    if len(head) < 348:
        return None
    for order in "<>":
        size = struct.unpack(order + "i", head[:4])[0]
        if size == 348 and head[344:347] in (b"n+1", b"ni1"):
            return 1
        if size == 540 and head[4:7] in (b"n+2", b"ni2"):
            return 2
    return None


def nifti_from_bytes(data: bytes) -> Any:
    """A nibabel image from a NIfTI file's bytes (gzipped or not): a `Nifti1Image`, or for NIfTI-2 a
    `Nifti2Image` (nibabel's subclass of it); None when the bytes hold no NIfTI header."""
    raw = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
    version = nifti_version(raw)
    if version is None:
        return None
    nibabel = require("nibabel")
    return (nibabel.Nifti1Image if version == 1 else nibabel.Nifti2Image).from_bytes(raw)


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
    return nifti_version(head) is not None


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
