"""Exit codes by error class (docs/cli.md has the table)."""

from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    OK = 0  # everything done
    INTERNAL = 1  # a bug: an exception that is not a medannot error
    USAGE = 2  # bad command line: unknown option, bad location, bad --shard (click's own code)
    PARTIAL = 3  # the transfer ran; some items failed (listed in the summary); a rerun retries only those
    BAD_INPUT = 4  # BadInput / FileExists: missing or unreadable file, two files for one remote id, ...
    AUTH = 5  # AuthError, PermissionDenied: no credential, or the server refused it
    NOT_FOUND = 6  # NotFound: the server, container or item does not exist
    TRANSPORT = 7  # TransportError, Timeout: the server could not be reached or did not answer in time
    SERVER = 8  # ServerError, RateLimited, InvalidRequest, Conflict, any other APIError
    SCHEMA = 9  # ResponseSchemaError: the server answered something its API does not allow
    UNSUPPORTED = 10  # the platform or direction does not offer this, or an optional package is missing
    VERIFY = 11  # --verify --dry-run found differences (nothing repaired)
    INTERRUPTED = 130  # Ctrl-C (the manifest keeps what was done)


class Unsupported(Exception):
    """The platform or copy direction does not offer this (exit 10)."""


def exit_code(error: BaseException) -> Exit:
    """The exit code for an error that stopped a command."""
    from medannot import errors

    if isinstance(error, (Unsupported, ImportError)):
        return Exit.UNSUPPORTED
    if isinstance(error, KeyboardInterrupt):
        return Exit.INTERRUPTED
    if isinstance(error, errors.BadInput):
        return Exit.BAD_INPUT
    if isinstance(error, (errors.AuthError, errors.PermissionDenied)):
        return Exit.AUTH
    if isinstance(error, errors.NotFound):
        return Exit.NOT_FOUND
    if isinstance(error, errors.TransportError):
        return Exit.TRANSPORT
    if isinstance(error, errors.ResponseSchemaError):
        return Exit.SCHEMA
    if isinstance(error, (errors.APIError, errors.BulkError, errors.ClientClosed)):
        return Exit.SERVER
    if isinstance(error, errors.MedannotError):
        return Exit.SERVER
    from medannot.cli._location import LocationError

    if isinstance(error, LocationError):
        return Exit.USAGE
    return Exit.INTERNAL
