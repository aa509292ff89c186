"""Sessions (monailabel/utils/sessions.py): uploaded images kept under an id for a while, used by infer."""

from __future__ import annotations

import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from medannot.testing.monailabel._datastore import writing

MAX_EXPIRY = 3600  # the server's MONAI_LABEL_SESSION_EXPIRY default, also the upper bound of a session's expiry


@dataclass
class Session:
    name: str
    path: str
    image: str
    create_ts: int
    last_access_ts: int
    expiry: int
    meta: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        keys = ("name", "path", "image", "meta", "create_ts", "last_access_ts", "expiry")
        return {k: getattr(self, k) for k in keys}


class Sessions:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.sessions: dict[str, Session] = {}

    def create(self, files: list[tuple[str, BinaryIO]], *, expiry: int = 0, uncompress: bool = False) -> Session:
        """Store the files; one file is the session's image, several (or an unpacked archive) a folder."""
        session_id = str(uuid.uuid1()).lower()
        folder = self.root / session_id
        received = folder / "received"
        received.mkdir(parents=True)
        for name, stream in files:
            with writing(received / Path(name).name) as out:
                shutil.copyfileobj(stream, out)
        image = received if len(files) > 1 else received / Path(files[0][0]).name
        if uncompress and image.is_file():
            unpacked = folder / "unpacked"
            shutil.unpack_archive(image, unpacked)
            image = unpacked
        now = int(time.time())
        expiry = min(expiry if expiry > 0 else MAX_EXPIRY, MAX_EXPIRY)
        session = Session(session_id, str(folder), str(image), now, now, expiry)
        self.sessions[session_id] = session
        return session

    def get(self, session_id: str, *, update_ts: bool = False) -> Session | None:
        self._expire()
        session = self.sessions.get(session_id)
        if session is not None and update_ts:
            session.last_access_ts = int(time.time())
        return session

    def remove(self, session_id: str) -> Session | None:
        session = self.get(session_id)
        if session is not None:
            del self.sessions[session_id]
            shutil.rmtree(session.path, ignore_errors=True)
        return session

    def _expire(self) -> None:
        # The server sweeps expired sessions on a timer; sweeping on access shows the same state without one.
        now = time.time()
        for session_id, session in list(self.sessions.items()):
            if session.last_access_ts + session.expiry < now:
                del self.sessions[session_id]
                shutil.rmtree(session.path, ignore_errors=True)
