"""HTTP plumbing for deep-translator: every request gets a connect and read timeout.

deep-translator (1.11) calls the module-level ``requests.get(url, params=..., proxies=...)``
from its engine modules and passes no timeout, so a server that accepts a connection and
never answers hangs the caller forever. We do not copy or subclass its engines; instead
`install_session_router()` replaces the name ``requests`` *inside* the deep-translator
engine modules we use with a `SessionRouter`: an object that forwards every attribute to
the real `requests` module except `get`, which it sends through the `requests.Session` of
the translation running on the current thread (set with `SessionRouter.using(session)`).
Sessions come from `timeout_session()`, whose adapter fills in the timeout for any request
that has none, and does no retries of its own (the translator retries once, itself).
Outside a `using()` block (someone calling deep-translator directly) a default session
with the default timeouts is used, so no deep-translator request in this process can hang.
"""
from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import requests
from requests.adapters import HTTPAdapter

ENGINE_MODULES = ("deep_translator.google", "deep_translator.mymemory")


@dataclass(frozen=True)
class Timeouts:
    """Seconds to wait for a connection, and then for each read of the answer."""

    connect: float = 3.0
    read: float = 10.0

    def as_requests(self) -> tuple[float, float]:
        return (self.connect, self.read)


class TimeoutAdapter(HTTPAdapter):
    """An adapter that applies `timeouts` to every request sent without one; no retries."""

    def __init__(self, timeouts: Timeouts) -> None:
        super().__init__(max_retries=0)
        self.timeouts = timeouts

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        if timeout is None:
            timeout = self.timeouts.as_requests()
        return super().send(request, stream=stream, timeout=timeout, verify=verify,
                            cert=cert, proxies=proxies)


def timeout_session(timeouts: Timeouts) -> requests.Session:
    """A `requests.Session` whose http and https requests all carry `timeouts`."""
    session = requests.Session()
    adapter = TimeoutAdapter(timeouts)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


class SessionRouter:
    """Stands in for the `requests` module inside deep-translator's engine modules."""

    def __init__(self) -> None:
        self._local = threading.local()
        self._default: requests.Session | None = None
        self._default_lock = threading.Lock()

    def __getattr__(self, name: str):
        return getattr(requests, name)

    @contextmanager
    def using(self, session: requests.Session) -> Iterator[None]:
        """Send this thread's deep-translator requests through `session` for the block."""
        previous = getattr(self._local, "session", None)
        self._local.session = session
        try:
            yield
        finally:
            self._local.session = previous

    def current_session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is not None:
            return session
        with self._default_lock:
            if self._default is None:
                self._default = timeout_session(Timeouts())
            return self._default

    def get(self, url, params=None, **kwargs):
        return self.current_session().get(url, params=params, **kwargs)


_install_lock = threading.Lock()


def install_session_router() -> SessionRouter:
    """Route deep-translator's engine modules through one `SessionRouter` (idempotent)."""
    with _install_lock:
        router = None
        for name in ENGINE_MODULES:
            module = importlib.import_module(name)
            current = getattr(module, "requests", None)
            if isinstance(current, SessionRouter):
                router = current
        router = router or SessionRouter()
        for name in ENGINE_MODULES:
            module = importlib.import_module(name)
            if getattr(module, "requests", None) is not requests and not isinstance(
                    module.requests, SessionRouter):
                raise RuntimeError(f"{name} no longer uses requests as expected")
            module.requests = router
        return router
