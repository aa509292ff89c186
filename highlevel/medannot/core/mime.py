"""Content types from one fixed table, the same on every host.

The standard library's `mimetypes` reads the host's mime.types files (`/etc/mime.types`, the Windows registry),
so the same `.bmp` goes out as `image/bmp` on one machine and `image/x-ms-bmp` on another, and `.nii.gz` as
`application/gzip`, `application/x-gzip` or nothing. medannot never consults it: every content type it sends is
chosen here, by the longest matching (case-insensitive) suffix.
"""

from __future__ import annotations

import os

DEFAULT = "application/octet-stream"

# Longest suffix first wins: `.nii.gz` before `.gz`. Medical formats without a registered type are sent as
# what they are on the wire (`application/octet-stream`, or gzip for the compressed ones), as servers expect.
TABLE: dict[str, str] = {
    # medical volumes and slides
    ".nii": "application/octet-stream",
    ".nii.gz": "application/gzip",
    ".dcm": "application/dicom",
    ".dicom": "application/dicom",
    ".mha": "application/octet-stream",
    ".mhd": "text/plain",
    ".raw": "application/octet-stream",
    ".nrrd": "application/octet-stream",
    ".nhdr": "text/plain",
    ".seg.nrrd": "application/octet-stream",
    ".mgz": "application/octet-stream",
    ".svs": "image/tiff",
    ".ndpi": "image/tiff",
    ".scn": "image/tiff",
    ".mrxs": "application/octet-stream",
    ".vms": "application/octet-stream",
    ".bif": "image/tiff",
    ".ome.tif": "image/tiff",
    ".ome.tiff": "image/tiff",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".ptif": "image/tiff",
    # raster images
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".jpe": "image/jpeg",
    ".bmp": "image/bmp",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".jp2": "image/jp2",
    ".svg": "image/svg+xml",
    # video (Labelbox data rows)
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".mov": "video/quicktime",
    # documents and annotations
    ".json": "application/json",
    ".geojson": "application/geo+json",
    ".ndjson": "application/x-ndjson",
    ".xml": "application/xml",
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
    # archives
    ".gz": "application/gzip",
    ".tgz": "application/gzip",
    ".tar.gz": "application/gzip",
    ".zip": "application/zip",
    ".tar": "application/x-tar",
    ".bz2": "application/x-bzip2",
    ".xz": "application/x-xz",
    ".zst": "application/zstd",
    ".7z": "application/x-7z-compressed",
    # arrays
    ".npy": "application/octet-stream",
    ".npz": "application/zip",
    ".h5": "application/x-hdf5",
    ".hdf5": "application/x-hdf5",
}

_LONGEST = max(s.count(".") for s in TABLE)


def content_type(name: str | os.PathLike[str], default: str = DEFAULT) -> str:
    """The content type for a file name, from `TABLE` by its longest known suffix; `default` when none is known.

    >>> content_type("ct.nii.gz"), content_type("slide.SVS"), content_type("scan.bmp")
    ('application/gzip', 'image/tiff', 'image/bmp')
    """
    base = os.path.basename(os.fspath(name)).lower()
    parts = base.split(".")
    for count in range(min(_LONGEST, len(parts) - 1), 0, -1):
        known = TABLE.get("." + ".".join(parts[-count:]))
        if known is not None and len(base) > sum(len(p) + 1 for p in parts[-count:]):  # not a bare ".png"
            return known
    return default


def suffix(name: str | os.PathLike[str]) -> str:
    """The longest known suffix of a file name (`.nii.gz`, not `.gz`), else its last suffix, else ''."""
    base = os.path.basename(os.fspath(name)).lower()
    parts = base.split(".")
    for count in range(min(_LONGEST, len(parts) - 1), 0, -1):
        candidate = "." + ".".join(parts[-count:])
        if candidate in TABLE and len(base) > len(candidate):
            return candidate
    return "." + parts[-1] if len(parts) > 1 and parts[0] else ""
