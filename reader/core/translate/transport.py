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

The connect and read timeouts bound each wait, not the whole answer: a server trickling
one byte every 5 s never trips them. So every `get` also has a total deadline (20 s) and
a size cap (2 MB, after decompression): the request runs on its own thread, the caller
waits until the deadline at most, and the body is read piece by piece and refused once
it passes the cap. At the deadline the socket is shut down, which ends the thread too.
"""
from __future__ import annotations

import importlib
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import requests
import urllib3
from requests.adapters import HTTPAdapter

ENGINE_MODULES = ("deep_translator.google", "deep_translator.mymemory")


@dataclass(frozen=True)
class Timeouts:
    """Seconds to wait for a connection, and then for each read of the answer."""

    connect: float = 3.0
    read: float = 10.0
    total: float = 20.0  # the whole request, answer included
    max_bytes: int = 2_000_000  # the answer, decompressed

    def as_requests(self) -> tuple[float, float]:
        return (self.connect, self.read)


class DeadlineExceeded(requests.exceptions.Timeout):
    """The whole request took longer than `Timeouts.total`."""


class ResponseTooLarge(requests.exceptions.RequestException):
    """The answer was larger than `Timeouts.max_bytes`."""


def bounded_get(session: requests.Session, url: str, timeouts: Timeouts,
                params=None, **kwargs) -> requests.Response:
    """`session.get` that returns or raises within `timeouts.total` seconds, with the body
    (at most `timeouts.max_bytes`) already read."""
    deadline = time.monotonic() + timeouts.total
    outcome: dict = {}
    done = threading.Event()

    def work() -> None:
        try:
            response = session.get(url, params=params, stream=True, **kwargs)
            outcome["response"] = response
            _read_body(response, timeouts.max_bytes, deadline)
            outcome["value"] = response
        except BaseException as exc:  # handed to the caller
            outcome["error"] = exc
        finally:
            done.set()

    threading.Thread(target=work, name="translate-request", daemon=True).start()
    if not done.wait(max(0.0, deadline - time.monotonic())):
        _abort(outcome.get("response"))
        raise DeadlineExceeded(f"no complete answer within {timeouts.total:g} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _read_body(response: requests.Response, limit: int, deadline: float) -> None:
    """Read the body as it arrives into `response` (so `.text` and `.json()` work)."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        response.close()
        raise ResponseTooLarge(f"answer of {int(declared):,} bytes")
    parts, size = [], 0
    raw = response.raw
    while True:
        if time.monotonic() > deadline:
            response.close()
            raise DeadlineExceeded("answer still arriving at the deadline")
        piece = _read_piece(raw)
        if not piece:
            break
        size += len(piece)
        if size > limit:
            response.close()
            raise ResponseTooLarge(f"answer over {limit:,} bytes")
        parts.append(piece)
    response._content = b"".join(parts)  # what `Response.content` would have read
    response._content_consumed = True
    response.close()


def _read_piece(raw) -> bytes:
    """One read of what has arrived, with urllib3's errors as requests' (as `.content`)."""
    try:
        return raw.read1(65536, decode_content=True)
    except urllib3.exceptions.ReadTimeoutError as exc:
        raise requests.exceptions.ReadTimeout(exc) from None
    except urllib3.exceptions.DecodeError as exc:
        raise requests.exceptions.ContentDecodingError(exc) from None
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        raise requests.exceptions.ConnectionError(exc) from None


def _abort(response: requests.Response | None) -> None:
    """Unblock the thread reading `response`: shut its socket down (best effort)."""
    if response is None:
        return
    connection = getattr(response.raw, "_connection", None)
    sock = getattr(connection, "sock", None)
    try:
        if sock is not None:
            sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


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

    def __init__(self, timeouts: Timeouts | None = None) -> None:
        self.timeouts = timeouts or Timeouts()
        self._local = threading.local()
        self._default: requests.Session | None = None
        self._default_lock = threading.Lock()

    def __getattr__(self, name: str):
        return getattr(requests, name)

    @contextmanager
    def using(self, session: requests.Session, timeouts: Timeouts | None = None
              ) -> Iterator[None]:
        """Send this thread's deep-translator requests through `session` for the block
        (with the deadline and size cap of `timeouts`)."""
        previous = getattr(self._local, "session", None), getattr(self._local, "timeouts", None)
        self._local.session, self._local.timeouts = session, timeouts
        try:
            yield
        finally:
            self._local.session, self._local.timeouts = previous

    def current_session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is not None:
            return session
        with self._default_lock:
            if self._default is None:
                self._default = timeout_session(Timeouts())
            return self._default

    def get(self, url, params=None, **kwargs):
        timeouts = getattr(self._local, "timeouts", None) or self.timeouts
        self._local.status = None
        response = bounded_get(self.current_session(), url, timeouts, params=params, **kwargs)
        self._local.status = response.status_code
        return response

    def last_status(self) -> int | None:
        """HTTP status of this thread's last answer (None if it had none)."""
        return getattr(self._local, "status", None)


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
