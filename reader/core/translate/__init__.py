"""Online translation on request (deep-translator), with timeouts, limits and a cache.

Public API: `Translator`, `Translation`, `TranslationCache`, `Timeouts`, `ENGINES`, the
errors (`TranslationError` and subclasses) and `split_paragraph`. Heavy imports
(deep-translator, bs4) happen on the first request, not at import.
"""
from reader.core.translate.cache import TranslationCache
from reader.core.translate.chunking import split_paragraph
from reader.core.translate.engines import ENGINES, EngineSpec
from reader.core.translate.errors import (
    EngineChangedError,
    OfflineError,
    RateLimitedError,
    ServiceError,
    TimedOutError,
    TranslationDisabledError,
    TranslationError,
)
from reader.core.translate.translator import Translation, Translator
from reader.core.translate.transport import Timeouts

__all__ = [
    "ENGINES", "EngineChangedError", "EngineSpec", "OfflineError", "RateLimitedError",
    "ServiceError", "TimedOutError", "Timeouts", "Translation", "TranslationCache",
    "TranslationDisabledError", "TranslationError", "Translator", "split_paragraph",
]
