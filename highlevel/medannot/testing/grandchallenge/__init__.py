"""An emulated Grand Challenge (grand-challenge.org's REST API, as gcapi uses it; like moto for AWS), held to
schemas/grandchallenge and served over HTTPS with its own CA.

    with GrandChallengeEmulator(token="secret") as gc:
        httpx.get(gc.url + "algorithms/?slug=corads-ai", headers={"Authorization": "Bearer secret"}, verify=gc.ca_path)
        gc.backend.algorithms            # inspect or arrange state directly
        gc.inject("503", path="/uploads/", times=2, retry_after=1)   # fault hooks
        gc.clock.advance(5)              # background work (imports, jobs) runs on this clock
        gc.reset()                       # back to the data set (the token stays valid)

It starts with the seed's algorithm `corads-ai` (one Image input) and archive `radboudcovid`, an algorithm
`some-algorithm` with two interfaces over value, file and image sockets, `always-fails`, a reader study
`reader-study` (three questions, two display sets), an educational `teaching-study` with ground truth, and three
small synthetic images. `.url` is the API base URL (`https://127.0.0.1:N/api/v1/`), `.origin` the server's root.

Over HTTPS: `POST /_emulator/reset`, `GET /_emulator/state`. As a fixture: `grandchallenge_emulator` (pytest
plugin). From a shell: `python -m medannot.testing grandchallenge --port N --api-key KEY --cert-dir DIR`
(writes DIR/ca.pem, prints the API base URL, then the token and the CA's path).
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from medannot.testing._emulator import CommandLine, Emulator
from medannot.testing._openapi import Contract, SchemaSource
from medannot.testing.grandchallenge import _dataset
from medannot.testing.grandchallenge._clock import Clock, ManualClock
from medannot.testing.grandchallenge._tls import HTTPSServer, TLSFiles
from medannot.testing.grandchallenge.app import DEFAULT_SCHEMA, create_app
from medannot.testing.grandchallenge.backend import Fault, GrandChallengeBackend


class GrandChallengeEmulator(Emulator[GrandChallengeBackend]):
    """An emulated Grand Challenge over HTTPS: `url` is the API base URL, `ca_path` the CA bundle to trust."""

    command_line: ClassVar[CommandLine | None] = CommandLine(
        description=(
            "Serve an emulated Grand Challenge over HTTPS with its own CA: the REST API under /api/v1/ (algorithms, "
            "jobs, archives, reader studies, uploads, images), presigned storage URLs and media downloads."
        ),
        api_key=(
            "the API token clients send as `Authorization: Bearer KEY` (what GRAND_CHALLENGE_AUTHORIZATION holds); "
            "default: a random one. Printed at start."
        ),
        cert_dir=(
            "the folder where the CA bundle clients must trust (DIR/ca.pem) and the server's certificate and key "
            "are written (created if missing; kept after exit); default: a temporary folder, removed on exit. The "
            "CA's path is printed at start."
        ),
        epilog=(
            "The first line printed is the API base URL; clients must trust the printed CA bundle, e.g. "
            "gcapi.Client(token=KEY, base_url=URL, verify=CA) or medannot.grandchallenge.Client(token=KEY, url=URL, "
            "verify=CA)."
        ),
    )

    def __init__(
        self,
        token: str | None = None,
        *,
        cert_dir: str | Path | None = None,
        clock: Clock | Callable[[], float] | None = None,
        import_seconds: float = 0.2,
        job_step_seconds: float = 0.05,
        min_part_size: int = 5 * 1024 * 1024,
        max_uploads: int = 2000,
        upload_limit: int = 128 * 1024**3,
        gcapi_versions: tuple[str, str] = ("0.16.1", "0.13.0"),
        schema: SchemaSource = DEFAULT_SCHEMA,
        port: int = 0,
    ) -> None:
        """`token`: the API token (default: a random one). `cert_dir`: where the CA (`ca.pem`) and the server's
        certificate go (default: a temporary folder, removed on stop). For the other arguments see
        `GrandChallengeBackend`."""
        backend = GrandChallengeBackend(
            token=token,
            clock=clock,
            import_seconds=import_seconds,
            job_step_seconds=job_step_seconds,
            min_part_size=min_part_size,
            max_uploads=max_uploads,
            upload_limit=upload_limit,
            gcapi_versions=gcapi_versions,
        )
        app = create_app(backend, schema)
        #: The schema's validators; `contract.journal` lists every request checked against it.
        self.contract: Contract = app.state.contract
        if cert_dir is None:
            folder = Path(tempfile.mkdtemp(prefix="medannot-gc-tls-"))
            self._tls_cleanup: Any = weakref.finalize(self, shutil.rmtree, folder, ignore_errors=True)
        else:
            folder = Path(cert_dir)
            self._tls_cleanup = None
        #: The CA bundle, server certificate and key (created now, so `ca_path` is there before start()).
        self.tls: TLSFiles = TLSFiles.create(folder)
        super().__init__(backend, app, port=port)

    @classmethod
    def from_cli(
        cls, *, port: int, api_key: str | None, studies: Path | None, cert_dir: Path | None = None
    ) -> GrandChallengeEmulator:
        """`--api-key KEY`: the API token (default: a random one, printed at start); `--cert-dir DIR`: where
        `ca.pem` goes (default: a temporary folder, printed at start)."""
        if studies is not None:
            raise ValueError("the Grand Challenge emulator serves its built-in data set; it pre-loads no studies")
        if cert_dir is not None and cert_dir.exists() and not cert_dir.is_dir():
            raise ValueError(f"--cert-dir {str(cert_dir)!r} is not a folder")
        return cls(api_key, cert_dir=cert_dir, port=port)

    def banner(self) -> list[str]:
        return [f"accepted API token: {self.token}", f"CA bundle: {self.ca_path}"]

    def start(self) -> GrandChallengeEmulator:
        # The shared Emulator.start serves plain HTTP; the same threaded server, with TLS.
        self._server = HTTPSServer(self.app, self.tls, port=self._port).start()
        return self

    def stop(self) -> None:
        super().stop()
        if self._tls_cleanup is not None:
            self._tls_cleanup()

    @property
    def origin(self) -> str:
        """`https://127.0.0.1:N`."""
        if self._server is None:
            raise RuntimeError("the emulator is not running: use it as a context manager or call start()")
        return self._server.url

    @property
    def url(self) -> str:
        """The API base URL, `https://127.0.0.1:N/api/v1/` (what gcapi calls `base_url`)."""
        return f"{self.origin}/api/v1/"

    @property
    def ca_path(self) -> Path:
        """The CA bundle that signs the server's certificate (`verify=` for httpx, `SSL_CERT_FILE` for others)."""
        return self.tls.ca

    @property
    def token(self) -> str:
        return self.backend.token

    @property
    def clock(self) -> Clock:
        return self.backend.clock

    def inject(
        self, kind: str, *, method: str | None = None, path: str | None = None, times: int = 1, retry_after: int = 1
    ) -> Fault:
        """See `GrandChallengeBackend.inject`."""
        return self.backend.inject(kind, method=method, path=path, times=times, retry_after=retry_after)

    def serve_forever(self, on_ready: Callable[[str], object] = print) -> None:
        # The shared loop prints the server's root; the API base URL is what a client needs.
        super().serve_forever(on_ready=lambda origin: on_ready(f"{origin}/api/v1/"))


ALGORITHMS = {"corads-ai": _dataset.CORADS, "some-algorithm": _dataset.LUNG, "always-fails": _dataset.FAILING}
ARCHIVES = {"radboudcovid": _dataset.RADBOUDCOVID, "empty-archive": _dataset.EMPTY_ARCHIVE}
READER_STUDIES = {"reader-study": _dataset.READER_STUDY, "teaching-study": _dataset.TEACHING}

__all__ = [
    "ALGORITHMS",
    "ARCHIVES",
    "READER_STUDIES",
    "Clock",
    "Fault",
    "GrandChallengeBackend",
    "GrandChallengeEmulator",
    "ManualClock",
]
