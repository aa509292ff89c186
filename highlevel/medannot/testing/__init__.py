"""Emulators of every platform medannot covers (like moto for AWS): stateful, served from the checked-in schemas.

Server-side dependencies come from the `testing` extra; the clients never import this package.
"""
