"""How translation failures are worded: status-bar messages and short paragraph markers."""
from __future__ import annotations

from reader.core.translate import (
    EngineChangedError,
    OfflineError,
    RateLimitedError,
    ServiceError,
    TimedOutError,
    TranslationDisabledError,
    TranslationError,
)
from reader.ui.tasks import error_message

REASONS = ((OfflineError, "offline"), (TimedOutError, "timed out"),
           (RateLimitedError, "rate-limited"), (EngineChangedError, "the engine changed its page"),
           (TranslationDisabledError, "online translation is off"),
           (ServiceError, "the engine failed"))


def short_reason(exc: BaseException) -> str:
    """A few words for the marker under a paragraph (the full message goes to the status bar)."""
    for kind, words in REASONS:
        if isinstance(exc, kind):
            return words
    return "failed"


def this_paragraph_only(exc: BaseException) -> bool:
    """A failure of this paragraph's answer (too slow, too large), not of the service."""
    return bool(getattr(exc, "paragraph_only", False))


def plain_error(exc: BaseException) -> str:
    """The full message for the status bar or the panel."""
    if isinstance(exc, TranslationError):
        return str(exc)
    return f"Translation failed: {error_message(exc)}"
