"""The exception names code written for the official PHAS client catches, within medannot's hierarchy.

`phas.client.api` defines no exception class of its own: it lets `requests`' exceptions escape (every answer
with an error status is `requests.exceptions.HTTPError`, from `raise_for_status()`) and raises `ValueError`
for a task of the wrong mode or a missing API key. So these are the `requests` names it exposes its callers
to, each *being* the medannot class (not a subclass), so `except HTTPError:` catches what medannot raises:

- `HTTPError` is `medannot.errors.APIError` (`NotFound`, `AuthError`, `PermissionDenied`, `ServerError`...);
  `.status_code` gives the status (requests' `e.response.status_code`).
- `RequestException` is `medannot.errors.MedannotError`, the base of everything medannot raises.
- `ConnectionError` is `medannot.errors.TransportError` (no answer). It is left out of `__all__`, so that
  `from medannot.phas import *` never shadows the builtin `ConnectionError`; import it by name.
- `Timeout` is `medannot.errors.Timeout`.

A task of the wrong mode is `medannot.errors.BadInput`, a `ValueError`, as in the official client: no alias
is needed for `except ValueError:`.
"""

from __future__ import annotations

from medannot.errors import APIError, MedannotError, Timeout, TransportError

__all__ = ["HTTPError", "RequestException", "Timeout"]

HTTPError = APIError
RequestException = MedannotError
ConnectionError = TransportError  # requests' name (shadows the builtin in this module only)
