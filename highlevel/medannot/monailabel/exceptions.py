"""The official MONAI Label client's exception names (`monailabel.client.client`), within medannot's hierarchy,
so `except MONAILabelClientException:` written for the official client catches what medannot raises.

- `MONAILabelClientException` *is* `medannot.errors.APIError` (not a subclass): the official client raises it
  for every answer with an error status, and so does medannot, as `APIError` or one of its subclasses
  (`NotFound`, `AuthError`, `ServerError`, ...). `.status_code` is there as in the official exception; the
  server's words are `.message` (the official `.msg`).
- `MONAILabelError` is not an exception in the official client either: it holds the error codes of
  `MONAILabelClientException.error` (1, 2, 3). It is here with the same values, for code that names them.
"""

from __future__ import annotations

from typing import Final

from medannot.errors import APIError

__all__ = ["MONAILabelClientException", "MONAILabelError"]

MONAILabelClientException = APIError


class MONAILabelError:
    """The official client's error codes (`monailabel.client.client.MONAILabelError`), same names and values."""

    SERVER_ERROR: Final = 1
    SESSION_EXPIRED: Final = 2
    UNKNOWN: Final = 3
