"""Uploaded and generated files of one emulator, kept in a temporary directory and addressed by key."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO
from urllib.parse import quote
from uuid import uuid4

from .errors import NotFound

# Served under this path by the app; the backend only needs it to map a URL back to a file.
FILES_PATH = "/_files"


@dataclass(frozen=True)
class StoredFile:
    key: str
    filename: str
    content_type: str
    path: Path
    size: int


class FileStore:
    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="medannot-labelbox-")
        self._files: dict[str, StoredFile] = {}

    def put(self, source: BinaryIO | bytes, filename: str, content_type: str) -> StoredFile:
        key = uuid4().hex
        path = Path(self._dir.name) / key
        with path.open("wb") as out:
            if isinstance(source, bytes):
                out.write(source)
            else:
                shutil.copyfileobj(source, out)  # streamed: uploads may be large images
        # Client-supplied names are reduced to a base name (the SDK even sends a content type as one).
        name = PurePosixPath(filename.replace("\\", "/")).name or "file"
        stored = StoredFile(key, name, content_type, path, path.stat().st_size)
        self._files[key] = stored
        return stored

    def get(self, key: str) -> StoredFile:
        try:
            return self._files[key]
        except KeyError:
            raise NotFound(f"File {key} not found") from None

    def url(self, base_url: str, stored: StoredFile) -> str:
        return f"{base_url.rstrip('/')}{FILES_PATH}/{stored.key}/{quote(stored.filename)}"

    def from_url(self, url: str) -> StoredFile:
        """The file behind a URL this store handed out (manifests and chunks refer to uploads by URL)."""
        marker = FILES_PATH + "/"
        if marker not in url:
            raise NotFound(f"{url} is not a file of this server")
        return self.get(url.split(marker, 1)[1].split("/", 1)[0])

    def clear(self) -> None:
        for stored in self._files.values():
            stored.path.unlink(missing_ok=True)
        self._files.clear()

    def close(self) -> None:
        self._files.clear()
        self._dir.cleanup()
