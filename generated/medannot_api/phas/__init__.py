"""A client library for accessing PHAS (PICSL Histology Annotation Server) client API"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
