"""A cross-process lock on a user file: `<name>.lock` beside it, held with flock/msvcrt."""
from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None
    import msvcrt


class LockTimeout(OSError):
    """Another process held the lock for longer than the timeout."""


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except (BlockingIOError, PermissionError):
        return False
    return True


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    else:  # pragma: no cover
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


@contextmanager
def file_lock(path: Path, timeout: float = 15.0) -> Iterator[None]:
    """Hold the lock of `path` (for every process and thread) while the block runs.

    Raises `LockTimeout` (one-line message) when it is not free within `timeout` seconds.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_name(path.name + ".lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        delay = 0.005
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                raise LockTimeout(f"{path.name} is being changed by another Reader process "
                                  f"(lock {lock_path.name} held for over {timeout:.0f} s); "
                                  "try again")
            time.sleep(delay)
            delay = min(delay * 2, 0.1)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
