"""A pickle cache of parsed bundled data files, valid while the files are unchanged.

Parsing ~2,000 TOML tables with `tomllib` takes a few hundred milliseconds; the parsed
result is kept in the cache folder, keyed by each file's path, size and modification time
(and a format version), so later start-ups read it back in a few milliseconds. Any problem
with the cache (missing, stale, unreadable) just means parsing again. Each name keeps its
KEEP most recently written files (an upgrade or an edited file makes a new one; the folder
does not grow without bound).
"""
from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from reader.core.atomic import write_bytes_atomic

T = TypeVar("T")
VERSION = 2  # bump when the parsed classes change shape
KEEP = 4  # files kept per cache name (several checkouts or versions may share the folder)


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


def cached(name: str, files: Sequence[Path], parse: Callable[[], T],
           version: int = VERSION) -> T:
    """`parse()`'s result for `files`, from the cache when the files are unchanged."""
    from reader.core import paths

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
    value = parse()
    try:
        write_bytes_atomic(target, pickle.dumps((stamp, value), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        return value
    _prune(target.parent, name)
    return value


def _prune(folder: Path, name: str) -> None:
    """Delete all but the KEEP newest `name-*.pickle` files (best effort)."""
    entries = []
    for path in folder.glob(f"{name}-*.pickle"):
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
