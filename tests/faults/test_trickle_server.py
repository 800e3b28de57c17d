"""Translation against hostile servers (issue 12 §5), real ones on 127.0.0.1: a server that
trickles its answer ends at the total deadline, an oversized answer is refused, and in the
bilingual view one slow paragraph does not hold up the others."""
from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

import pytest

from reader.core.text.scripts import Script
from reader.core.translate import (
    ServiceError,
    TimedOutError,
    Timeouts,
    TranslationCache,
    Translator,
)
from tests.translation_server import GOOGLE_PATH, fake_translation, google_page
from tests.windows import READY_MS, window_with_translator

SENTENCE = "腾讯云正在加快产业互联网的布局。"


@contextmanager
def raw_server(answer: Callable[[socket.socket, str], None]) -> Iterator[str]:
    """A threaded HTTP server on 127.0.0.1; `answer(conn, q)` writes the whole response."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    stop = threading.Event()
    conns: list[socket.socket] = []

    def handle(conn: socket.socket) -> None:
        with conn:
            request = b""
            while b"\r\n\r\n" not in request:
                data = conn.recv(65536)
                if not data:
                    return
                request += data
            target = request.split(b" ", 2)[1].decode()
            query = parse_qs(urlsplit(target).query).get("q", [""])[0]
            try:
                answer(conn, query)
            except OSError:
                pass

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            conns.append(conn)
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}{GOOGLE_PATH}"
    finally:
        stop.set()
        try:
            listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() (close alone does not)
        except OSError:
            pass
        listener.close()
        for conn in conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def trickle(conn: socket.socket, stop: threading.Event, gap: float = 0.3) -> None:
    """Headers at once, then the body one byte per `gap` seconds until stopped."""
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
    while not stop.wait(gap):
        conn.sendall(b"<")


def answer_page(conn: socket.socket, query: str) -> None:
    body = google_page(fake_translation(query)).encode()
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                 b"Content-Length: %d\r\n\r\n" % len(body) + body)


def translator_for(tmp_path, settings, url: str, timeouts: Timeouts) -> Translator:
    cache = TranslationCache(tmp_path / "translations.sqlite3")
    return Translator(cache, settings, min_interval=0, backoff=0.01,
                      endpoints={"google": url}, timeouts=timeouts)


def test_trickling_answer_ends_at_the_total_deadline(tmp_path, services):
    """A byte every 0.3 s never trips the 1 s read timeout; the total deadline ends it,
    with a one-line message naming it, and nothing is cached."""
    stop = threading.Event()
    with raw_server(lambda conn, _q: trickle(conn, stop)) as url:
        translator = translator_for(tmp_path, services.settings, url,
                                    Timeouts(connect=1.0, read=1.0, total=2.0))
        with pytest.raises(TimedOutError) as caught:
            translator.translate(SENTENCE)
        stop.set()
    assert caught.value.phase == "total"
    assert "within 2 s" in str(caught.value) and "\n" not in str(caught.value)
    assert translator.cached(SENTENCE) is None


@pytest.mark.parametrize("declared", [True, False])
def test_oversized_answer_is_refused(tmp_path, services, declared):
    """3 MB of answer (with or without Content-Length) is refused past the 2 MB cap."""
    body = google_page("x" * 3_000_000).encode()

    def huge(conn: socket.socket, _query: str) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
        head += b"Content-Length: %d\r\n" % len(body) if declared else b"Connection: close\r\n"
        conn.sendall(head + b"\r\n")
        for i in range(0, len(body), 65536):
            conn.sendall(body[i:i + 65536])

    with raw_server(huge) as url:
        translator = translator_for(tmp_path, services.settings, url, Timeouts(1.0, 5.0))
        with pytest.raises(ServiceError, match="larger than 2 MB"):
            translator.translate(SENTENCE)


def test_normal_answer_still_reads(tmp_path, services):
    """The bounded read returns an ordinary answer whole."""
    with raw_server(answer_page) as url:
        translator = translator_for(tmp_path, services.settings, url, Timeouts(1.0, 5.0))
        assert translator.translate(SENTENCE).text == fake_translation(SENTENCE)


@pytest.mark.slow
def test_one_slow_paragraph_does_not_block_the_bilingual_view(qtbot, services, tmp_path):
    """The first paragraph's answer trickles; the paragraphs after it are translated while
    it is still being fetched."""
    from reader.core.library.corpus import ArticleInfo
    from reader.ui.translation.feature import TranslationFeature

    paragraphs = [f"第{i}段：腾讯云正在加快产业互联网的布局。" for i in range(6)]
    stop = threading.Event()

    def answer(conn: socket.socket, query: str) -> None:
        if query.startswith("第0段"):
            trickle(conn, stop)
        else:
            answer_page(conn, query)

    with raw_server(answer) as url:
        translator = translator_for(tmp_path, services.settings, url,
                                    Timeouts(connect=1.0, read=5.0, total=120.0))
        window, fresh = window_with_translator(qtbot, services, translator)
        feature = TranslationFeature(window, fresh, ask_consent=lambda *_: True)
        window.start()
        qtbot.waitUntil(lambda: window.current_document() is not None, timeout=READY_MS)
        text = "\n".join(paragraphs)
        window.open_text(ArticleInfo("scratch-t", "T", Script.SIMPLIFIED, len(text),
                                     source="scratch"), text)
        qtbot.waitUntil(lambda: window.current_document() is not None
                        and window.current_document().original == text, timeout=READY_MS)
        document = window.current_document()
        feature.set_bilingual(True)
        line = lambda i: feature.translation_line(document, i, window.current_view())  # noqa: E731
        qtbot.waitUntil(lambda: all(line(i) == fake_translation(paragraphs[i])
                                    for i in range(1, 4)), timeout=60_000)
        assert feature._paragraphs[paragraphs[0]][0] == "fetching"
        stop.set()
        window.close()
