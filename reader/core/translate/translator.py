"""Online translation on request: cache first, then the engine, politely and with timeouts.

    text ─▶ paragraphs ─▶ chunks under the engine's limit ─▶ cache? ─▶ rate limit ─▶
    deep-translator (through our timeout session) ─▶ typed error or translation ─▶ cache

Nothing is sent when the cache already has a chunk, or when `translate.enabled` is off.
Retry policy: one retry after a short backoff for a connect timeout, a dropped or refused
connection, HTTP 5xx and HTTP 429 (longer backoff). No retry when offline (DNS or routing
failed: it will fail the same way) or after a read timeout (the reader has waited the full
read timeout already) or the total deadline. Worst cases with the default 3 s / 10 s
timeouts: offline at once, a silent server 10 s, an unreachable one 3 + 0.5 + 3 s; any
request ends within the 20 s total deadline, and an answer over 2 MB is refused.
"""
from __future__ import annotations

import errno
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

from reader.core.translate.cache import TranslationCache
from reader.core.translate.chunking import paragraphs, split_paragraph
from reader.core.translate.engines import ENGINES, EngineSpec
from reader.core.translate.errors import (
    EngineChangedError,
    OfflineError,
    RateLimitedError,
    ServiceError,
    TimedOutError,
    TranslationDisabledError,
    TranslationError,
    UnsupportedLanguageError,
)
from reader.core.translate.transport import (
    DeadlineExceeded,
    ResponseTooLarge,
    Timeouts,
    install_session_router,
    timeout_session,
)

_OFFLINE_ERRNOS = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN}
_QUOTA_MARK = "MYMEMORY WARNING"


@dataclass(frozen=True)
class Translation:
    """The result of one request: the translation and how much of it came from the cache."""

    source_text: str
    text: str
    engine: str
    target: str
    sent: int = 0  # chunks fetched online by this call
    cached: int = 0  # chunks served from the cache


class RateLimiter:
    """Spaces calls at least `interval` seconds apart, across threads (one per engine)."""

    def __init__(self, interval: float, sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval = interval
        self._sleep = sleep
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            delay = self._next - now
            self._next = max(now, self._next) + self.interval
        if delay > 0:
            self._sleep(delay)


class Translator:
    """Translates text with deep-translator engines, with a cache, timeouts and limits.

    `settings` (optional) supplies `translate.engine`, `translate.target` and
    `translate.enabled` at each call; `endpoints` maps engine names to base URLs that
    replace the real ones (tests point them at a local server).
    """

    def __init__(
        self,
        cache: TranslationCache,
        settings=None,
        *,
        engine: str = "google",
        target: str = "en",
        endpoints: dict[str, str] | None = None,
        timeouts: Timeouts | None = None,
        min_interval: float = 0.5,
        backoff: float = 0.5,
        rate_limit_backoff: float = 2.0,
    ) -> None:
        self.cache = cache
        self.settings = settings
        self.default_engine = engine
        self.default_target = target
        self.endpoints = dict(endpoints or {})
        self.timeouts = timeouts = timeouts or Timeouts()
        self.backoff = backoff
        self.rate_limit_backoff = rate_limit_backoff
        self._limiters = {name: RateLimiter(min_interval) for name in ENGINES}
        self._session = timeout_session(timeouts)
        self._router = None
        self._router_lock = threading.Lock()

    # -- configuration ------------------------------------------------------------
    def engine_name(self, engine: str | None = None) -> str:
        name = engine or (self.settings.get("translate.engine") if self.settings else None)
        name = name or self.default_engine
        if name not in ENGINES:
            raise ValueError(f"unknown translation engine {name!r} (choose: {', '.join(ENGINES)})")
        return name

    def target(self, target: str | None = None) -> str:
        found = target or (self.settings.get("translate.target") if self.settings else None)
        return found or self.default_target

    def check_target(self, target: str, engine: str | None = None) -> None:
        """Raise `UnsupportedLanguageError` unless the engine translates into `target`
        (decided offline, from the engine's language list)."""
        from deep_translator.exceptions import (
            InvalidSourceOrTargetLanguage,
            LanguageNotSupportedException,
        )

        spec = ENGINES[self.engine_name(engine)]
        try:
            spec.make(spec.source, target)
        except (LanguageNotSupportedException, InvalidSourceOrTargetLanguage):
            raise UnsupportedLanguageError(
                f"{spec.label} does not translate into {target!r}.") from None

    def enabled(self) -> bool:
        return bool(self.settings.get("translate.enabled")) if self.settings else True

    def url(self, engine: str | None = None) -> str:
        """The base URL requests to `engine` go to."""
        name = self.engine_name(engine)
        return self.endpoints.get(name, ENGINES[name].default_url)

    # -- reading the cache ----------------------------------------------------------
    def cached(self, text: str, target: str | None = None, engine: str | None = None) -> str | None:
        """The translation of `text` if every chunk is cached (by any engine), else None."""
        name, target = self.engine_name(engine), self.target(target)
        spec = ENGINES[name]
        out = []
        for line in paragraphs(text):
            parts = []
            for chunk in split_paragraph(line, spec.limit, spec.measure):
                found = self.cache.get_any(target, chunk, prefer=name)
                if found is None:
                    return None
                parts.append(found[1])
            out.append(_join(parts, target))
        return "\n".join(out).strip("\n")

    # -- translating ---------------------------------------------------------------------
    def translate(self, text: str, target: str | None = None, engine: str | None = None) -> Translation:
        """Translate `text`, paragraph by paragraph; raises a `TranslationError`."""
        name, target = self.engine_name(engine), self.target(target)
        lines, sent, cached = [], 0, 0
        for _source, result in self.iter_paragraphs(text, target, name):
            lines.append(result.text)
            sent += result.sent
            cached += result.cached
        return Translation(text, "\n".join(lines).strip("\n"), name, target, sent, cached)

    def iter_paragraphs(
        self, text: str, target: str | None = None, engine: str | None = None
    ) -> Iterator[tuple[str, Translation]]:
        """(paragraph, its translation) as each is done; blank paragraphs stay blank."""
        name, target = self.engine_name(engine), self.target(target)
        spec = ENGINES[name]
        for line in paragraphs(text):
            parts, sent, cached = [], 0, 0
            for chunk in split_paragraph(line, spec.limit, spec.measure):
                found = self.cache.get(name, target, chunk)
                if found is None:
                    found = self._fetch(spec, chunk, target)
                    self.cache.put(name, target, chunk, found)
                    sent += 1
                else:
                    cached += 1
                parts.append(found)
            yield line, Translation(line, _join(parts, target), name, target, sent, cached)

    def _fetch(self, spec: EngineSpec, chunk: str, target: str) -> str:
        if not self.enabled():
            raise TranslationDisabledError(
                "Online translation is turned off (setting translate.enabled); "
                "only past translations are available.")
        for attempt in range(2):
            self._limiters[spec.name].wait()
            try:
                return self._request(spec, chunk, target)
            except TranslationError as exc:
                last_try = attempt == 1 or not exc.retryable
                if last_try or (isinstance(exc, TimedOutError) and exc.phase != "connect"):
                    raise
                time.sleep(self.rate_limit_backoff if isinstance(exc, RateLimitedError)
                           else self.backoff)
        raise AssertionError("unreachable")

    def _request(self, spec: EngineSpec, chunk: str, target: str) -> str:
        from deep_translator.exceptions import (
            ElementNotFoundInGetRequest,
            RequestError,
            TooManyRequests,
            TranslationNotFound,
        )

        router = self._session_router()
        engine, host = self._engine(spec, target)
        try:
            with router.using(self._session, self.timeouts):
                result = engine.translate(chunk)
        except DeadlineExceeded:
            error = TimedOutError(f"Timed out: {spec.label} did not finish answering within "
                                  f"{self.timeouts.total:g} s.", "total")
            error.paragraph_only = True
            raise error from None
        except ResponseTooLarge:
            error = ServiceError(f"{spec.label}'s answer was larger than "
                                 f"{self.timeouts.max_bytes / 1e6:g} MB; it was not read.")
            error.retryable, error.paragraph_only = False, True
            raise error from None
        except requests.exceptions.ConnectTimeout:
            raise TimedOutError(f"Timed out: no connection to {spec.label} within "
                                f"{self.timeouts.connect:g} s.", "connect") from None
        except (requests.exceptions.ReadTimeout, TimeoutError):
            raise TimedOutError(f"Timed out: {spec.label} did not answer within "
                                f"{self.timeouts.read:g} s.", "read") from None
        except requests.exceptions.JSONDecodeError:
            raise self._changed(spec) from None
        except requests.exceptions.ConnectionError as exc:
            raise _connection_error(exc, spec, host, self.timeouts) from None
        except requests.exceptions.RequestException as exc:
            raise ServiceError(f"{spec.label} failed: {type(exc).__name__}.") from None
        except TooManyRequests:
            raise RateLimitedError(f"Rate-limited: {spec.label} is refusing requests for now "
                                   "(HTTP 429); try again in a few minutes.") from None
        except RequestError:
            status = router.last_status()
            raise ServiceError(f"{spec.label} answered with an error (HTTP {status}).") from None
        except (TranslationNotFound, ElementNotFoundInGetRequest, ValueError, KeyError,
                AttributeError, TypeError, StopIteration):
            raise self._changed(spec) from None
        if result is None:
            return chunk  # the engine echoed the text back (names, numbers)
        if not isinstance(result, str) or not result.strip():
            raise self._changed(spec)
        if result.startswith(_QUOTA_MARK):
            error = RateLimitedError(f"Rate-limited: {spec.label} says today's free quota is "
                                     "used up; try tomorrow or switch engine.")
            error.retryable = False
            raise error
        return result.strip()

    def _engine(self, spec: EngineSpec, target: str):
        """The deep-translator engine for `spec` into `target`, at our endpoint; and its host."""
        from deep_translator.exceptions import (
            InvalidSourceOrTargetLanguage,
            LanguageNotSupportedException,
        )

        try:
            engine = spec.make(spec.source, target)
        except (LanguageNotSupportedException, InvalidSourceOrTargetLanguage):
            raise UnsupportedLanguageError(
                f"{spec.label} does not translate into {target!r}.") from None
        url = self.endpoints.get(spec.name)
        # deep-translator keeps the endpoint here (no public setter); its MyMemory default
        # is plain http, so the spec's https URL always replaces it
        engine._base_url = url or spec.default_url
        return engine, urlsplit(url or spec.default_url).hostname or spec.label

    @staticmethod
    def _changed(spec: EngineSpec) -> EngineChangedError:
        return EngineChangedError(
            f"{spec.label}'s answer could not be read; the service may have changed its page. "
            "Try the other engine (setting translate.engine).")

    def _session_router(self):
        with self._router_lock:
            if self._router is None:
                self._router = install_session_router()
            return self._router

    def close(self) -> None:
        self._session.close()


def _join(parts: list[str], target: str) -> str:
    separator = "" if target.split("-")[0].lower() in ("zh", "ja", "ko") else " "
    return separator.join(parts)


def _connection_error(
    exc: BaseException, spec: EngineSpec, host: str, timeouts: Timeouts
) -> TranslationError:
    """Offline (DNS or routing failed), a timeout while reading, or another failure."""
    if any(isinstance(c, TimeoutError) or type(c).__name__ == "ReadTimeoutError"
           for c in _causes(exc)):
        return TimedOutError(f"Timed out: {spec.label} did not answer within "
                             f"{timeouts.read:g} s.", "read")
    reason = _offline_reason(exc)
    if reason:
        return OfflineError(f"Offline: could not reach {spec.label} ({host}: {reason}). "
                            "Past translations and the word gloss still work.")
    if _has_errno(exc, errno.ECONNREFUSED):
        return ServiceError(f"{spec.label} refused the connection ({host}).")
    return ServiceError(f"The connection to {spec.label} was dropped ({host}).")


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """`exc` and everything it wraps (causes, contexts, urllib3 reasons, exception args)."""
    stack, seen = [exc], set()
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        stack.extend([current.__cause__, current.__context__, getattr(current, "reason", None)])
        stack.extend(a for a in getattr(current, "args", ()) if isinstance(a, BaseException))


def _offline_reason(exc: BaseException) -> str:
    try:
        from urllib3.exceptions import NameResolutionError
    except ImportError:  # urllib3 < 2
        NameResolutionError = ()  # noqa: N806
    for cause in _causes(exc):
        if isinstance(cause, socket.gaierror) or (
                NameResolutionError and isinstance(cause, NameResolutionError)):
            return "the name did not resolve"
        if isinstance(cause, OSError) and cause.errno in _OFFLINE_ERRNOS:
            return "no route to the network"
    text = str(exc)
    if "Failed to resolve" in text or "Name or service not known" in text:
        return "the name did not resolve"
    return ""


def _has_errno(exc: BaseException, number: int) -> bool:
    return any(isinstance(c, OSError) and c.errno == number for c in _causes(exc)) or (
        "Connection refused" in str(exc))
