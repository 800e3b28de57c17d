"""Typed translation failures, each with a plain-English message for the reader.

Every failure of an online translation ends as one of these, never as a library's own
exception: the UI shows `str(error)` as it is, the CLI prints it as one line.
"""
from __future__ import annotations


class TranslationError(Exception):
    """Base class: `str(error)` is a one-line message fit to show the user."""

    retryable = False
    paragraph_only = False  # this text's answer failed (too slow, too large), not the service


class TranslationDisabledError(TranslationError):
    """Online translation is turned off in the settings, and the text is not cached."""


class UnsupportedLanguageError(TranslationError):
    """The engine does not translate into the requested language (bad input, not a failure)."""


class OfflineError(TranslationError):
    """The engine's host could not be reached at all (no DNS, no route, network down)."""


class TimedOutError(TranslationError):
    """No connection within the connect timeout, or no answer within the read timeout.

    `phase` is "connect", "read", or "total" (the answer did not finish within the total
    deadline, e.g. a server trickling it byte by byte).
    """

    retryable = True

    def __init__(self, message: str, phase: str = "read") -> None:
        super().__init__(message)
        self.phase = phase


class RateLimitedError(TranslationError):
    """The engine refused with HTTP 429 (or a daily quota message)."""

    retryable = True


class EngineChangedError(TranslationError):
    """The answer arrived but could not be read: the engine changed its page or API."""


class ServiceError(TranslationError):
    """Any other failure of the engine (HTTP 5xx, connection reset, refused, TLS)."""

    retryable = True
