"""What the Datamint clients share besides I/O: auth, content sniffing and decoding, DICOM preparation
(laterality, anonymisation, series assembly, all on disk and one file at a time), patient coordinates, and
frame segmentation masks. Nothing here sends a request; numpy, pydicom, nibabel and PIL load when used.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import io
import json
import os
import struct
import tempfile
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO, Literal, TypeVar, Union

import httpx

from medannot.core.images import nifti_from_bytes, nifti_version
from medannot.core.redact import Secret
from medannot.core.response import parse_all, parse_json
from medannot.errors import BadInput, ResponseSchemaError

if TYPE_CHECKING:
    import numpy.typing as npt

DEFAULT_URL = "https://api.datamint.io"
PAGE_LIMIT = 5000  # the service's largest page
DELETE_BATCH = 200  # ids per bulk delete, as the SDK sends them
NIFTI_MIME = "application/nifti"
DICOM_MIME = "application/dicom"
OCTET = "application/octet-stream"
NOT_INBOX = "must be in inbox status"
T = TypeVar("T")

UploadSource = Union[str, "os.PathLike[str]", BinaryIO]
MungFilename = Sequence[int] | Literal["all"] | None


class ApiKeyAuth(httpx.Auth):
    """Datamint's key in the `apikey` header (what every route of the service reads)."""

    def __init__(self, key: Secret) -> None:
        self._key = key

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["apikey"] = self._key.value
        yield request

    def __repr__(self) -> str:
        return "ApiKeyAuth(***)"


async def arun_blocking(fn: Callable[..., T], *args: object) -> T:
    """Run blocking file work (DICOM reading, anonymising, assembling, decoding) on a worker thread, so the
    event loop keeps serving the other transfers; the sync twin (`run_blocking`) calls it in place."""
    import functools

    import anyio.to_thread

    return await anyio.to_thread.run_sync(functools.partial(fn, *args))


def run_blocking(fn: Callable[..., T], *args: object) -> T:
    """The sync twin of `arun_blocking`: the work is done in the caller's thread."""
    return fn(*args)


# -- sniffing ------------------------------------------------------------------------------------------------

_IMAGE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"BM", "image/bmp"),
)
HEAD = 1024  # bytes read to sniff a file's kind


def is_dicom_head(head: bytes) -> bool:
    """A DICOM Part 10 file: "DICM" after the 128-byte preamble, whatever the preamble holds (pydicom's own test
    files carry a TIFF header there, which content sniffers mistake for a TIFF)."""
    return len(head) >= 132 and head[128:132] == b"DICM"


def sniff(head: bytes, name: str = "") -> str | None:
    """The media type of a file from its first bytes (`HEAD` of them), or None when they do not tell."""
    if is_dicom_head(head):
        return DICOM_MIME
    if head[:2] == b"\x1f\x8b":
        try:
            inner = gzip.GzipFile(fileobj=io.BytesIO(head)).read(352)
        except (OSError, EOFError):
            inner = b""
        if nifti_version(inner) or name.lower().endswith(".nii.gz"):
            return NIFTI_MIME
        return "application/gzip"
    if nifti_version(head):
        return NIFTI_MIME
    for magic, mime in _IMAGE_MAGIC:
        if head.startswith(magic):
            return mime
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp":
        return "video/mp4"
    if head[:4] == b"\x1aE\xdf\xa3":
        return "video/webm"
    if head[:4] == b"RIFF" and head[8:11] == b"AVI":
        return "video/x-msvideo"
    stripped = head.lstrip()
    if stripped[:1] in (b"{", b"["):
        return "application/json"
    return None


def guess_mimetype(head: bytes, name: str) -> str:
    """Content first (DICOM, NIfTI, images, videos, JSON), then the file name, else octet-stream."""
    found = sniff(head, name)
    if found is not None and found != "application/gzip":
        return found
    from medannot.core.mime import content_type

    by_name = content_type(name)
    if by_name in ("application/x-nifti", "application/gzip") and name.lower().endswith((".nii", ".nii.gz")):
        return NIFTI_MIME
    return by_name if by_name != OCTET or found is None else found


def peek(stream: IO[bytes], n: int = HEAD) -> bytes:
    """The next `n` bytes of a seekable stream, which is left where it was."""
    start = stream.tell()
    try:
        return stream.read(n)
    finally:
        stream.seek(start)


def extension_of(mimetype: str) -> str:
    """The usual file extension of a media type (`.dcm`, `.nii.gz`, `.png`, ...), or "" when there is none."""
    table = {
        DICOM_MIME: ".dcm",
        NIFTI_MIME: ".nii.gz",
        "application/json": ".json",
        "application/gzip": ".gz",
        "image/png": ".png",
        "image/jpeg": ".jpg",
        "image/gif": ".gif",
        "image/tiff": ".tif",
        "image/bmp": ".bmp",
        "image/webp": ".webp",
        "video/mp4": ".mp4",
        "video/webm": ".webm",
        "video/x-msvideo": ".avi",
    }
    return table.get(mimetype, "")


# -- decoding ------------------------------------------------------------------------------------------------


def decode(source: bytes | Path, declared: str | None = None) -> Any:
    """A downloaded file as the object its content says (sniffed, the declared media type only as a fallback):
    DICOM -> `pydicom.Dataset`, image -> `PIL.Image.Image` (loaded), NIfTI -> `nibabel.Nifti1Image` (NIfTI-2:
    its subclass `Nifti2Image`), JSON -> its value, anything else (videos included) -> the bytes. A file that
    claims a kind and fails to decode as it is a `ResponseSchemaError`."""
    head = source[:HEAD] if isinstance(source, bytes) else _head_of(source)
    name = "" if isinstance(source, bytes) else source.name
    kind = sniff(head, name)
    if kind is None or kind == "application/gzip":
        kind = (declared or OCTET).split(";")[0].strip().lower()
    try:
        if kind.endswith("/dicom"):
            import pydicom

            return pydicom.dcmread(io.BytesIO(source) if isinstance(source, bytes) else source, force=True)
        if kind.startswith("image/"):
            from PIL import Image

            image = Image.open(io.BytesIO(source) if isinstance(source, bytes) else source)
            image.load()
            return image
        if kind.endswith("nifti") or kind == "application/x-nifti":
            if isinstance(source, Path):
                import nibabel

                return nibabel.load(source)
            image = nifti_from_bytes(source)
            if image is None:
                raise ValueError("no NIfTI-1 or NIfTI-2 header")
            return image
        if kind == "application/json":
            raw = source if isinstance(source, bytes) else source.read_bytes()
            value: object = json.loads(raw)
            return value
    except ImportError:
        raise
    except Exception as exc:
        raise ResponseSchemaError(f"the file looks like {kind} but does not decode as one: {exc}") from exc
    return source if isinstance(source, bytes) else source.read_bytes()


def _head_of(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(HEAD)


# -- file inputs ---------------------------------------------------------------------------------------------


def expand_inputs(files_path: object) -> tuple[list[UploadSource], bool]:
    """The files of `upload_resources(files_path)` and whether several were given (a list, or a directory, whose
    regular files are taken in name order)."""
    if isinstance(files_path, (str, os.PathLike)):
        path = Path(os.fspath(files_path))
        if path.is_dir():
            return [p for p in sorted(path.iterdir()) if p.is_file()], True
        return [files_path], False
    if hasattr(files_path, "read"):
        return [files_path], False  # type: ignore[list-item]
    if isinstance(files_path, (bytes, bytearray)):
        raise BadInput("files_path must be a path, a binary file object or a list of them, not bytes")
    if isinstance(files_path, (Iterator, Sequence)):
        items = list(files_path)
        if not items:
            raise BadInput("files_path is an empty list: nothing to upload")
        return items, True
    raise BadInput(
        f"files_path must be a path, a binary file object or a list of them, not {type(files_path).__name__}"
    )


def local_name(source: UploadSource) -> str | None:
    """The path a source has on this machine (None for a nameless file object)."""
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) and name else None


def munged_name(path: str, mung_filename: MungFilename) -> str:
    """The resource's file name: the base name, or with `mung_filename` folders of the path joined by `_`
    (`"all"`: every part; a list of 1-based folder positions: those folders, then the base name)."""
    parts = [p for p in Path(os.path.normpath(path)).parts if p not in (os.sep, "/", "\\")]
    parts = [p for p in parts if not (len(p) == 3 and p.endswith(":\\"))]
    if mung_filename is None or not parts:
        return os.path.basename(path)
    if mung_filename == "all":
        return "_".join(p if p != ".." else "_" for p in parts)
    folders = parts[:-1]
    picked = [folders[i - 1] for i in mung_filename if 1 <= i <= len(folders)]
    return "_".join([*picked, parts[-1]])


# -- DICOM ---------------------------------------------------------------------------------------------------


def read_header(source: str | os.PathLike[str] | IO[bytes]) -> Any:
    """The DICOM header (no pixel data read), or None when `source` is not a DICOM file."""
    import pydicom
    from pydicom.errors import InvalidDicomError

    try:
        if hasattr(source, "read"):
            stream: Any = source
            start = stream.tell()
            try:
                return pydicom.dcmread(stream, stop_before_pixels=True)
            finally:
                stream.seek(start)
        return pydicom.dcmread(os.fspath(source), stop_before_pixels=True)
    except (InvalidDicomError, OSError, ValueError, EOFError):
        return None


def laterality_tags(header: Any) -> list[str]:
    """ "left"/"right" from a DICOM's (Image)Laterality, as the SDK tags uploads."""
    value = str(getattr(header, "ImageLaterality", "") or getattr(header, "Laterality", "") or "").upper()
    return {"L": ["left"], "R": ["right"]}.get(value, [])


def anonymize_to(source: str | os.PathLike[str] | IO[bytes], target: Path, retain: Sequence[Any]) -> None:
    """Write a de-identified copy of one DICOM file to `target` with dicognito (the `anonymize` extra); the
    tags in `retain` (`(group, element)` tuples or keywords) keep their values. Large elements (pixel data)
    are read from the source when written, one file at a time."""
    try:
        from dicognito.anonymizer import Anonymizer
    except ImportError as exc:
        raise ImportError("anonymize=True needs dicognito: pip install 'medannot[anonymize]'") from exc
    import pydicom
    from pydicom.tag import Tag

    ds = pydicom.dcmread(source if hasattr(source, "read") else os.fspath(source), defer_size="1 MB")
    kept = {}
    for code in retain:
        tag = Tag(*code) if isinstance(code, (tuple, list)) else Tag(code)
        if tag in ds:
            kept[tag] = ds[tag]
    Anonymizer().anonymize(ds)
    for tag, element in kept.items():
        ds[tag] = element
    ds.save_as(target, enforce_file_format=False)


@dataclass
class Series:
    """DICOM files of one series (same SeriesInstanceUID, frame size and transfer syntax), in InstanceNumber order."""

    key: tuple[str, ...]
    members: list[tuple[int, int, str | os.PathLike[str]]] = field(default_factory=list)  # (number, index, path)


_UNCOMPRESSED = ("1.2.840.10008.1.2", "1.2.840.10008.1.2.1")


def group_series(items: Sequence[UploadSource]) -> tuple[list[Series], list[int], dict[int, list[str]]]:
    """Series of two or more single-frame, uncompressed DICOM files given by path (the ones that can be assembled
    on disk), the indexes of every other item, and the `laterality_tags` of each DICOM file read on the way (so
    that its upload need not read its header again)."""
    groups: dict[tuple[str, ...], Series] = {}
    others: list[int] = []
    laterality: dict[int, list[str]] = {}
    for index, item in enumerate(items):
        header = read_header(item) if isinstance(item, (str, os.PathLike)) else None
        if header is not None:
            laterality[index] = laterality_tags(header)
        syntax = str(getattr(getattr(header, "file_meta", None), "TransferSyntaxUID", "") or "")
        if header is None or syntax not in _UNCOMPRESSED or int(getattr(header, "NumberOfFrames", 1) or 1) != 1:
            others.append(index)
            continue
        key = (
            str(getattr(header, "SeriesInstanceUID", "")),
            syntax,
            *(str(getattr(header, k, "")) for k in ("Rows", "Columns", "BitsAllocated", "SamplesPerPixel")),
        )
        number = int(getattr(header, "InstanceNumber", 0) or 0)
        groups.setdefault(key, Series(key)).members.append((number, index, item))  # type: ignore[arg-type]
    series = []
    for group in groups.values():
        if len(group.members) < 2 or not group.key[0]:
            others.extend(i for _, i, _ in group.members)
            continue
        group.members.sort(key=lambda m: (m[0], m[1]))
        series.append(group)
    return series, sorted(others), laterality


def assemble_series(series: Series, target: Path) -> None:
    """One multi-frame DICOM at `target` from a series' files: the first file's header with NumberOfFrames, then
    the frames' pixel data appended as read, one file at a time (never the whole series in memory)."""
    import pydicom
    from pydicom.tag import Tag

    paths = [os.fspath(p) for _, _, p in series.members]
    header = pydicom.dcmread(paths[0], stop_before_pixels=True)
    header.NumberOfFrames = len(paths)
    explicit = header.file_meta.TransferSyntaxUID == "1.2.840.10008.1.2.1"
    frame_length = None
    with target.open("wb") as out:
        pydicom.dcmwrite(out, header, enforce_file_format=True)
        for position, path in enumerate(paths):
            ds = pydicom.dcmread(path, defer_size="1 KB")
            element = ds[Tag(0x7FE0, 0x0010)]
            data = element.value
            if frame_length is None:
                frame_length = len(data)
                total = frame_length * len(paths)
                pad = total % 2
                group_element = struct.pack("<HH", 0x7FE0, 0x0010)
                vr = element.VR if element.VR in ("OB", "OW") else "OW"
                if explicit:
                    out.write(group_element + vr.encode() + b"\0\0" + struct.pack("<I", total + pad))
                else:
                    out.write(group_element + struct.pack("<I", total + pad))
            elif len(data) != frame_length:
                raise BadInput(f"{path}: its frame has {len(data)} bytes, the series' first has {frame_length}")
            out.write(data)
            del ds, data
            if position == len(paths) - 1 and pad:
                out.write(b"\0")


@contextlib.contextmanager
def scratch_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="medannot-datamint-") as tmp:
        yield Path(tmp)


# -- coordinates ---------------------------------------------------------------------------------------------


def pixel_to_patient(header: Any, x: float, y: float, frame: int | None) -> tuple[float, float, float]:
    """Patient coordinates (mm) of pixel (x = column, y = row) of a DICOM slice: ImagePositionPatient + x *
    column spacing * row direction + y * row spacing * column direction; for a frame of a multi-frame image
    its own position (per-frame functional groups) when given, else the first position moved `frame` slices
    along the normal."""
    import numpy as np

    orientation = [float(v) for v in _dicom_value(header, "ImageOrientationPatient", 0)]
    spacing = [float(v) for v in _dicom_value(header, "PixelSpacing", 0)]
    position = np.array([float(v) for v in _dicom_value(header, "ImagePositionPatient", frame)])
    row_dir, col_dir = np.array(orientation[:3]), np.array(orientation[3:6])
    if frame and not _per_frame(header, "PlanePositionSequence"):
        normal = np.cross(row_dir, col_dir)
        step = float(getattr(header, "SpacingBetweenSlices", 0) or getattr(header, "SliceThickness", 0) or 0)
        position = position + normal * step * frame
    point = position + x * spacing[1] * row_dir + y * spacing[0] * col_dir
    return (float(point[0]), float(point[1]), float(point[2]))


def _per_frame(header: Any, sequence: str) -> bool:
    groups = getattr(header, "PerFrameFunctionalGroupsSequence", None)
    return bool(groups) and sequence in groups[0]  # type: ignore[index]


def _dicom_value(header: Any, keyword: str, frame: int | None) -> Sequence[Any]:
    value = getattr(header, keyword, None)
    if value is not None:
        return list(value)
    sequences = {"ImagePositionPatient": "PlanePositionSequence", "ImageOrientationPatient": "PlaneOrientationSequence"}
    for groups_name in ("PerFrameFunctionalGroupsSequence", "SharedFunctionalGroupsSequence"):
        groups = getattr(header, groups_name, None)
        if not groups:
            continue
        group = groups[min(frame or 0, len(groups) - 1)] if groups_name.startswith("Per") else groups[0]
        inner = sequences.get(keyword, "PixelMeasuresSequence")
        if inner in group and keyword in group[inner][0]:
            return list(group[inner][0][keyword].value)
    raise BadInput(f"dicom_metadata has no {keyword}: cannot convert pixel to patient coordinates")


# -- segmentations -------------------------------------------------------------------------------------------


def frames_of(source: object, transpose: bool) -> tuple[int, Iterator[npt.NDArray[Any]]]:
    """A 2D segmentation source as (frame count, frames of shape (H, W) or (H, W, 3)): an ndarray of shape
    (H, W) or (H, W, frames), or an image file (PNG, ...). `transpose` swaps H and W."""
    import numpy as np

    if isinstance(source, np.ndarray):
        array = source
    elif isinstance(source, (str, os.PathLike)) or hasattr(source, "read"):
        from PIL import Image

        with Image.open(source) as image:  # type: ignore[arg-type]
            array = np.asarray(image.convert("RGB") if image.mode not in ("L", "I", "I;16", "1", "P") else image)
            if image.mode == "P":
                array = np.asarray(image.convert("RGB"))
        if array.ndim == 3 and array.shape[2] in (3, 4):
            array = array[:, :, :3]
            if (array[:, :, 0] == array[:, :, 1]).all() and (array[:, :, 1] == array[:, :, 2]).all():
                array = array[:, :, 0]
            else:
                return 1, iter([array.transpose(1, 0, 2) if transpose else array])
    else:
        raise BadInput(f"file_path must be a path, a file object or a numpy array, not {type(source).__name__}")
    if array.ndim == 2:
        array = array[:, :, None]
    if array.ndim != 3:
        raise BadInput(f"a segmentation array must have shape (H, W) or (H, W, frames), not {array.shape}")
    if transpose:
        array = array.transpose(1, 0, 2)
    count = int(array.shape[2])
    return count, (array[:, :, i] for i in range(count))


def segment_values(frame: npt.NDArray[Any]) -> list[tuple[int, ...]]:
    """The labels of a frame: the non-zero gray values, or the non-black RGB colours."""
    import numpy as np

    if frame.ndim == 3:
        colours = np.unique(frame.reshape(-1, frame.shape[2]), axis=0)
        return [tuple(int(c) for c in colour) for colour in colours if any(colour)]
    return [(int(v),) for v in np.unique(frame) if v != 0]


def segment_name(value: tuple[int, ...], names: str | Mapping[Any, str] | None, several: bool) -> str:
    """The identifier of one label: from `names` (an int or RGB key; `"default"`), a single name (suffixed with
    the value when a frame holds several labels), else the SDK's `seg_R_G_B`."""
    rgb = value if len(value) == 3 else (value[0],) * 3
    if isinstance(names, str):
        return f"{names}_{value[0]}" if several and len(value) == 1 else names
    if names:
        for key in (value[0] if len(value) == 1 else None, rgb, list(rgb), "default"):
            if key is not None and not isinstance(key, list) and key in names:
                return names[key]
    return "seg_" + "_".join(map(str, rgb))


def mask_png(frame: npt.NDArray[Any], value: tuple[int, ...]) -> bytes:
    """A PNG of one label of a frame: 255 where it is, 0 elsewhere."""
    import numpy as np
    from PIL import Image

    hit = (frame == np.array(value)).all(axis=-1) if frame.ndim == 3 else frame == value[0]
    out = io.BytesIO()
    Image.fromarray(np.where(hit, 255, 0).astype(np.uint8)).save(out, format="PNG")
    return out.getvalue()


def is_nifti_path(source: object) -> bool:
    return isinstance(source, (str, os.PathLike)) and os.fspath(source).lower().endswith((".nii", ".nii.gz"))


def segmentation_map(name: str | Mapping[Any, str] | None) -> str | None:
    """The `segmentation_map` field of a volume segmentation: JSON `{"1": "liver"}` (a single name: label 1)."""
    if name is None:
        return None
    if isinstance(name, str):
        return json.dumps({"1": name})
    if not isinstance(name, Mapping):
        raise BadInput(f"name must be a str or a dict {{label value: name}}, not {type(name).__name__}")
    out = {}
    for key, value in name.items():
        if isinstance(key, bool) or not isinstance(key, int):
            raise BadInput(f"a volume segmentation's names are keyed by label value (int), not {key!r}")
        out[str(key)] = str(value)
    return json.dumps(out)


def frame_indexes(frame_index: object) -> list[int] | None:
    """`frame_index` of the annotation verbs: None (image scope), an int, or an inclusive (first, last) range."""
    if frame_index is None:
        return None
    if isinstance(frame_index, bool):
        raise BadInput("frame_index must be an int or a (first, last) tuple, not a bool")
    if isinstance(frame_index, int):
        if frame_index < 0:
            raise BadInput("frame_index must be >= 0")
        return [frame_index]
    if (
        isinstance(frame_index, (tuple, list))
        and len(frame_index) == 2
        and all(isinstance(i, int) for i in frame_index)
    ):
        first, last = int(frame_index[0]), int(frame_index[1])
        if first < 0 or first > last:
            raise BadInput(f"frame_index range {tuple(frame_index)!r} must be (first, last) with 0 <= first <= last")
        return list(range(first, last + 1))
    raise BadInput(f"frame_index must be an int or a (first, last) tuple, not {frame_index!r}")


def as_ids(value: object, name: str) -> list[str]:
    """One id (a str is one id, never its characters) or a sequence of them (mappings with an `id` too)."""
    if isinstance(value, str):
        items: list[object] = [value]
    elif isinstance(value, Mapping):
        items = [value]
    elif isinstance(value, (Sequence, Iterator)) and not isinstance(value, (bytes, bytearray)):
        items = list(value)
    else:
        raise BadInput(f"{name} must be an id or a list of ids, not {type(value).__name__}")
    out = []
    for item in items:
        if isinstance(item, Mapping):
            item = item.get("id")
        if not isinstance(item, str) or not item.strip():
            raise BadInput(f"{name} must hold non-empty id strings, not {item!r}")
        out.append(item.strip())
    return out


def total_of(data: Mapping[str, Any]) -> int | None:
    """A listing's `totalCount` (a number or a numeric string), or None."""
    value = data.get("totalCount")
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


# -- answers -------------------------------------------------------------------------------------------------


M = TypeVar("M")


def parse(model: Callable[..., M], data: object) -> M:
    """`data` held to a generated model (`ResponseSchemaError` naming the field), then parsed."""
    parsed: M = parse_json(model, data)  # type: ignore[arg-type,type-var]
    return parsed


def parse_list(model: Callable[..., M], data: object) -> list[M]:
    if not isinstance(data, list):
        raise ResponseSchemaError(f"expected a JSON list, got {type(data).__name__}")
    return parse_all(functools.partial(parse, model), data)


def listing_items(data: object, shape: str) -> tuple[list[Any], int | None]:
    if shape == "list":
        if not isinstance(data, list):
            raise ResponseSchemaError(f"expected a JSON list, got {type(data).__name__}")
        return data, None
    if not isinstance(data, Mapping) or not isinstance(data.get("data"), list):
        raise ResponseSchemaError("expected a listing {'data': [...]}")
    rows = data["data"]
    if shape == "resources":
        if not rows:
            return [], total_of(data)
        if len(rows) != 1 or not isinstance(rows[0], Mapping) or not isinstance(rows[0].get("resources"), list):
            raise ResponseSchemaError("expected a resource listing {'data': [{'resources': [...]}]}")
        return rows[0]["resources"], total_of(data)
    return rows, total_of(data)


def query(params: Mapping[str, Any] | None) -> dict[str, str | int] | None:
    """Query parameters without the Nones; booleans as the service spells them; lists and dicts as JSON."""
    if not params:
        return None
    out: dict[str, str | int] = {}
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, (list, dict)):
            out[key] = json.dumps(value)
        else:
            out[key] = value
    return out
