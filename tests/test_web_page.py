"""Opening a web page: fetched from a real local server on 127.0.0.1 (article, slow page,
404, huge page, redirect loop, binary), stored with URL, outlet and date; the CLI and the
window's File › Open Web Page."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from reader.core.library.encodings import TextInputError
from reader.core.library.web import WebPageError, fetch, open_web_page

PARAGRAPH = "腾讯公司今天发布了新的云计算产品，银行行长表示欢迎。这是一个测试文章的段落。"
ARTICLE = f"""<!doctype html><html><head><meta charset="utf-8">
<title>腾讯发布新产品 - 测试日报</title>
<meta property="og:site_name" content="测试日报">
<meta property="article:published_time" content="2024-03-05T08:00:00+08:00">
</head><body><nav>首页 | 新闻 | 财经</nav><article><h1>腾讯发布新产品</h1>
{''.join(f'<p>{PARAGRAPH}第{n}段。</p>' for n in range(12))}
</article><footer>版权所有</footer></body></html>""".encode()


class Handler(BaseHTTPRequestHandler):
    """The test site's pages."""

    def log_message(self, *args) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, kind: str = "text/html; charset=utf-8",
              headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        path = self.path
        if path == "/article":
            self._send(200, ARTICLE)
        elif path == "/moved":
            self._send(302, b"", headers={"Location": "/article"})
        elif path == "/loop":
            self._send(302, b"", headers={"Location": "/loop"})
        elif path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(20):
                self.wfile.write(b"<p>" + "慢".encode() * 10 + b"</p>")
                self.wfile.flush()
                time.sleep(0.3)
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no length: the reader must stop counting itself
            chunk = b"<p>" + PARAGRAPH.encode() * 50 + b"</p>"
            try:
                for _ in range(2000):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/binary":
            self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10, "image/png")
        elif path == "/empty":
            self._send(200, b"<html><body><nav>home</nav></body></html>")
        else:
            self._send(404, b"<html><body>not found</body></html>")


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_article_page_is_extracted_with_outlet_and_date(site):
    """The article's text, without the site's navigation; outlet and date from the page."""
    page = open_web_page(f"{site}/moved")  # one redirect, followed
    assert page.url == f"{site}/article"
    assert PARAGRAPH in page.prepared.text and "首页" not in page.prepared.text
    assert page.prepared.title.startswith("腾讯发布新产品")
    assert page.outlet == "测试日报" and page.published == "2024-03-05"


@pytest.mark.parametrize("path,limits,message", [
    ("/missing", {}, "answered 404"),
    ("/loop", {}, r"too many redirects \(more than 5\)"),
    ("/binary", {}, "not a web page but image/png"),
    ("/huge", {"max_bytes": 200_000}, "larger than"),
    ("/slow", {"read": 1.0}, "longer than 1 s"),
    ("/empty", {}, "no article text"),
])
def test_failures_are_one_clear_line(site, path, limits, message):
    """Each failure gets its own one-line reason."""
    with pytest.raises(TextInputError, match=message) as info:
        open_web_page(f"{site}{path}", **limits)
    assert "\n" not in str(info.value)


def test_offline_and_bad_addresses(site):
    """A closed port reads as offline; only http(s) is allowed."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(WebPageError, match="could not connect to 127.0.0.1"):
        fetch(f"http://127.0.0.1:{port}/")
    with pytest.raises(WebPageError, match="only http"):
        fetch("file:///etc/passwd")


def test_cli_import_url_keeps_where_it_came_from(run_cli, services, site):
    """`import URL` adds the article with its URL, outlet and date; a failure adds nothing."""
    before = len(services.library.list())
    status, _, err = run_cli("import", f"{site}/missing")
    assert status == 2 and "404" in err and len(services.library.list()) == before
    status, out, err = run_cli("import", f"{site}/article")
    assert status == 0, err
    info, text = services.library.get(out.strip())
    assert PARAGRAPH in text
    assert info.extra["url"] == f"{site}/article"
    assert info.publication == "测试日报" and info.date == "2024-03-05"
    listed = next(i for i in services.library.list() if i.id == info.id)
    assert listed.publication == "测试日报"


def test_window_opens_a_web_page_off_the_gui_thread(qtbot, services, site):
    """File › Open Web Page fetches on a worker, adds the article and opens it; a failure
    says why in the status bar and adds nothing."""
    from reader.ui.main_window import MainWindow
    from reader.ui.web.feature import install

    window = MainWindow(services, persist=False, restore=False)
    qtbot.addWidget(window)
    window.show()
    feature = install(window, services)
    assert feature.action in window.menu("&File").actions()
    before = len(services.library.list())
    feature.open_url(f"{site}/binary")
    qtbot.waitUntil(lambda: "Could not open the web page" in window.statusBar().currentMessage(),
                    timeout=30_000)
    assert "image/png" in window.statusBar().currentMessage()
    assert len(services.library.list()) == before
    dialog = feature.ask()
    dialog.setTextValue(f"{site}/article")
    dialog.accept()
    qtbot.waitUntil(lambda: window.current_article() is not None
                    and window.current_article().publication == "测试日报", timeout=60_000)
    assert window.current_article().extra["url"] == f"{site}/article"
