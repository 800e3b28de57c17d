"""OpenCC through its C API, so that loading and converting never hold the interpreter lock.

The `opencc` wheel's Python class (pybind11) keeps the interpreter lock while it loads a
configuration: s2t's phrase dictionary takes 70-130 ms, and every other thread, the
window's included, waits that long. The same extension module also exports OpenCC's C API
(`opencc_open`, `opencc_convert_utf8`, ... from OpenCC's `opencc.h`); called through
`ctypes`, which releases the lock around each call, the load and the conversions run while
other threads go on (the longest pause seen by a ticking thread: 2 ms instead of ~90 ms).
The output is OpenCC's own; a test compares it with the Python class on every
configuration the reader uses.

`open_converter("s2t.json")` gives such a converter, or None where the C API is not there (another
build of the wheel, a pure-Python OpenCC): the caller then uses `opencc.OpenCC`.
"""
from __future__ import annotations

import ctypes
import importlib.util
import threading
from functools import cache
from pathlib import Path


class NativeConverter:
    """One OpenCC configuration opened through the C API; `convert` as `opencc.OpenCC`'s."""

    def __init__(self, api: ctypes.CDLL, handle: int, config: str) -> None:
        self._api = api
        self._handle = handle
        self.config = config
        self._lock = threading.Lock()  # one conversion at a time per configuration

    def convert(self, text: str) -> str:
        if "\0" in text:  # the C API's output ends at a NUL; no phrase contains one
            return "\0".join(self.convert(piece) for piece in text.split("\0"))
        data = text.encode("utf-8")
        with self._lock:
            result = self._api.opencc_convert_utf8(self._handle, data, len(data))
            if not result:
                raise RuntimeError(f"OpenCC could not convert: {_error(self._api)}")
            try:
                return ctypes.string_at(result).decode("utf-8")
            finally:
                self._api.opencc_convert_utf8_free(result)


def open_converter(config: str) -> NativeConverter | None:
    """`config` (a configuration file of the wheel, such as "s2t.json") opened through
    OpenCC's C API; None when the C API is not available. A configuration that fails to
    load raises RuntimeError."""
    found = _api()
    if found is None:
        return None
    api, share = found
    path = share / config
    handle = api.opencc_open(str(path).encode())  # loads without the interpreter lock
    if not handle or handle == ctypes.c_void_p(-1).value:
        raise RuntimeError(f"OpenCC could not open {path.name}: {_error(api)}")
    return NativeConverter(api, handle, config)


@cache
def _api() -> tuple[ctypes.CDLL, Path] | None:
    """The opencc wheel's extension module as a C library, and its configuration folder."""
    # found, not imported: the Python class (and its pybind11 module set-up) is not needed
    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "clib"
    share = folder / "share" / "opencc"
    modules = sorted(folder.glob("opencc_clib*"))
    if not modules or not (share / "s2t.json").is_file():
        return None
    try:
        api = ctypes.CDLL(str(modules[0]))
        api.opencc_open.restype = ctypes.c_void_p
        api.opencc_open.argtypes = [ctypes.c_char_p]
        api.opencc_convert_utf8.restype = ctypes.c_void_p
        api.opencc_convert_utf8.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t]
        api.opencc_convert_utf8_free.restype = None
        api.opencc_convert_utf8_free.argtypes = [ctypes.c_void_p]
        api.opencc_error.restype = ctypes.c_char_p
        api.opencc_error.argtypes = []
    except (OSError, AttributeError):  # not a loadable library, or no C API in it
        return None
    return api, share


def _error(api: ctypes.CDLL) -> str:
    message = api.opencc_error()
    return message.decode("utf-8", "replace") if message else "unknown error"
