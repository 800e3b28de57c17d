"""A pickle cache of parsed bundled data files, valid while the files are unchanged.

Parsing ~2,000 TOML tables with `tomllib` takes a few hundred milliseconds; the parsed
result is kept in the cache folder, keyed by each file's path, size and modification time
(and a format version), so later start-ups read it back in a few milliseconds. Any problem
with the cache (missing, stale, unreadable) just means parsing again. Each name keeps its
KEEP most recently written files (an upgrade or an edited file makes a new one; the folder
does not grow without bound).

Prebuilt: the wheel (and the checkout) ship these results for the bundled data in
`assets/prebuilt/` (`tools/prebuild.py` writes them; a test checks they are current). Each
is keyed by a digest of the source files' names and bytes (not their paths or times, which
differ on every install), so a first run reads them instead of parsing (~1 s of CPU saved).
A result whose pickle depends on a compiled library's layout (`native=True`: the glossary's
automaton) is keyed by that library's version and the machine's word size and byte order as
well; a prebuilt file that does not match is ignored and the data parsed as before.
"""
from __future__ import annotations

import functools
import hashlib
import pickle
import platform
import struct
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from reader.core.atomic import write_bytes_atomic

T = TypeVar("T")
VERSION = 2  # bump when the parsed classes change shape
KEEP = 4  # files kept per cache name (several checkouts or versions may share the folder)
PREBUILT = "prebuilt"  # the assets subfolder of shipped results
_MISSING = object()
# While a `collecting()` block runs: called with (name, header, value) for each parse.
_collector: Callable[[str, bytes, object], None] | None = None


def _stamp(files: Sequence[Path], version: int) -> str:
    parts = [str(version)]
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            parts.append(f"{path}:missing")
            continue
        parts.append(f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts)


def _native_key() -> str:
    """What a compiled library's pickle may depend on: its version, word size, byte order."""
    from reader.core.versions import NotInstalled, version

    try:
        library = version("pyahocorasick", module="ahocorasick")
    except NotInstalled:
        library = "none"
    return f"pyahocorasick {library} {struct.calcsize('P') * 8}-bit {sys.byteorder}" \
           f" {platform.machine()}"


def prebuilt_header(name: str, files: Sequence[Path], version: int = VERSION,
                    native: bool = False) -> bytes:
    """The first line of `name`'s prebuilt file for `files` as they are now: a digest of
    their names and bytes and the format versions (never paths or times), then one of the
    native key ('-' when the result does not depend on a compiled library). Raises OSError
    when a file cannot be read."""
    digest = hashlib.blake2b(f"{name}\0{VERSION}\0{version}\0".encode(), digest_size=16)
    digest.update(_contents_digest(tuple((str(p), *_size_and_time(p)) for p in files)))
    library = hashlib.blake2b(_native_key().encode(), digest_size=8).hexdigest() if native \
        else "-"
    return f"reader-prebuilt {name} {digest.hexdigest()} {library}\n".encode()


def _size_and_time(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


@functools.lru_cache(maxsize=16)
def _contents_digest(files: tuple[tuple[str, int, int], ...]) -> bytes:
    """A digest of the names and bytes of `files` ((path, size, mtime) each), read once per
    process while they are unchanged: the glossary's two results hash the same ~4 MB."""
    digest = hashlib.blake2b(digest_size=16)
    for name, _size, _time in files:
        path = Path(name)
        digest.update(f"\0{path.name}\0".encode())
        digest.update(path.read_bytes())
    return digest.digest()


def prebuilt_path(name: str) -> Path:
    """Where `name`'s prebuilt result ships."""
    from reader.core import paths

    return paths.assets_dir() / PREBUILT / f"{name}.pickle"


def _read_prebuilt(name: str, files: Sequence[Path], version: int, native: bool,
                   note: Path, stamp: str):
    """The shipped result for `files` as they are now, or _MISSING (none, or another's).

    Hashing the files (~10 ms for the glossary) is done once: `note`, in the cache folder
    and named for the files' stamp (paths, sizes, times), remembers the header it matched."""
    try:
        with prebuilt_path(name).open("rb") as handle:
            header = handle.readline()
            remembered = f"{stamp}\n{_native_key() if native else ''}\n".encode() + header
            if not checked_once(note, remembered,
                                lambda: header == prebuilt_header(name, files, version, native),
                                lambda: _prune(note.parent, name, ".prebuilt")):
                return _MISSING
            return pickle.load(handle)
    except Exception:  # missing, unreadable or from another library version: parse instead
        return _MISSING


def checked_once(note: Path, key: bytes, check: Callable[[], bool],
                 after_noting: Callable[[], None] = lambda: None) -> bool:
    """Whether `check()` holds, asked once per `key`: a pass is noted in the file `note`
    (atomically; `after_noting` runs then), and a later call whose note holds the same
    `key` trusts it. A damaged or different note means checking again; a note that cannot
    be written means checking again next time."""
    try:
        if note.read_bytes() == key:
            return True
    except OSError:
        pass
    if not check():
        return False
    try:
        write_bytes_atomic(note, key)
    except OSError:
        return True
    after_noting()
    return True


@contextmanager
def collecting() -> Iterator[dict[str, tuple[bytes, object]]]:
    """Parse everything anew (no cache, no prebuilt file) and collect each result by name,
    with its prebuilt header: what `tools/prebuild.py` writes."""
    global _collector
    found: dict[str, tuple[bytes, object]] = {}
    _collector = lambda name, header, value: found.__setitem__(name, (header, value))  # noqa: E731
    try:
        yield found
    finally:
        _collector = None


def cached(name: str, files: Sequence[Path], parse: Callable[[], T],
           version: int = VERSION, native: bool = False) -> T:
    """`parse()`'s result for `files`, from the cache when the files are unchanged, else
    from the prebuilt result shipped for them, else parsed (and cached). `native`: the
    result's pickle depends on a compiled library (see the module's note)."""
    from reader.core import paths

    collector = _collector
    if collector is not None:
        value = parse()
        collector(name, prebuilt_header(name, files, version, native), value)
        return value

    stamp = _stamp(files, version)
    key = hashlib.blake2b(stamp.encode(), digest_size=8).hexdigest()
    target = paths.cache_dir() / f"{name}-{key}.pickle"
    try:
        with target.open("rb") as handle:
            saved_stamp, value = pickle.load(handle)
        if saved_stamp == stamp:
            return value
    except Exception:  # missing, stale or unreadable: parse again
        pass
    value = _read_prebuilt(name, files, version, native, target.with_suffix(".prebuilt"), stamp)
    if value is not _MISSING:
        return value  # not copied into the cache: reading it again costs the same
    value = parse()
    try:
        write_bytes_atomic(target, pickle.dumps((stamp, value), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        return value
    _prune(target.parent, name, ".pickle")
    return value


def _prune(folder: Path, name: str, suffix: str) -> None:
    """Delete all but the KEEP newest `name-*{suffix}` files (best effort)."""
    entries = []
    for path in folder.glob(f"{name}-*{suffix}"):
        if path.stem.rpartition("-")[0] != name:
            continue  # another name that starts with this one
        try:
            entries.append((path.stat().st_mtime_ns, path))
        except OSError:
            continue
    entries.sort(reverse=True)
    for _, path in entries[KEEP:]:
        try:
            path.unlink()
        except OSError:
            pass
