"""Opening a web page: fetch it (bounded), extract the article, keep URL, outlet and date.

Limits: connect 5 s, the whole read 20 s, at most 20 MB, http and https only, at most 5
redirects (each hop checked). Every failure is a `WebPageError` with one line for the
reader: offline, a timeout, an HTTP error, not a web page, no article, too large. Nothing
here stores anything; `Library.store_web_page` does once the page is good.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from reader.core.library.encodings import TextInputError
from reader.core.library.importer import Prepared, prepare_extracted

CONNECT_S = 5.0
READ_S = 20.0
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) BilingualReader/1.0"


class WebPageError(TextInputError):
    """A web page that could not be opened (one line for the reader)."""


@dataclass
class Fetched:
    """The bytes of a page and what the server said about them."""

    url: str  # after redirects
    data: bytes
    charset: str | None


@dataclass
class WebPage:
    """A fetched page's article, ready to store, with where it came from."""

    url: str
    outlet: str
    published: str
    prepared: Prepared


def check_url(url: str) -> str:
    """The URL, trimmed; http and https only, with a host."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise WebPageError("only http:// and https:// addresses can be opened")
    if not parts.hostname:
        raise WebPageError(f"{url!r} has no host name")
    return url


def fetch(url: str, connect: float = CONNECT_S, read: float = READ_S,
          max_bytes: int = MAX_BYTES, max_redirects: int = MAX_REDIRECTS) -> Fetched:
    """GET a web page within the limits (redirects followed by hand, each one checked)."""
    import requests

    url = check_url(url)
    deadline = time.monotonic() + read
    with requests.Session() as session:
        for _hop in range(max_redirects + 1):
            host = urlsplit(url).hostname
            try:
                response = session.get(url, stream=True, allow_redirects=False,
                                       timeout=(connect, read),
                                       headers={"User-Agent": USER_AGENT})
            except requests.exceptions.ConnectTimeout:
                raise WebPageError(f"{host} did not answer within {connect:g} s") from None
            except requests.exceptions.ReadTimeout:
                raise WebPageError(f"{host} took longer than {read:g} s to answer") from None
            except requests.exceptions.ConnectionError:
                raise WebPageError(f"could not connect to {host} (offline?)") from None
            except requests.exceptions.RequestException as exc:
                raise WebPageError(f"could not open {url}: {type(exc).__name__}") from None
            with response:
                if response.is_redirect:
                    url = check_url(urljoin(url, response.headers.get("Location", "")))
                    continue
                return _read(response, url, deadline, read, max_bytes)
    raise WebPageError(f"too many redirects (more than {max_redirects})")


def _read(response, url: str, deadline: float, read: float, max_bytes: int) -> Fetched:
    import requests

    if response.status_code >= 400:
        raise WebPageError(f"the server answered {response.status_code} {response.reason}")
    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if kind and kind not in _HTML_TYPES:
        raise WebPageError(f"this is not a web page but {kind}")
    size = response.headers.get("Content-Length", "")
    if size.isdigit() and int(size) > max_bytes:
        raise WebPageError(f"the page is larger than {max_bytes // (1024 * 1024) or 1} MB")
    chunks, total = [], 0
    try:
        for chunk in response.iter_content(CHUNK):
            total += len(chunk)
            if total > max_bytes:
                raise WebPageError(f"the page is larger than {max_bytes // (1024 * 1024) or 1} MB")
            if time.monotonic() > deadline:
                raise WebPageError(f"the page took longer than {read:g} s to load")
            chunks.append(chunk)
    except requests.exceptions.RequestException:
        raise WebPageError(f"the page took longer than {read:g} s to load") from None
    data = b"".join(chunks)
    if not kind and b"<" not in data[:2048]:
        raise WebPageError("this is not a web page")
    return Fetched(url, data, response.encoding if "charset" in
                   response.headers.get("Content-Type", "").lower() else None)


def prepare_page(fetched: Fetched, title: str | None = None) -> WebPage:
    """Extract the article of a fetched page with the importer's HTML extraction."""
    from reader.core.library.extract import extract_html

    if b"\x00" in fetched.data[:4096]:
        raise WebPageError("this is not a web page (binary data)")
    extracted = extract_html(fetched.data, fetched.charset)
    prepared = prepare_extracted(extracted, title, fetched.url)
    outlet, published = _metadata(fetched)
    return WebPage(fetched.url, outlet, published, prepared)


def _metadata(fetched: Fetched) -> tuple[str, str]:
    """(outlet, publication date YYYY-MM-DD) from the page, the host name as a fallback."""
    import trafilatura

    from reader.core.library.extract import decode_html

    outlet, published = "", ""
    try:
        metadata = trafilatura.extract_metadata(decode_html(fetched.data, fetched.charset).text)
    except (TextInputError, ValueError, TypeError):
        metadata = None
    if metadata is not None:
        outlet = (metadata.sitename or "").strip()
        published = (metadata.date or "").strip()[:10]
    host = urlsplit(fetched.url).hostname or ""
    return outlet or host.removeprefix("www."), published


def open_web_page(url: str, title: str | None = None, **limits) -> WebPage:
    """Fetch and extract in one call (run it off the GUI thread)."""
    return prepare_page(fetch(url, **limits), title)
