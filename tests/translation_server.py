"""The project's only fake: a local HTTP server standing in for the translation engines.

It speaks just enough of each engine's protocol for deep-translator to parse the answer:
Google's mobile page (a `result-container` div) and MyMemory's JSON. The "translation"
is the text wrapped in EN[...], so tests can see exactly which chunk produced what.
"""
from __future__ import annotations

import html
import json
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from werkzeug.wrappers import Request, Response

GOOGLE_PATH = "/m"
MYMEMORY_PATH = "/get"


def fake_translation(text: str) -> str:
    return f"EN[{text}]"


def google_page(translation: str) -> str:
    return ("<html><body><div class=\"result-container\">"
            f"{html.escape(translation)}</div></body></html>")


def serve_google(httpserver, translate: Callable[[str], str] = fake_translation,
                 status: Callable[[int], int] | None = None) -> str:
    """Answer Google requests; `status(n)` may return an error status for the n-th request."""
    calls = {"n": 0}

    def handler(request: Request) -> Response:
        calls["n"] += 1
        code = status(calls["n"]) if status else 200
        if code != 200:
            return Response("error", status=code)
        return Response(google_page(translate(request.args["q"])), content_type="text/html; charset=utf-8")

    httpserver.expect_request(GOOGLE_PATH).respond_with_handler(handler)
    return httpserver.url_for(GOOGLE_PATH)


def serve_mymemory(httpserver, translate: Callable[[str], str] = fake_translation) -> str:
    def handler(request: Request) -> Response:
        body = {"responseData": {"translatedText": translate(request.args["q"])},
                "matches": [], "responseStatus": 200}
        return Response(json.dumps(body), content_type="application/json; charset=utf-8")

    httpserver.expect_request(MYMEMORY_PATH).respond_with_handler(handler)
    return httpserver.url_for(MYMEMORY_PATH)


def sent(httpserver, path: str = GOOGLE_PATH) -> list[dict]:
    """The query parameters of every request the server received on `path`."""
    return [dict(request.args) for request, _ in httpserver.log if request.path == path]


@contextmanager
def silent_server() -> Iterator[str]:
    """A URL whose server accepts connections (kernel backlog) and never answers."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}{GOOGLE_PATH}"
    finally:
        sock.close()
