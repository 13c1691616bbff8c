"""One root exception with specific subclasses; each edge maps them in one place."""

from __future__ import annotations


class KokeiluError(Exception):
    """Root of every error the use cases raise on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFoundError(KokeiluError):
    """The thing does not exist (or the caller may not know it exists)."""


class ConflictError(KokeiluError):
    """The request contradicts the current state (status, idempotency key, uniqueness)."""


KEY_REUSED = "this Idempotency-Key was already used with a different request"


class InvalidInputError(KokeiluError):
    """The input is well-formed but breaks a domain rule."""


class TextTooLongError(InvalidInputError):
    """The feedback text is longer than the deployment accepts."""

    def __init__(self, *, limit: int, length: int) -> None:
        super().__init__(f"text is longer than this service accepts ({limit} characters)")
        self.limit = limit
        self.length = length


class AuthenticationError(KokeiluError):
    """No valid credentials."""


class PermissionDeniedError(KokeiluError):
    """Valid credentials without the right."""


class UnavailableError(KokeiluError):
    """A dependency (the database, a model) is not reachable right now."""


class RateLimitedError(KokeiluError):
    """Too many requests from one client or respondent; retry after the given seconds."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
