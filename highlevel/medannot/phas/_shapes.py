"""What the two client twins do not share: the official client's `anonymize` property sends a request, so only
the sync `Client` has it. `AsyncClient` derives from `AsyncClientShape` (nothing); its generated twin `Client`
derives from `ClientShape` (the codegen's `AsyncX` -> `X` rule), so the property lands in the generated class.
Both twins share the verbs `get_anonymize()` / `set_anonymize(value)`."""

from __future__ import annotations


class AsyncClientShape:
    """Nothing: an async client has no property that sends a request."""


class ClientShape:
    """`client.anonymize`: read and set over the network, as in the official client."""

    def get_anonymize(self) -> bool:
        raise NotImplementedError

    def set_anonymize(self, value: bool) -> bool:
        raise NotImplementedError

    @property
    def anonymize(self) -> bool:
        """Whether this session hides private specimen names (GET /auth/api/anonymize on every read; setting it
        is `set_anonymize`, kept across re-logins)."""
        return self.get_anonymize()

    @anonymize.setter
    def anonymize(self, value: bool) -> None:
        self.set_anonymize(value)
