"""HTTPS for the emulator: a local CA made with trustme, a certificate for 127.0.0.1/localhost, and the shared
threaded uvicorn server with TLS on.

`ThreadedServer` (medannot.testing._server) builds its uvicorn config without TLS; `HTTPSServer` rebuilds the
config with the certificate before the server starts, and reports an https URL.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn

from medannot.testing._server import ThreadedServer


@dataclass(frozen=True)
class TLSFiles:
    """The CA bundle clients trust (`ca.pem`) and the server's key and certificate chain."""

    ca: Path
    cert: Path
    key: Path

    @classmethod
    def create(cls, directory: Path) -> TLSFiles:
        import trustme  # the `testing` extra

        directory.mkdir(parents=True, exist_ok=True)
        ca = trustme.CA(organization_name="medannot emulator CA")
        issued = ca.issue_cert("127.0.0.1", "localhost", "::1")
        files = cls(directory / "ca.pem", directory / "server.pem", directory / "server.key")
        ca.cert_pem.write_to_path(str(files.ca))
        issued.private_key_pem.write_to_path(str(files.key))
        with files.cert.open("wb") as chain:
            for blob in issued.cert_chain_pems:
                chain.write(blob.bytes())
        files.key.chmod(0o600)
        return files


class HTTPSServer(ThreadedServer):
    """ThreadedServer over TLS."""

    def __init__(self, app: Any, tls: TLSFiles, *, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__(app, host=host, port=port)
        config = uvicorn.Config(
            app,
            log_level="warning",
            lifespan="off",
            access_log=False,
            ssl_certfile=str(tls.cert),
            ssl_keyfile=str(tls.key),
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._sock]}, daemon=True)

    @property
    def url(self) -> str:
        return f"https://{self.host}:{self.port}"
