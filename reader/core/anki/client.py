"""A client for AnkiConnect's JSON protocol (version 6) over HTTP, with typed, clear errors.

Every request goes to the one configured address and nowhere else: no proxies from the
environment, no redirects followed. A non-loopback address is refused until the user has
confirmed it once (`check_address`). Nothing is retried: a send that timed out may have
arrived, so the next send finds the notes through `findNotes` instead of duplicating them.
"""
from __future__ import annotations

import ipaddress
import json
from typing import Any
from urllib.parse import urlsplit

import requests

DEFAULT_URL = "http://127.0.0.1:8765"
API_VERSION = 6
CONNECT_TIMEOUT = 2.0
READ_TIMEOUT = 30.0


class AnkiError(Exception):
    """Talking to Anki failed; the message is one user-facing line."""


class AnkiNotRunning(AnkiError):
    """Nothing listens at the address (Anki closed, or the address is wrong)."""


class AnkiNotConnect(AnkiError):
    """Something answers at the address, but it is not AnkiConnect (add-on missing)."""


class AnkiKeyError(AnkiError):
    """AnkiConnect wants an API key and ours is missing or wrong."""


class AnkiVersionError(AnkiError):
    """The AnkiConnect add-on is older than protocol version 6."""


class AnkiBusy(AnkiError):
    """Anki did not answer in time, or closed the connection mid-request."""


class AnkiActionError(AnkiError):
    """AnkiConnect answered with an error for an action (e.g. an unknown note type)."""


class AnkiAddressError(AnkiError):
    """The address is malformed, or is not on this computer and was not confirmed."""


def normalise_url(url: str) -> str:
    """'127.0.0.1:8765' → 'http://127.0.0.1:8765'; raises AnkiAddressError when malformed."""
    url = url.strip() or DEFAULT_URL
    if "://" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AnkiAddressError(f"{url!r} is not an AnkiConnect address (like {DEFAULT_URL})")
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        raise AnkiAddressError(f"{url!r} has an invalid port") from None
    return url.rstrip("/")


def is_loopback(url: str) -> bool:
    """Whether the address is this computer (localhost, 127.0.0.0/8, ::1)."""
    host = urlsplit(normalise_url(url)).hostname or ""
    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_address(url: str, confirmed_remote: str = "") -> str:
    """The normalised address, or AnkiAddressError if it leaves this computer unconfirmed."""
    url = normalise_url(url)
    if not is_loopback(url) and url != normalise_url(confirmed_remote or DEFAULT_URL):
        raise AnkiAddressError(
            f"{url} is not on this computer: cards would be sent over the network. "
            "Confirm this address once in the Anki settings (or pass --allow-remote).")
    return url


def escape_search(text: str) -> str:
    """Text made literal inside a quoted Anki search term (quotes, backslash, wildcards)."""
    for char in ("\\", '"', "*", "_"):
        text = text.replace(char, "\\" + char)
    return text


def _error_for_reply(url: str, message: str) -> AnkiError:
    if "api key" in message.casefold():
        return AnkiKeyError(f"AnkiConnect at {url} refused the API key: set the key shown in "
                            "Anki (Tools → Add-ons → AnkiConnect → Config, apiKey)")
    return AnkiActionError(f"Anki answered: {message}")


class AnkiConnect:
    """One AnkiConnect endpoint. `invoke` runs one action, `multi` several in one request."""

    def __init__(self, url: str = DEFAULT_URL, key: str = "", *, confirmed_remote: str = "",
                 connect_timeout: float = CONNECT_TIMEOUT,
                 read_timeout: float = READ_TIMEOUT) -> None:
        self.url = check_address(url, confirmed_remote)
        self.key = key.strip()
        self.timeout = (connect_timeout, read_timeout)
        self._session = requests.Session()
        self._session.trust_env = False  # no proxy or netrc from the environment

    def close(self) -> None:
        self._session.close()

    def _request(self, action: str, params: dict) -> dict:
        body: dict[str, Any] = {"action": action, "version": API_VERSION, "params": params}
        if self.key:
            body["key"] = self.key
        return body

    def _post(self, body: dict) -> Any:
        try:
            reply = self._session.post(self.url, data=json.dumps(body).encode("utf-8"),
                                       headers={"Content-Type": "application/json"},
                                       timeout=self.timeout, allow_redirects=False)
        except requests.ConnectTimeout:
            raise AnkiNotRunning(f"Nothing answered at {self.url} within "
                                 f"{self.timeout[0]:g} s: is Anki running, and the address "
                                 "right?") from None
        except requests.ReadTimeout:
            raise AnkiBusy(f"Anki did not answer within {self.timeout[1]:g} s (busy, or a "
                           "dialog open in Anki?); what was not confirmed stays not yet in "
                           "Anki") from None
        except requests.ConnectionError as exc:
            if _refused(exc):
                raise AnkiNotRunning(f"Anki is not running at {self.url} (start Anki with "
                                     "the AnkiConnect add-on)") from None
            raise AnkiBusy(f"Anki closed the connection mid-request ({self.url}); what was "
                           "not confirmed stays not yet in Anki") from None
        except requests.RequestException as exc:
            raise AnkiNotConnect(f"Cannot talk to {self.url}: {exc}") from None
        return self._decode(reply)

    def _decode(self, reply: requests.Response) -> Any:
        not_connect = AnkiNotConnect(
            f"Something answers at {self.url}, but it is not AnkiConnect: is the AnkiConnect "
            "add-on installed and enabled in Anki (and the address right)?")
        if reply.status_code != 200:
            raise not_connect
        try:
            data = json.loads(reply.content.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise not_connect from None
        if not isinstance(data, dict) or set(data) != {"result", "error"}:
            raise not_connect
        if data["error"] is not None:
            raise _error_for_reply(self.url, str(data["error"]))
        return data["result"]

    def invoke(self, action: str, **params: Any) -> Any:
        """Run one action; its result, or an AnkiError."""
        return self._post(self._request(action, params))

    def multi(self, calls: list[tuple[str, dict]]) -> list[Any]:
        """Run several actions in one request; one entry per call: its result, or an
        AnkiActionError instance for a call Anki refused (a wrong key raises)."""
        if not calls:
            return []
        replies = self.invoke("multi", actions=[self._request(a, p) for a, p in calls])
        if not isinstance(replies, list) or len(replies) != len(calls):
            raise AnkiNotConnect(f"AnkiConnect at {self.url} gave a malformed multi reply")
        results: list[Any] = []
        for reply in replies:
            if isinstance(reply, dict) and set(reply) == {"result", "error"}:
                if reply["error"] is not None:
                    error = _error_for_reply(self.url, str(reply["error"]))
                    if isinstance(error, AnkiKeyError):
                        raise error
                    results.append(error)
                else:
                    results.append(reply["result"])
            else:
                results.append(reply)
        return results

    def version(self) -> int:
        """AnkiConnect's protocol version (≥ 6), or AnkiVersionError / another AnkiError."""
        found = self.invoke("version")
        if isinstance(found, bool) or not isinstance(found, int):
            raise AnkiNotConnect(f"{self.url} answered 'version' with {found!r}: not AnkiConnect")
        if found < API_VERSION:
            raise AnkiVersionError(
                f"AnkiConnect version {found} is too old; version {API_VERSION} or later is "
                "needed: update the add-on in Anki (Tools → Add-ons → Check for Updates)")
        return found


def _refused(exc: BaseException) -> bool:
    """Whether a requests ConnectionError means 'nothing listens' (vs. a dropped connection)."""
    seen: set[int] = set()
    stack: list[Any] = [exc]
    while stack:
        item = stack.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, ConnectionRefusedError):
            return True
        name = type(item).__name__
        if name in ("NewConnectionError", "NameResolutionError"):
            return True
        if isinstance(item, BaseException):
            stack.extend([item.__cause__, item.__context__, *item.args,
                          getattr(item, "reason", None)])
    return False
